"""What each check query costs on one arrangement: seconds and rows per query, slowest first.

Opens the arrangement as every command does (the stored graph when `govgraph build` wrote one),
then runs each query of a layer once, as `govgraph check` runs it: the governance rules
(checks/rules, the default), the reasoner layer's OWL 2 RL rules (checks/logic) or the SHACL
shapes compiled to SPARQL (one query per constraint).

    python benchmarks/rule_costs.py /tmp/govgraph-national/synth-1M [--top 10]
    python benchmarks/rule_costs.py /tmp/govgraph-national/synth-1M --layer shapes --top 10
    python benchmarks/rule_costs.py /tmp/govgraph-national/synth-1M --against main --repeat 3

The peak column is this process's peak resident memory after the query (it only ever rises, so
a query that needs more memory than every query before it shows as a step up: the first query
that reaches a figure is the one that needed it).

``--against REV`` compares each query whose text differs from the one at git revision REV (a rule
file as it was there; for the shapes, the shapes as checks/shacl_sparql.py compiled them there):
the old and the new text run in turns (``--repeat`` rounds, one run of each a round, so that a
change in the machine's speed touches both alike), with their medians, the ratio old/new and
whether they give the same rows. Queries whose text is the same at REV are not run.
"""
from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
import types
from pathlib import Path

import govgraph
from govgraph.checks import shacl_sparql
from govgraph.checks.rules import builtin_rules, logic_rules
from govgraph.checks.shapes import shapes_graph
from govgraph.queries.engine import Table, evaluate
from rdflib import Graph

PACKAGE = Path(shacl_sparql.__file__).parents[1]  # the govgraph package: the root of its git checkout


def git_show(revision: str, path: Path) -> str | None:
    """A file's text at a git revision (None when it did not exist there)."""
    root = Path(subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=PACKAGE, capture_output=True,
                               text=True, check=True).stdout.strip())
    relative = path.resolve().relative_to(root.resolve()).as_posix()
    shown = subprocess.run(["git", "show", f"{revision}:{relative}"], cwd=root, capture_output=True, text=True)
    return shown.stdout if shown.returncode == 0 else None


def shape_queries(compiler: types.ModuleType) -> list[tuple[str, str]]:
    """(number and constraint, query) of each compiled shape constraint."""
    named = []
    for number, check in enumerate(compiler.compile_shapes(shapes_graph())):
        constraint = check.query.split("WHERE", 1)[1][-60:].strip()
        named.append((f"{number:02d} {constraint}", check.query))
    return named


def queries_of(layer: str, revision: str | None = None) -> list[tuple[str, str | None]]:
    """(name, query text) of each query the layer runs; at a git revision when one is given (None
    for a rule file that did not exist there)."""
    if layer == "shapes":
        if revision is None:
            return shape_queries(shacl_sparql)
        old = sys.modules["old_shacl_sparql"] = types.ModuleType("old_shacl_sparql")  # dataclasses look it up
        exec(compile(git_show(revision, Path(shacl_sparql.__file__)) or "", "old_shacl_sparql", "exec"), old.__dict__)
        return shape_queries(old)
    rules = builtin_rules() if layer == "rules" else logic_rules()
    return [(rule.id, git_show(revision, rule.path) if revision else rule.query) for rule in rules]


def timed(graph: Graph, query: str) -> tuple[float, Table]:
    started = time.perf_counter()
    table = evaluate(graph, query)
    return time.perf_counter() - started, table


def peak_mb() -> float:
    """This process's peak resident memory so far, in MB (Linux gives ru_maxrss in KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def costs(graph: Graph, layer: str, top: int) -> None:
    found = []
    print(f"peak after opening the arrangement: {peak_mb():.0f} MB")
    for name, query in queries_of(layer):
        seconds, table = timed(graph, query)  # type: ignore[arg-type]
        found.append((seconds, name, len(table.rows), peak_mb()))
    total = sum(seconds for seconds, *_ in found)
    print(f"{'seconds':>9}  {'share':>6}  {'rows':>6}  {'peak MB':>7}  {layer[:-1] if layer != 'logic' else 'rule'}")
    for seconds, name, rows, peak in sorted(found, reverse=True)[: top or None]:
        print(f"{seconds:9.2f}  {seconds / total:6.1%}  {rows:6d}  {peak:7.0f}  {name}")
    print(f"{total:9.2f}  100.0%                   all {len(found)} queries")


def rows_of(table: Table) -> list[tuple[str, ...]]:
    return sorted(tuple("" if v is None else str(v) for v in row) for row in table.rows)


def against(graph: Graph, layer: str, revision: str, repeat: int) -> None:
    now, then = queries_of(layer), queries_of(layer, revision)
    if layer == "shapes" and len(now) != len(then):
        raise SystemExit(f"the shapes compile to {len(now)} queries now and {len(then)} at {revision}: not comparable one by one")
    print(f"{'before':>9}  {'after':>9}  {'ratio':>7}  {'rows':>6}  same  query (medians of {repeat} turns; before = {revision})")
    totals = [0.0, 0.0]
    for (name, new), (_, old) in zip(now, then):
        if old is None or old == new:
            continue
        before, after, same = [], [], True
        for _ in range(repeat):
            seconds, old_table = timed(graph, old)
            before.append(seconds)
            seconds, new_table = timed(graph, new)  # type: ignore[arg-type]
            after.append(seconds)
            same = same and rows_of(old_table) == rows_of(new_table)
        b, a = statistics.median(before), statistics.median(after)
        totals[0] += b
        totals[1] += a
        print(f"{b:9.2f}  {a:9.2f}  {b / a:6.1f}x  {len(new_table.rows):6d}  {'yes' if same else 'NO':4}  {name}")
    if totals[1]:
        print(f"{totals[0]:9.2f}  {totals[1]:9.2f}  {totals[0] / totals[1]:6.1f}x  all changed queries")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", help="a folder of source files (a synthetic arrangement, say)")
    parser.add_argument("--layer", choices=("rules", "logic", "shapes"), default="rules",
                        help="which queries: governance rules, OWL 2 RL rules, or compiled shapes")
    parser.add_argument("--top", type=int, default=0, help="print only the N slowest queries (0: all)")
    parser.add_argument("--against", metavar="REV", help="compare each changed query with its text at this git revision")
    parser.add_argument("--repeat", type=int, default=1, help="turns of old and new text with --against")
    args = parser.parse_args()
    graph = govgraph.load(args.sources).workspace.graph
    if args.against:
        against(graph, args.layer, args.against, max(1, args.repeat))
    else:
        costs(graph, args.layer, args.top)


if __name__ == "__main__":
    main()
