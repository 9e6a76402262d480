#!/usr/bin/env python3
"""Keep every published address working (hulproute/url_registry.py, data/published_urls.txt).

    python scripts/urls.py check [--site site]   # every registered address still answers
    python scripts/urls.py add   [--site site]   # register the new pages of a full build

Run after `make build` (a full build: a fixture build lacks most municipality pages).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hulproute import url_registry  # noqa: E402
from hulproute.errors import DataError, SiteError  # noqa: E402
from hulproute.loader import load_site_data  # noqa: E402
from hulproute.urls import municipality_url  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["check", "add"])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--registry", type=Path, default=url_registry.REGISTRY)
    args = parser.parse_args()
    try:
        data = load_site_data()
        pages = url_registry.site_pages(args.site)
        missing = [m.slug for m in data.municipalities
                   if municipality_url(m.slug, data.default_language, data.default_language) not in pages]
        if missing:
            raise SiteError(f"{args.site} is not a full build ({len(missing)} municipality pages missing, e.g. "
                            f"{missing[0]})", "run `make build` first")
        registered = url_registry.read(args.registry)
        if args.command == "add":
            added = url_registry.add(pages, args.registry)
            print(f"{len(added)} new address(es) registered in {args.registry.name}"
                  + "".join(f"\n  {a}" for a in added[:20]) + ("\n  …" if len(added) > 20 else ""))
            return 0
        broken = url_registry.unresolved(registered, pages, data.redirects)
        new = url_registry.unregistered(registered, pages)
        for address in broken:
            print(f"{address}: registered, but no page and no redirect answers it\n"
                  "    fix: add a redirect to the page that replaced it (data/redirects.yaml; a merged "
                  "municipality: data/municipality_mergers.yaml)", file=sys.stderr)
        for address in new:
            print(f"{address}: a page that is not registered\n    fix: python scripts/urls.py add", file=sys.stderr)
        if broken or new:
            return 1
        print(f"all {len(registered)} registered addresses answer")
        return 0
    except (SiteError, DataError) as exc:
        print(exc, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
