"""Route finder: from "urgent? who? what? where?" to an ordered list of help. No MkDocs here.

One implementation of the rules (data/route_finder.yaml) serves both versions: the static pages
(/hulp-zoeken/<urgency>/<who>/<what>/) are rendered from `route()`, and the in-page version gets
the same routes as a table (`client_routes`), so it never re-implements a rule. Only the lookup
of a place is done in the browser, on the table `Locations.client_data()` writes.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable, Iterator, Literal, Optional

from hulproute import phones
from hulproute.errors import SiteError
from hulproute.loader import SiteData
from hulproute.schema import RouteFinderFile, RouteWhat, RouteWho

SECTION = "hulp-zoeken"
URGENCIES = {"nu-gevaar": True, "geen-gevaar": False}
EMERGENCY, VEILIG_THUIS = "emergency", "veilig-thuis"
LOCATIONS_FILE = "assets/hulproute/locaties.json"
_POSTCODE = re.compile(r"^\s*([1-9]\d{3})\s*(?:[a-zA-Z]{2})?\s*$")


@dataclass(frozen=True)
class Route:
    """The help for one set of answers, in the order a reader should try it."""

    urgent: bool
    who: RouteWho
    what: RouteWhat
    services: tuple[str, ...]

    @property
    def urgency(self) -> str:
        return "nu-gevaar" if self.urgent else "geen-gevaar"


def finder_of(data: SiteData) -> RouteFinderFile:
    if data.route_finder is None:
        raise SiteError("data/route_finder.yaml is missing: the route finder needs its rules", "restore it from git")
    return data.route_finder


def route(finder: RouteFinderFile, urgent: bool, who_id: str, what_id: str) -> Route:
    """112 first when urgent, then Veilig Thuis, then each matching rule's services once, in order."""
    who = next((w for w in finder.who if w.id == who_id), None)
    what = next((w for w in finder.what if w.id == what_id), None)
    if who is None or what is None:
        raise KeyError(f"unknown answer: who={who_id!r}, what={what_id!r}")
    services = [EMERGENCY] if urgent else []
    services.append(VEILIG_THUIS)
    for rule in finder.rules:
        if (not rule.when.who or who.id in rule.when.who) and (not rule.when.what or what.id in rule.when.what):
            services += [s for s in rule.services if s not in services]
    return Route(urgent, who, what, tuple(services))


def all_routes(finder: RouteFinderFile) -> Iterator[Route]:
    for urgent in URGENCIES.values():
        for who in finder.who:
            for what in finder.what:
                yield route(finder, urgent, who.id, what.id)


def client_routes(finder: RouteFinderFile) -> dict[str, list[str]]:
    """{'who|what': services} without urgency: the browser puts 112 first when urgent."""
    return {f"{r.who.id}|{r.what.id}": list(r.services) for r in all_routes(finder) if not r.urgent}


# ---- where does the person at risk live? -------------------------------------------------------

def normalise(text: str) -> str:
    """Compare names as a reader types them: no accents, case, apostrophes or punctuation.

    The browser does the same (hulproute-route.js `norm`); tests check both on every name.
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().replace("'", "").replace("’", "")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


@dataclass(frozen=True)
class Resolution:
    status: Literal["found", "choose", "unknown"]
    codes: tuple[str, ...] = ()


# A suffix written in brackets, as in "Hengelo (Gld)" or the municipality "Bergen (NH.)".
_BRACKETED = re.compile(r"^(?P<bare>.+?)\s*\((?P<token>[^()]+)\)$")
# A short last word that may be a suffix, as in "Haren Gn", "Well L", "Bavel AC".
_SHORT_LAST_WORD = re.compile(r"^(?P<bare>.+?)\s+(?P<token>[^\s()]{1,3})$")


def place_suffixes(names: Iterable[tuple[str, str]]) -> frozenset[str]:
    """The suffixes that official names carry to tell places of the same name apart, from the data.

    The BAG names a place after a namesake elsewhere with a suffix: "Haren Gn" (Groningen) beside
    Haren (Oss), "Hengelo (Gld)" beside Hengelo, "Bavel AC" beside Bavel (Breda). A reader types
    the bare name, which then fits several municipalities and must ask. Rather than a hand list,
    a suffix token (normalised) is
      - any text in brackets at the end of a place or municipality name ("(Gld)", "(NH.)"), or
      - a last word of at most three characters whose removal leaves a name that exists, as a
        place or municipality, in another municipality ("Gn" in "Haren Gn", "L" in "Well L").
    Every name ending in such a token as a separate word is then suffixed, also where its bare
    name exists nowhere else ("Beers NB", "Driehuis NH": typing "Beers" finds it). Longer last
    words are parts of names ("Stoutenburg Noord", "Winterswijk Meddo"), not suffixes.
    `names` are (name, municipality code) pairs.
    """
    names = list(names)
    where: dict[str, set[str]] = {}
    for name, code in names:
        where.setdefault(normalise(name), set()).add(code)
    tokens = set()
    for name, code in names:
        if bracketed := _BRACKETED.match(name):
            tokens.add(normalise(bracketed["token"]))
        elif (short := _SHORT_LAST_WORD.match(name)) and where.get(normalise(short["bare"]), set()) - {code}:
            tokens.add(normalise(short["token"]))
    return frozenset(tokens)


def bare_name(name: str, suffixes: frozenset[str]) -> Optional[str]:
    """The name without its suffix ("Haren Gn" -> "Haren"), or None when it has none."""
    match = _BRACKETED.match(name) or _SHORT_LAST_WORD.match(name)
    if match and normalise(match["token"]) in suffixes:
        return match["bare"]
    return None


class Locations:
    """Postcodes, place names and municipality names, each pointing at municipality codes.

    A name is found under its own spelling and, when it has a suffix (`place_suffixes`), under
    its bare name too: "Haren Gn" finds Groningen, "Haren" asks between Oss and Groningen.
    """

    def __init__(self, data: SiteData) -> None:
        self.municipalities = data.municipalities
        self.by_postcode: dict[str, tuple[str, ...]] = {
            p.pc4: (p.municipality, *[c for c in p.other_municipalities if c != p.municipality])
            for p in data.postcodes
        }
        written = [(name, m.code) for m in data.municipalities for name in (m.name, m.also_known_as) if name]
        written += [(place, code) for code, places in data.places.items() for place in places]
        self.suffixes = place_suffixes(written)
        names: dict[str, list[str]] = {}
        for name, code in written:
            for spelling in (name, bare_name(name, self.suffixes)):
                if spelling:
                    names.setdefault(normalise(spelling), []).append(code)
        order = {m.code: i for i, m in enumerate(data.municipalities)}
        self.by_name = {k: tuple(sorted(set(v), key=order.__getitem__)) for k, v in names.items()}

    def resolve(self, query: str) -> Resolution:
        """A 4-digit postcode, place or municipality name: one municipality, a choice, or unknown.

        Names that exist in several municipalities and postcodes split over several ask the reader
        to choose; nothing is guessed.
        """
        postcode = _POSTCODE.match(query)
        codes = self.by_postcode.get(postcode.group(1), ()) if postcode else self.by_name.get(normalise(query), ())
        if not codes:
            return Resolution("unknown")
        return Resolution("found" if len(codes) == 1 else "choose", codes)

    def client_data(self, data: SiteData) -> dict:
        """The lookup tables the browser uses (language-neutral; fetched only by the route finder)."""
        index = {m.code: i for i, m in enumerate(self.municipalities)}
        regions = {code: [r.display_name, str(r.website or "")] for code, r in data.regions.items()}
        local = {}
        for m in self.municipalities:
            teams = [c for c in data.contacts_by_municipality.get(m.code, []) if c.kind == "local_team"]
            if teams:
                local[str(index[m.code])] = [
                    [c.name, phones.display(c.phone) if c.phone else "", phones.tel_href(c.phone) if c.phone else "",
                     str(c.website or "")] for c in teams]
        return {
            "m": [[m.name, m.slug, m.veilig_thuis_region] for m in self.municipalities],
            "r": regions,
            "p": {pc: [index[c] for c in codes] for pc, codes in sorted(self.by_postcode.items())},
            "n": {name: [index[c] for c in codes] for name, codes in sorted(self.by_name.items())},
            "l": local,
        }


@dataclass(frozen=True)
class PlacedRoute:
    """A route for a known municipality: its Veilig Thuis region and the local teams we verified."""

    route: Route
    municipality: str
    region: str
    local_teams: tuple[str, ...]


def route_in(data: SiteData, urgent: bool, who_id: str, what_id: str, code: str) -> PlacedRoute:
    """What the in-page version shows once the reader has said where the person at risk lives."""
    municipality = data.municipality(code)
    teams = tuple(c.id for c in data.contacts_by_municipality.get(code, []) if c.kind == "local_team")
    return PlacedRoute(route(finder_of(data), urgent, who_id, what_id), code,
                       data.regions[municipality.veilig_thuis_region].code, teams)
