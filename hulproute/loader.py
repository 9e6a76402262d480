"""Load and validate every file in data/, collecting all problems before failing.

Called before MkDocs writes anything (hooks/data.py) and by scripts/validate_data.py, so a broken
file stops the build with a message naming file, record, field, problem and fix.
"""
from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional, TypeVar

from pydantic import BaseModel, ValidationError

from hulproute import datafiles, local_contacts, messages_nl, phones, placeholders
from hulproute.errors import DataError, DataProblem
from hulproute.urls import RESERVED_TOP_LEVEL, municipality_url
from hulproute.schema import (
    Campaign, ContentSection, DutchGlossaryFile, FreshnessPolicy, GlossaryFile, GlossaryTerm, Language, LanguagesFile,
    LocalContact, Municipality, MunicipalityMerger, NationalService, OfficialDomain, Place, Postcode, Redirect, Region,
    SearchTermsFile,
    RouteFinderFile, Source,
)

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
REQUIRED_SERVICES = ("emergency", "veilig-thuis")
SOURCE_LANGUAGE_STRINGS = "nl"

M = TypeVar("M", bound=BaseModel)


@dataclass
class SiteData:
    """Everything the site is rendered from, validated and cross-checked."""

    data_dir: Path
    languages: list[Language]
    services: dict[str, NationalService]
    regions: dict[str, Region]
    municipalities: list[Municipality]
    places: dict[str, list[str]]
    postcodes: list[Postcode]
    local_contacts: list[LocalContact]
    strings: dict[str, dict[str, Any]]
    contacts_by_municipality: dict[str, list[LocalContact]] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    sections: list[ContentSection] = field(default_factory=list)
    route_finder: Optional[RouteFinderFile] = None
    redirects: list[Redirect] = field(default_factory=list)
    # data/glossary/: {Dutch term: what it means} and {language: {Dutch term: its rendering}}.
    glossary_terms: dict[str, str] = field(default_factory=dict)
    # data/freshness.yaml: when a contact's check date becomes a warning, and when it is withdrawn.
    freshness: FreshnessPolicy = field(default_factory=lambda: FreshnessPolicy(
        warn_after_months=12, withdraw_after_months=24, stale_source_after_years=5))
    glossaries: dict[str, dict[str, GlossaryTerm]] = field(default_factory=dict)
    # data/search/: {language: {page path: [everyday search words]}}.
    search_terms: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    # data/municipality_mergers.yaml (their redirects are in `redirects` too).
    mergers: list[MunicipalityMerger] = field(default_factory=list)
    # data/campaigns/*.yaml, by slug, in file-name order.
    campaigns: dict[str, Campaign] = field(default_factory=dict)

    @property
    def language_codes(self) -> list[str]:
        return [language.code for language in self.languages]

    @property
    def default_language(self) -> str:
        return self.languages[0].code

    def municipality(self, code: str) -> Municipality:
        return next(m for m in self.municipalities if m.code == code)

    def direction(self, code: str) -> str:
        """'rtl' for Arabic, 'ltr' for the others (data/languages.yaml)."""
        return next(language.direction for language in self.languages if language.code == code)


class _Collector:
    """Accumulates problems so one run reports everything that is wrong."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.problems: list[DataProblem] = []

    def rel(self, path: Path) -> str:
        try:
            return f"data/{path.relative_to(self.data_dir).as_posix()}"
        except ValueError:
            return str(path)

    def add(self, path: Path, record: str, field_name: str, problem: str, fix: str, language: str = "en") -> None:
        """Record a problem; in a file municipal staff edit it is worded in Dutch (messages_nl)."""
        file = self.rel(path)
        if file in messages_nl.DUTCH_FILES and language != "nl":
            dutch_problem, dutch_fix = messages_nl.translate(problem), messages_nl.translate(fix)
            if dutch_problem is not None and dutch_fix is not None:
                problem, fix, language = dutch_problem, dutch_fix, "nl"
        self.problems.append(DataProblem(file, record, field_name, problem, fix, language))


def _fix_for(error: dict[str, Any], field_name: str, model: type[BaseModel]) -> tuple[str, str]:
    """Turn one pydantic error into (problem, fix) phrased for a data editor."""
    kind = error["type"]
    message = error["msg"]
    if kind == "value_error" and " || " in message:
        problem, fix = message.removeprefix("Value error, ").split(" || ", 1)
        return problem, fix
    given = error.get("input")
    shown = f" (found {given!r})" if given is not None and not isinstance(given, (dict, list)) else ""
    if kind == "missing":
        return "is missing", f"add '{field_name}' to this record"
    if kind == "extra_forbidden":
        allowed = ", ".join(info.alias or name for name, info in model.model_fields.items())
        return "is not a known field", f"remove it or correct its spelling; allowed fields: {allowed}"
    if kind == "string_pattern_mismatch":
        examples = {"code": "GM0736 or VT20", "municipality": "GM0736", "veilig_thuis_region": "VT20",
                    "pc4": "3641", "municipalities": "GM0736"}
        return f"has the wrong form{shown}", f"write a value like {examples.get(field_name, 'the documented form')}"
    if kind == "literal_error":
        return f"is not an allowed value{shown}", message.replace("Input should be", "use")
    if kind.startswith("url"):
        return f"is not a web address{shown}", "write a full address starting with https://"
    if kind.startswith("date") or kind.startswith("datetime"):
        return f"is not a date{shown}", "write the date as YYYY-MM-DD, e.g. 2026-11-22"
    if kind == "bool_parsing" or kind == "bool_type":
        return f"is not true or false{shown}", "write true or false"
    if kind == "string_type":
        return f"is not text{shown}", 'put the value in quotes, e.g. phone: "0800-2000"'
    if kind in ("too_short", "string_too_short"):
        return "is empty", "give at least one item (or a non-empty text)"
    if kind in ("list_type", "model_type", "dict_type"):
        return f"has the wrong structure{shown}", "compare with a correct record in the same file"
    return f"{message}{shown}", "correct the value"


def _validate(model: type[M], raw: Any, path: Path, record: str, out: _Collector) -> Optional[M]:
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        for error in exc.errors():
            loc = [str(part) for part in error["loc"]]
            field_name = ".".join(loc) or "(record)"
            named = [part for part in loc if not part.isdigit()]  # 'terms.kindcheck.use' → 'use'
            problem, fix = _fix_for(error, named[-1] if named else "", model)
            out.add(path, record, field_name, problem, fix)
        return None


def _reporter(path: Path, out: _Collector):
    return lambda record, field_name, problem, fix: out.add(path, record, field_name, problem, fix)


def _read_yaml(path: Path, out: _Collector) -> Any:
    return datafiles.read_yaml(path, _reporter(path, out))


def _read_list(path: Path, key: str, out: _Collector, allow_empty: bool = False) -> list[tuple[str, Any]]:
    """Read `key:` list from a YAML file, returning (record label, raw item) pairs.

    An empty list is a problem unless the file may say "none" (`key: []`, written explicitly):
    a list that lost its records by accident must not build a site with that help silently gone.
    """
    doc = _read_yaml(path, out)
    if doc is None:
        return []
    if not isinstance(doc, dict) or key not in doc:
        out.add(path, "(file)", key, f"the file has no top-level '{key}:' list", f"start the file with '{key}:'")
        return []
    items = doc[key]
    if items is None or (items == [] and not allow_empty):
        allowed = f"; if there really are none, write '{key}: []'" if allow_empty else ""
        out.add(path, "(file)", key, f"'{key}' has no records", f"add the records as '- ' items under '{key}:'{allowed}")
        return []
    if not isinstance(items, list):
        out.add(path, "(file)", key, f"'{key}' is not a list", "write each record as a '- ' item under it")
        return []
    labelled = []
    for index, item in enumerate(items, start=1):
        ident = (item.get("id") or item.get("code")) if isinstance(item, dict) else None
        labelled.append((f"#{index} ({ident})" if isinstance(ident, str) and ident else f"#{index}", item))
    return labelled


def _read_csv(path: Path, columns: Iterable[str], out: _Collector) -> list[tuple[str, dict[str, str]]]:
    return datafiles.read_csv(path, columns, _reporter(path, out))


def _duplicates(values: Iterable[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """(record, value, first record) for every value seen before."""
    seen: dict[str, str] = {}
    dupes = []
    for record, value in values:
        if value in seen:
            dupes.append((record, value, seen[value]))
        else:
            seen[value] = record
    return dupes


def _validate_all(items: list[tuple[str, Any]], model: type[M], path: Path, out: _Collector) -> list[tuple[str, M]]:
    loaded = []
    for record, raw in items:
        item = _validate(model, raw, path, record, out)
        if item is not None:
            loaded.append((record, item))
    return loaded


def _load_models(path: Path, key: str, model: type[M], out: _Collector, allow_empty: bool = False) -> list[tuple[str, M]]:
    return _validate_all(_read_list(path, key, out, allow_empty), model, path, out)


def _load_strings(data_dir: Path, languages: list[Language], services: Iterable[str], out: _Collector) -> dict[str, dict]:
    strings_dir = data_dir / "strings"
    codes = [language.code for language in languages]
    result: dict[str, dict] = {}
    if strings_dir.is_dir():
        for path in sorted(strings_dir.glob("*.yaml")):
            if path.stem not in codes:
                out.add(path, "(file)", "(file)", f"'{path.stem}' is not a site language",
                        f"add '{path.stem}' to data/languages.yaml and mkdocs.yml, or remove this file")
    source_path = strings_dir / f"{SOURCE_LANGUAGE_STRINGS}.yaml"
    source = _read_yaml(source_path, out)
    if not isinstance(source, dict):
        if source is not None:
            out.add(source_path, "(file)", "(file)", "the file is not a list of 'key: text' lines",
                    "write one 'key: \"text\"' line per interface text")
        return result
    for service in services:
        if f"service_{service}" not in source:
            out.add(source_path, f"service_{service}", f"service_{service}", "no description for this national service",
                    f"add 'service_{service}: \"...\"' in plain Dutch")
    _check_string_values(source_path, source, source, out)
    for code in codes:
        path = strings_dir / f"{code}.yaml"
        doc = source if code == SOURCE_LANGUAGE_STRINGS else _read_yaml(path, out)
        if not isinstance(doc, dict):
            if doc is not None:
                out.add(path, "(file)", "(file)", "the file is not a list of 'key: text' lines", "compare with data/strings/nl.yaml")
            continue
        if code != SOURCE_LANGUAGE_STRINGS:
            _check_string_values(path, doc, source, out)
        result[code] = doc
    return result


def _check_string_values(path: Path, doc: dict, source: dict, out: _Collector) -> None:
    """Every interface text, item by item: text (or a list of texts), plain {name} placeholders,
    the same placeholders as the Dutch source, no key the source lacks."""
    for key, value in source.items():
        if key not in doc:
            out.add(path, key, key, "translation missing", f"translate '{key}' from data/strings/nl.yaml")
            continue
        given = doc[key]
        if isinstance(value, list):
            if not isinstance(given, list) or len(given) != len(value):
                out.add(path, key, key, f"must be a list of {len(value)} items", "compare with data/strings/nl.yaml")
                continue
            items = [(f"{key}[{i}]", item, want) for i, (item, want) in enumerate(zip(given, value), 1)]
        else:
            items = [(key, given, value)]
        for name, text, want in items:
            if not isinstance(text, str) or not text.strip():
                out.add(path, key, name, "is empty or not text", f'write the text in quotes, e.g. {key}: "…" (see data/strings/nl.yaml)')
                continue
            stray = placeholders.brace_problem(text)
            if stray:
                out.add(path, key, name, stray, "write placeholders exactly as {name}, as in data/strings/nl.yaml; "
                        "remove any other brace")
                continue
            if isinstance(want, str) and placeholders.names(text) != placeholders.names(want):
                out.add(path, key, name, f"placeholders {placeholders.names(text)} differ from the Dutch "
                        f"{placeholders.names(want)}", "keep every {placeholder} exactly as in data/strings/nl.yaml")
    for key in doc:
        if key not in source:
            out.add(path, str(key), str(key), "this key does not exist in data/strings/nl.yaml", "remove it or add it to nl.yaml first")


def load_site_data(data_dir: Path = DEFAULT_DATA_DIR) -> SiteData:
    """Load, validate and cross-check all data; raise DataError listing every problem."""
    data_dir = Path(data_dir).resolve()
    out = _Collector(data_dir)

    lang_path = data_dir / "languages.yaml"
    lang_doc = _read_yaml(lang_path, out)
    languages_file = _validate(LanguagesFile, lang_doc, lang_path, "(file)", out) if lang_doc is not None else None
    languages = languages_file.languages if languages_file else []
    for record, code, first in _duplicates((f"#{i}", lang.code) for i, lang in enumerate(languages, 1)):
        out.add(lang_path, record, "code", f"language '{code}' is listed twice (first at {first})", "remove one of them")

    services_path = data_dir / "national_services.yaml"
    services_raw = _read_list(services_path, "services", out)
    services_loaded = _validate_all(services_raw, NationalService, services_path, out)
    for record, ident, first in _duplicates((r, s.id) for r, s in services_loaded):
        out.add(services_path, record, "id", f"id '{ident}' is used twice (first at {first})", "give each service its own id")
    services = {s.id: s for _, s in services_loaded}
    if services_raw:
        raw_ids = {raw.get("id") for _, raw in services_raw if isinstance(raw, dict)}
        for required in REQUIRED_SERVICES:
            if required not in raw_ids:
                out.add(services_path, required, "id", f"the service '{required}' is required on every page",
                        "restore it from git history")

    regions_path = data_dir / "veilig_thuis_regions.yaml"
    regions_loaded = _load_models(regions_path, "regions", Region, out)
    for record, code, first in _duplicates((r, g.code) for r, g in regions_loaded):
        out.add(regions_path, record, "code", f"region {code} is listed twice (first at {first})", "remove one of them")
    regions = {g.code: g for _, g in regions_loaded}

    muni_path = data_dir / "municipalities.csv"
    municipalities_loaded = []
    muni_rows = _read_csv(muni_path, ("code", "name", "slug", "province", "veilig_thuis_region", "also_known_as"), out)
    for record, row in muni_rows:
        label = f"{record} ({row.get('code')} {row.get('name')})"
        item = _validate(Municipality, row, muni_path, label, out)
        if item is not None:
            municipalities_loaded.append((label, item))
            if regions and item.veilig_thuis_region not in regions:
                out.add(muni_path, label, "veilig_thuis_region", f"unknown region {item.veilig_thuis_region}",
                        f"use a code from data/veilig_thuis_regions.yaml ({', '.join(sorted(regions))})")
    for attr in ("code", "slug", "name"):
        for record, value, first in _duplicates((r, getattr(m, attr)) for r, m in municipalities_loaded):
            out.add(muni_path, record, attr, f"{attr} '{value}' is used twice (first at {first})",
                    "codes, slugs and names must be unique; a renamed municipality keeps its old slug")
    municipalities = sorted((m for _, m in municipalities_loaded), key=lambda m: m.sort_key)
    # Codes of every row, valid or not: a broken row is reported once, not again by each reference.
    codes = {row.get("code", "") for _, row in muni_rows}
    used_regions = {m.veilig_thuis_region for m in municipalities}
    for code in regions:
        if municipalities and code not in used_regions:
            out.add(regions_path, code, "code", "no municipality belongs to this region", "check data/municipalities.csv")

    def check_code(path: Path, record: str, field_name: str, code: str) -> bool:
        if codes and code not in codes:
            out.add(path, record, field_name, f"unknown municipality {code}", "use a code from data/municipalities.csv")
            return False
        return True

    places_path = data_dir / "places.csv"
    places: dict[str, list[str]] = defaultdict(list)
    for record, row in _read_csv(places_path, ("place", "municipality"), out):
        item = _validate(Place, row, places_path, record, out)
        if item and check_code(places_path, record, "municipality", item.municipality):
            places[item.municipality].append(item.place)

    postcodes_path = data_dir / "postcodes.csv"
    postcodes = []
    for record, row in _read_csv(postcodes_path, ("pc4", "municipality", "share", "other_municipalities"), out):
        item = _validate(Postcode, row, postcodes_path, record, out)
        if item and all(check_code(postcodes_path, record, "municipality", c) for c in [item.municipality, *item.other_municipalities]):
            postcodes.append((record, item))
    for record, pc4, first in _duplicates((r, p.pc4) for r, p in postcodes):
        out.add(postcodes_path, record, "pc4", f"postcode {pc4} is listed twice (first at {first})", "keep one row per postcode")

    contacts_path = data_dir / "local_contacts.yaml"
    contacts_loaded = _load_models(contacts_path, "contacts", LocalContact, out, allow_empty=True)
    contacts_by_municipality: dict[str, list[LocalContact]] = defaultdict(list)
    for record, contact in contacts_loaded:
        for code in contact.municipalities:
            if check_code(contacts_path, record, "municipalities", code):
                contacts_by_municipality[code].append(contact)
        if contact.national_line and services and contact.national_line not in services:
            out.add(contacts_path, record, "national_line", f"unknown national service '{contact.national_line}'",
                    f"use an id from data/national_services.yaml ({', '.join(services)})")
        national = next((s.id for s in services.values() if s.phone and contact.phone
                         and phones.tel_href(s.phone) == phones.tel_href(contact.phone)), None)
        if national:
            out.add(contacts_path, record, "phone", f"{contact.phone} is the national number of '{national}'",
                    f"remove phone and write national_line: {national} (a national number lives once)")
        if contact.phone and contact.national_line:
            out.add(contacts_path, record, "phone", "has both its own phone and a national_line",
                    "keep national_line only: a national number lives once, in national_services.yaml")
    for record, ident, first in _duplicates((r, c.id) for r, c in contacts_loaded):
        out.add(contacts_path, record, "id", f"id '{ident}' is used twice (first at {first})", "give each contact its own id")
    domains_path = data_dir / "official_domains.yaml"
    problems_before = len(out.problems)
    domains = [d for _, d in _load_models(domains_path, "domains", OfficialDomain, out)]
    for record, domain, first in _duplicates((f"#{i}", d.domain) for i, d in enumerate(domains, 1)):
        out.add(domains_path, record, "domain", f"'{domain}' is listed twice (first at {first})", "remove one of them")
    # A broken domains file is reported once, above; checking every contact against the part that
    # loaded would bury that one message under a false "not official" for each contact.
    if len(out.problems) == problems_before:
        local_contacts.check(contacts_loaded, domains, lambda record, field_name, problem, fix: out.add(
            contacts_path, record, field_name, problem, fix, language="nl"))

    strings = _load_strings(data_dir, languages, services, out) if languages else {}
    sources = _load_sources(data_dir, out)
    sections = _load_sections(data_dir, out)
    # Ids of every service record, valid or not: a broken record is reported once, not again here.
    service_ids = {raw.get("id") for _, raw in services_raw if isinstance(raw, dict)}
    route_finder = _load_route_finder(data_dir, service_ids, sections, strings, sources, out)
    mergers = _load_mergers(data_dir, municipalities, out)
    redirects = _load_redirects(data_dir, out, _merger_redirects(
        data_dir, mergers, municipalities, [lang.code for lang in languages]))
    freshness_path = data_dir / "freshness.yaml"
    freshness_doc = _read_yaml(freshness_path, out)
    freshness = _validate(FreshnessPolicy, freshness_doc, freshness_path, "(file)", out) if freshness_doc is not None else None
    glossary_terms, glossaries = _load_glossaries(data_dir, [lang.code for lang in languages], out)
    search_terms = _load_search_terms(data_dir, [lang.code for lang in languages], out)
    campaigns = _load_campaigns(data_dir, [lang.code for lang in languages], set(regions), codes, sections,
                                route_finder, redirects, out)

    if out.problems:
        raise DataError(out.problems)
    return SiteData(
        data_dir=data_dir, languages=languages, services=services, regions=regions,
        municipalities=municipalities, places={k: sorted(v, key=str.lower) for k, v in places.items()},
        postcodes=[p for _, p in postcodes], local_contacts=[c for _, c in contacts_loaded],
        strings=strings, contacts_by_municipality=dict(contacts_by_municipality),
        sources=sources, sections=sections, route_finder=route_finder, redirects=redirects,
        glossary_terms=glossary_terms, glossaries=glossaries, freshness=freshness, search_terms=search_terms,
        mergers=mergers, campaigns=campaigns,
    )


def _load_sources(data_dir: Path, out: _Collector) -> dict[str, Source]:
    """data/sources/*.yaml: every document a page cites, with one id across all files."""
    loaded: list[tuple[str, Source]] = []
    for path in sorted((data_dir / "sources").glob("*.yaml")):
        loaded += [(f"{out.rel(path)} {record}", item) for record, item in _load_models(path, "sources", Source, out)]
    for record, ident, first in _duplicates((r, s.id) for r, s in loaded):
        out.add(data_dir / "sources", record, "id", f"source id '{ident}' is used twice (first at {first})",
                "give each source its own id, or cite the existing one")
    return {s.id: s for _, s in loaded}


def _load_sections(data_dir: Path, out: _Collector) -> list[ContentSection]:
    path = data_dir / "content.yaml"
    sections = [item for _, item in _load_models(path, "sections", ContentSection, out)]
    for record, ident, first in _duplicates((s.id, s.id) for s in sections):
        out.add(path, record, "id", f"section '{ident}' is listed twice", "remove one of them")
    pages = [(s.id, f"{s.id}/{p}") for s in sections for p in s.pages]
    for record, page, first in _duplicates(pages):
        out.add(path, record, "pages", f"page '{page}' is listed twice", "list each page once")
    known = {page for _, page in pages}
    for section in sections:
        for related in section.related:
            if related not in known:
                out.add(path, section.id, "related", f"'{related}' is not a page of any section",
                        "use 'section/page' of a page listed under another section")
    return sections


def _page_paths(sections: list[ContentSection]) -> set[str]:
    """Every hand-written page data/ may point at, as 'section/page' (a landing page: 'section/index')."""
    return {f"{s.id}/{p}" for s in sections for p in s.pages} | {f"{s.id}/index" for s in sections}


def _load_route_finder(data_dir: Path, services: set[str], sections: list[ContentSection],
                       strings: dict[str, dict], sources: dict[str, Source], out: _Collector) -> Optional[RouteFinderFile]:
    """data/route_finder.yaml, with every answer, service, page and text it refers to checked."""
    path = data_dir / "route_finder.yaml"
    raw = _read_yaml(path, out)
    finder = _validate(RouteFinderFile, raw, path, "(file)", out) if raw is not None else None
    if finder is None:
        return None
    for kind, answers in (("who", finder.who), ("what", finder.what)):
        for record, ident, first in _duplicates((f"{kind} #{i}", a.id) for i, a in enumerate(answers, 1)):
            out.add(path, record, "id", f"answer '{ident}' is listed twice", "list each answer once")
    who_ids, what_ids = {w.id for w in finder.who}, {w.id for w in finder.what}
    # Codes are the answers' tokens in the step addresses (route_finder.step_path): one answer
    # per code in each question, and never an answer's own name.
    for kind, answers in (("who", finder.who), ("what", finder.what)):
        records = [(f"{kind} #{i} ({a.id})", a.code) for i, a in enumerate(answers, 1)]
        for record, code, first in _duplicates(records):
            out.add(path, record, "code", f"code '{code}' is already used by {first}",
                    f"give each '{kind}' answer its own code, e.g. the next free letter or number")
        for record, code in records:
            if code in who_ids | what_ids:
                out.add(path, record, "code", f"code '{code}' is the name of an answer, and step addresses stay in "
                        "the browser history", "use a neutral letter or number, e.g. a, b … or 1, 2 …")
    pages = _page_paths(sections)
    for index, who in enumerate(finder.who, 1):
        if sections and who.guide not in pages:
            out.add(path, f"who #{index} ({who.id})", "guide", f"'{who.guide}' is not a page in data/content.yaml",
                    "use 'section/page' of a listed page")
    for index, what in enumerate(finder.what, 1):
        if sections and what.signs not in pages:
            out.add(path, f"what #{index} ({what.id})", "signs", f"'{what.signs}' is not a page in data/content.yaml",
                    "use 'section/page' of a listed page")
    for index, rule in enumerate(finder.rules, 1):
        record = f"rule #{index}"
        for name, known in (("who", who_ids), ("what", what_ids)):
            for ident in getattr(rule.when, name):
                if ident not in known:
                    out.add(path, record, f"when.{name}", f"unknown answer '{ident}'",
                            f"use one of: {', '.join(sorted(known))}")
        for field_name in ("services", "without"):
            for ident in getattr(rule, field_name):
                if services and ident not in services:
                    out.add(path, record, field_name, f"unknown service '{ident}'",
                            f"use an id from data/national_services.yaml ({', '.join(sorted(services))})")
                elif ident in REQUIRED_SERVICES:
                    fix = ("remove it: 112 and Veilig Thuis are added by the route finder itself" if field_name == "services"
                           else "remove it: 112 and Veilig Thuis are part of every route")
                    out.add(path, record, field_name, f"'{ident}' is always part of a route", fix)
        for page in rule.pages:
            if sections and page not in pages:
                out.add(path, record, "pages", f"'{page}' is not a page in data/content.yaml",
                        "use 'section/page' of a listed page")
        if rule.notice:
            for ident in rule.notice.sources:
                if sources and ident not in sources:
                    out.add(path, record, "notice.sources", f"unknown source '{ident}'",
                            "use the id of a source in data/sources/*.yaml that says what the notice says")
                elif ident in sources and sources[ident].url is None:
                    out.add(path, record, "notice.sources", f"source '{ident}' has no url to link",
                            "cite a web source: a notice links each of its sources, like a card")
        if rule.when.recent is not None and not rule.when.what:
            out.add(path, record, "when.recent", "asks 'did it happen in the last 7 days?' for every situation",
                    "name the situations it is about, e.g. when: {what: [seksueel-geweld], recent: true}")
    source = strings.get(SOURCE_LANGUAGE_STRINGS) or {}
    if source:
        wanted = [f"route_who_{w}" for w in who_ids] + [f"route_what_{w}" for w in what_ids]
        wanted += [r.notice.text for r in finder.rules if r.notice]
        wanted += sorted(_route_texts(finder))
        strings_path = data_dir / "strings" / f"{SOURCE_LANGUAGE_STRINGS}.yaml"
        for key in sorted(set(wanted) - set(source)):
            out.add(strings_path, key, key, "the route finder needs this text",
                    f"add '{key}: \"...\"' in plain Dutch (and translate it)")
    return finder


def _route_texts(finder: RouteFinderFile) -> set[str]:
    """route_does_<service> and route_say_<service>_<speaker> of every card some route shows
    (computed by the route finder itself, so a text is required exactly where it is read)."""
    from hulproute.route_finder import all_routes  # the rules need a validated file; no import cycle

    keys: set[str] = set()
    for found in all_routes(finder):
        for service in found.services:
            keys |= {f"route_does_{service}", f"route_say_{service}_{found.who.speaker}"}
    return keys


def _load_redirects(data_dir: Path, out: _Collector,
                    derived: Iterable[tuple[Path, str, Redirect]] = ()) -> list[Redirect]:
    """data/redirects.yaml, plus the redirects derived from other data (merged municipalities):
    shape, duplicates and chains here; against the built site in hulproute.hosting."""
    path = data_dir / "redirects.yaml"
    raw = [(f"#{i} ({item.get('from')})" if isinstance(item, dict) else f"#{i}", item)
           for i, (_, item) in enumerate(_read_list(path, "redirects", out, allow_empty=True), 1)]
    loaded = [(path, record, r) for record, r in _validate_all(raw, Redirect, path, out)] + list(derived)
    first_by_from: dict[str, str] = {}
    for where, record, redirect in loaded:
        key = redirect.from_.rstrip("/")
        if key in first_by_from:
            out.add(where, record, "from", f"'{redirect.from_}' is redirected twice (first at {first_by_from[key]})",
                    "keep one entry per old address")
        first_by_from.setdefault(key, record if where == path else f"{out.rel(where)} {record}")
    targets = {r.from_.rstrip("/"): r.to for _, _, r in loaded}
    for where, record, redirect in loaded:
        if redirect.to.rstrip("/") == redirect.from_.rstrip("/"):
            out.add(where, record, "to", f"'{redirect.from_}' redirects to itself",
                    "point 'to' at the page that replaced the old address")
        elif redirect.to.rstrip("/") in targets:
            # Chains cost a slow phone one round trip per hop, and any chain could become a loop.
            out.add(where, record, "to", f"'{redirect.to}' is itself redirected (to {targets[redirect.to.rstrip('/')]})",
                    "point 'to' straight at the final page")
    return [r for _, _, r in loaded]


def _load_mergers(data_dir: Path, municipalities: list[Municipality], out: _Collector) -> list[MunicipalityMerger]:
    """data/municipality_mergers.yaml: a merged municipality is gone from municipalities.csv, and
    the one that took over its area is there."""
    path = data_dir / "municipality_mergers.yaml"
    current = {m.code: m for m in municipalities}
    slugs = {m.slug for m in municipalities}
    loaded = _load_models(path, "mergers", MunicipalityMerger, out, allow_empty=True)
    for record, merger in loaded:
        if merger.code in current:
            out.add(path, record, "code", f"{merger.code} ({current[merger.code].name}) is still in data/municipalities.csv",
                    "remove it from municipalities.csv once the merger has taken effect (its places and postcodes go to the successor)")
        if merger.slug in slugs:
            out.add(path, record, "slug", f"'{merger.slug}' is the address of a current municipality page",
                    "write the old page's address, as it was published")
        if merger.into not in current:
            out.add(path, record, "into", f"{merger.into} is not in data/municipalities.csv",
                    "write the code of the municipality that took over the area")
    for record, slug, first in _duplicates((r, m.slug) for r, m in loaded):
        out.add(path, record, "slug", f"'{slug}' is listed twice (first at {first})", "keep one entry per old municipality")
    return [m for _, m in loaded]


def _merger_redirects(data_dir: Path, mergers: list[MunicipalityMerger], municipalities: list[Municipality],
                      languages: list[str]) -> list[tuple[Path, str, Redirect]]:
    """Each merged municipality's old page, in every language, to its successor's page."""
    slug_of = {m.code: m.slug for m in municipalities}
    path = data_dir / "municipality_mergers.yaml"
    return [
        (path, f"{merger.slug} ({language})", Redirect.model_validate({
            "from": municipality_url(merger.slug, language, languages[0]),
            "to": municipality_url(slug_of[merger.into], language, languages[0])}))
        for merger in mergers if merger.into in slug_of for language in languages
    ]


def _read_language_file(path: Path, model: type[M], language: str, out: _Collector) -> M | None:
    """A per-language file (`language:` and its content): validated, and its `language` must be
    the one its name says."""
    doc = _read_yaml(path, out)
    loaded = _validate(model, doc, path, "(file)", out) if doc is not None else None
    if loaded is not None and loaded.language != language:
        out.add(path, "(file)", "language", f"says '{loaded.language}' but the file is for '{language}'",
                f"write language: {language}")
    return loaded


def _load_search_terms(data_dir: Path, languages: list[str], out: _Collector) -> dict[str, dict[str, list[str]]]:
    """data/search/<lang>.yaml: the same pages in every language (all content in every language);
    whether each page exists is checked with the pages (hulproute/content.py)."""
    folder = data_dir / "search"
    if not folder.is_dir():
        return {}
    loaded: dict[str, dict[str, list[str]]] = {}
    for language in languages:
        path = folder / f"{language}.yaml"
        if not path.is_file():
            out.add(path, "(file)", "(file)", "there are search words for other languages but not for this one",
                    f"copy data/search/nl.yaml to data/search/{language}.yaml and translate the words")
            continue
        terms = _read_language_file(path, SearchTermsFile, language, out)
        if terms is not None:
            loaded[language] = terms.pages
    for path in sorted(folder.glob("*.yaml")):
        if path.stem not in languages:
            out.add(path, "(file)", "(file)", f"'{path.stem}' is not a site language", "rename or remove this file")
    dutch = loaded.get(languages[0] if languages else "nl", {})
    for language, pages in loaded.items():
        path = folder / f"{language}.yaml"
        for page in sorted(set(dutch) - set(pages)):
            out.add(path, page, "pages", f"'{page}' has search words in data/search/{languages[0]}.yaml but not here",
                    "add the words a reader of this language would type for that page")
        for page in sorted(set(pages) - set(dutch)):
            out.add(path, page, "pages", f"'{page}' is not in data/search/{languages[0]}.yaml",
                    "add it there first (the Dutch file lists the pages), or remove it here")
    return loaded


def _load_glossaries(data_dir: Path, languages: list[str], out: _Collector) -> tuple[dict[str, str], dict[str, dict[str, GlossaryTerm]]]:
    """data/glossary/<lang>.yaml: one rendering per Dutch term (nl.yaml lists the terms).

    An `avoid` entry that is part of any correct rendering in the same language would flag every
    correct use, so it is refused here rather than silently making the lint useless.
    """
    folder = data_dir / "glossary"
    dutch_path = folder / "nl.yaml"
    dutch_doc = _read_yaml(dutch_path, out)
    dutch = _validate(DutchGlossaryFile, dutch_doc, dutch_path, "(file)", out) if dutch_doc is not None else None
    if dutch is None:
        return {}, {}
    glossaries: dict[str, dict[str, GlossaryTerm]] = {}
    for language in languages:
        if language == SOURCE_LANGUAGE_STRINGS:
            continue
        path = folder / f"{language}.yaml"
        if not path.is_file():
            continue  # a missing glossary or term is the translation check's to report
        glossary = _read_language_file(path, GlossaryFile, language, out)
        if glossary is None:
            continue
        for term in glossary.terms:
            if term not in dutch.terms:
                out.add(path, term, "terms", f"'{term}' is not a term in data/glossary/nl.yaml",
                        "use the Dutch term exactly as nl.yaml writes it, or add it there first")
        correct = [(t, w.casefold()) for t, g in glossary.terms.items() for w in (g.use, *g.forms)]
        for term, entry in glossary.terms.items():
            for bad in entry.avoid:
                clash = next((t for t, w in correct if bad.casefold() in w), None)
                if clash is not None:
                    out.add(path, term, "avoid", f"'{bad}' is part of the correct rendering of '{clash}'",
                            "make the avoided wording longer, so it matches only the wrong rendering")
        glossaries[language] = dict(glossary.terms)
    return dict(dutch.terms), glossaries


def _load_campaigns(data_dir: Path, languages: list[str], regions: set[str], codes: set[str],
                    sections: list[ContentSection], finder: Optional[RouteFinderFile], redirects: list[Redirect],
                    out: _Collector) -> dict[str, Campaign]:
    """data/campaigns/*.yaml, one campaign per file. A printed code points at its slug for years,
    so everything it names must exist and its address must be its own (hand-written pages are
    checked in hulproute/content.py)."""
    folder = data_dir / "campaigns"
    loaded: list[tuple[Path, Campaign]] = []
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        doc = _read_yaml(path, out)
        record = str(doc.get("slug")) if isinstance(doc, dict) and doc.get("slug") else "(file)"
        campaign = _validate(Campaign, doc, path, record, out) if doc is not None else None
        if campaign is not None:
            loaded.append((path, campaign))
    pages = _page_paths(sections)
    answers = {"who": {w.id for w in finder.who}, "what": {w.id for w in finder.what}} if finder else {}
    taken = {name: "a folder the build generates" for name in RESERVED_TOP_LEVEL}
    taken.update({code: "a language folder" for code in languages})
    taken.update({s.id: "a content section" for s in sections})
    taken.update({r.from_.strip("/").split("/")[0]: "an old address in data/redirects.yaml" for r in redirects})
    first_file: dict[str, Path] = {}
    for path, campaign in loaded:
        add = functools.partial(out.add, path, campaign.slug)
        if campaign.slug in first_file:
            add("slug", f"'{campaign.slug}' is already the slug of {out.rel(first_file[campaign.slug])}",
                "give each campaign its own slug (a printed code keeps its address for years)")
        first_file.setdefault(campaign.slug, path)
        if campaign.slug in taken:
            add("slug", f"/{campaign.slug}/ is {taken[campaign.slug]}", "choose another slug")
        if campaign.end < campaign.start:
            add("end", f"the campaign ends ({campaign.end.isoformat()}) before it starts ({campaign.start.isoformat()})",
                "check start and end (YYYY-MM-DD)")
        for language in campaign.languages:
            if languages and language not in languages:
                add("languages", f"'{language}' is not a site language", f"use codes from data/languages.yaml ({', '.join(languages)})")
        for language in languages:
            if language not in campaign.texts:
                add(f"texts.{language}", "this site language has no text",
                    "add headline, message, preview_title and preview_text: the landing page exists in every language")
        for language in sorted(set(campaign.texts) - set(languages)):
            add(f"texts.{language}", f"'{language}' is not a site language", "remove it, or add the language to the site first")
        named = [("aims_at", campaign.aims_at), ("leads_to.route", campaign.leads_to.route)]
        for where, choice in named:
            for kind in ("who", "what"):
                ident = getattr(choice, kind, None) if choice is not None else None
                if ident is not None and answers and ident not in answers[kind]:
                    add(f"{where}.{kind}", f"unknown route-finder answer '{ident}'",
                        f"use an id from data/route_finder.yaml ({', '.join(sorted(answers[kind]))})")
        if campaign.aims_at.region is not None and regions and campaign.aims_at.region not in regions:
            add("aims_at.region", f"unknown region {campaign.aims_at.region}", "use a code from data/veilig_thuis_regions.yaml")
        for code in campaign.aims_at.municipalities + ([campaign.leads_to.municipality] if campaign.leads_to.municipality else []):
            if codes and code not in codes:
                add("aims_at.municipalities" if code in campaign.aims_at.municipalities else "leads_to.municipality",
                    f"unknown municipality {code}", "use a code from data/municipalities.csv")
        if campaign.leads_to.page is not None and sections and campaign.leads_to.page not in pages:
            add("leads_to.page", f"'{campaign.leads_to.page}' is not a page in data/content.yaml",
                "use 'section/page' of a listed page, e.g. signalen/partnergeweld")
    return {campaign.slug: campaign for _, campaign in loaded}
