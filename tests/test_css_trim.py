"""Material's stylesheet trimmed to what the pages use (hulproute/css_trim.py): the rules on both
sides of every keep-or-drop decision. tests/test_browser_stylesheet.py checks in Chromium that
the built pages look exactly as they do with Material's whole sheet."""
from __future__ import annotations

from hulproute import css_trim

PAGE = ('<html dir="rtl"><body><nav class="md-nav md-nav--primary" id="nav" data-md-level="0">'
        '<a class="md-nav__link" href="/">x</a><input type="checkbox" hidden></nav></body></html>')


def used(html: str = PAGE, script: str = "") -> css_trim.UsedNames:
    names = css_trim.UsedNames()
    names.add_html(html)
    names.add_script(script)
    return names


def trimmed(css: str, **kwargs) -> str:
    return css_trim.trim(css, used(**kwargs))


def test_a_rule_is_kept_when_a_page_uses_all_it_names():
    assert trimmed(".md-nav .md-nav__link{color:red}") == ".md-nav .md-nav__link{color:red}"
    assert trimmed("#nav>a{color:red}") == "#nav>a{color:red}"
    assert trimmed("[dir=rtl] .md-nav{left:0}") == "[dir=rtl] .md-nav{left:0}"
    assert trimmed("nav a[href]{color:red}") == "nav a[href]{color:red}"


def test_a_rule_naming_anything_no_page_has_is_dropped():
    for rule in (".md-search{color:red}", ".md-nav .md-tabs{color:red}", "#search{color:red}",
                 "[data-md-color-scheme=slate] .md-nav{color:red}", "table{color:red}"):
        assert trimmed(rule) == "", rule


def test_only_the_selectors_that_may_match_stay_in_a_list():
    assert trimmed(".md-search,.md-nav,pre code{color:red}") == ".md-nav{color:red}"


def test_pseudo_classes_and_elements_ask_for_nothing_but_what_they_qualify():
    assert trimmed(".md-nav__link:hover:after{x:1}") == ".md-nav__link:hover:after{x:1}"
    assert trimmed("input:checked~.md-nav{x:1}") == "input:checked~.md-nav{x:1}"
    assert trimmed(".md-nav:not(.md-tabs){x:1}") == ".md-nav:not(.md-tabs){x:1}"  # matches by absence
    assert trimmed(".md-nav:is(.md-tabs,.md-search){x:1}") == ".md-nav:is(.md-tabs,.md-search){x:1}"
    assert trimmed(".md-tabs:hover{x:1}") == ""


def test_media_blocks_keep_their_matching_rules_and_vanish_when_empty():
    css = "@media screen and (min-width:60em){.md-nav{x:1}.md-tabs{x:2}}@media print{.md-tabs{x:3}}"
    assert trimmed(css) == "@media screen and (min-width:60em){.md-nav{x:1}}"


def test_other_at_rules_stay_whole():
    css = "@keyframes spin{0%{x:0}to{x:1}}@page{margin:0}"
    assert trimmed(css) == css


def test_names_a_script_may_set_count_as_used():
    assert trimmed(".md-dialog--active{x:1}") == ""
    assert trimmed(".md-dialog--active{x:1}", script='el.classList.add("md-dialog--active")') == ".md-dialog--active{x:1}"


def test_a_class_a_script_completes_at_run_time_counts_as_used():
    css = ".hr-choice--link{x:1}.hr-other--link{x:2}"
    assert trimmed(css, script='el.className = "hr-choice--" + kind;') == ".hr-choice--link{x:1}"


def test_custom_properties_stay_only_when_something_kept_reads_them():
    css = (":root{--used:red;--chain:var(--used);--unused:url(x);--only-by-dropped:blue}"
           ".md-nav{color:var(--chain)}.md-tabs{color:var(--only-by-dropped)}")
    assert trimmed(css) == ":root{--used:red;--chain:var(--used)}.md-nav{color:var(--chain)}"
    assert css_trim.trim(css, used(), [".ours{color:var(--unused)}"]) == (
        ":root{--used:red;--chain:var(--used);--unused:url(x)}.md-nav{color:var(--chain)}")


def test_important_and_values_survive_unchanged():
    css = '.md-nav{margin:0 auto!important;background:url("data:image/svg+xml;a,<svg/>")}'
    assert trimmed(css) == css
