"""Render the pages generated from data (municipality pages, their index, route-finder steps)
in every language, once, in the outermost build's on_config (priority 90: after hooks/data.py
loaded the data, before MkDocs touches the site folder, so a template error leaves an earlier
build untouched); add them for the language being built, and render them without running their
HTML through Markdown (hulproute/page_blocks.py).

on_files at priority -200: after mkdocs-static-i18n's on_files (-100), which would crash on
generated files.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from hulproute import mkdocs_glue
from hulproute.site_state import DEFAULT_SITE_URL, BuildState


@event_priority(90)
@mkdocs_glue.reported
def on_config(config: MkDocsConfig, **_: object) -> MkDocsConfig:
    if mkdocs_glue.is_nested_build(config):
        return config  # a nested language build: the pages were rendered by the outer build
    settings = mkdocs_glue.settings(config)
    data = mkdocs_glue.current_data(config)
    today = mkdocs_glue.build_day(config)

    def render() -> BuildState:
        languages = mkdocs_glue.built_languages(config) if settings.preview else None  # scripts/serve.py
        return BuildState.render(data, set(settings.only_municipalities) or None, Path(config.docs_dir), today,
                                 config.site_url or DEFAULT_SITE_URL, languages)

    mkdocs_glue.set_state(config, mkdocs_glue.preview_state(config, render) if settings.preview else render())
    return config


@event_priority(-200)
@mkdocs_glue.reported
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    return mkdocs_glue.add_generated_pages(files, config, mkdocs_glue.current_state(config).pages)


@mkdocs_glue.reported
def on_pre_page(page: Page, *, config: MkDocsConfig, files: Files) -> Page:
    return mkdocs_glue.use_fast_render(page)
