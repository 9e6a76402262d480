#!/usr/bin/env python3
"""`make serve`: a live preview for editors, in seconds (issue 16).

By default it builds one language (Dutch, or the one given; Dutch is built too, since the
multilingual plugin always builds the default language) and leaves out what a preview does not
need: the other languages, the posters, flyers and QR codes for organisations, and the search
index. What it builds is rendered exactly as the full build renders it. Edits in docs/, data/,
overrides/ and the page templates (hulproute/templates/) rebuild it and reload the browser.

    python scripts/serve.py [--language ar] [--all] [--dev-addr 127.0.0.1:8000]

`--all` previews the complete site (every language, materials, search; about a minute a rebuild).
The CSP meta is never added in a preview: MkDocs' live-reload script is inline.
"""
from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import tempfile
from pathlib import Path
from types import FrameType

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.commands import serve  # noqa: E402
from mkdocs.utils.yaml import yaml_load  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hulproute import preview_mode  # noqa: E402
from hulproute.errors import SiteError  # noqa: E402

# Watched besides docs/ and mkdocs.yml (which MkDocs watches itself): what pages are made from.
WATCHED = ("overrides", "hulproute/templates")


def _stop(signum: int, _frame: FrameType | None) -> None:
    """SIGTERM stops the preview as Ctrl-C does: MkDocs and this script remove their folders."""
    raise SystemExit(128 + signum)


def main() -> int:
    signal.signal(signal.SIGTERM, _stop)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", default=None, help="the language to preview (default: the site's default)")
    parser.add_argument("--all", action="store_true", help="preview the complete site, as `make build` makes it")
    parser.add_argument("--dev-addr", default="127.0.0.1:8000")
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    with args.config.open(encoding="utf-8") as handle:
        settings = yaml_load(handle)
    try:
        overrides = {} if args.all else preview_mode.config_overrides(settings, args.language)
    except SiteError as exc:
        print(f"ERROR   -  {exc}", file=sys.stderr)
        return 1
    if not args.all:
        print(preview_mode.skipped_message(settings, overrides), flush=True)
    data_dir = args.config.resolve().parent / (settings.get("extra", {}).get("hulproute", {}).get("data_dir") or "data")
    with tempfile.TemporaryDirectory(prefix="hulproute-preview-") as folder:
        config_file = args.config if args.all else preview_mode.write_config(args.config, settings, overrides, Path(folder))
        start(config_file, args, data_dir)
    return 0


def start(config_file: Path, args: argparse.Namespace, data_dir: Path) -> None:
    if not args.all:
        # Rebuilds build only changed pages (hooks/preview.py); mkdocs-static-i18n reads the flag
        # for its other languages from the command line.
        sys.argv.append("--dirty")
        preview_mode.quiet_dirty_warning()
    serve.serve(config_file=str(config_file), dev_addr=args.dev_addr, livereload=True,
                build_type=None if args.all else "dirty",
                watch=[str(args.config), str(data_dir), *(str(ROOT / path) for path in WATCHED)])


if __name__ == "__main__":
    sys.exit(main())
