#!/usr/bin/env python3
"""Validate data/ without building the site, and print the data report.

    python scripts/validate_data.py              # validate + full report
    python scripts/validate_data.py --quiet      # validate only (exit 1 on problems)
    python scripts/validate_data.py --data-dir tests/fixtures/bad

Exit codes: 0 valid, 1 invalid data (every problem is printed with file, record, field and fix).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hulproute.errors import DataError
from hulproute.loader import DEFAULT_DATA_DIR, load_site_data
from hulproute.report import format_report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--quiet", action="store_true", help="validate only, no report")
    args = parser.parse_args(argv)
    try:
        data = load_site_data(args.data_dir)
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 1
    if args.quiet:
        print(f"data OK: {len(data.municipalities)} municipalities, {len(data.languages)} languages")
    else:
        print(format_report(data))
    return 0


if __name__ == "__main__":
    sys.exit(main())
