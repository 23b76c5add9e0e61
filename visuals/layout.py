"""Node positions, computed in Python so that the same map gets the same positions every time.

Up to STRUCTURE_LIMIT nodes the layout shows the arrangement's structure ("structured"): the
bodies where members meet in the middle, the organisations that sit on them on a ring around
them, ordered by the bodies they sit on, each post and person just outside the organisation it
speaks for, and the collapsed groups (commitments, duties, constraints) in a column beside the
ring. The page then moves apart any boxes that still touch, measured with the fonts the browser
really uses (map.js), so that no label covers another label or a node. Other engines are kept for
the measured comparison in benchmarks/map_layouts.py (docs/maps.md gives the figures).

Above STRUCTURE_LIMIT nodes are grouped by kind instead, each kind on its own sunflower spiral
(best-connected in the middle), which is linear in the number of nodes.
"""
from __future__ import annotations

import math
from collections.abc import Callable

import networkx as nx

STRUCTURE_LIMIT = 300
SEED = 7
SPACING = 60.0  # pixels between neighbouring nodes on a spiral
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
MEMBERSHIPS = ("voting-member", "non-voting-member", "member")  # links that make their target a body
MEETS = (*MEMBERSHIPS, "post-in")
ASPECT = 1.25  # rings are ellipses this much wider than tall, like the map area of a screen
CHAR_WIDTH = 8.5  # a rough average width of one character of a 16 px label, for spacing rings
STEP_OUT = 70.0  # how far outside its organisation each row of its posts and people stands
SAT_ROW = 3  # posts and people per row beside their organisation
SAT_SIDE = 170.0  # spacing of a row's posts across the ring's direction
RING_TIGHTNESS = 0.5  # rings start tighter than their labels need; the page then moves touching boxes apart

Positions = dict[str, tuple[float, float]]


def _rounded(pos: dict) -> Positions:
    return {n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in pos.items()}


def _simple(net: nx.MultiDiGraph) -> nx.Graph:
    simple = nx.Graph()
    simple.add_nodes_from(sorted(net.nodes))
    simple.add_edges_from(sorted((u, v) for u, v in net.edges() if u != v))
    return simple


def spring(net: nx.MultiDiGraph) -> Positions:
    if net.number_of_nodes() == 0:
        return {}
    scale = 90.0 * math.sqrt(net.number_of_nodes())
    return _rounded(nx.spring_layout(_simple(net), seed=SEED, scale=scale))


def kamada_kawai(net: nx.MultiDiGraph) -> Positions:
    if net.number_of_nodes() == 0:
        return {}
    scale = 90.0 * math.sqrt(net.number_of_nodes())
    simple = _simple(net)
    start = nx.circular_layout(simple)  # seedless and deterministic
    return _rounded(nx.kamada_kawai_layout(simple, pos=start, scale=scale))


def _spiral(count: int) -> list[tuple[float, float]]:
    return [(SPACING * math.sqrt(i) * math.cos(i * GOLDEN_ANGLE), SPACING * math.sqrt(i) * math.sin(i * GOLDEN_ANGLE))
            for i in range(count)]


def grouped(net: nx.MultiDiGraph) -> Positions:
    """One spiral per node kind, the spirals side by side in rows, largest first."""
    groups: dict[str, list[str]] = {}
    for node, kind in net.nodes(data="kind"):
        groups.setdefault(kind or "other", []).append(node)
    order = sorted(groups, key=lambda k: (-len(groups[k]), k))
    per_row = max(1, math.ceil(math.sqrt(len(order))))
    pos: Positions = {}
    x = y = row_height = 0.0
    for index, kind in enumerate(order):
        members = sorted(groups[kind], key=lambda n: (-net.degree(n), net.nodes[n].get("label", ""), n))
        radius = SPACING * math.sqrt(len(members)) + SPACING
        if index and index % per_row == 0:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (dx, dy) in zip(members, _spiral(len(members))):
            pos[node] = (round(x + radius + dx, 1), round(y + radius + dy, 1))
        x += 2 * radius
        row_height = max(row_height, 2 * radius)
    return pos


# --- the structured layout ---------------------------------------------------------------------

def _label_width(net: nx.MultiDiGraph, node: str) -> float:
    return min(len(net.nodes[node].get("label", "")) * CHAR_WIDTH, 180.0) + 24.0


def bodies_of(net: nx.MultiDiGraph) -> list[str]:
    """Records that others sit on or hold posts in, most members first."""
    found = {v for u, v, kind in net.edges(data="kind") if kind in MEMBERSHIPS and u != v
             and net.nodes[v].get("section") == "organisations"}
    return sorted(found, key=lambda b: (-net.in_degree(b), net.nodes[b].get("label", ""), b))


def _anchor(net: nx.MultiDiGraph, node: str, bodies: set[str]) -> str | None:
    """The organisation a post (or a person's post) stands beside: whom it speaks for, else where it is."""
    data = net.nodes[node]
    if data.get("section") == "people":
        held = sorted(v for _, v, kind in net.out_edges(node, data="kind") if kind == "holds")
        return held[0] if held else None
    if data.get("section") != "posts":
        return None
    for kinds in (("represents",), ("post-in",), MEETS):
        targets = sorted(v for _, v, kind in net.out_edges(node, data="kind") if kind in kinds and v != node
                         and net.nodes[v].get("section") == "organisations")
        outside = [t for t in targets if t not in bodies]
        if outside or targets:
            return (outside or targets)[0]
    return None


def organisation_of(net: nx.MultiDiGraph, node: str) -> str | None:
    """The organisation a post or person stands beside (a person's post's organisation), if any."""
    anchor, seen = _anchor(net, node, set()), {node}
    while anchor is not None and anchor not in seen and net.nodes[anchor].get("section") != "organisations":
        seen.add(anchor)
        anchor = _anchor(net, anchor, set())
    return anchor if anchor is not None and net.nodes[anchor].get("section") == "organisations" else None


def _angle_towards(angles: list[float]) -> float | None:
    if not angles:
        return None
    x, y = sum(math.cos(a) for a in angles), sum(math.sin(a) for a in angles)
    return math.atan2(y, x) if abs(x) + abs(y) > 1e-6 else angles[0]


def structured(net: nx.MultiDiGraph, centre: str | None = None) -> Positions:
    """Bodies in the middle, their member organisations around them, posts beside their organisation,
    collapsed groups in a column to the right. With a ``centre`` (a focus view), it alone is in the
    middle, and the groups join the ring, so that it stays in the middle of the window."""
    if net.number_of_nodes() == 0:
        return {}
    bodies = [centre] if centre else bodies_of(net)
    body_set = set(bodies)
    groups = [] if centre else sorted((n for n, g in net.nodes(data="group") if g),
                                      key=lambda n: net.nodes[n].get("label", ""))
    anchors: dict[str, str] = {}
    for node in sorted(net.nodes):
        if node in body_set or node in groups:
            continue
        anchor = _anchor(net, node, body_set)
        if anchor is not None and anchor != node:
            anchors[node] = anchor
    # a person's post may itself stand beside an organisation: follow the chain to the ring
    def root(node: str) -> str:
        seen = {node}
        while node in anchors and anchors[node] not in seen and anchors[node] not in body_set:
            node = anchors[node]
            seen.add(node)
        return node
    ring = sorted(n for n in net.nodes if n not in body_set and n not in groups and root(n) == n)
    pos: dict[str, tuple[float, float]] = {}
    # bodies on a small ellipse in the middle
    inner = 0.0 if len(bodies) == 1 else max(110.0, sum(_label_width(net, b) for b in bodies) / (2 * math.pi))
    body_angle = {}
    for i, b in enumerate(bodies):
        a = -math.pi / 2 + 2 * math.pi * i / max(1, len(bodies))
        body_angle[b] = a
        pos[b] = (inner * ASPECT * math.cos(a), inner * math.sin(a))
    # ring members ordered by the angle of the bodies they (or their posts) meet in
    satellites: dict[str, list[str]] = {}
    for node in sorted(anchors, key=lambda n: (net.nodes[n].get("label", ""), n)):
        if root(node) != node:
            satellites.setdefault(root(node), []).append(node)

    def target_angle(node: str) -> float | None:
        family = [node, *satellites.get(node, [])]
        angles = [body_angle[v] for f in family for _, v in net.out_edges(f) if v in body_angle]
        angles += [body_angle[u] for f in family for u, _ in net.in_edges(f) if u in body_angle]
        return _angle_towards(angles)

    keyed = [(target_angle(n), net.nodes[n].get("label", ""), n) for n in ring]
    placed = sorted((k for k in keyed if k[0] is not None), key=lambda k: ((k[0] or 0.0) % (2 * math.pi), k[1], k[2]))
    placed += sorted((k for k in keyed if k[0] is None), key=lambda k: (k[1], k[2]))
    order = [k[2] for k in placed]
    need = sum(_label_width(net, n) for n in order) + 30.0 * len(order)
    outer = max(inner + 170.0, RING_TIGHTNESS * need / (2 * math.pi) / ((1 + ASPECT) / 2))
    start = placed[0][0] if placed and placed[0][0] is not None else -math.pi / 2
    for i, node in enumerate(order):
        a = start + 2 * math.pi * i / max(1, len(order))
        cx, cy = math.cos(a), math.sin(a)
        pos[node] = (outer * ASPECT * cx, outer * cy)
        # its posts and people in rows of SAT_ROW just outside it, across the ring's direction
        x0, y0 = pos[node]
        for k, sat in enumerate(satellites.get(node, [])):
            row, col = divmod(k, SAT_ROW)
            across = (col - (min(SAT_ROW, len(satellites[node]) - row * SAT_ROW) - 1) / 2) * SAT_SIDE
            out = STEP_OUT * (row + 1)
            pos[sat] = (x0 + out * ASPECT * cx - across * cy, y0 + out * cy + across * cx)
    # collapsed groups in a column to the right of the ring
    right = max((x for x, _ in pos.values()), default=0.0) + 160.0
    top = -(len(groups) - 1) * 45.0
    for i, g in enumerate(groups):
        pos[g] = (right, top + 90.0 * i)
    return _rounded(pos)


ENGINES: dict[str, Callable[[nx.MultiDiGraph], Positions]] = {
    "structured": structured, "spring": spring, "kamada-kawai": kamada_kawai, "grouped": grouped}


def engine_for(net: nx.MultiDiGraph) -> str:
    return "structured" if net.number_of_nodes() <= STRUCTURE_LIMIT else "grouped"


def positions(net: nx.MultiDiGraph, engine: str | None = None, centre: str | None = None) -> Positions:
    chosen = engine or engine_for(net)
    return structured(net, centre) if chosen == "structured" else ENGINES[chosen](net)
