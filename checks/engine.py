"""Run the four layers over one arrangement and collect their findings in one report."""
from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from ..common.progress import SILENT, Reporter
from ..graph_builder import Built, SourceError, load_arrangement, settle
from ..graph_builder.errors import Stage
from .catalogue import Selection
from .findings import Finding, LayerRun, Report
from .labels import Describer, display_path
from .reasoning import run_reasoner
from .rules import run_rules
from .shapes import run_shapes

# HermiT's time and memory grow faster than the data (docs/checks.md): 15 s at 100k triples, about
# 5 minutes and 4 GB at 1M. Larger arrangements skip it unless it is asked for by name.
REASONER_LIMIT = 300_000


def too_big_to_reason(triples: int) -> str:
    return (f"the arrangement has {triples:,} triples, more than the {REASONER_LIMIT:,} up to which HermiT runs "
            "by default (it takes minutes and gigabytes beyond that); run it anyway with --rules reasoner "
            "(alone or with other layers, e.g. --rules shapes,rules,reasoner)")


def source_findings(error: SourceError) -> list[Finding]:
    """Layer 1: each problem the builder found becomes a finding (no graph exists to check further).
    The summaries of references left unchecked because of an earlier problem are notes (info)."""
    return [Finding("source-invalid", "info" if p.stage is Stage.KNOCK_ON else "error",
                    f"{p.field}: {p.problem}" if p.field else p.problem, "sources",
                    fix=p.fix, file=display_path(p.file) if p.file else None, line=p.line)
            for p in error.problems]


def unreadable_report(error: SourceError, seconds: float) -> Report:
    """The report when the sources cannot be read: the builder's problems in its order (causes
    first, knock-on summaries last), and why the other layers did not run."""
    later = [LayerRun(layer, False, "the sources could not be read") for layer in ("shapes", "rules", "reasoner")]
    return Report(list(dict.fromkeys(source_findings(error))), [LayerRun("sources", True, seconds=seconds)] + later)


def check_sources(sources: list[Path] | None, selection: Selection = Selection(), reason: bool = True,
                  progress: Reporter = SILENT, keep: bool = False) -> Report:
    """Load the sources (None: the built-in arrangement) and check them.

    ``keep``: the process keeps the arrangement to its end (the check command), so it is settled
    (graph_builder.settle) before the layers run."""
    started = time.perf_counter()
    try:
        built = load_arrangement(sources, progress)
    except SourceError as exc:
        return unreadable_report(exc, time.perf_counter() - started)
    if keep:
        settle()
    loaded = time.perf_counter() - started
    report = check_built(built, selection, reason, progress)
    report.layers[0] = LayerRun("sources", True, seconds=loaded)
    return report


def check_built(built: Built, selection: Selection = Selection(), reason: bool = True,
                progress: Reporter = SILENT) -> Report:
    """Layers 2-4 on an arrangement that has already been built."""
    merged = built.graph
    describe = Describer(merged, built.place_of)
    report = Report(layers=[LayerRun("sources", True)])
    with progress.task("Checking structure (SHACL shapes)"):
        _timed(report, "shapes", selection, lambda: run_shapes(merged, describe, selection.wants))
    _timed(report, "rules", selection, lambda: run_rules(merged, describe, selection.wants, progress))
    if not reason:
        report.layers.append(LayerRun("reasoner", False, "turned off by --no-reason", by_choice=True))
    elif not selection.wants_layer("reasoner"):
        report.layers.append(LayerRun("reasoner", False, "not selected by --rules", by_choice=True))
    elif built.triples > REASONER_LIMIT and not selection.names_layer("reasoner"):
        report.layers.append(LayerRun("reasoner", False, too_big_to_reason(built.triples), by_choice=True))
    else:
        started = time.perf_counter()
        with progress.task("Checking logic (HermiT)"):
            found, run = run_reasoner(merged, describe)
        report.findings.extend(f for f in found if selection.wants(f.rule))
        report.layers.append(LayerRun(run.layer, run.ran, run.note, time.perf_counter() - started))
    return report.sorted()


def _timed(report: Report, layer: str, selection: Selection, run: Callable[[], list[Finding]]) -> None:
    if not selection.wants_layer(layer):
        report.layers.append(LayerRun(layer, False, "not selected by --rules", by_choice=True))
        return
    started = time.perf_counter()
    report.findings.extend(run())
    report.layers.append(LayerRun(layer, True, seconds=time.perf_counter() - started))
