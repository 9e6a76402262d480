"""Material's stylesheet without the rules no page of this site can use (issue 16).

Material's main.css is 138 KB (23 KB gzip) and blocks the first paint of every page; this site uses
a small part of it (no code blocks, tabs, search overlay, palette switch, ...). After the build we
know every class, id, attribute and element the pages and our scripts can produce, and keep a rule
only when one of its selectors could match: PurgeCSS's method, conservative by design.

A selector is kept unless it names a class, id, attribute or element that appears nowhere. What is
inside :not(), :is(), :where() and :has() is not required (it may match by absence, or list
alternatives), and every at-rule other than @media and @supports (@keyframes, @font-face, @page) is
kept whole. Custom properties stay, since a kept rule may read any of them.

The trimmed text goes inside every page (hulproute.theme_assets), so no browser can hold an older
trim for a page that needs more.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

import tinycss2
from tinycss2 import ast

# Material's fingerprinted main stylesheet, as the theme links it.
MATERIAL_CSS = re.compile(r"assets/stylesheets/main\.[0-9a-f]{8}\.min\.css")
_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>")
_ATTRIBUTE = re.compile(r"([^\s=/>\"']+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+))?")
# Words in a script's string literals: a class or attribute it may set at run time.
_SCRIPT_WORD = re.compile(r"[A-Za-z_][\w-]*")
_SCRIPT_STRING = re.compile(r"\"([^\"\\\n]*)\"|'([^'\\\n]*)'|`([^`\\]*)`")
_NESTED = {"media", "supports"}
_VAR = re.compile(r"var\(\s*(--[\w-]+)")


@dataclass
class UsedNames:
    """Everything a selector may ask for that the site's pages and scripts contain."""

    elements: set[str] = field(default_factory=set)
    classes: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    attributes: set[str] = field(default_factory=set)
    # Class beginnings a script completes at run time ("hr-route-choice--" + kind).
    class_prefixes: set[str] = field(default_factory=set)

    # Tags already read: the ~11,000 pages of a build repeat their templates' tags, and a tag is
    # read once (a quarter of the time of reading every tag of every page).
    _seen_tags: set[tuple[str, str]] = field(default_factory=set, repr=False)

    def add_html(self, html: str) -> None:
        for element, attributes in set(_TAG.findall(html)) - self._seen_tags:
            self._seen_tags.add((element, attributes))
            self.elements.add(element.lower())
            for attribute in _ATTRIBUTE.finditer(attributes):
                name, value = attribute.group(1).lower(), (attribute.group(2) or "").strip("\"'")
                self.attributes.add(name)
                if name == "class":
                    self.classes.update(value.split())
                elif name == "id":
                    self.ids.add(value)

    def add_script(self, script: str) -> None:
        """A script may create any element, class, id or attribute named in its strings, and any
        class that begins with a string ending in - or _ (it adds the rest at run time)."""
        for literal in _SCRIPT_STRING.finditer(script):
            for word in _SCRIPT_WORD.findall("".join(part or "" for part in literal.groups())):
                if word.endswith(("-", "_")):
                    self.class_prefixes.add(word)
                self.elements.add(word.lower())
                self.classes.add(word)
                self.ids.add(word)
                self.attributes.add(word.lower())

    def allows(self, selector: list[ast.Node]) -> bool:
        """Could this (comma-free) selector match an element built from these names?"""
        previous: ast.Node | None = None
        for token in selector:
            if isinstance(token, ast.IdentToken):
                if isinstance(previous, ast.LiteralToken) and previous.value == ".":
                    if token.value not in self.classes and not token.value.startswith(tuple(self.class_prefixes)):
                        return False
                elif not (isinstance(previous, ast.LiteralToken) and previous.value in (":", "|")):
                    if token.lower_value not in self.elements:
                        return False
            elif isinstance(token, ast.HashToken):
                if token.value not in self.ids:
                    return False
            elif isinstance(token, ast.SquareBracketsBlock):
                name = next((t for t in token.content if isinstance(t, ast.IdentToken)), None)
                if name is not None and name.lower_value not in self.attributes:
                    return False
            # Function blocks (:not(), :nth-child(), :lang()) ask for nothing: they are skipped.
            previous = None if isinstance(token, ast.WhitespaceToken) else token
        return True


def _selectors(prelude: list[ast.Node]) -> list[list[ast.Node]]:
    selectors: list[list[ast.Node]] = [[]]
    for token in prelude:
        if isinstance(token, ast.LiteralToken) and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return selectors


@dataclass
class _Rule:
    """A kept style rule: the selectors that may match, and its declarations."""

    selectors: str
    declarations: list[ast.Declaration]


@dataclass
class _Group:
    """A kept @media or @supports block and the rules kept inside it."""

    head: str
    children: list[_Rule | _Group | str]


def _parse(tokens: list[ast.Node]) -> list[ast.Node]:
    return tinycss2.parse_blocks_contents(tokens, skip_comments=True, skip_whitespace=True)


def _kept(rules: Iterable[ast.Node], used: UsedNames) -> list[_Rule | _Group | str]:
    kept: list[_Rule | _Group | str] = []
    for rule in rules:
        if isinstance(rule, ast.QualifiedRule):
            selectors = [s for s in _selectors(rule.prelude) if used.allows(s)]
            if selectors:
                declarations = [d for d in _parse(rule.content) if isinstance(d, ast.Declaration)]
                kept.append(_Rule(",".join(tinycss2.serialize(s).strip() for s in selectors), declarations))
        elif isinstance(rule, ast.AtRule) and rule.lower_at_keyword in _NESTED and rule.content is not None:
            children = _kept(_parse(rule.content), used)
            if children:
                kept.append(_Group(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}", children))
        elif isinstance(rule, ast.AtRule):
            kept.append(rule.serialize())
    return kept


def _declarations(kept: list[_Rule | _Group | str]) -> Iterable[ast.Declaration]:
    for item in kept:
        if isinstance(item, _Rule):
            yield from item.declarations
        elif isinstance(item, _Group):
            yield from _declarations(item.children)


def _read_properties(text: str) -> set[str]:
    return set(_VAR.findall(text))


def _needed_properties(kept: list[_Rule | _Group | str], also_read_by: Iterable[str]) -> set[str]:
    """Custom properties read by a kept declaration (or by our own stylesheets), transitively."""
    defined: dict[str, list[str]] = {}
    needed: set[str] = set()
    for text in also_read_by:
        needed |= _read_properties(text)
    for item in kept:
        if isinstance(item, str):
            needed |= _read_properties(item)
    for declaration in _declarations(kept):
        value = tinycss2.serialize(declaration.value)
        if declaration.name.startswith("--"):
            defined.setdefault(declaration.name, []).append(value)
        else:
            needed |= _read_properties(value)
    pending = list(needed)
    while pending:
        for value in defined.get(pending.pop(), []):
            for name in _read_properties(value) - needed:
                needed.add(name)
                pending.append(name)
    return needed


def _serialize(kept: list[_Rule | _Group | str], needed: set[str]) -> str:
    out: list[str] = []
    for item in kept:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, _Group):
            inner = _serialize(item.children, needed)
            if inner:
                out.append(f"{item.head}{{{inner}}}")
        else:
            body = ";".join(d.serialize() for d in item.declarations
                            if not d.name.startswith("--") or d.name in needed)
            if body:
                out.append(f"{item.selectors}{{{body}}}")
    return "".join(out)


def trim(css: str, used: UsedNames, also_read_by: Iterable[str] = ()) -> str:
    """The stylesheet with only the rules these names can match, and only the custom properties
    those rules (or `also_read_by`, our own stylesheets) read. Comments and the source map go."""
    kept = _kept(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), used)
    return _serialize(kept, _needed_properties(kept, also_read_by))

