"""Every rule id of every layer, with its severity and what it means (for --list-rules and SARIF)."""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from ..common.errors import GovgraphError
from .findings import LAYERS
from .rules import builtin_rules, logic_rules
from .shapes import shape_rules


@dataclass(frozen=True)
class RuleInfo:
    id: str
    layer: str
    severity: str
    title: str
    fix: str = ""


@lru_cache(maxsize=1)
def catalogue() -> tuple[RuleInfo, ...]:
    """All rules, in layer order then id order."""
    text = resources.files("govgraph.checks").joinpath("catalogue.yaml").read_text(encoding="utf-8")
    others = [RuleInfo(rid, v["layer"], v["severity"], v["title"]) for rid, v in yaml.safe_load(text).items()]
    shapes = [RuleInfo(r.id, "shapes", r.severity, r.title, r.fix) for r in shape_rules()]
    rules = [RuleInfo(r.id, "rules", r.severity, r.title, r.fix) for r in builtin_rules()]
    logic = [RuleInfo(r.id, "reasoner", r.severity, r.title, r.fix) for r in logic_rules()]
    return tuple(sorted(others + shapes + rules + logic, key=lambda r: (LAYERS.index(r.layer), r.id)))


class UnknownRule(GovgraphError, ValueError):
    """--rules named something that is neither a rule id nor a layer."""


@dataclass(frozen=True)
class Selection:
    """Which rules to run: all, or the ids and layers the user named."""

    names: frozenset[str] | None = None

    @classmethod
    def parse(cls, text: str | None) -> Selection:
        if not text:
            return cls()
        names = frozenset(n.strip() for n in text.split(",") if n.strip())
        known = [r.id for r in catalogue()] + list(LAYERS)
        for name in sorted(names):
            if name not in known:
                close = difflib.get_close_matches(name, known, n=3, cutoff=0.5)
                hint = f"; did you mean {', '.join(close)}?" if close else "; see govgraph check --list-rules"
                raise UnknownRule(f"unknown rule or layer {name!r}{hint}")
        return cls(names)

    def wants(self, rule_id: str) -> bool:
        if self.names is None:
            return True
        layer = next(r.layer for r in catalogue() if r.id == rule_id)
        return rule_id in self.names or layer in self.names

    def wants_layer(self, layer: str) -> bool:
        return any(self.wants(r.id) for r in catalogue() if r.layer == layer)

    def names_layer(self, layer: str) -> bool:
        """The user asked for this layer explicitly (by its name or one of its rule ids)."""
        return self.names is not None and self.wants_layer(layer)
