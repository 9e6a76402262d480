"""The benchmark's baseline is the same Markdown our build renders; its set-up must keep working
(it is run by hand, `make benchmark`, so a broken call would otherwise go unnoticed)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import yaml

from hulproute import content
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
