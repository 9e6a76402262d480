"""The second process's languages joining the site (hulproute/parallel_languages.py): on small
folders here; tests/test_site_build.py checks a whole site built that way."""
from __future__ import annotations

from pathlib import Path

import pytest

from hulproute import parallel_languages

HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'


def sitemap(*locations: str) -> str:
    blocks = "".join(f"\n    <url>\n        <loc>https://hulproute.nl/{loc}</loc>\n    </url>" for loc in locations)
    return f"{HEAD}{blocks}\n</urlset>"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_first_half_goes_to_the_other_process():
    assert parallel_languages.languages_elsewhere(["en", "tr", "ar", "pl", "uk"]) == ["en", "tr", "ar"]
    assert parallel_languages.languages_elsewhere(["en", "tr"]) == ["en"]


def test_sitemaps_merge_in_the_order_one_process_writes(tmp_path):
    own = write(tmp_path / "own.xml", sitemap("", "pl/", "uk/"))
    other = write(tmp_path / "other.xml", sitemap("", "en/", "tr/"))
    assert parallel_languages.merge_sitemaps(own, other) == sitemap("", "en/", "tr/", "pl/", "uk/")


def test_staged_languages_join_the_site_beside_what_is_there(tmp_path):
    site, staging = tmp_path / "site", tmp_path / "site" / parallel_languages.STAGING
    write(site / "index.html", "nl")
    write(site / "assets" / "a.css", "same")
    write(site / "en" / "voor-organisaties" / "gemeente" / "x" / "index.html", "materials")  # the other child's
    write(site / "sitemap.xml", sitemap("", "pl/"))
    write(site / "sitemap.xml.gz", "stale")
    write(staging / "assets" / "a.css", "same")
    write(staging / "404.html", "")
    write(site / "404.html", "")
    write(staging / "en" / "index.html", "en")
    write(staging / "en" / "voor-organisaties" / "index.html", "partners")
    write(staging / "sitemap.xml", sitemap("", "en/"))
    parallel_languages.join(staging, site, ["en"])
    assert not staging.exists()
    assert (site / "en" / "index.html").read_text(encoding="utf-8") == "en"
    assert (site / "en" / "voor-organisaties" / "index.html").read_text(encoding="utf-8") == "partners"
    assert (site / "en" / "voor-organisaties" / "gemeente" / "x" / "index.html").read_text(encoding="utf-8") == "materials"
    assert (site / "sitemap.xml").read_text(encoding="utf-8") == sitemap("", "en/", "pl/")
    assert not (site / "sitemap.xml.gz").exists()


def test_a_file_the_site_lacks_is_a_loud_error_not_a_lost_file(tmp_path):
    site, staging = tmp_path / "site", tmp_path / "staging"
    write(site / "sitemap.xml", sitemap(""))
    write(staging / "sitemap.xml", sitemap(""))
    write(staging / "en" / "index.html", "en")
    write(staging / "robots.txt", "only here")
    with pytest.raises(RuntimeError, match="robots.txt"):
        parallel_languages.join(staging, site, ["en"])


def test_a_language_the_other_process_did_not_build_is_an_error(tmp_path):
    site, staging = tmp_path / "site", tmp_path / "staging"
    write(site / "sitemap.xml", sitemap(""))
    write(staging / "sitemap.xml", sitemap(""))
    with pytest.raises(RuntimeError, match="no en/ folder"):
        parallel_languages.join(staging, site, ["en"])


def test_moving_a_tree_renames_new_folders_whole_and_merges_the_rest(tmp_path):
    from hulproute.staging import move_tree

    source, target = tmp_path / "staged", tmp_path / "site"
    write(source / "gemeente" / "amsterdam" / "index.html", "new folder")
    write(source / "shared" / "new.html", "new file in a folder both have")
    write(source / "shared" / "same.html", "replacement")
    write(target / "shared" / "same.html", "old")
    write(target / "shared" / "kept.html", "kept")
    new_folder = (source / "gemeente").stat().st_ino
    move_tree(source, target)
    assert (target / "gemeente").stat().st_ino == new_folder, "a folder the site lacks arrives in one rename"
    assert (target / "gemeente" / "amsterdam" / "index.html").read_text(encoding="utf-8") == "new folder"
    assert {p.name: p.read_text(encoding="utf-8") for p in (target / "shared").iterdir()} == {
        "new.html": "new file in a folder both have", "same.html": "replacement", "kept.html": "kept"}
    assert [p for p in source.rglob("*") if p.is_file()] == [], "nothing is left behind or copied"
