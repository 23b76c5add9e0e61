"""Build a governance arrangement from source files into RDF and networkx.

>>> from govgraph.graph_builder import load_arrangement
>>> built = load_arrangement()          # the built-in dataset
>>> built.graph                         # rdflib Graph API over the embedded store: data + ontology
>>> built.ntriples                      # the data as sorted N-Triples (what `govgraph build` writes)
>>> built.network                       # networkx.MultiDiGraph view
"""
from __future__ import annotations

import gc
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
from rdflib import Graph, URIRef

from ..common.progress import SILENT, Reporter
from ..datasets import builtin_path
from ..ontology import ontology_graph
from .errors import SourceError, SourceProblem
from .network import to_network
from .rdf import to_ntriples
from .records import Arrangement, Record, read_arrangement
from .store import load_store, memory_graph, store_view

__all__ = ["Built", "load_arrangement", "settle", "SourceError", "SourceProblem", "builtin_path"]


@dataclass
class Built:
    """One built arrangement: its records, its data as N-Triples, and (made when first asked for)
    the embedded store, the rdflib views and the network view."""

    arrangement: Arrangement
    ntriples: bytes

    @cached_property
    def triples(self) -> int:
        """How many data triples (the ontology not counted)."""
        return self.ntriples.count(b"\n")

    @cached_property
    def store(self) -> ox.Store:
        """Oxigraph, in memory: data and ontology in the default graph (what queries and rules see)."""
        return load_store(self.ntriples)

    @cached_property
    def graph(self) -> Graph:
        """The rdflib Graph API over ``store`` (data plus ontology); SPARQL text runs in Oxigraph."""
        return store_view(self.store, self.arrangement.base)

    @cached_property
    def data_graph(self) -> Graph:
        """The data alone, in rdflib's in-memory store (pySHACL and the reasoner read this)."""
        return memory_graph(self.ntriples, self.arrangement.base)

    @cached_property
    def network(self) -> nx.MultiDiGraph:
        return to_network(self.graph)

    @cached_property
    def ontology(self) -> Graph:
        return ontology_graph()

    def with_ontology(self) -> Graph:
        """A new in-memory rdflib graph of data plus ontology, free to change (for notebooks and tests)."""
        merged = ontology_graph()
        merged += self.data_graph
        return merged

    def iri(self, record_id: str) -> URIRef:
        return URIRef(self.arrangement.base + record_id)

    def record_of(self, iri: URIRef | str) -> Record | None:
        """The source record behind an IRI (for file and line in messages)."""
        text = str(iri)
        if not text.startswith(self.arrangement.base):
            return None
        return self.arrangement.records.get(text[len(self.arrangement.base):])


def load_arrangement(sources: list[Path] | None = None, progress: Reporter = SILENT) -> Built:
    """Read, validate and build an arrangement; no sources means the built-in dataset."""
    arrangement = read_arrangement(list(sources) if sources else [builtin_path()], progress)
    with progress.task(f"Making triples of {len(arrangement.records):,} records"):
        return Built(arrangement, to_ntriples(arrangement))


def settle() -> None:
    """Take every object loaded so far out of the garbage collector's rounds, for the rest of the process.

    For a program that loads one arrangement and keeps it (each CLI command, ``govgraph serve``).
    Why: a large arrangement is millions of long-lived Python objects, and each full collection
    walks them all. A long answer makes a hundred thousand terms and set off several: at 1M triples
    that was 0.35 s of a 0.8 s listing. Not done by ``load_arrangement`` itself, because a frozen
    object that later becomes part of a garbage cycle is never freed (a notebook reloading a large
    arrangement would keep every old copy).
    """
    gc.freeze()
