"""The built graph in an embedded Oxigraph store, and rdflib views of it.

Why Oxigraph: measured on this project's own synthetic arrangements (docs/benchmarks.md), it
loads a million triples about fifteen times faster than rdflib's default in-memory store, and
answers the named questions tens to hundreds of times faster. The rdflib Graph API is kept on top
of it (through oxrdflib) for the small lookups the Python code makes; SPARQL text given to that
Graph runs natively in Oxigraph.
"""
from __future__ import annotations

import sys
from typing import cast

import pyoxigraph as ox
from rdflib import XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Identifier

from ..ontology import source_path
from .rdf import PREFIXES


def offline_rdflib_sparql() -> None:
    """Import rdflib's SPARQL engine with its loading of graphs turned off: otherwise it would fetch
    the IRI of a FROM / FROM NAMED clause over the network. Called before any graph govgraph makes
    can be queried by rdflib (and by the safety check), rather than at import, because the engine
    takes 0.1 s to import and a question asked of the stored graph never needs it."""
    import rdflib.plugins.sparql as rdflib_sparql

    rdflib_sparql.SPARQL_LOAD_GRAPHS = False


def bind_prefixes(graph: Graph, base: str) -> Graph:
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    graph.bind("data", Namespace(base))
    return graph


def load_store(data: bytes) -> ox.Store:
    """An in-memory store holding the data (N-Triples) and the ontology, in its default graph."""
    store = ox.Store()
    store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)
    store.bulk_load(source_path().read_bytes(), format=ox.RdfFormat.TURTLE)
    return store


def store_view(store: ox.Store, base: str) -> Graph:
    """The rdflib Graph API over the store: lookups go through oxrdflib, SPARQL text to Oxigraph."""
    # imported here: oxrdflib imports rdflib's SPARQL parser (0.1 s), which no question asked
    # straight of the store needs
    offline_rdflib_sparql()
    from oxrdflib import OxigraphStore

    graph = Graph(store=OxigraphStore(store=store), identifier=DATASET_DEFAULT_GRAPH_ID, bind_namespaces="none")
    return bind_prefixes(graph, base)


def oxigraph_of(graph: Graph) -> ox.Store | None:
    """The Oxigraph store behind a view made by ``store_view``; None for any other graph."""
    made = sys.modules.get("oxrdflib.store")  # not imported yet: no graph can be such a view
    return graph.store._inner if made is not None and isinstance(graph.store, made.OxigraphStore) else None


OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


class RdflibTerms:
    """Oxigraph terms as rdflib terms, each distinct term made once.

    Why not oxrdflib's converter: a long answer repeats the same records and labels row after
    row, and rdflib checks every IRI it is given again (5 microseconds each). At 1M triples that
    check was most of the time of a 12,000-row listing. The store has already checked its IRIs.
    A simple literal comes back without the xsd:string datatype Oxigraph writes out, as rdflib
    itself makes it (Literal("x") and Literal("x", datatype=XSD.string) differ in rdflib).
    """

    def __init__(self) -> None:
        self._made: dict[OxTerm, Identifier] = {}

    def __call__(self, term: OxTerm | None) -> Identifier | None:
        if term is None:
            return None
        made = self._made.get(term)
        if made is None:
            made = self._made[term] = _rdflib_term(term)
        return made


_XSD_STRING = str(XSD.string)


def _iri(value: str) -> URIRef:
    return str.__new__(URIRef, value)  # the store's IRIs are valid: skip rdflib's check


def _rdflib_term(term: OxTerm) -> Identifier:
    if isinstance(term, ox.NamedNode):
        return _iri(term.value)
    if isinstance(term, ox.Literal):
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=_iri(term.datatype.value))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    from oxrdflib._converter import from_ox

    return cast(Identifier, from_ox(term))  # a quoted triple (RDF 1.2): rare, left to oxrdflib


def memory_graph(data: bytes, base: str) -> Graph:
    """The data alone in rdflib's own in-memory store (for pySHACL and the reasoner's input)."""
    offline_rdflib_sparql()
    graph = bind_prefixes(Graph(bind_namespaces="none"), base)
    graph.parse(data=data, format="nt")
    return graph
