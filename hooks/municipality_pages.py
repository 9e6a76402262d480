"""Add the generated municipality pages (and their index) for the language being built.

Priority -200: after mkdocs-static-i18n's on_files (-100), which would crash on generated files.
"""
from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from hulproute import mkdocs_glue


@event_priority(-200)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    state = mkdocs_glue.current_state()
    language = mkdocs_glue.i18n_plugin(config).current_language
    made = mkdocs_glue.generated_files(config, state.pages, language, state.data.language_codes)
    return mkdocs_glue.add_generated_files(files, config, made)
