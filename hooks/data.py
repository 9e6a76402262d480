"""Validate data/ and render every generated page before MkDocs touches the site folder.

Runs first in the outermost (default-language) build only: the i18n plugin re-runs every event
for each language, nested inside its own on_post_build.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from hulproute import mkdocs_glue
from hulproute.errors import DataError
from hulproute.site_state import BuildState


@event_priority(100)
def on_config(config: MkDocsConfig, **_: object) -> MkDocsConfig:
    if mkdocs_glue.i18n_plugin(config).building:
        return config  # a nested language build: data was loaded by the outer build
    settings = mkdocs_glue.hulproute_settings(config)
    try:
        state = BuildState.prepare(settings["data_dir"], settings["only_municipalities"], Path(config.docs_dir))
        mkdocs_glue.check_languages(config, state.data)
    except (DataError, RuntimeError) as exc:
        # PluginError: MkDocs prints the message without a traceback and writes nothing.
        raise PluginError(str(exc)) from None
    mkdocs_glue.set_state(state)
    return config
