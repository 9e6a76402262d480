#!/usr/bin/env python3
"""Build the whole site atomically: into a fresh folder, swapped in only when everything worked.

Why: a data error already stops MkDocs before it writes (hooks/data.py), but any other failure
half-way through six language builds would leave a half-written site/. Here the previous site/
stays intact until the new one is complete.

    python scripts/build_site.py [--config mkdocs.yml] [--site-dir site]
"""
from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402
from mkdocs.exceptions import MkDocsException  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def build_atomically(config_file: Path, site_dir: Path) -> None:
    """Build into a sibling temp folder, then replace site_dir in two renames."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site_dir.parent))
    try:
        config = load_config(str(config_file), site_dir=str(staging))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
        old = site_dir.with_name(site_dir.name + ".old")
        if old.exists():
            shutil.rmtree(old)
        if site_dir.exists():
            site_dir.rename(old)
        staging.rename(site_dir)
        if old.exists():
            shutil.rmtree(old)
    finally:
        if staging.exists():
            shutil.rmtree(staging)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml")
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    try:
        build_atomically(args.config, args.site_dir)
    except MkDocsException as exc:
        print(f"build failed, {args.site_dir} left as it was:\n{exc}", file=sys.stderr)
        return 1
    print(f"site built in {args.site_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
