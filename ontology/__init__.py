"""The govgraph OWL ontology: its source file, and loaders for rdflib."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from rdflib import Graph, Namespace

GG = Namespace("https://w3id.org/govgraph/ontology#")
ONTOLOGY_IRI = "https://w3id.org/govgraph/ontology"


def source_path() -> Path:
    """Path of govgraph.ttl, the single source of truth of the ontology."""
    return Path(str(resources.files("govgraph.ontology").joinpath("govgraph.ttl")))


@lru_cache(maxsize=1)
def _parsed() -> Graph:
    return Graph().parse(source_path(), format="turtle")


def ontology_graph() -> Graph:
    """A fresh copy of the ontology as an rdflib graph (callers may add to it)."""
    graph = Graph(bind_namespaces="none")
    for prefix, ns in _parsed().namespaces():
        graph.bind(prefix, ns)
    for triple in _parsed():
        graph.add(triple)
    return graph
