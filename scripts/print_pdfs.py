#!/usr/bin/env python3
"""Render the posters (A4) and flyers (A6) of a built site to PDF, with headless Chromium.

    python scripts/print_pdfs.py                            # every campaign, in its languages
    python scripts/print_pdfs.py --municipality amsterdam   # one municipality, every language
    python scripts/print_pdfs.py --municipality amsterdam --language nl ar
    python scripts/print_pdfs.py --all                      # everything (about 4,000 files)

Run `make build` first: the PDFs are made from the built pages in site/, so they show exactly
what the site shows. Files go to pdf/<language>/<kind>-<slug>-<poster|flyer>.pdf (--out to
change). Exit codes: 0 done, 1 nothing matched or a sheet does not fit on one page.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hulproute import print_pdf  # noqa: E402
from hulproute.errors import SiteError  # noqa: E402
from hulproute.loader import load_site_data  # noqa: E402
from hulproute.partners import CAMPAIGN_KIND, MUNICIPALITY_KIND  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (default: site/)")
    parser.add_argument("--out", type=Path, default=ROOT / "pdf", help="where the PDFs go (default: pdf/)")
    parser.add_argument("--language", nargs="+", help="only these languages (default: all)")
    parser.add_argument("--campaign", nargs="+", default=[], help="campaign slugs")
    parser.add_argument("--municipality", nargs="+", default=[], help="municipality slugs")
    parser.add_argument("--all", action="store_true", help="every campaign and municipality")
    args = parser.parse_args(argv)
    data = load_site_data()
    if not (args.site / "index.html").is_file():
        print(f"{args.site} holds no built site\n    fix: run `make build` first", file=sys.stderr)
        return 1
    sheets = print_pdf.sheets_in(args.site, data.language_codes)
    wanted_campaigns = set(args.campaign) or (set() if args.municipality else set(data.campaigns))
    chosen = [s for s in sheets
              if (not args.language or s.language in args.language)
              and (args.all
                   or (s.kind == CAMPAIGN_KIND and s.slug in wanted_campaigns)
                   or (s.kind == MUNICIPALITY_KIND and s.slug in args.municipality))]
    if not chosen:
        print("no poster or flyer matches\n    fix: check the slugs and languages (a campaign is printed only "
              "in its own languages: data/campaigns/)", file=sys.stderr)
        return 1
    try:
        written = print_pdf.render(args.site, args.out, chosen, data.default_language, log=print)
    except SiteError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"{len(written)} PDF files in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
