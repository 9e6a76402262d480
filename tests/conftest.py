"""Shared fixtures: a private copy of data/ to break, and site builds shared per test session."""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any, Callable

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FIXTURE_MUNICIPALITIES = ("GM0736", "GM0363")  # De Ronde Venen (no local team), Amsterdam (pilot)
# The fixture site's quick exit leads where the real one does; in the browser tests Chromium
# answers that address itself with a neutral stand-in (no request leaves this machine).
FIXTURE_EXIT_URL = "https://www.knmi.nl/"
NEUTRAL_PAGE = "<!doctype html><html lang='en'><title>Weather</title><p>Weather</p></html>"

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
                         exit_url: str | None = None, docs_dir: Path = ROOT / "docs") -> Path:
    """An mkdocs.yml that inherits the real one but builds only a few municipality pages."""
    config = directory / "mkdocs.fixture.yml"
    only = ", ".join(municipalities)
    exit_url = exit_url or FIXTURE_EXIT_URL
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


def built_once_per_run(tmp_path_factory: pytest.TempPathFactory, worker_id: str, name: str,
                       build: Callable[[Path], None]) -> Path:
    """A site built once per test run: with xdist's workers, the first to need it builds it and
    the others wait for it and read it. A run's workers share the parent of their temporary
    folders; a run without workers uses its own (that parent holds earlier runs' sites)."""
    import fcntl

    shared = tmp_path_factory.getbasetemp() if worker_id == "master" else tmp_path_factory.getbasetemp().parent
    site = shared / name / "site"
    site.parent.mkdir(parents=True, exist_ok=True)
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (site / "index.html").is_file():
            build(site)
    return site


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The fixture site: 2 municipalities x all languages, built once per test run, for the
    file tests and the browser tests alike."""
    from tests.helpers import build_atomically

    def build(site: Path) -> None:
        build_atomically(write_fixture_config(site.parent, site), site)

    return built_once_per_run(tmp_path_factory, worker_id, "fixture-site", build)


@pytest.fixture(scope="session")
def full_site(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The complete site (every municipality x every language), built once per test run."""
    from tests.helpers import build_atomically

    return built_once_per_run(tmp_path_factory, worker_id, "full-site",
                              lambda site: build_atomically(ROOT / "mkdocs.yml", site))


# ---- browser tests (Playwright + Debian's Chromium) share the fixture site ------------------------

@pytest.fixture(scope="session")
def browser_site(fixture_site: Path) -> tuple[Path, str]:
    """(site folder, exit url): the fixture site and the address its quick exit leads to."""
    return fixture_site, FIXTURE_EXIT_URL


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


class ExitAnsweringBrowser:
    """Debian's Chromium, each of whose new contexts answers the quick exit's origin itself: the
    neutral page at the exit address, 404 for anything else there (a favicon). The exit still
    goes to another origin, as on the real site, and nothing leaves this machine."""

    def __init__(self, browser: Any) -> None:
        self._browser = browser

    def new_context(self, **options: Any) -> Any:
        context = self._browser.new_context(**options)
        context.route(re.compile("^" + re.escape(FIXTURE_EXIT_URL.rstrip("/")) + "/"), _answer_exit_origin)
        return context

    def __getattr__(self, name: str) -> Any:
        return getattr(self._browser, name)


def _answer_exit_origin(route: Any) -> None:
    if route.request.url == FIXTURE_EXIT_URL:
        route.fulfill(status=200, content_type="text/html; charset=utf-8", body=NEUTRAL_PAGE)
    else:
        route.fulfill(status=404, body="")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    from hulproute.browser import CHROMIUM_ARGS, chromium_path

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield ExitAnsweringBrowser(launched)
        launched.close()


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport={"width": 360, "height": 640}, has_touch=True)
    yield ctx
    ctx.close()


# ---- parallel runs (pytest-xdist, `-n auto --dist loadfile` in pyproject.toml) ----------------------
# Each test module runs on one worker, so a module's own site build happens once; the fixture site
# and the complete site are shared by the workers (built_once_per_run). xdist's `loadgroup` cannot
# be used: pytest-xdist 3.8 renames node ids through an attribute pytest 9 no longer reads, so its
# groups are silently ignored.

def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The long modules first, so that the workers end together on short ones: xdist hands out
    whole files in collection order (`--dist loadfile`), and a long file last keeps one core
    busy while the other waits. First of all one module that needs the complete site, so that
    its build starts at once; the other such modules come later and find it built."""
    first_full_site = next((item.module.__name__ for item in items if "full_site" in item.fixturenames), None)

    def weight(item: pytest.Item) -> int:
        if item.module.__name__ == first_full_site:
            return 0
        return 1 if item.get_closest_marker("browser") else 2

    items.sort(key=weight)  # stable: each group keeps the collection order
