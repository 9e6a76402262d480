from hulproute import phones
from hulproute.slugs import slugify

import pytest


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


def test_stored_slugs_are_unique_and_match_names():
    from hulproute.loader import load_site_data
    data = load_site_data()
    slugs = [m.slug for m in data.municipalities]
    assert len(set(slugs)) == 342
    # Stored slugs are frozen; today they all equal the generated ones.
    assert all(m.slug == slugify(m.name) for m in data.municipalities)
