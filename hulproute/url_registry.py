"""The registry of every address the site has published (data/published_urls.txt): it only grows.

Posters, QR codes and partner sites keep an address for years. Every page the site has ever
published is listed once; a later build must still answer each of them, with the page itself or
with a redirect (data/redirects.yaml, data/municipality_mergers.yaml). `scripts/urls.py add`
registers new pages after a full build; `scripts/urls.py check` and the tests
(tests/test_url_registry.py) fail when a registered address no longer resolves or a built page is
not registered.
"""
from __future__ import annotations

from pathlib import Path

from hulproute.errors import SiteError
from hulproute.schema import Redirect

REGISTRY = Path(__file__).resolve().parent.parent / "data" / "published_urls.txt"
HEADER = """\
# Every address the site has published, in every language (hulproute/url_registry.py).
# This list only grows: a page that moves or goes needs a redirect (data/redirects.yaml), a
# merged municipality an entry in data/municipality_mergers.yaml. After adding pages, run a full
# build and `python scripts/urls.py add`; `python scripts/urls.py check` tells what broke.
"""
# Not addresses anyone links to: the not-found pages and the generated hosting files.
_SKIP = ("404.html",)
_SKIP_FOLDERS = ("_deploy", "pagefind", "assets")


def site_pages(site_dir: Path | str) -> set[str]:
    """The address of every page in a built site: /, /gemeente/amsterdam/, /en/… ."""
    site_dir = Path(site_dir).resolve()
    pages = set()
    for path in site_dir.rglob("*.html"):
        relative = path.relative_to(site_dir)
        if path.name in _SKIP or relative.parts[0] in _SKIP_FOLDERS:
            continue
        folder = relative.parent.as_posix()
        prefix = "" if folder == "." else f"{folder}/"
        pages.add("/" + (prefix if path.name == "index.html" else f"{prefix}{path.name}"))
    return pages


def read(registry: Path = REGISTRY) -> list[str]:
    """The registered addresses; a malformed or repeated line is a loud error naming the line."""
    if not registry.is_file():
        raise SiteError(f"{registry.name} is missing", "restore it from git: the registry only grows")
    addresses, seen = [], set()
    for number, line in enumerate(registry.read_text(encoding="utf-8").splitlines(), 1):
        address = line.strip()
        if not address or address.startswith("#"):
            continue
        if not address.startswith("/") or " " in address:
            raise SiteError(f"data/{registry.name}, line {number}: '{address}' is not a site address",
                            "write one address per line, from the site root, e.g. /gemeente/amsterdam/")
        if address in seen:
            raise SiteError(f"data/{registry.name}, line {number}: '{address}' is listed twice", "remove one of them")
        seen.add(address)
        addresses.append(address)
    return addresses


def unresolved(registered: list[str], pages: set[str], redirects: list[Redirect]) -> list[str]:
    """Registered addresses that are neither a page nor an old address with a redirect."""
    moved = {r.from_ for r in redirects} | {r.from_.rstrip("/") + "/" for r in redirects}
    return [address for address in registered if address not in pages and address not in moved]


def unregistered(registered: list[str], pages: set[str]) -> list[str]:
    return sorted(pages - set(registered))


def add(pages: set[str], registry: Path = REGISTRY) -> list[str]:
    """Register new pages (never removes one); returns what was added."""
    current = read(registry) if registry.is_file() else []
    new = sorted(pages - set(current))
    registry.write_text(HEADER + "".join(f"{a}\n" for a in sorted(set(current) | set(new))), encoding="utf-8")
    return new
