"""Benchmark: how long each named question, `can` and `explain` take on the built-in graph.

For each named question: the median time to parse, check and run it (cold: the parse cache
cleared first), to run it again (warm: parsed query reused, as within one session), and to run
it the way `govgraph query run` does (in a forked worker with a time limit). Each column is
also shown as a ratio to the 100 ms interactive budget. Then a few `can` and `explain` calls.

    python benchmarks/queries.py [--repeat 7]

Loading the arrangement (reading YAML, building the graph) is timed once and reported apart:
it is paid once per command, not per question.
"""
from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from collections.abc import Callable

from govgraph.graph_builder import load_arrangement
from govgraph.queries import can, explain
from govgraph.queries.library import load_library
from govgraph.queries.questions import Workspace, ask
from govgraph.queries.safety import _checked

BUDGET_MS = 100.0
PARAMS = {"sources-of": {"record": "hce"}}
CAN_CASES = [("Health and Care Executive", "financial-decision", "ccc", None),
             ("hwb-chair", "la-appendix", "south-cambridgeshire-district-council", "2017-01-19"),
             ("Guia Beasley", "appendix", "pcc", "2017-01-12")]
EXPLAIN_CASES = ["ccc", "cambs-hwb", "south-cambridgeshire-district-council", "hwb-chair"]


def median_ms(action: Callable[[], object], repeat: int, before: Callable[[], object] = lambda: None) -> float:
    times = []
    for _ in range(repeat):
        before()
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    repeat = parser.parse_args().repeat

    start = time.perf_counter()
    ws = Workspace(load_arrangement())
    triples = len(ws.graph)
    print(f"built-in arrangement: {triples} triples (data + ontology), loaded in "
          f"{(time.perf_counter() - start) * 1000:.0f} ms\n")

    print(f"{'question':<26} {'rows':>4} {'cold ms':>8} {'warm ms':>8} {'forked ms':>9}   "
          f"{'cold/budget':>11} {'warm/budget':>11} {'forked/warm':>11}")
    for qid, question in load_library().items():
        params = PARAMS.get(qid, {})
        rows = len(ask(ws, question, params, timeout=None).rows)
        cold = median_ms(lambda: ask(ws, question, params, timeout=None), repeat, _checked.cache_clear)
        warm = median_ms(lambda: ask(ws, question, params, timeout=None), repeat)
        forked = median_ms(lambda: ask(ws, question, params, timeout=30), repeat)
        print(f"{qid:<26} {rows:>4} {cold:>8.1f} {warm:>8.1f} {forked:>9.1f}   "
              f"{cold / BUDGET_MS:>11.2f} {warm / BUDGET_MS:>11.2f} {forked / warm:>11.1f}")

    print(f"\n{'can WHO MATTER --for ORG':<78} {'warm ms':>8} {'/budget':>8}")
    for who, matter, org, day in CAN_CASES:
        on = dt.date.fromisoformat(day) if day else None
        took = median_ms(lambda: can.can(ws, who, matter, org, on), repeat)
        print(f"{f'{who} / {matter} / {org}':<78} {took:>8.1f} {took / BUDGET_MS:>8.2f}")

    print(f"\n{'explain NAME':<78} {'warm ms':>8} {'/budget':>8}")
    for name in EXPLAIN_CASES:
        took = median_ms(lambda: explain.explain(ws, name), repeat)
        print(f"{name:<78} {took:>8.1f} {took / BUDGET_MS:>8.2f}")


if __name__ == "__main__":
    main()
