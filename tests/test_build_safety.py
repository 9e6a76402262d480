"""A broken data file stops the build before anything is written; the last good site stays."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hulproute import site_swap
from tests.conftest import ROOT, write_fixture_config


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def mkdocs_build(config: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config)],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)


@pytest.fixture
def good_site_then_broken_data(tmp_path, data_copy, fixture_site):
    """A good site, published the way the build publishes (the fixture site's files, copied
    into a fresh build folder and switched in by hulproute.site_swap), then the data broken in
    one field."""
    site = tmp_path / "site"
    config = write_fixture_config(tmp_path, site, data_dir=data_copy)
    site_swap.build_atomically(site, lambda folder: shutil.copytree(fixture_site, folder, dirs_exist_ok=True))
    before = snapshot(site)
    assert "gemeente/de-ronde-venen/index.html" in before
    services = data_copy / "national_services.yaml"
    services.write_text(services.read_text(encoding="utf-8").replace('phone: "0800-2000"', 'phone: "0800-20"'),
                        encoding="utf-8")
    return config, site, before


def test_mkdocs_build_stops_with_the_problem_and_keeps_the_old_site(good_site_then_broken_data):
    config, site, before = good_site_then_broken_data
    result = mkdocs_build(config)
    assert result.returncode != 0
    assert "national_services.yaml: record #2 (veilig-thuis), field 'phone'" in result.stderr
    assert "fix: write a Dutch number" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(site) == before


def test_build_script_keeps_the_old_site(good_site_then_broken_data):
    config, site, before = good_site_then_broken_data
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_site.py"), "--config", str(config),
                             "--site-dir", str(site)], capture_output=True, text=True, timeout=300,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    assert result.returncode == 1
    assert "left as it was" in result.stderr and "field 'phone'" in result.stderr
    assert snapshot(site) == before
    assert list(site_swap.builds_dir(site).iterdir()) == [site.resolve()], "the unfinished build folder is removed"


def test_languages_must_match_mkdocs_config(tmp_path, data_copy):
    languages = data_copy / "languages.yaml"
    text = languages.read_text(encoding="utf-8")
    # Swap Polish and Ukrainian: data and mkdocs.yml now disagree on the order.
    text = text.replace("code: pl", "code: XX").replace("code: uk", "code: pl").replace("code: XX", "code: uk")
    languages.write_text(text, encoding="utf-8")
    result = mkdocs_build(write_fixture_config(tmp_path, tmp_path / "site", data_dir=data_copy))
    assert result.returncode != 0
    assert "differ from data/languages.yaml" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()
