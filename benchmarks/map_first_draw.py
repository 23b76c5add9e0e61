"""Benchmark: how long `govgraph map` pages take to build and to draw in headless Chromium.

Maps: the built-in arrangement (seeded physics that settles, then stops) and synthetic
arrangements of 1,000 and 5,000 records (positions precomputed, grouped by kind, physics off).
For each: Python build time (view + page), page size, time from opening the file to the first
drawn frame, and to a still map; medians of --repeat runs, with ratios to the built-in map.

    python benchmarks/map_first_draw.py [--repeat 3] [--sizes 1000,5000]

Needs Debian's chromium (/usr/bin/chromium) and Playwright for Python; nothing leaves the machine
(every request other than file: and data: is aborted, and counted).
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from govgraph.graph_builder import load_arrangement
from govgraph.visuals import View, render, select_view, write_map
from govgraph.visuals.synthetic import synthetic_view
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def build(make_view) -> tuple[float, View, str]:
    start = time.perf_counter()
    view = make_view()
    html = render(view)
    return time.perf_counter() - start, view, html


def open_once(browser, path: Path) -> tuple[float, float, int]:
    page = browser.new_page(viewport={"width": 1280, "height": 860})
    outside: list[str] = []

    def route(r):
        if r.request.url.startswith(("file:", "data:")):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto(path.as_uri())
    page.wait_for_function("() => window.govgraphMap && window.govgraphMap.stableMs !== null", timeout=120_000)
    first, stable = page.evaluate("[window.govgraphMap.firstDrawMs, window.govgraphMap.stableMs]")
    page.close()
    return first, stable, len(outside)


def measure(repeat: int, sizes: list[int]) -> list[tuple[str, int, int, int, float, float, float, int]]:
    """Per map: name, nodes, links, page bytes, and medians of build, first-draw and still seconds;
    requests that tried to leave the machine (counted, all aborted)."""
    builtin = load_arrangement()
    cases = [("built-in (whole)", lambda: select_view(builtin))]
    cases += [(f"synthetic {n}", lambda n=n: synthetic_view(n)) for n in sizes]
    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for name, make in cases:
            builds, firsts, stables, outside = [], [], [], 0
            for i in range(repeat):
                seconds, view, html = build(make)
                path = Path(tmp) / f"{len(rows)}-{i}.html"
                write_map(path, html)
                first, stable, out = open_once(browser, path)
                builds.append(seconds)
                firsts.append(first / 1000)
                stables.append(stable / 1000)
                outside += out
            rows.append((name, view.network.number_of_nodes(), view.network.number_of_edges(), len(html.encode()),
                         statistics.median(builds), statistics.median(firsts), statistics.median(stables), outside))
        browser.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", default="1000,5000", help="synthetic map sizes, comma-separated")
    args = parser.parse_args()
    rows = measure(args.repeat, [int(n) for n in args.sizes.split(",")])
    base = rows[0]
    print(f"{'map':<18}{'nodes':>7}{'links':>7}{'size':>9}{'build s':>9}{'first draw s':>14}{'still s':>9}"
          f"{'x build':>9}{'x draw':>8}{'requests':>10}")
    for name, nodes, links, size, b, f, s, out in rows:
        print(f"{name:<18}{nodes:>7}{links:>7}{size / 1e6:>8.1f}M{b:>9.2f}{f:>14.2f}{s:>9.2f}"
              f"{b / base[4]:>9.1f}{f / base[5]:>8.1f}{out:>10}")


if __name__ == "__main__":
    main()
