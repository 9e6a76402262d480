"""The image a message app shows beside a shared link (Open Graph), drawn at build time.

Discreet on purpose: a preview reading "Partnergeweld" on a shared phone can endanger someone,
so the image says only the site's name, and every page's preview text is the neutral one in
data/strings (preview_title, preview_text) unless a page chooses its own (campaigns, later).
Drawn with Pillow's bundled font: no network, no font file to install, the same bytes each build.
"""
from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

PATH = "assets/hulproute/preview.png"
SIZE = (1200, 630)  # what Open Graph consumers expect for a large preview
BACKGROUND = "#303f9f"  # Material's indigo, as the header
TEXT = "#ffffff"


def draw(name: str) -> Image.Image:
    image = Image.new("RGB", SIZE, BACKGROUND)
    canvas = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=120)
    canvas.text((SIZE[0] // 2, SIZE[1] // 2), name, fill=TEXT, font=font, anchor="mm")
    return image


def write(site_dir: Path | str, name: str) -> Path:
    target = Path(site_dir) / PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    draw(name).save(target, format="PNG", optimize=True)
    return target
