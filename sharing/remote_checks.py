"""`govgraph check --endpoint URL`: the governance rules, run by the SPARQL server that holds the graph.

Which layers run against an endpoint, and why:
  - rules: yes. Each rule is one SPARQL SELECT; the server evaluates it and only the offending
    rows come back (their labels and sources are then looked up in a few small queries).
  - sources: only when SOURCES are given. They are read here, for the findings' file and line
    and to say which arrangement on the server is meant; the graph checked is still the server's.
  - shapes: no. pySHACL evaluates shapes in this process, walking the data graph one triple
    pattern at a time: against an endpoint that is one HTTP round trip per lookup (tens of
    thousands for a large arrangement), and its ontology-aware class checks need the ontology
    merged in memory.
  - reasoner: no. HermiT reads the whole ontology and data into owlready2 in this process.
  For those two, run `govgraph check SOURCES` where the sources are.
"""
from __future__ import annotations

import time
from pathlib import Path

from ..checks.catalogue import Selection
from ..checks.engine import unreadable_report
from ..checks.findings import LayerRun, Report
from ..checks.labels import Describer
from ..checks.rules import run_rules
from ..common.progress import SILENT, Reporter
from ..graph_builder import SourceError, load_arrangement
from .remote import RemoteWorkspace, remote_workspace

NOT_REMOTE = {
    "shapes": "SHACL shapes run in this process over the whole graph, which stays on the server with --endpoint; "
              "run `govgraph check SOURCES` locally for this layer",
    "reasoner": "HermiT needs the whole graph loaded in this process, which stays on the server with --endpoint; "
                "run `govgraph check SOURCES` locally for this layer",
}


def check_workspace(ws: RemoteWorkspace, selection: Selection = Selection(), reason: bool = True,
                    progress: Reporter = SILENT) -> Report:
    """The rule layer on the endpoint; the shapes and reasoner layers reported as not run (and why)."""
    describe = Describer(ws.graph, ws.built.place_of if ws.built is not None else None)
    sources = LayerRun("sources", True) if ws.built is not None else \
        LayerRun("sources", False, "no SOURCES given: the graph on the server is checked", by_choice=True)
    report = Report(layers=[sources])
    if not selection.wants_layer("shapes"):
        report.layers.append(LayerRun("shapes", False, "not selected by --rules", by_choice=True))
    else:
        report.layers.append(LayerRun("shapes", False, NOT_REMOTE["shapes"]))
    if selection.wants_layer("rules"):
        started = time.perf_counter()
        report.findings.extend(run_rules(ws.graph, describe, selection.wants, progress))
        report.layers.append(LayerRun("rules", True, seconds=time.perf_counter() - started))
    else:
        report.layers.append(LayerRun("rules", False, "not selected by --rules", by_choice=True))
    if not reason:
        report.layers.append(LayerRun("reasoner", False, "turned off by --no-reason", by_choice=True))
    elif not selection.wants_layer("reasoner"):
        report.layers.append(LayerRun("reasoner", False, "not selected by --rules", by_choice=True))
    else:
        report.layers.append(LayerRun("reasoner", False, NOT_REMOTE["reasoner"]))
    return report.sorted()


def check_endpoint(url: str, graph_iri: str | None, sources: list[Path] | None, selection: Selection = Selection(),
                   reason: bool = True, progress: Reporter = SILENT) -> Report:
    """Read SOURCES if given (unreadable ones are findings, as in a local check), then check the endpoint.

    Raises http_client.EndpointError or remote.NoArrangement when the server cannot be asked."""
    built = None
    if sources:
        started = time.perf_counter()
        try:
            built = load_arrangement(sources, progress)
        except SourceError as exc:
            return unreadable_report(exc, time.perf_counter() - started)
    return check_workspace(remote_workspace(url, graph_iri, built), selection, reason, progress)
