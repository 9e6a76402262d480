"""Generated pages render with Markdown only for their headings (hulproute/page_blocks.py,
mkdocs_glue.render_generated): for every generated page of the real data, in Dutch and Arabic,
the result must be what MkDocs' own Page.render makes of the whole page."""
from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import meta

from hulproute import mkdocs_glue, page_blocks
from hulproute.loader import load_site_data
from hulproute.site_state import BuildState
from tests.conftest import ROOT, write_fixture_config


@pytest.fixture(scope="module")
def config(tmp_path_factory):
    loaded = load_config(str(write_fixture_config(tmp_path_factory.mktemp("blocks"), Path("/nonexistent/site"))))
    loaded.plugins._current_plugin = None  # File.generated asks which plugin is running
    return loaded


@pytest.fixture(scope="module")
def generated():
    return BuildState.render(load_site_data(), docs_dir=ROOT / "docs").pages


def page(config, source: str, path: str) -> Page:
    body, front_matter = meta.get_data(source)
    made = Page(None, File.generated(config, path, content=source), config)
    made.markdown, made.meta = body, front_matter
    return made


def toc(items) -> list:
    return [(item.title, item.id, item.level, toc(item.children)) for item in items]


@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_every_generated_page_renders_as_markdown_would(config, generated, lang, caplog):
    caplog.set_level(logging.ERROR)  # links to pages outside this test's empty file list
    files, split = Files([]), 0
    for generated_page in generated:
        source = generated_page.markdown[lang]
        ordinary, fast = page(config, source, generated_page.norm_src_uri), page(config, source, generated_page.norm_src_uri)
        ordinary.render(config, files)
        mkdocs_glue.render_generated(fast, config, files)
        where = f"{lang}: {generated_page.norm_src_uri}"
        assert fast.content == ordinary.content, where
        assert toc(fast.toc) == toc(ordinary.toc), where
        assert fast.title == ordinary.title and fast.present_anchor_ids == ordinary.present_anchor_ids, where
        split += page_blocks.split(fast.markdown) is not None
    assert split >= 0.95 * len(generated)  # nearly all take the fast way (the rest have Markdown lists)


def test_a_page_with_other_markdown_is_not_split():
    assert page_blocks.split("# Title\n\n<div>\n<p>x</p>\n</div>") == ["# Title", "<div>\n<p>x</p>\n</div>"]
    assert page_blocks.split("# Title\n\n- [a link](../index.md)") is None
    assert page_blocks.split("# Title\n\n<span>inline HTML is a paragraph</span>") is None
    assert page_blocks.split("# Title\nnot a one-line heading") is None


def test_anchors_are_read_from_the_html_blocks():
    blocks = ["## A { #a }", '<div id="b" data-id="no"><a name="c" href="#b">x</a><p class="x" id="d"></p></div>']
    assert page_blocks.anchors(blocks) == {"b", "c", "d"}
