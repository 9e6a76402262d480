"""Publish a build atomically: `site` is a symlink to a complete build, switched with one rename.

Why: a web server (or a partner's mirror) reading `site/` must never see a half-written site or
no site at all. Each build goes into its own folder beside `site`; only when all six languages
are built is the `site` link replaced with `rename(2)`, which is atomic. The previous build stays
byte-identical until then, and is removed after. A lock keeps two builds from racing; anything a
stopped build left behind is removed by the next one.

    site -> .site-builds/20261201T213000-k2j4x9/
"""
from __future__ import annotations

import ctypes
import ctypes.util
import errno
import fcntl
import os
import shutil
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from hulproute.errors import SiteError

_RENAME_EXCHANGE = 2  # linux/fs.h
_AT_FDCWD = -100


def builds_dir(site_dir: Path) -> Path:
    return site_dir.with_name(f".{site_dir.name}-builds")


@contextmanager
def build_lock(site_dir: Path) -> Iterator[None]:
    """One build of a site folder at a time; a second one stops at once with a clear message."""
    lock_path = site_dir.with_name(f".{site_dir.name}.lock")
    with open(lock_path, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise SiteError(f"another build of {site_dir} is running ({holder})",
                            "wait until it has finished, then build again") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def current_build(site_dir: Path) -> Path | None:
    """The build folder `site` points at (None when there is no site, or a plain folder)."""
    if site_dir.is_symlink():
        return (site_dir.parent / os.readlink(site_dir)).resolve()
    return None


def remove_leftovers(site_dir: Path) -> list[Path]:
    """Every build folder that `site` does not point at, and the old layout's temporary folders
    (a build stopped by SIGKILL or a power cut leaves one behind). Call under the lock."""
    keep = current_build(site_dir)
    removed = []
    candidates = list(builds_dir(site_dir).glob("*")) if builds_dir(site_dir).is_dir() else []
    candidates += list(site_dir.parent.glob(".site-build-*")) + [site_dir.with_name(site_dir.name + ".old")]
    candidates += list(site_dir.parent.glob(f".{site_dir.name}.link-*"))
    for path in candidates:
        if keep is not None and path.resolve() == keep:
            continue
        if path.is_symlink() or path.is_file():
            path.unlink()
        elif path.is_dir():
            shutil.rmtree(path)
        else:
            continue
        removed.append(path)
    return removed


def make_readable(root: Path) -> None:
    """Folders 0755 and files 0644: a web server running as another user must read the site
    (a private temp folder would be 0700)."""
    root.chmod(0o755)
    for folder, dirs, files in os.walk(root):
        for name in dirs:
            os.chmod(os.path.join(folder, name), 0o755)
        for name in files:
            os.chmod(os.path.join(folder, name), 0o644)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    if not hasattr(libc, "renameat2"):
        return False
    result = libc.renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    if ctypes.get_errno() in (errno.ENOSYS, errno.EINVAL):
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(a))


def publish(site_dir: Path, build: Path) -> None:
    """Point `site_dir` at `build` in one atomic step; the old build is removed afterwards."""
    link = site_dir.with_name(f".{site_dir.name}.link-{os.getpid()}")
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(os.path.relpath(build, site_dir.parent))
    if site_dir.is_dir() and not site_dir.is_symlink():
        # A plain folder from an older layout: exchange it with the link in one step.
        if not _exchange(link, site_dir):
            site_dir.rename(link.with_name(link.name + ".old"))  # no renameat2: a brief gap, once
            link.rename(site_dir)
            return
        shutil.rmtree(link)  # after the exchange, `link` names the old folder
        return
    os.replace(link, site_dir)


def build_atomically(site_dir: Path, build: Callable[[Path], None]) -> Path:
    """Run `build(folder)` into a fresh folder and publish it; on any failure (including
    SIGTERM turned into SystemExit, or Ctrl-C) the fresh folder is removed and `site` is untouched."""
    site_dir = Path(os.path.abspath(site_dir))
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with build_lock(site_dir):
        remove_leftovers(site_dir)
        builds = builds_dir(site_dir)
        builds.mkdir(exist_ok=True)
        builds.chmod(0o755)  # mkdir's mode is cut by the umask
        target = Path(tempfile.mkdtemp(prefix=time.strftime("%Y%m%dT%H%M%S-"), dir=builds))
        try:
            build(target)
            make_readable(target)
            publish(site_dir, target)
        except BaseException:
            shutil.rmtree(target, ignore_errors=True)
            raise
        remove_leftovers(site_dir)
    return target
