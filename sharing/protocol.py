"""The SPARQL 1.1 Protocol as `govgraph serve` speaks it to the usual clients: formats and their
negotiation, ASK as CSV/TSV, relative IRIs, and the service description.

Kept apart from serve.py (which runs the server, its workers and its limits) so that what a client
sees can be read, and changed, in one place:

- SELECT and ASK answer in SPARQL JSON, SPARQL XML, CSV or TSV; CONSTRUCT and DESCRIBE in Turtle,
  N-Triples, RDF/XML or JSON-LD.
- ``?format=`` names one of them (by name or media type). A value the server does not know falls
  back to the Accept header: SPARQLWrapper, for one, sends ``format=`` with names of its own
  (``json`` for a CONSTRUCT, ``n3``...).
- ASK in CSV or TSV is a one-column table, ``_askResult`` (``?_askResult`` in TSV), as the
  CSV/TSV note writes every answer: a header row of variable names, then the rows. (Oxigraph
  writes a bare ``true``, which no CSV reader takes for a table.)
- Relative IRIs in a query resolve against the arrangement's base IRI (what ``data:`` stands
  for), so ``<hce>`` is the Health and Care Executive; a BASE in the query wins.
- A GET of the endpoint without a query answers with a SPARQL 1.1 service description (Turtle
  unless the Accept header asks for another RDF format).
"""
from __future__ import annotations

from typing import IO

import pyoxigraph as ox

RESULT_FORMATS = {  # name -> (serialiser format, media types it answers to, first one sent)
    "json": (ox.QueryResultsFormat.JSON, ("application/sparql-results+json", "application/json")),
    "xml": (ox.QueryResultsFormat.XML, ("application/sparql-results+xml", "application/xml", "text/xml")),
    "csv": (ox.QueryResultsFormat.CSV, ("text/csv",)),
    "tsv": (ox.QueryResultsFormat.TSV, ("text/tab-separated-values",)),
}
GRAPH_FORMATS = {
    "ttl": (ox.RdfFormat.TURTLE, ("text/turtle", "application/x-turtle", "text/n3", "text/rdf+n3")),
    "nt": (ox.RdfFormat.N_TRIPLES, ("application/n-triples", "text/plain")),
    "rdfxml": (ox.RdfFormat.RDF_XML, ("application/rdf+xml", "application/xml", "text/xml")),
    "jsonld": (ox.RdfFormat.JSON_LD, ("application/ld+json", "application/json")),
}
# Other names clients send for the same formats; "xml" and "json" mean RDF/XML and JSON-LD when
# the answer is a graph, and so does "rdf" (SPARQLWrapper's RDF return format, which sends
# format=rdf with Accept */* and turns an RDF/XML answer into an rdflib Graph).
GRAPH_ALIASES = {"turtle": "ttl", "n3": "ttl", "ntriples": "nt", "n-triples": "nt", "xml": "rdfxml",
                 "rdf+xml": "rdfxml", "rdf/xml": "rdfxml", "rdf": "rdfxml", "json-ld": "jsonld", "json": "jsonld"}
CHARSET = {"ttl": "text/turtle; charset=utf-8", "csv": "text/csv; charset=utf-8",
           "tsv": "text/tab-separated-values; charset=utf-8"}
GRAPH_FORMS = ("ConstructQuery", "DescribeQuery")
FORMATS_NS = "http://www.w3.org/ns/formats/"
FORMAT_IRIS = {"json": "SPARQL_Results_JSON", "xml": "SPARQL_Results_XML", "csv": "SPARQL_Results_CSV",
               "tsv": "SPARQL_Results_TSV", "ttl": "Turtle", "nt": "N-Triples", "rdfxml": "RDF_XML",
               "jsonld": "JSON-LD"}


class NotAcceptable(ValueError):
    """No offered format fits the Accept header (HTTP 406); the message says what is offered."""


def accepted(header: str) -> list[str]:
    """Media ranges of an Accept header, best first (ties keep their order); q=0 ones dropped."""
    ranked = []
    for at, part in enumerate(header.split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if media and q > 0:
            ranked.append((-q, at, media.lower()))
    return [media for _q, _at, media in sorted(ranked)]


def _named(table: dict[str, tuple[object, tuple[str, ...]]], aliases: dict[str, str], value: str) -> str | None:
    name = aliases.get(value.lower(), value.lower())
    return next((key for key, (_fmt, media) in table.items() if name == key or name in media), None)


def negotiate(form: str, format_param: str | None, accept: str | None) -> str:
    """The format name to answer in: a ``?format=`` the server knows, else the Accept header, else
    JSON (SELECT, ASK) or Turtle (CONSTRUCT, DESCRIBE)."""
    graph = form in GRAPH_FORMS
    table = GRAPH_FORMATS if graph else RESULT_FORMATS
    if format_param:
        named = _named(table, GRAPH_ALIASES if graph else {}, format_param)  # type: ignore[arg-type]
        if named is not None:
            return named
    for media in accepted(accept or "*/*"):
        for key, (_fmt, types) in table.items():
            if media == "*/*" or media in types or (media.endswith("/*") and any(t.startswith(media[:-1]) for t in types)):
                return key
    kind = "CONSTRUCT and DESCRIBE" if graph else "SELECT and ASK"
    raise NotAcceptable(f"none of the types in the Accept header ({accept}) is offered for {kind} queries; "
                        f"ask for one of {', '.join(t for _f, ts in table.values() for t in ts[:1])}")


def media_type(name: str) -> str:
    table = {**RESULT_FORMATS, **GRAPH_FORMATS}
    return CHARSET.get(name, table[name][1][0])


def answer(store: ox.Store, text: str, prefixes: dict[str, str], base: str, name: str, sink: IO[bytes]) -> None:
    """Run ``text`` (already checked) and write the answer in the format ``name`` to ``sink``."""
    result = store.query(text, prefixes=prefixes, base_iri=base)
    if isinstance(result, ox.QueryBoolean) and name in ("csv", "tsv"):
        header = "_askResult" if name == "csv" else "?_askResult"
        sink.write(f"{header}\r\n{'true' if result else 'false'}\r\n".encode())
        return
    result.serialize(sink, format={**RESULT_FORMATS, **GRAPH_FORMATS}[name][0])  # type: ignore[union-attr, arg-type]


def service_description(endpoint: str, triples: int, name: str) -> bytes:
    """A SPARQL 1.1 service description of the endpoint, in the RDF format ``name``."""
    sd = "http://www.w3.org/ns/sparql-service-description#"
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    service, dataset, graph = ox.NamedNode(endpoint), ox.BlankNode("dataset"), ox.BlankNode("graph")
    term = lambda local: ox.NamedNode(sd + local)  # noqa: E731
    triples_out = [
        ox.Triple(service, rdf_type, term("Service")),
        ox.Triple(service, term("endpoint"), service),
        ox.Triple(service, term("supportedLanguage"), term("SPARQL11Query")),
        ox.Triple(service, term("defaultDataset"), dataset),
        ox.Triple(dataset, rdf_type, term("Dataset")),
        ox.Triple(dataset, term("defaultGraph"), graph),
        ox.Triple(graph, rdf_type, term("Graph")),
        ox.Triple(graph, ox.NamedNode("http://rdfs.org/ns/void#triples"), ox.Literal(str(triples), datatype=ox.NamedNode(
            "http://www.w3.org/2001/XMLSchema#integer"))),
        *(ox.Triple(service, term("resultFormat"), ox.NamedNode(FORMATS_NS + local)) for local in FORMAT_IRIS.values()),
    ]
    return ox.serialize(triples_out, format=GRAPH_FORMATS[name][0], prefixes={"sd": sd}) or b""
