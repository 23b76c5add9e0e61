"""Ask a SPARQL 1.1 query endpoint instead of the embedded store (`--endpoint URL`).

The endpoint appears as an rdflib Graph (rdflib's SPARQLStore underneath), so the code that
answers questions does not change: SPARQL text goes to the server as it is, and the small
lookups the Python code makes (a label, an object, a path) become small queries. Four things
keep the number of round trips down: every lookup is remembered for the run (the graph is
read-only); a lookup of one property of a node fetches all its properties (the next lookup is
usually another of them: a period's start and end, a date's bounds); labels for a whole result
table are fetched in one query before it is printed; and names are resolved from one table of
every record's id, label and aliases.

The arrangement's base IRI (what `data:` and record ids stand for) comes from SOURCES when given;
otherwise it is read off the graph: source references are `{base}source/{document}/{slug}` and
point to their document `{base}{document}` (graph_builder/rdf.py), so each reference tells its base.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cached_property
from io import BytesIO
from typing import Any, cast
from urllib.parse import urlencode

from rdflib import RDFS, BNode, Graph, Literal, URIRef
from rdflib.namespace import SKOS
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from rdflib.query import Result
from rdflib.term import Identifier

from ..common.errors import GovgraphError
from ..graph_builder import Built
from ..graph_builder.names import resolve
from ..graph_builder.store import bind_prefixes
from ..ontology import GG
from ..queries.engine import Table
from ..queries.questions import Workspace
from . import http_client

# SELECT/ASK as SPARQL JSON (rdflib parses it fastest); CONSTRUCT/DESCRIBE as N-Triples.
ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"
REQUEST_TIMEOUT = 300.0  # per request; `query run` and `sparql` stop sooner with --timeout
LABELS = (RDFS.label, SKOS.prefLabel)
LABEL_BATCH = 400  # IRIs per label query (keeps each request a few tens of kB)
DESCRIBE_BATCH = 200
# Each node's triples, and those of the nodes named under it ({node}/...) one and two steps away.
DESCRIBE = """SELECT ?s ?p ?o WHERE {
  { VALUES ?s { $NODES } ?s ?p ?o }
  UNION { VALUES ?r { $NODES } ?r ?p1 ?s FILTER(isIRI(?s) && STRSTARTS(STR(?s), CONCAT(STR(?r), "/"))) ?s ?p ?o }
  UNION { VALUES ?r { $NODES } ?r ?p1 ?n FILTER(isIRI(?n) && STRSTARTS(STR(?n), CONCAT(STR(?r), "/")))
          ?n ?p2 ?s FILTER(isIRI(?s) && STRSTARTS(STR(?s), CONCAT(STR(?r), "/"))) ?s ?p ?o }
}"""


class EndpointStore(SPARQLStore):
    """rdflib's read-only SPARQLStore, talking through http_client (no proxies, no redirects,
    real error messages), remembering each lookup for the rest of the run and fetching a node's
    properties together."""

    def __init__(self, url: str, timeout: float = REQUEST_TIMEOUT):
        super().__init__(url, returnFormat="json")
        self.timeout = timeout
        self.memo: dict[tuple[Any, Any, Any], list[tuple[Any, Any, Any]]] = {}
        self.returned: set[URIRef] = set()  # IRIs the last SELECT returned, not yet described

    def query(self, *args: Any, **kwargs: Any) -> Result:  # type: ignore[override]
        result = super().query(*args, **kwargs)
        if result.type == "SELECT":
            self.returned = {t for row in result for t in row if isinstance(t, URIRef)}  # type: ignore[union-attr]
        return result

    def _query(self, query: str, default_graph: Any = None, named_graph: Any = None) -> Result:  # type: ignore[override]
        self._queries += 1
        params = {"query": query}
        if default_graph is not None and not isinstance(default_graph, BNode):
            params["default-graph-uri"] = str(default_graph)
        _status, headers, response = http_client.request(
            "POST", self.query_endpoint or "", urlencode(params).encode("utf-8"),
            {"Content-Type": "application/x-www-form-urlencoded", "Accept": ACCEPT}, self.timeout)
        try:
            with response:
                data = response.read()
        except (TimeoutError, OSError) as exc:
            raise http_client.Unreachable(f"{self.query_endpoint}: the answer stopped coming ({exc})") from exc
        return Result.parse(BytesIO(data), content_type=headers.get_content_type())

    def triples(self, spo, context=None) -> Iterator[tuple[Any, None]]:  # type: ignore[no-untyped-def, override]
        s, p, o = spo
        if spo not in self.memo and isinstance(s, URIRef) and p is not None:
            # One request for all of a node's properties: the next lookup is usually another of them.
            described = self._describe(s, context)
            self.memo[spo] = [t for t in described if t[1] == p and (o is None or t[2] == o)]
        if spo not in self.memo:
            self.memo[spo] = [triple for triple, _ in super().triples(spo, context)]
        for triple in self.memo[spo]:
            yield triple, None

    def _describe(self, subject: URIRef, context: Any) -> list[tuple[Any, Any, Any]]:
        key = (subject, None, None)
        if key not in self.memo and subject in self.returned:
            self._describe_returned(context)
        if key not in self.memo:
            self.memo[key] = [triple for triple, _ in super().triples(key, context)]
        return self.memo[key]

    def _describe_returned(self, context: Any) -> None:
        """Describe every IRI the last query returned, with the nodes that hang off each
        ({record}/date, {record}/valid-during/from ...), in a few batched requests: looking up one
        row's record (to check --as-of, say) means the other rows' are next."""
        nodes = sorted(self.returned - {s for s, p, o in self.memo if p is None and o is None})
        self.returned = set()
        for start in range(0, len(nodes), DESCRIBE_BATCH):
            batch = nodes[start:start + DESCRIBE_BATCH]
            found: dict[Any, list[tuple[Any, Any, Any]]] = {node: [] for node in batch}
            for s, p, o in self._query_rows(DESCRIBE.replace("$NODES", " ".join(n.n3() for n in batch)), context):
                found.setdefault(s, []).append((s, p, o))
            self.memo.update({(node, None, None): triples for node, triples in found.items()})

    def _query_rows(self, text: str, context: Any) -> list[tuple[Any, ...]]:
        graph = getattr(context, "identifier", None)
        rows = self._query(text, default_graph=graph if self._is_contextual(context) else None)
        return [tuple(cast(Iterable[Any], row)) for row in rows]


def endpoint_graph(url: str, graph_iri: str | None = None, base: str | None = None) -> Graph:
    """An rdflib Graph over the endpoint (its default graph, or ``graph_iri``), prefixes bound."""
    store = EndpointStore(http_client.checked_url(url))
    graph = Graph(store=store, identifier=URIRef(graph_iri) if graph_iri else None, bind_namespaces="none")
    return bind_prefixes(graph, base) if base else graph


def select(graph: Graph, text: str) -> list[tuple[Identifier | None, ...]]:
    return [tuple(row) for row in graph.query(text, initNs=dict(graph.namespaces()))]  # type: ignore[arg-type]


def prefetch_labels(graph: Graph, terms: Iterable[Identifier | None]) -> None:
    """Fetch rdfs:label and skos:prefLabel of many IRIs in a few queries (a no-op for a local graph)."""
    store = graph.store
    if not isinstance(store, EndpointStore):
        return
    wanted = sorted({t for t in terms if isinstance(t, URIRef)} - {s for s, p, _ in store.memo if p in LABELS})
    for start in range(0, len(wanted), LABEL_BATCH):
        batch = wanted[start:start + LABEL_BATCH]
        found: dict[tuple[Any, Any, Any], list[tuple[Any, Any, Any]]] = {(s, p, None): [] for s in batch for p in LABELS}
        values = " ".join(t.n3() for t in batch)
        # One VALUES block and a FILTER: Oxigraph joins two VALUES blocks slowly (0.6 s against 0.05 s).
        for s, p, o in select(graph, f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {values} }} ?s ?p ?o "
                                     f"FILTER(?p IN ({', '.join(p.n3() for p in LABELS)})) }}"):
            found[(s, p, None)].append((s, p, o))
        store.memo.update(found)


def prefetch_table_labels(graph: Graph, table: Table) -> None:
    prefetch_labels(graph, (term for row in table.rows for term in row))


def bases(graph: Graph) -> list[str]:
    """The base IRI of each arrangement in the graph, read off one source reference per document."""
    rows = select(graph, "SELECT ?document (SAMPLE(?reference) AS ?one) "
                         f"WHERE {{ ?reference {GG.inDocument.n3()} ?document }} GROUP BY ?document")
    found = set()
    for document, reference in rows:
        ref, doc = str(reference), str(document)
        at = ref.rfind("source/")
        while at >= 0:  # the base is a prefix of both: {base}source/{id}/... and {base}{id}
            base = ref[:at]
            if doc.startswith(base) and ref.startswith(f"{base}source/{doc[len(base):]}/"):
                found.add(base)
                break
            at = ref.rfind("source/", 0, at)
    return sorted(found)


class RemoteWorkspace(Workspace):
    """A Workspace whose graph is a SPARQL endpoint; ``built`` is the local build of SOURCES, if given
    (then findings can point at file and line)."""

    def __init__(self, graph: Graph, base: str, built: Built | None = None):
        self.built = built  # type: ignore[assignment]
        self._graph, self._base = graph, base

    @property
    def graph(self) -> Graph:
        return self._graph

    @property
    def base(self) -> str:
        return self._base

    @cached_property
    def names(self) -> Graph:
        """Every record's label and aliases, fetched in one query, as a small local graph."""
        table = Graph(bind_namespaces="none")
        start = len(self.base) + 1
        rows = select(self.graph, f"SELECT ?node ?label ?alias WHERE {{ ?node {RDFS.label.n3()} ?label "
                                  f"FILTER(isIRI(?node) && STRSTARTS(STR(?node), {Literal(self.base).n3()}) "
                                  f"&& !CONTAINS(SUBSTR(STR(?node), {start}), \"/\")) "
                                  f"OPTIONAL {{ ?node {SKOS.altLabel.n3()} ?alias }} }}")
        for node, label, alias in rows:
            table.add((node, RDFS.label, label))  # type: ignore[arg-type]
            if alias is not None:
                table.add((node, SKOS.altLabel, alias))  # type: ignore[arg-type]
        return table

    def resolve(self, name: str) -> URIRef:
        return resolve(self.names, self.base, name)


class NoArrangement(GovgraphError, LookupError):
    """The endpoint holds no govgraph arrangement, several (say which), or not the one SOURCES build."""


def remote_workspace(url: str, graph_iri: str | None = None, built: Built | None = None) -> RemoteWorkspace:
    """Connect to the endpoint and settle the base: from ``built`` (SOURCES) when given, else from the graph."""
    graph = endpoint_graph(url, graph_iri)
    found = bases(graph)
    where = f"the graph <{graph_iri}> of {http_client.shown(url)}" if graph_iri else http_client.shown(url)
    if built is not None:
        if built.base not in found:
            raise NoArrangement(f"{where} holds no arrangement with the base <{built.base}> of SOURCES "
                                f"(it holds: {', '.join(found) or 'none'}); push it first: govgraph push --endpoint ...")
        base = built.base
    elif len(found) == 1:
        base = found[0]
    elif not found:
        raise NoArrangement(f"{where} holds no govgraph arrangement (no source references); "
                            "push one first: govgraph push --endpoint URL [SOURCES]")
    else:
        raise NoArrangement(f"{where} holds {len(found)} arrangements ({', '.join(found)}); name one by giving its "
                            "SOURCES, or push each to its own named graph and pass --graph")
    return RemoteWorkspace(bind_prefixes(graph, base), base, built)




def checked_iri(text: str, option: str = "--graph") -> str:
    """An absolute IRI (scheme:rest) without spaces or the characters N-Triples cannot hold."""
    scheme, sep, rest = text.partition(":")
    if not sep or not rest or not scheme[:1].isalpha() or any(c in text for c in ' <>"{}|^`\\'):
        raise http_client.BadEndpoint(f"{option} must be an absolute IRI such as https://example.org/graphs/cp, not {text!r}")
    return text


__all__ = ["EndpointStore", "RemoteWorkspace", "NoArrangement", "endpoint_graph",
           "remote_workspace", "prefetch_labels", "prefetch_table_labels", "bases",
           "checked_iri"]
