"""Names, sources and source lines of the things a finding is about."""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from rdflib import RDFS, Graph, URIRef

from ..graph_builder import RecordPlace
from ..ontology import GG

PlaceLookup = Callable[[URIRef], "RecordPlace | None"]


def display_path(path: Path) -> str:
    """Relative to the working folder when inside it (shorter, and what SARIF viewers expect)."""
    try:
        return os.path.relpath(path) if not os.path.relpath(path).startswith("..") else str(path)
    except ValueError:  # another drive on Windows
        return str(path)


class Describer:
    """Looks up labels, gg:hasSource labels and file:line for IRIs of one graph."""

    def __init__(self, graph: Graph, place_of: PlaceLookup | None = None):
        self.graph = graph
        self.place_of = place_of or (lambda iri: None)

    def label(self, node: URIRef) -> str:
        label = self.graph.value(node, RDFS.label)
        if label is not None:
            return str(label)
        text = str(node)
        return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1] or text

    def sources(self, nodes: Iterable[URIRef]) -> tuple[str, ...]:
        labels = {str(self.graph.value(src, RDFS.label) or src)
                  for node in nodes for src in self.graph.objects(node, GG.hasSource)}
        return tuple(sorted(labels))

    def owner(self, node: URIRef) -> URIRef:
        """The record a node belongs to: itself, or for a date or period node ({record}/date ...) its record."""
        text = str(node)
        while "/" in text:
            if self.place_of(URIRef(text)) is not None:
                return URIRef(text)
            text = text.rsplit("/", 1)[0]
        return node

    def name(self, node: URIRef) -> str:
        """The label in quotes, prefixed by its record's label for a date or period node."""
        owner = self.owner(node)
        return f'"{self.label(node)}"' if owner == node else f'"{self.label(owner)}" ({self.label(node)})'

    def location(self, node: URIRef) -> tuple[str | None, int | None]:
        place = self.place_of(self.owner(node))
        if place is None:
            return None, None
        return display_path(place.file), place.line
