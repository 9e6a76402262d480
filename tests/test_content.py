"""Hand-written pages: every rule of CONTRIBUTING.md, for every page in every language."""
from __future__ import annotations

import statistics
from pathlib import Path

import pytest

from hulproute import content, readability
from hulproute.loader import load_site_data

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
DATA = load_site_data()


def test_every_page_follows_the_content_rules():
    problems = content.lint(DOCS, DATA)
    assert [str(p) for p in problems] == []


def test_no_translation_is_missing_and_every_one_records_its_source():
    states = content.translation_states(DOCS, DATA.language_codes)
    assert [s for s in states if s.state in ("missing", "unstamped")] == []
    assert len(states) == len(content.pages(DOCS, "nl")) * (len(DATA.language_codes) - 1)


def test_sections_have_the_pages_the_site_promises():
    counts = {s.id: len(s.pages) for s in DATA.sections}
    assert counts["signalen"] >= 12 and counts["in-gesprek"] >= 9 and counts["rechten"] >= 11


def test_dutch_is_plain_language():
    scores = readability.score_pages(DOCS)
    assert min(s.score for s in scores) >= readability.PAGE_MINIMUM, min(scores, key=lambda s: s.score)
    assert statistics.median(s.score for s in scores) >= readability.MEDIAN_TARGET


def test_plain_text_drops_macros_footnotes_and_joins_wrapped_lines():
    text = readability.plain_text("---\ntitle: x\n---\n# Kop\nEen zin die\ndoorloopt.[^1] {{ call('veilig-thuis') }}\n\n[^1]: {{ cite('a') }}\n")
    assert text == "Kop. Een zin die doorloopt."


@pytest.mark.parametrize("problem, text", [
    ("a phone number is typed by hand", "Bel 0800-2000 als je twijfelt."),
    ("a phone number is typed by hand", "Bel 112."),
    ("cites unknown source", "Feit.[^1]\n\n[^1]: {{ cite('bestaat-niet') }}"),
    ("cites no source", "Feit.[^1]\n\n[^1]: Iemand zei het."),
    ("has no source below", "Feit.[^2]"),
    ("leads nowhere", "[Hier](../bestaat-niet.md)"),
    ("unknown service", "{{ call('brandweer') }}"),
])
def test_lint_catches_each_kind_of_mistake(tmp_path, problem, text):
    page = DOCS / "nl" / "signalen" / "partnergeweld.md"
    docs = tmp_path / "docs"
    (docs / "nl" / "signalen").mkdir(parents=True)
    (docs / "nl" / "signalen" / "partnergeweld.md").write_text(
        page.read_text(encoding="utf-8") + "\n" + text + "\n", encoding="utf-8")
    found = [str(p) for p in content._lint_page(docs, "nl", "signalen/partnergeweld.md", DATA, True)]
    assert any(problem in p for p in found), found


def test_stamp_marks_a_translation_current_and_a_dutch_change_makes_it_outdated(tmp_path):
    docs = tmp_path / "docs"
    for language in ("nl", "en"):
        (docs / language).mkdir(parents=True)
    (docs / "nl" / "a.md").write_text("---\ntitle: A\n---\nTekst.\n", encoding="utf-8")
    (docs / "en" / "a.md").write_text("---\ntitle: A\nreview: unreviewed\n---\nText.\n", encoding="utf-8")
    assert [s.state for s in content.translation_states(docs, ["nl", "en"])] == ["unstamped"]
    content.stamp(docs, "en", "a.md")
    assert [s.state for s in content.translation_states(docs, ["nl", "en"])] == ["unreviewed"]
    (docs / "nl" / "a.md").write_text("---\ntitle: A\n---\nAndere tekst.\n", encoding="utf-8")
    assert [s.state for s in content.translation_states(docs, ["nl", "en"])] == ["outdated"]
    (docs / "nl" / "b.md").write_text("---\ntitle: B\n---\nNieuw.\n", encoding="utf-8")
    assert "missing" in [s.state for s in content.translation_states(docs, ["nl", "en"])]
