"""Text in data/ is text wherever it lands: never template code, never Markdown, never HTML.

One fixture build from a data copy where every file that holds display text carries template
syntax ({{ }}, {% %}, {#), a script tag, an ampersand, both quotes, a right-to-left mark and
Markdown link/emphasis syntax. The built pages must show those characters exactly as written
(escaped once), in the body, the tab title, the meta description and the JSON the browser reads.
"""
from __future__ import annotations

import html
import json
import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import DATA, write_fixture_config
from tests.helpers import build_atomically, set_csv_cell

# Everything that must stay text; a name still needs letters (the schema checks that).
HOSTILE = "Zorg {{ 7*7 }} {% if 1 %}ja{% endif %} {# c #} <script>alert(1)</script> & \"q\" 's \u200f [x](javascript:alert(1)) *nadruk*"
# Interface texts may not contain braces (placeholders only): the rest of the attack.
HOSTILE_TEXT = "Let op <script>alert(2)</script> & \"q\" 's \u200f [y](javascript:alert(2)) *nadruk*"
CITED_SOURCE = "seed-amsterdam-amstelland-2020"
CITING_PAGE = "rechten/advies-of-melding-bij-veilig-thuis/index.html"  # cites CITED_SOURCE
LANGUAGES = ("nl", "ar")


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def yaml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # JSON strings are YAML strings


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("hostile")
    data = work / "data"
    shutil.copytree(DATA, data)
    set_csv_cell(data / "municipalities.csv", "code", "GM0736", "name", HOSTILE)
    set_csv_cell(data / "municipalities.csv", "code", "GM0736", "also_known_as", HOSTILE + " bis")
    set_csv_cell(data / "places.csv", "place", "Vinkeveen", "place", HOSTILE + " Vinkeveen")
    _replace(data / "local_contacts.yaml", "name: Blijf Groep (Oranje Huis Amsterdam)", f"name: {yaml_string(HOSTILE + ' opvang')}")
    _replace(data / "veilig_thuis_regions.yaml", "display_name: Veilig Thuis Utrecht,", f"display_name: {yaml_string(HOSTILE + ' VT')},")
    _replace(data / "national_services.yaml", "name: De Kindertelefoon", f"name: {yaml_string(HOSTILE + ' lijn')}")
    _replace(data / "sources" / "seeds.yaml", 'title: "Regioaanpak huiselijk geweld en kindermishandeling Amsterdam-Amstelland 2020–2025"',
             f"title: {yaml_string(HOSTILE + ' bron')}")
    for language in LANGUAGES:
        strings = data / "strings" / f"{language}.yaml"
        text = strings.read_text(encoding="utf-8")
        text = re.sub(r"^local_unknown: .*$", f"local_unknown: {yaml_string(HOSTILE_TEXT + ' {municipality}')}", text, flags=re.M)
        text = re.sub(r"^index_intro: .*$", f"index_intro: {yaml_string(HOSTILE_TEXT + ' index')}", text, flags=re.M)
        strings.write_text(text, encoding="utf-8")
    site = work / "site"
    build_atomically(write_fixture_config(work, site, data_dir=data), site)
    return site


class _Text(HTMLParser):
    """What a reader sees: text outside script/style, and the document title."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = ""
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style", "template")
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style", "template")
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif not self._skip:
            self.parts.append(data)


def read(site: Path, path: str) -> tuple[str, str, str]:
    raw = (site / path).read_text(encoding="utf-8")
    parser = _Text()
    parser.feed(raw)
    return raw, " ".join(" ".join(parser.parts).split()), parser.title.strip()


def page(language: str, path: str) -> str:
    return path if language == "nl" else f"{language}/{path}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_municipality_page_shows_the_name_as_written(hostile_site, language):
    raw, text, title = read(hostile_site, page(language, "gemeente/de-ronde-venen/index.html"))
    assert title == f"{HOSTILE} - Hulproute", "tab title: escaped once, apostrophe as itself"
    for written in (HOSTILE, HOSTILE + " bis", HOSTILE + " Vinkeveen", HOSTILE + " VT", HOSTILE + " lijn", HOSTILE_TEXT):
        assert written in text, written
    description = html.unescape(re.search(r'<meta name="description" content="([^"]*)"', raw).group(1))
    assert HOSTILE in description


@pytest.mark.parametrize("language", LANGUAGES)
def test_contact_and_index_texts_are_text(hostile_site, language):
    _, text, _ = read(hostile_site, page(language, "gemeente/amsterdam/index.html"))
    assert HOSTILE + " opvang" in text
    raw, text, _ = read(hostile_site, page(language, "gemeente/index.html"))
    assert HOSTILE in text and HOSTILE_TEXT + " index" in text


def test_a_cited_source_title_is_text_in_a_hand_written_page(hostile_site):
    _, text, _ = read(hostile_site, CITING_PAGE)
    assert HOSTILE + " bron" in text


def test_nothing_became_code_anywhere(hostile_site):
    for path in hostile_site.rglob("*.html"):
        raw = path.read_text(encoding="utf-8")
        where = path.relative_to(hostile_site)
        assert "<script>alert(" not in raw, where
        assert 'href="javascript:' not in raw, where
        assert "<em>nadruk</em>" not in raw, where
        assert "Zorg 49" not in raw and "Zorg  ja" not in raw, where


def test_json_for_the_browser_carries_the_text_exactly(hostile_site):
    table = json.loads((hostile_site / "assets" / "hulproute" / "locaties.json").read_text(encoding="utf-8"))
    assert HOSTILE in [row[0] for row in table["m"]]
    for language in LANGUAGES:
        raw = (hostile_site / page(language, "hulp-zoeken/index.html")).read_text(encoding="utf-8")
        body = re.search(r'<script type="application/json" id="hr-route-data">(.*?)</script>', raw, re.S).group(1)
        assert "<" not in body.replace("\\u003c", ""), "no raw '<' inside the JSON script (no </script> break-out)"
        json.loads(body)


def test_sitemap_is_well_formed(hostile_site):
    ET.parse(hostile_site / "sitemap.xml")


# ---- titles and descriptions in front matter (hulproute/render.py front_matter_text) -----------

def _emitted(text: str) -> str:
    import yaml

    return yaml.safe_dump(text, default_style='"', allow_unicode=True, width=float("inf")).removesuffix("\n...\n").strip()


def test_front_matter_text_is_exactly_what_the_yaml_emitter_writes_for_every_character():
    from hulproute.render import _YAML_AS_IS

    characters = [chr(code) for code in range(0x10000)] + ["\U0001F600", "\U00010000", "\U0010FFFF"]
    as_is = "".join(c for c in characters if _YAML_AS_IS.fullmatch(c))
    assert _emitted(as_is) == f'"{as_is}"', "the emitter escapes a character the fast path writes as itself"
    escaped = [c for c in characters if not _YAML_AS_IS.fullmatch(c)]
    assert all(_emitted(c) != f'"{c}"' for c in escaped), "the fast path leaves out a character it could keep"
    assert {"\u2028", "\ufeff", '"', "\\", "\n", "\U0001F600"} <= set(escaped) and "\u200f" not in escaped


@pytest.mark.parametrize("value", [HOSTILE, HOSTILE_TEXT, "'s-Gravenhage", "regel\u2028twee", "tab\tx", "😀 ok", ""])
def test_front_matter_text_reads_back_as_the_escaped_text(value):
    import yaml
    from markupsafe import escape

    from hulproute.render import front_matter_text

    written = front_matter_text(value)
    assert written == _emitted(str(escape(value)).replace("&#39;", "'"))
    assert yaml.safe_load(f"title: {written}")["title"] == str(escape(value)).replace("&#39;", "'")
