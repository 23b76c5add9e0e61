"""The one finding format shared by every layer (sources, shapes, rules, reasoner)."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

SEVERITIES = ("error", "warning", "info")  # most severe first
LAYERS = ("sources", "shapes", "rules", "reasoner")


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


@dataclass(frozen=True, order=True)
class Entity:
    """A thing a finding is about: its label as printed and its IRI (empty for a source file)."""

    label: str
    iri: str = ""


@dataclass(frozen=True)
class Finding:
    """One problem, phrased for a governance officer, with what to do about it."""

    rule: str
    severity: str
    message: str
    layer: str
    entities: tuple[Entity, ...] = ()
    sources: tuple[str, ...] = ()
    fix: str = ""
    file: str | None = None
    line: int | None = None

    def sort_key(self) -> tuple[Any, ...]:
        return (severity_rank(self.severity), self.rule, self.file or "", self.line or 0,
                tuple(e.iri for e in self.entities), self.message)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["entities"] = [asdict(e) for e in self.entities]
        data["sources"] = list(self.sources)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        return cls(rule=data["rule"], severity=data["severity"], message=data["message"],
                   layer=data["layer"], entities=tuple(Entity(**e) for e in data.get("entities", [])),
                   sources=tuple(data.get("sources", [])), fix=data.get("fix", ""),
                   file=data.get("file"), line=data.get("line"))


@dataclass(frozen=True)
class LayerRun:
    """Whether a layer ran, and if not, why (never a silent skip)."""

    layer: str
    ran: bool
    note: str = ""
    seconds: float = 0.0
    by_choice: bool = False  # the user turned it off (--no-reason, --rules), rather than it failing


@dataclass
class Report:
    """Everything one `govgraph check` run found, in a deterministic order."""

    findings: list[Finding] = field(default_factory=list)
    layers: list[LayerRun] = field(default_factory=list)

    def sorted(self) -> Report:
        unique = sorted(set(self.findings), key=Finding.sort_key)
        return Report(unique, sorted(self.layers, key=lambda r: LAYERS.index(r.layer)))

    def counts(self) -> dict[str, int]:
        return {s: sum(1 for f in self.findings if f.severity == s) for s in SEVERITIES}

    def not_run(self) -> list[LayerRun]:
        return [r for r in self.layers if not r.ran]

    def could_not_run(self) -> list[LayerRun]:
        """Layers that were wanted but could not run (missing Java, unreadable sources)."""
        return [r for r in self.layers if not r.ran and not r.by_choice]
