"""After all languages are built: the Pagefind search index (hulproute/search_index.py).

Runs once, in the outermost build (after mkdocs-static-i18n's on_post_build at -100 has written
the other languages, before hooks/security.py at -200 precompresses the files), for
`mkdocs build` and `mkdocs serve` alike: serve rebuilds the index on every rebuild, so the
preview never searches an older version of the pages. The editors' preview (scripts/serve.py)
leaves it out, and says so.
"""
from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from hulproute import mkdocs_glue, search_index

log = logging.getLogger("mkdocs.hooks.search")


@event_priority(-150)
@mkdocs_glue.reported
def on_post_build(*, config: MkDocsConfig) -> None:
    if mkdocs_glue.is_nested_build(config):
        return
    if mkdocs_glue.settings(config).preview:
        log.info("preview: no search index")
        return
    summary = search_index.build(config.site_dir, mkdocs_glue.current_state(config).data.language_codes)
    log.info(str(summary))
