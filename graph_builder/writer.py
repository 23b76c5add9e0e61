"""Deterministic serialisation and atomic writing of graphs and networks."""
from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

import networkx as nx
from rdflib import Graph

RDF_FORMATS = {"ttl": "turtle", "jsonld": "json-ld", "nt": "nt", "xml": "xml"}
SUFFIXES = {"ttl": ".ttl", "jsonld": ".jsonld", "nt": ".nt", "xml": ".owl", "graphml": ".graphml"}


def _canonical(graph: Graph) -> Graph:
    """A copy whose triples were inserted in sorted order, so serialisers walk them the same way every run."""
    ordered = Graph()
    for prefix, ns in sorted(graph.namespaces()):
        ordered.bind(prefix, ns, override=True)
    for triple in sorted(graph):
        ordered.add(triple)
    return ordered


def rdf_bytes(graph: Graph, fmt: str) -> bytes:
    """Serialise a graph in one of RDF_FORMATS; byte-identical for the same triples."""
    if fmt == "nt":
        lines = graph.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
        return ("\n".join(sorted(line for line in lines if line.strip())) + "\n").encode("utf-8")
    options = {"sort_keys": True, "indent": 2} if fmt == "jsonld" else {}
    return _canonical(graph).serialize(format=RDF_FORMATS[fmt], encoding="utf-8", **options)


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


def write_atomically(files: dict[Path, bytes]) -> None:
    """Write every file via a temporary sibling and rename; all content exists before the first rename."""
    for path in files:
        path.parent.mkdir(parents=True, exist_ok=True)
    for path, data in files.items():
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
