"""Collapsing many like records into one node with a count (commitments per kind, duties, constraints).

Which sections collapse, and by what, is data in styles.yaml (``collapse``). A group of two or more
records becomes one node ("Behaviours (10)") with one link per kind and far end, carrying how many
records it stands for; the records themselves stay on the page, hidden until the reader expands
the group, and the details panel lists them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from .style import StyleTable

GROUP_PREFIX = "group:"


@dataclass
class Grouping:
    """The network as first drawn (groups collapsed), and which record belongs to which group."""

    shown: nx.MultiDiGraph
    members: dict[str, list[str]] = field(default_factory=dict)  # group node -> its records, by label
    group_of: dict[str, str] = field(default_factory=dict)  # record -> its group node


def _group_key(data: dict[str, Any], styles: StyleTable) -> str | None:
    per = styles.collapse.get(data.get("section", ""))
    if per is None:
        return None
    return f"{GROUP_PREFIX}{data['section']}" + (f":{data.get('kind', '')}" if per == "kind" else "")


def collapse(net: nx.MultiDiGraph, styles: StyleTable, keep: str | None = None) -> Grouping:
    """Replace each group of two or more records by one node; links to the same far end merge, counted.
    ``keep`` (the record a view is centred on) is never put in a group."""
    candidates: dict[str, list[str]] = {}
    for node, data in net.nodes(data=True):
        key = _group_key(data, styles) if node != keep else None
        if key:
            candidates.setdefault(key, []).append(node)
    grouping = Grouping(nx.MultiDiGraph())
    for key, nodes in sorted(candidates.items()):
        if len(nodes) < 2:
            continue
        nodes.sort(key=lambda n: (net.nodes[n].get("label", ""), n))
        grouping.members[key] = nodes
        grouping.group_of.update((n, key) for n in nodes)
    shown = grouping.shown
    for node, data in net.nodes(data=True):
        if node not in grouping.group_of:
            shown.add_node(node, **data)
    for key, nodes in grouping.members.items():
        first = net.nodes[nodes[0]]
        style = styles.node(first.get("section", ""), first.get("kind", ""))
        shown.add_node(key, label=f"{style.group} ({len(nodes)})", section=first.get("section", ""),
                       kind=first.get("kind", ""), id="", sources=[], description="", aliases=[], group=True)
    merged: dict[tuple[str, str, str], int] = {}
    for u, v, key, data in sorted(net.edges(keys=True, data=True), key=lambda e: e[:3]):
        gu, gv = grouping.group_of.get(u, u), grouping.group_of.get(v, v)
        if (gu, gv) == (u, v):
            shown.add_edge(u, v, key=key, **data)
        else:
            merged[(gu, gv, data["kind"])] = merged.get((gu, gv, data["kind"]), 0) + 1
    for (u, v, kind), count in sorted(merged.items()):
        shown.add_edge(u, v, key=f"{kind}|group", kind=kind, count=count, aggregate=True)
    return grouping
