"""Per-language wiring: description, nav titles and template strings from data/strings/."""
from __future__ import annotations

from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from hulproute import mkdocs_glue


def _language(config: MkDocsConfig) -> str:
    return mkdocs_glue.i18n_plugin(config).current_language


@event_priority(-150)
def on_config(config: MkDocsConfig, **_: Any) -> MkDocsConfig:
    config.site_description = mkdocs_glue.current_state().data.strings[_language(config)]["site_description"]
    return config


@event_priority(-150)
def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    """Nav titles in mkdocs.yml are keys of data/strings/*.yaml, so they are translated once."""
    strings = mkdocs_glue.current_state().data.strings[_language(config)]
    for item in nav:
        _translate(item, strings)
    return nav


def _translate(item: Any, strings: dict[str, Any]) -> None:
    title = getattr(item, "title", None)
    if title is not None and title.startswith("nav_"):
        if title not in strings:
            raise RuntimeError(f"nav title '{title}' in mkdocs.yml has no entry in data/strings/*.yaml")
        item.title = strings[title]
    for child in getattr(item, "children", None) or []:
        _translate(child, strings)


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    language = _language(config)
    state = mkdocs_glue.current_state()
    env.globals["hr"] = state.data.strings[language]
    env.globals["hr_renderer"] = state.renderers[language]
    env.globals["hr_prefix"] = "" if language == state.data.default_language else f"{language}/"
    return env


@event_priority(50)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Hand-written pages may use macros such as {{ emergency_panel() }} (phone numbers from data)."""
    return mkdocs_glue.current_state().renderers[_language(config)].render_markdown(markdown)
