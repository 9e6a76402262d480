"""Publishing a build: `site` switches to a complete build in one step, or not at all.

Fast tests drive hulproute.site_swap with a stand-in build step (a function that writes files,
or fails); one test stops the real build script with SIGTERM half-way through.
"""
from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hulproute import site_swap
from hulproute.errors import SiteError
from tests.conftest import ROOT, write_fixture_config


def writer(text: str):
    def build(target: Path) -> None:
        (target / "sub").mkdir()
        (target / "index.html").write_text(text, encoding="utf-8")
        (target / "sub" / "page.html").write_text(text, encoding="utf-8")
    return build


def failing(exc: BaseException):
    def build(target: Path) -> None:
        (target / "half.html").write_text("half", encoding="utf-8")
        raise exc
    return build


def served(site: Path) -> str:
    return (site / "index.html").read_text(encoding="utf-8")


def test_first_and_next_builds_switch_the_link(tmp_path):
    site = tmp_path / "site"
    first = site_swap.build_atomically(site, writer("one"))
    assert site.is_symlink() and served(site) == "one"
    assert not os.path.isabs(os.readlink(site)), "a relative link keeps working when the folder moves"
    second = site_swap.build_atomically(site, writer("two"))
    assert served(site) == "two" and site.resolve() == second
    assert not first.exists(), "the previous build is removed once the new one is live"
    assert [p.name for p in site_swap.builds_dir(site).iterdir()] == [second.name]


def test_the_old_site_is_served_while_the_new_one_is_built(tmp_path):
    site = tmp_path / "site"
    site_swap.build_atomically(site, writer("old"))

    def build(target: Path) -> None:
        writer("new")(target)
        assert served(site) == "old", "until the new build is complete, readers get the old one"

    site_swap.build_atomically(site, build)
    assert served(site) == "new"


@pytest.mark.parametrize("exc", [RuntimeError("boom"), SiteError("bad data", "fix it"), SystemExit(143), KeyboardInterrupt()],
                         ids=["bug", "bad-input", "sigterm", "ctrl-c"])
def test_a_failed_build_leaves_the_site_byte_identical_and_no_leftovers(tmp_path, exc):
    site = tmp_path / "site"
    live = site_swap.build_atomically(site, writer("good"))
    before = {p: p.read_bytes() for p in live.rglob("*") if p.is_file()}
    with pytest.raises(type(exc)):
        site_swap.build_atomically(site, failing(exc))
    assert site.resolve() == live
    assert {p: p.read_bytes() for p in live.rglob("*") if p.is_file()} == before
    assert list(site_swap.builds_dir(site).iterdir()) == [live]


def test_a_plain_site_folder_from_the_old_layout_is_replaced_in_one_step(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("legacy", encoding="utf-8")
    site_swap.build_atomically(site, writer("new"))
    assert site.is_symlink() and served(site) == "new"
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".site-builds")) == [".site.lock", "site"]


def test_leftovers_of_stopped_builds_are_removed(tmp_path):
    site = tmp_path / "site"
    live = site_swap.build_atomically(site, writer("good"))
    stale = site_swap.builds_dir(site) / "20260101T000000-1"
    stale.mkdir()
    (stale / "big.html").write_text("x" * 1000, encoding="utf-8")
    old_layout = tmp_path / ".site-build-abc123"
    old_layout.mkdir()
    (tmp_path / "site.old").mkdir()
    newest = site_swap.build_atomically(site, writer("next"))
    assert not stale.exists() and not old_layout.exists() and not (tmp_path / "site.old").exists()
    assert not live.exists() and site.resolve() == newest


def test_two_builds_cannot_race(tmp_path):
    site = tmp_path / "site"
    with site_swap.build_lock(site):
        with pytest.raises(SiteError) as caught:
            site_swap.build_atomically(site, writer("second"))
    assert "another build" in str(caught.value) and f"pid {os.getpid()}" in str(caught.value)
    assert not site.exists()


def test_a_web_server_running_as_another_user_can_read_the_site(tmp_path):
    site = tmp_path / "site"
    old_umask = os.umask(0o077)
    try:
        live = site_swap.build_atomically(site, writer("x"))
    finally:
        os.umask(old_umask)
    for path in [live, site_swap.builds_dir(site), *live.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o755 if path.is_dir() else 0o644), (path, oct(mode))


def test_sigterm_stops_the_real_build_cleanly(tmp_path):
    """`kill` of a running build (a CI time-out, a second deploy) leaves the old site and no folder."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous site", encoding="utf-8")
    config = write_fixture_config(tmp_path, site)
    process = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "build_site.py"), "--config", str(config),
                                "--site-dir", str(site)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    builds = site_swap.builds_dir(site)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not any(builds.glob("*/index.html")):
        time.sleep(0.2)
    assert any(builds.glob("*/index.html")), "the build should have started writing pages"
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 128 + signal.SIGTERM, stderr
    assert "Traceback" not in stderr
    assert served(site) == "previous site" and not site.is_symlink()
    assert not list(builds.glob("*")), "the unfinished build folder is removed"
