"""Benchmark: where build time goes on synthetic arrangements, and each named question on
rdflib's default store against Oxigraph (pyoxigraph), side by side on the same graph.

    python benchmarks/scale.py [--scales 0.0045,0.045,0.45] [--seed 1] [--timeout 20]
                               [--json benchmarks/scale.json] [--work /tmp/govgraph-scale]

Per scale: generate (`govgraph synth`), then the build in phases: YAML parsing (the project's
pure-Python SafeLoader subclass, and the same loader on libyaml's CSafeLoader for comparison),
validation into records, rdflib graph building, N-Triples serialisation. Then every named
question (parameters that default to built-in ids are pointed at synthetic records) on
rdflib's default in-memory store (data + ontology, as `govgraph query` runs it) and on a
pyoxigraph Store bulk-loaded from the same triples; the answers are compared row for row
(as multisets of lexical values; blank nodes compared as blank). rdflib runs in a forked
worker with --timeout; a question that runs past it is shown as ">T" and its ratio as a
lower bound. Queries are timed warm (parse cached) as the median of --repeat runs.
"""
from __future__ import annotations

import argparse
import json
import platform
import re
import statistics
import time
from collections import Counter
from pathlib import Path
from typing import Any, Callable

import pyoxigraph as ox
import yaml
from rdflib import BNode, Graph

from govgraph.datasets.synthetic import generate
from govgraph.graph_builder import Built
from govgraph.graph_builder import yaml_source
from govgraph.graph_builder.rdf import to_rdf
from govgraph.graph_builder.records import read_arrangement, source_files
from govgraph.graph_builder.writer import write_atomically
from govgraph.queries.engine import QueryTimeout
from govgraph.queries.library import load_library
from govgraph.queries.questions import LIST_COLUMN, LIST_SEPARATOR, Workspace, ask, bindings

# Questions whose default parameter names a built-in record: point them at synthetic ones.
PARAMS = {"bodies-of-organisation": {"organisation": "county-0001"},
          "members-of-body": {"body": "hwb-001"}, "sources-of": {"record": "county-0001"}}


class _CLineLoader(yaml.CSafeLoader):
    """The project's loader logic on libyaml's parser (for comparison only)."""


_CLineLoader.construct_mapping = yaml_source._LineLoader.construct_mapping  # type: ignore[method-assign]
_CLineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _CLineLoader.construct_mapping)
_CLineLoader.yaml_implicit_resolvers = yaml_source._LineLoader.yaml_implicit_resolvers


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def median_s(action: Callable[[], Any], repeat: int) -> float:
    return statistics.median(timed(action)[0] for _ in range(repeat))


def build_phases(folder: Path) -> tuple[dict[str, float], Built, bytes]:
    files = source_files([folder])
    texts = [p.read_text(encoding="utf-8") for p in files]
    parse_py, _ = timed(lambda: [yaml.load(t, Loader=yaml_source._LineLoader) for t in texts])  # noqa: S506
    parse_c, _ = timed(lambda: [yaml.load(t, Loader=_CLineLoader) for t in texts])  # noqa: S506
    read, arrangement = timed(lambda: read_arrangement([folder]))
    graph_s, graph = timed(lambda: to_rdf(arrangement))
    built = Built(arrangement, graph)
    nt_s, nt = timed(lambda: graph.serialize(format="nt", encoding="utf-8"))
    phases = {"yaml_parse_python_s": parse_py, "yaml_parse_libyaml_s": parse_c,
              "validate_s": read - parse_py, "rdflib_graph_s": graph_s, "ntriples_s": nt_s,
              "records": len(arrangement.records), "triples": len(graph)}
    return phases, built, nt


def lexical(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, (BNode, ox.BlankNode)):
        return "_:b"
    return str(term.value) if isinstance(term, (ox.NamedNode, ox.Literal)) else str(term)


def normalised(rows: list[tuple[str, ...]], list_columns: list[int]) -> Counter[tuple[str, ...]]:
    def fix(row: tuple[str, ...]) -> tuple[str, ...]:
        cells = list(row)
        for i in list_columns:
            cells[i] = LIST_SEPARATOR.join(sorted(cells[i].split(LIST_SEPARATOR))) if cells[i] else ""
        return tuple(cells)
    return Counter(fix(r) for r in rows)


def with_values(sparql: str, given: dict[str, Any]) -> str:
    """Bind parameters as rdflib's initBindings does: a VALUES row at the top of the outer WHERE.

    (pyoxigraph's substitutions only take variables of the SELECT projection.)"""
    rows = " ".join(f"VALUES ?{name} {{ {term.n3()} }}" for name, term in given.items())
    return re.sub(r"WHERE\s*\{", lambda m: f"{m.group(0)} {rows}", sparql, count=1, flags=re.IGNORECASE)


def oxigraph_rows(store: ox.Store, ws: Workspace, question: Any, given: dict[str, str]) -> tuple[list[str], list[tuple[str, ...]]]:
    result = store.query(with_values(question.sparql, bindings(ws, question, given)), prefixes=ws.prefixes)
    columns = [v.value for v in result.variables]
    return columns, [tuple(lexical(s[c]) for c in columns) for s in result]


def questions(ws: Workspace, store: ox.Store, timeout: float, repeat: int) -> list[dict[str, Any]]:
    out = []
    for qid, question in load_library().items():
        given = PARAMS.get(qid, {})
        row: dict[str, Any] = {"question": qid}
        try:
            rd_s, table = timed(lambda: ask(ws, question, given, timeout=timeout))
            if rd_s < 2 and repeat > 1:
                rd_s = median_s(lambda: ask(ws, question, given, timeout=None), repeat)
            row["rdflib_s"] = rd_s
        except QueryTimeout:
            row["rdflib_s"], table = None, None
        ox_s = median_s(lambda: oxigraph_rows(store, ws, question, given), repeat)
        columns, ox_rows = oxigraph_rows(store, ws, question, given)
        row.update(oxigraph_s=ox_s, rows=len(ox_rows))
        list_cols = [columns.index(c) for c in LIST_COLUMN.findall(question.sparql) if c in columns]
        if table is not None:
            rd_rows = [tuple(lexical(row_[table.columns.index(c)]) for c in columns) for row_ in table.rows]
            row["agree"] = normalised(rd_rows, list_cols) == normalised(ox_rows, list_cols)
        row["ratio"] = (row["rdflib_s"] or timeout) / max(ox_s, 1e-6)
        out.append(row)
    return out


def run_scale(scale: float, seed: int, work: Path, timeout: float, repeat: int) -> dict[str, Any]:
    folder = work / f"synth-{scale:g}-{seed}"
    gen_s, files = timed(lambda: generate(scale, seed))
    write_atomically({folder / n: d for n, d in files.items()})
    phases, built, nt = build_phases(folder)
    ws = Workspace(built)
    merge_s, merged = timed(lambda: ws.graph)
    store = ox.Store()
    merged_nt = merged.serialize(format="nt", encoding="utf-8")
    load_s, _ = timed(lambda: store.bulk_load(merged_nt, ox.RdfFormat.N_TRIPLES))
    rdflib_load_s, _ = timed(lambda: Graph().parse(data=merged_nt, format="nt"))
    result = {"scale": scale, "seed": seed, "generate_s": gen_s, **phases, "merge_ontology_s": merge_s,
              "rdflib_parse_nt_s": rdflib_load_s, "oxigraph_load_nt_s": load_s, "merged_triples": len(merged),
              "questions": questions(ws, store, timeout, repeat)}
    return result


def print_scale(r: dict[str, Any], timeout: float) -> None:
    print(f"\nscale {r['scale']:g} (seed {r['seed']}): {r['records']:,} records, {r['triples']:,} triples "
          f"({r['merged_triples']:,} with the ontology)")
    print(f"  generate {r['generate_s']:.1f} s | YAML parse {r['yaml_parse_python_s']:.1f} s "
          f"(libyaml {r['yaml_parse_libyaml_s']:.1f} s, x{r['yaml_parse_python_s'] / r['yaml_parse_libyaml_s']:.1f}) | "
          f"validate {r['validate_s']:.1f} s | rdflib graph {r['rdflib_graph_s']:.1f} s | "
          f"N-Triples {r['ntriples_s']:.1f} s")
    print(f"  load N-Triples: rdflib {r['rdflib_parse_nt_s']:.1f} s, oxigraph {r['oxigraph_load_nt_s']:.2f} s "
          f"(x{r['rdflib_parse_nt_s'] / r['oxigraph_load_nt_s']:.0f})")
    print(f"  {'question':<26} {'rows':>6} {'rdflib ms':>10} {'oxigraph ms':>12} {'ratio':>8}  agree")
    for q in r["questions"]:
        rd = f">{timeout * 1000:.0f}" if q["rdflib_s"] is None else f"{q['rdflib_s'] * 1000:.1f}"
        ratio = f"{'>' if q['rdflib_s'] is None else ''}{q['ratio']:.0f}"
        print(f"  {q['question']:<26} {q['rows']:>6} {rd:>10} {q['oxigraph_s'] * 1000:>12.1f} {ratio:>8}  "
              f"{ {True: 'yes', False: 'NO'}.get(q.get('agree'), 'n/a') }")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="0.0045,0.045,0.45")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=20.0, help="rdflib time limit per question (s)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/govgraph-scale"))
    parser.add_argument("--json", type=Path, default=Path("benchmarks/scale.json"))
    args = parser.parse_args()
    results = []
    for scale in (float(s) for s in args.scales.split(",")):
        results.append(run_scale(scale, args.seed, args.work, args.timeout, args.repeat))
        print_scale(results[-1], args.timeout)
    machine = {"python": platform.python_version(), "machine": platform.machine(), "system": platform.platform(),
               "pyoxigraph": ox.__version__}
    write_atomically({args.json: (json.dumps({"machine": machine, "results": results}, indent=1) + "\n").encode()})
    print(f"\nwrote {args.json}")


if __name__ == "__main__":
    main()
