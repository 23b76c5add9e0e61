"""Layer 2: structure, checked by SHACL shapes (shapes/*.ttl): compiled to SPARQL
(checks/shacl_sparql.py, the same results as pySHACL, measured tens of times faster), or with
pySHACL for shapes the compiler does not translate.

The shapes always see the ontology (the store holds data and ontology together): without it
sh:class cannot see that a prov:Person is a prov:Agent, and shapes on sub-classes silently miss
their targets. pySHACL reads the store in place: copying a million triples into rdflib's memory
store first took twice as long and doubled the memory. Every node shape carries a
ggc:ruleId, a title (rdfs:label) and a fix hint (ggc:fix); its property shapes say in sh:message
what is wrong, in words a governance officer reads.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Namespace, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from ..queries.engine import evaluate
from .findings import Entity, Finding
from .labels import Describer
from .shacl_sparql import CompiledCheck, compiled

GGC = Namespace("https://w3id.org/govgraph/checks#")
SEVERITY = {SH.Violation: "error", SH.Warning: "warning", SH.Info: "info"}
INFERENCE = "none"  # measured in benchmarks/bench_checks.py: "rdfs" adds time, finds nothing more


@dataclass(frozen=True)
class ShapeRule:
    id: str
    severity: str
    title: str
    fix: str
    shape: URIRef


def shapes_dir() -> Path:
    return Path(str(resources.files("govgraph.checks").joinpath("shapes")))


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    graph = Graph()
    for path in sorted(shapes_dir().glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


@lru_cache(maxsize=1)
def shape_rules() -> tuple[ShapeRule, ...]:
    graph = shapes_graph()
    rules = []
    for shape in graph.subjects(RDF.type, SH.NodeShape):
        severity = SEVERITY[graph.value(shape, SH.severity, default=SH.Violation)]
        rules.append(ShapeRule(str(graph.value(shape, GGC.ruleId)), severity, str(graph.value(shape, RDFS.label)),
                               str(graph.value(shape, GGC.fix)), shape))
    return tuple(sorted(rules, key=lambda r: r.id))


def _node_shape(graph: Graph, shape: URIRef) -> URIRef:
    """The node shape a result comes from (results name the property shape when there is one)."""
    parent = graph.value(None, SH.property, shape)
    return parent if parent is not None else shape


@dataclass(frozen=True)
class ShapeResult:
    """One SHACL validation result: what a finding is made of."""

    shape: URIRef  # the property shape, or the node shape for node-level constraints
    focus: Node
    value: Node | None
    severity: URIRef
    message: Node | None


def pyshacl_results(graph: Graph) -> list[ShapeResult]:
    """The results of pySHACL itself (the reference the compiled queries are tested against)."""
    from pyshacl import validate  # imported late: slow to import, and only needed here
    _conforms, report, _text = validate(graph, shacl_graph=shapes_graph(), inplace=True,
                                        inference=INFERENCE, advanced=False, allow_warnings=True)
    return [ShapeResult(report.value(result, SH.sourceShape), report.value(result, SH.focusNode),  # type: ignore[arg-type]
                        report.value(result, SH.value), report.value(result, SH.resultSeverity),  # type: ignore[arg-type]
                        report.value(result, SH.resultMessage))
            for result in report.subjects(RDF.type, SH.ValidationResult)]


def sparql_results(graph: Graph, checks: tuple[CompiledCheck, ...]) -> list[ShapeResult]:
    """The results of the shapes compiled to SPARQL (checks/shacl_sparql.py), run by the graph's store."""
    found = []
    for check in checks:
        table = evaluate(graph, check.query)
        value_at = table.columns.index("value") if "value" in table.columns else None
        for row in table.rows:
            found.append(ShapeResult(check.shape, row[0], row[value_at] if value_at is not None else None,  # type: ignore[arg-type]
                                     check.severity, check.message))
    return found


def run_shapes(graph: Graph, describe: Describer, wanted: Callable[[str], bool]) -> list[Finding]:
    """Validate ``graph`` (data plus ontology; it is read, never changed) against the selected shapes:
    compiled to SPARQL where the shapes allow it (all of the project's do), else with pySHACL."""
    selected = [r for r in shape_rules() if wanted(r.id)]
    if not selected:
        return []
    by_shape = {r.shape: r for r in selected}
    shapes = shapes_graph()
    checks = compiled(shapes)
    if checks is None:
        results = pyshacl_results(graph)
    else:
        results = sparql_results(graph, tuple(c for c in checks if _node_shape(shapes, c.shape) in by_shape))
    found = []
    for result in results:
        rule = by_shape.get(_node_shape(shapes, result.shape))
        if rule is None:
            continue
        focus, value = result.focus, result.value
        what = result.message if result.message is not None else rule.title
        iris = [focus] + ([value] if isinstance(value, URIRef) and value != focus else [])
        file, line = describe.location(focus)
        found.append(Finding(rule.id, SEVERITY[result.severity],
                             f"{describe.name(focus)} {what}.", "shapes",
                             tuple(Entity(describe.label(i), str(i)) for i in iris),
                             describe.sources([describe.owner(focus)]), rule.fix, file, line))
    return found
