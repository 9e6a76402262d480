"""Render data into page Markdown/HTML with Jinja, independent of MkDocs.

One `Renderer` per language. Hand-written pages call its helpers as Jinja macros
(`{{ emergency_panel() }}`, `{{ call('veilig-thuis') }}`), generated pages use its templates, so a
phone number is typed once, in data/, and every page shows the same checked value.
"""
from __future__ import annotations

import functools
import re
from datetime import date
from itertools import groupby
from pathlib import Path
from typing import Any, Optional
from urllib.parse import urlsplit

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateSyntaxError, UndefinedError
from markupsafe import Markup, escape

from hulproute import data_status, freshness, phones, placeholders
from hulproute.compiled_templates import PAGE_TEMPLATES
from hulproute.urls import MUNICIPALITY_SECTION, SEARCH_SECTION, site_host
from hulproute.errors import SiteError
from hulproute.loader import SiteData
from hulproute.schema import Municipality, NationalService, SourceRef, partial_date_parts

TEMPLATES = Path(__file__).resolve().parent / "templates"
LOCAL_KIND_ORDER = ("local_team", "shelter", "csg", "regional_info")
ALWAYS_FIRST = ("emergency", "veilig-thuis")


def municipality_path(slug: str) -> str:
    """Site-relative Markdown path of a municipality page, the same in every language."""
    return f"{MUNICIPALITY_SECTION}/{slug}.md"


def municipality_index_path() -> str:
    return f"{MUNICIPALITY_SECTION}/index.md"


def search_page_path() -> str:
    return f"{SEARCH_SECTION}/index.md"


# Characters Markdown reads as syntax inside a line (links, emphasis, code, attribute lists).
_MARKDOWN_SYNTAX = {ord(c): f"&#{ord(c)};" for c in "\\`*_[]{}"}


def markdown_text(value: Any) -> Markup:
    """Text from data/ as it is printed into any page (generated pages are Markdown documents,
    and macros land in hand-written Markdown): HTML-escaped once, and Markdown's syntax
    characters written as character references, which Markdown leaves alone and the browser
    shows as the character, so a name with [x](…) or *…* stays text. Markup (HTML our own
    templates made from escaped values) passes unchanged."""
    if isinstance(value, Markup):
        return value
    if type(value) is str:  # noqa: E721 - a subclass may have its own __html__
        return _markdown_str(value)
    return Markup(str(escape(value)).translate(_MARKDOWN_SYNTAX))


@functools.lru_cache(maxsize=1 << 16)
def _markdown_str(text: str) -> Markup:
    """markdown_text of plain text, remembered: a build prints the same names and interface texts
    over half a million times."""
    return Markup(str(escape(text)).translate(_MARKDOWN_SYNTAX))


def front_matter_text(value: Any) -> str:
    """A title or description for front matter: Material prints these as HTML, so it is
    HTML-escaped once (`&`, `<`, `>`, `"`), then written by the YAML emitter as a double-quoted
    scalar, which the front-matter parser reads back exactly (quotes, colons, RTL marks and line
    separators included). An apostrophe stays itself: the tab reads 's-Gravenhage."""
    text = (str(value) if isinstance(value, Markup) else str(escape(value))).replace("&#39;", "'")
    if _YAML_AS_IS.fullmatch(text):  # nearly every title: exactly what the emitter writes
        return Markup(f'"{text}"')
    scalar = yaml.safe_dump(text, default_style='"', allow_unicode=True, width=float("inf"))
    return Markup(scalar.removesuffix("\n...\n").strip())


# Characters PyYAML's emitter writes as themselves inside a double-quoted scalar (allow_unicode,
# yaml/emitter.py write_double_quoted): printable ASCII but the quote and the backslash, and
# printable Unicode but the line and paragraph separators and the byte-order mark.
_YAML_AS_IS = re.compile(r"[\x20\x21\x23-\x5b\x5d-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]*")


class Renderer:
    """Renders one language's generated pages and macros from validated SiteData."""

    def __init__(self, data: SiteData, language: str, docs_dir: Optional[Path] = None,
                 today: Optional[date] = None) -> None:
        if language not in data.strings:
            raise SiteError(f"no interface texts for language '{language}'", f"add data/strings/{language}.yaml")
        self.data = data
        self.language = language
        self.docs_dir = docs_dir
        # The day the freshness policy counts from (data/freshness.yaml): the build's, or a test's.
        self.today = today or date.today()
        self._cards: dict[str, Markup] = {}
        self._postcodes: Optional[dict[str, list[str]]] = None
        self.t = data.strings[language]
        # Every value a template prints is escaped once, for HTML and for Markdown alike
        # (markdown_text): generated pages are Markdown documents, and data is never syntax.
        self.env = Environment(
            loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined, autoescape=True,
            trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, finalize=markdown_text,
            bytecode_cache=PAGE_TEMPLATES,
        )
        self.env.filters["meta"] = front_matter_text
        self.env.filters["host"] = site_host
        self.env.globals.update(self.macros())
        self.env.globals.update(t=self.t, r=self, data=data)
        # Hand-written pages get the macros and the interface texts, nothing else; every value
        # they print lands in Markdown, so it is made Markdown-safe as it is printed.
        self.page_env = Environment(undefined=StrictUndefined, autoescape=True, keep_trailing_newline=True,
                                    finalize=markdown_text)
        self.page_env.globals.update(self.macros())
        self.page_env.globals["t"] = self.t

    # ---- small formatting helpers -------------------------------------------------------------
    def text(self, key: str, **values: Any) -> Markup:
        """A UI string with {placeholders} filled; values that are Markup stay unescaped."""
        return Markup(placeholders.fill(self.t[key], values, escape=markdown_text))

    def format_date(self, value: date | str) -> str:
        """'22 november 2026'; partial source dates ('2021-08', '2020') keep their precision."""
        if isinstance(value, date):
            year, month, day = value.year, value.month, value.day
        else:
            year, month, day = partial_date_parts(value)
        if month is None:
            return str(year)
        month_name = self.t["months"][month - 1]
        if day is None:
            return f"{month_name} {year}"
        return placeholders.fill(self.t["date_format"], {"day": str(day), "month": month_name, "year": str(year)})

    def phone_text(self, raw: str) -> Markup:
        """A number as text, isolated left-to-right so '0800-2000' never reads '2000-0800' in Arabic."""
        return Markup(f'<bdi dir="ltr">{phones.display(raw)}</bdi>')

    def tel(self, raw: str, label_key: Optional[str] = None) -> Markup:
        """A tel: link in E.164: the bare number, or a call button labelled e.g. 'Bel 0800-2000'."""
        href = phones.tel_href(raw)
        if label_key is None:
            return Markup(f'<a class="hr-tel" href="{href}">{self.phone_text(raw)}</a>')
        return Markup(f'<a class="hr-call" href="{href}"><span>{self.text(label_key, phone=self.phone_text(raw))}</span></a>')

    def link(self, href: str, label: Any) -> Markup:
        """A link within the site (relative href made by our own code, never from data)."""
        return Markup(f'<a href="{escape(href)}">{markdown_text(label)}</a>')

    def external(self, url: Any, label: Any) -> Markup:
        return Markup(f'<a href="{escape(str(url))}" rel="noreferrer noopener">{markdown_text(label)}</a>')

    def source_line(self, sources: SourceRef | list[SourceRef], checked_on: date) -> Markup:
        """'bron: politie.nl (bron zonder datum), skipr.nl (bron van 2020) · laatst gecontroleerd op …'"""
        parts = []
        for source in sources if isinstance(sources, list) else [sources]:
            host = site_host(source.url) or str(source.url)
            dated = self.text("source_dated", date=self.format_date(source.date)) if source.date else self.t["source_undated"]
            parts.append(f"{self.external(source.url, host)} ({markdown_text(dated)})")
        checked = self.text("checked_on", date=self.format_date(checked_on))
        return Markup(f'{markdown_text(self.t["source_label"])}: {", ".join(parts)} · {checked}')

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
            raise SiteError(f"unknown service '{ident}' in a page macro",
                            f"use one of: {', '.join(self.data.services)}") from None

    def call(self, ident: str) -> Markup:
        """Inline phone link of a national service: `{{ call('veilig-thuis') }}`."""
        service = self.service(ident)
        if not service.phone:
            raise SiteError(f"call('{ident}'): this service has no verified phone number", f"use {{{{ service_card('{ident}') }}}} (it links the website)")
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
            raise SiteError(f"unknown source '{ident}' in a footnote", "add it to a file in data/sources/ or correct the id") from None
        details = [markdown_text(source.publisher)]
        if source.region and source.region not in source.publisher:
            details.append(markdown_text(source.region))
        if source.date:
            details.append(markdown_text(self.format_date(source.date)))
        text = f'<cite>{markdown_text(source.title)}</cite>. {", ".join(str(d) for d in details)}.'
        if source.url:
            host = site_host(source.url)
            label = markdown_text(host + urlsplit(str(source.url)).path.rstrip("/"))
            text += f" {self.external(source.url, label)}"
        return Markup(f'<span class="hr-cite">{text}</span>')

    def _section_entries(self, section: str) -> list[tuple[str, dict[str, Any]]]:
        """(page path, front matter) of a content section's pages (data/content.yaml), in order."""
        from hulproute.content import read_meta, section_pages

        if self.docs_dir is None:
            raise SiteError("a section list was asked for without the docs folder", "create the Renderer with docs_dir")
        listed = section_pages(self.data)
        if section not in listed:
            raise SiteError(f"unknown section '{section}' in section_pages()", "use a section id from data/content.yaml")
        entries = []
        for page in listed[section]:
            path = self.docs_dir / self.language / page
            if not path.is_file():
                raise SiteError(f"docs/{self.language}/{page} is missing (listed in data/content.yaml)", f"translate docs/nl/{page}")
            entries.append((page, read_meta(path)))
        return entries

    def section_pages(self, section: str) -> Markup:
        """The landing-page list of a content section (data/content.yaml), titles in this language."""
        lines = []
        for page, meta in self._section_entries(section):
            target = page.split("/", 1)[1] if page.startswith(section + "/") else f"../{page}"
            lines.append(f"- [{markdown_text(meta['title'])}]({target}): {markdown_text(meta['description'])}")
        # A list of other pages: search finds those pages themselves, not this list of them.
        return Markup('<div class="hr-section-pages" data-pagefind-ignore="all" markdown="1">\n\n'
                      + "\n".join(lines) + "\n\n</div>")

    def service_card(self, ident: str) -> Markup:
        """A national service's card; the same on every page, so rendered once per language."""
        if ident not in self._cards:
            self._cards[ident] = Markup(self.env.get_template("service_card.html.j2").render(
                service=self.service(ident)).strip())
        return self._cards[ident]

    # ---- generated pages ----------------------------------------------------------------------
    def national_lines(self) -> list[NationalService]:
        return [s for ident, s in self.data.services.items() if ident not in ALWAYS_FIRST]

    def local_contacts(self, municipality: Municipality) -> list[dict[str, Any]]:
        """The local cards of a municipality page, each with its freshness ('current', 'recheck',
        'withdrawn'): a withdrawn contact keeps its name but shows neither phone nor website."""
        contacts = self.data.contacts_by_municipality.get(municipality.code, [])
        shown = [c for c in contacts if c.kind != "regional_info" or c.published]
        cards = []
        for contact in sorted(shown, key=lambda c: LOCAL_KIND_ORDER.index(c.kind)):
            state = freshness.assess_contact(contact, self.data.freshness, self.today).state
            withdrawn = state is freshness.Freshness.WITHDRAWN
            cards.append({
                "contact": contact, "freshness": state.value,
                "phone": None if withdrawn else contact.phone,
                "website": None if withdrawn else contact.website,
            })
        return cards

    def municipality_page(self, municipality: Municipality) -> str:
        region = self.data.regions[municipality.veilig_thuis_region]
        return self.env.get_template("municipality.md.j2").render(
            m=municipality, region=region, emergency=self.service("emergency"),
            vt=self.service("veilig-thuis"), local=self.local_contacts(municipality),
            places=self.data.places.get(municipality.code, []),
            postcodes=self.postcodes_of(municipality.code),
        )

    def postcodes_of(self, code: str) -> list[str]:
        """The 4-digit postcodes that lie wholly or partly in a municipality, in order."""
        if self._postcodes is None:
            by_code: dict[str, list[str]] = {}
            for postcode in sorted(self.data.postcodes, key=lambda p: p.pc4):
                for municipality in (postcode.municipality, *postcode.other_municipalities):
                    by_code.setdefault(municipality, []).append(postcode.pc4)
            self._postcodes = by_code
        return self._postcodes.get(code, [])

    def search_link(self, base: str) -> Markup:
        """The header's search control: a link to this language's search page (`base`: the
        language's home, relative or absolute)."""
        return Markup(self.env.get_template("search_link.html.j2").render(href=f"{base}{SEARCH_SECTION}/").strip())

    def search_page(self) -> str:
        """/zoeken/: the search form (hulproute-search.js) and, for everyone, every way in: the
        site's sections with their pages, and the municipality by place, postcode or name."""
        from hulproute.content import read_meta

        if self.docs_dir is None:
            raise SiteError("the search page was asked for without the docs folder", "create the Renderer with docs_dir")
        sections = []
        for section in self.data.sections:
            index = read_meta(self.docs_dir / self.language / section.id / "index.md")
            pages = [(meta["title"], page) for page, meta in self._section_entries(section.id)]
            sections.append((index["title"], f"{section.id}/index.md", pages))
        root = "../" if self.language == self.data.default_language else "../../"
        return self.env.get_template("search_page.md.j2").render(sections=sections, root=root)

    def data_status_page(self, rows: list, counts: dict, built: set[str]) -> str:
        """/data-status/: per province and municipality, what is verified, stale, unverified or
        missing (hulproute/data_status.py), with a link to data-status.json."""
        base = "../" if self.language == self.data.default_language else "../../"
        return self.env.get_template("data_status.md.j2").render(
            rows=rows, counts=counts, statuses=data_status.STATUSES, policy=self.data.freshness,
            slugs={m.code: m.slug for m in self.data.municipalities if m.code in built}, base="../",
            json_href=base + data_status.JSON_FILE,
        )

    def municipality_index(self, municipalities: Optional[list[Municipality]] = None) -> str:
        """A–Z and by-province lists; `municipalities` limits them (fixture builds)."""
        chosen = self.data.municipalities if municipalities is None else municipalities
        by_letter = [(letter, list(items)) for letter, items in groupby(chosen, key=lambda m: m.sort_key[0].upper())]
        provinces = sorted({m.province for m in chosen})
        by_province = [(p, [m for m in chosen if m.province == p]) for p in provinces]
        return self.env.get_template("municipality_index.md.j2").render(
            by_letter=by_letter, by_province=by_province)

    def render_markdown(self, markdown: str, where: str) -> str:
        """Run a hand-written page (`where`: its path, for messages) through Jinja so it can use
        the macros. Only hand-written pages: generated pages are rendered once, from data, and
        never templated again. Pages without `{{`/`{%` are returned untouched."""
        if "{{" not in markdown and "{%" not in markdown:
            return markdown
        try:
            return self.page_env.from_string(markdown).render()
        except TemplateSyntaxError as exc:
            raise SiteError(f"{where}, line {exc.lineno}: {{{{ }}}} or {{% %}} is not valid: {exc.message}",
                            "close every {{ … }} and {% … %}; macros are listed in CONTRIBUTING.md") from None
        except UndefinedError as exc:
            raise SiteError(f"{where}: {exc.message}", "use a macro or text that exists (CONTRIBUTING.md)") from None
        except SiteError as exc:
            raise SiteError(f"{where}: {exc.problem}", exc.fix) from None
