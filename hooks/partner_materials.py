"""The materials pages of every campaign and municipality (QR code, poster, flyer, help block;
hulproute/partners.py), written straight into the site.

They need nothing MkDocs makes, only the data, so a build writes them in a forked process on the
second core (hulproute/forked.py), started as soon as the data is valid (on_config at 95: after
hooks/data.py, before the pages are rendered at 90), into a hidden folder of the site that
MkDocs' cleaning leaves alone. After all languages are built (on_post_build at -120: after
mkdocs-static-i18n's at -100, before the search index at -150 and the CSP at -200, which every
page written here gets too) they are moved into place. `mkdocs serve` writes them in its own
process, on each rebuild; the editors' preview (scripts/serve.py) leaves them out, and says so.
"""
from __future__ import annotations

import logging
import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from hulproute import forked, mkdocs_glue, partners, staging
from hulproute.site_state import DEFAULT_SITE_URL, built_municipalities, renderers_for

log = logging.getLogger("mkdocs.hooks.partner_materials")
_RUNNING: dict[str, forked.ForkedTask] = {}
# Inside the site, hidden: MkDocs' cleaning of the site folder skips names that begin with a dot.
STAGING = ".materials-in-progress"


def _write(config: MkDocsConfig, site_dir: Path) -> int:
    data = mkdocs_glue.current_data(config)
    settings = mkdocs_glue.settings(config)
    renderers = renderers_for(data, Path(config.docs_dir), mkdocs_glue.build_day(config))
    return partners.write_materials(site_dir, renderers, config.site_url or DEFAULT_SITE_URL, settings.exit_url,
                                    built_municipalities(data, set(settings.only_municipalities) or None))


@event_priority(95)
@mkdocs_glue.reported
def on_config(config: MkDocsConfig, **_: object) -> MkDocsConfig:
    if mkdocs_glue.settings(config).preview or mkdocs_glue.is_nested_build(config) or mkdocs_glue.is_serving():
        return config
    if forked.available():
        folder = Path(config.site_dir) / STAGING
        shutil.rmtree(folder, ignore_errors=True)  # a stopped plain `mkdocs build` may have left one
        _RUNNING["materials"] = forked.ForkedTask(_write, config, folder)
    return config


@event_priority(-120)
@mkdocs_glue.reported
def on_post_build(*, config: MkDocsConfig) -> None:
    if mkdocs_glue.is_nested_build(config):
        return
    if mkdocs_glue.settings(config).preview:
        log.info("preview: materials for organisations not built")
        return
    task = _RUNNING.pop("materials", None)
    if task:
        count = task.result()
        folder = Path(config.site_dir) / STAGING
        staging.move_tree(folder, Path(config.site_dir))
        shutil.rmtree(folder)
    else:
        count = _write(config, Path(config.site_dir))
    log.info(f"materials for organisations: {count} files")


def on_build_error(*, error: Exception) -> None:
    task = _RUNNING.pop("materials", None)
    if task:
        task.cancel()
