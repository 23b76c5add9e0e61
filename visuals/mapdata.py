"""A view as a pyvis Network, and the page data drawn from it (nodes, links, legend, options).

pyvis holds the network; the page is rendered by page.py through the project's own template,
so none of pyvis's own HTML (heading, menus, tooltips) is used. Node ids are small integers
(pyvis looks ids up in lists, so short ids keep a 5,000-node build fast); each node keeps its
record id for the details panel.
"""
from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx
from pyvis.network import Network

from .layout import Positions, positions, uses_physics
from .style import StyleTable, load_styles
from .views import View

CURVE_STEP = 0.18  # roundness between parallel links, so that both stay visible


def _node_options(data: dict[str, Any], styles: StyleTable, xy: tuple[float, float], physics: bool) -> dict[str, Any]:
    style = styles.node(data.get("section", ""), data.get("kind", ""))
    colour = {"background": style.colour, "border": style.border}
    return {"label": data.get("label", ""), "shape": style.shape, "x": xy[0], "y": xy[1], "physics": physics,
            "color": {**colour, "highlight": {"background": style.colour, "border": "#000000"}},
            "font": {"color": style.font if style.shape in ("box", "ellipse") else "#1a1a1a"},
            "kind": data.get("kind", ""), "kindLabel": style.legend, "section": data.get("section", ""),
            "record": data.get("id", ""), "sources": list(data.get("sources", [])),
            "description": data.get("description", ""), "aliases": list(data.get("aliases", []))}


def _link_label(label: str, status: str, verdict: bool | None | str) -> str:
    if status and status != "completed":
        label = f"{label} ({status.replace('-', ' ')})"
    return f"{label} (?)" if verdict is None else label


def _edge_options(data: dict[str, Any], styles: StyleTable, curve: float | None, labels: bool) -> dict[str, Any]:
    style = styles.link(data["kind"])
    verdict = data.get("in_force", "")
    uncertain = verdict is None
    return {"kind": data["kind"], "label": _link_label(style.label, data.get("status", ""), verdict) if labels else "",
            "linkText": style.legend, "color": {"color": style.colour, "highlight": style.colour, "hover": style.colour,
                      "opacity": 0.45 if uncertain else 1.0},
            "width": style.width, "dashes": style.dashes, "arrows": "to",
            "smooth": {"enabled": True, "type": "curvedCW", "roundness": curve} if curve else False,
            "via": data.get("via_label", ""), "sources": list(data.get("sources", [])),
            "start": data.get("start", ""), "end": data.get("end", ""), "status": data.get("status", ""),
            "inForce": "unknown" if uncertain else ("yes" if verdict is True else "")}


def _curves(net: nx.MultiDiGraph) -> dict[tuple[str, str, str], float | None]:
    """Parallel links between the same two records bend by increasing amounts; single links stay straight."""
    seen: Counter[frozenset[str]] = Counter()
    curves = {}
    for u, v, key in sorted(net.edges(keys=True)):
        pair = frozenset((u, v))
        curves[(u, v, key)] = CURVE_STEP * seen[pair] or None
        seen[pair] += 1
    return curves


def vis_options(physics: bool) -> dict[str, Any]:
    """vis-network options: seeded physics that stops once stable, or none (large maps)."""
    return {
        "autoResize": True,
        "layout": {"randomSeed": 7, "improvedLayout": False},
        "physics": {"enabled": True, "solver": "forceAtlas2Based",
                    "forceAtlas2Based": {"gravitationalConstant": -120, "centralGravity": 0.02, "springLength": 130,
                                         "springConstant": 0.06, "avoidOverlap": 0.8},
                    "stabilization": {"enabled": True, "iterations": 400, "updateInterval": 50, "fit": True}}
        if physics else {"enabled": False},
        "edges": {"font": {"size": 11, "align": "middle", "strokeWidth": 3}, "selectionWidth": 2,
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}}},
        "nodes": {"borderWidth": 1.5, "font": {"size": 15}, "margin": 8, "size": 14,
                  "widthConstraint": {"maximum": 200}},
        "interaction": {"hover": True, "keyboard": {"enabled": True, "bindToWindow": False},
                        "hideEdgesOnDrag": not physics, "hideEdgesOnZoom": not physics, "tooltipDelay": 300},
    }


def to_pyvis(view: View, styles: StyleTable | None = None, pos: Positions | None = None) -> Network:
    """The view as a directed pyvis Network with styles, positions and the facts the page shows."""
    styles = styles or load_styles()
    net = view.network
    physics = uses_physics(net)
    pos = pos if pos is not None else positions(net)
    out = Network(directed=True, height="100%", width="100%", cdn_resources="in_line")
    index = {node: i for i, node in enumerate(sorted(net.nodes))}
    for node, i in index.items():
        out.add_node(i, **_node_options(net.nodes[node], styles, pos[node], physics))
    curves = _curves(net) if physics else {}
    for u, v, key, data in sorted(net.edges(keys=True, data=True), key=lambda e: e[:3]):
        out.add_edge(index[u], index[v], id=len(out.edges), **_edge_options(data, styles, curves.get((u, v, key)), physics))
    out.options = vis_options(physics)
    return out


def legend(net: Network, styles: StyleTable) -> dict[str, list[dict[str, Any]]]:
    """Legend rows for the kinds of record and link on this map, in style-table order."""
    node_counts = Counter((n["section"], n["kind"]) for n in net.nodes)
    link_counts = Counter(e["kind"] for e in net.edges)
    rows: dict[str, dict[str, Any]] = {}
    for (section, kind), count in node_counts.items():
        style = styles.node(section, kind)
        row = rows.setdefault(style.legend, {"legend": style.legend, "shape": style.shape, "colour": style.colour,
                                             "border": style.border, "count": 0})
        row["count"] += count
    nodes = [rows[name] for name in sorted(rows)]
    links = [{"kind": kind, "legend": style.legend, "label": style.label, "colour": style.colour,
              "width": style.width, "dashes": style.dashes or [], "count": link_counts[kind]}
             for kind, style in styles.links.items() if link_counts[kind]]
    return {"nodes": nodes, "links": links}


def page_data(view: View, styles: StyleTable | None = None) -> dict[str, Any]:
    """Everything the page script needs, as plain JSON-ready data."""
    styles = styles or load_styles()
    net = to_pyvis(view, styles)
    nodes, edges, _heading, _height, _width, _options = net.get_network_data()
    centre = sorted(view.network.nodes).index(view.centre) if view.centre else None
    return {"meta": {"title": view.title, "subtitle": view.subtitle, "physics": uses_physics(view.network),
                     "centre": centre, "nodeCount": len(nodes), "linkCount": len(edges)},
            "nodes": nodes, "edges": edges, "legend": legend(net, styles), "options": net.options}
