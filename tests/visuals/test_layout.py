"""Positions: the same every build; structure (bodies in the middle, posts beside their organisation)
up to the limit; large maps grouped by kind; no physics; groups collapsed; no self-links drawn."""
from __future__ import annotations

import math

from govgraph.graph_builder import Built
from govgraph.visuals import select_view
from govgraph.visuals.groups import collapse
from govgraph.visuals.layout import ASPECT, STRUCTURE_LIMIT, bodies_of, engine_for, grouped, positions, structured
from govgraph.visuals.mapdata import page_data
from govgraph.visuals.style import load_styles
from govgraph.visuals.synthetic import synthetic_network, synthetic_view

B = "https://w3id.org/govgraph/data/cp-stp-mou/"


def test_small_maps_get_the_same_positions_every_time(small: Built):
    net = select_view(small).network
    first, second = structured(net), structured(net.copy())
    assert first == second and set(first) == set(net.nodes)
    assert len(set(first.values())) == len(first)


def test_bodies_in_the_middle_members_around_posts_outside_their_organisation(builtin: Built):
    shown = collapse(select_view(builtin).network, load_styles()).shown
    pos = structured(shown)
    radius = {n: math.hypot(x / ASPECT, y) for n, (x, y) in pos.items()}
    bodies = bodies_of(shown)
    assert B + "cambs-hwb" in bodies and B + "hce" in bodies
    members = [n for n in shown if shown.nodes[n].get("section") == "organisations" and n not in bodies]
    assert max(radius[b] for b in bodies) < min(radius[m] for m in members)
    # the County Council's officer on the HCE stands just outside the County Council, on its side
    rep, ccc = pos[B + "ccc-hce-rep"], pos[B + "ccc"]
    assert radius[B + "ccc-hce-rep"] > radius[B + "ccc"]
    assert math.dist(rep, ccc) < 200


def test_the_threshold_switches_to_kind_groups_and_physics_is_always_off():
    below = synthetic_network(STRUCTURE_LIMIT - 20)
    above = synthetic_network(STRUCTURE_LIMIT + 20)
    assert engine_for(below) == "structured" and engine_for(above) == "grouped"
    small_page = page_data(synthetic_view(STRUCTURE_LIMIT - 20))
    large_page = page_data(synthetic_view(STRUCTURE_LIMIT + 20))
    assert small_page["options"]["physics"] == large_page["options"]["physics"] == {"enabled": False}
    assert small_page["meta"]["separate"] is True and large_page["meta"]["separate"] is False
    assert all(n["physics"] is False for n in large_page["nodes"])


def test_large_maps_are_grouped_by_kind_without_overlaps():
    net = synthetic_network(5000)
    pos = grouped(net)
    assert set(pos) == set(net.nodes) and len(set(pos.values())) == len(pos)
    assert pos == positions(net)
    by_kind: dict[str, list[tuple[float, float]]] = {}
    for node, kind in net.nodes(data="kind"):
        by_kind.setdefault(kind, []).append(pos[node])
    boxes = {k: (min(x for x, _ in p), max(x for x, _ in p), min(y for _, y in p), max(y for _, y in p))
             for k, p in by_kind.items()}
    kinds = sorted(boxes)
    for i, a in enumerate(kinds):  # each kind's group sits apart from every other kind's
        for b in kinds[i + 1:]:
            ax0, ax1, ay0, ay1 = boxes[a]
            bx0, bx1, by0, by1 = boxes[b]
            assert ax1 < bx0 or bx1 < ax0 or ay1 < by0 or by1 < ay0, (a, b)


def test_parallel_links_bend_apart(small: Built):
    data = page_data(select_view(small))
    pairs: dict[frozenset, list] = {}
    for e in data["edges"]:
        if not e.get("hidden"):
            pairs.setdefault(frozenset((e["from"], e["to"])), []).append(e["smooth"])
    shared = [curves for curves in pairs.values() if len(curves) > 1]
    assert shared
    for curves in shared:
        roundness = [c["roundness"] if c else 0 for c in curves]
        assert len(set(roundness)) == len(roundness)


def test_links_not_known_on_the_date_are_faded_and_marked(small: Built):
    import datetime as dt

    data = page_data(select_view(small, day=dt.date(2019, 6, 1)))
    holds = [e for e in data["edges"] if e["kind"] == "holds"]
    assert [e["inForce"] for e in holds] == ["unknown"]
    assert holds[0]["linkLabel"].endswith("(?)") and holds[0]["color"]["opacity"] < 1
    assert all(e["color"]["opacity"] == 1 for e in data["edges"] if e["inForce"] == "yes")


def test_no_record_is_drawn_linked_to_itself(builtin: Built):
    data = page_data(select_view(builtin))
    selfs = [e for e in data["edges"] if e["from"] == e["to"]]
    assert len(selfs) == 27  # 'represents' and 'decides for' of each council, kept for the panel and table
    assert all(e["hidden"] and e["selfLink"] for e in selfs)


def test_commitments_duties_and_constraints_collapse_into_counted_groups(builtin: Built):
    data = page_data(select_view(builtin))
    groups = {n["label"]: n for n in data["nodes"] if "members" in n}
    assert set(groups) == {"Behaviours (10)", "Principles (8)", "Undertakings (13)", "Statutory duties (4)",
                           "Constraints (4)"}
    members = [n for n in data["nodes"] if "groupId" in n]
    assert len(members) == 39 and all(n["hidden"] for n in members)
    shown = [n for n in data["nodes"] if not n.get("hidden")]
    assert len(shown) == 68 - 39 + 5  # 68 records since issue 13 item 6
    # each group's links to one organisation are drawn once, with how many records they stand for
    behaviour = groups["Behaviours (10)"]["id"]
    to_ccc = [e for e in data["edges"] if e["from"] == behaviour and e.get("aggregate")]
    assert to_ccc and all(e["count"] >= 1 for e in to_ccc)
