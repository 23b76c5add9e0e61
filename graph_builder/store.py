"""The built graph in an embedded Oxigraph store, and rdflib views of it.

Why Oxigraph: measured on this project's own synthetic arrangements (docs/benchmarks.md), it
loads a million triples about fifteen times faster than rdflib's default in-memory store, and
answers the named questions tens to hundreds of times faster. The rdflib Graph API is kept on top
of it (``StoreView``, below) for the small lookups the Python code makes; SPARQL text given to that
Graph runs natively in Oxigraph.
"""
from __future__ import annotations

from collections.abc import Generator, Iterable, Iterator, Mapping
from typing import Any, cast

import pyoxigraph as ox
from rdflib import XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.query import Result
from rdflib.store import Store
from rdflib.term import Identifier, Node, Variable

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
    """The rdflib Graph API over the store: lookups and SPARQL text go to Oxigraph (StoreView)."""
    graph = Graph(store=StoreView(store), identifier=DATASET_DEFAULT_GRAPH_ID, bind_namespaces="none")
    return bind_prefixes(graph, base)


def oxigraph_of(graph: Graph) -> ox.Store | None:
    """The Oxigraph store behind a view made by ``store_view``; None for any other graph."""
    return graph.store._inner if isinstance(graph.store, StoreView) else None


class StoreView(Store):
    """The rdflib Store interface over an Oxigraph store: what ``Built.graph`` reads through.

    It does what oxrdflib's OxigraphStore did here (the same terms back: a simple literal with its
    xsd:string datatype, as Oxigraph gives it; SPARQL text given to the Graph runs in Oxigraph),
    without importing rdflib's SPARQL engine: oxrdflib imports it (0.1 s) for two type checks, and
    a question asked of the stored graph, ``can`` and ``explain`` never use it.
    """

    context_aware = True
    formula_aware = False
    transaction_aware = False
    graph_aware = True

    def __init__(self, store: ox.Store):
        self._inner = store
        self._namespace_for_prefix: dict[str, Any] = {}
        self._prefix_for_namespace: dict[Any, str] = {}
        super().__init__()

    def triples(self, triple_pattern: Any, context: Graph | None = None) -> Iterator[tuple[Any, Iterator[Graph]]]:
        try:
            s, p, o = (_to_ox(term) for term in triple_pattern)
            found = self._inner.quads_for_pattern(s, p, o, _to_ox(context))
        except (TypeError, ValueError):  # a literal as subject, say: nothing matches
            return iter(())
        return (((_from_ox(q.subject), _from_ox(q.predicate), _from_ox(q.object)), iter((self._graph(q.graph_name),)))
                for q in found)

    def _graph(self, name: Any) -> Graph:
        if isinstance(name, ox.DefaultGraph):
            return Graph(store=self, identifier=DATASET_DEFAULT_GRAPH_ID)
        return Graph(store=self, identifier=_from_ox(name))

    def __len__(self, context: Graph | None = None) -> int:
        options: dict[str, Any] = {"use_default_graph_as_union": True} if context is None else {"default_graph": _to_ox(context)}
        solutions = self._inner.query("SELECT (COUNT(DISTINCT TRIPLE(?s, ?p, ?o)) AS ?c) WHERE { ?s ?p ?o }", **options)
        assert isinstance(solutions, ox.QuerySolutions)
        return int(next(solutions)[0].value)

    def contexts(self, triple: Any = None) -> Generator[Graph, None, None]:
        if triple is None:
            return (self._graph(g) for g in self._inner.named_graphs())
        s, p, o = (_to_ox(t) for t in triple)
        return (self._graph(q.graph_name) for q in self._inner.quads_for_pattern(s, p, o))

    def add(self, triple: Any, context: Graph, quoted: bool = False) -> None:
        if quoted:
            raise ValueError("Oxigraph stores are not formula aware")
        s, p, o = (_to_ox(t) for t in triple)
        self._inner.add(ox.Quad(s, p, o, _to_ox(context)))
        super().add(triple, context, quoted)

    def addN(self, quads: Iterable[Any]) -> None:  # noqa: N802 - rdflib's name
        quads = list(quads)
        self._inner.extend([ox.Quad(_to_ox(s), _to_ox(p), _to_ox(o), _to_ox(g)) for s, p, o, g in quads])
        for s, p, o, g in quads:
            super().add((s, p, o), g)

    def remove(self, triple: Any, context: Graph | None = None) -> None:
        s, p, o = (_to_ox(t) for t in triple)
        for quad in list(self._inner.quads_for_pattern(s, p, o, _to_ox(context))):
            self._inner.remove(quad)
        super().remove(triple, context)

    def query(self, query: Any, initNs: Mapping[str, Any], initBindings: Mapping[str, Any],  # noqa: N803 - rdflib's names
              queryGraph: Any, **kwargs: object) -> Result:
        if not isinstance(query, str) or kwargs:  # rdflib then runs it with its own engine
            offline_rdflib_sparql()
            raise NotImplementedError("only SPARQL text, without options, runs in the Oxigraph store")
        options: dict[str, Any] = {"use_default_graph_as_union": True} if queryGraph == "__UNION__" else {}
        result = self._inner.query(query, prefixes={**self._namespace_for_prefix, **initNs},
                                   substitutions={ox.Variable(k): _to_ox(v) for k, v in initBindings.items()}, **options)
        if isinstance(result, ox.QueryBoolean):
            out = Result("ASK")
            out.askAnswer = bool(result)
        elif isinstance(result, ox.QueryTriples):
            out = Result("CONSTRUCT")
            out.graph = Graph()
            out.graph += ((_from_ox(t.subject), _from_ox(t.predicate), _from_ox(t.object)) for t in result)
        else:
            out = Result("SELECT")
            out.vars = [Variable(v.value) for v in result.variables]
            out.bindings = [{v: _from_ox(value) for v, value in zip(out.vars, row) if value is not None} for row in result]
        return out

    def update(self, update: Any, initNs: Mapping[str, Any], initBindings: Mapping[str, Any],  # noqa: N803
               queryGraph: Any, **kwargs: object) -> None:
        if not isinstance(update, str) or initBindings or kwargs:
            raise NotImplementedError("only SPARQL text, without bindings or options, runs in the Oxigraph store")
        self._inner.update(update, prefixes={**self._namespace_for_prefix, **initNs})

    def bind(self, prefix: str, namespace: URIRef, override: bool = True) -> None:
        if not override and (prefix in self._namespace_for_prefix or namespace in self._prefix_for_namespace):
            return
        for old in [n for p, n in self._namespace_for_prefix.items() if p == prefix]:
            del self._prefix_for_namespace[old]
        for old in [p for n, p in self._prefix_for_namespace.items() if n == namespace]:
            del self._namespace_for_prefix[old]
        self._namespace_for_prefix.pop(prefix, None)
        self._namespace_for_prefix[prefix] = namespace
        self._prefix_for_namespace[namespace] = prefix

    def prefix(self, namespace: URIRef) -> str | None:
        return self._prefix_for_namespace.get(namespace)

    def namespace(self, prefix: str) -> URIRef | None:
        return self._namespace_for_prefix.get(prefix)

    def namespaces(self) -> Iterator[tuple[str, URIRef]]:
        yield from self._namespace_for_prefix.items()


def _to_ox(term: Any) -> Any:
    """An rdflib term (or a Graph, for its name) as Oxigraph's; None stays None (a wildcard)."""
    if term is None:
        return None
    if isinstance(term, Graph):
        term = term.identifier
    if term == DATASET_DEFAULT_GRAPH_ID:
        return ox.DefaultGraph()
    if isinstance(term, URIRef):
        return ox.NamedNode(term)
    if isinstance(term, BNode):
        return ox.BlankNode(term)
    if isinstance(term, Literal):
        return ox.Literal(term, language=term.language, datatype=ox.NamedNode(term.datatype) if term.datatype else None)
    raise ValueError(f"not an RDF term: {term!r}")


def _from_ox(term: Any) -> Any:
    """Oxigraph's term as rdflib's, as oxrdflib gives it (a simple literal keeps its xsd:string datatype)."""
    if isinstance(term, ox.NamedNode):
        return _iri(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=_iri(term.datatype.value))
    if isinstance(term, ox.Triple):
        return _from_ox(term.subject), _from_ox(term.predicate), _from_ox(term.object)
    raise ValueError(f"not an Oxigraph term: {term!r}")



OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


class RdflibTerms:
    """Oxigraph terms as rdflib terms, each distinct term made once.

    Why not oxrdflib's converter (which this replaced): a long answer repeats the same records and
    labels row after row, and rdflib checks every IRI it is given again (5 microseconds each). At 1M
    triples that check was most of the time of a 12,000-row listing. The store has already checked
    its IRIs (StoreView skips the check too).
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
    return cast(Identifier, _from_ox(term))  # a quoted triple (RDF 1.2): rare


def memory_graph(data: bytes, base: str) -> Graph:
    """The data alone in rdflib's own in-memory store (for pySHACL and the reasoner's input)."""
    offline_rdflib_sparql()
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
