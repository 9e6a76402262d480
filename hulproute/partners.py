"""For organisations that point people to help: the partner page, the help block they paste into
their own site, and the printed materials (QR code, A4 poster, A6 flyer) of every campaign and
municipality, in every language.

Every address here is permanent (data/published_urls.txt): a QR code encodes the page's plain
address, never a tracking parameter. The help block is plain HTML (no script, no iframe, no
style, no image), so it takes the partner site's own look and loads nothing from anywhere; its
numbers come from data/national_services.yaml like every page's.

The partner page is a generated MkDocs page (hulproute/site_state.py). The materials pages are
small standalone HTML files written after the build (`write_materials`): there are three per
municipality and language, and rendering 6,000 of them through the theme would triple the build.
They still carry what every page carries: 112, Veilig Thuis and the quick exit, on screen.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from hulproute import phones, placeholders, qr
from hulproute.loader import SiteData
from hulproute.render import TEMPLATES, Renderer
from hulproute.schema import Campaign, Municipality
from hulproute.urls import MUNICIPALITY_SECTION, PARTNER_SECTION, language_prefix, municipality_url, site_host

PARTNER_PAGE = f"{PARTNER_SECTION}/index.md"
MUNICIPALITY_KIND, CAMPAIGN_KIND = "gemeente", "campagne"
QR_FILE = "qr.svg"
SHEETS = ("poster", "flyer")
# The help block and the standalone pages are HTML that never passes through Markdown: escaped
# once for HTML, nothing more (the Renderer's own environment also escapes Markdown syntax).
_HTML_ENV = Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined, autoescape=True,
                         trim_blocks=True, lstrip_blocks=True)


@dataclass(frozen=True)
class Target:
    """What one set of materials points at: a municipality page or a campaign's landing page."""

    kind: str
    slug: str
    municipality: Optional[Municipality] = None
    campaign: Optional[Campaign] = None

    def page_path(self, language: str, default: str) -> str:
        """The site path the QR code and the written-out address lead to."""
        if self.municipality is not None:
            return municipality_url(self.slug, language, default)
        return f"/{language_prefix(language, default)}{self.slug}/"

    def materials_path(self, language: str, default: str) -> str:
        """The folder of this target's materials: /voor-organisaties/gemeente/amsterdam/ …"""
        return f"/{language_prefix(language, default)}{PARTNER_SECTION}/{self.kind}/{self.slug}/"

    def name(self, renderer: Renderer) -> str:
        return self.municipality.name if self.municipality is not None else self.campaign.texts[renderer.language].headline

    def languages(self, data: SiteData) -> list[str]:
        """Campaigns are printed in their own languages, municipalities in all."""
        return list(self.campaign.languages) if self.campaign is not None else data.language_codes


def targets(data: SiteData, municipalities: list[Municipality]) -> list[Target]:
    """Every campaign, then every municipality being built."""
    return ([Target(CAMPAIGN_KIND, c.slug, campaign=c) for c in data.campaigns.values()]
            + [Target(MUNICIPALITY_KIND, m.slug, municipality=m) for m in municipalities])


def absolute(site_url: str, path: str) -> str:
    return site_url.rstrip("/") + path


def short_address(site_url: str, path: str) -> str:
    """What a poster writes out for typing: 'hulproute.nl/gemeente/amsterdam'."""
    return site_host(site_url) + path.rstrip("/")


def help_block(data: SiteData, language: str, site_url: str, municipality: Optional[Municipality] = None) -> Markup:
    """The block an organisation pastes into its own site: 112, Veilig Thuis and a link to the
    municipality's page (or to the municipality index), in one language, marked with its own
    `lang` and `dir` so an Arabic block reads right to left on a Dutch site."""
    t = data.strings[language]
    emergency, vt = data.services["emergency"], data.services["veilig-thuis"]
    number = lambda raw: Markup('<bdi dir="ltr">{}</bdi>').format(phones.display(raw))  # noqa: E731
    if municipality is not None:
        href = absolute(site_url, municipality_url(municipality.slug, language, data.default_language))
        label = placeholders.fill(t["block_local"], {"municipality": municipality.name})
    else:
        href = absolute(site_url, f"/{language_prefix(language, data.default_language)}{MUNICIPALITY_SECTION}/")
        label = t["block_general"]
    escape_fill = lambda key, raw: Markup(placeholders.fill(t[key], {"phone": number(raw)}, escape=Markup.escape))  # noqa: E731
    return Markup(_HTML_ENV.get_template("help_block.html.j2").render(
        lang=language, direction=data.direction(language), t=t, href=href, label=label,
        emergency_href=phones.tel_href(emergency.phone), danger=escape_fill("bar_danger", emergency.phone),
        vt_href=phones.tel_href(vt.phone), vt=escape_fill("bar_vt", vt.phone)).strip())


def partner_page(renderer: Renderer, site_url: str, municipalities: list[Municipality]) -> str:
    """/voor-organisaties/ in one language: how to link, the general help block, and every
    campaign's and municipality's materials, each with its permanent address."""
    data, language = renderer.data, renderer.language
    default = data.default_language
    home = absolute(site_url, f"/{language_prefix(language, default)}")
    entries = []
    for target in targets(data, municipalities):
        if language not in target.languages(data):
            continue
        entries.append({
            "kind": target.kind, "name": target.name(renderer),
            "address": absolute(site_url, target.page_path(language, default)),
            # The partner page is /voor-organisaties/: its materials are one folder down.
            "materials": target.materials_path(language, default).split(f"/{PARTNER_SECTION}/", 1)[1],
        })
    block = help_block(data, language, site_url)
    return renderer.env.get_template("partner_page.md.j2").render(
        home=home, block=block, block_code=str(block),
        campaigns=[e for e in entries if e["kind"] == CAMPAIGN_KIND],
        municipalities=[e for e in entries if e["kind"] == MUNICIPALITY_KIND])


# ---- the standalone materials pages, written after the build -----------------------------------

def materials_files(renderers: dict[str, Renderer], site_url: str, exit_url: str,
                    municipalities: list[Municipality]) -> Iterator[tuple[str, str]]:
    """(site path, text) of every materials page, poster, flyer and QR code."""
    data = next(iter(renderers.values())).data
    default = data.default_language
    for target in targets(data, municipalities):
        for language in target.languages(data):
            renderer = renderers[language]
            folder = target.materials_path(language, default)
            page = target.page_path(language, default)
            address, short = absolute(site_url, page), short_address(site_url, page)
            name = target.name(renderer)
            # Plain text: segno escapes the SVG's title itself.
            yield folder + QR_FILE, qr.svg(address, placeholders.fill(renderer.t["materials_qr_alt"], {"address": short}))
            common = dict(r=renderer, t=renderer.t, data=data, name=name, address=address, short=short,
                          exit_url=exit_url, target=target, site_url=site_url, direction=data.direction(language))
            block = help_block(data, language, site_url, target.municipality) if target.municipality else None
            up = "../" * (folder.strip("/").count("/") + 1)  # from the folder to the site root
            yield folder + "index.html", _HTML_ENV.get_template("materials_page.html.j2").render(
                up=up, own_path=folder, block=block, block_code=str(block) if block else "", **common)
            for sheet in SHEETS:
                if target.campaign is not None:
                    text = target.campaign.texts[language]
                    headline, message = text.headline, text.message
                else:
                    headline = renderer.t["print_headline"]
                    message = renderer.text("print_message", municipality=name)
                yield f"{folder}{sheet}/index.html", _HTML_ENV.get_template("print_sheet.html.j2").render(
                    up=up + "../", own_path=f"{folder}{sheet}/", sheet=sheet, headline=headline, message=message,
                    **common)


def write_materials(site_dir: Path | str, renderers: dict[str, Renderer], site_url: str, exit_url: str,
                    municipalities: list[Municipality]) -> int:
    """Write every materials file into the built site; returns how many."""
    count = 0
    for path, text in materials_files(renderers, site_url, exit_url, municipalities):
        target = Path(site_dir) / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        count += 1
    return count
