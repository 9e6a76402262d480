"""The benchmark's baseline is the same Markdown our build renders; its set-up must keep working
(it is run by hand, `make benchmark`, so a broken call would otherwise go unnoticed)."""
from __future__ import annotations

import importlib.util
import re
import shutil
from pathlib import Path

import pytest
import yaml

from hulproute import benchmark_readme, content
from hulproute.errors import SiteError
from hulproute.loader import load_site_data
from hulproute.site_state import BuildState

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("benchmark", ROOT / "scripts" / "benchmark.py")
benchmark = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(benchmark)


def test_baseline_gets_every_page_with_macros_rendered(tmp_path):
    config = benchmark.write_baseline_sources(tmp_path)
    data = load_site_data()
    generated = BuildState.render(data, docs_dir=ROOT / "docs").pages
    for language in data.language_codes:
        written = {p.relative_to(tmp_path / "docs" / language).as_posix() for p in (tmp_path / "docs" / language).rglob("*.md")}
        assert written == set(content.pages(ROOT / "docs", language)) | {p.norm_src_uri for p in generated}, language
    sample = (tmp_path / "docs" / "nl" / "index.md").read_text(encoding="utf-8")
    assert "{{" not in sample and 'href="tel:112"' in sample
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    assert [lang["locale"] for lang in settings["plugins"][-1]["i18n"]["languages"]] == data.language_codes


@pytest.fixture(scope="module")
def first_view(fixture_site, browser) -> dict:
    return benchmark.first_view_figures(fixture_site, browser)


def test_the_first_view_of_every_page_type_is_within_budget(first_view):
    """The gate of issue 16 in `make test`: a first visit transfers at most 40 KB (gzip, through
    nginx, everything included) per page type, in Dutch and Arabic."""
    figures = first_view
    assert set(figures) == set(benchmark.FIRST_VIEW_PAGES)
    for kind, by_lang in figures.items():
        assert set(by_lang) == set(benchmark.FIRST_VIEW_LANGUAGES)
        for figure in by_lang.values():
            # The page itself and at least its script or icon; the HTML is part of the total.
            assert figure["requests"] >= 2 and 0 < figure["html_kb"] < figure["kb"], (kind, figure)
    assert benchmark.missed_budgets({"first_view": figures, "late_pages": []}) == []


def test_check_names_each_missed_budget_and_passes_when_all_are_met():
    within = {"first_view": {"home": {"nl": {"kb": benchmark.FIRST_VIEW_BUDGET_KB}}}, "late_pages": [],
              "late_pages_count": 0, "hulproute_seconds": benchmark.BUILD_BUDGET_SECONDS, "time_ratio": benchmark.BUILD_BUDGET_RATIO}
    assert benchmark.missed_budgets(within) == []
    over = {"first_view": {"home": {"ar": {"kb": benchmark.FIRST_VIEW_BUDGET_KB + 0.1}}}, "late_pages": ["x/index.html"],
            "late_pages_count": 1, "hulproute_seconds": benchmark.BUILD_BUDGET_SECONDS + 1, "time_ratio": 0.5}
    missed = benchmark.missed_budgets(over)
    assert len(missed) == 4 and "first view of home (ar)" in missed[0] and "x/index.html" in missed[1]


def test_check_names_a_slow_paint_and_every_score_under_100():
    met = {"performance": 100, "accessibility": 100, "best-practices": 100, "seo": 100,
           "fcp_ms": benchmark.LIGHTHOUSE_FCP_BUDGET_MS}
    assert benchmark.missed_budgets({"lighthouse": {"home": {"nl": met}}}) == []
    slow = {**met, "fcp_ms": benchmark.LIGHTHOUSE_FCP_BUDGET_MS + 1, "performance": 99}
    missed = benchmark.missed_budgets({"lighthouse": {"rights": {"ar": slow}}})
    assert len(missed) == 2 and "first contentful paint of rights (ar)" in missed[0] and "'performance': 99" in missed[1]
    assert benchmark.missed_budgets({"lighthouse": {"home": {"nl": {**met, "cls": 0}}}}) == []
    shifted = benchmark.missed_budgets({"lighthouse": {"home": {"nl": {**met, "cls": 0.002}}}})
    assert shifted == ["Lighthouse layout shift of home (nl): 0.002 > 0"]


def test_check_names_a_slow_preview():
    from hulproute import preview_timing

    met = {"first_page_seconds": preview_timing.START_BUDGET_SECONDS,
           "page_edit_seconds": preview_timing.EDIT_BUDGET_SECONDS, "data_edit_seconds": preview_timing.EDIT_BUDGET_SECONDS}
    assert benchmark.missed_budgets({"preview": {"nl": met}}) == []
    slow = {**met, "first_page_seconds": preview_timing.START_BUDGET_SECONDS + 1, "data_edit_seconds": 3.5}
    missed = benchmark.missed_budgets({"preview": {"ar": slow}})
    assert len(missed) == 2 and "preview (ar): first page" in missed[0] and "data edit shown after 3.5 s" in missed[1]


def test_the_readme_gets_the_preview_table(tmp_path):
    readme = tmp_path / "README.md"
    shutil.copy(ROOT / "README.md", readme)
    figures = {"nl": {"first_page_seconds": 4.1, "page_edit_seconds": 1.2, "data_edit_seconds": 2.3},
               "ar": {"first_page_seconds": 6.9, "page_edit_seconds": 1.4, "data_edit_seconds": 2.8}}
    assert benchmark_readme.write(readme, {"preview": figures}, "Measured here.") == ["preview"]
    section = readme.read_text(encoding="utf-8").split("<!-- benchmark:preview -->")[1].split("<!-- /benchmark:preview -->")[0]
    assert "| a local contact in data/, after saving it | 2.3 s | 2.8 s | ≤ 3 s |" in section


def _without(name: str, text: str) -> str:
    return re.sub(rf"<!-- benchmark:{name} -->.*?<!-- /benchmark:{name} -->", "", text, flags=re.S)


def test_the_readme_gets_the_tables_a_run_measured_and_nothing_else_changes(first_view, tmp_path):
    readme = tmp_path / "README.md"
    shutil.copy(ROOT / "README.md", readme)
    before = readme.read_text(encoding="utf-8")
    written = benchmark_readme.write(readme, {"first_view": first_view, "late_pages_count": 0}, "Measured here.")
    after = readme.read_text(encoding="utf-8")
    assert written == ["first-view"]
    section = after.split("<!-- benchmark:first-view -->")[1].split("<!-- /benchmark:first-view -->")[0]
    assert "Measured here." in section and "**0**" in section
    for kind, by_lang in first_view.items():
        row = next(line for line in section.splitlines() if line.startswith(f"| {kind} |"))
        assert all(f"{by_lang[lang]['kb']} KB" in row for lang in benchmark.FIRST_VIEW_LANGUAGES), row
    assert _without("first-view", after) == _without("first-view", before)
    # Written again, the table replaces itself instead of piling up.
    benchmark_readme.write(readme, {"first_view": first_view, "late_pages_count": 0}, "Measured here.")
    assert readme.read_text(encoding="utf-8") == after


def test_a_readme_without_the_markers_is_named_with_the_fix(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# Benchmark\n\nno table here\n", encoding="utf-8")
    with pytest.raises(SiteError) as caught:
        benchmark_readme.write(readme, {"lighthouse": {"home": {"nl": {}}}}, "Measured here.")
    assert str(readme) in caught.value.problem and "<!-- benchmark:lighthouse -->" in caught.value.problem
    assert readme.read_text(encoding="utf-8") == "# Benchmark\n\nno table here\n"
