"""Write the route finder's location table (a data file, not a page) into the site.

Once, in the default-language build: the table is the same for every language, and the i18n
plugin builds the other languages into the same folder without cleaning it.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from hulproute import mkdocs_glue


@mkdocs_glue.reported
def on_post_build(*, config: MkDocsConfig, **_: Any) -> None:
    if not mkdocs_glue.is_default_language(config):
        return
    for site_path, content in mkdocs_glue.current_state(config).assets.items():
        target = Path(config.site_dir) / site_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
