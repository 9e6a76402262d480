"""One 404 page per language: /404.html (default language) and /<lang>/404.html.

Every language build writes the theme's 404.html to the site root (upstream i18n #284): after a
non-default build, move its 404 into /<lang>/ and put the default language's back.

The language switcher on a 404 points at each language's home. mkdocs-static-i18n rewrites
`extra.alternate` for every page and never resets it for 404.html, so without this a 404 would
offer the localised versions of whichever page was built last.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from hulproute import mkdocs_glue
from hulproute.errors import SiteError

_DEFAULT_404: dict[str, bytes] = {}


@mkdocs_glue.reported
def on_template_context(context: dict[str, Any], *, template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    """Give the 404 the language-home links (absolute: a 404 is served at any address)."""
    if template_name == "404.html":
        mkdocs_glue.switch_to_language_homes(config)
    return context


@mkdocs_glue.reported
def on_post_build(*, config: MkDocsConfig, **_: Any) -> None:
    root_404 = Path(config.site_dir) / "404.html"
    if not root_404.exists():
        raise SiteError("the theme wrote no 404.html", "restore overrides/404.html")
    if mkdocs_glue.is_default_language(config):
        _DEFAULT_404["html"] = root_404.read_bytes()
        return
    target = Path(config.site_dir) / mkdocs_glue.language(config) / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    root_404.replace(target)
    root_404.write_bytes(_DEFAULT_404["html"])
