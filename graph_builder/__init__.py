"""Build a governance arrangement from source files into RDF and networkx.

>>> from govgraph.graph_builder import load_arrangement
>>> built = load_arrangement()          # the built-in dataset
>>> built.graph                         # rdflib.Graph of the data
>>> built.network                       # networkx.MultiDiGraph view
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import networkx as nx
from rdflib import Graph, URIRef

from govgraph.graph_builder.errors import SourceError, SourceProblem
from govgraph.graph_builder.network import to_network
from govgraph.graph_builder.rdf import to_rdf
from govgraph.graph_builder.records import Arrangement, Record, read_arrangement
from govgraph.ontology import ontology_graph
from govgraph.datasets import builtin_path

__all__ = ["Built", "load_arrangement", "SourceError", "SourceProblem", "builtin_path"]


@dataclass
class Built:
    """One built arrangement: its records, its RDF graph and (lazily) its network view."""

    arrangement: Arrangement
    graph: Graph

    @cached_property
    def network(self) -> nx.MultiDiGraph:
        return to_network(self.graph)

    @cached_property
    def ontology(self) -> Graph:
        return ontology_graph()

    def with_ontology(self) -> Graph:
        """Data plus ontology in one graph (for reasoning or SHACL)."""
        merged = ontology_graph()
        for triple in self.graph:
            merged.add(triple)
        return merged

    def iri(self, record_id: str) -> URIRef:
        return URIRef(self.arrangement.base + record_id)

    def record_of(self, iri: URIRef | str) -> Record | None:
        """The source record behind an IRI (for file and line in messages)."""
        text = str(iri)
        if not text.startswith(self.arrangement.base):
            return None
        return self.arrangement.records.get(text[len(self.arrangement.base):])


def load_arrangement(sources: list[Path] | None = None) -> Built:
    """Read, validate and build an arrangement; no sources means the built-in dataset."""
    arrangement = read_arrangement(list(sources) if sources else [builtin_path()])
    return Built(arrangement, to_rdf(arrangement))
