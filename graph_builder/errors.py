"""Source errors: where the problem is, what is wrong, and how to fix it."""
from __future__ import annotations

import reprlib
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path

from ..common.errors import GovgraphError

_SHOWN = reprlib.Repr()
_SHOWN.maxstring, _SHOWN.maxother, _SHOWN.maxlevel = 60, 60, 2
_SHOWN.maxlist = _SHOWN.maxtuple = _SHOWN.maxdict = _SHOWN.maxset = 4


def shown(value: object) -> str:
    """A value as a message quotes it: like repr(), but cut short (at most a few dozen characters,
    two levels deep), however large the value is."""
    return _SHOWN.repr(value)


class Stage(IntEnum):
    """How early in reading a problem was found. Problems are shown in this order, so that the
    cause (a file that could not be read) comes before what it set off."""

    FILE = 0  # a file, or a whole section of one, could not be read
    RECORD = 1  # one record or field is wrong
    REFERENCE = 2  # a reference between records does not resolve
    KNOCK_ON = 3  # a one-line summary of references not checked because of an earlier problem


@dataclass(frozen=True)
class SourceProblem:
    """One problem in a source file, reported as ``file:line: field: problem (fix)``."""

    file: Path | None
    line: int | None
    field: str | None
    problem: str
    fix: str
    stage: Stage = Stage.RECORD

    def __str__(self) -> str:
        where = f"{self.file}" if self.file else "<input>"
        if self.line:
            where += f":{self.line}"
        field = f" [{self.field}]" if self.field else ""
        return f"{where}:{field} {self.problem}\n    fix: {self.fix}"

    def as_dict(self) -> dict[str, object]:
        return {
            "file": str(self.file) if self.file else None,
            "line": self.line,
            "field": self.field,
            "problem": self.problem,
            "fix": self.fix,
            "stage": self.stage.name.lower().replace("_", "-"),
        }


class SourceError(GovgraphError):
    """Raised with every problem found in the sources; nothing is written when it is raised.

    ``problems`` come causes first: file-level problems, then records, then references, then the
    summaries of references left unchecked because of an earlier problem."""

    def __init__(self, problems: list[SourceProblem]):
        self.problems = sorted(
            problems, key=lambda p: (p.stage, str(p.file or ""), p.line or 0, p.field or "", p.problem)
        )
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def real(self) -> list[SourceProblem]:
        """The problems themselves, without the knock-on summaries."""
        return [p for p in self.problems if p.stage is not Stage.KNOCK_ON]
