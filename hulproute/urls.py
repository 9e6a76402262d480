"""How the site names a web address to a reader: its host, without 'www.'."""
from __future__ import annotations

from urllib.parse import urlsplit


def site_host(url: object) -> str:
    """'https://www.borne.nl/x' → 'borne.nl': what a link is labelled with, and what a quote
    must mention (hulproute/local_contacts.py)."""
    return (urlsplit(str(url)).hostname or "").lower().removeprefix("www.")
