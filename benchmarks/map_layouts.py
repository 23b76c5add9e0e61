"""Benchmark: which layout makes the maps readable, measured in headless Chromium.

For each real arrangement, each layout engine and each window size, the map is drawn, fitted to
the window and measured (govgraph.visuals.readability): labels touching labels, labels touching
shapes, shapes touching shapes (no tolerance), links crossing other records' labels and shapes,
links through their own end's label, the smallest label in screen pixels, and the time to a
still map.
Structure: the share of bodies nearer the middle than the median record ("bodies mid") and of
posts and people whose nearest organisation is the one they speak for or sit in ("posts beside").
Engines: "structured" (govgraph's, bodies in the middle; the default), networkx "spring" and
"kamada-kawai", and vis-network's own "hierarchical" layout; each as laid out ("none"), after the
page's pass that moves touching boxes apart ("apart"), and after that pass and the one that moves
records to where fewer links cross labels ("untangle", the default). Groups are collapsed and
self-links left out in all.

    python benchmarks/map_layouts.py [--sizes 1400x900,1920x1080] [--engines structured,spring]

Needs Debian's chromium (/usr/bin/chromium) and Playwright for Python; every request other than
file: and data: is aborted.
"""
from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from govgraph.datasets import builtin_path
from govgraph.graph_builder import load_arrangement
from govgraph.visuals import render, select_view, write_map
from govgraph.visuals.groups import collapse
from govgraph.visuals.layout import _anchor, bodies_of
from govgraph.visuals.readability import measure
from govgraph.visuals.style import load_styles
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ENGINES = ["structured", "spring", "kamada-kawai", "hierarchical"]
PASSES = ["none", "apart", "untangle"]
ARRANGEMENTS = {"built-in": "cp_stp_mou", "Nov 2016 plan": "cp_stp_mou_nov2016_plan", "York scheme": "york_scheme"}


def structure(view, drawn: dict[str, tuple[float, float]]) -> tuple[float, float]:
    """How much of the structure shows: the share of bodies nearer the middle than the median
    record, and the share of posts and people whose nearest organisation is the one they stand for."""
    net = collapse(view.network, load_styles(), view.centre).shown
    net.remove_edges_from([(u, v, k) for u, v, k in net.edges(keys=True) if u == v])
    mx = sum(x for x, _ in drawn.values()) / len(drawn)
    my = sum(y for _, y in drawn.values()) / len(drawn)
    dist = {n: ((x - mx) ** 2 + (y - my) ** 2) ** 0.5 for n, (x, y) in drawn.items()}
    median = sorted(dist.values())[len(dist) // 2]
    bodies = bodies_of(net)
    central = sum(dist[b] < median for b in bodies) / len(bodies)
    orgs = [n for n in net if net.nodes[n].get("section") == "organisations"]
    beside = total = 0
    for node in net:
        anchor = _anchor(net, node, set())
        while anchor is not None and net.nodes[anchor].get("section") != "organisations":
            anchor = _anchor(net, anchor, set())
        if anchor is None:
            continue
        x, y = drawn[node]
        nearest = min(orgs, key=lambda o: (drawn[o][0] - x) ** 2 + (drawn[o][1] - y) ** 2)
        total += 1
        beside += nearest == anchor
    return central, beside / total


def open_and_measure(browser, path: Path, width: int, height: int) -> dict:
    page = browser.new_page(viewport={"width": width, "height": height})
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort())
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-stable=true]", timeout=120_000)
    figures = measure(page)
    figures["stillMs"] = page.evaluate("window.govgraphMap.stableMs")
    figures["positions"] = page.evaluate("""() => { const m = window.govgraphMap, p = m.network.getPositions();
        return m.data.nodes.filter(n => !n.hidden).map(n => [n.id, p[n.id].x, p[n.id].y]); }""")
    page.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1400x900,1920x1080")
    parser.add_argument("--engines", default=",".join(ENGINES), help="comma-separated, from: " + ", ".join(ENGINES))
    args = parser.parse_args()
    sizes = [tuple(int(x) for x in s.split("x")) for s in args.sizes.split(",")]
    print(f"{'arrangement':<15}{'engine':<14}{'passes':>9}{'window':>11}{'drawn':>6}{'links':>6}{'label/label':>12}"
          f"{'label/shape':>12}{'shape/shape':>12}{'link/label':>11}{'link/shape':>11}{'own label':>10}"
          f"{'min label px':>13}{'still ms':>9}{'bodies mid':>11}{'posts beside':>13}")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for name, folder in ARRANGEMENTS.items():
            view = select_view(load_arrangement([builtin_path(folder)]))
            names = sorted(view.network.nodes) + sorted(collapse(view.network, load_styles()).members)
            for engine in args.engines.split(","):
                for passes in PASSES:
                    path = Path(tmp) / f"{folder}-{engine}-{passes}.html"
                    write_map(path, render(view, engine=engine, separate=passes != "none", untangle=passes == "untangle"))
                    for width, height in sizes:
                        f = open_and_measure(browser, path, width, height)
                        central, beside = structure(view, {names[i]: (x, y) for i, x, y in f["positions"]})
                        print(f"{name:<15}{engine:<14}{passes:>9}{f'{width}x{height}':>11}"
                              f"{f['nodes']:>6}{f['edges']:>6}{f['labelLabel']:>12}{f['labelNode']:>12}{f['nodeNode']:>12}"
                              f"{f['edgeLabel']:>11}{f['edgeNode']:>11}{f['edgeOwnLabel']:>10}"
                              f"{f['minLabelPx']:>13.1f}{f['stillMs']:>9.0f}{central:>11.0%}{beside:>13.0%}", flush=True)
        browser.close()


if __name__ == "__main__":
    main()
