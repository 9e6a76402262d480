"""Per-build state shared by the hooks: validated data and every generated page, rendered up front.

Everything is rendered in the first `on_config` of a build, before MkDocs cleans or writes the
site folder, so a data or template error leaves an earlier build untouched.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from hulproute.loader import SiteData, load_site_data
from hulproute.render import Renderer, municipality_index_path, municipality_path


@dataclass
class GeneratedPage:
    """A page made from data: its language-neutral path and its Markdown per language."""

    norm_src_uri: str
    in_nav: bool
    markdown: dict[str, str] = field(default_factory=dict)


@dataclass
class BuildState:
    data: SiteData
    renderers: dict[str, Renderer]
    pages: list[GeneratedPage]

    @classmethod
    def prepare(cls, data_dir: Path, only_municipalities: Optional[set[str]] = None,
                docs_dir: Optional[Path] = None) -> "BuildState":
        """Load and validate data, then render every generated page in every language."""
        data = load_site_data(data_dir)
        renderers = {code: Renderer(data, code, docs_dir) for code in data.language_codes}
        municipalities = [
            m for m in data.municipalities if only_municipalities is None or m.code in only_municipalities
        ]
        pages = [GeneratedPage(municipality_index_path(), in_nav=True)]
        pages += [GeneratedPage(municipality_path(m.slug), in_nav=False) for m in municipalities]
        for code, renderer in renderers.items():
            pages[0].markdown[code] = renderer.municipality_index(municipalities)
            for page, m in zip(pages[1:], municipalities):
                page.markdown[code] = renderer.municipality_page(m)
        return cls(data=data, renderers=renderers, pages=pages)
