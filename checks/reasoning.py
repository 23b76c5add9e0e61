"""Layer 4: logic. OWL 2 RL consistency rules in SPARQL (logic/*.rq) at every size, and HermiT
(fresh World each run; see govgraph.ontology.reasoner): on ontology plus data for arrangements up to
HERMIT_LIMIT triples (or when the layer is asked for by name), on the ontology alone above it.

Why two ways: HermiT's time and memory grow faster than the data (72 s at 100k triples, minutes and
gigabytes at a million), while the rules run in the store in seconds at a million. The rules find
what data can do wrong against this ontology's axioms (a record of two disjoint kinds, including
kinds implied by domains, ranges and defined classes; two values of a functional property); HermiT
on the ontology alone finds classes that can have no members, whatever the data; HermiT on the
whole graph, where it runs, is the complete check.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from importlib import metadata

from rdflib import Graph, URIRef

from ..graph_builder.persist import cache_root
from ..ontology import ontology_graph, source_path
from ..ontology.reasoner import ReasonerCannotRun, ReasonerResult, run_hermit
from .findings import Entity, Finding, LayerRun
from .labels import Describer
from .rules import findings_of, logic_rules

HERMIT_LIMIT = 20_000  # data triples up to which HermiT reasons over ontology plus data by default
HERMIT_RULES = ("reasoner-inconsistent", "reasoner-unsatisfiable-class")

NOT_RUN_FIX = ("Install a Java runtime (8 or later, e.g. apt-get install default-jre-headless) with enough "
               "memory for HermiT (check _JAVA_OPTIONS and JAVA_TOOL_OPTIONS for a small -Xmx), or pass --no-reason.")


def _inconsistency(message: str, describe: Describer) -> Finding:
    # HermiT's explanation names the individuals involved; pick out the ones in this arrangement.
    iris = sorted({URIRef(i) for i in re.findall(r"https?://[^\s>),]+", message)
                   if describe.place_of(URIRef(i)) is not None})
    file, line = describe.location(iris[0]) if iris else (None, None)
    detail = message.strip().splitlines()[-1][:400] if message.strip() else "no explanation given"
    return Finding("reasoner-inconsistent", "error",
                   f"The arrangement contradicts the ontology (HermiT: {detail}).", "reasoner",
                   tuple(Entity(describe.label(i), str(i)) for i in iris), describe.sources(iris),
                   "Look for a record given two kinds the ontology keeps apart (for example a council "
                   "that is also recorded as an NHS body) or two values of a field that takes one.",
                   file, line)


def _unsatisfiable(iri: str, describe: Describer) -> Finding:
    node = URIRef(iri)
    return Finding("reasoner-unsatisfiable-class", "error",
                   f'The class "{describe.label(node)}" can have no members: its definition contradicts itself.',
                   "reasoner", (Entity(describe.label(node), iri),), (),
                   "Fix the class axioms in the ontology (ontology/govgraph.ttl); the data cannot fix this.")


def run_reasoner(merged: Graph, describe: Describer) -> tuple[list[Finding], LayerRun]:
    """Findings of HermiT, and whether it ran (it does not when Java is missing)."""
    try:
        result = run_hermit(merged)
    except ReasonerCannotRun as exc:
        return [], LayerRun("reasoner", False, f"{exc}. {NOT_RUN_FIX}")
    if not result.consistent:
        return [_inconsistency(result.message, describe)], LayerRun("reasoner", True)
    return [_unsatisfiable(c, describe) for c in result.unsatisfiable], LayerRun("reasoner", True)


def run_logic(graph: Graph, describe: Describer, wanted: Callable[[str], bool]) -> list[Finding]:
    """The OWL 2 RL consistency rules (logic/*.rq), run by the graph's store."""
    return [f for rule in logic_rules() if wanted(rule.id) for f in findings_of(rule, graph, describe, "reasoner")]


def _ontology_key() -> str:
    return hashlib.sha256(source_path().read_bytes() + metadata.version("owlready2").encode()).hexdigest()


def hermit_on_ontology() -> ReasonerResult:
    """HermiT on the ontology alone, its verdict kept beside the stored graphs (it depends on the
    ontology and owlready2's version only); ReasonerCannotRun when it cannot run, and nothing is kept."""
    root = cache_root()
    kept = root / "hermit" / f"{_ontology_key()}.json" if root is not None else None
    if kept is not None and kept.is_file():
        try:
            return ReasonerResult(**json.loads(kept.read_text(encoding="utf-8")))
        except (ValueError, TypeError):
            pass  # a damaged file: reason again
    result = run_hermit(ontology_graph())
    if kept is not None:
        try:
            kept.parent.mkdir(parents=True, exist_ok=True)
            temp = kept.with_suffix(".tmp")
            temp.write_text(json.dumps({"consistent": result.consistent, "unsatisfiable": result.unsatisfiable,
                                        "message": result.message}), encoding="utf-8")
            temp.replace(kept)
        except OSError:
            pass  # not kept: the next check reasons again
    return result


def run_ontology_reasoner(describe: Describer) -> tuple[list[Finding], LayerRun]:
    """HermiT on the ontology alone (for arrangements above HERMIT_LIMIT): unsatisfiable classes."""
    try:
        result = hermit_on_ontology()
    except ReasonerCannotRun as exc:
        return [], LayerRun("reasoner", False, f"{exc}. {NOT_RUN_FIX}")
    if not result.consistent:
        return [_inconsistency(result.message, describe)], LayerRun("reasoner", True)
    return [_unsatisfiable(c, describe) for c in result.unsatisfiable], LayerRun("reasoner", True)
