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

    def __str__(self) -> str:
        return (
            f"{self.file}: record {self.record}, field '{self.field}': {self.problem}\n"
            f"    fix: {self.fix}"
        )


class DataError(Exception):
    """Raised when data files are invalid; carries every problem found, not just the first."""

    def __init__(self, problems: list[DataProblem]) -> None:
        self.problems = problems
        count = len(problems)
        header = f"{count} problem{'s' if count != 1 else ''} in the data; nothing was built:"
        super().__init__("\n".join([header, *(f"  - {p}" for p in problems)]))
