"""Fixtures for the map tests: small YAML arrangements, and a headless Chromium with the network blocked."""
from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from govgraph.graph_builder import Built, load_arrangement
from govgraph.visuals import View, render, write_map

FIXTURES = Path(__file__).parent / "fixtures"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def small() -> Built:
    """A made-up arrangement in which every kind of link appears."""
    return load_arrangement([FIXTURES / "small.yaml"])


@pytest.fixture(scope="session")
def payloads() -> Built:
    """An arrangement whose names, descriptions and sources are script-injection attempts."""
    return load_arrangement([FIXTURES / "payloads.yaml"])


def _missing_browser() -> str | None:
    if not CHROMIUM.exists():
        return f"Chromium not found at {CHROMIUM} (install Debian's package: apt-get install -y chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (pip install -e '.[test]')"
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium through Playwright; skips with the reason, or fails when GOVGRAPH_REQUIRE_BROWSER=1."""
    reason = _missing_browser()
    if reason:
        if os.environ.get("GOVGRAPH_REQUIRE_BROWSER") == "1":
            pytest.fail(f"GOVGRAPH_REQUIRE_BROWSER=1 but the browser tests cannot run: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class OpenedMap:
    """A map loaded in a page, with everything that went wrong or out while it loaded."""

    page: object
    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: object = None) -> object:
        return self.page.evaluate(expression, arg)  # type: ignore[attr-defined]

    def node_id(self, record: str) -> int:
        return self.js("r => window.govgraphMap.data.nodes.find(n => n.record === r).id", record)  # type: ignore[return-value]

    def click_node(self, record: str) -> None:
        """Click where the node is drawn on the canvas, as a person would."""
        self.click_node_id(self.node_id(record))

    def click_node_id(self, node: int) -> None:
        box = self.js("""id => {
            const m = window.govgraphMap, p = m.network.canvasToDOM(m.network.getPositions([id])[id]);
            const r = document.querySelector('#map canvas').getBoundingClientRect();
            return {x: r.left + p.x, y: r.top + p.y};
        }""", node)
        self.page.mouse.click(box["x"], box["y"])  # type: ignore[attr-defined,index]


@pytest.fixture
def open_map(browser: object, tmp_path: Path) -> Iterator:
    """open_map(view) writes the page and loads it from file:, aborting and recording every other request."""
    pages = []

    def opener(view: View, viewport: dict | None = None) -> OpenedMap:
        path = tmp_path / f"map-{len(pages)}.html"
        write_map(path, render(view))
        page = browser.new_page(viewport=viewport or {"width": 1280, "height": 860}, accept_downloads=True)  # type: ignore[attr-defined]
        page.set_default_timeout(120_000)  # a 5,000-record map on a loaded machine
        pages.append(page)
        opened = OpenedMap(page)
        page.on("pageerror", lambda exc: opened.errors.append(f"page error: {exc}"))
        page.on("console", lambda msg: opened.errors.append(f"console {msg.type}: {msg.text}")
                if msg.type in ("error", "warning") else None)

        def route(request_route) -> None:
            url = request_route.request.url
            if url.startswith(("file:", "data:")):
                request_route.continue_()
            else:
                opened.outside.append(url)
                request_route.abort()

        page.route("**/*", route)
        page.goto(path.as_uri())
        page.wait_for_selector("body[data-stable=true]")
        page.wait_for_function("() => window.govgraphMap.firstDrawMs !== null")
        return opened

    yield opener
    for page in pages:
        if not page.is_closed():
            page.close()
