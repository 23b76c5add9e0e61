"""The networkx view of the RDF graph: records as nodes, stated relationships as edges.

Edges come from network_edges.rq; each carries its kind, the record that states it (``via``),
the labels of that record's sources, and the start and end of that record's period as the sources print them
("" when open or unknown).
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

import networkx as nx
import pyoxigraph as ox
from rdflib import RDF, RDFS, URIRef

from .rdf import GG
from .schema import load_schema
from .store import Facts
from .timeline import printed


@lru_cache(maxsize=1)
def edge_query() -> str:
    return resources.files("govgraph.graph_builder").joinpath("network_edges.rq").read_text()


@lru_cache(maxsize=1)
def _kind_of_class() -> dict[URIRef, tuple[bool, str, str]]:
    """Class IRI -> (is a section's base class, section, kind), so that specific kinds sort first."""
    table: dict[URIRef, tuple[bool, str, str]] = {}
    for sec in load_schema().sections.values():
        for kind, cls in sec.kinds.items():
            table.setdefault(cls, (cls == sec.base_class, sec.name, kind))
    return table


def sources_of(graph: Facts, node: URIRef) -> list[str]:
    """Labels of the source references of one record, sorted."""
    return sorted(str(graph.value(s, RDFS.label)) for s in graph.objects(node, GG.hasSource))


def _kinds(store: ox.Store) -> dict[str, list[tuple[bool, str, str]]]:
    """Record IRI -> the kinds its classes stand for: one scan per class of the schema, which
    reads a third of what a scan of every rdf:type would."""
    found: dict[str, list[tuple[bool, str, str]]] = {}
    for cls, kind in _kind_of_class().items():
        for quad in store.quads_for_pattern(None, ox.NamedNode(RDF.type), ox.NamedNode(cls), ox.DefaultGraph()):
            found.setdefault(quad.subject.value, []).append(kind)
    return found


def _add_node(net: nx.MultiDiGraph, graph: Facts, kinds: dict[str, list[tuple[bool, str, str]]], node: URIRef) -> None:
    if str(node) in net:
        return
    found = sorted(kinds.get(str(node), ()))
    _, section, kind = found[0] if found else (False, "", "other")
    label = str(graph.value(node, RDFS.label) or node)
    if section == "seats":  # a count badge: "district councillor seats (3)"
        label = f"{label} ({graph.value(node, GG.seatCount)})"
    net.add_node(str(node), label=label, kind=kind,
                 section=section, sources=sources_of(graph, node))


# What the details panel adds to a link, from the record that states it: a delegation's
# conditions, a seat's count, nominating and appointing bodies, a body's terms of reference.
_DETAILS = ((GG.subjectTo, "subject to"), (GG.seatCount, "places"), (GG.nominatedBy, "nominated by"),
            (GG.appointedBy, "appointed by"), (GG.quorum, "quorum"), (GG.quorumFraction, "quorum, share of voting members"),
            (GG.chairPost, "chair"), (GG.viceChairPost, "vice-chair"), (GG.castingVote, "casting vote"),
            (GG.votingRule, "voting rule"), (GG.maySubDelegate, "may pass it on"))


DETAILED = {"delegates-to", "nominates-to", "appoints-to", "terms-of", "decides-for"}  # only these carry any


def details(graph: Facts, via: URIRef) -> str:
    """The panel's note for a link ("subject to: key decision threshold; places: 3"); empty if none."""
    parts = []
    for prop, name in _DETAILS:
        values = sorted(str(graph.value(v, RDFS.label) or v) if isinstance(v, URIRef) else str(v)
                        for v in graph.objects(via, prop))
        if values:
            parts.append(f"{name}: {', '.join(values)}")
    return "; ".join(parts)


def to_network(store: ox.Store) -> nx.MultiDiGraph:
    """Build the directed multigraph; deterministic (rows come sorted from the query).

    Records and links are read with one query and their facts with one scan per property
    (store.Facts), so that a map of a national arrangement takes seconds, not minutes."""
    graph, kinds = Facts(store), _kinds(store)
    net = nx.MultiDiGraph()
    for row in store.query(edge_query()):
        ends = [URIRef(row["from"].value), URIRef(row["to"].value)]
        for end in ends:
            _add_node(net, graph, kinds, end)
        via, kind = URIRef(row["via"].value), row["kind"].value
        start, end = printed(graph, via)  # as printed: a vague "within 2015" is not "2015-12-31"
        net.add_edge(str(ends[0]), str(ends[1]), key=f"{kind}|{via}",
                     kind=kind, via=str(via), via_label=str(graph.value(via, RDFS.label) or ""),
                     sources=sources_of(graph, via),
                     note=details(graph, via) if kind in DETAILED else "",
                     start=start, end=end)
    return net
