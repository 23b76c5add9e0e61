"""Which part of the arrangement a map shows: the whole, one record's surroundings, one board, one date.

Each view is a copy of ``Built.network`` cut down to what it shows, with a few facts from the RDF
graph added for the details panel (description, other names, status of the record behind a link,
and whether the link was in force on the --as-of date).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import networkx as nx
from rdflib import RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS, SKOS

from ..common.errors import GovgraphError
from ..graph_builder import Built
from ..graph_builder.names import UnknownName, resolve
from ..graph_builder.rdf import GG
from ..graph_builder.store import Facts, oxigraph_of
from ..graph_builder.timeline import Lookup, happened_by, holds_on
from ..queries.engine import evaluate
from .options import FOCUS_DEPTH

MEMBERSHIP_KINDS = ("voting-member", "non-voting-member", "member")


class ViewError(GovgraphError, ValueError):
    """A view that cannot be drawn (unknown name, a record that is not on the map ...)."""


@dataclass
class View:
    network: nx.MultiDiGraph
    title: str
    subtitle: str
    centre: str | None = None


def _local(node: URIRef | None) -> str:
    return str(node).rsplit("#", 1)[-1] if node is not None else ""


def annotate(built: Built, net: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``net`` whose nodes also carry id, description and aliases, and whose links carry status."""
    graph, base = Facts(built.store), built.base  # one scan per property, not a lookup per record
    out = net.copy()
    for iri, data in out.nodes(data=True):
        node = URIRef(iri)
        data["id"] = iri[len(base):] if iri.startswith(base) else iri
        data["description"] = str(graph.value(node, DCTERMS.description) or "")
        data["aliases"] = sorted(str(a) for a in graph.objects(node, SKOS.altLabel))
    for _, _, data in out.edges(data=True):
        data["status"] = _local(graph.value(URIRef(data["via"]), GG.status))
    return out


def in_force(graph: Lookup, via: str, day: dt.date) -> bool | None:
    """Whether the record behind a link held on ``day``: dated records must have happened by then."""
    record = URIRef(via)
    if graph.value(record, GG.date) is not None:
        return happened_by(graph, record, day)
    return holds_on(graph, record, day)


def as_of(graph: Lookup, net: nx.MultiDiGraph, day: dt.date) -> nx.MultiDiGraph:
    """Links in force on ``day`` (and those not known either way, marked in_force=None), with their ends."""
    if isinstance(graph, Graph) and (store := oxigraph_of(graph)) is not None:
        graph = Facts(store)  # one scan per property, not a lookup per link
    kept = nx.MultiDiGraph()
    for u, v, key, data in net.edges(keys=True, data=True):
        verdict = in_force(graph, data["via"], day)
        if verdict is not False:
            for end in (u, v):
                kept.add_node(end, **net.nodes[end])
            kept.add_edge(u, v, key=key, **data, in_force=verdict)
    return kept


def _find(built: Built, net: nx.MultiDiGraph, name: str, option: str) -> str:
    try:
        iri = str(resolve(built.graph, built.base, name))
    except UnknownName as exc:
        raise ViewError(f"{option}: {exc}") from exc
    if iri not in net:
        label = built.graph.value(URIRef(iri), RDFS.label)
        raise ViewError(f"{option}: '{label}' has no links on this map (it may be a link itself, "
                        "such as a membership, or have none on the --as-of date); name an organisation, post or person")
    return iri




def focus(net: nx.MultiDiGraph, centre: str, depth: int) -> nx.MultiDiGraph:
    """Everything within ``depth`` links of ``centre``, whichever way the links point (what
    nx.ego_graph(undirected=True) finds, without its undirected copy of the whole network)."""
    near, frontier = {centre}, {centre}
    for _ in range(depth):
        frontier = {n for node in frontier for n in (*net.successors(node), *net.predecessors(node))} - near
        near |= frontier
    return net.subgraph(near).copy()


SEATED = """SELECT DISTINCT ?party WHERE { ?party gg:sitsOn ?membership . ?membership org:organization ?body }"""


def seated(graph: Graph, body: str) -> set[str]:
    """Every party that sits on ``body``, by the one definition of "sits on" (queries/sits-on.rq)."""
    return {str(party) for (party,) in evaluate(graph, SEATED, {"body": URIRef(body)}).rows}


SEATS_OF = """SELECT DISTINCT ?membership WHERE {
  ?party gg:sitsOn ?membership . ?membership org:organization ?body . FILTER(?body != ?party) }"""
OWN = ("post-in", "represents", "holds")  # where its posts belong, whom they speak for, who holds them
DECIDES_OR_SIGNS = ("holds", "decides-for", "signs-for", "may-sign-for", "may-not-sign-for", "signs-not-for")


def seats_of(graph: Graph, party: str) -> set[str]:
    """The memberships through which ``party`` sits on a body, by the one definition of "sits on"
    (queries/sits-on.rq; a body's own posts do not seat it on itself)."""
    return {str(m) for (m,) in evaluate(graph, SEATS_OF, {"party": URIRef(party)}).rows}


def where_i_sit(net: nx.MultiDiGraph, centre: str, seats: set[str]) -> nx.MultiDiGraph:
    """A person, post or organisation with where it sits: the bodies it sits on through ``seats``
    (``seats_of``: directly, through a group, a post it fills or holds, or a representative), with
    or without a vote, the member each seat is held by and whom it speaks for; its posts and their
    holders; and who decides or signs for it. Membership links other than ``seats`` are left out."""
    mine = {centre}
    for u, _, kind in net.in_edges(centre, data="kind"):  # its posts and whoever holds them
        if kind in ("post-in", "holds") or (kind == "represents" and net.nodes[u].get("section") == "posts"):
            mine.add(u)
    for _, v, kind in net.out_edges(centre, data="kind"):  # a person's posts
        if kind == "holds":
            mine.add(v)
    held = [(u, v) for u, v, data in net.edges(data=True) if data["kind"] in MEMBERSHIP_KINDS and data["via"] in seats]
    members = {u for u, _ in held}
    keep = mine | members | {v for _, v in held}
    for u, v, data in net.edges(data=True):
        if (u in mine and data["kind"] in OWN) or (u in members and data["kind"] == "represents"):
            keep.add(v)  # whom it, its posts and each seat's member speak for
        if v in mine and data["kind"] in DECIDES_OR_SIGNS:
            keep.add(u)
    view = net.subgraph(keep).copy()
    view.remove_edges_from([(u, v, k) for u, v, k, data in view.edges(keys=True, data=True)
                            if data["kind"] in MEMBERSHIP_KINDS and data["via"] not in seats])
    return view


def board(net: nx.MultiDiGraph, body: str, parties: set[str] = frozenset()) -> nx.MultiDiGraph:  # type: ignore[assignment]
    """A board, its members (with their voting rights), its posts and their holders, whom they
    represent, and every other party that sits on it (``parties``: through a group, a post or a
    representative), with the links that show how."""
    members = {u for u, _, kind in net.in_edges(body, data="kind") if kind in MEMBERSHIP_KINDS or kind == "post-in"}
    holders = {u for m in members for u, _, kind in net.in_edges(m, data="kind") if kind == "holds"}
    represented = {v for m in members for _, v, kind in net.out_edges(m, data="kind") if kind == "represents"}
    keep = {body} | members | holders | represented | (set(parties) & set(net.nodes))
    sub = nx.MultiDiGraph()
    sub.add_nodes_from((n, net.nodes[n]) for n in sorted(keep))
    for u, v, key, data in net.edges(keys=True, data=True):
        if u in keep and v in keep and (v == body or data["kind"] in ("holds", "represents", "post-in", "includes")):
            sub.add_edge(u, v, key=key, **data)
    return sub


def select_view(built: Built, *, focus_name: str | None = None, depth: int = FOCUS_DEPTH, board_name: str | None = None,
                sit_name: str | None = None, day: dt.date | None = None, title: str | None = None) -> View:
    """The view the map options ask for; raises ViewError for names that do not fit."""
    if sum(bool(x) for x in (focus_name, board_name, sit_name)) > 1:
        raise ViewError("use one of --focus, --board and --where-i-sit, not two")
    if depth < 1:
        raise ViewError("--depth must be 1 or more")
    net = annotate(built, built.network)
    name = built.manifest.get("title") or "Governance arrangement"
    when = f" as it stood on {day.isoformat()}" if day else ""
    if day:
        net = as_of(built.graph, net, day)
    if focus_name:
        centre = _find(built, net, focus_name, "--focus")
        label = net.nodes[centre]["label"]
        step = "link" if depth == 1 else "links"
        return View(focus(net, centre, depth), title or f"Where {label} sits",
                    f"{name}: everything within {depth} {step} of {label}{when}", centre)
    if sit_name:
        centre = _find(built, net, sit_name, "--where-i-sit")
        label = net.nodes[centre]["label"]
        return View(where_i_sit(net, centre, seats_of(built.graph, centre)), title or f"Where {label} sits",
                    f"{name}: the bodies {label} sits on, with or without a vote, whom it speaks for, "
                    f"and who decides or signs for it{when}", centre)
    if board_name:
        centre = _find(built, net, board_name, "--board")
        label = net.nodes[centre]["label"]
        if net.nodes[centre]["section"] != "organisations":
            raise ViewError(f"--board: '{label}' is not a board or other organisation")
        return View(board(net, centre, seated(built.graph, centre)), title or f"{label}: members and voting rights",
                    f"{name}: who sits on {label}, with or without a vote, and whom they represent{when}", centre)
    return View(net, title or name, f"The whole arrangement{when}")
