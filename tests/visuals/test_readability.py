"""Readable by measurement, in Chromium at two window sizes, as the page first shows the map: no
label touching another label or record, no record touching another (no tolerance; shapes as
vis-network really draws them), no label under 9 px or cut at the window's edge, the first view
fitted to the window, no shape out of proportion to its label, the legend whole beside the map,
the focus in the middle, and the first click on a record selects it (issue 16). Links crossing
labels are counted and printed (pytest -s shows them); the page's pass that moves records to where
fewer links cross labels must cut them."""
from __future__ import annotations

import pytest
from govgraph.datasets import builtin_path
from govgraph.graph_builder import Built, load_arrangement
from govgraph.visuals import render, select_view, write_map
from govgraph.visuals.readability import measure

from .views_support import BUILTIN_VIEWS as VIEWS

pytestmark = pytest.mark.browser

SIZES = [(1400, 900), (1920, 1080)]


OTHER_ARRANGEMENTS = ("cp_stp_mou_nov2016_plan", "york_scheme")  # every real arrangement shipped


@pytest.fixture(scope="module")
def plan_2016() -> list[Built]:
    return [load_arrangement([builtin_path(name)]) for name in OTHER_ARRANGEMENTS]


def _views(builtin: Built, others: list[Built]):
    for name, options in VIEWS.items():
        yield f"built-in {name}", select_view(builtin, **options)
    for name, built in zip(OTHER_ARRANGEMENTS, others):
        yield f"{name} whole", select_view(built)


@pytest.mark.parametrize("width, height", SIZES)
def test_every_view_is_readable_and_answers_the_first_click(open_map, builtin: Built, plan_2016: list[Built], width, height):
    for name, view in _views(builtin, plan_2016):
        opened = open_map(view, viewport={"width": width, "height": height})
        figures = measure(opened.page)
        where = f"{name} at {width}x{height}: {figures['examples']}"
        print(f"{name} {width}x{height}: {figures['nodes']} records, {figures['edges']} links; links across labels "
              f"{figures['edgeLabel']}, across shapes {figures['edgeNode']}, through their own label {figures['edgeOwnLabel']}; "
              f"smallest label {figures['minLabelPx']:.1f} px")
        assert (figures["labelLabel"], figures["labelNode"], figures["nodeNode"]) == (0, 0, 0), where
        assert figures["minLabelPx"] >= 9, f"{name} at {width}x{height}: smallest label {figures['minLabelPx']:.1f} px"
        # the first view is the map fitted to the window, every label inside it
        assert figures["outside"] == [], f"{name} at {width}x{height}: labels cut at the edge"
        assert figures["scale"] == pytest.approx(figures["fittedScale"], rel=0.01), \
            f"{name} at {width}x{height}: first drawn at scale {figures['scale']:.3f}, fitted {figures['fittedScale']:.3f}"
        assert figures["edgeLabels"] == 0
        assert figures["oversized"] == [], f"{name}: shapes out of proportion to their labels"
        assert opened.errors == [] and opened.outside == []
        _assert_legend_beside_the_map(opened, f"{name} at {width}x{height}")
        if view.centre:
            _assert_centred(opened, name)
        target = opened.js("""() => { const m = window.govgraphMap, c = m.data.meta.centre;
            return m.data.nodes.find(n => !n.hidden && !n.members && n.id !== c).id; }""")
        opened.click_node_id(target)
        label = opened.js("id => window.govgraphMap.data.nodes.find(n => n.id === id).label", target)
        assert opened.page.inner_text("#details h2") == label, f"first click missed on {name} at {width}x{height}"
        assert opened.js("() => window.scrollY") == 0
        opened.page.close()


def _assert_centred(opened, name: str) -> None:
    off = opened.js("""() => { const m = window.govgraphMap, id = m.data.meta.centre;
        const p = m.network.canvasToDOM(m.network.getPositions([id])[id]);
        const r = document.querySelector('#map canvas').getBoundingClientRect();
        return [Math.abs(p.x - r.width / 2) / r.width, Math.abs(p.y - r.height / 2) / r.height]; }""")
    assert max(off) < 0.12, f"{name}: the focused record is off-centre by {off}"


def _assert_legend_beside_the_map(opened, where: str) -> None:
    """The whole legend shows beside the map without scrolling, whatever the details panel holds."""
    legend, side_map, height = opened.js("""() => [document.getElementById('legend').getBoundingClientRect().toJSON(),
        document.getElementById('map').getBoundingClientRect().toJSON(), window.innerHeight]""")
    assert legend["bottom"] <= height and legend["left"] >= side_map["right"] - 1, f"{where}: legend {legend}"
    assert opened.js("() => document.getElementById('side').scrollHeight <= document.getElementById('side').clientHeight"), where


def test_legend_stays_whole_beside_the_map_with_a_long_details_panel(open_map, builtin: Built):
    opened = open_map(select_view(builtin), viewport={"width": 1400, "height": 900})
    opened.js("() => window.govgraphMap.select(window.govgraphMap.data.nodes.find(n => n.record === 'ccc').id)")
    assert opened.js("() => document.querySelectorAll('#details li').length") > 10
    _assert_legend_beside_the_map(opened, "whole map, Cambridgeshire County Council selected")


@pytest.mark.parametrize("name", ["cp_stp_mou", "york_scheme"])
def test_moving_records_off_links_cuts_the_links_across_labels(browser, tmp_path, name: str):
    view = select_view(load_arrangement([builtin_path(name)]))
    counts = {}
    for untangle in (False, True):
        path = tmp_path / f"{name}-{untangle}.html"
        write_map(path, render(view, untangle=untangle))
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort())
        page.goto(path.as_uri())
        page.wait_for_selector("body[data-stable=true]")
        figures = measure(page)
        page.close()
        assert (figures["labelLabel"], figures["labelNode"], figures["nodeNode"]) == (0, 0, 0), figures["examples"]
        counts[untangle] = figures["edgeLabel"] + figures["edgeNode"]
    print(f"{name}: links across labels or shapes {counts[False]} -> {counts[True]}")
    assert counts[True] <= 0.8 * counts[False], counts


def test_groups_are_collapsed_counted_listed_and_expand_on_demand(open_map, builtin: Built):
    opened = open_map(select_view(builtin), viewport={"width": 1400, "height": 900})
    groups = opened.js("() => window.govgraphMap.data.nodes.filter(n => n.members).map(n => [n.id, n.label, n.members.length])")
    labels = {label for _, label, _ in groups}
    assert {"Behaviours (10)", "Principles (8)", "Undertakings (13)", "Statutory duties (4)", "Constraints (4)"} <= labels
    principles = next(g for g in groups if g[1].startswith("Principles"))
    opened.click_node_id(principles[0])
    details = opened.page.inner_text("#details")
    assert "8 records in this group" in details and "Expose and prevent cost shunting" in details
    opened.page.click("#expand-group")
    shown = opened.js("id => window.govgraphMap.nodes.get({filter: n => n.groupId === id && !n.hidden}).length", principles[0])
    assert shown == 8
    assert opened.js("id => window.govgraphMap.nodes.get(id).hidden", principles[0]) is True
    figures = measure(opened.page)
    assert (figures["labelLabel"], figures["labelNode"], figures["nodeNode"]) == (0, 0, 0), figures["examples"]
    opened.page.click("#expand-group")
    assert opened.js("id => window.govgraphMap.nodes.get({filter: n => n.groupId === id && !n.hidden}).length", principles[0]) == 0
