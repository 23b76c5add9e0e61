"""Layer 2: structure, checked by SHACL shapes (shapes/*.ttl) with pySHACL.

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

from pyshacl import validate
from rdflib import RDF, RDFS, Graph, Namespace, URIRef
from rdflib.namespace import SH

from .findings import Entity, Finding
from .labels import Describer

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


def run_shapes(graph: Graph, describe: Describer, wanted: Callable[[str], bool]) -> list[Finding]:
    """Validate ``graph`` (data plus ontology; it is read, never changed) against the selected shapes."""
    selected = [r for r in shape_rules() if wanted(r.id)]
    if not selected:
        return []
    by_shape = {r.shape: r for r in selected}
    shapes = shapes_graph()
    _conforms, report, _text = validate(graph, shacl_graph=shapes, inplace=True,
                                        inference=INFERENCE, advanced=False, allow_warnings=True)
    found = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        rule = by_shape.get(_node_shape(shapes, report.value(result, SH.sourceShape)))
        if rule is None:
            continue
        focus = report.value(result, SH.focusNode)
        value = report.value(result, SH.value)
        what = report.value(result, SH.resultMessage, default=rule.title)
        iris = [focus] + ([value] if isinstance(value, URIRef) and value != focus else [])
        file, line = describe.location(focus)
        found.append(Finding(rule.id, SEVERITY[report.value(result, SH.resultSeverity)],
                             f"{describe.name(focus)} {what}.", "shapes",
                             tuple(Entity(describe.label(i), str(i)) for i in iris),
                             describe.sources([describe.owner(focus)]), rule.fix, file, line))
    return found
