"""Deterministic serialisation of the data graph (RDF formats) and of the network (GraphML)."""
from __future__ import annotations

import io
import json
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
            triples = list(ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES))
            if fmt == "xml":  # Protégé and OWL tools read the data with the ontology's terms
                triples = _data_header(base) + triples
            made[fmt] = ox.serialize(triples, format=OX_FORMATS[fmt], prefixes=prefixes) or b""  # bytes when no output is given
            if fmt == "jsonld":
                made[fmt] = compacted_jsonld(made[fmt], prefixes)
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


def _compact(iri: str, prefixes: dict[str, str]) -> str:
    """``prefix:local`` for the longest namespace that ``iri`` starts with, else ``iri``."""
    best = max((ns for ns in prefixes.values() if iri.startswith(ns) and not iri[len(ns):].startswith("//")),
               key=len, default=None)
    if best is None:
        return iri
    return f"{next(p for p, ns in sorted(prefixes.items()) if ns == best)}:{iri[len(best):]}"


def compacted_jsonld(expanded: bytes, prefixes: dict[str, str]) -> bytes:
    """Oxigraph's expanded JSON-LD with a context of the ontology's prefixes, IRIs written as
    ``gg:binds``, ``data:ccc``: what people read and what JSON-LD tools expect. Only IRIs change
    spelling (keys, @id, @type), so the triples are the same (a test parses both)."""
    def node(entry: dict) -> dict:  # type: ignore[type-arg]
        out: dict = {}  # type: ignore[type-arg]
        for key, value in entry.items():
            if key == RDF_TYPE and all(set(v) == {"@id"} for v in value):  # written as JSON-LD's @type
                out["@type"] = [_compact(v["@id"], prefixes) for v in value]
            elif key == "@id":
                out[key] = _compact(value, prefixes)
            elif key == "@type":
                out[key] = [_compact(t, prefixes) for t in value] if isinstance(value, list) else _compact(value, prefixes)
            else:
                out[_compact(key, prefixes)] = [{**v, **({"@id": _compact(v["@id"], prefixes)} if "@id" in v else {}),
                                                 **({"@type": _compact(v["@type"], prefixes)} if "@type" in v else {})}
                                                for v in value]
        return out
    graph = json.loads(expanded)
    document = {"@context": dict(sorted(prefixes.items())), "@graph": [node(entry) for entry in graph]}
    return (json.dumps(document, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


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
