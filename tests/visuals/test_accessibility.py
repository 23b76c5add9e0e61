"""Accessible: axe-core (from the axe-playwright-python test dependency; injected by the test, never
shipped in the page) finds no serious or critical violation on any map view or the induction page,
and every action of the map works from the keyboard: Find, pick a record from the table, read its
panel, tick a kind of link off and on."""
from __future__ import annotations

from pathlib import Path

import pytest
from govgraph.cli.app import app
from govgraph.graph_builder import Built
from govgraph.visuals import select_view
from typer.testing import CliRunner

from .views_support import BUILTIN_VIEWS as VIEWS

pytestmark = pytest.mark.browser


def _serious(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("name", sorted(VIEWS))
def test_no_serious_violations_on_any_map_view(open_map, builtin: Built, name):
    opened = open_map(select_view(builtin, **VIEWS[name]), viewport={"width": 1400, "height": 900})
    assert _serious(opened.page) == []
    opened.page.fill("#search-box", "Cambridgeshire County Council")  # with the details panel open too
    opened.page.press("#search-box", "Enter")
    assert _serious(opened.page) == []


def test_no_serious_violations_on_the_induction_page(browser, tmp_path: Path):
    out = tmp_path / "induction.html"
    assert CliRunner().invoke(app, ["induction", "South Cambridgeshire District Council", "--out", str(out)]).exit_code == 0
    page = browser.new_page(viewport={"width": 1400, "height": 900})  # type: ignore[attr-defined]
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort())
    page.goto(out.as_uri())
    assert _serious(page) == []
    page.close()


def _tab_to(page, selector: str, limit: int = 400) -> None:
    """Press Tab until the element matching ``selector`` has the focus, as a keyboard user would."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def test_keyboard_find_table_panel_and_link_toggles(open_map, builtin: Built):
    opened = open_map(select_view(builtin), viewport={"width": 1400, "height": 900})
    page = opened.page
    # Find: Tab to the box, type, Enter
    _tab_to(page, "#search-box")
    page.keyboard.type("SCDC")
    page.keyboard.press("Enter")
    assert page.inner_text("#details h2") == "South Cambridgeshire District Council"
    # its panel: Tab reaches the panel's buttons, and Enter follows a link to another record
    _tab_to(page, "#details .links button")
    target = page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")
    assert page.inner_text("#details h2") == target
    # toggle a kind of link: Tab to its tick box, Space unticks it and hides those links
    _tab_to(page, "#legend-links input[data-kind=binds]")
    page.keyboard.press("Space")
    assert opened.js("() => window.govgraphMap.edges.get({filter: e => e.kind === 'binds' && !e.hidden}).length") == 0
    page.keyboard.press("Space")
    assert opened.js("() => window.govgraphMap.edges.get({filter: e => e.kind === 'binds' && !e.hidden}).length") > 0
    # pick a record from the table of links: Tab to a name, Enter opens its panel and moves the focus there
    _tab_to(page, "#links-body button")
    name = page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")
    assert page.inner_text("#details h2") == name
    assert page.evaluate("document.activeElement.id || document.activeElement.tagName") in ("details-heading", "H2")
    # a group from the keyboard: find a commitment, its group opens and the record is selected
    page.focus("#search-box")
    page.keyboard.press("Control+A")
    page.keyboard.type("Implement quickly")
    page.keyboard.press("Enter")
    assert page.inner_text("#details h2") == "Implement quickly"
    assert opened.errors == []


def test_the_check_does_find_a_serious_violation(open_map, builtin: Built):
    opened = open_map(select_view(builtin, board_name="Cambridgeshire Health and Wellbeing Board"))
    opened.page.evaluate("() => document.getElementById('side').appendChild(document.createElement('button'))")
    assert any(v.startswith("button-name") for v in _serious(opened.page))
