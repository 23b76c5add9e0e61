"""Deterministic serialisation of the data graph (RDF formats) and of the network (GraphML)."""
from __future__ import annotations

import io
import itertools
from collections.abc import Iterable
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS, XSD, Literal, URIRef

from ..ontology import ONTOLOGY_IRI, ontology_graph
from ..ontology.publish import rdfxml_bytes
from .rdf import PREFIXES

if TYPE_CHECKING:
    import networkx as nx

OX_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML}
RDF_FORMATS = ("ttl", "jsonld", "nt", "xml")
SUFFIXES = {"ttl": ".ttl", "jsonld": ".jsonld", "nt": ".nt", "xml": ".rdf", "owl": ".owl", "graphml": ".graphml"}
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
XSD_DATETIME = "http://www.w3.org/2001/XMLSchema#dateTime"
OWL_NS = "http://www.w3.org/2002/07/owl#"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def data_files(ntriples: bytes, formats: tuple[str, ...], base: str) -> dict[str, bytes]:
    """The data (sorted N-Triples, no blank nodes) in several of RDF_FORMATS.

    Oxigraph's serialisers write the triples in the order given, and sorted N-Triples keep each
    subject's triples together, so Turtle groups them and every run gives the same bytes.
    """
    prefixes = {**{k: str(v) for k, v in PREFIXES.items()}, "data": base}
    made: dict[str, bytes] = {}
    for fmt in formats:
        if fmt == "nt":
            made[fmt] = ntriples
        else:
            # parsed again for each format, as it is written: a million ox.Triple held at once are 0.4 GB
            triples: Iterable[ox.Triple] = ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)
            if fmt == "jsonld":
                made[fmt] = compacted_jsonld(triples, prefixes)
                continue
            if fmt == "xml":  # Protégé and OWL tools read the data with the ontology's terms
                triples = itertools.chain(_data_header(base), triples)
            made[fmt] = ox.serialize(triples, format=OX_FORMATS[fmt], prefixes=prefixes) or b""  # bytes when no output is given
    return made


RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _data_header(base: str) -> list[ox.Triple]:
    """``<base> a owl:Ontology ; owl:imports <the govgraph ontology>``: without it an OWL tool
    reads the data's properties as annotations."""
    document = ox.NamedNode(base.rstrip("/#"))
    return [ox.Triple(document, ox.NamedNode(RDF_NS + "type"), ox.NamedNode(OWL_NS + "Ontology")),
            ox.Triple(document, ox.NamedNode(OWL_NS + "imports"), ox.NamedNode(ONTOLOGY_IRI))]


def owl_document(ntriples: bytes, base: str, title: str) -> bytes:
    """Data and ontology as one OWL 2 DL document (RDF/XML) that OWL API, Protégé and HermiT read.

    One ontology header, the data's (``base`` without its last slash), which keeps the govgraph
    ontology's version as an annotation; dates as midnight ``xsd:dateTime``, because ``xsd:date``
    is not in the OWL 2 datatype map (HermiT refuses it). The exact ``xsd:date`` stays in the
    plain RDF exports (ttl, nt, jsonld, xml)."""
    graph = ontology_graph()
    version = graph.value(URIRef(ONTOLOGY_IRI), OWL.versionInfo)
    graph.remove((URIRef(ONTOLOGY_IRI), None, None))
    document = URIRef(base.rstrip("/#"))
    graph.add((document, RDF.type, OWL.Ontology))
    graph.add((document, RDFS.label, Literal(f"{title}: data with the govgraph ontology")))
    graph.add((document, RDFS.comment, Literal(f"The govgraph ontology ({ONTOLOGY_IRI}, version {version}) "
                                               "and the arrangement's data in one document; dates as xsd:dateTime.")))
    for triple in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES):
        obj = triple.object
        if isinstance(obj, ox.Literal) and obj.datatype.value == XSD_DATE:
            value: Literal | URIRef = Literal(f"{obj.value}T00:00:00", datatype=XSD.dateTime)
        elif isinstance(obj, ox.Literal):
            value = Literal(obj.value, lang=obj.language, datatype=None if obj.language else URIRef(obj.datatype.value))
        else:
            value = URIRef(obj.value)
        graph.add((URIRef(triple.subject.value), URIRef(triple.predicate.value), value))
    return rdfxml_bytes(graph)


class _Compacted(dict):  # type: ignore[type-arg]
    """IRI -> ``prefix:local`` for the longest namespace it starts with (else the IRI), as a JSON
    string; each IRI worked out once (a large graph repeats a few hundred thousand IRIs millions
    of times)."""

    def __init__(self, prefixes: dict[str, str]):
        super().__init__()
        # longest first; of equal namespaces, the first prefix in alphabetical order
        self.order = sorted(((ns, p) for p, ns in prefixes.items()), key=lambda item: (-len(item[0]), item[1]))

    def __missing__(self, iri: str) -> str:
        found = next((f"{p}:{iri[len(ns):]}" for ns, p in self.order
                      if iri.startswith(ns) and not iri[len(ns):].startswith("//")), iri)
        made = self[iri] = encode_basestring(found)
        return made


def _id(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value  # type: ignore[union-attr]


# json.dumps(indent=1) layout: the graph's nodes at depth 2, their keys at 3, values at 4 and 5
_NODE, _KEY, _VALUE, _FIELD = "\n  ", "\n   ", "\n    ", "\n     "


def compacted_jsonld(triples: Iterable[ox.Triple], prefixes: dict[str, str]) -> bytes:
    """JSON-LD with a context of the ontology's prefixes, IRIs written as ``gg:binds``,
    ``data:ccc``: what people read and what JSON-LD tools expect.

    The same document as Oxigraph's expanded JSON-LD compacted IRI by IRI (a node object per run
    of one subject, a key per run of one predicate; rdf:type written as ``@type``), written as
    ``json.dumps(indent=1)`` would, but straight from the triples: at a million triples, reading
    Oxigraph's output back into Python objects and dumping them took 40 s and 2 GB more than the
    rest of the build together."""
    names = _Compacted(prefixes)
    nodes: list[bytes] = []
    parts: list[str] = []  # the node being written
    keys: list[tuple[str, list[ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple]]] = []
    subject: str | None = None
    predicate: str | None = None

    def flush() -> None:
        for key, objects in keys:
            if key == RDF_TYPE and not any(isinstance(o, ox.Literal) for o in objects):
                parts.append(f',{_KEY}"@type": [' + ",".join(f"{_VALUE}{names[_id(o)]}" for o in objects) + f"{_KEY}]")
            else:
                parts.append(f",{_KEY}{names[key]}: [" + ",".join(_value(o, names) for o in objects) + f"{_KEY}]")
        nodes.append(("".join(parts) + f"{_NODE}}}").encode())  # bytes: see to_ntriples

    for triple in triples:
        this, verb = _id(triple.subject), triple.predicate.value
        if this != subject or (verb != predicate and any(verb == key for key, _ in keys)):
            if keys:
                flush()
            subject, predicate = this, None
            parts, keys = [f'{_NODE}{{{_KEY}"@id": {names[this]}'], []
        if verb != predicate:
            predicate = verb
            keys.append((verb, []))
        keys[-1][1].append(triple.object)
    if keys:
        flush()
    context = ",".join(f"\n  {encode_basestring(p)}: {encode_basestring(ns)}" for p, ns in sorted(prefixes.items()))
    graph = b"[" + b",".join(nodes) + b"\n ]" if nodes else b"[]"
    return f'{{\n "@context": {{{context}\n }},\n "@graph": '.encode() + graph + b"\n}\n"


def _value(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple, names: _Compacted) -> str:
    if not isinstance(term, ox.Literal):
        return f'{_VALUE}{{{_FIELD}"@id": {names[_id(term)]}{_VALUE}}}'
    value = encode_basestring(term.value)
    if term.language:
        return f'{_VALUE}{{{_FIELD}"@language": {encode_basestring(term.language)},{_FIELD}"@value": {value}{_VALUE}}}'
    if term.datatype.value == XSD_STRING:
        return f'{_VALUE}{{{_FIELD}"@value": {value}{_VALUE}}}'
    return f'{_VALUE}{{{_FIELD}"@type": {names[term.datatype.value]},{_FIELD}"@value": {value}{_VALUE}}}'


def graphml_bytes(net: nx.MultiDiGraph) -> bytes:
    """GraphML for Gephi and friends: list attributes joined with '; ' (GraphML has no lists); each
    edge has a ``label``, its kind in words, which Gephi shows by default."""
    import networkx as nx  # only for GraphML: the other formats (and the commands) do without it

    flat = nx.MultiDiGraph()
    for node, data in sorted(net.nodes(data=True)):
        flat.add_node(node, **{k: "; ".join(v) if isinstance(v, list) else v for k, v in data.items()})
    for u, v, key, data in sorted(net.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        flat.add_edge(u, v, key=key, **{k: "; ".join(x) if isinstance(x, list) else x for k, x in data.items()},
                      label=str(data.get("kind", "")).replace("-", " "))  # Gephi shows an edge's label
    buffer = io.BytesIO()
    nx.write_graphml(flat, buffer, encoding="utf-8")
    return buffer.getvalue()
