"""Build the other languages on both cores (hulproute/mkdocs_glue.share_language_builds).

Priority -90: in the outermost build, after the default language's own post-build work (hooks
at 0: its 404 page, the route finder's table) and before mkdocs-static-i18n's on_post_build
(-100), whose loop then builds half of the languages here while a forked process builds the
other half. `mkdocs serve` and the editors' preview build one process, as before.
"""
from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from hulproute import forked, mkdocs_glue


@event_priority(-90)
@mkdocs_glue.reported
def on_post_build(*, config: MkDocsConfig) -> None:
    if mkdocs_glue.is_nested_build(config) or mkdocs_glue.is_serving() or mkdocs_glue.settings(config).preview:
        return
    if forked.available():
        mkdocs_glue.share_language_builds(config)


def on_build_error(*, error: Exception) -> None:
    mkdocs_glue.cancel_shared_language_builds()
