"""Tables and target verdicts from the results of benchmarks/national.py, as text or Markdown.

    python benchmarks/national_report.py [benchmarks/results/national.json] [--markdown]

Ratio = rdflib seconds / govgraph seconds, from the same run. Where rdflib ran past its limit the
ratio is a lower bound (limit / govgraph seconds), shown as "> N".
"""
from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TARGET_SIZE = "1M"
LARGEST = "5M"


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list[str]]


def seconds(side: dict[str, Any] | None, limit: float | None = None) -> str:
    if side is None:
        return "not run"
    if side["timed_out"]:
        return f"> {limit:g} s" if limit else "> limit"
    if side["error"]:
        return "error"
    value = side["seconds"]
    if value < 0.001:
        return f"{value * 1000:.2f} ms"
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def ratio(row: dict[str, Any]) -> tuple[float | None, bool]:
    """rdflib / govgraph, and whether it is only a lower bound (rdflib ran past its limit)."""
    gov, rd = row["govgraph"], row["rdflib"]
    if rd is None or gov["seconds"] is None or gov["seconds"] <= 0:
        return None, False
    if rd["timed_out"]:
        return rd["limit"] / gov["seconds"], True
    if rd["seconds"] is None:
        return None, False
    return rd["seconds"] / gov["seconds"], False


def ratio_text(row: dict[str, Any]) -> str:
    value, bound = ratio(row)
    if value is None:
        return "-"
    return f"{'> ' if bound else ''}{value:,.0f}x" if value >= 10 else f"{'> ' if bound else ''}{value:.2g}x"


def agree_text(row: dict[str, Any]) -> str:
    return {True: "yes", False: "**NO**", None: "-"}[row["agree"]]


def megabytes(mb: float) -> str:
    return f"{mb / 1024:.2f} GB" if mb >= 1024 else f"{mb:.0f} MB"


def command_table(size: dict[str, Any], work: str) -> Table:
    rows = []
    for key, run in size["commands"].items():
        took = f"> {run['seconds']:.0f} s (stopped)" if run["timed_out"] else f"{run['seconds']:.2f} s"
        shown = run["command"].replace(work, "$WORK")
        rows.append([key, f"`{shown}`", took, megabytes(run["peak_mb"]), str(run["exit"])])
    return Table("Commands, each in its own process (wall time, peak memory of its largest process)",
                 ["step", "command", "wall", "peak memory", "exit"], rows)


def check_table(size: dict[str, Any]) -> Table | None:
    check = size["commands"]["check"]
    summary = check.get("summary")
    if summary is None:
        done = "; ".join(f"{layer} {value:.2f} s" for layer, value in check.get("layers_done", {}).items())
        return Table("`govgraph check` (from its log)", ["", "measured"],
                     [["stopped", f"after {check['seconds']:.0f} s (exit {check['exit']}); layers finished by then: "
                                  f"{done or 'none'}"]])
    layers = [f"{layer} {value:.2f} s" if value is not None else f"{layer} not run"
              for layer, value in summary["layers"].items()]
    counts = summary["counts"]
    not_exact = summary["planted_not_exact"]
    planted = f"{len(summary['planted_exact'])}/{summary['planted_rules']} rules find exactly the planted records" + \
              (f" (not: {', '.join(not_exact)})" if not_exact else "")
    rows = [["layers", "; ".join(layers)],
            ["findings", f"{summary['findings']} (error {counts.get('error', 0)}, warning {counts.get('warning', 0)}, "
                         f"info {counts.get('info', 0)})"],
            ["planted mistakes", planted],
            ["findings by rule", ", ".join(f"{r} {n}" for r, n in summary["findings_by_rule"].items())]]
    return Table("`govgraph check` (from its JSON report)", ["", "measured"], rows)


def after_build_table(size: dict[str, Any], work: str) -> Table | None:
    runs = size.get("after_build")
    if not runs:
        return None
    rows = [[key, f"`{run['command'].replace(work, '$WORK')}`", f"{run['first_s']:.2f} s", f"{run['median_s']:.2f} s",
             f"{run['ratio']:.2f}x", str(run["exit"])] for key, run in runs.items()]
    bytecode = f"; {size['bytecode']}" if size.get("bytecode") else ""
    return Table(f"After `govgraph build`: fresh processes on the stored graph, taking turns with `govgraph --version` "
                 f"({len(runs['version']['samples'])} rounds{bytecode})", ["step", "command", "first", "median", "/ --version", "exit"], rows)


def diy_table(size: dict[str, Any]) -> Table | None:
    run = size.get("diy")
    if not run:
        return None
    took = f"> {run['seconds']:.0f} s (stopped)" if run["timed_out"] else f"{run['seconds']:.2f} s"
    speed = run["speedup"] or run["speedup_at_least"]
    shown = "-" if speed is None else f"{'> ' if run['timed_out'] else ''}{speed:,.0f}x"
    first = run["govgraph_first_s"]
    bytecode = f"; {size['bytecode']}" if size.get("bytecode") else ""
    return Table("First answer after the build: govgraph (`query` above) against a do-it-yourself rdflib script "
                 f"(benchmarks/diy_rdflib.py: parse the Turtle, run the same text{bytecode})",
                 ["govgraph first answer", "rows", "DIY rdflib", "rows", "peak memory (DIY)", "speed-up"],
                 [[f"{first:.2f} s" if first else "-", str(run["govgraph_rows"]), took, str(run["rows"]),
                   megabytes(run["peak_mb"]), shown]])


def contradictions_table(size: dict[str, Any]) -> Table | None:
    found = size.get("contradictions")
    if not found:
        return None
    return Table("Planted contradictions, found by the reasoner layer (`check_built(..., \"reasoner\")` in process)",
                 ["contradiction", "found"], [[k, "yes" if v else "**NO**"] for k, v in found["caught"].items()]
                 + [["(layer time)", f"{found['seconds']:.2f} s"]])


def load_table(size: dict[str, Any]) -> Table:
    load = size["load"]
    rows = [["read and validate sources, make N-Triples", f"{load['read_s']:.2f} s", "", ""],
            ["load into the store (data + ontology)", f"{load['govgraph_load_s']:.2f} s",
             f"{load['rdflib_load_s']:.2f} s" if "rdflib_load_s" in load else "skipped",
             f"{load['rdflib_load_s'] / load['govgraph_load_s']:.0f}x" if "rdflib_load_s" in load else "-"],
            ["memory the store takes", megabytes(load["govgraph_store_mb"]),
             megabytes(load["rdflib_graph_mb"]) if "rdflib_graph_mb" in load else "-", ""]]
    return Table("Loading in one process", ["step", "govgraph (Oxigraph)", "rdflib (in-memory)", "ratio"], rows)


def side_table(title: str, first: str, rows: list[dict[str, Any]], extra: str, limit: float | None) -> Table:
    parts = [(key, title) for key, title in (("names", "of which names"), ("oxigraph", "Oxigraph alone"))
             if any(key in row for row in rows)]
    body = []
    for row in rows:
        warm = row["govgraph"]
        runs = f" ({warm['warm_runs']} warm)" if warm["warm_runs"] else " (1 run)" if warm["seconds"] is not None else ""
        cells = [row["name"], str(row.get(extra, "")), seconds(warm) + runs]
        cells += [seconds(row[key]) if key in row else "" for key, _ in parts]
        body.append(cells + [seconds(row["rdflib"], limit), ratio_text(row), agree_text(row)])
    headers = [first, extra, "govgraph", *(title for _, title in parts), "rdflib", "ratio", "same answer"]
    return Table(title, headers, body)


def size_tables(size: dict[str, Any], limit: float | None, work: str) -> list[Table]:
    tables = [command_table(size, work), check_table(size), after_build_table(size, work), diy_table(size),
              contradictions_table(size), load_table(size),
              side_table("Named questions (warm median)", "question", size["questions"], "rows", limit),
              side_table("`can` (warm median)", "can WHO MATTER", size["can"], "answer", limit)]
    if size.get("rules"):
        tables.append(side_table("Check rules, each on both stores", "rule", size["rules"], "findings", limit))
    if size.get("map"):
        m = size["map"]
        tables.append(Table("Focus map of county-0001 (`govgraph map --focus`), drawn in headless Chromium",
                            ["page", "first draw", "still"],
                            [[f"{m['page_mb']:.1f} MB", f"{m['first_draw_s']:.2f} s", f"{m['still_s']:.2f} s"]]))
    return [t for t in tables if t is not None]


def heading(size: dict[str, Any]) -> str:
    load = size["load"]
    before, after = size["load_before"][0], size["load_after"][0]
    return (f"{size['size']}: {load['records']:,} records, {load['data_triples']:,} data triples "
            f"({load['govgraph_triples']:,} with the ontology); scale {size['scale']:g}, seed {size['seed']}; "
            f"load average {before:.1f} at start, {after:.1f} at end")


# ---- targets ------------------------------------------------------------------------------------

def _size(results: dict[str, Any], name: str) -> dict[str, Any] | None:
    return next((s for s in results["sizes"] if s["size"] == name), None)


def _verdict(target: str, measured: str, ok: bool | None, note: str = "") -> dict[str, Any]:
    return {"target": target, "measured": measured, "pass": ok, "note": note}


def _slowest(rows: list[dict[str, Any]]) -> tuple[float | None, str, list[str]]:
    """The slowest govgraph figure, whose it is, and the rows without an answer."""
    failed = [r["name"] for r in rows if r["govgraph"]["seconds"] is None]
    timed = [(r["govgraph"]["seconds"], r["name"]) for r in rows if r["govgraph"]["seconds"] is not None]
    worst = max(timed) if timed else (None, "")
    return worst[0], worst[1], failed


def targets(results: dict[str, Any], limits: dict[str, float]) -> list[dict[str, Any]]:
    out = []
    one = _size(results, TARGET_SIZE)
    if one is None:
        out.append(_verdict(f"{TARGET_SIZE} targets", "not measured (size not run)", None))
    else:
        build = one["commands"]["build"]
        out.append(_verdict(f"{TARGET_SIZE}: build from sources <= {limits['build_s_at_1M']:g} s",
                            f"{build['seconds']:.1f} s", build["exit"] == 0 and build["seconds"] <= limits["build_s_at_1M"]))
        for key, label in (("questions", "every named question"), ("can", "every `can`")):
            worst, name, failed = _slowest(one[key])
            ok = not failed and worst is not None and worst < limits["answer_s_at_1M"]
            out.append(_verdict(f"{TARGET_SIZE}: {label} < {limits['answer_s_at_1M']:g} s",
                                f"slowest {worst:.3f} s ({name})" if worst is not None else "none answered", ok,
                                f"no answer: {', '.join(failed)}" if failed else
                                f"{sum(r['govgraph']['seconds'] >= limits['answer_s_at_1M'] for r in one[key])} over"))
        check = one["commands"]["check"]
        rules = (check.get("summary") or {}).get("layers", {}).get("rules", check.get("layers_done", {}).get("rules"))
        out.append(_verdict(f"{TARGET_SIZE}: check rule layer < {limits['rules_s_at_1M']:g} s",
                            f"{rules:.1f} s" if rules is not None else
                            f"did not finish (check stopped after {check['seconds']:.0f} s)",
                            rules is not None and rules < limits["rules_s_at_1M"]))
        peaks = {k: r["peak_mb"] for k, r in one["commands"].items() if k != "synth"}
        worst_peak = max(peaks, key=peaks.get)  # type: ignore[arg-type]
        out.append(_verdict(f"{TARGET_SIZE}: peak memory of a govgraph process < {limits['peak_gb_at_1M']:g} GB",
                            f"{megabytes(peaks[worst_peak])} ({worst_peak})",
                            peaks[worst_peak] < limits["peak_gb_at_1M"] * 1024,
                            ", ".join(f"{k} {megabytes(v)}" for k, v in peaks.items())))
    for size in results["sizes"]:
        compared = [q for q in size["questions"] if q["rdflib"] is not None]
        if not compared:
            continue
        ratios = [(ratio(q)[0], q["name"]) for q in compared]
        fast = [name for value, name in ratios if value is not None and value >= limits["speedup"]]
        lowest = min((r for r in ratios if r[0] is not None), default=(None, ""))
        disagree = [q["name"] for q in compared if q["agree"] is False]
        out.append(_verdict(f"{size['size']}: each named question >= {limits['speedup']:g}x faster than rdflib",
                            f"{len(fast)}/{len(compared)}" + (f"; lowest {lowest[0]:.2g}x ({lowest[1]})" if lowest[0] else ""),
                            len(fast) == len(compared),
                            f"answers differ: {', '.join(disagree)}" if disagree else "all answers the same"))
    out.extend(_speed_targets(results, limits))
    big = _size(results, LARGEST)
    if big is None:
        out.append(_verdict(f"{LARGEST}: build, query and check complete", "not measured (size not run)", None))
    else:
        runs = big["commands"]
        _, _, unanswered = _slowest(big["questions"] + big["can"])
        parts = {"build": runs["build"]["exit"] == 0, "questions and can": not unanswered,
                 "check": not runs["check"]["timed_out"] and runs["check"]["exit"] in (0, 1)}
        out.append(_verdict(f"{LARGEST}: build, query and check complete",
                            f"build {runs['build']['seconds']:.0f} s, check {runs['check']['seconds']:.0f} s, "
                            f"slowest answer {_slowest(big['questions'] + big['can'])[0] or 0:.2f} s",
                            all(parts.values()), ", ".join(f"{k} {'ok' if v else 'FAILED'}" for k, v in parts.items())))
    maps = {m["map"]: m for m in results.get("map") or []}
    if "synthetic 5000" in maps:
        m = maps["synthetic 5000"]
        out.append(_verdict(f"5,000-node map first draw <= {limits['map_5000_first_draw_s']:g} s",
                            f"{m['first_draw_s']:.2f} s ({m['nodes']} nodes)",
                            m["first_draw_s"] <= limits["map_5000_first_draw_s"]))
    return out


AFTER_BUILD_TARGET = ("query", "can", "explain", "sparql")  # the four commands issue 19 names


def _speed_targets(results: dict[str, Any], limits: dict[str, float]) -> list[dict[str, Any]]:
    """Issue 19: the stored graph, the check, the DIY baseline, contradictions found at every size."""
    out = []
    one, tenth = _size(results, TARGET_SIZE), _size(results, "100k")
    if one is not None and one.get("after_build"):
        limit = limits["after_build_ratio_at_1M"]
        runs = {k: v for k, v in one["after_build"].items() if k in AFTER_BUILD_TARGET}
        worst = max(runs, key=lambda k: runs[k]["ratio"])
        out.append(_verdict(f"{TARGET_SIZE}: after a build, each of query run, can, explain, sparql within {limit:g}x `govgraph --version`",
                            f"worst {runs[worst]['ratio']:.2f}x ({worst})",
                            all(r["ratio"] <= limit and r["exit"] == 0 for r in runs.values()),
                            ", ".join(f"{k} {v['median_s']:.2f} s" for k, v in one["after_build"].items())))
    if one is not None and one.get("diy"):
        run = one["diy"]
        speed = run["speedup"] or run["speedup_at_least"]
        out.append(_verdict(f"{TARGET_SIZE}: first answer after a build >= {limits['diy_speedup_at_1M']:g}x the DIY rdflib script",
                            "-" if speed is None else f"{'> ' if run['timed_out'] else ''}{speed:,.0f}x",
                            speed is not None and speed >= limits["diy_speedup_at_1M"],
                            f"rows: govgraph {run['govgraph_rows']}, DIY {run['rows']}"))
    if tenth is not None:
        check, build = tenth["commands"]["check"], tenth["commands"]["build"]
        limit = limits["check_vs_build_at_100k"]
        out.append(_verdict(f"100k: default check within {limit:g}x `govgraph build`",
                            f"{check['seconds'] / build['seconds']:.1f}x (check {check['seconds']:.1f} s, build {build['seconds']:.1f} s)",
                            check["exit"] in (0, 1) and check["seconds"] <= limit * build["seconds"]))
    if one is not None:
        check = one["commands"]["check"]
        out.append(_verdict(f"{TARGET_SIZE}: default check <= {limits['check_s_at_1M']:g} s", f"{check['seconds']:.1f} s",
                            check["exit"] in (0, 1) and check["seconds"] <= limits["check_s_at_1M"]))
    for size in results["sizes"]:
        if size.get("contradictions"):
            caught = size["contradictions"]["caught"]
            out.append(_verdict(f"{size['size']}: the three planted contradictions found",
                                f"{sum(caught.values())}/{len(caught)} in {size['contradictions']['seconds']:.1f} s",
                                all(caught.values())))
    return out


def overview_table(results: dict[str, Any]) -> Table:
    """One line per size: the figures the targets speak of."""
    rows = []
    for size in results["sizes"]:
        runs, load = size["commands"], size["load"]
        layers = (runs["check"].get("summary") or {}).get("layers") or runs["check"].get("layers_done", {})
        check = "stopped" if runs["check"]["timed_out"] else f"{runs['check']['seconds']:.1f} s"
        worst, name, _ = _slowest(size["questions"])
        ratios = sorted(v for v, _ in (ratio(q) for q in size["questions"]) if v is not None)
        agree = [q["agree"] for q in size["questions"] + size["can"] if q["agree"] is not None]
        rows.append([size["size"], f"{load['data_triples']:,}", f"{runs['build']['seconds']:.1f} s",
                     check, f"{layers['rules']:.2f} s" if layers.get("rules") is not None else "-",
                     megabytes(max(r["peak_mb"] for k, r in runs.items() if k != "synth")),
                     f"{load['govgraph_load_s']:.2f} s / " + (f"{load['rdflib_load_s']:.1f} s" if "rdflib_load_s" in load else "-"),
                     f"{worst * 1000:.0f} ms ({name})" if worst is not None else "-",
                     f"{_slowest(size['can'])[0] * 1000:.0f} ms" if _slowest(size["can"])[0] is not None else "-",
                     f"{ratios[0]:.2g}x / {ratios[len(ratios) // 2]:.2g}x / {ratios[-1]:.3g}x" if ratios else "-",
                     f"{sum(agree)}/{len(agree)}" if agree else "-"])
    return Table("At a glance", ["size", "data triples", "build", "check", "of which rules", "peak memory (commands)",
                                 "store load govgraph / rdflib", "slowest question", "slowest can",
                                 "ratio min / median / max", "same answers"], rows)


def target_table(results: dict[str, Any]) -> Table:
    mark = {True: "pass", False: "**FAIL**", None: "-"}
    return Table("Targets (issues 6 and 19)", ["target", "measured", "result", "note"],
                 [[t["target"], t["measured"], mark[t["pass"]], t["note"]] for t in results.get("targets", [])])


def map_table(results: dict[str, Any]) -> Table | None:
    if not results.get("map"):
        return None
    return Table("Map first draw (benchmarks/map_first_draw.py)", ["map", "nodes", "links", "page", "build", "first draw", "still"],
                 [[m["map"], str(m["nodes"]), str(m["links"]), f"{m['bytes'] / 1e6:.1f} MB", f"{m['build_s']:.2f} s",
                   f"{m['first_draw_s']:.2f} s", f"{m['still_s']:.2f} s"] for m in results["map"]])


# ---- rendering ----------------------------------------------------------------------------------

def text(table: Table) -> str:
    cells = [table.headers] + table.rows
    widths = [max(len(row[i].replace("**", "").replace("`", "")) for row in cells) for i in range(len(table.headers))]
    lines = [table.title]
    for row in cells:
        lines.append("  " + "  ".join(c.replace("**", "").replace("`", "").ljust(w) for c, w in zip(row, widths)).rstrip())
    return "\n".join(lines)


def md(table: Table) -> str:
    lines = [f"**{table.title}**", "", "| " + " | ".join(table.headers) + " |",
             "|" + "|".join("---" for _ in table.headers) + "|"]
    lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in table.rows]
    return "\n".join(lines)


def size_text(size: dict[str, Any], settings: dict[str, Any]) -> str:
    tables = size_tables(size, settings["rdflib_limit"], settings["work"])
    return "\n\n".join([f"== {heading(size)}", *(text(t) for t in tables)]) + "\n"


def summary_text(results: dict[str, Any]) -> str:
    tables = [t for t in (overview_table(results), map_table(results), target_table(results)) if t is not None]
    return "\n\n".join(text(t) for t in tables) + "\n"


def markdown(results: dict[str, Any]) -> str:
    settings = results["settings"]
    parts = []
    for size in results["sizes"]:
        parts.append(f"### {heading(size)}")
        parts += [md(t) for t in size_tables(size, settings["rdflib_limit"], settings["work"])]
    parts = [md(t) for t in (overview_table(results), target_table(results), map_table(results)) if t is not None] + parts
    return "\n\n".join(parts) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", type=Path, nargs="?", default=Path(__file__).parent / "results" / "national.json")
    parser.add_argument("--markdown", action="store_true", help="Markdown instead of text")
    args = parser.parse_args()
    results = json.loads(args.results.read_text(encoding="utf-8"))
    if args.markdown:
        print(markdown(results), end="")
        return
    for size in results["sizes"]:
        print(size_text(size, results["settings"]))
    print(summary_text(results), end="")


if __name__ == "__main__":
    main()
