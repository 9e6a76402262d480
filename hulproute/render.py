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

    def __init__(self, data: SiteData, language: str) -> None:
        if language not in data.strings:
            raise RuntimeError(f"no strings for language '{language}': add data/strings/{language}.yaml")
        self.data = data
        self.language = language
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

    def service_card(self, ident: str) -> Markup:
        return Markup(self.env.get_template("service_card.html.j2").render(service=self.service(ident)).strip())

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
