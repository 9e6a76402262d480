"""The fixture site served by Debian's nginx with the deployed config (deploy/nginx/hulproute.conf
plus what the build generates): the headers a meta tag cannot set, gzip_static, each language's
404 page and redirects, as a browser or crawler receives them."""
from __future__ import annotations

import gzip
import http.client
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from hulproute import csp, hosting
from hulproute.loader import load_site_data
from hulproute.schema import Redirect
from tests.browser_support import NginxServer
from tests.helpers import html_lang_dir

DATA = load_site_data()
LANGUAGES = DATA.language_codes
REDIRECT = Redirect.model_validate({"from": "/oude-pagina/", "to": "/gemeente/amsterdam/"})


def prefix(language: str) -> str:
    return "" if language == DATA.default_language else f"/{language}"


@pytest.fixture(scope="module")
def policy(fixture_site: Path) -> hosting.Policy:
    """The policy as the pages carry it (read back from the built home page)."""
    return hosting.Policy(csp.meta_policy((fixture_site / "index.html").read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def nginx(fixture_site: Path, tmp_path_factory) -> str:
    """nginx serving the fixture site exactly as built (its generated _deploy/nginx/ config)."""
    with NginxServer(fixture_site, tmp_path_factory.mktemp("nginx")) as server:
        yield server.origin


@pytest.fixture(scope="module")
def nginx_redirecting(fixture_site: Path, policy, tmp_path_factory) -> str:
    """The same site with the config generated from a redirect list (as data/redirects.yaml gives)."""
    hosting.check_redirects([REDIRECT], fixture_site)
    generated = tmp_path_factory.mktemp("generated")
    (generated / "http.conf").write_text(hosting.render_nginx_http(policy), encoding="utf-8")
    (generated / "server.conf").write_text(hosting.render_nginx_server(policy, [REDIRECT], LANGUAGES),
                                           encoding="utf-8")
    with NginxServer(fixture_site, tmp_path_factory.mktemp("nginx-redirects"), generated) as server:
        yield server.origin


def get(origin: str, path: str, **headers: str) -> tuple[http.client.HTTPResponse, bytes]:
    """One request, no redirect followed, nothing decoded: the raw response."""
    connection = http.client.HTTPConnection(urlsplit(origin).netloc, timeout=10)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def text_of(response: http.client.HTTPResponse, body: bytes) -> str:
    data = gzip.decompress(body) if response.getheader("Content-Encoding") == "gzip" else body
    return data.decode("utf-8")


def asset(site: Path, pattern: str) -> str:
    return "/" + next(site.glob(pattern)).relative_to(site).as_posix()


@pytest.fixture(scope="module")
def kinds(fixture_site: Path) -> dict[str, tuple[str, int, str]]:
    """path, status and Cache-Control of each kind of response."""
    return {
        "page": ("/gemeente/amsterdam/", 200, hosting.CACHE_PAGES),
        # The printable materials' stylesheet (every other page has its styles inside).
        "own stylesheet": ("/assets/stylesheets/hulproute.css", 200, hosting.CACHE_SHORT),
        "own asset": ("/assets/javascripts/hulproute-exit.js", 200, hosting.CACHE_SHORT),
        "location data": ("/assets/hulproute/locaties.json", 200, hosting.CACHE_SHORT),
        "search script": ("/pagefind/pagefind.js", 200, hosting.CACHE_SHORT),
        "search index": (asset(fixture_site, "pagefind/wasm.nl.pagefind"), 200, hosting.CACHE_SHORT),
        "404": ("/bestaat-niet/", 404, hosting.CACHE_PAGES),
        "language 404": ("/ar/bestaat-niet/", 404, hosting.CACHE_PAGES),
        "redirect": (REDIRECT.from_, 301, hosting.CACHE_SHORT),
    }


@pytest.mark.parametrize("kind", ["page", "own stylesheet", "own asset",
                                  "location data", "search script", "search index", "404", "language 404", "redirect"])
def test_every_response_has_the_security_and_cache_headers(nginx_redirecting, policy, kinds, kind):
    path, status, cache = kinds[kind]
    response, _ = get(nginx_redirecting, path, **{"Accept-Encoding": "gzip"})
    assert response.status == status
    for name, value in policy.headers(https=False).items():
        assert response.getheader(name) == value, name
    assert response.getheader("Cache-Control") == cache
    # Over plain http no HSTS (a browser would ignore it; deploy/nginx sends it on https only).
    assert response.getheader("Strict-Transport-Security") is None
    assert response.getheader("Set-Cookie") is None


@pytest.mark.parametrize("path", ["/", "/ar/", "/gemeente/de-ronde-venen/", "/en/hulp-zoeken/", "/pl/bestaat-niet/"])
def test_header_csp_is_the_meta_csp_plus_frame_ancestors(nginx, path):
    response, body = get(nginx, path)
    meta = csp.meta_policy(text_of(response, body))
    assert meta and "frame-ancestors" not in meta  # not allowed in a meta tag
    header = response.getheader("Content-Security-Policy")
    assert header == f"{meta}; frame-ancestors 'none'"
    assert "unsafe-inline" not in header and "default-src 'none'" in header


@pytest.mark.parametrize("path, file", [
    ("/gemeente/amsterdam/", "gemeente/amsterdam/index.html"),
    ("/ar/", "ar/index.html"),
    ("/assets/hulproute/locaties.json", "assets/hulproute/locaties.json"),
    ("/assets/javascripts/hulproute-exit.js", "assets/javascripts/hulproute-exit.js"),
    ("/pagefind/pagefind.js", "pagefind/pagefind.js"),
    ("/sitemap.xml", "sitemap.xml"),
])
def test_precompressed_file_is_sent_to_a_browser_that_accepts_gzip(nginx, fixture_site, path, file):
    original = (fixture_site / file).read_bytes()
    response, body = get(nginx, path, **{"Accept-Encoding": "gzip, deflate, br"})
    assert response.status == 200
    assert response.getheader("Content-Encoding") == "gzip"
    assert response.getheader("Vary") == "Accept-Encoding"
    assert body == (fixture_site / (file + ".gz")).read_bytes()  # the build's file, not compressed on the fly
    assert gzip.decompress(body) == original
    plain, plain_body = get(nginx, path)
    assert plain.getheader("Content-Encoding") is None and plain_body == original


def test_a_stylesheet_is_also_precompressed(nginx, fixture_site, kinds):
    path = kinds["own stylesheet"][0]
    response, body = get(nginx, path, **{"Accept-Encoding": "gzip"})
    assert response.getheader("Content-Encoding") == "gzip"
    assert gzip.decompress(body) == (fixture_site / path.lstrip("/")).read_bytes()


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_its_own_404_page(nginx, language):
    for path in (f"{prefix(language)}/bestaat-niet/", f"{prefix(language)}/gemeente/bestaat-niet/"):
        response, body = get(nginx, path, **{"Accept-Encoding": "gzip"})
        assert response.status == 404, path
        assert html_lang_dir(text_of(response, body))[0] == language, path


def test_directory_address_without_slash_gets_the_slash(nginx):
    response, _ = get(nginx, "/en/gemeente/amsterdam")
    assert response.status == 301
    assert response.getheader("Location") == "/en/gemeente/amsterdam/"


def test_redirect_from_the_list_is_permanent_with_and_without_slash(nginx_redirecting):
    for source in (REDIRECT.from_, REDIRECT.from_.rstrip("/")):
        response, _ = get(nginx_redirecting, source)
        assert response.status == 301, source
        assert response.getheader("Location") == REDIRECT.to
    target, body = get(nginx_redirecting, REDIRECT.to)
    assert target.status == 200 and "Amsterdam" in text_of(target, body)


def test_generated_server_config_is_not_served(nginx):
    response, _ = get(nginx, f"/{hosting.NGINX_DIR}/server.conf")
    assert response.status == 404
