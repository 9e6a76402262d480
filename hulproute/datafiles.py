"""Reading data files safely: YAML and CSV in, plain values or a precise problem out.

Why not `yaml.safe_load` as it is: it turns `2026-13-45` into a traceback naming no file, it
expands aliases (a small file can expand into gigabytes: the "billion laughs" attack) and it
treats a file holding only comments as a valid empty file. Here:
- dates stay text, so pydantic reports an impossible date against its file, record and field;
- aliases are refused: data files are edited by hand and need none (a shared value is written
  out where it is used);
- a file must be UTF-8; the problem names the line with the first bad byte;
- a file with nothing but comments or blank lines is a problem, not "no data".
"""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

import yaml
from yaml.composer import ComposerError
from yaml.events import AliasEvent

# add(record, field, problem, fix): report one problem about the file being read.
Report = Callable[[str, str, str, str], None]


# libyaml's loader where installed (PyYAML wheels ship it): data/ is about 20,000 lines.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _DataLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """The safe loader, without timestamps: dates stay strings for pydantic to check."""


_DataLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _refuse_aliases(text: str) -> None:
    """Aliases are refused before anything is built from them (a parse pass: no expansion)."""
    for event in yaml.parse(text, Loader=_BaseLoader):
        if isinstance(event, AliasEvent):
            raise ComposerError(None, None, f"found an alias (*{event.anchor})", event.start_mark)


def read_text(path: Path, report: Report) -> Optional[str]:
    """The file's text, or None after reporting a missing, non-UTF-8 or comment-only file."""
    if not path.is_file():
        report("(file)", "(file)", "the file does not exist", "create it or restore it from git (see README)")
        return None
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        report(f"line {line}", "(file)", f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x} on line {line})",
               "save the file as UTF-8 (in most editors: 'Save with encoding' > UTF-8)")
        return None
    text = text.removeprefix("\ufeff")
    return text


def parse_yaml(text: str) -> Any:
    """YAML with the rules above; raises yaml.YAMLError (with a mark) on bad input."""
    _refuse_aliases(text)
    return yaml.load(text, Loader=_DataLoader)  # noqa: S506 - a SafeLoader subclass


def read_yaml(path: Path, report: Report) -> Any:
    """The parsed document, or None after reporting exactly what is wrong with the file."""
    text = read_text(path, report)
    if text is None:
        return None
    try:
        doc = parse_yaml(text)
    except yaml.YAMLError as exc:
        report(*yaml_problem(exc))
        return None
    if doc is None:
        report("(file)", "(file)", "the file holds no data (it is empty or has only comments)",
               "restore its content from git (git checkout -- FILE); an empty list is written as 'key: []'")
    return doc


def yaml_problem(exc: yaml.YAMLError) -> tuple[str, str, str, str]:
    """(record, field, problem, fix) for a YAML syntax error, naming its line and column."""
    mark = getattr(exc, "problem_mark", None)
    where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "(unknown line)"
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    if "alias" in problem:
        return (where, "(syntax)", f"this file uses a YAML alias: {problem}",
                "write the value out in full where it is used; aliases (*name) are not allowed in data files")
    return (where, "(syntax)", f"this is not valid YAML: {problem}",
            "check indentation and quotes on that line; values with ':' or '#' need quotes")


def read_csv(path: Path, columns: Iterable[str], report: Report) -> list[tuple[str, dict[str, str]]]:
    """Rows as (label 'line N', {column: stripped text}); [] after reporting a broken file."""
    columns = tuple(columns)
    text = read_text(path, report)
    if text is None:
        return []
    if not text.strip():
        report("(file)", "(file)", "the file is empty", "run scripts/import_reference_data.py or restore it from git")
        return []
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    missing = [c for c in columns if c not in header]
    if missing:
        report("line 1", ",".join(missing), "column(s) missing from the header", f"the header must be: {','.join(columns)}")
        return []
    rows = []
    try:
        for row in reader:
            if None in row:
                report(f"line {reader.line_num}", "(row)", "this row has more values than the header has columns",
                       "remove the extra values, or put a value containing a comma in double quotes")
                continue
            rows.append((f"line {reader.line_num}", {k: (v or "").strip() for k, v in row.items() if k in columns}))
    except csv.Error as exc:
        report(f"line {reader.line_num}", "(row)", f"this is not valid CSV: {exc}", "check the quotes on that line")
    if not rows:
        report("(file)", "(file)", "the file has a header but no rows", "restore its rows from git")
    return rows
