"""Checks that a translation says what its Dutch page says, in words a reader can act on.

Two checks, both run by the test suite and by `scripts/translations.py check`:

- structure: every translation has the Dutch page's headings (same levels, same order), and
  under each heading the same number of list items, the same warnings (admonitions), macros,
  footnote references and links; the footnotes below cite the same sources. A translation that
  drops a warning, a step or a source fails.
- glossary: a translation writes each Dutch term the one way data/glossary/<lang>.yaml says,
  with the Dutch word in brackets the first time, so a reader can say it on the phone.

Not part of the build: while a Dutch page is being changed its translations lag behind, and an
author must still be able to preview the site.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from hulproute.content import (
    FOOTNOTE_DEF, FOOTNOTE_REF, MACRO, SOURCE_LANGUAGE, ContentProblem, pages, split_front_matter,
)
from hulproute.loader import SiteData
from hulproute.schema import GlossaryTerm

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+\S")
_ADMONITION = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s*([\w-]+)")
_LINK_TARGET = re.compile(r"\]\(([^)\s]+)[^)]*\)")
_FENCE = re.compile(r"^\s*(?:```|~~~)")
# *emphasis* and _emphasis_ marks around words (not the * of a list item, gone with the line start).
_EMPHASIS = re.compile(r"(?<!\w)[*_]{1,3}(?=\w)|(?<=\w)[*_]{1,3}(?!\w)")
# How far after a glossary term its Dutch original in brackets may stand ("opvang (opvang)").
_BRACKET_WINDOW = 40


@dataclass
class Section:
    """The part of a page under one heading (index 0: before the first heading)."""

    heading: str
    level: int
    line: int
    list_items: int = 0
    admonitions: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, Counter]:
        text = "\n".join(self.text)
        return {
            "macros": Counter(_normalise_macro(m) for m in MACRO.findall(text)),
            "footnote references": Counter(FOOTNOTE_REF.findall(text)),
            "links": Counter(_LINK_TARGET.findall(MACRO.sub(" ", text))),
        }


def skeleton(body: str) -> tuple[list[Section], dict[str, str]]:
    """(sections, {footnote label: its definition with whitespace normalised}) of a page body."""
    sections = [Section("(top of the page)", 0, 1)]
    definitions: dict[str, str] = {}
    in_fence = False
    for number, line in enumerate(body.splitlines(), 1):
        if _FENCE.match(line):
            in_fence = not in_fence
        if not in_fence:
            definition = FOOTNOTE_DEF.match(line)
            if definition:
                definitions[definition.group(1)] = " ".join(definition.group(2).split())
                continue
            heading = _HEADING.match(line)
            if heading:
                sections.append(Section(heading.group(2), len(heading.group(1)), number))
                continue
            if _LIST_ITEM.match(line):
                sections[-1].list_items += 1
            admonition = _ADMONITION.match(line)
            if admonition:
                sections[-1].admonitions.append(admonition.group(1))
        sections[-1].text.append(line)
    return sections, definitions


def _normalise_macro(macro: str) -> str:
    """A macro as written, without the spaces a translator may add or drop inside it."""
    inner = re.sub(r"\s+", "", macro[2:-2])
    return macro[:2] + " " + inner + " " + macro[-2:]


def _describe(counter: Counter) -> str:
    return ", ".join(f"{item} ×{n}" if n > 1 else item for item, n in sorted(counter.items())) or "none"


def structure_problems(dutch_body: str, body: str, where: str, page: str, language: str) -> list[ContentProblem]:
    """Every place where a translation's structure differs from its Dutch page."""
    fix = (f"make docs/{language}/{page} follow docs/nl/{page} (same headings, list items, warnings, "
           f"macros, footnotes and links), then run scripts/translations.py stamp {language} {page}")
    out: list[ContentProblem] = []
    dutch_sections, dutch_defs = skeleton(dutch_body)
    sections, defs = skeleton(body)
    dutch_levels = [s.level for s in dutch_sections]
    levels = [s.level for s in sections]
    if dutch_levels != levels:
        index = next((i for i, (a, b) in enumerate(zip(dutch_levels, levels)) if a != b), min(len(levels), len(dutch_levels)))
        dutch_at = dutch_sections[index] if index < len(dutch_sections) else None
        here_at = sections[index] if index < len(sections) else None
        out.append(ContentProblem(where, (
            f"headings differ from the Dutch page: Dutch has {len(dutch_sections) - 1}, this page {len(sections) - 1}; "
            f"the first difference is heading {index}: Dutch "
            + (f"'{'#' * dutch_at.level} {dutch_at.heading}' (line {dutch_at.line})" if dutch_at else "has none")
            + ", here " + (f"'{'#' * here_at.level} {here_at.heading}' (line {here_at.line})" if here_at else "none")), fix))
    for dutch_section, section in zip(dutch_sections, sections):
        if dutch_section.level != section.level:
            break
        place = (f"under heading '{section.heading}' (line {section.line}; Dutch "
                 f"'{dutch_section.heading}')" if section.level else "before the first heading")
        if dutch_section.list_items != section.list_items:
            out.append(ContentProblem(where, f"{place}: {section.list_items} list items, the Dutch page has {dutch_section.list_items}", fix))
        if dutch_section.admonitions != section.admonitions:
            out.append(ContentProblem(where, f"{place}: warnings {section.admonitions or 'none'}, the Dutch page has {dutch_section.admonitions or 'none'}", fix))
        dutch_counts, counts = dutch_section.counts(), section.counts()
        for kind, dutch_counter in dutch_counts.items():
            if counts[kind] != dutch_counter:
                missing, extra = dutch_counter - counts[kind], counts[kind] - dutch_counter
                detail = "; ".join(part for part in (
                    f"missing {_describe(missing)}" if missing else "", f"not in Dutch {_describe(extra)}" if extra else "") if part)
                out.append(ContentProblem(where, f"{place}: {kind} differ from the Dutch page ({detail})", fix))
    for label in sorted(set(dutch_defs) | set(defs)):
        if dutch_defs.get(label) != defs.get(label):
            out.append(ContentProblem(where, (
                f"footnote [^{label}]: Dutch '{dutch_defs.get(label, '(none)')}', here '{defs.get(label, '(none)')}'"), fix))
    return out


def reader_text(body: str) -> str:
    """The words a reader reads in a body: no macros, footnote definitions, link targets or
    emphasis marks, and a line break is a space (a term may be wrapped across two lines)."""
    text = FOOTNOTE_DEF.sub(" ", MACRO.sub(" ", body))
    text = _LINK_TARGET.sub("]", FOOTNOTE_REF.sub("", text))
    return " ".join(_EMPHASIS.sub("", text).split())


def _occurrences(folded: str, word: str):
    start = folded.find(word)
    while start >= 0:
        yield start
        start = folded.find(word, start + 1)


def _first_use(folded: str, dutch: str, terms: dict[str, GlossaryTerm]) -> tuple[int, str] | None:
    """(position, form) of the first use of a term, not counting its words inside another
    term's rendering (Arabic meldcode 'بروتوكول الإخطار' holds melding's 'إخطار')."""
    own = [form.casefold() for form in (terms[dutch].use, *terms[dutch].forms)]
    covered = []
    for other, entry in terms.items():
        if other == dutch:
            continue
        for form in (entry.use, *entry.forms):
            wider = form.casefold()
            if any(word in wider and word != wider for word in own):
                covered += [(at, at + len(wider)) for at in _occurrences(folded, wider)]
    uses = [(at, form) for form, word in zip((terms[dutch].use, *terms[dutch].forms), own)
            for at in _occurrences(folded, word)
            if not any(start <= at and at + len(word) <= end for start, end in covered)]
    return min(uses) if uses else None


def glossary_problems(meta: dict, body: str, where: str, language: str,
                      terms: dict[str, GlossaryTerm]) -> list[ContentProblem]:
    """Another rendering of a glossary term, or a first use without the Dutch term in brackets."""
    out: list[ContentProblem] = []
    glossary = f"data/glossary/{language}.yaml"
    text = reader_text(body)
    everything = " ".join([str(meta.get("title") or ""), str(meta.get("description") or ""), text]).casefold()
    folded = text.casefold()
    for dutch, term in terms.items():
        for wrong in term.avoid:
            if wrong.casefold() in everything:
                out.append(ContentProblem(where, f"'{wrong}' is used for '{dutch}'",
                                          f"write '{term.use}' ({glossary}: one rendering per term)"))
        if dutch.casefold() in term.use.casefold():
            continue  # the rendering is the Dutch word itself (Veilig Thuis, IND)
        first = _first_use(folded, dutch, terms)
        if first is None:
            continue
        at, form = first
        window = folded[at: at + len(form) + _BRACKET_WINDOW]
        if not re.search(r"\(\s*" + re.escape(dutch.casefold()), window):
            context = " ".join(text[max(0, at - 20): at + len(form) + 20].split())
            out.append(ContentProblem(where, (
                f"first use of '{form}' ('…{context}…') is not followed by the Dutch term in brackets"),
                f"write '{form} ({dutch})' the first time the page uses it, so a reader can say it on the phone"))
    return out


def glossary_coverage_problems(data: SiteData) -> list[ContentProblem]:
    """A translation language without a glossary, or a Dutch term its glossary does not write."""
    out: list[ContentProblem] = []
    for language in data.language_codes:
        if language == SOURCE_LANGUAGE:
            continue
        where = f"data/glossary/{language}.yaml"
        terms = data.glossaries.get(language)
        if terms is None:
            out.append(ContentProblem(where, "this language has no glossary",
                                      f"copy data/glossary/en.yaml to {language}.yaml and write each term in {language}"))
            continue
        for term in data.glossary_terms:
            if term not in terms:
                out.append(ContentProblem(where, f"the Dutch term '{term}' has no rendering",
                                          f"add '{term}:' with 'use:' (data/glossary/nl.yaml says what it means)"))
    return out


def _string_values(value: object, key: str):
    """(key, text) of every text in a strings file, nested keys joined with dots."""
    if isinstance(value, dict):
        for sub, item in value.items():
            yield from _string_values(item, f"{key}.{sub}" if key else str(sub))
    elif isinstance(value, list):
        for number, item in enumerate(value, 1):
            yield from _string_values(item, f"{key}.{number}")
    elif isinstance(value, str):
        yield key, value


def glossary_string_problems(data: SiteData) -> list[ContentProblem]:
    """Interface texts (data/strings/<lang>.yaml) use no avoided rendering either: the route
    finder's answer and the service cards are where a reader in a hurry meets these terms."""
    out: list[ContentProblem] = []
    for language, terms in data.glossaries.items():
        for key, text in _string_values(data.strings.get(language, {}), ""):
            folded = text.casefold()
            for dutch, term in terms.items():
                for wrong in term.avoid:
                    if wrong.casefold() in folded:
                        out.append(ContentProblem(f"data/strings/{language}.yaml {key}", f"'{wrong}' is used for '{dutch}'",
                                                  f"write '{term.use}' (data/glossary/{language}.yaml)"))
    return out


def translation_problems(docs_dir: Path, data: SiteData) -> list[ContentProblem]:
    """Structure and glossary problems of every translation of every Dutch page."""
    problems: list[ContentProblem] = glossary_coverage_problems(data) + glossary_string_problems(data)
    for page in pages(docs_dir, SOURCE_LANGUAGE):
        _, dutch_body = split_front_matter((docs_dir / SOURCE_LANGUAGE / page).read_text(encoding="utf-8"))
        for language in data.language_codes:
            path = docs_dir / language / page
            if language == SOURCE_LANGUAGE or not path.is_file():
                continue  # missing translations are content.lint's to report
            where = f"docs/{language}/{page}"
            try:
                meta, body = split_front_matter(path.read_text(encoding="utf-8"))
            except (ValueError, yaml.YAMLError):
                continue  # content.lint reports broken front matter
            problems += structure_problems(dutch_body, body, where, page, language)
            problems += glossary_problems(meta, body, where, language, data.glossaries.get(language, {}))
    return problems
