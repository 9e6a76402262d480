"""The editors' preview (scripts/serve.py, `extra.hulproute.preview`): a rebuild after a save
builds only the pages whose inputs changed (hulproute/preview_cache.py); a full build is untouched.

on_files runs last (-300), once every page, generated ones included, is in the list.
"""
from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from hulproute import mkdocs_glue


@event_priority(-300)
@mkdocs_glue.reported
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    if mkdocs_glue.settings(config).preview:
        mkdocs_glue.mark_unchanged_pages(files, config)
    return files


@event_priority(-300)
def on_post_build(*, config: MkDocsConfig) -> None:
    if mkdocs_glue.settings(config).preview and not mkdocs_glue.is_nested_build(config):
        mkdocs_glue.preview_finished(succeeded=True)


def on_build_error(*, error: Exception) -> None:
    mkdocs_glue.preview_finished(succeeded=False)
