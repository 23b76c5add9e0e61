"""Node positions, computed in Python so that the same map gets the same positions every time.

Up to PHYSICS_LIMIT nodes: a seeded spring layout, which the page then lets settle with physics
(deterministic from these starting points) and stops. Above it, physics is off: spring layouts
cost seconds per thousand nodes here, so nodes are grouped by kind instead, each kind on its own
sunflower spiral (best-connected in the middle), which is linear in the number of nodes.
"""
from __future__ import annotations

import math

import networkx as nx

PHYSICS_LIMIT = 300
SEED = 7
SPACING = 60.0  # pixels between neighbouring nodes on a spiral
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))

Positions = dict[str, tuple[float, float]]


def uses_physics(net: nx.MultiDiGraph) -> bool:
    return net.number_of_nodes() <= PHYSICS_LIMIT


def spring(net: nx.MultiDiGraph) -> Positions:
    if net.number_of_nodes() == 0:
        return {}
    simple = nx.Graph()
    simple.add_nodes_from(sorted(net.nodes))
    simple.add_edges_from(sorted((u, v) for u, v in net.edges()))
    scale = 90.0 * math.sqrt(simple.number_of_nodes())
    pos = nx.spring_layout(simple, seed=SEED, scale=scale)
    return {n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in pos.items()}


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


def positions(net: nx.MultiDiGraph) -> Positions:
    return spring(net) if uses_physics(net) else grouped(net)
