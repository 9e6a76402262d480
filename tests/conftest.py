"""Shared fixtures: a private copy of data/ to break, and site builds shared per test session."""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FIXTURE_MUNICIPALITIES = ("GM0736", "GM0363")  # De Ronde Venen (no local team), Amsterdam (pilot)

# The hook list of mkdocs.yml (its paths are relative to it, so a fixture config lists them absolute).
HOOKS = re.findall(r"^  - hooks/(\S+\.py)$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the real data, for tests that break one thing at a time."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def write_fixture_config(directory: Path, site_dir: Path, data_dir: Path = DATA,
                         municipalities: tuple[str, ...] = FIXTURE_MUNICIPALITIES,
                         exit_url: str = "https://www.knmi.nl/", docs_dir: Path = ROOT / "docs") -> Path:
    """An mkdocs.yml that inherits the real one but builds only a few municipality pages."""
    config = directory / "mkdocs.fixture.yml"
    only = ", ".join(municipalities)
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\n"
        f"docs_dir: {docs_dir}\n"
        f"site_dir: {site_dir}\n"
        "theme:\n  name: material\n"
        f"  custom_dir: {ROOT / 'overrides'}\n"
        "extra:\n  hulproute:\n"
        f"    data_dir: {data_dir}\n"
        f"    only_municipalities: [{only}]\n"
        f"    exit_url: {exit_url}\n"
        "hooks:\n" + "".join(f"  - {ROOT / 'hooks' / name}\n" for name in HOOKS),
        encoding="utf-8",
    )
    return config


@pytest.fixture(scope="session")
def neutral_exit_url(tmp_path_factory: pytest.TempPathFactory):
    """The quick exit's neutral page on its own loopback origin, so browser tests can follow the
    exit without leaving this machine: the fixture site is built pointing at it."""
    from tests.browser_support import LocalServer

    neutral = tmp_path_factory.mktemp("neutral")
    (neutral / "index.html").write_text(
        "<!doctype html><html lang='en'><title>Weather</title><p>Weather</p></html>", encoding="utf-8")
    with LocalServer(neutral) as neutral_server:
        yield neutral_server.origin + "/"


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory, neutral_exit_url: str) -> Path:
    """The fixture site: 2 municipalities x all languages, built once per test session (per
    xdist worker), for the file tests and the browser tests alike."""
    from tests.helpers import build_atomically

    work = tmp_path_factory.mktemp("fixture-site")
    site = work / "site"
    build_atomically(write_fixture_config(work, site, exit_url=neutral_exit_url), site)
    return site


@pytest.fixture(scope="session")
def full_site(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The complete site (every municipality x every language), built once per test run: with
    xdist's workers, the first to need it builds it and the others wait for it and read it."""
    import fcntl

    from tests.helpers import build_atomically

    # A run's workers share the parent of their own temporary folders; a run without workers
    # has its own folder (the parent would hold earlier runs' sites).
    shared = tmp_path_factory.getbasetemp() if worker_id == "master" else tmp_path_factory.getbasetemp().parent
    site = shared / "full-site" / "site"
    with (shared / "full-site.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (site / "index.html").is_file():
            build_atomically(ROOT / "mkdocs.yml", site)
    return site


# ---- browser tests (Playwright + Debian's Chromium) share one fixture site per session ----------

@pytest.fixture(scope="session")
def browser_site(fixture_site: Path, neutral_exit_url: str) -> tuple[Path, str]:
    """(site folder, exit url): the fixture site and the neutral page its quick exit leads to."""
    return fixture_site, neutral_exit_url


@pytest.fixture(scope="session")
def nginx_server(browser_site, tmp_path_factory):
    """(site origin, exit url): the fixture site through nginx with the deployed config (headers,
    gzip_static, 404 pages), the server readers get."""
    from tests.browser_support import NginxServer

    site, exit_url = browser_site
    with NginxServer(site, tmp_path_factory.mktemp("nginx")) as site_server:
        yield site_server.origin, exit_url


@pytest.fixture(scope="session")
def servers(nginx_server):
    """The site origin and exit url for browser tests: nginx (test_browser_safety.py: both)."""
    return nginx_server


@pytest.fixture(scope="session", params=["test-server", "nginx"])
def both_servers(request, browser_site, nginx_server):
    """The same, through the test server and through nginx: the safety tests run under both
    (tests/test_browser_safety.py), so a header or a 404 rule cannot hide a failure."""
    from tests.browser_support import LocalServer

    site, exit_url = browser_site
    if request.param == "nginx":
        yield nginx_server
        return
    with LocalServer(site) as site_server:
        yield site_server.origin, exit_url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    from hulproute.browser import CHROMIUM_ARGS, chromium_path

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport={"width": 360, "height": 640}, has_touch=True)
    yield ctx
    ctx.close()




# ---- parallel runs (pytest-xdist, `-n auto --dist loadfile` in pyproject.toml) ----------------------
# Each test module runs on one worker, so a module's own site build happens once. (`loadgroup`
# would let the modules that need the complete site share a worker, but pytest-xdist 3.8 cannot
# rename pytest 9's node ids, so its groups are silently ignored: full_site shares the build instead.)
