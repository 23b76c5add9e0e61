"""`govgraph check`: every inconsistency in an arrangement, as findings with exit codes CI can rely on."""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ..common.console import log, write_stdout
from ..common.progress import wanted
from .support import EndpointOpt, Exit, GraphOpt, SourcesArg, fail, reported, require_one_of

if TYPE_CHECKING:
    from ..checks.catalogue import Selection
    from ..checks.findings import Report

FAIL_ON = ("error", "warning", "never")


def exit_code(report: Report, fail_on: str, selection: Selection) -> Exit:
    """2 for unreadable sources, 3 for a layer the user asked for that could not run, else 1 or 0."""
    from ..checks.findings import severity_rank

    if any(f.rule == "source-invalid" for f in report.findings):
        return Exit.USAGE
    if any(selection.names_layer(r.layer) for r in report.could_not_run()):
        return Exit.NOT_RUN
    if fail_on != "never" and any(severity_rank(f.severity) <= severity_rank(fail_on) for f in report.findings):
        return Exit.FINDINGS
    return Exit.OK


def _list_rules(fmt: str) -> None:
    from ..checks.catalogue import catalogue

    rules = catalogue()
    if fmt == "json":
        typer.echo(json.dumps([{"id": r.id, "layer": r.layer, "severity": r.severity, "title": r.title, "fix": r.fix}
                               for r in rules], indent=2))
        return
    width = max(len(r.id) for r in rules)
    for r in rules:
        typer.echo(f"{r.id:<{width}}  {r.layer:<8}  {r.severity:<7}  {r.title}")


def check(
    sources: SourcesArg = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text, json or sarif (SARIF 2.1.0).")] = "text",
    fail_on: Annotated[str, typer.Option("--fail-on", help="Exit 1 on findings of this severity or worse: error, warning or never.")] = "error",
    rules: Annotated[Optional[str], typer.Option(
        "--rules", help="Comma-separated rule ids or layers (sources, shapes, rules, reasoner) to run; default: all.")] = None,
    no_reason: Annotated[bool, typer.Option("--no-reason", help="Skip the HermiT reasoner (the slowest layer; needs Java).")] = False,
    list_rules: Annotated[bool, typer.Option("--list-rules", help="List every rule with its id, layer, severity and meaning, and exit.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print findings only: no summary, no notes.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Also log each layer's run time.")] = False,
    endpoint: EndpointOpt = None,
    graph: GraphOpt = None,
) -> None:
    """Check an arrangement: sources, structure (SHACL), governance rules (SPARQL) and logic (HermiT).

    Exit codes: 0 no findings at or above --fail-on; 1 findings; 2 bad usage or unreadable
    sources; 3 a layer you asked for by name (--rules) could not run, such as the reasoner
    without Java. Findings go to standard output, notes to standard error.

    \b
    Examples:
      govgraph check                                   # the built-in arrangement
      govgraph check datasets/cp_stp_mou_nov2016_plan/ # the plan of November 2016: fails, exit 1
      govgraph check my-arrangement/ --format sarif > checks.sarif
      govgraph check --rules signature-without-democratic-approval,rules --no-reason
      govgraph check --list-rules
      govgraph check --endpoint http://127.0.0.1:7878/query   # rules only, run by the server
    """
    from .. import api
    from ..checks.catalogue import Selection
    from ..checks.output import FORMATS, render

    require_one_of("--format", fmt, FORMATS)
    require_one_of("--fail-on", fail_on, FAIL_ON)
    if list_rules:
        _list_rules(fmt)
        return
    with reported():
        selection = Selection.parse(rules)
    if endpoint is None and graph is not None:
        fail("--graph names a graph on a SPARQL server: give --endpoint URL with it")
    with reported():
        report = api.check(sources, rules, reason=not no_reason, progress=wanted(quiet), settle=True,
                           endpoint=endpoint, graph=graph)
    write_stdout(render(report, fmt, quiet).encode("utf-8"))
    for layer in report.could_not_run():
        log(f"warning: the {layer.layer} layer did not run: {layer.note}")
    if verbose:
        for layer in report.layers:
            log(f"{layer.layer}: " + (f"{layer.seconds:.2f} s" if layer.ran else f"not run ({layer.note})"))
    raise typer.Exit(int(exit_code(report, fail_on, selection)))


def register(app: typer.Typer) -> None:
    app.command()(check)


__all__ = ["register", "check", "exit_code"]
