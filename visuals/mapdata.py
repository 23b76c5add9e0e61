"""A view as a pyvis Network, and the page data drawn from it (nodes, links, groups, legend, options).

pyvis holds the network; the page is rendered by page.py through the project's own template,
so none of pyvis's own HTML (heading, menus, tooltips) is used. Node ids are small integers
(pyvis looks ids up in lists, so short ids keep a 5,000-node build fast); each node keeps its
record id for the details panel.

What is drawn first: groups collapsed (groups.py), no link from a record to itself (the panel says
"represents itself" instead), positions from layout.py. The records of a group and their links are
on the page too, hidden until the reader expands the group.
"""
from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

import networkx as nx

from .groups import Grouping, collapse
from .layout import Positions, engine_for, organisation_of, positions
from .style import StyleTable, load_styles
from .views import View

if TYPE_CHECKING:
    from pyvis.network import Network

CURVE_STEP = 0.18  # roundness between parallel links, so that both stay visible
FONT_SIZE = 16
LABEL_WIDTH = 180  # labels wrap beyond this many pixels
# vis-network draws an ellipse twice as tall as its label: wrapped wider, an oval is about as tall
# as a box with the same name, so that no kind of record looks bigger than another
ELLIPSE_LABEL_WIDTH = 270
MEMBER_STEP = 60.0  # spacing of a group's records when expanded


def _node_options(data: dict[str, Any], styles: StyleTable, xy: tuple[float, float]) -> dict[str, Any]:
    style = styles.node(data.get("section", ""), data.get("kind", ""))
    if data.get("group"):
        look = {**styles.group_style, "colour": style.colour, "border": style.border}
        shape, border_width, dashes, radius, font = (look["shape"], look["border_width"], look["dashes"],
                                                     look["radius"], look["font"])
    else:
        shape, border_width, dashes, radius, font = style.shape, style.border_width, style.dashes, style.radius, style.font
    inside = shape in ("box", "ellipse", "circle", "database")
    colour = {"background": style.colour, "border": style.border}
    return {"label": data.get("label", ""), "shape": shape, "x": xy[0], "y": xy[1], "physics": False,
            "borderWidth": border_width, "borderWidthSelected": border_width + 2,
            "shapeProperties": {"borderDashes": dashes, "borderRadius": radius},
            "color": {**colour, "highlight": {"background": style.colour, "border": "#000000"},
                      "hover": {"background": style.colour, "border": "#000000"}},
            # a label below its shape gets a white halo, so that it stays legible where a link passes
            "font": {"color": font} if inside else {"color": "#1a1a1a", "strokeWidth": 4, "strokeColor": "#ffffff"},
            **({"widthConstraint": {"maximum": ELLIPSE_LABEL_WIDTH}} if shape == "ellipse" else {}),
            "kind": data.get("kind", ""), "kindLabel": style.group if data.get("group") else style.legend,
            "section": data.get("section", ""),
            "record": data.get("id", ""), "sources": list(data.get("sources", [])),
            "description": data.get("description", ""), "aliases": list(data.get("aliases", []))}


def _link_label(label: str, status: str, verdict: bool | None | str) -> str:
    if status and status != "completed":
        label = f"{label} ({status.replace('-', ' ')})"
    return f"{label} (?)" if verdict is None else label


def _edge_options(data: dict[str, Any], styles: StyleTable, curve: float | None) -> dict[str, Any]:
    style = styles.link(data["kind"])
    verdict = data.get("in_force", "")
    uncertain = verdict is None
    return {"kind": data["kind"], "label": "", "linkLabel": _link_label(style.label, data.get("status", ""), verdict),
            "linkText": style.legend, "color": {"color": style.colour, "highlight": style.colour, "hover": style.colour,
                                                "opacity": 0.45 if uncertain else 1.0},
            "width": style.width, "dashes": style.dashes, "arrows": "to",
            "smooth": {"enabled": True, "type": "curvedCW", "roundness": curve} if curve else False,
            "via": data.get("via_label", ""), "sources": list(data.get("sources", [])), "note": data.get("note", ""),
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


def vis_options(hierarchical: bool = False) -> dict[str, Any]:
    """vis-network options: positions come from Python (or vis's hierarchical layout), no physics."""
    layout: dict[str, Any] = {"randomSeed": 7, "improvedLayout": False}
    if hierarchical:
        layout["hierarchical"] = {"enabled": True, "direction": "UD", "sortMethod": "directed",
                                  "nodeSpacing": 200, "levelSeparation": 150}
    return {
        "autoResize": True,
        "layout": layout,
        "physics": {"enabled": False},
        "edges": {"font": {"size": 11, "align": "middle", "strokeWidth": 3}, "selectionWidth": 2,
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}}},
        "nodes": {"borderWidth": 1.5, "font": {"size": FONT_SIZE}, "margin": 8, "size": 14,
                  "widthConstraint": {"maximum": LABEL_WIDTH}},
        "interaction": {"hover": True, "keyboard": {"enabled": True, "bindToWindow": False},
                        "hideEdgesOnDrag": False, "hideEdgesOnZoom": False, "tooltipDelay": 300},
    }


def _member_positions(grouping: Grouping, pos: Positions) -> Positions:
    """Where a group's records appear when it is expanded: a column to the right of the group."""
    out: Positions = {}
    for group, members in grouping.members.items():
        gx, gy = pos[group]
        for i, member in enumerate(members):
            out[member] = (round(gx + 260.0, 1), round(gy + MEMBER_STEP * (i - (len(members) - 1) / 2), 1))
    return out


def to_pyvis(view: View, styles: StyleTable | None = None, engine: str | None = None) -> tuple[Network, Grouping]:
    """The view as a directed pyvis Network with styles, positions and the facts the page shows.

    Nodes and links of collapsed groups are included, hidden; links from a record to itself are
    included, hidden, so that the panel and the table can tell them."""
    styles = styles or load_styles()
    net = view.network
    grouping = collapse(net, styles, view.centre)
    shown = grouping.shown
    large = engine_for(shown) == "grouped"
    drawn = shown if large else nx.MultiDiGraph(shown)  # large maps: links straight, layout by kind only
    if not large:
        drawn.remove_edges_from([(u, v, k) for u, v, k in shown.edges(keys=True) if u == v])
    pos = positions(drawn, None if engine in (None, "hierarchical") else engine, view.centre)
    pos.update(_member_positions(grouping, pos))
    # Imported here, not above: pyvis imports IPython, about half a second that every other
    # command (query, can, explain) would pay at start-up for a map it does not draw.
    from pyvis.network import Network

    out = Network(directed=True, height="100%", width="100%", cdn_resources="in_line")
    order = sorted(net.nodes) + list(grouping.members)
    index = {node: i for i, node in enumerate(order)}
    for node, i in index.items():
        data = shown.nodes[node] if node in shown else net.nodes[node]
        options = _node_options(data, styles, pos[node])
        if node in grouping.members:
            options.update(members=[index[m] for m in grouping.members[node]], expanded=False)
        if node in grouping.group_of:
            options.update(groupId=index[grouping.group_of[node]], hidden=True)
        beside = organisation_of(drawn, node) if not large and node in drawn else None
        if beside is not None:
            options.update(beside=index[beside])  # the page keeps it nearer this organisation than any other
        out.add_node(i, **options)
    curves = {} if large else _curves(drawn)
    for u, v, key, data in sorted(net.edges(keys=True, data=True), key=lambda e: e[:3]):
        options = _edge_options(data, styles, curves.get((u, v, key)))
        inside = {grouping.group_of[end] for end in (u, v) if end in grouping.group_of}
        if inside:
            options.update(groupIds=[index[g] for g in sorted(inside)], hidden=True, smooth=False)
        if u == v:
            options.update(selfLink=True, hidden=True)
        out.add_edge(index[u], index[v], id=len(out.edges), **options)
    for u, v, key, data in sorted(shown.edges(keys=True, data=True), key=lambda e: e[:3]):
        if data.get("aggregate"):
            options = _edge_options({**data, "via_label": ""}, styles, curves.get((u, v, key)))
            options.update(aggregate=True, count=data["count"], width=options["width"] + 1)
            out.add_edge(index[u], index[v], id=len(out.edges), **options)
    out.options = vis_options(engine == "hierarchical")
    return out, grouping


def legend(net: Network, styles: StyleTable) -> dict[str, list[dict[str, Any]]]:
    """Legend rows for the kinds of record and link on this map, in style-table order."""
    # records of a collapsed group are told by the group's row, not one row per kind
    node_counts = Counter((n["section"], n["kind"]) for n in net.nodes if "members" not in n and "groupId" not in n)
    link_counts = Counter(e["kind"] for e in net.edges if not e.get("aggregate") and not e.get("selfLink"))
    rows: dict[str, dict[str, Any]] = {}
    for (section, kind), count in node_counts.items():
        style = styles.node(section, kind)
        row = rows.setdefault(style.legend, {"legend": style.legend, "shape": style.shape, "colour": style.colour,
                                             "border": style.border, "dashes": style.dashes or [],
                                             "borderWidth": style.border_width, "radius": style.radius, "count": 0})
        row["count"] += count
    nodes = [rows[name] for name in sorted(rows)]
    look = styles.group_style
    for group in (n for n in net.nodes if "members" in n):
        nodes.append({"legend": f"{group['kindLabel']} (group)", "shape": look["shape"],
                      "colour": group["color"]["background"], "border": group["color"]["border"],
                      "dashes": look["dashes"], "borderWidth": look["border_width"], "radius": look["radius"],
                      "count": len(group["members"])})
    links = [{"kind": kind, "legend": style.legend, "label": style.label, "colour": style.colour,
              "width": style.width, "dashes": style.dashes or [], "count": link_counts[kind]}
             for kind, style in styles.links.items() if link_counts[kind]]
    return {"nodes": nodes, "links": links}


def page_data(view: View, styles: StyleTable | None = None, engine: str | None = None,
              separate: bool = True, untangle: bool = True) -> dict[str, Any]:
    """Everything the page script needs, as plain JSON-ready data."""
    styles = styles or load_styles()
    net, _grouping = to_pyvis(view, styles, engine)
    nodes, edges, _heading, _height, _width, _options = net.get_network_data()
    centre = sorted(view.network.nodes).index(view.centre) if view.centre else None
    large = engine_for(view.network) == "grouped"
    panel = [{"kinds": g.kinds, "start": g.start, "end": g.end} for g in styles.panel]
    return {"meta": {"title": view.title, "subtitle": view.subtitle, "physics": False,
                     "layout": engine or engine_for(view.network), "separate": separate and not large,
                     "untangle": separate and untangle and not large,
                     "centre": centre, "nodeCount": view.network.number_of_nodes(),
                     "linkCount": view.network.number_of_edges(),
                     "drawnCount": sum(1 for n in nodes if not n.get("hidden"))},
            "nodes": nodes, "edges": edges, "legend": legend(net, styles), "options": net.options,
            "panel": panel}
