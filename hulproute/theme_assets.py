"""Material's files this site does not use stay out of the build, and its stylesheet and ours are
trimmed to what the built pages use and put inside every page (issue 16: a first view of at most
40 KB on a prepaid phone, painted after one round trip).

Dropped: the JavaScript bundle and its search workers and lunr languages (overrides/main.html
empties the blocks that load them; search is Pagefind), the palette sheet (no palette is
configured) and the source maps (of files we change or drop). Fewer files also make the CSP and
gzip passes shorter.
"""
from __future__ import annotations

import re
from pathlib import Path

import material

from hulproute import css_trim

UNUSED_THEME_FILES = re.compile(
    r"^assets/javascripts/(?:bundle\.[0-9a-f]+\.min\.js|lunr/.*|workers/.*)$"
    r"|^assets/stylesheets/palette\.[0-9a-f]+\.min\.css$"
    r"|\.min\.(?:js|css)\.map$"
)
# Material's own files, as the theme ships them (the untrimmed stylesheet, for comparisons).
MATERIAL_SITE = Path(material.__file__).parent / "templates"
OUR_SCRIPTS = "assets/javascripts/hulproute-*.js"
OUR_STYLESHEETS = "assets/stylesheets/hulproute*.css"
OUR_MAIN_STYLESHEET = "assets/stylesheets/hulproute.css"


def is_unused(site_path: str) -> bool:
    """Is this theme file (path in the site, e.g. 'assets/javascripts/bundle.a5f9d56c.min.js') unused?"""
    return bool(UNUSED_THEME_FILES.search(site_path))


def material_stylesheet(site_dir: Path) -> Path:
    found = [path for path in (site_dir / "assets" / "stylesheets").glob("main.*.min.css")
             if css_trim.MATERIAL_CSS.search(path.relative_to(site_dir).as_posix())]
    if len(found) != 1:
        raise RuntimeError(f"expected Material's one main.<hash>.min.css in {site_dir}/assets/stylesheets, found {len(found)}")
    return found[0]


def inline_stylesheet(site_dir: Path, used: css_trim.UsedNames) -> str:
    """Material's stylesheet and ours (hulproute.css), each trimmed to the rules that the pages
    (`used`) and our scripts can use, as one text for a <style> in every page. Material's file
    leaves the site (no page links it any more; the preview, which skips this step, still does);
    ours stays whole for the printable materials, which link it alone.

    Why inline: on a slow phone network a linked stylesheet costs a second round trip (a new
    connection and a request) before anything is painted; inside the page, 112 shows after the
    first. The text is the same on every page, so one CSP hash allows it.
    """
    for script in sorted(site_dir.glob(OUR_SCRIPTS)):
        used.add_script(script.read_text(encoding="utf-8"))
    material = material_stylesheet(site_dir)
    ours = site_dir / OUR_MAIN_STYLESHEET
    if not ours.is_file():
        raise RuntimeError(f"{ours}: our stylesheet is missing from the build (overrides/{OUR_MAIN_STYLESHEET})")
    own = ours.read_text(encoding="utf-8")
    others = [path.read_text(encoding="utf-8") for path in sorted(site_dir.glob(OUR_STYLESHEETS)) if path != ours]
    css = css_trim.trim(material.read_text(encoding="utf-8"), used, [own, *others]) + css_trim.trim(own, used, others)
    if "</style" in css.lower():
        raise RuntimeError(f"{material} or {ours}: the text '</style' would end the inline stylesheet early")
    material.unlink()
    return css
