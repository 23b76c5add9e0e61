"""The maps in a real browser (Debian's Chromium via Playwright), offline, as a new member would use them."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from govgraph.graph_builder import Built
from govgraph.visuals import select_view
from govgraph.visuals.synthetic import synthetic_view

pytestmark = pytest.mark.browser

PAINTED = """() => {
  const c = document.querySelector('#map canvas');
  const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 3; i < px.length; i += 4) { if (px[i] > 0) n++; }
  return n;
}"""
DRAWN_NODES = "() => window.govgraphMap.network.body.nodeIndices.length"
DRAWN_EXPECTED = "() => window.govgraphMap.data.meta.drawnCount"
RECORDS = "() => window.govgraphMap.data.meta.nodeCount"
PWNED = "() => typeof window.__pwned === 'undefined' ? null : String(window.__pwned)"


def _assert_clean_and_drawn(opened, expected_nodes: int) -> None:
    assert opened.errors == []
    assert opened.outside == []
    assert opened.js(PAINTED) > 2000, "the map canvas is blank"
    assert opened.js(RECORDS) == expected_nodes
    assert opened.js(DRAWN_NODES) == opened.js(DRAWN_EXPECTED) <= expected_nodes  # groups drawn collapsed
    legend = opened.page.inner_text("#legend")
    assert "Legend" in legend and opened.page.locator("#legend-links input[type=checkbox]").count() > 0


def test_whole_builtin_map_draws_offline(open_map, builtin: Built):
    view = select_view(builtin)
    opened = open_map(view)
    _assert_clean_and_drawn(opened, view.network.number_of_nodes())
    rows = opened.page.locator("#links-body tr").count()
    assert rows == view.network.number_of_edges()


@pytest.mark.parametrize("options", [
    {"focus_name": "South Cambridgeshire District Council"},
    {"board_name": "Cambridgeshire Health and Wellbeing Board"},
    {"day": dt.date(2017, 1, 12)},
])
def test_builtin_views_draw_offline(open_map, builtin: Built, options):
    view = select_view(builtin, **options)
    opened = open_map(view)
    _assert_clean_and_drawn(opened, view.network.number_of_nodes())
    if view.centre:  # focus and board views open with their centre selected and described
        label = view.network.nodes[view.centre]["label"]
        assert opened.page.inner_text("#details h2") == label


def test_search_finds_and_selects_a_node(open_map, small: Built):
    opened = open_map(select_view(small))
    opened.page.fill("#search-box", "scc")  # an abbreviation
    opened.page.press("#search-box", "Enter")
    assert opened.js("() => window.govgraphMap.network.getSelectedNodes()") == [opened.node_id("shire-council")]
    assert opened.page.inner_text("#details h2") == "Shire County Council"
    opened.page.fill("#search-box", "council")  # several matches: offered as buttons
    opened.page.press("#search-box", "Enter")
    opened.page.click("#search-result button:has-text('Town District Council')")
    assert opened.js("() => window.govgraphMap.network.getSelectedNodes()") == [opened.node_id("town-council")]
    opened.page.fill("#search-box", "nobody at all")
    opened.page.press("#search-box", "Enter")
    assert "Nothing on this map is called" in opened.page.inner_text("#search-result")


def test_clicking_a_node_shows_each_link_with_its_sources(open_map, small: Built):
    opened = open_map(select_view(small))
    opened.click_node("river-ccg")
    details = opened.page.inner_text("#details")
    assert details.startswith("River CCG")
    assert "Clinical commissioning group" in details
    assert "River CCG sits on, without a vote, Shire Wellbeing Board" in details
    assert "Stated in: River CCG sits on the board (charter 2.2(c); charter 2.4)" in details
    assert "Source: charter 1.1" in details
    opened.page.click("#details .links button:has-text('Shire Wellbeing Board')")  # follow a link
    assert opened.page.inner_text("#details h2") == "Shire Wellbeing Board"
    assert opened.errors == []


def test_show_only_its_connections_and_back(open_map, small: Built):
    opened = open_map(select_view(small))
    opened.click_node("river-ccg")
    opened.page.click("#only-connections")
    net = small.network
    centre = "https://example.org/govgraph/map-fixture/river-ccg"
    near = {centre} | set(net.predecessors(centre)) | set(net.successors(centre))
    shown = opened.js("() => window.govgraphMap.nodes.get({filter: n => !n.hidden}).map(n => n.record)")
    assert set(shown) == {n.rsplit("/", 1)[1] for n in near}
    assert opened.js(PAINTED) > 500
    opened.page.click("#show-all")
    assert opened.js("() => window.govgraphMap.nodes.get({filter: n => n.hidden}).length") == 0


def test_link_kind_toggles_hide_and_show_that_kind(open_map, small: Built):
    opened = open_map(select_view(small))
    hidden = "k => window.govgraphMap.edges.get({filter: e => e.hidden && e.kind === k}).length"
    opened.page.uncheck("#legend-links input[data-kind=binds]")
    assert opened.js(hidden, "binds") == opened.js("() => window.govgraphMap.edges.get({filter: e => e.kind === 'binds'}).length") > 0
    assert opened.js("() => window.govgraphMap.edges.get({filter: e => e.hidden && e.kind !== 'binds'}).length") == 0
    opened.page.check("#legend-links input[data-kind=binds]")
    assert opened.js(hidden, "binds") == 0


def test_save_as_png_downloads_a_picture_of_the_map(open_map, small: Built):
    opened = open_map(select_view(small))
    with opened.page.expect_download() as download:
        opened.page.click("#save-png")
    assert download.value.suggested_filename == "small-fixture-arrangement-for-map-tests.png"
    data = Path(download.value.path()).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000
    assert opened.outside == [] and opened.errors == []


def test_injected_payloads_are_shown_as_text_and_never_run(open_map, payloads: Built):
    opened = open_map(select_view(payloads))
    _assert_clean_and_drawn(opened, 2)
    page = opened.page
    page.fill("#search-box", "</script><script>window.__pwned='alias'</script>")  # found by its alias
    page.press("#search-box", "Enter")
    details = page.inner_text("#details")
    assert details.startswith("<img src=x onerror=\"window.__pwned='label'\">")
    assert "</script><script>window.__pwned='desc2'</script>" in details
    assert "charter 1.1 </script><script>window.__pwned='source'</script>" in details
    assert "<svg onload=\"window.__pwned='via'\"></svg> membership" in details
    page.click("#details .links button")  # the "javascript:" board is a button, not a link to follow
    assert page.inner_text("#details h2") == "javascript:window.__pwned='javascript'"
    assert "<a href=\"javascript:window.__pwned='href'\">click me</a>" in page.inner_text("#details")
    assert page.title().startswith("Payloads </title><script>")
    assert page.locator("img, svg[onload], a[href], #details script, #links-table script").count() == 0
    assert "<img src=x onerror" in page.inner_text("#links-table")
    assert opened.js(PWNED) is None
    assert opened.errors == [] and opened.outside == []


def test_a_5000_node_map_draws_without_physics(open_map):
    view = synthetic_view(5000)
    opened = open_map(view)
    assert opened.errors == [] and opened.outside == []
    assert opened.js(RECORDS) == view.network.number_of_nodes()
    assert opened.js(DRAWN_NODES) == opened.js(DRAWN_EXPECTED)
    assert opened.js(PAINTED) > 2000
    assert opened.js("() => window.govgraphMap.network.physics.options.enabled") is False


def test_screenshot_command_writes_a_png_of_the_map(browser, small: Built, tmp_path):
    import subprocess
    import sys

    from govgraph.visuals import render, write_map

    page = tmp_path / "small.html"
    write_map(page, render(select_view(small)))
    command = [sys.executable, "-m", "govgraph.visuals.screenshot"]
    done = subprocess.run([*command, str(page), str(tmp_path / "shot.png"), "--width", "900", "--height", "600"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "shot.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    missing = subprocess.run([*command, str(tmp_path / "missing.html"), str(tmp_path / "no.png")],
                             capture_output=True, text=True, timeout=60)
    assert missing.returncode == 2 and "no such page" in missing.stderr
    assert not (tmp_path / "no.png").exists()


def test_details_panel_groups_links_in_order_and_says_represents_itself(open_map, builtin: Built):
    opened = open_map(select_view(builtin))
    opened.page.fill("#search-box", "Cambridgeshire County Council")
    opened.page.press("#search-box", "Enter")
    headings = opened.page.locator("#details h4").all_inner_texts()
    order = ["Sits on", "Who sits on it", "Votes in", "Who votes in it", "Speaks for", "Represented by",
             "May decide for", "Decided for by", "May sign for", "Signed for by", "Binds", "Bound by",
             "Part of", "Includes"]
    assert headings == [h for h in order if h in headings]
    assert {"Sits on", "Represented by", "May decide for", "Bound by"} <= set(headings)
    details = opened.page.inner_text("#details")
    assert "Cambridgeshire County Council represents itself" in details
    assert "Cambridgeshire County Council decides on behalf of itself" in details
    # never drawn as an arrow from the council to itself
    assert opened.js("() => window.govgraphMap.edges.get({filter: e => e.from === e.to && !e.hidden}).length") == 0
    assert "itself" in opened.page.inner_text("#links-table")
