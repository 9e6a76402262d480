"""One error type for bad data, so every message names file, record, field, problem and fix."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DataProblem:
    """A single thing wrong in a data file, phrased for the person who has to fix it."""

    file: str
    record: str
    field: str
    problem: str
    fix: str
    # 'nl' for files municipal staff edit (hulproute/messages_nl.py): the labels are Dutch too.
    language: str = "en"

    def __str__(self) -> str:
        if self.language == "nl":
            return (f"{self.file}: vermelding {self.record}, veld '{self.field}': {self.problem}\n"
                    f"    oplossing: {self.fix}")
        return (
            f"{self.file}: record {self.record}, field '{self.field}': {self.problem}\n"
            f"    fix: {self.fix}"
        )


class SiteError(Exception):
    """A failure the person building can fix: what is wrong, where, and the fix.

    The build prints it without a traceback (hulproute.mkdocs_glue.reported); anything else that
    escapes is a bug in Hulproute and is reported as one.
    """

    def __init__(self, problem: str, fix: str) -> None:
        self.problem, self.fix = problem, fix
        super().__init__(f"{problem}\n    fix: {fix}")


class DataError(SiteError):
    """Raised when data files are invalid; carries every problem found, not just the first."""

    def __init__(self, problems: list[DataProblem]) -> None:
        self.problems = problems
        count = len(problems)
        header = f"{count} problem{'s' if count != 1 else ''} in the data; nothing was built:"
        Exception.__init__(self, "\n".join([header, *(f"  - {p}" for p in problems)]))


class ContentError(SiteError):
    """Hand-written pages break a content rule; carries every problem (hulproute.content.lint)."""

    def __init__(self, problems: list) -> None:
        self.problems = problems
        count = len(problems)
        header = f"{count} problem{'s' if count != 1 else ''} in docs/; nothing was built:"
        Exception.__init__(self, "\n".join([header, *(f"  - {p}" for p in problems)]))
