"""Route finder: from "urgent? who? what? where?" to an ordered list of help. No MkDocs here.

One implementation of the rules (data/route_finder.yaml) serves both versions: the static pages
(/hulp-zoeken/<urgency>/<who>/<what>/ in neutral codes, made by `step_path`) are rendered from
`route()`, and the in-page version gets the same routes as a table (`client_routes`), so it never
re-implements a rule. Only the lookup of a place is done in the browser, on the table
`Locations.client_data()` writes.
"""
from __future__ import annotations

import posixpath
import re
import unicodedata
from dataclasses import dataclass
from typing import Iterator, Literal, Optional

from hulproute import phones
from hulproute.errors import SiteError
from hulproute.loader import SiteData
from hulproute.schema import RouteFinderFile, RouteWhat, RouteWho

SECTION = "hulp-zoeken"
# "Is someone in danger now?" in the step addresses: yes is 1, no is 2 (never the words).
URGENCIES = {"1": True, "2": False}
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
        return urgency_code(self.urgent)


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


def urgency_code(urgent: bool) -> str:
    return next(code for code, value in URGENCIES.items() if value is urgent)


def step_path(urgent: Optional[bool] = None, who: Optional[RouteWho] = None, what: Optional[RouteWhat] = None) -> str:
    """The address of a no-JavaScript step inside the section, e.g. '1/a/5/' ('' is the entry).

    The only place that knows the scheme: every page and every link between steps is made here.
    An address stays in the browser history, so it holds neutral codes (data/route_finder.yaml
    `code`), never an answer's id or label. A further question adds its code at the end.
    """
    parts = [] if urgent is None else [urgency_code(urgent)]
    for answer in (who, what):
        if answer is None:
            break
        parts.append(answer.code)
    return "".join(f"{part}/" for part in parts)


def step_href(here: str, there: str) -> str:
    """A relative link from one step's address to another's (both from `step_path`)."""
    relative = posixpath.relpath(there or ".", here or ".")
    return "./" if relative == "." else f"{relative}/"


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


class Locations:
    """Postcodes, place names and municipality names, each pointing at municipality codes."""

    def __init__(self, data: SiteData) -> None:
        self.municipalities = data.municipalities
        self.by_postcode: dict[str, tuple[str, ...]] = {
            p.pc4: (p.municipality, *[c for c in p.other_municipalities if c != p.municipality])
            for p in data.postcodes
        }
        names: dict[str, list[str]] = {}
        for m in data.municipalities:
            for name in {m.name, re.sub(r"\s*\(.*\)$", "", m.name), m.also_known_as}:
                if name:
                    names.setdefault(normalise(name), []).append(m.code)
        for code, places in data.places.items():
            for place in places:
                names.setdefault(normalise(place), []).append(code)
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
