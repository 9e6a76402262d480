"""What the build writes for web hosts (hulproute/hosting.py) and the redirect list's checks."""
from __future__ import annotations

import gzip
import os
import re
import shutil
from pathlib import Path

import pytest

from hulproute import csp, hosting, theme_assets
from hulproute.errors import DataError, SiteError
from hulproute.loader import load_site_data
from hulproute.schema import Redirect

PAGE = '<!doctype html><html><head><meta charset="utf-8"><script>{}</script></head><body></body></html>'
POLICY = hosting.Policy(csp.site_policy([PAGE.format("var a = 1;")]))
LANGUAGES = load_site_data().language_codes


def redirect(source: str, target: str) -> Redirect:
    return Redirect.model_validate({"from": source, "to": target})


# -- one policy for the meta tag and the headers ---------------------------------------------------

def test_every_page_gets_the_same_policy_and_the_trimmed_stylesheets_inline(tmp_path):
    material = theme_assets.material_stylesheet(theme_assets.MATERIAL_SITE)
    styles = tmp_path / "assets" / "stylesheets"
    styles.mkdir(parents=True)
    shutil.copy(material, styles)
    (styles / "hulproute.css").write_text(".hr-used{color:red}.hr-unused{color:blue}", encoding="utf-8")
    ours = '<link rel="stylesheet" href="../assets/stylesheets/hulproute.css">'
    links = f'<link rel="stylesheet" href="../assets/stylesheets/{material.name}"><meta name="x">{ours}'
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.html").write_text(
        PAGE.format("var a = 1;").replace("</head>", links + "</head>").replace("<body>", '<body><p class="hr-used md-typeset">'),
        encoding="utf-8")
    (tmp_path / "b.html").write_text(PAGE.format("var b = 2;").replace("</head>", ours + "</head>"),
                                     encoding="utf-8")  # ours alone, as the printable materials link it
    (tmp_path / "404.html").write_text(PAGE.format("").replace("</head>", links.replace('"../', '"/') + "</head>"),
                                       encoding="utf-8")  # from the root, as the 404 pages link them
    policy = hosting.finish_pages(tmp_path)
    pages = {p.name: p.read_text(encoding="utf-8") for p in tmp_path.rglob("*.html")}
    assert {csp.meta_policy(html) for html in pages.values()} == {policy}
    for script in ("var a = 1;", "var b = 2;", ""):
        assert csp.inline_script_hashes(PAGE.format(script))[0] in policy
    # Both sheets are inside the page, Material's first, right after the charset and the policy
    # (so all pages begin alike, for SharedStartGzip); Material's file is gone.
    assert [p.name for p in styles.iterdir()] == ["hulproute.css"]
    [style] = re.findall(r"<style>(.*?)</style>", pages["a.html"], re.S)
    assert "<link" not in pages["a.html"]
    assert re.search(r'<meta charset="utf-8">\s*<meta http-equiv="Content-Security-Policy" content="[^"]*"><style>',
                     pages["a.html"])
    for name in ("a.html", "404.html"):
        page = next(tmp_path.rglob(name))
        assert gzip.decompress(page.with_name(name + ".gz").read_bytes()) == page.read_bytes()
    assert style.endswith(".hr-used{color:red}") and ".hr-unused" not in style and ".md-typeset" in style
    assert 0 < len(style) < material.stat().st_size / 4
    assert csp.source_hash(style) in policy.split("style-src", 1)[1].split(";")[0]
    assert "<style>" not in pages["b.html"] and ours in pages["b.html"]
    assert f"<style>{style}</style>" in pages["404.html"] and "<link" not in pages["404.html"]


def test_pages_are_finished_as_new_files_and_another_processs_folders_left_alone(tmp_path):
    """The search index reads hard links of the pages while they are finished (hooks/search.py):
    what it reads must stay the page as built, and its own folders must not be touched."""
    site_with_both_stylesheets(tmp_path)
    page = tmp_path / "a.html"
    page.write_text(PAGE.format("var a = 1;"), encoding="utf-8")
    (tmp_path / "_search-input").mkdir()
    os.link(page, tmp_path / "_search-input" / "a.html")
    (tmp_path / "pagefind").mkdir()
    (tmp_path / "pagefind" / "pagefind.js").write_text("x" * 2000, encoding="utf-8")
    hosting.finish_pages(tmp_path, elsewhere=("_search-input", "pagefind"))
    hosting.precompress(tmp_path, elsewhere=("_search-input", "pagefind"))
    assert csp.meta_policy(page.read_text(encoding="utf-8"))
    assert (tmp_path / "_search-input" / "a.html").read_text(encoding="utf-8") == PAGE.format("var a = 1;")
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")
                  if p.is_file() and "assets" not in p.parts) == [
        "_search-input/a.html", "a.html", "a.html.gz", "pagefind/pagefind.js"]


def test_reading_pages_get_a_stylesheet_of_their_own_with_only_what_they_and_their_scripts_use(tmp_path):
    site_with_both_stylesheets(tmp_path)
    (tmp_path / "assets" / "stylesheets" / "hulproute.css").write_text(
        ".hr-read{color:red}.hr-tool{color:blue}.hr-from-script{color:green}.hr-poster{color:gray}", encoding="utf-8")
    scripts = tmp_path / "assets" / "javascripts"
    scripts.mkdir(parents=True)
    (scripts / "hulproute-tool.js").write_text("el.className = 'hr-from-script';", encoding="utf-8")
    material = next((tmp_path / "assets" / "stylesheets").glob("main.*.min.css")).name
    links = (f'<link rel="stylesheet" href="/assets/stylesheets/{material}">'
             '<link rel="stylesheet" href="/assets/stylesheets/hulproute.css">')
    def page(path: str, body: str, script: str = "") -> Path:
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(PAGE.format("").replace("</head>", links + script + "</head>").replace("<body>", f"<body>{body}"),
                          encoding="utf-8")
        return target
    reading = [page("signalen/partnergeweld/index.html", '<p class="hr-read">'),
               page("ar/rechten/opvang/index.html", '<p class="hr-read">')]
    other = page("hulp-zoeken/index.html", '<p class="hr-tool">',
                 '<script src="../assets/javascripts/hulproute-tool.js" defer></script>')
    poster = tmp_path / "voor-organisaties" / "x" / "index.html"  # links ours alone: keeps its link
    poster.parent.mkdir(parents=True)
    poster.write_text(PAGE.format("").replace("</head>", '<link rel="stylesheet" href="/assets/stylesheets/hulproute.css"></head>')
                      .replace("<body>", '<body><p class="hr-poster">'), encoding="utf-8")
    policy = hosting.finish_pages(tmp_path, group_of=hosting.style_groups(load_site_data()))
    style = {path: re.findall(r"<style>(.*?)</style>", path.read_text(encoding="utf-8"), re.S) for path in [*reading, other]}
    assert style[reading[0]] == style[reading[1]], "one stylesheet for every reading page, in every language"
    [read], [tool] = style[reading[0]], style[other]
    assert ".hr-read" in read and ".hr-tool" not in read and ".hr-from-script" not in read
    assert ".hr-tool" in tool and ".hr-from-script" in tool and ".hr-read" not in tool
    assert ".hr-poster" not in read + tool, "the printable materials' names stay out of the inline stylesheets"
    allowed = policy.split("style-src", 1)[1].split(";")[0]
    assert csp.source_hash(read) in allowed and csp.source_hash(tool) in allowed
    assert {csp.meta_policy(p.read_text(encoding="utf-8")) for p in [*reading, other, poster]} == {policy}


def test_indentation_between_tags_goes_and_raw_text_stays():
    page = ("<div>\n    <p>a</p>\n\n  <span>b</span> <span>c</span>\n<pre>\n   kept\n  </pre>"
            "<textarea>\n  <b>kept</b>\n</textarea><script>\n  var kept;\n</script>\n  </div>")
    assert hosting.without_indentation(page) == (
        "<div>\n<p>a</p>\n<span>b</span> <span>c</span>\n<pre>\n   kept\n  </pre>"
        "<textarea>\n  <b>kept</b>\n</textarea><script>\n  var kept;\n</script>\n</div>")


def site_with_both_stylesheets(site: Path) -> Path:
    """A site folder with Material's stylesheet and ours (a one-rule stand-in); Material's path."""
    material = theme_assets.material_stylesheet(theme_assets.MATERIAL_SITE)
    (site / "assets" / "stylesheets").mkdir(parents=True)
    shutil.copy(material, site / "assets" / "stylesheets")
    (site / "assets" / "stylesheets" / "hulproute.css").write_text("p{}", encoding="utf-8")
    return material


@pytest.mark.parametrize("tag, problem", [
    ('<link rel="stylesheet" href="assets/stylesheets/{}">', "expected Material's stylesheet link, then ours"),
    ('<link rel="preload" as="style" href="assets/stylesheets/{}">', "names Material's stylesheet in a form the build does not inline"),
])
def test_a_page_that_would_lose_materials_stylesheet_is_named(tmp_path, tag, problem):
    material = site_with_both_stylesheets(tmp_path)
    (tmp_path / "odd.html").write_text(PAGE.format("").replace("</head>", tag.format(material.name) + "</head>"),
                                       encoding="utf-8")
    for name in ("a.html", "b.html", "c.html"):  # the odd page is written by the second process
        (tmp_path / name).write_text(PAGE.format(""), encoding="utf-8")
    with pytest.raises(SiteError, match=rf"odd\.html: {re.escape(problem)}") as raised:
        hosting.finish_pages(tmp_path)
    assert "hulproute.css" in raised.value.fix and "Traceback" not in str(raised.value)


def test_header_adds_frame_ancestors_and_hsts_only_for_https():
    assert POLICY.csp_header == POLICY.csp_meta + "; frame-ancestors 'none'"
    assert "Strict-Transport-Security" not in POLICY.headers(https=False)
    assert POLICY.headers(https=True)["Strict-Transport-Security"].startswith("max-age=")


@pytest.mark.parametrize("path, expected", [
    ("assets/javascripts/bundle.a5f9d56c.min.js", hosting.CACHE_FOREVER),
    ("/assets/stylesheets/main.57a0d79d.min.css", hosting.CACHE_FOREVER),
    ("assets/javascripts/hulproute-exit.js", hosting.CACHE_SHORT),
    ("assets/stylesheets/hulproute.css", hosting.CACHE_SHORT),
    ("assets/hulproute/locaties.json", hosting.CACHE_SHORT),
    ("assets/javascripts/lunr/min/lunr.nl.min.js", hosting.CACHE_SHORT),
    ("/gemeente/amsterdam/", hosting.CACHE_PAGES),
    ("ar/404.html", hosting.CACHE_PAGES),
])
def test_only_fingerprinted_assets_are_cached_forever(path, expected):
    assert hosting.cache_control(path) == expected


# -- Netlify / Cloudflare Pages ------------------------------------------------------------------

def test_headers_file_has_every_header_on_everything_and_cache_per_asset():
    text = hosting.render_headers_file(POLICY, ["assets/javascripts/bundle.a5f9d56c.min.js",
                                                "assets/javascripts/hulproute-exit.js"])
    blocks = {}
    for line in text.splitlines():
        if line.startswith("/"):
            current = blocks.setdefault(line, {})
        elif line.startswith("  "):
            name, value = line.strip().split(": ", 1)
            current[name] = value
    assert blocks["/*"] == POLICY.headers(https=True)
    assert "Cache-Control" not in blocks["/*"]  # hosts join the values of every matching rule
    assert blocks["/assets/javascripts/bundle.a5f9d56c.min.js"] == {"Cache-Control": hosting.CACHE_FOREVER}
    assert blocks["/assets/javascripts/hulproute-exit.js"] == {"Cache-Control": hosting.CACHE_SHORT}


def test_redirects_file_has_redirects_first_then_each_languages_404():
    lines = [line for line in hosting.render_redirects_file(
        [redirect("/oud/", "/gemeente/amsterdam/")], LANGUAGES).splitlines() if not line.startswith("#")]
    assert lines[:2] == ["/oud/ /gemeente/amsterdam/ 301", "/oud /gemeente/amsterdam/ 301"]
    assert lines[2:] == [f"/{code}/* /{code}/404.html 404" for code in LANGUAGES[1:]] + ["/* /404.html 404"]


def test_empty_redirect_list_gives_only_the_404_rules():
    lines = hosting.render_redirects_file([], LANGUAGES).splitlines()
    assert [line for line in lines if line.endswith(" 301")] == []


# -- nginx -----------------------------------------------------------------------------------------

def test_every_nginx_location_sets_every_header():
    """nginx drops server-level add_header in a location with its own: each location has all."""
    conf = hosting.render_nginx_server(POLICY, [redirect("/oud/", "/gemeente/amsterdam/")], LANGUAGES)
    locations = conf.split("location ")[1:]
    # /, /assets/, fingerprinted files, /pagefind/, _deploy; one per other language; 2 for the redirect.
    assert len(locations) == 5 + (len(LANGUAGES) - 1) + 2
    for block in locations:
        for name in [*POLICY.headers(https=False), "Strict-Transport-Security", "Cache-Control"]:
            assert f"add_header {name} " in block, (name, block.splitlines()[0])
    for code in LANGUAGES[1:]:
        assert f"error_page 404 /{code}/404.html;" in conf
    assert "location = /oud/ {" in conf and "return 301 /gemeente/amsterdam/;" in conf
    assert "gzip_static on;" in conf


def test_nginx_config_refuses_a_value_it_cannot_quote():
    with pytest.raises(ValueError, match="nginx"):
        hosting.render_nginx_server(hosting.Policy("default-src 'none'; x $uri"), [], LANGUAGES)


# -- precompression ----------------------------------------------------------------------------

def test_precompressed_files_are_reproducible_and_keep_the_mtime(tmp_path):
    page = tmp_path / "index.html"
    page.write_text("<p>hulp</p>" * 200, encoding="utf-8")
    tiny = tmp_path / "tiny.txt"
    tiny.write_text("x", encoding="utf-8")
    image = tmp_path / "logo.png"
    image.write_bytes(b"\x89PNG" * 100)
    os.utime(page, (1_700_000_000, 1_700_000_000))
    assert hosting.precompress(tmp_path) == 1
    packed = (tmp_path / "index.html.gz").read_bytes()
    assert gzip.decompress(packed) == page.read_bytes()
    assert packed[4:8] == b"\0\0\0\0"  # no timestamp in the gzip header
    assert (tmp_path / "index.html.gz").stat().st_mtime == page.stat().st_mtime
    assert not (tmp_path / "tiny.txt.gz").exists()  # would be larger than the file
    assert not (tmp_path / "logo.png.gz").exists()
    hosting.precompress(tmp_path)
    assert (tmp_path / "index.html.gz").read_bytes() == packed


def test_pages_that_begin_alike_are_compressed_exactly_as_gzip_would():
    shared = "<!doctype html><style>" + "".join(f".c{n}{{color:#{n:06x}}}" for n in range(3000)) + "</style>"
    compressor = hosting.SharedStartGzip()
    for body in ("<p>een</p>" * 50, "<p>twee</p>", ""):
        page = (shared + body).encode("utf-8")
        assert compressor.compress(page, len(shared)) == gzip.compress(page, compresslevel=9, mtime=0)


# -- data/redirects.yaml ---------------------------------------------------------------------------

def problems_for(data_copy, entries: str) -> list[str]:
    (data_copy / "redirects.yaml").write_text(f"redirects:\n{entries}", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_site_data(data_copy)
    return [str(p) for p in caught.value.problems]


def test_real_redirect_list_is_valid_and_may_be_empty(data_copy):
    (data_copy / "redirects.yaml").write_text("redirects: []\n", encoding="utf-8")
    assert load_site_data(data_copy).redirects == []
    assert isinstance(load_site_data().redirects, list)


@pytest.mark.parametrize("value", ["https://hulproute.nl/oud/", "oud/", "/oud/?q=1", "/oud/#a", "//oud/",
                                   "/a/../b/", "/o ud/"])
def test_redirect_path_must_be_a_site_path(data_copy, value):
    problems = problems_for(data_copy, f"  - from: '{value}'\n    to: /gemeente/amsterdam/\n")
    assert len(problems) == 1
    assert problems[0].startswith(f"data/redirects.yaml: record #1 ({value}), field 'from': '{value}' is not a path")
    assert "fix: write it from the site root" in problems[0]


def test_redirect_needs_both_fields_and_no_others(data_copy):
    problems = problems_for(data_copy, "  - from: /oud/\n    naar: /nieuw/\n")
    assert any("field 'to': is missing" in p for p in problems)
    assert any("field 'naar': is not a known field" in p and "allowed fields: from, to" in p for p in problems)


def test_redirect_to_itself_twice_or_in_a_chain_is_refused(data_copy):
    problems = problems_for(data_copy, "  - {from: /a/, to: /a}\n  - {from: /b/, to: /c/}\n"
                                       "  - {from: /b, to: /d/}\n  - {from: /c/, to: /e/}\n")
    assert any("#1 (/a/), field 'to': '/a/' redirects to itself" in p for p in problems)
    assert any("#3 (/b), field 'from': '/b' is redirected twice (first at #2 (/b/))" in p for p in problems)
    assert any("#2 (/b/), field 'to': '/c/' is itself redirected (to /e/)" in p
               and "fix: point 'to' straight at the final page" in p for p in problems)


def test_redirect_must_not_hide_a_page_and_must_reach_one(fixture_site):
    hosting.check_redirects([redirect("/oud/", "/gemeente/amsterdam/")], fixture_site)
    with pytest.raises(DataError) as caught:
        hosting.check_redirects([redirect("/gemeente/amsterdam/", "/gemeente/"),
                                 redirect("/oud/", "/gemeente/bestaat-niet/")], fixture_site)
    problems = [str(p) for p in caught.value.problems]
    assert len(problems) == 2
    assert problems[0].startswith("data/redirects.yaml: record #1 (/gemeente/amsterdam/), field 'from': "
                                  "'/gemeente/amsterdam/' is a page of the site")
    assert problems[1].startswith("data/redirects.yaml: record #2 (/oud/), field 'to': "
                                  "'/gemeente/bestaat-niet/' is not a page")


def test_build_stops_on_a_redirect_to_a_missing_page_without_traceback(tmp_path, data_copy):
    from tests.conftest import write_fixture_config
    from tests.test_build_safety import mkdocs_build

    (data_copy / "redirects.yaml").write_text("redirects:\n  - {from: /oud/, to: /gemeente/weg/}\n", encoding="utf-8")
    result = mkdocs_build(write_fixture_config(tmp_path, tmp_path / "site", data_dir=data_copy))
    assert result.returncode != 0
    assert "data/redirects.yaml: record #1 (/oud/), field 'to': '/gemeente/weg/' is not a page" in result.stderr
    assert "Traceback" not in result.stderr
