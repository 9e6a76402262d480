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
from datetime import date
from typing import Iterable, Iterator, Literal, Optional

from hulproute import freshness, phones
from hulproute.errors import SiteError
from hulproute.loader import SiteData
from hulproute.urls import ROUTE_SECTION
from hulproute.schema import RouteFinderFile, RouteRule, RouteWhat, RouteWho

SECTION = ROUTE_SECTION
# "Is someone in danger now?" in the step addresses: yes is 1, no is 2 (never the words).
URGENCIES = {"1": True, "2": False}
# "Did it happen in the last 7 days?" (asked only where a rule depends on it): yes 1, no 2.
RECENT_CODES = {True: "1", False: "2"}
EMERGENCY, VEILIG_THUIS = "emergency", "veilig-thuis"
LOCATIONS_FILE = "assets/hulproute/locaties.json"
_POSTCODE = re.compile(r"^\s*([1-9]\d{3})\s*(?:[a-zA-Z]{2})?\s*$")


@dataclass(frozen=True)
class Notice:
    """A rule's notice, placed in the card of `service` (data/route_finder.yaml `notice`)."""

    service: str
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Route:
    """The help for one set of answers, in the order a reader should try it."""

    urgent: bool
    who: RouteWho
    what: RouteWhat
    services: tuple[str, ...]
    # Did it happen in the last 7 days? None when the question is not asked for these answers.
    recent: Optional[bool] = None
    notices: tuple[Notice, ...] = ()
    pages: tuple[str, ...] = ()

    @property
    def urgency(self) -> str:
        return urgency_code(self.urgent)

    @property
    def key(self) -> str:
        """'who|what', or 'who|what|1' / 'who|what|0' after the recency question (client table)."""
        base = f"{self.who.id}|{self.what.id}"
        return base if self.recent is None else f"{base}|{int(self.recent)}"


def finder_of(data: SiteData) -> RouteFinderFile:
    if data.route_finder is None:
        raise SiteError("data/route_finder.yaml is missing: the route finder needs its rules", "restore it from git")
    return data.route_finder


def _matches(rule: RouteRule, who: str, what: str) -> bool:
    return (not rule.when.who or who in rule.when.who) and (not rule.when.what or what in rule.when.what)


def asks_recent(finder: RouteFinderFile, who_id: str, what_id: str) -> bool:
    """Ask "did it happen in the last 7 days?" only where a rule's answer depends on it."""
    return any(r.when.recent is not None and _matches(r, who_id, what_id) for r in finder.rules)


def route(finder: RouteFinderFile, urgent: bool, who_id: str, what_id: str, recent: Optional[bool] = None) -> Route:
    """112 first when urgent; then the services of matching `first` rules; Veilig Thuis; then each
    other matching rule's services, in rule order, each once; minus every matching rule's `without`.

    `recent` is the answer to the recency question; it must be given exactly when it is asked.
    """
    who = next((w for w in finder.who if w.id == who_id), None)
    what = next((w for w in finder.what if w.id == what_id), None)
    if who is None or what is None:
        raise KeyError(f"unknown answer: who={who_id!r}, what={what_id!r}")
    if asks_recent(finder, who.id, what.id) != (recent is not None):
        raise KeyError(f"recent={recent!r} for who={who_id!r}, what={what_id!r}: asked iff a rule depends on it")
    matching = [r for r in finder.rules if _matches(r, who.id, what.id)
                and (r.when.recent is None or r.when.recent == recent)]
    without = {s for r in matching for s in r.without}
    first = [s for r in matching if r.first for s in r.services]
    later = [s for r in matching if not r.first for s in r.services]
    services: list[str] = [EMERGENCY] if urgent else []
    for service in [*first, VEILIG_THUIS, *later]:
        if service not in services and service not in without:
            services.append(service)
    notices = []
    for rule in matching:
        if rule.notice:
            shown = next((s for s in rule.services if s in services), VEILIG_THUIS)
            notices.append(Notice(shown, rule.notice.text, tuple(rule.notice.sources)))
    pages = list(dict.fromkeys(p for r in matching for p in r.pages if p not in (what.signs, who.guide)))
    return Route(urgent, who, what, tuple(services), recent, tuple(notices), tuple(pages))


def all_routes(finder: RouteFinderFile) -> Iterator[Route]:
    for urgent in URGENCIES.values():
        for who in finder.who:
            for what in finder.what:
                recents = (True, False) if asks_recent(finder, who.id, what.id) else (None,)
                for recent in recents:
                    yield route(finder, urgent, who.id, what.id, recent)


def client_routes(finder: RouteFinderFile) -> dict[str, dict]:
    """{key: {s: services, n: [[service, notice key], ...], p: pages}} without urgency (the browser
    puts 112 first when urgent). Keys as `Route.key`: where 'who|what|1' exists the browser asks the
    recency question, so it never decides that itself."""
    return {r.key: {"s": list(r.services), "n": [[n.service, n.text] for n in r.notices], "p": list(r.pages)}
            for r in all_routes(finder) if not r.urgent}


def urgency_code(urgent: bool) -> str:
    return next(code for code, value in URGENCIES.items() if value is urgent)


def step_path(urgent: Optional[bool] = None, who: Optional[RouteWho] = None, what: Optional[RouteWhat] = None,
              recent: Optional[bool] = None) -> str:
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
    if recent is not None and what is not None:
        parts.append(RECENT_CODES[recent])
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

    def client_data(self, data: SiteData, today: date) -> dict:
        """The lookup tables the browser uses (language-neutral; fetched only by the route finder).

        A local team is [name, phone as shown, tel: link, website, 1 if its check is old]; a
        withdrawn one (data/freshness.yaml) has neither phone nor website, so the script shows
        Veilig Thuis's route instead, as the municipality page does.
        """
        index = {m.code: i for i, m in enumerate(self.municipalities)}
        regions = {code: [r.display_name, str(r.website or "")] for code, r in data.regions.items()}
        local = {}
        for m in self.municipalities:
            teams = []
            for c in data.contacts_by_municipality.get(m.code, []):
                if c.kind != "local_team":
                    continue
                state = freshness.assess_contact(c, data.freshness, today).state
                if state is freshness.Freshness.WITHDRAWN:
                    teams.append([c.name, "", "", "", 0])
                    continue
                teams.append([c.name, phones.display(c.phone) if c.phone else "",
                              phones.tel_href(c.phone) if c.phone else "", str(c.website or ""),
                              int(state is freshness.Freshness.RECHECK)])
            if teams:
                local[str(index[m.code])] = teams
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


def route_in(data: SiteData, urgent: bool, who_id: str, what_id: str, code: str,
             recent: Optional[bool] = None) -> PlacedRoute:
    """What the in-page version shows once the reader has said where the person at risk lives."""
    municipality = data.municipality(code)
    teams = tuple(c.id for c in data.contacts_by_municipality.get(code, []) if c.kind == "local_team")
    return PlacedRoute(route(finder_of(data), urgent, who_id, what_id, recent), code,
                       data.regions[municipality.veilig_thuis_region].code, teams)
