#!/usr/bin/env python3
"""Build the whole site atomically: into a fresh folder, published only when everything worked.

`site` becomes a symlink to the finished build, switched in one rename (hulproute/site_swap.py):
a web server never sees a half-written or missing site, two builds cannot race (a lock), and a
stopped build's leftovers are removed. Every failure a maintainer can cause is printed as file,
record, field, problem and fix, without a traceback, and exits 1; the previous site is untouched.

    python scripts/build_site.py [--config mkdocs.yml] [--site-dir site]
"""
from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
from pathlib import Path
from types import FrameType

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402
from mkdocs.exceptions import MkDocsException  # noqa: E402

from hulproute import forked, site_swap  # noqa: E402
from hulproute.errors import SiteError  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def build_atomically(config_file: Path, site_dir: Path) -> Path:
    """Build with MkDocs into a fresh folder and publish it as `site_dir`; returns the folder."""
    def run(target: Path) -> None:
        try:
            config = load_config(str(config_file), site_dir=str(target))
        except MkDocsException as exc:
            raise SiteError(f"{config_file}: {exc}", "correct mkdocs.yml (see README)") from None
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        except BaseException:
            forked.stop_all()  # a child still writing into `target` would outlive its removal
            raise
        finally:
            config.plugins.on_shutdown()

    return site_swap.build_atomically(site_dir, run)


def _stop(signum: int, _frame: FrameType | None) -> None:
    """SIGTERM ends the build like Ctrl-C does: through the clean-up, not around it."""
    raise SystemExit(128 + signum)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml")
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    signal.signal(signal.SIGTERM, _stop)
    try:
        build_atomically(args.config, args.site_dir)
    except (SiteError, MkDocsException) as exc:
        print(f"build failed; {args.site_dir} was left as it was.\n{exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - a bug: say so, and where to look
        if os.environ.get("HULPROUTE_DEBUG"):
            raise
        print(f"build failed with an internal error; {args.site_dir} was left as it was.\n"
              f"{type(exc).__name__}: {exc}\n"
              "    fix: this is a bug in Hulproute, not in your input; run again with HULPROUTE_DEBUG=1 "
              "for the traceback and report it", file=sys.stderr)
        return 2
    print(f"site built in {args.site_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
