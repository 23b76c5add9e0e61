"""What each governance rule costs on one arrangement: seconds and findings per rule, slowest first.

Opens the arrangement as every command does (the stored graph when `govgraph build` wrote one),
then runs each rule of checks/rules once, as `govgraph check --rules rules` runs it.

    python benchmarks/rule_costs.py /tmp/govgraph-national/synth-1M [--top 10]
"""
from __future__ import annotations

import argparse
import time

import govgraph
from govgraph.checks.rules import builtin_rules
from govgraph.queries.engine import evaluate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", help="a folder of source files (a synthetic arrangement, say)")
    parser.add_argument("--top", type=int, default=0, help="print only the N slowest rules (0: all)")
    args = parser.parse_args()
    graph = govgraph.load(args.sources).workspace.graph
    costs = []
    for rule in builtin_rules():
        started = time.perf_counter()
        rows = len(evaluate(graph, rule.query).rows)
        costs.append((time.perf_counter() - started, rule.id, rows))
    total = sum(seconds for seconds, _, _ in costs)
    print(f"{'seconds':>9}  {'share':>6}  {'rows':>6}  rule")
    for seconds, rule_id, rows in sorted(costs, reverse=True)[: args.top or None]:
        print(f"{seconds:9.2f}  {seconds / total:6.1%}  {rows:6d}  {rule_id}")
    print(f"{total:9.2f}  100.0%          all {len(costs)} rules")


if __name__ == "__main__":
    main()
