"""List missing or outdated translations, or stamp a finished one.

  python scripts/translations.py                 # every translation that needs work; exit 1 if any
  python scripts/translations.py --all           # the state of every translation
  python scripts/translations.py stamp LANG PAGE # after translating docs/nl/PAGE into LANG
                                                 # (PAGE like signalen/partnergeweld.md, or 'all')
  python scripts/translations.py check [LANG]    # structure and glossary check (exit 1 on problems)

States: missing (no file), unstamped (no source_hash yet), outdated (the Dutch page changed since),
unreviewed / reviewed (up to date; 'review:' in the front matter says whether a person checked it).
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hulproute import content, translation_check  # noqa: E402
from hulproute.loader import load_site_data  # noqa: E402

DOCS = ROOT / "docs"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--all", action="store_true", help="show every translation, not only those needing work")
    parser.add_argument("command", nargs="*", help="stamp LANG PAGE | check [LANG ...]")
    args = parser.parse_args(argv)
    data = load_site_data()
    languages = data.language_codes
    if args.command and args.command[0] == "check":
        wanted = args.command[1:]
        problems = [p for p in translation_check.translation_problems(DOCS, data)
                    if not wanted or any(f"/{w}/" in f"/{p.path}" or f"/{w}.yaml" in p.path for w in wanted)]
        for problem in problems:
            print(problem)
        print(f"{len(problems)} problem(s)")
        return 1 if problems else 0
    if args.command:
        if len(args.command) != 3 or args.command[0] != "stamp":
            parser.error("use: stamp LANG PAGE")
        _, language, page = args.command
        if language not in languages:
            parser.error(f"unknown language {language!r}; one of {', '.join(languages)}")
        targets = content.pages(DOCS, language) if page == "all" else [page]
        for target in targets:
            if (DOCS / content.SOURCE_LANGUAGE / target).is_file():
                print(f"docs/{language}/{target}: source_hash {content.stamp(DOCS, language, target)}")
        return 0
    states = content.translation_states(DOCS, languages)
    shown = states if args.all else [s for s in states if s.needs_work]
    for s in shown:
        print(f"{s.state:10} docs/{s.language}/{s.page}")
    counts = Counter(s.state for s in states)
    print(", ".join(f"{n} {state}" for state, n in sorted(counts.items())) or "no translations")
    return 1 if any(s.needs_work for s in states) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
