"""What a message app shows for a shared link (Open Graph): the same neutral text on every page,
never the page's subject, and an image the build drew itself (hulproute/preview.py)."""
from __future__ import annotations

import re

import pytest
from PIL import Image

from hulproute.loader import load_site_data
from tests.helpers import prefix

DATA = load_site_data()
SITE_URL = "https://hulproute.nl/"
PAGES = ["", "signalen/partnergeweld/", "rechten/tijdelijk-huisverbod/", "gemeente/de-ronde-venen/",
         "hulp-zoeken/", "zoeken/", "voor-organisaties/", "voor-organisaties/gemeente/amsterdam/",
         "voor-organisaties/gemeente/amsterdam/poster/", "404.html"]




def og(html: str) -> dict[str, str]:
    return dict(re.findall(r'<meta property="og:([a-z:_]+)" content="([^"]*)">', html))


@pytest.mark.parametrize("lang", DATA.language_codes)
def test_every_page_has_the_neutral_preview_and_never_its_subject(fixture_site, lang):
    t = DATA.strings[lang]
    for path in PAGES:
        file = fixture_site / prefix(lang) / (path if path.endswith(".html") else path + "index.html")
        html = file.read_text(encoding="utf-8")
        tags = og(html)
        assert tags["title"] == t["preview_title"] and tags["description"] == t["preview_text"], (lang, path)
        assert tags["locale"] == t["preview_locale"] and tags["type"] == "website"
        assert tags["image"] == SITE_URL + "assets/hulproute/preview.png"
        title = re.search(r"<title>(.*?)</title>", html).group(1).split(" - ")[0]
        if title != "Hulproute":
            assert title not in " ".join(tags.values()), (lang, path, title)
        description = re.search(r'<meta name="description" content="([^"]*)"', html)
        assert description and description.group(1).strip(), (lang, path)
        if not path.endswith(".html"):
            assert tags["url"] == SITE_URL + prefix(lang) + path


def test_the_preview_image_is_drawn_by_the_build(fixture_site):
    with Image.open(fixture_site / "assets" / "hulproute" / "preview.png") as image:
        assert image.format == "PNG" and image.size == (1200, 630)
        colours = image.getcolors(maxcolors=100000)
        assert colours and len(colours) > 2, "the name is drawn on the background"
