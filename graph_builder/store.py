"""The built graph in an embedded Oxigraph store, and rdflib views of it.

Why Oxigraph: measured on this project's own synthetic arrangements (docs/benchmarks.md), it
loads a million triples about fifteen times faster than rdflib's default in-memory store, and
answers the named questions tens to hundreds of times faster. The rdflib Graph API is kept on top
of it (through oxrdflib) for the small lookups the Python code makes; SPARQL text given to that
Graph runs natively in Oxigraph.
"""
from __future__ import annotations

from typing import cast

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from oxrdflib._converter import from_ox
from rdflib import XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Identifier, Node

from ..ontology import source_path
from .rdf import PREFIXES


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
    graph = Graph(store=OxigraphStore(store=store), identifier=DATASET_DEFAULT_GRAPH_ID, bind_namespaces="none")
    return bind_prefixes(graph, base)


def oxigraph_of(graph: Graph) -> ox.Store | None:
    """The Oxigraph store behind a view made by ``store_view``; None for any other graph."""
    return graph.store._inner if isinstance(graph.store, OxigraphStore) else None


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
    return cast(Identifier, from_ox(term))  # a quoted triple (RDF 1.2): rare, left to oxrdflib


def memory_graph(data: bytes, base: str) -> Graph:
    """The data alone in rdflib's own in-memory store (for pySHACL and the reasoner's input)."""
    graph = bind_prefixes(Graph(bind_namespaces="none"), base)
    graph.parse(data=data, format="nt")
    return graph


class Facts:
    """``value`` and ``objects`` as rdflib's Graph has them, for named subjects, answered from an
    index of each property read from the store once, in one scan (for the network and map views).

    Why: the map of a large arrangement asks a few facts of every record and link (label,
    sources, period, status ...). One store lookup each was 850,000 lookups at a million triples,
    most of the 30 s a map took; one scan of the property's index reads them all in well under a
    second. The objects of a subject come in the store's own order, as Graph.value gives them.
    """

    def __init__(self, store: ox.Store):
        self._store = store
        self._terms = RdflibTerms()
        self._index: dict[str, dict[str, list[OxTerm]]] = {}

    def _of(self, predicate: URIRef) -> dict[str, list[OxTerm]]:
        key = str(predicate)  # a URIRef is never equal to the str it spells (rdflib compares types)
        found = self._index.get(key)
        if found is None:
            found = self._index[key] = {}
            for quad in self._store.quads_for_pattern(None, ox.NamedNode(predicate), None, ox.DefaultGraph()):
                if isinstance(quad.subject, ox.NamedNode):
                    found.setdefault(quad.subject.value, []).append(quad.object)
        return found

    def objects(self, subject: Node | None, predicate: URIRef) -> list[Node]:
        if not isinstance(subject, URIRef):
            return []
        return [cast(Identifier, self._terms(term)) for term in self._of(predicate).get(str(subject), ())]

    def value(self, subject: Node | None, predicate: URIRef) -> Node | None:
        found = self.objects(subject, predicate)
        return found[0] if found else None
