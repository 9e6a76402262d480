"""The benchmark's figures as README tables (`scripts/benchmark.py --write-readme`).

Each table sits between two markers in README.md, `<!-- benchmark:NAME -->` and
`<!-- /benchmark:NAME -->`, and only the tables a run measured are replaced: a Lighthouse-only
run leaves the build table as it was. Prose about the figures stays outside the markers, written
by hand.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

from hulproute.errors import SiteError


def _build(results: dict) -> str:
    ours, base = results["hulproute"], results.get("baseline")
    ratio = f"{results['time_ratio']}x" if "time_ratio" in results else "no baseline this run"
    rows = [
        ("build time (search index and materials included)", f"{results['hulproute_seconds']} s",
         f"{results['baseline_seconds']} s" if base else "—",
         f"≤ {results['budget_seconds']} s and ≤ {results['budget_ratio']}x the baseline (this run: {ratio})"),
        ("output size", f"{ours['output_mb']} MB (+ {ours['gz_copies_mb']} MB of `.gz` copies)",
         f"{base['output_mb']} MB" if base else "—", "—"),
        ("HTML pages", f"{ours['all_html']['pages']:,}", f"{base['all_html']['pages']:,}" if base else "—", "—"),
    ]
    def raw_gzip(figure: dict, which: str) -> str:
        return f"{figure[which + '_raw_kb']} KB / {figure[which + '_gzip_kb']} KB"

    for label, key, which in (("municipality page, median", "municipality_html", "median"),
                              ("municipality page, max", "municipality_html", "max"),
                              ("any page, max", "all_html", "max")):
        rows.append((f"{label} raw / gzip", raw_gzip(ours[key], which),
                     raw_gzip(base[key], which) if base else "—", "—"))
    for name, budget in ((n, b) for n, b in ours.items() if isinstance(b, dict) and "budget_kb" in b):
        rows.append((f"{name.replace('_', ' ')}, gzip", f"{budget['gzip_kb']} KB", "—", f"≤ {budget['budget_kb']} KB"))
    if "search" in results:
        search = results["search"]
        rows.append(("search: indexing (Pagefind, every language)", f"{search['index_seconds']} s", "—", "—"))
        rows.append(("search: index size per language",
                     ", ".join(f"{lang} {kb} KB" for lang, kb in search["index_kb_per_language"].items()), "—", "—"))
        for query, figure in search["first_query"].items():
            rows.append((f"search: first query \"{query}\", cold cache", f"{figure['kb']} KB in {figure['requests']} requests",
                         "—", f"≤ {search['target_kb']} KB"))
    return _table(("", "Hulproute", "baseline", "target"), rows)


def _first_view(results: dict) -> str:
    figures = results["first_view"]
    languages = list(next(iter(figures.values())))
    rows = [(kind, *(f"{by_lang[lang]['kb']} KB ({by_lang[lang]['requests']} requests)" for lang in languages))
            for kind, by_lang in figures.items()]
    table = _table(("first view, empty cache", *languages), rows)
    if "late_pages_count" in results:
        table += (f"\n\nPages whose compressed HTML brings 112 or Veilig Thuis after its first 14 KB: "
                  f"**{results['late_pages_count']}**.")
    return table


def _lighthouse(results: dict) -> str:
    figures = results["lighthouse"]
    languages = list(next(iter(figures.values())))
    names = ("fcp_ms", "performance", "accessibility", "best-practices", "seo")

    def cell(figure: dict) -> str:
        shift = f"CLS {figure['cls']:g} · " if "cls" in figure else ""
        return f"{figure['fcp_ms']:.0f} ms · {shift}" + " / ".join(f"{figure[name]:.0f}" for name in names[1:])

    rows = [(kind, *(cell(by_lang[lang]) for lang in languages)) for kind, by_lang in figures.items()]
    return _table(("Lighthouse: first contentful paint · layout shift · performance / accessibility / best practices / SEO",
                   *languages), rows)


def _preview(results: dict) -> str:
    figures = results["preview"]
    languages = list(figures)
    rows = [(label, *(f"{figures[lang][key]} s" for lang in languages), target)
            for label, key, target in (("first page, after the command", "first_page_seconds", "≤ 15 s"),
                                       ("a hand-written page, after saving it", "page_edit_seconds", "≤ 3 s"),
                                       ("a local contact in data/, after saving it", "data_edit_seconds", "≤ 3 s"))]
    return _table(("`make serve` (editors' preview of the language)", *languages, "target"), rows)


SECTIONS: dict[str, tuple[str, Callable[[dict], str]]] = {
    "build": ("hulproute_seconds", _build),
    "first-view": ("first_view", _first_view),
    "lighthouse": ("lighthouse", _lighthouse),
    "preview": ("preview", _preview),
}


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _markers(name: str) -> re.Pattern[str]:
    return re.compile(rf"(<!-- benchmark:{name} -->\n).*?(\n<!-- /benchmark:{name} -->)", re.S)


def write(readme: Path, results: dict, heading: str) -> list[str]:
    """Replace the tables `results` has figures for; `heading` (date, machine, commit) goes above
    each. Returns the names of the tables written. A README without a table's markers is an
    error, not a skipped table."""
    text = readme.read_text(encoding="utf-8")
    written = []
    for name, (key, render) in SECTIONS.items():
        if key not in results:
            continue
        pattern = _markers(name)
        if not pattern.search(text):
            raise SiteError(f"{readme}: the markers <!-- benchmark:{name} --> and <!-- /benchmark:{name} --> are missing",
                            "put them back around the table in the Benchmark section")
        body = f"{heading}\n\n{render(results)}"
        text = pattern.sub(lambda match: match.group(1) + body + match.group(2), text, count=1)
        written.append(name)
    readme.write_text(text, encoding="utf-8")
    return written
