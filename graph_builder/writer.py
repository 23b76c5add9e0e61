"""Deterministic serialisation and atomic writing of graphs and networks."""
from __future__ import annotations

import hashlib
import io
import os
import re
import tempfile
from functools import cache
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
from rdflib import BNode, Graph

from govgraph.graph_builder.rdf import PREFIXES

OX_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML}
RDF_FORMATS = ("ttl", "jsonld", "nt", "xml")
_UMASK = os.umask(0)
os.umask(_UMASK)
SUFFIXES = {"ttl": ".ttl", "jsonld": ".jsonld", "nt": ".nt", "xml": ".owl", "graphml": ".graphml"}


def _stable_bnodes(graph: Graph) -> dict[BNode, BNode]:
    """Name each blank node by a hash of its content and of where it hangs (parent, property).

    The ontology's blank nodes (restrictions, lists, disjointness axioms) form trees, so this is
    well defined; rdflib's own canonical labels varied with PYTHONHASHSEED when tried.
    """
    @cache
    def content(node: BNode) -> str:
        rows = sorted((str(p), content(o) if isinstance(o, BNode) else o.n3()) for p, o in graph.predicate_objects(node))
        return hashlib.sha1(repr(rows).encode("utf-8")).hexdigest()

    names: dict[BNode, BNode] = {}

    def name(node: BNode, parent: str) -> None:
        names[node] = BNode("b" + hashlib.sha1(f"{parent}|{content(node)}".encode("utf-8")).hexdigest()[:16])
        for p, o in graph.predicate_objects(node):
            if isinstance(o, BNode) and o not in names:
                name(o, f"{names[node]}|{p}")

    bnodes = {t for triple in graph for t in triple if isinstance(t, BNode)}
    for node in bnodes:
        parents = sorted(graph.subject_predicates(node))
        if not parents or not isinstance(parents[0][0], BNode):
            name(node, f"{parents[0][0]}|{parents[0][1]}" if parents else "")
    return names


def _canonical(graph: Graph) -> Graph:
    """A copy with stable blank-node labels whose triples were inserted in sorted order,
    so that serialisers walk them the same way in every run (whatever PYTHONHASHSEED is)."""
    names = _stable_bnodes(graph)
    source = [tuple(names.get(term, term) for term in triple) for triple in graph]
    ordered = Graph(bind_namespaces="none")
    for prefix, ns in sorted(graph.namespaces()):
        ordered.bind(prefix, ns, override=True)
    for triple in sorted(source):
        ordered.add(triple)
    return ordered


_DESCRIPTION = re.compile(r"^  <rdf:Description .*?^  </rdf:Description>\n", re.S | re.M)


def _sorted_rdfxml(canonical: Graph) -> bytes:
    """RDF/XML with its subject blocks in sorted order (rdflib walks subjects in store order)."""
    text = canonical.serialize(format="xml", encoding="utf-8").decode("utf-8")
    blocks = _DESCRIPTION.findall(text)
    first = _DESCRIPTION.search(text)
    head = text[: first.start()] if first else text
    tail = text[text.rfind("</rdf:Description>\n") + len("</rdf:Description>\n"):] if blocks else ""
    return (head + "".join(sorted(blocks)) + tail).encode("utf-8")


def rdfxml_bytes(graph: Graph) -> bytes:
    """RDF/XML of an rdflib graph that has blank nodes (the ontology), byte-identical across runs."""
    return _sorted_rdfxml(_canonical(graph))


def data_files(ntriples: bytes, formats: tuple[str, ...], base: str) -> dict[str, bytes]:
    """The data (sorted N-Triples, no blank nodes) in several of RDF_FORMATS.

    Oxigraph's serialisers write the triples in the order given, and sorted N-Triples keep each
    subject's triples together, so Turtle groups them and every run gives the same bytes.
    """
    prefixes = {**{k: str(v) for k, v in PREFIXES.items()}, "data": base}
    made = {}
    for fmt in formats:
        if fmt == "nt":
            made[fmt] = ntriples
        else:
            triples = ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)
            made[fmt] = ox.serialize(triples, format=OX_FORMATS[fmt], prefixes=prefixes)
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


def write_atomically(files: dict[Path, bytes]) -> None:
    """Write every file via a temporary sibling and rename; all content exists before the first rename."""
    for path in files:
        path.parent.mkdir(parents=True, exist_ok=True)
    for path, data in files.items():
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; give the usual permissions
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
