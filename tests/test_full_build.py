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
    built = [page for language in data.language_codes
             for page in ((full_site if language == data.default_language else full_site / language) / "gemeente").glob("*/index.html")]
    assert len(built) == len(data.municipalities) * len(data.language_codes), "no page more, none less"
