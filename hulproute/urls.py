"""Addresses: how the site names a web address to a reader (its host, without 'www.'), and the
site's own paths that other modules and data files share."""
from __future__ import annotations

from urllib.parse import urlsplit

# Where municipality pages live, in every language: /gemeente/<slug>/, /en/gemeente/<slug>/ …
MUNICIPALITY_SECTION = "gemeente"
# The other folders the build generates from data, in every language.
ROUTE_SECTION = "hulp-zoeken"
SEARCH_SECTION = "zoeken"
DATA_STATUS_SECTION = "data-status"
PARTNER_SECTION = "voor-organisaties"
# Top-level names a campaign's short address (/<slug>/) can never take: the generated folders
# and what the build and the host put in the site root.
RESERVED_TOP_LEVEL = frozenset({
    MUNICIPALITY_SECTION, ROUTE_SECTION, SEARCH_SECTION, DATA_STATUS_SECTION, PARTNER_SECTION,
    "assets", "pagefind", "_deploy", "search", "sitemap", "404",
})


def language_prefix(language: str, default_language: str) -> str:
    """'' for the default language (served at the root), 'en/' for English, and so on."""
    return "" if language == default_language else f"{language}/"


def municipality_url(slug: str, language: str, default_language: str) -> str:
    """The site path of a municipality page: /gemeente/amsterdam/, /ar/gemeente/amsterdam/."""
    return f"/{language_prefix(language, default_language)}{MUNICIPALITY_SECTION}/{slug}/"


def site_host(url: object) -> str:
    """'https://www.borne.nl/x' → 'borne.nl': what a link is labelled with, and what a quote
    must mention (hulproute/local_contacts.py)."""
    return (urlsplit(str(url)).hostname or "").lower().removeprefix("www.")
