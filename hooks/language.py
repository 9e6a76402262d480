"""Per-language wiring: description, nav titles, template strings and macros from data/."""
from __future__ import annotations

from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from hulproute import mkdocs_glue
from hulproute.compiled_templates import THEME_TEMPLATES
from hulproute.errors import SiteError
from hulproute.urls import language_prefix


@event_priority(-150)
@mkdocs_glue.reported
def on_config(config: MkDocsConfig, **_: Any) -> MkDocsConfig:
    config.site_description = mkdocs_glue.current_state(config).data.strings[mkdocs_glue.language(config)]["site_description"]
    return config


@event_priority(-150)
@mkdocs_glue.reported
def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    """Nav titles in mkdocs.yml are keys of data/strings/*.yaml, so they are translated once."""
    strings = mkdocs_glue.current_state(config).data.strings[mkdocs_glue.language(config)]
    for item in nav:
        _translate(item, strings)
    return nav


def _translate(item: Any, strings: dict[str, Any]) -> None:
    title = getattr(item, "title", None)
    if title is not None and title.startswith("nav_"):
        if title not in strings:
            raise SiteError(f"mkdocs.yml: nav title '{title}' has no text in data/strings/*.yaml",
                            f"add '{title}: \"…\"' to data/strings/nl.yaml and translate it")
        item.title = strings[title]
    for child in getattr(item, "children", None) or []:
        _translate(child, strings)


@mkdocs_glue.reported
def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    language = mkdocs_glue.language(config)
    state = mkdocs_glue.current_state(config)
    env.bytecode_cache = THEME_TEMPLATES
    env.globals["hr"] = state.data.strings[language]
    env.globals["hr_renderer"] = state.renderers[language]
    env.globals["hr_prefix"] = language_prefix(language, state.data.default_language)
    return env


@event_priority(50)
@mkdocs_glue.reported
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Hand-written pages may use macros such as {{ emergency_panel() }} (phone numbers from data).
    Generated pages were rendered once from data and are never templated again: text in data/
    is never template code. Any page may have everyday search words (data/search/<lang>.yaml),
    which overrides/main.html puts where only the search index reads them."""
    state = mkdocs_glue.current_state(config)
    terms = state.data.search_terms.get(mkdocs_glue.language(config), {}).get(mkdocs_glue.site_path(page))
    if terms:
        page.meta["hr_search_terms"] = "; ".join(terms)
    if mkdocs_glue.is_generated(page):
        return markdown
    renderer = state.renderers[mkdocs_glue.language(config)]
    return renderer.render_markdown(markdown, mkdocs_glue.page_path(page))
