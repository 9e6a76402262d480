"""Render data into page Markdown/HTML with Jinja, independent of MkDocs.

One `Renderer` per language. Hand-written pages call its helpers as Jinja macros
(`{{ emergency_panel() }}`, `{{ call('veilig-thuis') }}`), generated pages use its templates, so a
phone number is typed once, in data/, and every page shows the same checked value.
"""
from __future__ import annotations

from datetime import date
from itertools import groupby
from pathlib import Path
from typing import Any, Optional
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from hulproute import phones
from hulproute.loader import SiteData
from hulproute.schema import LocalContact, Municipality, NationalService, SourceRef

TEMPLATES = Path(__file__).resolve().parent / "templates"
MUNICIPALITY_SECTION = "gemeente"
LOCAL_KIND_ORDER = ("local_team", "shelter", "csg", "regional_info")
ALWAYS_FIRST = ("emergency", "veilig-thuis")


def municipality_path(slug: str) -> str:
    """Site-relative Markdown path of a municipality page, the same in every language."""
    return f"{MUNICIPALITY_SECTION}/{slug}.md"


def municipality_index_path() -> str:
    return f"{MUNICIPALITY_SECTION}/index.md"


class Renderer:
    """Renders one language's generated pages and macros from validated SiteData."""

    def __init__(self, data: SiteData, language: str, docs_dir: Optional[Path] = None) -> None:
        if language not in data.strings:
            raise RuntimeError(f"no strings for language '{language}': add data/strings/{language}.yaml")
        self.data = data
        self.language = language
        self.docs_dir = docs_dir
        self._cards: dict[str, Markup] = {}
        self.t = data.strings[language]
        self.env = Environment(
            loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined, autoescape=True,
            trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        )
        self.env.globals.update(self.macros())
        self.env.globals.update(t=self.t, r=self, data=data)

    # ---- small formatting helpers -------------------------------------------------------------
    def text(self, key: str, **values: Any) -> Markup:
        """A UI string with {placeholders} filled; values that are Markup stay unescaped."""
        template = escape(self.t[key])
        return Markup(str(template).format(**{k: escape(v) for k, v in values.items()}))

    def format_date(self, value: date | str) -> str:
        """'22 november 2026'; partial source dates ('2021-08', '2020') keep their precision."""
        if isinstance(value, date):
            year, month, day = value.year, value.month, value.day
        else:
            parts = [int(p) for p in value.split("-")]
            year, month, day = parts[0], parts[1] if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None
        if month is None:
            return str(year)
        month_name = self.t["months"][month - 1]
        if day is None:
            return f"{month_name} {year}"
        return self.t["date_format"].format(day=day, month=month_name, year=year)

    def phone_text(self, raw: str) -> Markup:
        """A number as text, isolated left-to-right so '0800-2000' never reads '2000-0800' in Arabic."""
        return Markup(f'<bdi dir="ltr">{phones.display(raw)}</bdi>')

    def tel(self, raw: str, label_key: Optional[str] = None) -> Markup:
        """A tel: link in E.164: the bare number, or a call button labelled e.g. 'Bel 0800-2000'."""
        href = phones.tel_href(raw)
        if label_key is None:
            return Markup(f'<a class="hr-tel" href="{href}">{self.phone_text(raw)}</a>')
        return Markup(f'<a class="hr-call" href="{href}"><span>{self.text(label_key, phone=self.phone_text(raw))}</span></a>')

    def external(self, url: Any, label: Any) -> Markup:
        return Markup(f'<a href="{escape(str(url))}" rel="noreferrer noopener">{escape(label)}</a>')

    def source_line(self, sources: SourceRef | list[SourceRef], checked_on: date) -> Markup:
        """'bron: politie.nl (bron zonder datum), skipr.nl (bron van 2020) · laatst gecontroleerd op …'"""
        parts = []
        for source in sources if isinstance(sources, list) else [sources]:
            host = (urlsplit(str(source.url)).hostname or str(source.url)).removeprefix("www.")
            dated = self.text("source_dated", date=self.format_date(source.date)) if source.date else self.t["source_undated"]
            parts.append(f"{self.external(source.url, host)} ({escape(dated)})")
        checked = self.text("checked_on", date=self.format_date(checked_on))
        return Markup(f'{escape(self.t["source_label"])}: {", ".join(parts)} · {checked}')

    # ---- macros available in hand-written Markdown --------------------------------------------
    def macros(self) -> dict[str, Any]:
        return {
            "call": self.call,
            "emergency_panel": self.emergency_panel,
            "danger_panel": self.danger_panel,
            "service_card": self.service_card,
            "cite": self.cite,
            "section_pages": self.section_pages,
        }

    def service(self, ident: str) -> NationalService:
        try:
            return self.data.services[ident]
        except KeyError:
            raise RuntimeError(
                f"unknown service '{ident}' in a page macro; use one of: {', '.join(self.data.services)}"
            ) from None

    def call(self, ident: str) -> Markup:
        """Inline phone link of a national service: `{{ call('veilig-thuis') }}`."""
        service = self.service(ident)
        if not service.phone:
            raise RuntimeError(f"service '{ident}' has no verified phone number; link its website instead")
        return self.tel(service.phone)

    def danger_panel(self) -> Markup:
        return Markup(self.env.get_template("danger_panel.html.j2").render(
            emergency=self.service("emergency")).strip())

    def emergency_panel(self) -> Markup:
        return Markup(self.env.get_template("emergency_panel.html.j2").render(
            emergency=self.service("emergency"), vt=self.service("veilig-thuis"), region=None).strip())

    def emergency_bar(self) -> Markup:
        """112 and Veilig Thuis as call buttons, on every page (overrides/main.html)."""
        emergency, vt = self.service("emergency"), self.service("veilig-thuis")
        return Markup(self.env.get_template("emergency_bar.html.j2").render(
            emergency=emergency, vt=vt, emergency_href=phones.tel_href(emergency.phone),
            vt_href=phones.tel_href(vt.phone)).strip())

    def exit_link(self, exit_url: str) -> Markup:
        """The quick-exit link: a plain link without JavaScript, instant exit with it."""
        return Markup(self.env.get_template("exit_link.html.j2").render(exit_url=exit_url).strip())

    def cite(self, ident: str) -> Markup:
        """A footnote's source: `[^1]: {{ cite('seed-hart-van-brabant-2023') }}` (data/sources/)."""
        try:
            source = self.data.sources[ident]
        except KeyError:
            raise RuntimeError(f"unknown source '{ident}' in a footnote; add it to data/sources/") from None
        details = [escape(source.publisher)]
        if source.region and source.region not in source.publisher:
            details.append(escape(source.region))
        if source.date:
            details.append(escape(self.format_date(source.date)))
        text = f'<cite>{escape(source.title)}</cite>. {", ".join(str(d) for d in details)}.'
        if source.url:
            host = (urlsplit(str(source.url)).hostname or "").removeprefix("www.")
            text += f" {self.external(source.url, host + urlsplit(str(source.url)).path.rstrip('/'))}"
        return Markup(f'<span class="hr-cite">{text}</span>')

    def section_pages(self, section: str) -> Markup:
        """The landing-page list of a content section (data/content.yaml), titles in this language."""
        from hulproute.content import read_meta, section_pages

        if self.docs_dir is None:
            raise RuntimeError("section_pages() needs the docs folder: create the Renderer with docs_dir")
        listed = section_pages(self.data)
        if section not in listed:
            raise RuntimeError(f"unknown section '{section}'; sections are listed in data/content.yaml")
        lines = []
        for page in listed[section]:
            path = self.docs_dir / self.language / page
            if not path.is_file():
                raise RuntimeError(f"docs/{self.language}/{page} is missing (listed in data/content.yaml)")
            meta = read_meta(path)
            target = page.split("/", 1)[1] if page.startswith(section + "/") else f"../{page}"
            lines.append(f"- [{meta['title']}]({target}): {meta['description']}")
        return Markup("\n".join(lines))

    def service_card(self, ident: str) -> Markup:
        """A national service's card; the same on every page, so rendered once per language."""
        if ident not in self._cards:
            self._cards[ident] = Markup(self.env.get_template("service_card.html.j2").render(
                service=self.service(ident)).strip())
        return self._cards[ident]

    # ---- generated pages ----------------------------------------------------------------------
    def national_lines(self) -> list[NationalService]:
        return [s for ident, s in self.data.services.items() if ident not in ALWAYS_FIRST]

    def local_contacts(self, municipality: Municipality) -> list[LocalContact]:
        contacts = self.data.contacts_by_municipality.get(municipality.code, [])
        shown = [c for c in contacts if c.kind != "regional_info" or c.website]
        return sorted(shown, key=lambda c: LOCAL_KIND_ORDER.index(c.kind))

    def municipality_page(self, municipality: Municipality) -> str:
        region = self.data.regions[municipality.veilig_thuis_region]
        return self.env.get_template("municipality.md.j2").render(
            m=municipality, region=region, emergency=self.service("emergency"),
            vt=self.service("veilig-thuis"), local=self.local_contacts(municipality),
            places=self.data.places.get(municipality.code, []),
        )

    def municipality_index(self, municipalities: Optional[list[Municipality]] = None) -> str:
        """A–Z and by-province lists; `municipalities` limits them (fixture builds)."""
        chosen = self.data.municipalities if municipalities is None else municipalities
        by_letter = [(letter, list(items)) for letter, items in groupby(chosen, key=lambda m: m.sort_key[0].upper())]
        provinces = sorted({m.province for m in chosen})
        by_province = [(p, [m for m in chosen if m.province == p]) for p in provinces]
        return self.env.get_template("municipality_index.md.j2").render(
            by_letter=by_letter, by_province=by_province)

    def render_markdown(self, markdown: str) -> str:
        """Run a hand-written page through Jinja so it can use the macros; pages without
        `{{`/`{%` are returned untouched (fast path, no accidental templating)."""
        if "{{" not in markdown and "{%" not in markdown:
            return markdown
        return self.env.from_string(markdown).render()
