#!/usr/bin/env python3
"""Measure build time and page weight against a baseline built in the same run.

Baseline: the same Markdown (hand-written pages with macros expanded, plus every generated
municipality page written out as files) built with bare Material + mkdocs-static-i18n defaults:
built-in search on, no curated nav (so every page is in the nav), no hooks.

    python scripts/benchmark.py [--skip-baseline] [--skip-lighthouse] [--lighthouse-only SITE]
                                [--json results.json] [--write-readme] [--check]

Targets (issue #2): full build <= 0.5x baseline and <= 60 s on 2 cores; median municipality
page <= 25 KB raw HTML. Search (issue 14): indexing time, index size per language, and the bytes
a first search for a municipality transfers on a cold cache, in Chromium through nginx (target
<= 100 KB). First view (issue 16): what a first visit transfers per page type in nl and ar,
through nginx on an empty cache (budget <= 40 KB), and 112 and Veilig Thuis within the first
14 KB of every page's compressed HTML. Lighthouse 12.2.3 (npm, Debian's Chromium; mobile preset):
median of 3 runs per page type in nl and ar, first contentful paint <= 0.9 s, no layout shift
and every score 100.
--check exits 1 when a budget is missed; --write-readme puts the figures into the README's tables
(hulproute/benchmark_readme.py). This is not a test.
"""
from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

import yaml  # noqa: E402
from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402

from hulproute import benchmark_readme, page_weight, preview_timing, search_index  # noqa: E402
from hulproute.errors import SiteError  # noqa: E402
from hulproute.loader import load_site_data  # noqa: E402
from hulproute.site_state import BuildState  # noqa: E402
from hulproute.urls import PARTNER_SECTION  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))  # tests/browser_support.py: nginx and Chromium, as the tests run them
from build_site import build_atomically  # noqa: E402


def write_baseline_sources(work: Path) -> Path:
    """Write the same Markdown our build renders into a plain docs folder, plus a bare config."""
    state = BuildState.prepare(ROOT / "data", docs_dir=ROOT / "docs")
    docs = work / "docs"
    for language, renderer in state.renderers.items():
        for source in (ROOT / "docs" / language).rglob("*.md"):
            relative = source.relative_to(ROOT / "docs" / language)
            target = docs / language / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            markdown = renderer.render_markdown(source.read_text(encoding="utf-8"), f"docs/{language}/{relative.as_posix()}")
            target.write_text(markdown, encoding="utf-8")
        for page in state.pages:
            target = docs / language / page.norm_src_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page.markdown[language], encoding="utf-8")
    languages = [
        {"locale": lang.code, "name": lang.name, "default": index == 0, "build": True}
        for index, lang in enumerate(state.data.languages)
    ]
    config = {
        "site_name": "Hulproute baseline",
        "site_url": "https://hulproute.nl/",
        "docs_dir": str(docs),
        "theme": {"name": "material"},
        "markdown_extensions": ["attr_list", "md_in_html"],
        "plugins": ["search", {"i18n": {"docs_structure": "folder", "languages": languages}}],
    }
    path = work / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def build_plain(config_file: Path, site_dir: Path) -> None:
    config = load_config(str(config_file), site_dir=str(site_dir))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    config.plugins.on_shutdown()


# Issue 11: the route finder's own script and the location table it downloads (gzip, KB).
BUDGETS = {
    "finder_script": ("assets/javascripts/hulproute-route.js", 10),
    "location_table": ("assets/hulproute/locaties.json", 60),
}


def sizes(site: Path) -> dict[str, object]:
    def stats(pages: list[Path]) -> dict[str, float]:
        raw = [p.stat().st_size for p in pages]
        gz = [len(gzip.compress(p.read_bytes(), 9)) for p in pages]
        return {
            "pages": len(pages),
            "median_raw_kb": round(statistics.median(raw) / 1024, 1),
            "max_raw_kb": round(max(raw) / 1024, 1),
            "median_gzip_kb": round(statistics.median(gz) / 1024, 1),
            "max_gzip_kb": round(max(gz) / 1024, 1),
        }

    site = site.resolve()  # make build publishes site/ as a symlink
    every = [p for p in site.rglob("*") if p.is_file()]
    # The precompressed .gz copies (nginx gzip_static) are counted apart: the baseline has none.
    files = [p for p in every if p.suffix != ".gz"]
    html = [p for p in files if p.suffix == ".html"]
    slugs = {m.slug for m in load_site_data().municipalities}
    # Municipality pages, not the materials pages of /voor-organisaties/gemeente/<slug>/.
    municipality = [p for p in html if p.parent.parent.name == "gemeente" and p.parent.name in slugs
                    and PARTNER_SECTION not in p.relative_to(site).parts]
    result = {
        "output_mb": round(sum(p.stat().st_size for p in files) / 1024 / 1024, 1),
        "gz_copies_mb": round(sum(p.stat().st_size for p in every if p.suffix == ".gz") / 1024 / 1024, 1),
        "files": len(files),
        "all_html": stats(html),
        "municipality_html": stats(municipality),
    }
    for name, (path, budget_kb) in BUDGETS.items():
        if (site / path).is_file():
            size = round(len(gzip.compress((site / path).read_bytes(), 9)) / 1024, 1)
            result[name] = {"gzip_kb": size, "budget_kb": budget_kb, "within": size <= budget_kb}
    return result


# Issue 16: what a first visit transfers, per page type, in Dutch and Arabic (empty cache).
FIRST_VIEW_PAGES = {
    "home": "", "municipality": "gemeente/amsterdam/", "signs": "signalen/partnergeweld/",
    "guide": "in-gesprek/zorgen-over-iemand/", "rights": "rechten/tijdelijk-huisverbod/", "route finder": "hulp-zoeken/",
}
FIRST_VIEW_LANGUAGES = ("nl", "ar")
FIRST_VIEW_BUDGET_KB = 40


def page_address(origin: str, lang: str, path: str) -> str:
    """A page type's address in a language (Dutch, the default, has no prefix)."""
    return f"{origin}/{'' if lang == 'nl' else lang + '/'}{path}"


@contextlib.contextmanager
def served_in_chromium(site: Path, browser=None):
    """(origin, browser): the built site through nginx with the deployed config, and Debian's
    Chromium, as the tests run them (`browser`: one already running, e.g. the tests' own)."""
    from tests.browser_support import NginxServer

    with tempfile.TemporaryDirectory(prefix="hulproute-nginx-") as tmp, NginxServer(site.resolve(), Path(tmp)) as server:
        if browser is not None:
            yield server.origin, browser
            return
        from playwright.sync_api import sync_playwright

        from hulproute.browser import CHROMIUM_ARGS, chromium_path

        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            try:
                yield server.origin, launched
            finally:
                launched.close()


def first_view_figures(site: Path, browser=None) -> dict[str, dict[str, dict[str, float]]]:
    """Everything a first visit transfers through nginx (gzip, deployed headers), in a fresh
    browser profile per page: every response body and header, the favicon included."""
    figures: dict[str, dict[str, dict[str, float]]] = {}
    with served_in_chromium(site, browser) as (origin, browser):
        for lang in FIRST_VIEW_LANGUAGES:
            for kind, path in FIRST_VIEW_PAGES.items():
                context = browser.new_context(viewport={"width": 360, "height": 640})
                page = context.new_page()
                finished = []
                page.on("requestfinished", lambda request: finished.append(request))
                page.goto(page_address(origin, lang, path))
                page.wait_for_load_state("networkidle")
                sizes = [r.sizes() for r in finished]
                html = next((r.sizes() for r in finished if r.resource_type == "document"), {"responseBodySize": 0})
                figures.setdefault(kind, {})[lang] = {
                    "kb": round(sum(s["responseBodySize"] + s["responseHeadersSize"] for s in sizes) / 1024, 1),
                    "html_kb": round(html["responseBodySize"] / 1024, 1), "requests": len(sizes)}
                context.close()
    return figures


def missed_budgets(results: dict) -> list[str]:
    """The budgets a run misses (for --check): page weight and the first round trip always,
    build time when it was measured against the baseline."""
    missed = []
    for kind, by_lang in results.get("first_view", {}).items():
        for lang, figure in by_lang.items():
            if figure["kb"] > FIRST_VIEW_BUDGET_KB:
                missed.append(f"first view of {kind} ({lang}): {figure['kb']} KB > {FIRST_VIEW_BUDGET_KB} KB")
    for path in results.get("late_pages", []):
        missed.append(f"{path}: 112 or Veilig Thuis after the first 14 KB of compressed HTML")
    if results.get("late_pages_count", 0) > len(results.get("late_pages", [])):
        missed.append(f"... {results['late_pages_count']} pages in all")
    if "time_ratio" in results:
        if results["hulproute_seconds"] > BUILD_BUDGET_SECONDS:
            missed.append(f"build {results['hulproute_seconds']} s > {BUILD_BUDGET_SECONDS} s")
        if results["time_ratio"] > BUILD_BUDGET_RATIO:
            missed.append(f"build {results['time_ratio']}x the baseline > {BUILD_BUDGET_RATIO}x")
    for kind, by_lang in results.get("lighthouse", {}).items():
        for lang, figure in by_lang.items():
            if figure["fcp_ms"] > LIGHTHOUSE_FCP_BUDGET_MS:
                missed.append(f"Lighthouse first contentful paint of {kind} ({lang}): {figure['fcp_ms']} ms > "
                              f"{LIGHTHOUSE_FCP_BUDGET_MS} ms")
            if figure.get("cls", 0) > LIGHTHOUSE_CLS_BUDGET:
                missed.append(f"Lighthouse layout shift of {kind} ({lang}): {figure['cls']} > {LIGHTHOUSE_CLS_BUDGET}")
            low = {name: score for name, score in figure.items() if name not in ("fcp_ms", "cls") and score < 100}
            if low:
                missed.append(f"Lighthouse scores of {kind} ({lang}) under 100: {low}")
    for lang, figure in results.get("preview", {}).items():
        if figure["first_page_seconds"] > preview_timing.START_BUDGET_SECONDS:
            missed.append(f"preview ({lang}): first page after {figure['first_page_seconds']} s > "
                          f"{preview_timing.START_BUDGET_SECONDS} s")
        for kind in ("page_edit_seconds", "data_edit_seconds"):
            if figure[kind] > preview_timing.EDIT_BUDGET_SECONDS:
                missed.append(f"preview ({lang}): {kind.replace('_seconds', '').replace('_', ' ')} shown after "
                              f"{figure[kind]} s > {preview_timing.EDIT_BUDGET_SECONDS} s")
    for name in BUDGETS:
        budget = results.get("hulproute", {}).get(name)
        if budget and not budget["within"]:
            missed.append(f"{name}: {budget['gzip_kb']} KB gzip > {budget['budget_kb']} KB")
    return missed


BUILD_BUDGET_SECONDS = 30
BUILD_BUDGET_RATIO = 0.15

# Issue 16: Lighthouse's mobile preset (simulated slow 4G, 4x CPU slowdown) on the same page types.
LIGHTHOUSE_VERSION = "12.2.3"  # 13 needs a newer Node than Debian's
LIGHTHOUSE_DIR = ROOT / ".cache" / f"lighthouse-{LIGHTHOUSE_VERSION}"
LIGHTHOUSE_RUNS = 3
LIGHTHOUSE_FCP_BUDGET_MS = 900
LIGHTHOUSE_CLS_BUDGET = 0  # issue 16: no layout shift
LIGHTHOUSE_TRIES = 3  # Lighthouse now and then loses its trace (NO_NAVSTART): such a run is redone


def lighthouse_command() -> Path:
    """Lighthouse from npm, installed once into .cache/ (not committed)."""
    command = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
    if not command.is_file():
        LIGHTHOUSE_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(LIGHTHOUSE_DIR),
                        f"lighthouse@{LIGHTHOUSE_VERSION}"], check=True)
    return command


def lighthouse_run(command: Path, address: str, output: Path) -> dict[str, float]:
    """One Lighthouse run: the four category scores (0-100) and first contentful paint (ms)."""
    from hulproute.browser import CHROMIUM_ARGS, chromium_path

    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    for _attempt in range(LIGHTHOUSE_TRIES):
        done = subprocess.run([str(command), address, "--quiet", "--output=json", f"--output-path={output}",
                               f"--chrome-flags={flags}", "--form-factor=mobile"],
                              env={**os.environ, "CHROME_PATH": chromium_path()}, capture_output=True, text=True)
        if done.returncode == 0:
            break
    else:
        raise RuntimeError(f"Lighthouse failed {LIGHTHOUSE_TRIES} times on {address}: {done.stderr.strip()[-500:]}")
    report = json.loads(output.read_text(encoding="utf-8"))
    figures = {name: round(category["score"] * 100) for name, category in report["categories"].items()}
    figures["fcp_ms"] = round(report["audits"]["first-contentful-paint"]["numericValue"])
    figures["cls"] = round(report["audits"]["cumulative-layout-shift"]["numericValue"], 3)
    return figures


def lighthouse_figures(site: Path, runs: int = LIGHTHOUSE_RUNS) -> dict[str, dict[str, dict[str, float]]]:
    """The median of `runs` Lighthouse runs per page type and language, through nginx."""
    from tests.browser_support import NginxServer

    command = lighthouse_command()
    figures: dict[str, dict[str, dict[str, float]]] = {}
    with tempfile.TemporaryDirectory(prefix="hulproute-lighthouse-") as tmp, \
            NginxServer(site.resolve(), Path(tmp)) as server:
        for lang in FIRST_VIEW_LANGUAGES:
            for kind, path in FIRST_VIEW_PAGES.items():
                address = page_address(server.origin, lang, path)
                results = [lighthouse_run(command, address, Path(tmp) / "report.json") for _ in range(runs)]
                figures.setdefault(kind, {})[lang] = {
                    name: statistics.median(result[name] for result in results) for name in results[0]}
    return figures


SEARCH_QUERIES = ("De Ronde Venen", "Amsterdam")
SEARCH_TARGET_KB = 100


def search_figures(site: Path) -> dict[str, object]:
    """Index time (the step alone, run again on the finished site), index size per language, and
    what a reader's first search downloads: a fresh browser profile per query (cold cache), the
    search page already open, every response body and header counted as nginx sent it."""
    site = site.resolve()
    data = load_site_data()
    # Timed on a copy: indexing replaces pagefind/, and the published one keeps its .gz copies.
    with tempfile.TemporaryDirectory(prefix="hulproute-index-") as tmp:
        copy = Path(tmp) / "site"
        shutil.copytree(site, copy, ignore=shutil.ignore_patterns("*.gz", search_index.OUTPUT))
        seconds = timed(lambda: search_index.build(copy, data.language_codes))
    output = site / search_index.OUTPUT
    per_language = {}
    for lang in data.language_codes:
        wasm = json.loads((output / search_index.ENTRY).read_text(encoding="utf-8"))["languages"][lang]["wasm"] or "unknown"
        files = [output / f"wasm.{wasm}.pagefind", *output.glob(f"pagefind.{lang}_*.pf_meta"),
                 *(output / "index").glob(f"{lang}_*"), *(output / "fragment").glob(f"{lang}_*")]
        per_language[lang] = round(sum(f.stat().st_size for f in files) / 1024, 1)
    first_query = {}
    with served_in_chromium(site) as (origin, browser):
        for query in SEARCH_QUERIES:
            context = browser.new_context()
            page = context.new_page()
            page.goto(f"{origin}/zoeken/")
            finished = []
            page.on("requestfinished", lambda request: finished.append(request))
            page.fill("#hr-search-input", query)
            page.press("#hr-search-input", "Enter")
            page.locator(".hr-search__result").first.wait_for()
            page.wait_for_load_state("networkidle")
            # The favicon is the browser's own request for the page, not part of the search.
            sizes = [r.sizes() for r in finished if not r.url.endswith("favicon.png")]
            kb = sum(s["responseBodySize"] + s["responseHeadersSize"] for s in sizes) / 1024
            first_query[query] = {"kb": round(kb, 1), "requests": len(sizes)}
            context.close()
    return {"index_seconds": round(seconds, 1), "index_kb_per_language": per_language,
            "first_query": first_query, "target_kb": SEARCH_TARGET_KB}


def preview_figures() -> dict[str, dict[str, float]]:
    """`make serve` for an editor of Dutch and of Arabic (hulproute/preview_timing.py)."""
    data = load_site_data()
    return {language: preview_timing.measure(language, data.default_language).as_dict()
            for language in (data.default_language, "ar")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument("--skip-lighthouse", action="store_true", help="no Lighthouse runs (they take minutes)")
    parser.add_argument("--skip-preview", action="store_true", help="no timing of `make serve` (about a minute)")
    parser.add_argument("--lighthouse-only", type=Path, metavar="SITE",
                        help="only Lighthouse, on a site already built (e.g. site/)")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--write-readme", action="store_true",
                        help="replace the README's benchmark tables with this run's figures (only those it measured)")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 when a budget is missed (page weight, first round trip, build time)")
    args = parser.parse_args()
    load_site_data()  # fail fast on bad data
    results: dict[str, object] = {"cores": os.cpu_count(), "budget_seconds": BUILD_BUDGET_SECONDS,
                                  "budget_ratio": BUILD_BUDGET_RATIO}
    if args.lighthouse_only:
        results["lighthouse"] = lighthouse_figures(args.lighthouse_only)
        print(json.dumps(results, indent=2))
        return finish(results, args)
    with tempfile.TemporaryDirectory(prefix="hulproute-bench-") as tmp:
        work = Path(tmp)
        site = work / "site"
        results["hulproute_seconds"] = round(timed(lambda: build_atomically(ROOT / "mkdocs.yml", site)), 1)
        results["hulproute"] = sizes(site)
        results["search"] = search_figures(site)
        results["first_view"] = first_view_figures(site)
        late = page_weight.late_pages(site, load_site_data())
        results["late_pages"], results["late_pages_count"] = late[:10], len(late)
        if not args.skip_lighthouse:
            results["lighthouse"] = lighthouse_figures(site)
        if not args.skip_preview:
            results["preview"] = preview_figures()
        if not args.skip_baseline:
            baseline_config = write_baseline_sources(work / "baseline")
            baseline_site = work / "baseline-site"
            results["baseline_seconds"] = round(timed(lambda: build_plain(baseline_config, baseline_site)), 1)
            results["baseline"] = sizes(baseline_site)
            results["time_ratio"] = round(results["hulproute_seconds"] / results["baseline_seconds"], 2)
    print(json.dumps(results, indent=2))
    municipality = results["hulproute"]["municipality_html"]
    print(
        f"\nHulproute: {results['hulproute_seconds']} s, {results['hulproute']['output_mb']} MB; "
        f"municipality page median {municipality['median_raw_kb']} KB raw / {municipality['median_gzip_kb']} KB gzip"
    )
    for name in BUDGETS:
        if name in results["hulproute"]:
            budget = results["hulproute"][name]
            print(f"{name}: {budget['gzip_kb']} KB gzip (budget < {budget['budget_kb']} KB): "
                  f"{'within' if budget['within'] else 'OVER BUDGET'}")
    search = results["search"]
    print(f"search: index {search['index_seconds']} s; per language (KB) {search['index_kb_per_language']}; "
          + "; ".join(f"first query '{q}': {v['kb']} KB in {v['requests']} requests" for q, v in search["first_query"].items())
          + f" (target <= {search['target_kb']} KB)")
    if "baseline_seconds" in results:
        print(f"Baseline:  {results['baseline_seconds']} s, {results['baseline']['output_mb']} MB; ratio {results['time_ratio']}")
    print("first view (KB, empty cache; nl / ar): " + "; ".join(
        f"{kind} {v['nl']['kb']} / {v['ar']['kb']}" for kind, v in results["first_view"].items())
        + f" (budget <= {FIRST_VIEW_BUDGET_KB} KB)")
    print(f"112 and Veilig Thuis in the first 14 KB: {results['late_pages_count']} pages late")
    if "preview" in results:
        print("preview (s; first page, page edit, data edit): " + "; ".join(
            f"{lang} {v['first_page_seconds']}, {v['page_edit_seconds']}, {v['data_edit_seconds']}"
            for lang, v in results["preview"].items())
            + f" (budget <= {preview_timing.START_BUDGET_SECONDS} s, <= {preview_timing.EDIT_BUDGET_SECONDS} s)")
    if "lighthouse" in results:
        print(f"Lighthouse (median of {LIGHTHOUSE_RUNS}; FCP ms, performance; nl / ar): " + "; ".join(
            f"{kind} {v['nl']['fcp_ms']:.0f} {v['nl']['performance']:.0f} / {v['ar']['fcp_ms']:.0f} {v['ar']['performance']:.0f}"
            for kind, v in results["lighthouse"].items()) + f" (budget FCP <= {LIGHTHOUSE_FCP_BUDGET_MS} ms, scores 100)")
    return finish(results, args)


def run_heading(results: dict) -> str:
    """When, where and on what the figures were measured, above each README table."""
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip() or "an unknown commit"
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                           capture_output=True, text=True).stdout.strip()
    return (f"Measured {time.strftime('%Y-%m-%d')} on {results['cores']} cores at {commit}"
            f"{' with uncommitted changes' if dirty else ''} (`scripts/benchmark.py --write-readme`).")


def finish(results: dict, args: argparse.Namespace) -> int:
    """Write --json and the README tables, and with --check list every missed budget and exit 1 if there is one."""
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    if args.write_readme:
        try:
            written = benchmark_readme.write(ROOT / "README.md", results, run_heading(results))
        except SiteError as exc:
            print(f"README.md not written: {exc}", file=sys.stderr)
            return 1
        print(f"README.md: wrote the tables {', '.join(written)}")
    if args.check:
        missed = missed_budgets(results)
        for line in missed:
            print(f"MISSED: {line}", file=sys.stderr)
        return 1 if missed else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
