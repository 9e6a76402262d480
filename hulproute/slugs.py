"""Stable, readable URL slugs: 'De Ronde Venen' -> 'de-ronde-venen'.

Slugs are stored in data/municipalities.csv once generated, so a later change to this function
never moves a published URL; the schema checks that stored slugs are well-formed and unique.
"""
from __future__ import annotations

import re
import unicodedata

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def slugify(name: str) -> str:
    """Lower-case ASCII words joined by hyphens; apostrophes vanish ('s-Hertogenbosch)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    ascii_name = ascii_name.replace("'", "").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")
