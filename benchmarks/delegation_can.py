"""How fast `can` answers through a scheme of delegation at national scale (issue 15, outcome 7).

    python benchmarks/delegation_can.py --scale 0.45 --repeat 7      # about 1M triples

Generates a synthetic arrangement (`govgraph synth`: every council has a procurement scheme of
delegation five links below the Leader's executive right), builds it into the embedded store,
then times each case below warm (the first run is reported apart) and prints one line per case:
median and slowest warm time, the answer, and the number of links in its chain. The target is a
six-link chain under 50 ms warm at 1M triples. Nothing here is a test: the figures go to
docs/benchmarks.md with the command that produced them.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from govgraph.datasets.synthetic import generate
from govgraph.graph_builder import load_arrangement, settle
from govgraph.queries import can
from govgraph.queries.questions import Workspace

CASES = (  # (who, matter, amount, approved by): a six-link yes, a "no" four links down, an exception
    ("county-0001-buyer", "contract-award", "4000", None),
    ("county-0001-procurement-manager", "contract-award", "£30k", None),
    ("county-0001-chief-executive", "contract-award", "£2.2m", "county-0001-cabinet"),
    ("county-0001-chief-executive", "contract-award", "£2.2m", None),
)
TARGET_MS = 50.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.45, help="synth scale (0.45 is about 1M triples)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=7, help="warm runs per case")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, data in generate(args.scale, args.seed).items():
            (folder / name).write_bytes(data)
        start = time.perf_counter()
        built = load_arrangement([folder])
        ws = Workspace(built)
        ws.graph  # noqa: B018  (the store is made when first asked for)
        settle()
        triples = len(built.ntriples.splitlines())
        print(f"scale {args.scale}: {triples:,} triples, built and loaded in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    print(f"{'case':<80} {'first ms':>9} {'median ms':>10} {'max ms':>8}  answer (links)  target {TARGET_MS:g} ms")
    for who, matter, amount, approved in CASES:
        def ask() -> can.Verdict:
            return can.can(ws, who, matter, None, None, amount, approved)
        t0 = time.perf_counter()
        verdict = ask()
        first = (time.perf_counter() - t0) * 1000
        warm = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            ask()
            warm.append((time.perf_counter() - t0) * 1000)
        name = f"{who} {matter} --amount {amount}" + (f" --approved-by {approved}" if approved else "")
        median = statistics.median(warm)
        print(f"{name:<80} {first:9.1f} {median:10.1f} {max(warm):8.1f}  {verdict.answer} ({len(verdict.chain)})"
              f"  {'pass' if median < TARGET_MS else 'FAIL'}")


if __name__ == "__main__":
    main()
