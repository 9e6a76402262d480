"""Check every hand-written page (all languages) against the content rules; exit 1 on a problem.

Rules (hulproute/content.py): title and description; translations carry review and source_hash;
no phone number typed by hand; known services in macros; every footnote cites a source from
data/sources/; pages of sourced sections have sources; links lead to existing pages; every page of
data/content.yaml exists in every language.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hulproute import content  # noqa: E402
from hulproute.errors import DataError  # noqa: E402
from hulproute.loader import load_site_data  # noqa: E402


def main(argv: list[str]) -> int:
    try:
        data = load_site_data()
    except DataError as exc:
        print(exc)
        return 1
    problems = content.lint(ROOT / "docs", data)
    only = tuple(argv)
    shown = [p for p in problems if not only or any(p.path.endswith(o) or o in p.path for o in only)]
    for problem in shown:
        print(problem)
    print(f"{len(shown)} problem(s)" if shown else "no problems")
    return 1 if shown else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
