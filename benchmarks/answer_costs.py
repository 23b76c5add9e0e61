"""Benchmark: what one answer costs around the query itself, in a loaded process at national scale.

    python benchmarks/answer_costs.py [--scale 0.45 | --sources DIR] [--question actions]
        [--listing where-post-sits] [--repeat 10]

On one synthetic arrangement (`govgraph synth --seed 1`; scale 0.45 is about 1M triples), each
figure the median of --repeat runs:
  * one named question, warm, in the loaded process (a notebook, the benchmark's warm figures);
  * the same, repeated inside one forked child of that process (how national.py used to take its
    warm figures), with the minor page faults each run takes there: the child copies each memory
    page it writes to that it still shares with its parent;
  * the same, one fork a run, as `govgraph query run --timeout` and each `govgraph serve` request
    make it (the fork is in the figure);
  * the same through `govgraph serve` on loopback (a warm worker: check, query, SPARQL results
    JSON, HTTP), with the ratio to the process against issue 19's target (within 2x);
  * rendering a long listing's answer as a table, CSV and JSON (what `query run --format` adds).
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from govgraph.graph_builder import load_arrangement, settle
from govgraph.queries.library import load_library
from govgraph.queries.questions import Workspace, ask
from govgraph.queries.render import render
from govgraph.sharing.serve import make_server


def samples(action: Callable[[], Any], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        out.append(time.perf_counter() - started)
    return out


def faults() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def in_one_child(action: Callable[[], Any], repeat: int) -> tuple[list[float], list[int]]:
    """Run times and page faults of ``repeat`` runs inside one forked child."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: measure, report as text, leave without Python's clean-up
        os.close(read)
        rows = []
        for _ in range(repeat):
            before, started = faults(), time.perf_counter()
            action()
            rows.append(f"{time.perf_counter() - started} {faults() - before}")
        os.write(write, "\n".join(rows).encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as pipe:
        pairs = [line.split() for line in pipe.read().splitlines()]
    os.waitpid(pid, 0)
    return [float(s) for s, _ in pairs], [int(f) for _, f in pairs]


def sources(args: argparse.Namespace, scratch: Path) -> Path:
    if args.sources:
        return args.sources
    out = scratch / "synth"
    subprocess.run([sys.executable, "-m", "govgraph", "synth", "--scale", str(args.scale), "--seed", "1", "--out", str(out), "-q"], check=True)
    return out


def row(what: str, seconds: list[float], base: float | None, extra: str = "") -> None:
    median = statistics.median(seconds)
    ratio = f"{median / base:.1f}x" if base else "1x"
    print(f"| {what} | {median * 1000:.1f} ms | {ratio} | {extra} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=0.45)
    parser.add_argument("--sources", type=Path, help="an arrangement's sources instead of a synthetic one")
    parser.add_argument("--question", default="actions")
    parser.add_argument("--listing", default="where-post-sits")
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        built = load_arrangement([sources(args, Path(scratch))])
    built.store  # noqa: B018 - loaded before timing, as every command loads it
    settle()
    ws, library = Workspace(built), load_library()
    question, listing = library[args.question], library[args.listing]
    warm = lambda: ask(ws, question, timeout=None)  # noqa: E731
    warm()
    print(f"{built.triples:,} data triples; `{args.question}` gives {len(warm().rows)} rows; "
          f"median of {args.repeat} runs\n")
    print("| how it is asked | median | against the process | |\n|---|---|---|---|")
    base = statistics.median(samples(warm, args.repeat))
    row(f"`{args.question}` warm in the loaded process", [base], None)
    child, paged = in_one_child(warm, args.repeat)
    row("the same, repeated in one forked child", child, base, f"{statistics.median(paged):,.0f} page faults a run")
    row("the same, one fork a run (`query run --timeout`)", samples(lambda: ask(ws, question), args.repeat), base)
    server = make_server(built)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"{server.url.rstrip('/')}/sparql?{urllib.parse.urlencode({'query': question.sparql})}"
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    for _ in range(2 * server.pool.size):  # each worker parses the text once, as the process did
        urllib.request.urlopen(request).read()
    served = samples(lambda: urllib.request.urlopen(request).read(), args.repeat)
    row("the same through `govgraph serve` (HTTP, JSON)", served, base, f"{server.pool.size} warm workers")
    server.shutdown()
    server.server_close()
    ratio = statistics.median(served) / base
    print(f"\nserved / in-process for `{args.question}`: {ratio:.1f}x (target: within 2x) "
          f"{'pass' if ratio <= 2 else 'FAIL'}")
    table = ask(ws, listing, timeout=None)
    print(f"\n| rendering `{args.listing}` ({len(table.rows):,} rows) | median |\n|---|---|")
    for fmt in ("table", "csv", "json"):
        print(f"| {fmt} | {statistics.median(samples(lambda: render(ws.graph, table, fmt), 3)) * 1000:.0f} ms |")


if __name__ == "__main__":
    main()
