"""112 and Veilig Thuis arrive in the first round trip (about 14 KB of compressed HTML) of every
page of the complete site, as nginx sends it (hulproute/page_weight.py, issue 16)."""
from __future__ import annotations

import gzip
import os

from hulproute import page_weight
from hulproute.loader import load_site_data

DATA = load_site_data()


def test_every_page_delivers_112_and_veilig_thuis_in_its_first_14_kb(full_site):
    pages = list(full_site.resolve().rglob("*.html"))
    assert len(pages) > 10 * len(DATA.municipalities), "the complete site"
    late = page_weight.late_pages(full_site, DATA)
    assert late == [], f"{len(late)} pages deliver 112 or Veilig Thuis after the first 14 KB: {late[:5]}"


def test_a_page_that_puts_them_after_14_kb_is_caught(tmp_path):
    links = page_weight.emergency_links(DATA)
    # Random bytes do not compress: 20 KB of them push the links past the first round trip.
    filler = os.urandom(20 * 1024).hex().encode("ascii")
    (tmp_path / "late.html").write_bytes(b"<p>" + filler + b"</p><a " + b"></a><a ".join(links) + b"></a>")
    (tmp_path / "early.html").write_bytes(b"<a " + b"></a><a ".join(links) + b"></a><p>" + filler + b"</p>")
    (tmp_path / "early.html.gz").write_bytes(gzip.compress((tmp_path / "early.html").read_bytes(), 9))
    assert page_weight.late_pages(tmp_path, DATA) == ["late.html"]
