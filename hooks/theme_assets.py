"""Leave Material's unused files (JavaScript bundle, search workers, palette, source maps) out of
the site (hulproute/theme_assets.py)."""
from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from hulproute import mkdocs_glue, theme_assets


@mkdocs_glue.reported
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    for file in [f for f in files if not f.is_documentation_page() and theme_assets.is_unused(f.src_uri)]:
        files.remove(file)
    return files
