"""The materials pages of every campaign and municipality (QR code, poster, flyer, help block;
hulproute/partners.py), written straight into the site.

They need nothing MkDocs makes, so a build writes them in a forked process on the second core
(hulproute/forked.py), started once the site folder is clean (the outermost on_files) and awaited
after all languages are built (on_post_build at -120: after mkdocs-static-i18n's at -100, before
the search index at -150 and the CSP at -200, which every page written here gets too).
`mkdocs serve` writes them in its own process, on each rebuild; the editors' preview
(scripts/serve.py) leaves them out, and says so.
"""
from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from hulproute import forked, mkdocs_glue, partners

log = logging.getLogger("mkdocs.hooks.partner_materials")
_RUNNING: dict[str, forked.ForkedTask] = {}


def _write(config: MkDocsConfig) -> int:
    state = mkdocs_glue.current_state(config)
    return partners.write_materials(config.site_dir, state.renderers, state.site_url,
                                    mkdocs_glue.settings(config).exit_url, state.municipalities)


@mkdocs_glue.reported
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    if mkdocs_glue.settings(config).preview:
        return files
    if not mkdocs_glue.is_nested_build(config) and not mkdocs_glue.is_serving() and forked.available():
        _RUNNING["materials"] = forked.ForkedTask(_write, config)
    return files


@event_priority(-120)
@mkdocs_glue.reported
def on_post_build(*, config: MkDocsConfig) -> None:
    if mkdocs_glue.is_nested_build(config):
        return
    if mkdocs_glue.settings(config).preview:
        log.info("preview: materials for organisations not built")
        return
    task = _RUNNING.pop("materials", None)
    count = task.result() if task else _write(config)
    log.info(f"materials for organisations: {count} files")


def on_build_error(*, error: Exception) -> None:
    task = _RUNNING.pop("materials", None)
    if task:
        task.cancel()
