from pathlib import Path

import pytest

from hulproute import phones
from hulproute.slugs import slugify

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@pytest.mark.parametrize("raw, shown, href", [
    ("0800-2000", "0800-2000", "tel:+318002000"),
    ("0900-8844", "0900-8844", "tel:+319008844"),
    ("088 234 24 50", "088 234 2450", "tel:+31882342450"),
    ("(020) 496 21 21", "020 496 2121", "tel:+31204962121"),
    ("112", "112", "tel:112"),
])
def test_dutch_notation_and_e164(raw, shown, href):
    assert phones.display(raw) == shown
    assert phones.tel_href(raw) == href


@pytest.mark.parametrize("raw", ["0800-20", "+32 2 555 12 12", "999", "bel ons"])
def test_rejected_numbers(raw):
    with pytest.raises(phones.PhoneError):
        phones.parse_dutch_number(raw)


@pytest.mark.parametrize("name, slug", [
    ("De Ronde Venen", "de-ronde-venen"),
    ("'s-Hertogenbosch", "s-hertogenbosch"),
    ("Bergen (NH.)", "bergen-nh"),
    ("Súdwest-Fryslân", "sudwest-fryslan"),
])
def test_slugs(name, slug):
    assert slugify(name) == slug


def test_stored_slugs_are_unique_and_well_formed():
    import csv

    from hulproute.loader import load_site_data
    from hulproute.slugs import SLUG_PATTERN

    with (DATA_DIR / "municipalities.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    slugs = [m.slug for m in load_site_data().municipalities]
    assert len(set(slugs)) == len(rows)
    assert [s for s in slugs if not SLUG_PATTERN.fullmatch(s)] == []


def test_a_renamed_municipality_keeps_its_slug_and_url(data_copy):
    """A published URL never changes when a name does (posters, QR codes, partner links)."""
    from hulproute.loader import load_site_data
    from hulproute.render import municipality_path
    from hulproute.site_state import BuildState

    before = load_site_data(data_copy).municipality("GM0736")
    path = data_copy / "municipalities.csv"
    text = path.read_text(encoding="utf-8")
    assert text.count(f"GM0736,{before.name},") == 1
    path.write_text(text.replace(f"GM0736,{before.name},", "GM0736,Venen aan de Vecht,"), encoding="utf-8")
    after = load_site_data(data_copy).municipality("GM0736")
    assert after.name == "Venen aan de Vecht"
    assert slugify(after.name) != before.slug  # the new name would give another slug ...
    assert after.slug == before.slug  # ... but the stored one stays
    # The build still writes the page at the old address, now with the new name in it.
    pages = {p.norm_src_uri: p for p in BuildState.prepare(data_copy, only_municipalities={"GM0736"}).pages}
    page = pages[municipality_path(before.slug)]
    assert all("Venen aan de Vecht" in markdown for markdown in page.markdown.values())
