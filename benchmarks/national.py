"""Benchmark at national scale: govgraph (embedded Oxigraph) against rdflib's default in-memory store.

    python benchmarks/national.py [--sizes 10k,100k,1M,5M] [--repeat 5] [--rdflib-limit 60]
        [--rdflib-sizes 10k,100k,1M] [--rule-sizes 10k,100k] [--out benchmarks/results/national.json]
        [--markdown FILE] [--work /tmp/govgraph-national] [--no-map] [--no-reason]
        [--e2e-repeat 5] [--diy-limit 1800] [--no-diy]

Per size (a synthetic arrangement from `govgraph synth --seed 1`, sizes and cases in national.yaml):
  * commands, each in its own process with wall time and peak memory: `govgraph synth`,
    `govgraph build`, `govgraph check --format json` (per-layer seconds, findings against the
    planted mistakes), one `query run`, one `can` and one `map` from the sources;
  * after the build, the after_build commands of national.yaml (`query run`, `can`, `explain`,
    `sparql`) as fresh processes that open the stored graph, taking turns with `govgraph --version`
    (--e2e-repeat rounds): medians and the ratio to --version;
  * the do-it-yourself baseline: benchmarks/diy_rdflib.py (rdflib parses the Turtle of the build and
    runs the same query text) against govgraph's first answer after the build, rows compared;
  * loading: reading and validating the sources into N-Triples, then the Oxigraph store
    (govgraph) and rdflib's in-memory graph (`Built.with_ontology()`), both data + ontology;
  * every named question (plus the bound cases in national.yaml) on both stores: govgraph through
    `questions.ask` (as `govgraph query run`), rdflib with the same text through prepareQuery and
    initBindings; the first run in a forked child (time limit), then the median of --repeat warm
    runs in the process (measure.py says why); answers compared as sorted rows of lexical forms;
  * the `can` cases on both stores, verdicts (answer, routes, reasons) compared;
  * at --rule-sizes, each check rule on both stores, findings compared;
  * last, three contradictions planted in the loaded graph (a council that is also an NHS body, a
    membership typed voting and non-voting, a phase with two positions) and the reasoner layer run.
Then, once: the 5,000-node first draw of benchmarks/map_first_draw.py in headless Chromium.

rdflib runs have a time limit (--rdflib-limit, per question, case or rule) and one past it is
reported as "> limit" (its ratio as a lower bound). Sizes not in --rdflib-sizes run govgraph only.
Everything goes to --out as JSON (written after each size, so a long run keeps what it has) and
to standard output as tables; progress goes to standard error.
"""
from __future__ import annotations

import argparse
import compileall
import datetime as dt
import gc
import importlib.util
import json
import os
import pkgutil
import platform
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

import national_report
import yaml
from govgraph.checks.catalogue import Selection
from govgraph.checks.engine import check_built
from govgraph.checks.labels import Describer
from govgraph.checks.rules import builtin_rules, findings_of
from govgraph.graph_builder import Built, load_arrangement, settle
from govgraph.graph_builder.names import resolve
from govgraph.ontology import GG
from govgraph.queries import can
from govgraph.queries.binding import bind
from govgraph.queries.engine import Table, normalised
from govgraph.queries.library import Question, load_library
from govgraph.queries.questions import (
    Workspace,
    ask,
    bindings,
)
from govgraph.queries.seats import expand
from measure import Timing, alongside, command, limited, unchanged
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery

HERE = Path(__file__).resolve().parent
CONFIG = yaml.safe_load((HERE / "national.yaml").read_text(encoding="utf-8"))
SEED = 1
LAYER_LOG = re.compile(r"^(sources|shapes|rules|reasoner): ([0-9.]+) s$", re.M)  # `govgraph check -v`

GOVGRAPH = [sys.executable, "-m", "govgraph"]  # not "govgraph": its bin folder may not be on PATH

# Every measured process (govgraph's commands and the DIY rdflib script alike) runs with Python's
# bytecode caching as a user has it. A shell (or CI) may export PYTHONDONTWRITEBYTECODE=1: then a
# govgraph checkout that was never compiled recompiles its own modules in every process (0.1 to
# 0.15 s here), while rdflib's were compiled when pip installed it, which favours the DIY side. So
# the variable is not passed on, and govgraph's modules are compiled first, as `pip install` does.
BYTECODE_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
BYTECODE_NOTE = ("both sides with compiled bytecode, as pip installs it"
                 + (" (PYTHONDONTWRITEBYTECODE=1 of this shell not passed on)" if "PYTHONDONTWRITEBYTECODE" in os.environ else ""))


def compile_govgraph() -> None:
    """Compile every govgraph module to bytecode, as `pip install` does for an installed package."""
    import govgraph

    origins = [govgraph.__file__, *(importlib.util.find_spec(m.name).origin  # type: ignore[union-attr]
                                    for m in pkgutil.walk_packages(govgraph.__path__, "govgraph."))]
    for origin in origins:
        if origin and origin.endswith(".py"):
            compileall.compile_file(origin, quiet=1)

def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def rss_mb() -> float:
    """This process's resident memory now (not its peak)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


# ---- comparable answers -------------------------------------------------------------------------

def lexical(term: Any) -> str:
    if term is None:
        return ""
    return "_:b" if isinstance(term, BNode) else str(term)


def comparable(table: Table) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """Columns in name order and the rows sorted, as lexical forms (blank nodes all alike)."""
    order = sorted(range(len(table.columns)), key=lambda i: table.columns[i])
    return (tuple(table.columns[i] for i in order),
            sorted(tuple(lexical(row[i]) for i in order) for row in table.rows))


def rdflib_answer(graph: Graph, prepared: Any, terms: dict[str, Any]) -> Table:
    """The question on rdflib: its own evaluation of the parsed query, parameters as initBindings."""
    result = graph.query(prepared, initBindings=terms)
    return Table("select", [str(v) for v in result.vars or []], [tuple(row) for row in result])


def verdict_key(verdict: can.Verdict) -> tuple[Any, ...]:
    return (verdict.question, verdict.answer, tuple(sorted(verdict.through)),
            tuple(sorted((r.text, tuple(r.sources)) for r in verdict.reasons)))


class MemoryWorkspace(Workspace):
    """The same arrangement with rdflib's in-memory graph in place of the embedded store."""

    def __init__(self, built: Built, memory: Graph):
        super().__init__(built)
        self.memory = memory

    @property
    def graph(self) -> Graph:  # type: ignore[override]
        return self.memory

    def resolve(self, name: str) -> URIRef:
        return resolve(self.memory, self.base, name)


# ---- side by side -------------------------------------------------------------------------------

def side_by_side(name: str, ours: Callable[[], Any], theirs: Callable[[], Any] | None, args: argparse.Namespace,
                 convert: tuple[Callable[[Any], Any], Callable[[Any], Any]] = (unchanged, unchanged)) -> tuple[dict[str, Any], Any]:
    """Time one action on govgraph and (if given) on rdflib; the row, and govgraph's answer made
    comparable by ``convert`` (one function per side, applied outside the timing)."""
    if theirs is None:
        gov, rd = limited(ours, args.govgraph_limit, args.repeat, convert[0]), None
    else:
        gov, rd = alongside([(ours, args.govgraph_limit, convert[0]), (theirs, args.rdflib_limit, convert[1])],
                            args.repeat)
    row: dict[str, Any] = {"name": name, "govgraph": gov.as_dict(), "rdflib": rd.as_dict() if rd else None,
                           "agree": None}
    if rd is not None and gov.result is not None and rd.result is not None:
        row["agree"] = gov.result == rd.result
        if not row["agree"]:
            row["difference"] = difference(gov.result, rd.result)
    log(f"  {name}: govgraph {shown(gov)}, rdflib {shown(rd)}, agree {row['agree']}")
    return row, gov.result


def difference(ours: Any, theirs: Any) -> dict[str, Any]:
    """A few rows only one side gave (for answers as (columns, rows)), to say how they differ."""
    if not (isinstance(ours, tuple) and len(ours) == 2 and isinstance(ours[1], list)):
        return {"govgraph": repr(ours)[:500], "rdflib": repr(theirs)[:500]}
    mine, yours = Counter(ours[1]), Counter(theirs[1])
    return {"columns": [list(ours[0]), list(theirs[0])], "rows": [len(ours[1]), len(theirs[1])],
            "only_govgraph": [list(r) for r in list((mine - yours).elements())[:3]],
            "only_rdflib": [list(r) for r in list((yours - mine).elements())[:3]]}


def shown(timing: Timing | None) -> str:
    if timing is None:
        return "not run"
    if timing.timed_out:
        return "> limit"
    return timing.error or f"{timing.seconds:.3f} s"


def question_cases(library: dict[str, Question]) -> list[tuple[str, Question, dict[str, str]]]:
    cases = [(qid, q, CONFIG["parameters"].get(qid, {})) for qid, q in library.items()]
    for bound in CONFIG["bound"]:
        given = bound["given"]
        label = f"{bound['question']} ({', '.join(f'{k}={v}' for k, v in given.items())})"
        cases.append((label, library[bound["question"]], given))
    return cases


def questions(ws: Workspace, memory: Graph | None, args: argparse.Namespace) -> list[dict[str, Any]]:
    out = []
    for name, question, given in question_cases(load_library()):
        theirs = None
        if memory is not None:
            prepared = prepareQuery(expand(question.sparql), initNs=ws.prefixes)
            terms = bindings(ws, question, given)  # resolved once, outside the timing (favours rdflib)
            theirs = lambda: rdflib_answer(memory, prepared, terms)  # noqa: E731
        # rdflib's lists come in hash order: sorted as `ask` sorts govgraph's, outside the timing
        convert = (comparable, lambda table: comparable(normalised(table, question.sparql)))
        row, answer = side_by_side(name, lambda: ask(ws, question, given, timeout=None), theirs, args, convert)
        row.update(question=question.id, given=given, bound=name != question.id,
                   rows=len(answer[1]) if answer else None)
        if given:  # how much of govgraph's time is finding the records the parameters name
            row["names"] = limited(lambda: bindings(ws, question, given) and None, args.govgraph_limit, args.repeat).as_dict()
        if answer is not None:  # how much is Oxigraph itself (the rest is binding, checking and rdflib terms)
            text = bind(expand(question.sparql), bindings(ws, question, given))
            row["oxigraph"] = limited(lambda: sum(1 for _ in ws.built.store.query(text, prefixes=ws.prefixes)),
                                      args.govgraph_limit, args.repeat).as_dict()
        out.append(row)
    return out


def can_cases(ws: Workspace, memory_ws: Workspace | None, args: argparse.Namespace) -> list[dict[str, Any]]:
    out = []
    for case in CONFIG["can"]:
        day = dt.date.fromisoformat(case["as-of"]) if "as-of" in case else None
        name = " ".join([case["who"], case["matter"], *(["--for", case["for"]] if "for" in case else []),
                         *(["--as-of", case["as-of"]] if day else []),
                         *(f"--{option} {case[option]}" for option in ("amount", "approved-by") if option in case)])

        def ask_can(on: Workspace, case: dict[str, str] = case, day: dt.date | None = day) -> can.Verdict:
            return can.can(on, case["who"], case["matter"], case.get("for"), day,
                           case.get("amount"), case.get("approved-by"))
        theirs = (lambda m=memory_ws: ask_can(m)) if memory_ws is not None else None
        row, verdict = side_by_side(name, lambda: ask_can(ws), theirs, args, (verdict_key, verdict_key))
        row["answer"] = verdict[1] if verdict else None
        out.append(row)
    return out


def rules(built: Built, memory: Graph, args: argparse.Namespace) -> list[dict[str, Any]]:
    ours, theirs = Describer(built.graph, built.place_of), Describer(memory, built.place_of)
    out = []
    for rule in builtin_rules():
        def keys(found: list[Any]) -> list[tuple[Any, ...]]:
            return sorted(f.sort_key() for f in found)
        row, found = side_by_side(rule.id, lambda: findings_of(rule, built.graph, ours),
                                  lambda: findings_of(rule, memory, theirs), args, (keys, keys))
        row["findings"] = len(found) if found is not None else None
        out.append(row)
    return out


# ---- commands -----------------------------------------------------------------------------------

def check_summary(report_path: Path, src: Path) -> dict[str, Any]:
    """Per-layer seconds, counts, and how the rule findings match the planted mistakes
    (as the synth tests judge it: every finding touches a planted record, every planted record is found)."""
    report = json.loads(report_path.read_text(encoding="utf-8"))
    planted = json.loads((src / "planted.json").read_text(encoding="utf-8"))["planted"]
    base = yaml.safe_load((src / "dataset.yaml").read_text(encoding="utf-8"))["dataset"]["base"]
    found: dict[str, list[set[str]]] = {}
    for f in report["findings"]:
        found.setdefault(f["rule"], []).append({e["iri"].removeprefix(base) for e in f["entities"]})
    exact = [rule for rule, ids in planted.items()
             if all(hit & set(ids) for hit in found.get(rule, [])) and all(any(i in hit for hit in found.get(rule, [])) for i in ids)]
    return {"layers": {layer["layer"]: layer["seconds"] if layer["ran"] else None for layer in report["layers"]},
            "layer_notes": {layer["layer"]: layer["note"] for layer in report["layers"] if layer["note"]},
            "counts": report["counts"], "findings": len(report["findings"]),
            "findings_by_rule": {rule: len(hits) for rule, hits in sorted(found.items())},
            "planted_rules": len(planted), "planted_exact": sorted(exact),
            "planted_not_exact": sorted(set(planted) - set(exact)),
            "other_findings": {rule: len(hits) for rule, hits in found.items() if rule not in planted}}


def commands(name: str, scale: float, src: Path, out: Path, args: argparse.Namespace) -> dict[str, Any]:
    """synth, build, check and the end-to-end commands of national.yaml, each in its own process."""
    runs: dict[str, Any] = {}
    check = ["govgraph", "check", str(src), "--format", "json", "-v", *(["--no-reason"] if args.no_reason else [])]
    steps = {"synth": ["govgraph", "synth", "--scale", f"{scale:g}", "--seed", str(SEED), "--out", str(src), "-q"],
             "build": ["govgraph", "build", str(src), "--out", str(out / "build"), "-q"], "check": check,
             **{key: [a.format(src=src, out=out) for a in template] for key, template in CONFIG["commands"].items()}}
    for key, argv in steps.items():
        # this Python's govgraph, whether or not its environment's bin folder is on PATH
        argv = [*GOVGRAPH, *argv[1:]] if argv[0] == "govgraph" else argv
        log(f"{name}: {' '.join(argv)}")
        run = command(argv, args.command_limit, stdout=out / f"{key}.out", env=BYTECODE_ENV)
        runs[key] = run.as_dict()
        log(f"{name}: {key} took {run.seconds:.1f} s, peak {run.peak_mb:.0f} MB, exit {run.exit}")
        if key == "synth" and run.exit != 0:
            raise SystemExit(f"govgraph synth failed: {run.stderr_tail}")
    if not runs["check"]["timed_out"] and runs["check"]["exit"] in (0, 1):
        runs["check"]["summary"] = check_summary(out / "check.out", src)
    else:  # -v logged each layer as it finished: keep those that did
        runs["check"]["layers_done"] = {m[1]: float(m[2]) for m in LAYER_LOG.finditer(runs["check"]["stderr_tail"])}
    build_nt = out / "build" / "graph.nt"
    runs["build"]["triples"] = sum(1 for _ in build_nt.open("rb")) if build_nt.exists() else None
    return runs


# ---- after the build: the stored graph, the DIY baseline, contradictions --------------------------

def median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def after_build(name: str, src: Path, out: Path, args: argparse.Namespace) -> dict[str, Any]:
    """The after_build commands of national.yaml as fresh processes (they open the stored graph),
    taking turns with `govgraph --version`; medians, and each median over --version's."""
    argvs = {"version": [*GOVGRAPH, "--version"],
             **{key: [*GOVGRAPH, *(a.format(src=src, out=out) for a in template[1:])]
                for key, template in CONFIG["after_build"].items()}}
    samples: dict[str, list[float]] = {key: [] for key in argvs}
    runs: dict[str, Any] = {}
    for _ in range(args.e2e_repeat):
        for key, argv in argvs.items():
            run = command(argv, args.command_limit, stdout=out / f"after-{key}.out", env=BYTECODE_ENV)
            samples[key].append(run.seconds)
            runs.setdefault(key, run.as_dict())  # the first run: exit code, memory, messages
            if run.exit != 0:
                runs[key]["error"] = run.stderr_tail
    version = median(samples["version"])
    result = {key: {**runs[key], "samples": samples[key], "first_s": samples[key][0], "median_s": median(samples[key]),
                    "ratio": median(samples[key]) / version} for key in argvs}
    log(f"{name}: after build " + ", ".join(f"{k} {v['median_s']:.2f} s ({v['ratio']:.2f}x)" for k, v in result.items()))
    return result


def diy(name: str, ws: Workspace, out: Path, first_s: float | None, args: argparse.Namespace) -> dict[str, Any]:
    """benchmarks/diy_rdflib.py on the Turtle of the build, with the question text govgraph runs
    (parameters bound, prefixes declared), against govgraph's first answer after the build."""
    question = load_library()[CONFIG["diy"]["question"]]
    text = bind(question.sparql, bindings(ws, question, CONFIG["diy"]["given"]))
    declared = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in ws.prefixes.items())
    query = out / "diy.rq"
    query.write_text(declared + text, encoding="utf-8")
    build = out / "build"
    run = command([sys.executable, str(HERE / "diy_rdflib.py"), str(query), str(build / "graph.ttl"),
                   str(build / "ontology.ttl")], args.diy_limit, stdout=out / "diy.out", env=BYTECODE_ENV)
    rows = (out / "diy.out").read_text().strip() if run.exit == 0 else None
    try:
        ours = len(json.loads((out / "after-query.out").read_text())["results"]["bindings"])
    except (OSError, ValueError, KeyError):
        ours = None
    result = {**run.as_dict(), "rows": int(rows) if rows else None, "govgraph_rows": ours, "govgraph_first_s": first_s,
              "speedup": run.seconds / first_s if first_s and run.exit == 0 else None,
              "speedup_at_least": run.seconds / first_s if first_s and run.timed_out else None}
    log(f"{name}: DIY rdflib {run.seconds:.1f} s ({rows} rows) against govgraph's first answer "
        f"{first_s:.2f} s ({ours} rows)" if first_s else f"{name}: DIY rdflib {run.seconds:.1f} s")
    return result


def planted_contradictions(built: Built) -> dict[str, Any]:
    """The three contradictions of issue 19 added to the loaded graph (a council that is also an NHS
    body, a membership typed voting and non-voting, a phase with two positions); the reasoner layer
    as `govgraph check --rules reasoner` runs it, timed, and which were found."""
    council, membership = built.iri("county-0001"), built.iri("hwb-001-seat-county-0001")
    phase = next(built.graph.subjects(RDF.type, GG.Phase))
    for triple in ((council, RDF.type, GG.NHSBody), (membership, RDF.type, GG.VotingMembership),
                   (membership, RDF.type, GG.NonVotingMembership), (phase, GG.order, Literal(99))):
        built.graph.add(triple)
    started = time.perf_counter()
    report = check_built(built, Selection.parse("reasoner"))
    seconds = time.perf_counter() - started
    found = {(f.rule, f.entities[0].iri) for f in report.findings if f.entities}
    caught = {"disjoint classes": ("reasoner-disjoint-classes", str(council)) in found,
              "voting and non-voting": ("reasoner-disjoint-classes", str(membership)) in found,
              "functional property": ("reasoner-functional-property", str(phase)) in found}
    log(f"planted contradictions: {caught} in {seconds:.1f} s")
    return {"seconds": seconds, "caught": caught, "findings": len(report.findings)}


# ---- one size -----------------------------------------------------------------------------------

def run_size(name: str, scale: float, args: argparse.Namespace) -> dict[str, Any]:
    src, out = args.work / f"synth-{name}", args.work / f"out-{name}"
    out.mkdir(parents=True, exist_ok=True)
    result: dict[str, Any] = {"size": name, "scale": scale, "seed": SEED, "load_before": os.getloadavg(),
                              "bytecode": BYTECODE_NOTE}
    result["commands"] = commands(name, scale, src, out, args)
    result["after_build"] = after_build(name, src, out, args)

    log(f"{name}: loading in this process (from the sources, not the stored graph: the figures below are reading and loading)")
    started, rss = time.perf_counter(), rss_mb()
    built = load_arrangement([src], persist=False)
    loads: dict[str, Any] = {"read_s": time.perf_counter() - started, "records": len(built.arrangement.records),
                             "data_triples": built.triples}
    started = time.perf_counter()
    loads["govgraph_triples"] = len(built.store)
    loads["govgraph_load_s"] = time.perf_counter() - started
    loads["govgraph_store_mb"] = rss_mb() - rss
    ws, memory, memory_ws = Workspace(built), None, None
    if name in args.rdflib_sizes:
        rss, started = rss_mb(), time.perf_counter()
        memory = built.with_ontology()
        loads["rdflib_load_s"] = time.perf_counter() - started
        built.__dict__.pop("data_graph", None)  # with_ontology's data-only copy: not needed again
        gc.collect()
        loads["rdflib_triples"], loads["rdflib_graph_mb"] = len(memory), rss_mb() - rss
        memory_ws = MemoryWorkspace(built, memory)
    else:
        loads["rdflib_skipped"] = f"rdflib runs only at {', '.join(args.rdflib_sizes)} (--rdflib-sizes)"
    settle()  # as each govgraph command does once it has loaded (rdflib's graph gains from it too)
    result["load"] = loads
    rdflib_load = f"{loads['rdflib_load_s']:.1f} s" if "rdflib_load_s" in loads else "skipped"
    log(f"{name}: {loads['data_triples']:,} triples; oxigraph {loads['govgraph_load_s']:.1f} s, rdflib {rdflib_load}")

    if not args.no_diy:
        log(f"{name}: the do-it-yourself rdflib script")
        result["diy"] = diy(name, ws, out, result["after_build"]["query"]["first_s"], args)
    log(f"{name}: named questions")
    result["questions"] = questions(ws, memory, args)
    log(f"{name}: can")
    result["can"] = can_cases(ws, memory_ws, args)
    if memory is not None and name in args.rule_sizes:
        log(f"{name}: check rules side by side")
        result["rules"] = rules(built, memory, args)
    if not args.no_map:
        result["map"] = draw(out / "focus-map.html")
    result["contradictions"] = planted_contradictions(built)  # last: it changes the loaded graph
    result["load_after"] = os.getloadavg()
    return result


def draw(page: Path) -> dict[str, Any] | None:
    """First draw of the focus map `govgraph map` wrote, in headless Chromium (map_first_draw's way)."""
    if not page.exists():
        return None
    from map_first_draw import ARGS, CHROMIUM, open_once
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        first, stable, outside = open_once(browser, page)
        browser.close()
    return {"page_mb": page.stat().st_size / 1e6, "first_draw_s": first / 1000, "still_s": stable / 1000,
            "outside_requests": outside}


def map_benchmark(repeat: int) -> list[dict[str, Any]]:
    from map_first_draw import measure
    keys = ("map", "nodes", "links", "bytes", "build_s", "first_draw_s", "still_s", "outside_requests")
    return [dict(zip(keys, row)) for row in measure(repeat, [1000, 5000])]


# ---- the run ------------------------------------------------------------------------------------

def machine() -> dict[str, Any]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                     if line.startswith("MemTotal"))
    versions = {p: metadata.version(p) for p in ("rdflib", "pyoxigraph", "pyshacl", "owlready2", "PyYAML")}
    commit = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=HERE, capture_output=True, text=True)
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(memory_kb / 1024 ** 2, 1),
            "system": platform.platform(), "python": platform.python_version(), "versions": versions,
            "commit": commit.stdout.strip(), "load_average_at_start": os.getloadavg()}


def write_json(path: Path, results: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_suffix(".tmp")
    temp.write_text(json.dumps(results, indent=1, default=list) + "\n", encoding="utf-8")
    temp.replace(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10k,100k,1M,5M", help=f"comma-separated, of {', '.join(CONFIG['sizes'])}")
    parser.add_argument("--repeat", type=int, default=5, help="warm runs per figure (median)")
    parser.add_argument("--rdflib-limit", type=float, default=60.0, help="seconds per rdflib question, case or rule")
    parser.add_argument("--govgraph-limit", type=float, default=600.0, help="seconds per govgraph question, case or rule")
    parser.add_argument("--command-limit", type=float, default=3600.0, help="seconds per command (build, check ...)")
    parser.add_argument("--rdflib-sizes", default="10k,100k,1M", help="sizes at which rdflib runs too (none: never)")
    parser.add_argument("--rule-sizes", default="10k,100k", help="sizes at which each check rule runs on both stores (none: never)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/govgraph-national"), help="scratch folder")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "national.json")
    parser.add_argument("--markdown", type=Path, help="also write the tables as Markdown here")
    parser.add_argument("--no-map", action="store_true", help="skip the browser (map draws)")
    parser.add_argument("--no-reason", action="store_true", help="check without the HermiT reasoner")
    parser.add_argument("--e2e-repeat", type=int, default=5, help="rounds of the after-build commands and --version")
    parser.add_argument("--diy-limit", type=float, default=1800.0, help="seconds for the DIY rdflib script")
    parser.add_argument("--no-diy", action="store_true", help="skip the DIY rdflib script")
    args = parser.parse_args()
    sizes = args.sizes.split(",")
    unknown = [s for s in sizes if s not in CONFIG["sizes"]]
    if unknown:
        parser.error(f"unknown size {unknown[0]!r}; known: {', '.join(CONFIG['sizes'])}")
    args.rdflib_sizes, args.rule_sizes = args.rdflib_sizes.split(","), args.rule_sizes.split(",")  # "" or "none": none
    args.work = args.work.resolve()

    compile_govgraph()
    log(f"bytecode: {BYTECODE_NOTE}")
    results: dict[str, Any] = {"command": " ".join(["python", "benchmarks/national.py", *sys.argv[1:]]),
                               "started": dt.datetime.now().isoformat(timespec="seconds"), "machine": machine(),
                               "settings": {k: v if not isinstance(v, Path) else str(v) for k, v in vars(args).items()},
                               "sizes": [], "map": None}
    for name in sizes:
        results["sizes"].append(run_size(name, CONFIG["sizes"][name], args))
        write_json(args.out, results)
        print(national_report.size_text(results["sizes"][-1], results["settings"]), flush=True)
        gc.collect()
    if not args.no_map:
        log("map: first draws (benchmarks/map_first_draw.py)")
        results["map"] = map_benchmark(min(args.repeat, 3))
    results["finished"] = dt.datetime.now().isoformat(timespec="seconds")
    results["targets"] = national_report.targets(results, CONFIG["targets"])
    write_json(args.out, results)
    print(national_report.summary_text(results))
    if args.markdown:
        args.markdown.write_text(national_report.markdown(results), encoding="utf-8")
    log(f"wrote {args.out}")


if __name__ == "__main__":
    main()
