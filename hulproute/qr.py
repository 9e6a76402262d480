"""QR codes as SVG, drawn at build time with segno: the code holds the page's permanent address
and nothing else (no tracking parameter), dark on white so it scans on any poster."""
from __future__ import annotations

import functools
import io

import segno

# Pixels per module in the SVG's own size; the viewBox lets print CSS scale it without blur.
_SCALE = 10
# The quiet zone the QR standard asks for (4 modules): scanners need it to find the code.
_BORDER = 4


@functools.lru_cache(maxsize=None)
def svg(address: str, title: str) -> str:
    """An SVG QR code for `address`, with `title` as its accessible name. Kept for the process:
    segno picks the most readable mask in pure Python (about 7 ms a code), and `mkdocs serve`
    writes every code again on each rebuild."""
    code = segno.make_qr(address, error="m")
    out = io.BytesIO()
    code.save(out, kind="svg", omitsize=True, border=_BORDER, xmldecl=False, svgclass=None, lineclass=None,
              dark="#000", light="#fff", title=title)
    size = code.symbol_size(scale=_SCALE, border=_BORDER)[0]
    text = out.getvalue().decode("utf-8")
    return text.replace("<svg ", f'<svg width="{size}" height="{size}" role="img" ', 1)
