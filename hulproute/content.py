"""Hand-written pages under docs/<lang>/: inventory, front matter, translation state and lint.

Plain Python, no MkDocs: used by the build (section landing lists), by scripts/translations.py
and scripts/check_content.py, and by the tests, so all three agree on what a page must be.

Dutch (`docs/nl/`) is the source. A translation records the hash of the Dutch file it was made
from (`source_hash`) and whether a person reviewed it (`review: unreviewed | reviewed`).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import yaml

from hulproute import datafiles
from hulproute.loader import SiteData
from hulproute.urls import ROUTE_SECTION

SOURCE_LANGUAGE = "nl"
REVIEW_STATES = ("unreviewed", "reviewed")
HASH_LENGTH = 12
_FRONT_MATTER = re.compile(r"\A---\n(?P<meta>.*?)\n---\n?", re.S)
# A Jinja expression or statement in a page ({{ call(…) }}, {% … %}).
MACRO = re.compile(r"{{.*?}}|{%.*?%}", re.S)
# A Dutch phone number or short emergency/help number typed by hand (prose must use the macros).
_TYPED_PHONE = re.compile(r"(?<![\w/.#-])(?:112|113|0\d{2,3}[ -]?\d{3,4}(?:[ -]?\d{2,4})?)(?![\w-])")
FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\](?!:)")
FOOTNOTE_DEF = re.compile(r"^\[\^([^\]\s]+)\]:(.*)$", re.M)
_CITE = re.compile(r"{{\s*cite\(\s*['\"]([^'\"]+)['\"]")
_LINK = re.compile(r"\]\(([^)\s]+\.md)(#[^)]*)?\)")
_SERVICE_MACRO = re.compile(r"{{\s*(?:call|service_card)\(\s*['\"]([^'\"]+)['\"]")


@dataclass(frozen=True)
class ContentProblem:
    """One thing wrong with a page, with the fix, like data problems."""

    path: str
    problem: str
    fix: str

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}\n    fix: {self.fix}"


@dataclass(frozen=True)
class TranslationState:
    language: str
    page: str
    state: str  # missing | unstamped | outdated | unreviewed | reviewed

    @property
    def needs_work(self) -> bool:
        return self.state in ("missing", "unstamped", "outdated")


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """(meta, body) of a Markdown page; a page without front matter has empty meta."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta = datafiles.parse_yaml(match.group("meta")) or {}
    if not isinstance(meta, dict):
        raise ValueError("front matter is not a list of 'key: value' lines")
    return meta, text[match.end():]


def read_meta(path: Path) -> dict[str, Any]:
    return split_front_matter(path.read_text(encoding="utf-8"))[0]


def source_hash(path: Path) -> str:
    """Short SHA-256 of a Dutch page: a translation made from other words is outdated."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:HASH_LENGTH]


def pages(docs_dir: Path, language: str) -> list[str]:
    """Site-relative paths ('signalen/partnergeweld.md') of one language's hand-written pages."""
    root = docs_dir / language
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.md"))


def translation_states(docs_dir: Path, languages: Iterable[str]) -> list[TranslationState]:
    """The state of every translation of every Dutch page."""
    states = []
    for page in pages(docs_dir, SOURCE_LANGUAGE):
        current = source_hash(docs_dir / SOURCE_LANGUAGE / page)
        for language in languages:
            if language == SOURCE_LANGUAGE:
                continue
            path = docs_dir / language / page
            if not path.is_file():
                states.append(TranslationState(language, page, "missing"))
                continue
            try:
                meta = read_meta(path)
            except (ValueError, yaml.YAMLError):
                meta = {}  # broken front matter: lint() reports it with the page
            made_from = str(meta.get("source_hash") or "")
            if len(made_from) != HASH_LENGTH:
                state = "unstamped"
            elif made_from != current:
                state = "outdated"
            else:
                state = str(meta.get("review"))
            states.append(TranslationState(language, page, state))
    return states


def stamp(docs_dir: Path, language: str, page: str) -> str:
    """Record in a translation that it matches the current Dutch page; returns the hash."""
    if language == SOURCE_LANGUAGE:
        raise ValueError("Dutch pages are the source; only translations are stamped")
    path = docs_dir / language / page
    text = path.read_text(encoding="utf-8")
    match = _FRONT_MATTER.match(text)
    if not match:
        raise ValueError(f"{path} has no front matter; copy it from docs/nl/{page}")
    digest = source_hash(docs_dir / SOURCE_LANGUAGE / page)
    meta_text = match.group("meta")
    line = f"source_hash: {digest}"
    if re.search(r"^source_hash:.*$", meta_text, re.M):
        if f"\n{line}" not in f"\n{meta_text}":
            # New Dutch words: a person's review was of the old text, so it no longer holds.
            meta_text = re.sub(r"^review:.*$", "review: unreviewed", meta_text, flags=re.M)
        meta_text = re.sub(r"^source_hash:.*$", line, meta_text, flags=re.M)
    else:
        meta_text += "\n" + line
    path.write_text(f"---\n{meta_text}\n---\n" + text[match.end():], encoding="utf-8")
    return digest


def without_macros(text: str) -> str:
    return MACRO.sub(" ", text)


def page_href(page: str, base: str) -> str:
    """The address of a page data/ names ('signalen/partnergeweld', a landing page
    'signalen/index'), below `base` (e.g. '../')."""
    section, name = page.split("/", 1)
    return f"{base}{section}/" if name == "index" else f"{base}{section}/{name}/"


def section_pages(data: SiteData) -> dict[str, list[str]]:
    """{section: ['section/page.md', …]} in landing-page order, related pages included."""
    return {s.id: [f"{s.id}/{p}.md" for p in s.pages] + [f"{r}.md" for r in s.related] for s in data.sections}


def lint(docs_dir: Path, data: SiteData) -> list[ContentProblem]:
    """Every rule a hand-written page must follow, for every language."""
    problems: list[ContentProblem] = []
    add = lambda path, problem, fix: problems.append(ContentProblem(path, problem, fix))  # noqa: E731
    sourced = {f"{s.id}/{p}.md" for s in data.sections if s.needs_sources for p in s.pages}
    for section in data.sections:
        listed = {f"{section.id}/{p}.md" for p in section.pages} | {f"{section.id}/index.md"}
        folder = docs_dir / SOURCE_LANGUAGE / section.id
        found = {f"{section.id}/{p.name}" for p in folder.glob("*.md")} if folder.is_dir() else set()
        for page in sorted(listed - found):
            add(f"docs/nl/{page}", "listed in data/content.yaml but the page does not exist",
                "write the page, or remove it from data/content.yaml")
        for page in sorted(found - listed):
            add(f"docs/nl/{page}", "not listed in data/content.yaml",
                f"add it under section '{section.id}' so its landing page links to it")
    for state in translation_states(docs_dir, data.language_codes):
        if state.state == "missing":
            add(f"docs/{state.language}/{state.page}", "translation missing",
                f"translate docs/nl/{state.page}, then run scripts/translations.py stamp {state.language} {state.page}")
    for language in data.language_codes:
        for page in pages(docs_dir, language):
            problems += _lint_page(docs_dir, language, page, data, page in sourced)
    problems += _search_term_pages(docs_dir, data)
    problems += _campaign_slugs(docs_dir, data)
    return problems


def _campaign_slugs(docs_dir: Path, data: SiteData) -> list[ContentProblem]:
    """A campaign's short address (/<slug>/) must not be a hand-written page's, in any language
    (the generated names, languages and sections are checked with the data, in the loader)."""
    return [ContentProblem(f"data/campaigns/ (campaign '{slug}')",
                           f"/{slug}/ is also the address of docs/{language}/{hit.name}",
                           "choose another slug for the campaign (or rename the page and add a redirect)")
            for slug in data.campaigns for language in data.language_codes
            for hit in (docs_dir / language / slug, docs_dir / language / f"{slug}.md") if hit.exists()]


def _search_term_pages(docs_dir: Path, data: SiteData) -> list[ContentProblem]:
    """Search words (data/search/<lang>.yaml) for a page that does not exist would be lost silently."""
    generated = {f"{ROUTE_SECTION}/index.md"}
    return [ContentProblem(f"data/search/{language}.yaml", f"'{page}' is not a page (no docs/{language}/{page})",
                           "correct the page's path (as under docs/nl/, e.g. signalen/partnergeweld.md) or remove it")
            for language, terms in data.search_terms.items() for page in sorted(terms)
            if page not in generated and not (docs_dir / language / page).is_file()]


def _lint_page(docs_dir: Path, language: str, page: str, data: SiteData, needs_sources: bool) -> list[ContentProblem]:
    where = f"docs/{language}/{page}"
    out: list[ContentProblem] = []
    path = docs_dir / language / page
    try:
        meta, body = split_front_matter(path.read_text(encoding="utf-8"))
    except (ValueError, yaml.YAMLError) as exc:
        return [ContentProblem(where, f"front matter is not valid YAML ({exc})", "compare with the Dutch page")]
    for key in ("title", "description"):
        if not str(meta.get(key) or "").strip():
            out.append(ContentProblem(where, f"front matter has no '{key}'", f"add '{key}: …' in this language"))
    if language != SOURCE_LANGUAGE:
        if meta.get("review") not in REVIEW_STATES:
            out.append(ContentProblem(where, f"'review' is {meta.get('review')!r}",
                                      "write 'review: unreviewed' (or 'reviewed' once a person has checked it)"))
        if meta.get("review") == "reviewed":
            out += _review_record_problems(where, meta)
        if (docs_dir / SOURCE_LANGUAGE / page).is_file() is False:
            out.append(ContentProblem(where, "there is no Dutch page with this name", f"remove it or add docs/nl/{page}"))
    prose = without_macros(body)
    for match in _TYPED_PHONE.finditer(prose):
        out.append(ContentProblem(where, f"a phone number is typed by hand: '{match.group(0)}'",
                                  "use {{ call('service-id') }} or {{ service_card('service-id') }}: numbers live in data/"))
    for ident in _SERVICE_MACRO.findall(body):
        if ident not in data.services:
            out.append(ContentProblem(where, f"unknown service '{ident}'", f"use one of: {', '.join(data.services)}"))
    definitions = dict(FOOTNOTE_DEF.findall(body))
    references = set(FOOTNOTE_REF.findall(FOOTNOTE_DEF.sub("", body)))
    for label in sorted(references - set(definitions)):
        out.append(ContentProblem(where, f"footnote [^{label}] has no source below", f"add '[^{label}]: {{{{ cite('source-id') }}}}'"))
    for label, text in sorted(definitions.items()):
        cited = _CITE.findall(text)
        if not cited:
            out.append(ContentProblem(where, f"footnote [^{label}] cites no source",
                                      "write the footnote as {{ cite('source-id') }} with a source from data/sources/"))
        for ident in cited:
            if ident not in data.sources:
                out.append(ContentProblem(where, f"footnote [^{label}] cites unknown source '{ident}'",
                                          "add it to a file in data/sources/ or correct the id"))
    if needs_sources and not definitions:
        out.append(ContentProblem(where, "no claim on this page has a source",
                                  "add footnotes citing data/sources/ (claims without a source are left out)"))
    root = (docs_dir / language).resolve()
    # Generated pages and pages data/content.yaml promises (checked above) are valid targets.
    promised = GENERATED_PAGES | {page for listed in section_pages(data).values() for page in listed}
    for target, _anchor in _LINK.findall(body):
        if target.startswith(("http://", "https://")):
            continue
        resolved = (path.parent / target).resolve()
        relative = resolved.relative_to(root).as_posix() if resolved.is_relative_to(root) else None
        if not resolved.is_file() and relative not in promised:
            out.append(ContentProblem(where, f"link to '{target}' leads nowhere", "link to an existing page (.md path relative to this page)"))
    return out


# Pages the build generates from data (no file in docs/): links to them are valid.
GENERATED_PAGES = {"gemeente/index.md", "hulp-zoeken/index.md"}


REVIEW_RECORD_FIELDS = ("name", "role", "date", "source_hash")


def _review_record_problems(where: str, meta: dict[str, Any]) -> list[ContentProblem]:
    """'review: reviewed' must say who checked the page, in which role, when, and which text.

    The record's source_hash must be the page's own: a review of an older text does not vouch for
    the current one, so the page keeps its "not yet checked by a person" notice until then.
    """
    fix = ("add 'reviewed_by:' with a list entry '- {name: …, role: …, date: YYYY-MM-DD, source_hash: …}' "
           "(the source_hash the reviewer read), or write 'review: unreviewed'")
    records = meta.get("reviewed_by")
    if not isinstance(records, list) or not records:
        return [ContentProblem(where, "'review: reviewed' but no 'reviewed_by' says who reviewed it", fix)]
    out = []
    for number, record in enumerate(records, 1):
        missing = [f for f in REVIEW_RECORD_FIELDS if not isinstance(record, dict) or not str(record.get(f) or "").strip()]
        if missing:
            out.append(ContentProblem(where, f"reviewed_by entry {number} has no {', '.join(missing)}", fix))
    last = records[-1]
    if isinstance(last, dict) and str(last.get("source_hash")) != str(meta.get("source_hash")):
        out.append(ContentProblem(where, (
            f"the last review (source_hash {last.get('source_hash')}) was of an older text than this one "
            f"({meta.get('source_hash')})"), "write 'review: unreviewed' until a person has checked the current text"))
    return out
