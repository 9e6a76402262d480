"""Per-build state shared by the hooks: validated data and every generated page, rendered up front.

Everything is rendered in the first `on_config` of a build, before MkDocs cleans or writes the
site folder, so a data or template error leaves an earlier build untouched.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Optional

from hulproute import data_status, partners, route_finder
from hulproute.loader import SiteData, load_site_data
from hulproute.campaigns import CampaignPages
from hulproute.location_pages import LocationPages
from hulproute.route_pages import RoutePages
from hulproute.schema import Municipality
from hulproute.render import Renderer, municipality_index_path, municipality_path, search_page_path

DEFAULT_SITE_URL = "https://hulproute.nl/"


def renderers_for(data: SiteData, docs_dir: Optional[Path], today: date,
                  languages: Optional[list[str]] = None) -> dict[str, Renderer]:
    """A Renderer per language (or per language of `languages`, for a preview)."""
    return {code: Renderer(data, code, docs_dir, today) for code in data.language_codes
            if languages is None or code in languages}


def built_municipalities(data: SiteData, only: Optional[set[str]] = None) -> list[Municipality]:
    """The municipalities whose pages a build makes: all, or a fixture build's few."""
    return [m for m in data.municipalities if only is None or m.code in only]


@dataclass
class GeneratedPage:
    """A page made from data: its language-neutral path and its Markdown per language."""

    norm_src_uri: str
    in_nav: bool
    markdown: dict[str, str] = field(default_factory=dict)
    # Route-finder steps and results are noindex (they stay in the history, not in search):
    # a sitemap that listed them would contradict that.
    in_sitemap: bool = True


@dataclass
class BuildState:
    data: SiteData
    renderers: dict[str, Renderer]
    pages: list[GeneratedPage]
    # Files that are not pages, by site path (e.g. the route finder's location table).
    assets: dict[str, str] = field(default_factory=dict)
    # The municipalities whose pages are built (all, or a fixture build's few).
    municipalities: list[Municipality] = field(default_factory=list)
    # The public address (mkdocs.yml site_url): what QR codes and copyable links hold.
    site_url: str = DEFAULT_SITE_URL

    @classmethod
    def prepare(cls, data_dir: Path, only_municipalities: Optional[set[str]] = None,
                docs_dir: Optional[Path] = None, today: Optional[date] = None,
                site_url: str = DEFAULT_SITE_URL) -> "BuildState":
        """Load and validate data, then render every generated page in every language."""
        return cls.render(load_site_data(data_dir), only_municipalities, docs_dir, today, site_url)

    @classmethod
    def render(cls, data: SiteData, only_municipalities: Optional[set[str]] = None,
               docs_dir: Optional[Path] = None, today: Optional[date] = None,
               site_url: str = DEFAULT_SITE_URL, languages: Optional[list[str]] = None) -> "BuildState":
        """Render every generated page in every language (or only `languages`, for a preview) from
        validated data; `today` is the day the freshness policy counts from (default: the day of
        the build)."""
        today = today or date.today()
        renderers = renderers_for(data, docs_dir, today, languages)
        municipalities = built_municipalities(data, only_municipalities)
        pages = [GeneratedPage(municipality_index_path(), in_nav=True)]
        pages += [GeneratedPage(municipality_path(m.slug), in_nav=False) for m in municipalities]
        for code, renderer in renderers.items():
            pages[0].markdown[code] = renderer.municipality_index(municipalities)
            for page, m in zip(pages[1:], municipalities):
                page.markdown[code] = renderer.municipality_page(m)
        # Places A–Z and postcodes for readers without JavaScript; only the built municipalities'.
        for path, markdown in LocationPages(data, municipalities).render(renderers).items():
            pages.append(GeneratedPage(path, in_nav=False, markdown=markdown))
        # The data-status page and its JSON (hulproute/data_status.py): every municipality, built or not.
        statuses = data_status.municipality_statuses(data, today)
        counts = data_status.counts_by_province(statuses)
        status_page = GeneratedPage(data_status.PAGE, in_nav=False, in_sitemap=False)
        for code, renderer in renderers.items():
            status_page.markdown[code] = renderer.data_status_page(statuses, counts, {m.code for m in municipalities})
        pages.append(status_page)
        # The search page lists the hand-written sections and campaign pages link to them, so both
        # need the docs folder.
        if docs_dir is not None:
            built = {m.code for m in municipalities}
            for path, markdown in CampaignPages(data, built, docs_dir, today).render(renderers).items():
                pages.append(GeneratedPage(path, in_nav=False, markdown=markdown))
            search_page = GeneratedPage(search_page_path(), in_nav=False)
            for code, renderer in renderers.items():
                search_page.markdown[code] = renderer.search_page()
            pages.append(search_page)
        # For organisations: how to link, the help block, every campaign's and municipality's materials.
        partner_page = GeneratedPage(partners.PARTNER_PAGE, in_nav=False)
        for code, renderer in renderers.items():
            partner_page.markdown[code] = partners.partner_page(renderer, site_url, municipalities)
        pages.append(partner_page)
        assets = {data_status.JSON_FILE: json.dumps(data_status.as_json(data, today), ensure_ascii=False, indent=1)}
        if data.route_finder is not None:
            pages += cls._route_pages(data, renderers, docs_dir)
            locations = route_finder.Locations(data).client_data(data, today)
            assets[route_finder.LOCATIONS_FILE] = json.dumps(locations, ensure_ascii=False, separators=(",", ":"))
        return cls(data=data, renderers=renderers, pages=pages, assets=assets, municipalities=municipalities,
                   site_url=site_url)

    @staticmethod
    def _route_pages(data: SiteData, renderers: dict[str, Renderer], docs_dir: Optional[Path]) -> list[GeneratedPage]:
        by_path: dict[str, GeneratedPage] = {}
        for code, renderer in renderers.items():
            depth = 1 if code == data.default_language else 2
            rendered = RoutePages(renderer, docs_dir).pages("../" * depth + route_finder.LOCATIONS_FILE)
            for path, markdown in rendered.items():
                entry = path == f"{route_finder.SECTION}/index.md"
                page = by_path.setdefault(path, GeneratedPage(path, in_nav=entry, in_sitemap=entry))
                page.markdown[code] = markdown
        return list(by_path.values())
