"""After all languages are built: a strict Content-Security-Policy meta on every page, and the
same policy as HTTP headers for nginx, Netlify and Cloudflare Pages (hulproute/hosting.py).

Runs once, in the outermost build (after mkdocs-static-i18n's on_post_build at -100 has built
the other languages), while Pagefind indexes the pages (hooks/search.py: its folders are left
alone here). Skipped by `mkdocs serve`, whose live-reload script is inline.
"""
from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from hulproute import hosting, mkdocs_glue, search_index

def on_startup(*, command: str, dirty: bool) -> None:
    mkdocs_glue.remember_command(command)


@event_priority(-200)
@mkdocs_glue.reported
def on_post_build(*, config: MkDocsConfig) -> None:
    if mkdocs_glue.is_nested_build(config) or mkdocs_glue.is_serving():
        return
    hosting.publish(config.site_dir, mkdocs_glue.current_state(config).data, mkdocs_glue.settings(config).exit_url,
                    elsewhere=search_index.WORKING_FOLDERS)
