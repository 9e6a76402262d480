"""Add the pages generated from data (municipality pages, their index, route-finder steps) for
the language being built, and render them without running their HTML through Markdown
(hulproute/page_blocks.py).

Priority -200: after mkdocs-static-i18n's on_files (-100), which would crash on generated files.
"""
from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from hulproute import mkdocs_glue


@event_priority(-200)
@mkdocs_glue.reported
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    return mkdocs_glue.add_generated_pages(files, config, mkdocs_glue.current_state(config).pages)


@mkdocs_glue.reported
def on_pre_page(page: Page, *, config: MkDocsConfig, files: Files) -> Page:
    return mkdocs_glue.use_fast_render(page)
