"""Campaign landing pages (data/campaigns/<slug>.yaml) at /<slug>/ in every language.

A poster or QR code on a wall outlives its campaign, so the page never goes: after the end date
it says the campaign is over and leads to the route finder's start instead. Every link is to a
page of this site, written relative to the landing page; a campaign that leads to a municipality
a fixture build leaves out leads to the municipality index instead, so strict builds stay whole.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Optional

from hulproute import route_finder as rf
from hulproute.content import page_href, read_meta
from hulproute.errors import SiteError
from hulproute.loader import SiteData
from hulproute.render import Renderer
from hulproute.schema import Campaign, Municipality
from hulproute.urls import MUNICIPALITY_SECTION

# A landing page is one folder below the language root: links go up once.
_UP = "../"


def landing_path(slug: str) -> str:
    """The Markdown path of a landing page, the same in every language: /verschil/ → verschil/index.md."""
    return f"{slug}/index.md"


def is_over(campaign: Campaign, today: date) -> bool:
    return today > campaign.end


def area(data: SiteData, campaign: Campaign) -> list[Municipality]:
    """The municipalities a campaign aims at: its region's and those it names, in A–Z order."""
    codes = set(campaign.aims_at.municipalities)
    if campaign.aims_at.region is not None:
        codes |= {m.code for m in data.municipalities if m.veilig_thuis_region == campaign.aims_at.region}
    return [m for m in data.municipalities if m.code in codes]


class CampaignPages:
    """Every campaign's landing page in every language, for the municipalities being built."""

    def __init__(self, data: SiteData, built: set[str], docs_dir: Optional[Path], today: date) -> None:
        self.data, self.built, self.docs_dir, self.today = data, built, docs_dir, today

    def render(self, renderers: dict[str, Renderer]) -> dict[str, dict[str, str]]:
        pages: dict[str, dict[str, str]] = {}
        for campaign in self.data.campaigns.values():
            for code, renderer in renderers.items():
                pages.setdefault(landing_path(campaign.slug), {})[code] = self.page(campaign, renderer)
        return pages

    def page(self, campaign: Campaign, renderer: Renderer) -> str:
        over = is_over(campaign, self.today)
        if over:
            go_label, go_href = renderer.t["campaign_start"], f"{_UP}{rf.SECTION}/"
        else:
            go_label, go_href = self._target(campaign, renderer)
        more = []
        finder = self.data.route_finder
        if finder is not None and campaign.aims_at.who is not None:
            guide = next(w.guide for w in finder.who if w.id == campaign.aims_at.who)
            more.append(self._page_link(guide, renderer))
        if finder is not None and campaign.aims_at.what is not None:
            signs = next(w.signs for w in finder.what if w.id == campaign.aims_at.what)
            more.append(self._page_link(signs, renderer))
        more = [link for link in more if link[1] != go_href]
        municipalities = [(m.name, self._municipality_href(m)) for m in area(self.data, campaign) if m.code in self.built]
        return renderer.env.get_template("campaign.md.j2").render(
            campaign=campaign, text=campaign.texts[renderer.language], over=over, go_label=go_label,
            go_href=go_href, area=municipalities, more=more,
            all_municipalities=f"{_UP}{MUNICIPALITY_SECTION}/")

    def _target(self, campaign: Campaign, renderer: Renderer) -> tuple[str, str]:
        target = campaign.leads_to
        if target.page is not None:
            return self._page_link(target.page, renderer)
        if target.municipality is not None:
            municipality = self.data.municipality(target.municipality)
            if municipality.code not in self.built:
                return renderer.t["block_general"], f"{_UP}{MUNICIPALITY_SECTION}/"
            return renderer.text("block_local", municipality=municipality.name), self._municipality_href(municipality)
        finder = rf.finder_of(self.data)
        who = next((w for w in finder.who if w.id == target.route.who), None) if target.route.who else None
        what = next((w for w in finder.what if w.id == target.route.what), None) if target.route.what else None
        # A reader who follows a poster is not asked first whether they are in danger: the danger
        # panel above the link answers that (112), so the step starts at 'not in danger now'.
        path = rf.step_path(False, who, what) if who is not None else ""
        return renderer.t["campaign_start"], f"{_UP}{rf.SECTION}/{path}"

    @staticmethod
    def _municipality_href(municipality: Municipality) -> str:
        return f"{_UP}{MUNICIPALITY_SECTION}/{municipality.slug}/"

    def _page_link(self, page: str, renderer: Renderer) -> tuple[str, str]:
        """(title in this language, address) of a hand-written page ('signalen/partnergeweld')."""
        if self.docs_dir is None:
            raise SiteError("a campaign page was asked for without the docs folder", "create CampaignPages with docs_dir")
        return read_meta(self.docs_dir / renderer.language / f"{page}.md")["title"], page_href(page, _UP)
