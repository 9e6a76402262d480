"""What a reader's phone receives first: 112 and Veilig Thuis must arrive in the first round trip.

A new TCP connection delivers about 14 KB (10 segments of the initial congestion window) before
the server waits for an acknowledgement. On a slow prepaid connection, that first flight decides
whether someone in danger sees the call buttons at once. So every page's compressed HTML, as
nginx sends it (the `.gz` beside it, gzip_static), must hold the `tel:` links of 112 and Veilig
Thuis within its first 14 KB: decompressing only those bytes must already reveal both.

Checked on the built site by tests/test_page_weight.py and `scripts/benchmark.py --check`.
"""
from __future__ import annotations

import gzip
import zlib
from pathlib import Path

from hulproute import phones
from hulproute.loader import SiteData

FIRST_ROUND_TRIP = 14 * 1024


def first_round_trip_text(compressed: bytes, limit: int = FIRST_ROUND_TRIP) -> bytes:
    """The HTML a browser can decode from the first `limit` bytes of a gzip stream."""
    return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(compressed[:limit])


def emergency_links(data: SiteData) -> tuple[bytes, ...]:
    """The two links every page must deliver first: tel:112 and Veilig Thuis's number."""
    return tuple(f'href="{phones.tel_href(data.services[ident].phone)}"'.encode("ascii")
                 for ident in ("emergency", "veilig-thuis"))


def compressed_page(page: Path) -> bytes:
    """The bytes nginx sends for a page: its precompressed .gz, or (a page too small to gain
    from one) the page gzipped at the same level."""
    packed = page.with_name(page.name + ".gz")
    return packed.read_bytes() if packed.is_file() else gzip.compress(page.read_bytes(), 9, mtime=0)


def late_pages(site_dir: Path | str, data: SiteData) -> list[str]:
    """Every HTML page whose first round trip lacks 112 or Veilig Thuis, as site paths."""
    site_dir = Path(site_dir).resolve()
    needles = emergency_links(data)
    late = []
    for page in sorted(site_dir.rglob("*.html")):
        text = first_round_trip_text(compressed_page(page))
        if not all(needle in text for needle in needles):
            late.append(page.relative_to(site_dir).as_posix())
    return late
