"""How the built site is served: one policy for the CSP meta, nginx, Netlify and Cloudflare Pages.

Why one module: a header written in two places drifts. After all languages are built, everything a
host needs is generated here from the built site (its inline-script hashes), the site languages and
data/redirects.yaml:
- every page's CSP meta (hulproute.csp) and the same policy as an HTTP header, plus
  frame-ancestors 'none', which a meta tag cannot carry (no framing of the exit and call buttons);
- `_headers` and `_redirects` in the site root (Netlify, Cloudflare Pages);
- `_deploy/nginx/http.conf` and `server.conf`, included by deploy/nginx/hulproute.conf, so nginx
  reads the headers of the very build it serves (reload nginx after each deploy);
- a `.gz` beside every text file (nginx `gzip_static on`): compressed once, at level 9.
"""
from __future__ import annotations

import gzip
import os
import re
import threading
import zlib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Callable

from hulproute import css_trim, csp, forked, preview, redirects, theme_assets
from hulproute.errors import DataError, DataProblem, SiteError
from hulproute.loader import SiteData
from hulproute.schema import Redirect

NGINX_DIR = "_deploy/nginx"
REDIRECTS_FILE = "data/redirects.yaml"
# Material's assets carry their content hash in the name (bundle.a5f9d56c.min.js): safe to keep forever.
FINGERPRINTED = re.compile(r"\.[0-9a-f]{8,}\.min\.(?:js|css)(?:\.map)?$")
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")

CACHE_FOREVER = "public, max-age=31536000, immutable"
# Pages: always revalidate (a 304 is a few hundred bytes), so a corrected number reaches readers at once.
CACHE_PAGES = "no-cache"
# Our own assets keep their name across builds (hulproute-exit.js, locaties.json): short, not forever.
CACHE_SHORT = "public, max-age=300"
HSTS = "max-age=31536000"
# Only features current browsers know: an unknown one (e.g. the withdrawn interest-cohort) makes
# Chromium log an error on every page.
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "browsing-topics", "camera", "display-capture", "geolocation", "gyroscope",
    "magnetometer", "microphone", "payment", "usb",
))


@dataclass(frozen=True)
class Policy:
    """The headers of every response, derived from the CSP that every page's meta carries."""

    csp_meta: str

    @property
    def csp_header(self) -> str:
        return f"{self.csp_meta}; frame-ancestors 'none'"

    def headers(self, https: bool = True) -> dict[str, str]:
        """Security headers for every response (HSTS only where the site is reached over https)."""
        headers = {
            "Content-Security-Policy": self.csp_header,
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
            "Permissions-Policy": PERMISSIONS_POLICY,
            "Cross-Origin-Opener-Policy": "same-origin",
        }
        if https:
            headers["Strict-Transport-Security"] = HSTS
        return headers


def cache_control(path: str) -> str:
    """Cache-Control for a site path (URL path or file path relative to the site root)."""
    if FINGERPRINTED.search(path):
        return CACHE_FOREVER
    if path.endswith(("/", ".html")) or path == "":
        return CACHE_PAGES
    return CACHE_SHORT


# -- redirects ------------------------------------------------------------------------------------

def _page_file(site_dir: Path, path: str) -> Path | None:
    """The file a site path is served from, or None."""
    target = site_dir / path.lstrip("/")
    for candidate in (target / "index.html", target) if not path.endswith("/") else (target / "index.html",):
        if candidate.is_file():
            return candidate
    return None


def check_redirects(redirects: list[Redirect], site_dir: Path) -> None:
    """Against the built site: an old address must not be a page; the new one must be."""
    problems = []
    for index, redirect in enumerate(redirects, 1):
        record = f"#{index} ({redirect.from_})"
        if _page_file(site_dir, redirect.from_):
            problems.append(DataProblem(
                REDIRECTS_FILE, record, "from", f"'{redirect.from_}' is a page of the site; a redirect would hide it",
                "remove this redirect, or remove the page first (URLs are forever: only for a page that was moved)"))
        if not _page_file(site_dir, redirect.to):
            problems.append(DataProblem(
                REDIRECTS_FILE, record, "to", f"'{redirect.to}' is not a page of the built site",
                "write the address of an existing page, from the site root, e.g. /gemeente/amsterdam/"))
    if problems:
        raise DataError(problems)


def _sources(redirect: Redirect) -> list[str]:
    """The old address with and without its trailing slash: both were typed from posters."""
    bare = redirect.from_.rstrip("/")
    return [redirect.from_, bare] if redirect.from_.endswith("/") and bare else [redirect.from_]


# -- Netlify / Cloudflare Pages --------------------------------------------------------------------

GENERATED = "Generated by hulproute/hosting.py at build time; do not edit (change the code or data, rebuild)."


def render_headers_file(policy: Policy, asset_paths: list[str]) -> str:
    """`_headers`: security headers on everything, Cache-Control per asset.

    Both hosts join the values of every rule that matches a path, so Cache-Control is given per
    file (never under /*) to avoid 'no-cache, immutable'. Pages keep the hosts' default, which
    revalidates every time. Both hosts serve only https, so HSTS is included.
    """
    lines = [f"# {GENERATED}", "/*"]
    lines += [f"  {name}: {value}" for name, value in policy.headers(https=True).items()]
    for path in sorted(asset_paths):
        lines += [f"/{path}", f"  Cache-Control: {cache_control(path)}"]
    return "\n".join(lines) + "\n"


def render_redirects_file(redirects: list[Redirect], languages: list[str]) -> str:
    """`_redirects`: old addresses (301), then each language's own 404 page (Netlify syntax).

    Cloudflare Pages does not take 404 rules here (it ignores those lines) but serves the nearest
    404.html up the folder tree, which is the same page.
    """
    lines = [f"# {GENERATED}"]
    lines += [f"{source} {r.to} 301" for r in redirects for source in _sources(r)]
    lines += [f"/{code}/* /{code}/404.html 404" for code in languages[1:]]
    lines += ["/* /404.html 404"]
    return "\n".join(lines) + "\n"


# -- nginx ---------------------------------------------------------------------------------------

def _quoted(value: str) -> str:
    if any(char in value for char in '"$\\\n'):
        raise ValueError(f"header value {value!r} cannot be written safely into an nginx config")
    return f'"{value}"'


def _nginx_headers(policy: Policy, cache: str, indent: str = "    ") -> list[str]:
    """Every header, repeated in each location: a location with its own add_header drops the
    server's (nginx inheritance), so nothing is set at server level. 'always': also on 404s."""
    lines = [f"{indent}add_header {name} {_quoted(value)} always;" for name, value in policy.headers(https=False).items()]
    lines.append(f"{indent}add_header Strict-Transport-Security $hulproute_hsts always;")
    lines.append(f"{indent}add_header Cache-Control {_quoted(cache)} always;")
    return lines


def render_nginx_http(policy: Policy) -> str:
    """http-level part: HSTS only on https (an empty value makes nginx omit the header)."""
    return (f"# {GENERATED}\n"
            f"map $scheme $hulproute_hsts {{\n    https {_quoted(HSTS)};\n    default \"\";\n}}\n")


def render_nginx_server(policy: Policy, redirects: list[Redirect], languages: list[str]) -> str:
    """server-level part: files, directory URLs, gzip_static, per-language 404 pages, redirects."""
    out = [f"# {GENERATED}",
           "# Included by deploy/nginx/hulproute.conf inside its server block; `root` is set there.",
           "charset utf-8;", "gzip_static on;", "gzip_vary on;", "absolute_redirect off;", "server_tokens off;",
           "index index.html;", "disable_symlinks off;  # site/ is a symlink to the latest build",
           "error_page 404 /404.html;", ""]

    def location(match: str, cache: str, *body: str) -> None:
        out.append(f"location {match} {{")
        out.extend(_nginx_headers(policy, cache))
        out.extend(f"    {line}" for line in body)
        out.extend(["}", ""])

    # $uri/ (not $uri/index.html) so /gemeente/amsterdam gets a 301 to its slash: relative links
    # of a page served without it would break.
    pages = "try_files $uri $uri/ =404;"
    location("/", CACHE_PAGES, pages)
    location("/assets/", CACHE_SHORT, "try_files $uri =404;")
    # The search index (hulproute/search_index.py) changes with every build; Pagefind asks for
    # its entry file with a cache-busting parameter, and the other files carry hashes in their names.
    location("/pagefind/", CACHE_SHORT, "try_files $uri =404;")
    location(f'~ "{FINGERPRINTED.pattern}"', CACHE_FOREVER, "try_files $uri =404;")
    for code in languages[1:]:
        location(f"/{code}/", CACHE_PAGES, f"error_page 404 /{code}/404.html;", pages)
    location(f"^~ /{NGINX_DIR.split('/')[0]}/", CACHE_PAGES, "return 404;")
    for redirect in redirects:
        for source in _sources(redirect):
            location(f"= {source}", CACHE_SHORT, f"return 301 {redirect.to};")
    return "\n".join(out)


# -- precompression -------------------------------------------------------------------------------

def precompress(site_dir: Path, suffixes: tuple[str, ...] = COMPRESSIBLE, elsewhere: tuple[str, ...] = ()) -> int:
    """Write FILE.gz beside each text file (same mtime, as gzip_static expects); returns the count.

    mtime=0 in the gzip header keeps builds reproducible. A file that does not get smaller gets no
    .gz (nginx then sends it as it is). zlib lets other threads run while it compresses, so the
    files are shared out over every core (about 19,000 files in a full build).
    """
    paths = [path for path in sorted(_files(Path(site_dir), elsewhere)) if path.suffix in suffixes and path.is_file()]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        return sum(pool.map(_precompress_file, paths))


def _files(site_dir: Path, elsewhere: tuple[str, ...], pattern: str = "*") -> Iterator[Path]:
    """Every file matching `pattern` in the site, outside the top-level folders `elsewhere`."""
    for path in site_dir.rglob(pattern):
        if path.relative_to(site_dir).parts[0] not in elsewhere:
            yield path


def _precompress_file(path: Path, data: bytes | None = None, packed: bytes | None = None) -> int:
    """Write path.gz (`packed`, the gzip of `data`, if the caller has them); 0 if it would not be smaller."""
    data = path.read_bytes() if data is None else data
    packed = gzip.compress(data, compresslevel=9, mtime=0) if packed is None else packed
    target = path.with_name(path.name + ".gz")
    if len(packed) >= len(data):
        target.unlink(missing_ok=True)
        return 0
    target.write_bytes(packed)
    stat = path.stat()
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    return 1


# -- every page ------------------------------------------------------------------------------------

# Material's stylesheet and ours, as the theme links them (relative, or from the root on the 404
# pages); the first becomes the inline <style>.
_STYLESHEET_LINK = re.compile(
    r'<link rel="stylesheet" href="(?:/|(?:\.\./)*)assets/stylesheets/(?P<name>main\.[0-9a-f]{8}\.min\.css|hulproute\.css)">')


def inline_styles(html: str, style: str) -> str:
    """The page with Material's stylesheet link and ours removed and `style` (which holds both, in
    that order) right after `<meta charset>`, where the CSP meta joins it (csp.add_policy). So every
    page of a language begins with the same bytes up to the end of its style, which
    SharedStartGzip compresses once. The printable materials link only ours (they stand without
    Material) and keep their link; Material's alone is a template error."""
    links = list(_STYLESHEET_LINK.finditer(html))
    names = [link.group("name") for link in links]
    if names in ([], ["hulproute.css"]):
        return html
    if len(links) != 2 or not names[0].startswith("main."):
        raise RuntimeError(f"expected Material's stylesheet link, then ours (hulproute.css), found {names}")
    charset = csp.CHARSET.search(html)
    if not charset or charset.start() > links[0].start():
        raise RuntimeError("has no <meta charset=\"utf-8\"> before its stylesheet links")
    material, ours = links
    return (html[:charset.end()] + style + html[charset.end():material.start()]
            + html[material.end():ours.start()] + html[ours.end():])


# Text whose whitespace is kept as written (kept whole), or the indentation between two tags.
_RAW_TEXT_OR_INDENTATION = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)|(?<=>)[ \t]*\n\s*(?=<)", re.S | re.I)


def without_indentation(html: str) -> str:
    """The page without the templates' indentation between tags: each such run of whitespace
    becomes one line break, which the browser shows exactly as it showed the run (white space
    between tags collapses to one space, or to none at a block's edge). Left alone: <pre>,
    <textarea>, <script> and <style>, whose text is kept as written. A tenth of a long page's
    gzip size, which decides whether it arrives in the first round trip."""
    return _RAW_TEXT_OR_INDENTATION.sub(lambda match: match.group(1) or "\n", html)


class SharedStartGzip:
    """gzip at level 9 of pages that begin alike (everything up to the end of the inline stylesheet
    is the same on every page of a language): the shared start is compressed once and the
    compressor's state copied for each page. The bytes are exactly gzip.compress(page, 9, mtime=0)
    (tests/test_hosting.py), in a quarter of the time: the stylesheet is most of a page."""

    def __init__(self) -> None:
        self._started: dict[bytes, tuple[object, bytes]] = {}
        self._lock = threading.Lock()

    def compress(self, data: bytes, shared_until: int) -> bytes:
        start = data[:shared_until]
        with self._lock:
            if start not in self._started:
                compressor = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: a gzip header, mtime 0
                self._started[start] = (compressor, compressor.compress(start))
            compressor, head = self._started[start]
        own = compressor.copy()
        return head + own.compress(data[shared_until:]) + own.flush()


# Every page has the stylesheet of its group (theme_assets.inline_stylesheets): the reading pages
# of data/content.yaml's sections, and all other pages.
READING_PAGES, OTHER_PAGES = "reading", "other"
GroupOf = Callable[[PurePath], str]


def style_groups(data: SiteData) -> GroupOf:
    """A page's stylesheet group from its path in the site: the reading pages are those of the
    sections of data/content.yaml (signs, conversation guides, rights, for professionals), in
    every language."""
    sections = {section.id for section in data.sections}
    prefixes = set(data.language_codes) - {data.default_language}

    def group_of(relative: PurePath) -> str:
        parts = relative.parts[1:] if relative.parts and relative.parts[0] in prefixes else relative.parts
        return READING_PAGES if len(parts) > 1 and parts[0] in sections else OTHER_PAGES
    return group_of


def finish_pages(site_dir: Path, elsewhere: tuple[str, ...] = (), group_of: GroupOf = lambda _: OTHER_PAGES) -> str:
    """The site-wide CSP meta on every page, Material's stylesheet and ours trimmed to what each
    group of pages (`group_of`) uses and put inside every page that linked them
    (hulproute/theme_assets.py), and each page's .gz; returns the policy.

    Two passes, since both depend on all pages: the first reads every page for its inline scripts,
    the names it uses and the scripts it loads, the second writes each page with the policy and
    its group's stylesheet, and compresses it, in two processes of threads. (Forked processes for
    the first pass made it slower here: what they found would have to come back.) Each page is
    written as a new file, so a hard link another process reads meanwhile (the search index,
    `elsewhere`) keeps the page as it was.
    """
    pages = sorted(_files(site_dir, elsewhere, "*.html"))
    hashes: set[str] = set()
    used: dict[str, css_trim.UsedNames] = {}
    scripts: dict[str, set[str]] = {}
    for page in pages:
        html = page.read_text(encoding="utf-8")
        hashes.update(csp.inline_script_hashes(html))
        if not css_trim.MATERIAL_CSS.search(html):  # the printable materials: they keep their link to ours
            continue
        group = group_of(page.relative_to(site_dir))
        used.setdefault(group, css_trim.UsedNames()).add_html(html)
        scripts.setdefault(group, set()).update(theme_assets.SCRIPT_SRC.findall(html))
    css = theme_assets.inline_stylesheets(site_dir, used, scripts)
    styles = {group: f"<style>{text}</style>" for group, text in css.items()}
    policy = csp.policy_allowing(hashes, {"style-src": sorted(csp.source_hash(text) for text in css.values())})
    gzipped = SharedStartGzip()

    def write(page: Path) -> None:
        style = styles.get(group_of(page.relative_to(site_dir)))  # None: no page of its group links Material's
        try:
            original = page.read_text(encoding="utf-8")
            html = inline_styles(original, style) if style else original
            if css_trim.MATERIAL_CSS.search(html):  # its file is gone: the page would lose its styles
                raise RuntimeError("names Material's stylesheet in a form the build does not inline")
        except RuntimeError as error:  # a template changed how it links the stylesheets
            raise SiteError(f"{page.relative_to(site_dir)}: {error}",
                            "link the stylesheets as Material's base.html does, Material's first, then "
                            "hulproute.css (overrides/main.html), so the build can put them inside the page") from None
        data = csp.add_policy(without_indentation(html), policy).encode("utf-8")
        page.unlink()
        page.write_bytes(data)
        packed = None
        if html is not original:  # it begins with the charset, the policy and the style
            style_end = data.index(b"</style>") + len(b"</style>")  # the first: charset, policy, style
            packed = gzipped.compress(data, style_end)
        _precompress_file(page, data, packed)

    def write_all(share: list[Path]) -> None:
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:  # zlib and the disk let other threads run
            list(pool.map(write, share))

    if not forked.available():
        write_all(pages)
        return policy
    # Half of the pages in a forked process: what the threads run in Python holds the lock they share.
    other_half = forked.ForkedTask(write_all, pages[1::2])
    try:
        write_all(pages[0::2])
    except BaseException:
        other_half.cancel()
        raise
    other_half.result()
    return policy


# -- the post-build step --------------------------------------------------------------------------

def publish(site_dir: Path | str, data: SiteData, exit_url: str, elsewhere: tuple[str, ...] = ()) -> Policy:
    """Finish a complete build for hosting: pages at old addresses, CSP meta on every page, host
    files, .gz files. The top-level folders `elsewhere` are another process's, still at work
    (the search index): left alone here."""
    site_dir = Path(site_dir)
    check_redirects(data.redirects, site_dir)
    redirects.write_pages(site_dir, data, exit_url)
    preview.write(site_dir, data.strings[data.default_language]["preview_title"])
    policy = Policy(finish_pages(site_dir, elsewhere, style_groups(data)))
    languages = data.language_codes
    assets = [p.relative_to(site_dir).as_posix() for p in sorted((site_dir / "assets").rglob("*")) if p.is_file()]
    (site_dir / "_headers").write_text(render_headers_file(policy, assets), encoding="utf-8")
    (site_dir / "_redirects").write_text(render_redirects_file(data.redirects, languages), encoding="utf-8")
    nginx = site_dir / NGINX_DIR
    nginx.mkdir(parents=True, exist_ok=True)
    (nginx / "http.conf").write_text(render_nginx_http(policy), encoding="utf-8")
    (nginx / "server.conf").write_text(render_nginx_server(policy, data.redirects, languages), encoding="utf-8")
    precompress(site_dir, tuple(suffix for suffix in COMPRESSIBLE if suffix != ".html"), elsewhere)  # pages: finish_pages
    return policy
