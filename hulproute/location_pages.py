"""Static pages that find a municipality by place name (A–Z) or postcode (by first two digits).

Why: without JavaScript the route finder cannot look a place or postcode up, and a reader who
knows only "Vinkeveen" or "3641" cannot pick a municipality from the index. These pages are plain
lists, one light page per letter or postcode group, where every entry links to its municipality
page. A name (or postcode) that belongs to more than one municipality lists every candidate:
the same name in several municipalities, and a bare name next to the official names with a
suffix that start with it ("Haren" in Oss with "Haren Gn" in Groningen), because a reader who
types or looks for "Haren" may mean either.

Rendered once, from data, with the same Jinja environment as the municipality pages (escaped
once by `render.markdown_text`). Builds limited to a few municipalities (the fixture site) list
only their places and postcodes, so no entry links to a page that is not built.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable, Optional

from markupsafe import Markup

from hulproute.errors import SiteError
from hulproute.loader import SiteData
from hulproute.render import MUNICIPALITY_SECTION, Renderer
from hulproute.schema import Municipality

PLACES = "plaatsen"
POSTCODES = "postcodes"
DIGITS_SLUG, DIGITS_LABEL = "0-9", "0–9"
# Dutch order files 's-Hertogenbosch under H and 't Zandt under Z; 's Gravenmoer is written
# with a space in the BAG.
_ARTICLES = ("'s-", "'s ", "'t ")
# The tail that makes an official place name unique: "Haren Gn", "Well L", "Hengelo (Gld)".
# It only counts as a suffix when the name without it is itself a place in data/places.csv.
_SUFFIX = re.compile(r" (?:\([^()]+\)|[A-Z][A-Za-z]{0,2})$")


def place_sort_key(name: str) -> tuple[str, str]:
    """Dutch order: articles ('s-, 't) and leading punctuation skipped, case and accents ignored;
    the name as written breaks ties."""
    key = name.lower()
    for article in _ARTICLES:
        key = key.removeprefix(article)
    key = "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c))
    return key.lstrip("".join(c for c in key if not c.isalnum())), name


def place_letter(name: str) -> tuple[str, str]:
    """(URL slug, label) of the letter page a name is listed on: 'a'/'A' … or '0-9'/'0–9'."""
    first = place_sort_key(name)[0][:1]
    if not first.isascii() or not first.isalnum():
        raise SiteError(f"place '{name}' does not start with a letter or digit after its article",
                        "check data/places.csv: write the name as in the BAG, e.g. 's-Gravenhage")
    return (DIGITS_SLUG, DIGITS_LABEL) if first.isdigit() else (first, first.upper())


@dataclass(frozen=True)
class Candidate:
    """One place a reader may mean: its name as written, and its municipality."""

    place: str
    municipality: Municipality


@dataclass(frozen=True)
class PlaceEntry:
    name: str
    candidates: tuple[Candidate, ...]

    @property
    def ambiguous(self) -> bool:
        return len(self.candidates) > 1


@dataclass(frozen=True)
class PostcodeEntry:
    pc4: str
    municipalities: tuple[Municipality, ...]

    @property
    def ambiguous(self) -> bool:
        return len(self.municipalities) > 1


@dataclass(frozen=True)
class Group:
    """One page: a letter (places) or the first two digits (postcodes), with its entries."""

    slug: str
    label: str
    entries: tuple


class LocationPages:
    """Places A–Z and postcodes by first two digits for the municipalities being built."""

    def __init__(self, data: SiteData, municipalities: Optional[Iterable[Municipality]] = None) -> None:
        self.data = data
        chosen = data.municipalities if municipalities is None else list(municipalities)
        self.by_code = {m.code: m for m in chosen}
        taken = {PLACES, POSTCODES} & set(m.slug for m in data.municipalities)
        if taken:
            raise SiteError(f"data/municipalities.csv: slug '{sorted(taken)[0]}' is also the address of the "
                            f"place or postcode pages (/{MUNICIPALITY_SECTION}/{sorted(taken)[0]}/)",
                            "give the municipality another slug")

    # ---- places ---------------------------------------------------------------------------------
    def place_entries(self) -> list[PlaceEntry]:
        """Every place name of the built municipalities, in Dutch order, with all its candidates."""
        codes_by_name: dict[str, list[str]] = {}
        for code, places in self.data.places.items():  # all municipalities: suffixes are found in all data
            for place in places:
                codes_by_name.setdefault(place, []).append(code)
        suffixed: dict[str, list[str]] = {}
        for name in codes_by_name:
            match = _SUFFIX.search(name)
            if match and name[:match.start()] in codes_by_name:
                suffixed.setdefault(name[:match.start()], []).append(name)
        entries = []
        for name in sorted(codes_by_name, key=place_sort_key):
            variants = [name, *sorted(suffixed.get(name, []), key=place_sort_key)]
            candidates = tuple(
                Candidate(variant, self.by_code[code])
                for variant in variants
                for code in sorted(codes_by_name[variant], key=lambda c: self.data.municipality(c).sort_key)
                if code in self.by_code)
            if any(c.place == name for c in candidates):
                entries.append(PlaceEntry(name, candidates))
        return entries

    def place_groups(self) -> list[Group]:
        groups: dict[tuple[str, str], list[PlaceEntry]] = {}
        for entry in self.place_entries():
            groups.setdefault(place_letter(entry.name), []).append(entry)
        ordered = sorted(groups.items(), key=lambda item: (item[0][0] != DIGITS_SLUG, item[0][0]))
        return [Group(slug, label, tuple(entries)) for (slug, label), entries in ordered]

    # ---- postcodes ------------------------------------------------------------------------------
    def postcode_entries(self) -> list[PostcodeEntry]:
        """Every postcode with a built municipality; a split postcode lists each, largest share first."""
        entries = []
        for postcode in sorted(self.data.postcodes, key=lambda p: p.pc4):
            codes = [postcode.municipality, *postcode.other_municipalities]
            chosen = tuple(self.by_code[c] for c in codes if c in self.by_code)
            if chosen:
                entries.append(PostcodeEntry(postcode.pc4, chosen))
        return entries

    def postcode_groups(self) -> list[Group]:
        groups: dict[str, list[PostcodeEntry]] = {}
        for entry in self.postcode_entries():
            groups.setdefault(entry.pc4[:2], []).append(entry)
        return [Group(digits, digits, tuple(entries)) for digits, entries in sorted(groups.items())]

    # ---- pages ----------------------------------------------------------------------------------
    def render(self, renderers: dict[str, Renderer]) -> dict[str, dict[str, str]]:
        """{Markdown path: {language: Markdown}} of the two overviews and every letter/group page."""
        kinds = (
            (PLACES, self.place_groups(), "places_letters_nav", "places_index.md.j2", "places_letter.md.j2"),
            (POSTCODES, self.postcode_groups(), "postcodes_groups_nav", "postcodes_index.md.j2", "postcodes_group.md.j2"),
        )
        pages: dict[str, dict[str, str]] = {}
        for code, renderer in renderers.items():
            env = renderer.env
            for kind, groups, nav_label, overview, page in kinds:
                nav = env.get_template("location_nav.html.j2")
                folder = f"{MUNICIPALITY_SECTION}/{kind}"
                pages.setdefault(f"{folder}/index.md", {})[code] = env.get_template(overview).render(
                    nav=Markup(nav.render(groups=groups, nav_label=renderer.t[nav_label], prefix="").strip()))
                # The same links on every page of this kind: rendered once, not once per page.
                links = Markup(nav.render(groups=groups, nav_label=renderer.t[nav_label], prefix="../").strip())
                template = env.get_template(page)
                for group in groups:
                    pages.setdefault(f"{folder}/{group.slug}.md", {})[code] = template.render(group=group, nav=links)
        return pages
