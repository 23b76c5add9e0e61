"""The map's style table (styles.yaml): how each kind of record and link is drawn and described,
which sections collapse into counted groups, and how the details panel orders a record's links."""
from __future__ import annotations

from dataclasses import dataclass, fields
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True)
class NodeStyle:
    shape: str
    colour: str
    border: str
    legend: str
    font: str = "#1a1a1a"
    border_width: float = 1.5
    dashes: list[int] | bool = False  # the outline's pattern, so kinds differ without colour
    radius: float = 0  # rounded corners of a box
    group: str = ""  # the name of a collapsed group of these records ("Behaviours")

    @property
    def signature(self) -> tuple:
        """What tells this kind apart without colour: shape, outline pattern, outline width, corners."""
        return (self.shape, str(self.dashes), self.border_width, self.radius)


@dataclass(frozen=True)
class LinkStyle:
    colour: str
    width: float
    dashes: list[int] | bool
    label: str
    legend: str


@dataclass(frozen=True)
class PanelGroup:
    """One heading of the details panel: link kinds, told from the link's start or its end."""

    kinds: list[str]
    start: str  # heading when the record is where the link starts ("Sits on")
    end: str  # heading when the record is where the link ends ("Who sits on it")


@dataclass(frozen=True)
class StyleTable:
    sections: dict[str, dict[str, Any]]
    kinds: dict[str, dict[str, Any]]
    links: dict[str, LinkStyle]
    collapse: dict[str, str]
    group_style: dict[str, Any]
    panel: list[PanelGroup]

    def node(self, section: str, kind: str) -> NodeStyle:
        """The section's style with the kind's overrides; unknown sections fall back to 'other'."""
        merged = {**self.sections.get(section, self.sections["other"]), **self.kinds.get(kind, {})}
        names = {f.name for f in fields(NodeStyle)}
        return NodeStyle(**{k: v for k, v in merged.items() if k in names})

    def link(self, kind: str) -> LinkStyle:
        if kind not in self.links:
            raise KeyError(f"no style for link kind '{kind}': add it to visuals/styles.yaml")
        return self.links[kind]


@lru_cache(maxsize=1)
def load_styles() -> StyleTable:
    data = yaml.safe_load(resources.files("govgraph.visuals").joinpath("styles.yaml").read_text("utf-8"))
    return StyleTable(sections=data["nodes"]["sections"], kinds=data["nodes"]["kinds"],
                      links={kind: LinkStyle(**row) for kind, row in data["links"].items()},
                      collapse=data["collapse"], group_style=data["nodes"]["group"],
                      panel=[PanelGroup(row["kinds"], row["start"], row["end"]) for row in data["panel"]])
