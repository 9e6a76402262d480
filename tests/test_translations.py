"""Translations a reader can act on: the Dutch page's structure, and one word per glossary term.

The first test runs the checks over every real page; the others show each check catching the
mistake it exists for, on small pages.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from hulproute import content, translation_check
from hulproute.loader import load_site_data
from hulproute.schema import GlossaryTerm

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
DATA = load_site_data()


def test_every_translation_follows_its_dutch_page_and_the_glossary():
    problems = translation_check.translation_problems(DOCS, DATA)
    assert [str(p) for p in problems] == []


def test_every_translation_language_has_a_glossary_for_every_dutch_term():
    translations = [code for code in DATA.language_codes if code != content.SOURCE_LANGUAGE]
    assert sorted(DATA.glossaries) == sorted(translations)
    for language in translations:
        assert set(DATA.glossaries[language]) == set(DATA.glossary_terms), language


DUTCH = """# Titel

Inleiding.[^a] Bel {{ call('emergency') }}.

## Stappen

- Eerste stap.[^b]
- Tweede stap. Lees [meer](../rechten/opvang.md).

!!! warning "Let op"
    Praat niet met de familie.

## Hulp

{{ service_card('veilig-thuis') }}

[^a]: {{ cite('x') }}
[^b]: {{ cite('y') }}
"""


def problems_of(translation: str) -> list[str]:
    return [p.problem for p in translation_check.structure_problems(DUTCH, translation, "docs/en/p.md", "p.md", "en")]


def test_a_faithful_translation_passes_even_with_its_own_word_order():
    reordered = DUTCH.replace("Inleiding.[^a] Bel {{ call('emergency') }}.", "Call {{ call( 'emergency' ) }}. Intro.[^a]")
    assert problems_of(reordered) == []


@pytest.mark.parametrize("change, expected", [
    (("!!! warning \"Let op\"\n    Praat niet met de familie.\n", ""), "warnings none, the Dutch page has ['warning']"),
    (("- Tweede stap.", "Tweede stap."), "1 list items, the Dutch page has 2"),
    (("## Hulp", "### Hulp"), "headings differ"),
    (("## Stappen\n", ""), "headings differ"),
    (("Eerste stap.[^b]", "Eerste stap."), "footnote references differ"),
    (("[^b]: {{ cite('y') }}", "[^b]: {{ cite('z') }}"), "footnote [^b]"),
    (("../rechten/opvang.md", "../rechten/aangifte-doen.md"), "links differ"),
    (("{{ service_card('veilig-thuis') }}", ""), "macros differ"),
])
def test_a_translation_that_drops_or_changes_a_part_fails(change, expected):
    old, new = change
    assert old in DUTCH
    found = problems_of(DUTCH.replace(old, new))
    assert any(expected in p for p in found), found


TERMS = {
    "opvang": GlossaryTerm(use="shelter", forms=["shelters"], avoid=["refuge"]),
    "meldcode": GlossaryTerm(use="reporting protocol"),
    "melding": GlossaryTerm(use="reporting"),
    "Veilig Thuis": GlossaryTerm(use="Veilig Thuis", avoid=["Safe Home"]),
}


def glossary_of(body: str, title: str = "Page") -> list[str]:
    return [p.problem for p in translation_check.glossary_problems({"title": title}, body, "docs/en/p.md", "en", TERMS)]


@pytest.mark.parametrize("body, title, expected", [
    ("You can go to a shelter (opvang). Shelters help.", "Page", []),
    ("Shelters (opvang) help. A shelter is safe.", "Page", []),
    ("You can go to a shelter. It is a safe place to live for a while. A shelter (opvang) helps.", "Page", ["first use of 'shelter'"]),
    ("Call Veilig Thuis.", "Page", []),
    ("Find a refuge (opvang).", "Page", ["'refuge' is used for 'opvang'"]),
    ("Call Veilig Thuis.", "Safe Home", ["'Safe Home' is used for 'Veilig Thuis'"]),
    ("A shelter {{ call('veilig-thuis') }} (opvang).", "Page", []),
    ("Read [shelter](../rechten/opvang.md).", "Page", ["first use of 'shelter'"]),
    ("Go to a\nshelter (*opvang*).", "Page", []),
    ("Find a\nrefuge.", "Page", ["'refuge' is used for 'opvang'"]),
    # a term inside another term's rendering is not its first use
    ("The reporting protocol (meldcode). Later: reporting (melding).", "Page", []),
    ("The reporting protocol (meldcode). Later: reporting.", "Page", ["first use of 'reporting'"]),
])
def test_the_glossary_check(body, title, expected):
    found = glossary_of(body, title)
    assert len(found) == len(expected) and all(e in f for e, f in zip(expected, found)), found


def reviewed_page(tmp_path: Path, reviewed_by: str) -> list[str]:
    docs = tmp_path / "docs"
    for language in ("nl", "en"):
        (docs / language).mkdir(parents=True)
    (docs / "nl" / "a.md").write_text("---\ntitle: A\ndescription: d\n---\nTekst.\n", encoding="utf-8")
    digest = content.source_hash(docs / "nl" / "a.md")
    (docs / "en" / "a.md").write_text(
        f"---\ntitle: A\ndescription: d\nreview: reviewed\nsource_hash: {digest}\n{reviewed_by.format(digest=digest)}---\nText.\n",
        encoding="utf-8")
    return [p.problem for p in content._lint_page(docs, "en", "a.md", DATA, False)]


def test_a_reviewed_page_says_who_reviewed_which_text(tmp_path):
    assert any("no 'reviewed_by'" in p for p in reviewed_page(tmp_path / "1", ""))
    assert any("has no role" in p for p in reviewed_page(
        tmp_path / "2", "reviewed_by:\n  - {{name: A. Reviewer, date: 2026-12-01, source_hash: {digest}}}\n"))
    assert any("older text" in p for p in reviewed_page(
        tmp_path / "3", "reviewed_by:\n  - {{name: A. Reviewer, role: native speaker, date: 2026-12-01, source_hash: 0123456789ab}}\n"))
    assert reviewed_page(
        tmp_path / "4", "reviewed_by:\n  - {{name: A. Reviewer, role: native speaker, date: 2026-12-01, source_hash: {digest}}}\n") == []


def test_restamping_after_a_dutch_change_takes_back_the_review(tmp_path):
    docs = tmp_path / "docs"
    for language in ("nl", "en"):
        (docs / language).mkdir(parents=True)
    (docs / "nl" / "a.md").write_text("---\ntitle: A\n---\nTekst.\n", encoding="utf-8")
    (docs / "en" / "a.md").write_text("---\ntitle: A\nreview: reviewed\n---\nText.\n", encoding="utf-8")
    content.stamp(docs, "en", "a.md")
    content.stamp(docs, "en", "a.md")  # same Dutch text: nothing to take back
    assert content.read_meta(docs / "en" / "a.md")["review"] == "reviewed"
    (docs / "nl" / "a.md").write_text("---\ntitle: A\n---\nAndere tekst.\n", encoding="utf-8")
    content.stamp(docs, "en", "a.md")
    assert content.read_meta(docs / "en" / "a.md")["review"] == "unreviewed"
