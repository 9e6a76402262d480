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


# A page loads our scripts as <script src="…/assets/javascripts/hulproute-….js">: only the names
# in the scripts a page loads can appear on it.
SCRIPT_SRC = re.compile(r'<script src="[^"]*?assets/javascripts/(hulproute-[\w-]+\.js)"')


def inline_stylesheets(site_dir: Path, groups: dict[str, css_trim.UsedNames], scripts: dict[str, set[str]]) -> dict[str, str]:
    """Per group of pages, Material's stylesheet and ours (hulproute.css), each trimmed to the rules
    that the group's pages (`groups`) and the scripts they load (`scripts`: file names) can use, as
    one text for a <style> in each of those pages. Material's file leaves the site (no page links it
    any more; the preview, which skips this step, still does); ours stays whole for the printable
    materials, which link it alone.

    Why inline: on a slow phone network a linked stylesheet costs a second round trip (a new
    connection and a request) before anything is painted; inside the page, 112 shows after the
    first. Why groups (hulproute/hosting.py style_groups): the long reading pages use a sixth less
    of the stylesheet than the whole site does, and that sixth decides whether they arrive in the
    first round trip. Each group's text is the same on all its pages, so a few CSP hashes allow them.
    """
    material = material_stylesheet(site_dir)
    ours = site_dir / OUR_MAIN_STYLESHEET
    if not ours.is_file():
        raise RuntimeError(f"{ours}: our stylesheet is missing from the build (overrides/{OUR_MAIN_STYLESHEET})")
    own = ours.read_text(encoding="utf-8")
    others = [path.read_text(encoding="utf-8") for path in sorted(site_dir.glob(OUR_STYLESHEETS)) if path != ours]
    material_text = material.read_text(encoding="utf-8")
    styles = {}
    for group, used in groups.items():
        for name in sorted(scripts.get(group, ())):
            script = site_dir / "assets" / "javascripts" / name
            if not script.is_file():
                raise RuntimeError(f"a page loads assets/javascripts/{name}, which is not in the build (overrides/)")
            used.add_script(script.read_text(encoding="utf-8"))
        css = css_trim.trim(material_text, used, [own, *others]) + css_trim.trim(own, used, others)
        if "</style" in css.lower():
            raise RuntimeError(f"{material} or {ours}: the text '</style' would end the inline stylesheet early")
        styles[group] = css
    material.unlink()
    return styles
