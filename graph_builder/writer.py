"""Deterministic serialisation of the data graph (RDF formats) and of the network (GraphML)."""
from __future__ import annotations

import io

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
    return made


def graphml_bytes(net: nx.MultiDiGraph) -> bytes:
    """GraphML for Gephi and friends: list attributes joined with '; ' (GraphML has no lists)."""
    flat = nx.MultiDiGraph()
    for node, data in sorted(net.nodes(data=True)):
        flat.add_node(node, **{k: "; ".join(v) if isinstance(v, list) else v for k, v in data.items()})
    for u, v, key, data in sorted(net.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        flat.add_edge(u, v, key=key, **{k: "; ".join(x) if isinstance(x, list) else x for k, x in data.items()})
    buffer = io.BytesIO()
    nx.write_graphml(flat, buffer, encoding="utf-8")
    return buffer.getvalue()
