"""Report the readability (Flesch–Douma) of every Dutch page; exit 1 if the targets are missed.

Usage: python scripts/readability.py [PAGE.md ...]   (default: every page in docs/nl/)
Targets: median >= 60 over all pages and no page below 50 (B1 Dutch).
"""
from __future__ import annotations

import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hulproute.readability import MEDIAN_TARGET, PAGE_MINIMUM, meets_targets, score_file, score_pages  # noqa: E402


def main(argv: list[str]) -> int:
    if argv:
        scores = [score_file(Path(a), a) for a in argv]
    else:
        scores = score_pages(ROOT / "docs")
    for s in sorted(scores, key=lambda s: s.score):
        flag = "  below the minimum" if s.score < PAGE_MINIMUM else ""
        print(f"{s.score:6.1f}  {s.words:5d} words  {s.page}{flag}")
    median = statistics.median(s.score for s in scores)
    print(f"\nmedian {median:.1f} (target >= {MEDIAN_TARGET:.0f}), lowest {min(s.score for s in scores):.1f} "
          f"(minimum {PAGE_MINIMUM:.0f}), {len(scores)} pages")
    if meets_targets(scores):
        print("targets met")
        return 0
    print("targets missed: shorter sentences and shorter words (B1)")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
