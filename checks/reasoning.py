"""Layer 4: logic, checked by HermiT (fresh World each run; see govgraph.ontology.reasoner)."""
from __future__ import annotations

import re

from rdflib import Graph, URIRef

from ..ontology.reasoner import JavaMissing, run_hermit
from .findings import Entity, Finding, LayerRun
from .labels import Describer

NOT_RUN_FIX = "Install a Java runtime (8 or later, e.g. apt-get install default-jre-headless) or pass --no-reason."


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
    except JavaMissing as exc:
        return [], LayerRun("reasoner", False, f"{exc}. {NOT_RUN_FIX}")
    if not result.consistent:
        return [_inconsistency(result.message, describe)], LayerRun("reasoner", True)
    return [_unsatisfiable(c, describe) for c in result.unsatisfiable], LayerRun("reasoner", True)
