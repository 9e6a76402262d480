"""Validate data/ and docs/ before MkDocs touches the site folder; hooks/municipality_pages.py
then renders every generated page from the data (priority 90), after the materials have started
on the second core (hooks/partner_materials.py, 95).

Runs first in the outermost (default-language) build only: the i18n plugin re-runs every event
for each language, nested inside its own on_post_build. What the content lint forbids (typed
phone numbers, unknown sources, bad front matter, a missing translation) stops the build here,
so a site that builds also passes the content rules.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from hulproute import content, mkdocs_glue
from hulproute.errors import ContentError
from hulproute.loader import load_site_data


@event_priority(100)
@mkdocs_glue.reported
def on_config(config: MkDocsConfig, **_: object) -> MkDocsConfig:
    if mkdocs_glue.is_nested_build(config):
        return config  # a nested language build: data was loaded by the outer build
    settings = mkdocs_glue.settings(config)
    docs_dir = Path(config.docs_dir)
    data = load_site_data(mkdocs_glue.data_dir(config, settings))
    mkdocs_glue.check_languages(config, data)
    problems = content.lint(docs_dir, data)
    if problems:
        raise ContentError(problems)
    mkdocs_glue.set_data(config, data)
    return config
