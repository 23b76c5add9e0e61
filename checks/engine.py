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
from .reasoning import HERMIT_LIMIT, HERMIT_RULES, run_logic, run_ontology_reasoner, run_reasoner
from .rules import run_rules
from .shapes import run_shapes


def hermit_on_ontology_only(triples: int) -> str:
    return (f"HermiT checked the ontology alone: the arrangement has {triples:,} triples, more than the "
            f"{HERMIT_LIMIT:,} up to which it reasons over the data too by default (the OWL 2 RL rules checked the "
            "data); run it on everything with --rules reasoner (it takes minutes and gigabytes at a million triples)")


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
    else:
        started = time.perf_counter()
        with progress.task("Checking logic (OWL 2 RL rules, HermiT)"):
            found, run = _reason(built, describe, selection)
        report.findings.extend(f for f in found if selection.wants(f.rule))
        report.layers.append(LayerRun(run.layer, run.ran, run.note, time.perf_counter() - started))
    return report.sorted()


def _reason(built: Built, describe: Describer, selection: Selection) -> tuple[list[Finding], LayerRun]:
    """The rules first; HermiT on everything for a small arrangement or when asked for by name, unless
    the rules already found the data inconsistent (HermiT would only say so again, without the records);
    on the ontology alone otherwise."""
    found = run_logic(built.graph, describe, selection.wants)
    if found:
        return found, LayerRun("reasoner", True, "HermiT not run: the OWL 2 RL rules found contradictions")
    if not any(selection.wants(rule) for rule in HERMIT_RULES):
        return [], LayerRun("reasoner", True, "HermiT not run: only OWL 2 RL rules were selected")
    if built.triples <= HERMIT_LIMIT or "reasoner" in (selection.names or ()):
        return run_reasoner(built.graph, describe)
    more, run = run_ontology_reasoner(describe)
    return more, LayerRun("reasoner", run.ran, run.note or hermit_on_ontology_only(built.triples))


def _timed(report: Report, layer: str, selection: Selection, run: Callable[[], list[Finding]]) -> None:
    if not selection.wants_layer(layer):
        report.layers.append(LayerRun(layer, False, "not selected by --rules", by_choice=True))
        return
    started = time.perf_counter()
    report.findings.extend(run())
    report.layers.append(LayerRun(layer, True, seconds=time.perf_counter() - started))
