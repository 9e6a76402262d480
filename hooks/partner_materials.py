"""After all languages are built: the materials pages of every campaign and municipality (QR
code, poster, flyer, help block; hulproute/partners.py), written straight into the site.

Runs once, in the outermost build (after mkdocs-static-i18n's on_post_build at -100 has written
the other languages, before the search index at -150 and the CSP at -200, which every page
written here gets too), for `mkdocs build` and `mkdocs serve` alike.
"""
from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from hulproute import mkdocs_glue, partners

log = logging.getLogger("mkdocs.hooks.partner_materials")


@event_priority(-120)
@mkdocs_glue.reported
def on_post_build(*, config: MkDocsConfig) -> None:
    if mkdocs_glue.is_nested_build(config):
        return
    state = mkdocs_glue.current_state(config)
    count = partners.write_materials(config.site_dir, state.renderers, state.site_url,
                                     mkdocs_glue.settings(config).exit_url, state.municipalities)
    log.info(f"materials for organisations: {count} files")
