"""After all languages are built: the Pagefind search index (hulproute/search_index.py).

Pagefind runs in its own process while the pages are finished (hooks/security.py at -200 puts
the CSP and the stylesheet in every page, leaving Pagefind's folders alone): started once all
languages are on disk (at -150, after mkdocs-static-i18n's on_post_build at -100 has written
the other languages and hooks/partner_materials.py at -120 has moved the materials in), awaited
at -250, when its own files are compressed. For `mkdocs build` and `mkdocs serve` alike: serve
rebuilds the index on every rebuild, so the preview never searches an older version of the
pages. The editors' preview (scripts/serve.py) leaves it out, and says so.
"""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import CombinedEvent, event_priority

from hulproute import hosting, mkdocs_glue, search_index

log = logging.getLogger("mkdocs.hooks.search")
_RUNNING: dict[str, search_index.RunningIndex] = {}


@event_priority(-150)
@mkdocs_glue.reported
def _start_index(*, config: MkDocsConfig) -> None:
    if mkdocs_glue.is_nested_build(config):
        return
    if mkdocs_glue.settings(config).preview:
        log.info("preview: no search index")
        return
    _RUNNING["index"] = search_index.start(config.site_dir, mkdocs_glue.current_state(config).data.language_codes)


@event_priority(-250)
@mkdocs_glue.reported
def _finish_index(*, config: MkDocsConfig) -> None:
    running = _RUNNING.pop("index", None)
    if mkdocs_glue.is_nested_build(config) or running is None:
        return
    summary = running.finish()
    if not mkdocs_glue.is_serving():  # as hosting.publish compresses the rest of the site
        hosting.precompress(Path(config.site_dir) / search_index.OUTPUT)
    log.info(str(summary))


on_post_build = CombinedEvent(_start_index, _finish_index)


def on_build_error(*, error: Exception) -> None:
    running = _RUNNING.pop("index", None)
    if running is not None:
        running.cancel()
