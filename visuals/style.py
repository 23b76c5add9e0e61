"""The map's style table (styles.yaml): how each kind of record and link is drawn and described."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

NODE_FIELDS = ("shape", "colour", "border", "font", "legend")


@dataclass(frozen=True)
class NodeStyle:
    shape: str
    colour: str
    border: str
    font: str
    legend: str


@dataclass(frozen=True)
class LinkStyle:
    colour: str
    width: float
    dashes: list[int] | bool
    label: str
    legend: str


@dataclass(frozen=True)
class StyleTable:
    sections: dict[str, dict[str, Any]]
    kinds: dict[str, dict[str, Any]]
    links: dict[str, LinkStyle]

    def node(self, section: str, kind: str) -> NodeStyle:
        """The section's style with the kind's overrides; unknown sections fall back to 'other'."""
        merged = {"font": "#1a1a1a", **self.sections.get(section, self.sections["other"]), **self.kinds.get(kind, {})}
        return NodeStyle(**{name: merged[name] for name in NODE_FIELDS})

    def link(self, kind: str) -> LinkStyle:
        if kind not in self.links:
            raise KeyError(f"no style for link kind '{kind}': add it to visuals/styles.yaml")
        return self.links[kind]


@lru_cache(maxsize=1)
def load_styles() -> StyleTable:
    data = yaml.safe_load(resources.files("govgraph.visuals").joinpath("styles.yaml").read_text("utf-8"))
    return StyleTable(sections=data["nodes"]["sections"], kinds=data["nodes"]["kinds"],
                      links={kind: LinkStyle(**row) for kind, row in data["links"].items()})
