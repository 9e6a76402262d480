"""One 404 page per language: /404.html (default language) and /<lang>/404.html.

Every language build writes the theme's 404.html to the site root (upstream i18n #284): after a
non-default build, move its 404 into /<lang>/ and put the default language's back.

The language switcher on a 404 points at each language's home. mkdocs-static-i18n rewrites
`extra.alternate` for every page and never resets it for 404.html, so without this a 404 would
offer the localised versions of whichever page was built last.
"""
from __future__ import annotations

from copy import deepcopy
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from hulproute import mkdocs_glue

_DEFAULT_404: dict[str, bytes] = {}


def on_template_context(context: dict[str, Any], *, template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    """Give the 404 the plugin's language-root links (absolute paths: a 404 is served anywhere)."""
    if template_name != "404.html":
        return context
    roots = mkdocs_glue.i18n_plugin(config).extra_alternate
    if not roots or any(not alt.get("link", "").startswith(("/", "http://", "https://")) for alt in roots):
        raise RuntimeError(
            "mkdocs-static-i18n gave no absolute language-root links (extra_alternate) for the "
            f"404 switcher: {roots!r}; check the plugin version pinned in requirements.txt")
    # An attribute, as the plugin sets it per page (it shadows the mapping key for Jinja).
    config.extra.alternate = deepcopy(roots)
    return context


def on_post_build(*, config: MkDocsConfig, **_: Any) -> None:
    plugin = mkdocs_glue.i18n_plugin(config)
    root_404 = Path(config.site_dir) / "404.html"
    if not root_404.exists():
        raise RuntimeError("the theme wrote no 404.html; check overrides/404.html")
    if plugin.current_language == plugin.default_language:
        _DEFAULT_404["html"] = root_404.read_bytes()
        return
    target = Path(config.site_dir) / plugin.current_language / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    root_404.replace(target)
    root_404.write_bytes(_DEFAULT_404["html"])
