"""Screenshot of a map or induction page in headless Chromium, offline (docs/map.png, docs/induction.png).

    python -m govgraph.visuals.screenshot MAP.html OUT.png [--width 1400] [--height 900]

Needs Debian's chromium and Playwright for Python (the test extra); requests other than file:
and data: are aborted, and any page error or outside request makes it exit 2 without writing.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..common.files import write_atomically

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def screenshot(page_path: Path, width: int, height: int) -> bytes:
    from playwright.sync_api import sync_playwright

    problems: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": width, "height": height})
        page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))

        def route(r):
            if r.request.url.startswith(("file:", "data:")):
                r.continue_()
            else:
                problems.append(f"outside request: {r.request.url}")
                r.abort()

        page.route("**/*", route)
        page.goto(page_path.resolve().as_uri())
        # a map is ready once still; an induction page (no script) once loaded
        page.wait_for_function("() => !document.getElementById('map-data') || "
                               "(window.govgraphMap && window.govgraphMap.stableMs !== null)", timeout=120_000)
        image = page.screenshot()
        browser.close()
    if problems:
        raise RuntimeError("; ".join(problems))
    return image


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Screenshot of a govgraph map or induction page (headless Chromium, offline).")
    parser.add_argument("page", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=900)
    args = parser.parse_args(argv)
    if not args.page.is_file():
        print(f"error: no such page: {args.page}", file=sys.stderr)
        return 2
    if not Path(CHROMIUM).exists():
        print(f"error: {CHROMIUM} not found: apt-get install -y chromium", file=sys.stderr)
        return 3
    try:
        image = screenshot(args.page, args.width, args.height)
    except RuntimeError as exc:
        print(f"error: {exc}; nothing was written", file=sys.stderr)
        return 2
    write_atomically({args.out: image})
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
