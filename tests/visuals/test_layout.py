"""Positions: the same every build; physics only for small maps; large maps grouped by kind, straight links."""
from __future__ import annotations

from govgraph.graph_builder import Built
from govgraph.visuals import select_view
from govgraph.visuals.layout import (
    PHYSICS_LIMIT,
    grouped,
    positions,
    spring,
    uses_physics,
)
from govgraph.visuals.mapdata import page_data
from govgraph.visuals.synthetic import synthetic_network, synthetic_view


def test_small_maps_get_the_same_seeded_positions_every_time(small: Built):
    net = select_view(small).network
    first, second = spring(net), spring(net.copy())
    assert first == second and set(first) == set(net.nodes)
    assert len(set(first.values())) == len(first)


def test_the_threshold_switches_physics_off_and_straightens_links():
    below = synthetic_network(PHYSICS_LIMIT - 20)
    above = synthetic_network(PHYSICS_LIMIT + 20)
    assert uses_physics(below) and not uses_physics(above)
    small_page = page_data(synthetic_view(PHYSICS_LIMIT - 20))
    large_page = page_data(synthetic_view(PHYSICS_LIMIT + 20))
    assert small_page["options"]["physics"]["enabled"] is True
    assert small_page["options"]["physics"]["stabilization"]["enabled"] is True
    assert large_page["options"]["physics"] == {"enabled": False}
    assert all(e["smooth"] is False for e in large_page["edges"])
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


def test_parallel_links_bend_apart_on_small_maps(small: Built):
    data = page_data(select_view(small))
    pairs: dict[frozenset, list] = {}
    for e in data["edges"]:
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
    assert holds[0]["label"].endswith("(?)") and holds[0]["color"]["opacity"] < 1
    assert all(e["color"]["opacity"] == 1 for e in data["edges"] if e["inForce"] == "yes")
