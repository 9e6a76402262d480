"""Jinja templates compiled once per process, for every environment that loads them from files.

The i18n plugin builds each language with a new Jinja environment, and each language has its own
Renderer (hulproute/render.py): without this, the same templates are compiled six times a build
(Material's ~60 cost about 2 s, ours about 1 s). Jinja checks each entry against the template's
source, so an edited template in the preview is compiled afresh. An entry is keyed by the
template's file, so environments with different settings must not load the same files (the theme's
and ours do not).
"""
from __future__ import annotations

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class CompiledTemplates(BytecodeCache):
    """Compiled templates in memory, shared by environments of one process."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        compiled = self._compiled.get(bucket.key)
        if compiled is not None:
            bucket.bytecode_from_string(compiled)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


# Material's templates and overrides/ (hooks/language.py), and hulproute/templates/ (Renderer).
THEME_TEMPLATES = CompiledTemplates()
PAGE_TEMPLATES = CompiledTemplates()
