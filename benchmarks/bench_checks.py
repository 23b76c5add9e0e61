"""Benchmark of `govgraph check`: the rule layer at growing sizes, and SHACL inference none vs rdfs.

Synthetic arrangements are the built-in one replicated N times with fresh ids (every id and every
reference to it gets a suffix), written to a temporary folder and built like any other sources.

    python benchmarks/bench_checks.py [--sizes 1,2,4,8,16] [--shacl-sizes 1,4]
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml
from govgraph.checks import shapes
from govgraph.checks.catalogue import Selection
from govgraph.checks.labels import Describer
from govgraph.checks.rules import run_rules
from govgraph.datasets import builtin_path
from govgraph.graph_builder import load_arrangement


def _rename(value: Any, ids: set[str], suffix: str) -> Any:
    if isinstance(value, str):
        head, sep, rest = value.partition(" ")
        if value in ids:
            return value + suffix
        return f"{head}{suffix}{sep}{rest}" if sep and head in ids else value  # "DOC LOCATOR" sources
    if isinstance(value, list):
        return [_rename(v, ids, suffix) for v in value]
    if isinstance(value, dict):
        return {k: (v if k in ("label", "description", "note", "scope-note", "date-printed") else _rename(v, ids, suffix))
                for k, v in value.items()}
    return value


def synthetic(folder: Path, copies: int) -> None:
    """Write the built-in arrangement `copies` times over, each copy with its own ids."""
    files = {p.name: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(builtin_path().glob("*.yaml"))}
    ids = {r["id"] for data in files.values() for section, records in data.items()
           if section != "dataset" for r in records}
    for k in range(copies):
        for name, data in files.items():
            body = {s: [_rename(r, ids, f"-x{k}") for r in recs] for s, recs in data.items() if s != "dataset"}
            if k == 0 and "dataset" in data:
                body = {"dataset": data["dataset"], **body}
            (folder / f"x{k}-{name}").write_text(yaml.safe_dump(body, sort_keys=False), encoding="utf-8")


def timed(fn) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,2,4,8,16")
    parser.add_argument("--shacl-sizes", default="1,4")
    args = parser.parse_args()
    everything = Selection().wants
    print(f"{'copies':>6} {'records':>8} {'triples':>8} {'rules s':>8} {'ms/1k triples':>14} {'vs x1':>6}")
    base_rate = None
    for copies in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            synthetic(Path(tmp), copies)
            built = load_arrangement([Path(tmp)])
        merged = built.with_ontology()
        seconds = timed(lambda: run_rules(merged, Describer(merged, built.place_of), everything))
        rate = seconds * 1e6 / len(merged)
        base_rate = base_rate or rate
        print(f"{copies:>6} {len(built.arrangement.records):>8} {len(merged):>8} {seconds:>8.2f} {rate:>14.2f} {rate / base_rate:>6.2f}")
    print()
    print(f"{'copies':>6} {'triples':>8} {'shacl none s':>13} {'shacl rdfs s':>13} {'rdfs/none':>10} {'same findings':>14}")
    for copies in (int(s) for s in args.shacl_sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            synthetic(Path(tmp), copies)
            built = load_arrangement([Path(tmp)])
        describe = Describer(built.graph, built.place_of)
        results = {}
        for mode in ("none", "rdfs"):
            shapes.INFERENCE = mode
            started = time.perf_counter()
            found = shapes.run_shapes(built.graph, describe, everything)
            results[mode] = (time.perf_counter() - started, sorted(f.sort_key() for f in found))
        shapes.INFERENCE = "none"
        none_s, rdfs_s = results["none"][0], results["rdfs"][0]
        print(f"{copies:>6} {len(built.graph):>8} {none_s:>13.2f} {rdfs_s:>13.2f} {rdfs_s / none_s:>10.1f} "
              f"{str(results['none'][1] == results['rdfs'][1]):>14}")


if __name__ == "__main__":
    main()
