"""The complete site: every municipality page exists in every language and names its region."""
from __future__ import annotations

import pytest

from hulproute.loader import load_site_data

pytestmark = pytest.mark.full_build


def test_every_municipality_page_in_every_language_shows_its_region(full_site):
    data = load_site_data()
    missing, wrong = [], []
    for language in data.language_codes:
        base = full_site if language == data.default_language else full_site / language
        for m in data.municipalities:
            page = base / "gemeente" / m.slug / "index.html"
            if not page.exists():
                missing.append(str(page))
                continue
            region = data.regions[m.veilig_thuis_region].display_name
            if region not in page.read_text(encoding="utf-8"):
                wrong.append(f"{page}: {region}")
    assert (missing, wrong) == ([], [])
    from hulproute.location_pages import PLACES, POSTCODES

    for language in data.language_codes:
        folder = (full_site if language == data.default_language else full_site / language) / "gemeente"
        pages = {page.parent.name for page in folder.glob("*/index.html")}
        # One page per municipality, no page more, none less (beside the places and postcodes lists).
        assert pages - {PLACES, POSTCODES} == {m.slug for m in data.municipalities}, language
