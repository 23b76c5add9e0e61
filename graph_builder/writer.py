"""Deterministic serialisation of the data graph (RDF formats) and of the network (GraphML)."""
from __future__ import annotations

import io
import json

import networkx as nx
import pyoxigraph as ox

from .rdf import PREFIXES

OX_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML}
RDF_FORMATS = ("ttl", "jsonld", "nt", "xml")
SUFFIXES = {"ttl": ".ttl", "jsonld": ".jsonld", "nt": ".nt", "xml": ".owl", "graphml": ".graphml"}


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
            triples = ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)
            made[fmt] = ox.serialize(triples, format=OX_FORMATS[fmt], prefixes=prefixes) or b""  # bytes when no output is given
            if fmt == "jsonld":
                made[fmt] = compacted_jsonld(made[fmt], prefixes)
    return made


RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


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
    flat = nx.MultiDiGraph()
    for node, data in sorted(net.nodes(data=True)):
        flat.add_node(node, **{k: "; ".join(v) if isinstance(v, list) else v for k, v in data.items()})
    for u, v, key, data in sorted(net.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        flat.add_edge(u, v, key=key, **{k: "; ".join(x) if isinstance(x, list) else x for k, x in data.items()},
                      label=str(data.get("kind", "")).replace("-", " "))  # Gephi shows an edge's label
    buffer = io.BytesIO()
    nx.write_graphml(flat, buffer, encoding="utf-8")
    return buffer.getvalue()
