"""Pages at old addresses: a moved page's old URL (data/redirects.yaml) and a merged
municipality's page (data/municipality_mergers.yaml) keep working on any host.

nginx, Netlify and Cloudflare Pages answer them with a 301 (hulproute/hosting.py); a host without
redirect rules serves the small page written here instead, which goes straight on to the new page.
"""
from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from hulproute import phones, placeholders
from hulproute.loader import SiteData
from hulproute.schema import Redirect

TEMPLATES = Path(__file__).resolve().parent / "templates"
_ENV = Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined, autoescape=True)


def language_of(path: str, data: SiteData) -> str:
    """The language a site path belongs to: its first folder if that is a language, else the default."""
    first = path.strip("/").split("/", 1)[0]
    return first if first in data.language_codes[1:] else data.default_language


def page(redirect: Redirect, data: SiteData, exit_url: str) -> str:
    lang = language_of(redirect.from_, data)
    t = data.strings[lang]
    emergency, vt = data.services["emergency"], data.services["veilig-thuis"]
    return _ENV.get_template("redirect_page.html.j2").render(
        lang=lang, direction=data.direction(lang), t=t, to=redirect.to, exit_url=exit_url,
        emergency_href=phones.tel_href(emergency.phone),
        danger=placeholders.fill(t["bar_danger"], {"phone": phones.display(emergency.phone)}),
        vt_href=phones.tel_href(vt.phone), vt=placeholders.fill(t["bar_vt"], {"phone": phones.display(vt.phone)}),
    )


def write_pages(site_dir: Path, data: SiteData, exit_url: str) -> list[Path]:
    """An index.html at every old folder address that has no page of its own; returns the files."""
    written = []
    for redirect in data.redirects:
        if not redirect.from_.endswith("/"):
            continue
        target = Path(site_dir) / redirect.from_.strip("/") / "index.html"
        if target.exists():
            continue  # hosting.check_redirects has already refused a redirect that hides a page
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page(redirect, data, exit_url), encoding="utf-8")
        written.append(target)
    return written
