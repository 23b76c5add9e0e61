"""Source errors: where the problem is, what is wrong, and how to fix it."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..common.errors import GovgraphError


@dataclass(frozen=True)
class SourceProblem:
    """One problem in a source file, reported as ``file:line: field: problem (fix)``."""

    file: Path | None
    line: int | None
    field: str | None
    problem: str
    fix: str

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
        }


class SourceError(GovgraphError):
    """Raised with every problem found in the sources; nothing is written when it is raised."""

    def __init__(self, problems: list[SourceProblem]):
        self.problems = sorted(
            problems, key=lambda p: (str(p.file or ""), p.line or 0, p.field or "", p.problem)
        )
        super().__init__("\n".join(str(p) for p in self.problems))
