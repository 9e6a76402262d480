"""After all languages are built: a strict Content-Security-Policy meta on every page, and the
same policy as HTTP headers for nginx, Netlify and Cloudflare Pages (hulproute/hosting.py).

Runs once, in the outermost build (after mkdocs-static-i18n's on_post_build at -100 has built
the other languages). Skipped by `mkdocs serve`, whose live-reload script is inline.
"""
from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from hulproute import hosting, mkdocs_glue
from hulproute.errors import DataError

_COMMAND: dict[str, str] = {}


def on_startup(*, command: str, dirty: bool) -> None:
    _COMMAND["name"] = command


@event_priority(-200)
def on_post_build(*, config: MkDocsConfig) -> None:
    if mkdocs_glue.i18n_plugin(config).building or _COMMAND.get("name") == "serve":
        return
    try:
        hosting.publish(config.site_dir, mkdocs_glue.current_state().data)
    except DataError as exc:  # a redirect that does not fit the built site: no traceback
        raise PluginError(str(exc)) from None
