"""SHACL Core shapes compiled to SPARQL, run by the store that holds the graph.

Why: pySHACL walks the graph through rdflib's Python API, one focus node and one value at a time;
at 100k triples that took 10.6 s, at a million 62 s. The same constraints as SPARQL run in
Oxigraph in a fraction of that (docs/benchmarks.md). The compiled queries give the results
pySHACL gives, one row per result (focus node, and the value for the constraints that judge
values), which tests/checks/test_shacl_sparql.py checks against pySHACL itself on the project's
shapes and on graphs that break each one.

Only what the project's shapes use is compiled (``COMPILED``): targets sh:targetClass and
sh:targetSubjectsOf; on a property shape with an IRI path, sh:minCount, sh:maxCount, sh:class,
sh:datatype, sh:in, sh:minInclusive and sh:lessThanOrEquals; sh:or of property shapes that each
require a value (sh:minCount 1); and sh:qualifiedValueShape / sh:qualifiedMinCount 1 along an
sh:zeroOrMorePath, with a qualified shape that requires a value. A shapes graph using anything
else is not compiled at all (``compile_shapes`` raises Unsupported) and pySHACL runs it instead.

"Has no value" and "is not of the class" are written with MINUS, not FILTER NOT EXISTS: the two
mean the same here (the variable they share is bound in every row), and a store evaluates MINUS
once for all rows where it evaluates NOT EXISTS once a row (at a million triples the shapes took
11.2 s of queries with NOT EXISTS, 3.0 s with MINUS: docs/benchmarks.md). The one NOT EXISTS kept,
in qualified shapes, follows a path from the row's own node.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Node

# The SHACL terms compiled; anything else in the sh: namespace means "not compiled".
COMPILED = {SH.NodeShape, SH.PropertyShape, SH.targetClass, SH.targetSubjectsOf, SH.property, SH.path,
            SH.minCount, SH.maxCount, SH["class"], SH.datatype, SH["in"], SH.minInclusive,
            SH.lessThanOrEquals, SH["or"], SH.zeroOrMorePath, SH.qualifiedValueShape,
            SH.qualifiedMinCount, SH.severity, SH.Violation, SH.Warning, SH.Info, SH.message}
SUBCLASS = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"
TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


class Unsupported(ValueError):
    """The shapes use a SHACL feature this compiler does not translate."""


@dataclass(frozen=True)
class CompiledCheck:
    """One SPARQL query whose rows (?focus, and ?value where the constraint judges values) are
    results of ``shape`` (the property shape, or the node shape for node-level constraints)."""

    shape: Node
    severity: URIRef
    message: Literal | None
    query: str


def _n3(term: Node) -> str:
    return term.n3()


def _targets(shapes: Graph, node_shape: Node) -> str:
    """A SPARQL group binding ?focus to every target of the node shape (a UNION of its targets)."""
    groups = [f"{{ ?focus {TYPE}/{SUBCLASS}* {_n3(c)} }}" for c in shapes.objects(node_shape, SH.targetClass)]
    groups += [f"{{ ?focus {_n3(p)} ?_any }}" for p in shapes.objects(node_shape, SH.targetSubjectsOf)]
    if not groups:
        raise Unsupported(f"the shape {node_shape} has no target the compiler knows")
    # SELECT DISTINCT: a node targeted twice (two classes, two properties) is validated once, as in SHACL
    return f"{{ SELECT DISTINCT ?focus WHERE {{ {' UNION '.join(groups)} }} }}"


def _iri_path(shapes: Graph, shape: Node) -> URIRef:
    path = shapes.value(shape, SH.path)
    if not isinstance(path, URIRef):
        raise Unsupported(f"the path of {shape} is not a single property")
    return path


def _one(shapes: Graph, shape: Node, prop: URIRef) -> Node | None:
    values = list(shapes.objects(shape, prop))
    if len(values) > 1:
        raise Unsupported(f"{shape} has more than one {prop}")
    return values[0] if values else None


def _count(node: Node | None) -> int:
    """A count given in the shapes (sh:minCount 1); 0 where none is given."""
    return int(str(node)) if node is not None else 0


def _severity(shapes: Graph, shape: Node) -> URIRef:
    return shapes.value(shape, SH.severity) or SH.Violation  # type: ignore[return-value]


def _value_checks(shapes: Graph, shape: Node, targets: str, path: str) -> list[str]:
    """Queries for the constraints that judge each value of the path (one result per failing value)."""
    each = f"{targets} ?focus {path} ?value ."
    queries = []
    cls = _one(shapes, shape, SH["class"])
    if cls is not None:
        queries.append(f"SELECT ?focus ?value WHERE {{ {each} MINUS {{ ?value {TYPE}/{SUBCLASS}* {_n3(cls)} }} }}")
    datatype = _one(shapes, shape, SH.datatype)
    if datatype is not None:
        queries.append(f"SELECT ?focus ?value WHERE {{ {each} "
                       f"FILTER(!isLiteral(?value) || datatype(?value) != {_n3(datatype)}) }}")
    allowed = _one(shapes, shape, SH["in"])
    if allowed is not None:
        members = ", ".join(_n3(m) for m in Collection(shapes, allowed))
        queries.append(f"SELECT ?focus ?value WHERE {{ {each} FILTER(?value NOT IN ({members})) }}")
    least = _one(shapes, shape, SH.minInclusive)
    if least is not None:  # a value that cannot be compared fails too
        queries.append(f"SELECT ?focus ?value WHERE {{ {each} FILTER(!COALESCE(?value >= {_n3(least)}, false)) }}")
    other = _one(shapes, shape, SH.lessThanOrEquals)
    if other is not None:
        queries.append(f"SELECT ?focus ?value WHERE {{ {each} ?focus {_n3(other)} ?_other . "
                       f"FILTER(!COALESCE(?value <= ?_other, false)) }}")
    return queries


def _count_checks(shapes: Graph, shape: Node, targets: str, path: str) -> list[str]:
    """Queries for sh:minCount and sh:maxCount (one result per failing focus node, no value)."""
    queries = []
    least = _one(shapes, shape, SH.minCount)
    if least is not None:
        if _count(least) == 1:
            queries.append(f"SELECT ?focus WHERE {{ {targets} MINUS {{ ?focus {path} ?_v }} }}")
        else:
            queries.append(f"SELECT ?focus WHERE {{ {targets} OPTIONAL {{ ?focus {path} ?_v }} }} "
                           f"GROUP BY ?focus HAVING(COUNT(DISTINCT ?_v) < {_count(least)})")
    most = _one(shapes, shape, SH.maxCount)
    if most is not None:
        queries.append(f"SELECT ?focus WHERE {{ {targets} ?focus {path} ?_v }} "
                       f"GROUP BY ?focus HAVING(COUNT(DISTINCT ?_v) > {_count(most)})")
    return queries


def _requires_a_value(shapes: Graph, shape: Node) -> URIRef:
    """The property of a shape that says only "sh:path P ; sh:minCount 1" (sh:or and qualified shapes)."""
    said = {p for p, _ in shapes.predicate_objects(shape)} - {RDF.type}
    if said != {SH.path, SH.minCount} or _count(shapes.value(shape, SH.minCount)) != 1:
        raise Unsupported(f"{shape}: only shapes requiring one value of a property are compiled inside sh:or")
    return _iri_path(shapes, shape)


def _qualified(shapes: Graph, shape: Node, targets: str) -> str:
    """sh:qualifiedValueShape [ sh:path Q ; sh:minCount 1 ] ; sh:qualifiedMinCount 1 along sh:zeroOrMorePath P."""
    path = shapes.value(shape, SH.path)
    step = shapes.value(path, SH.zeroOrMorePath) if isinstance(path, BNode) else None
    if not isinstance(step, URIRef) or _count(shapes.value(shape, SH.qualifiedMinCount)) != 1:
        raise Unsupported(f"{shape}: only a qualifiedMinCount of 1 along a zeroOrMorePath is compiled")
    needed = _requires_a_value(shapes, shapes.value(shape, SH.qualifiedValueShape))  # type: ignore[arg-type]
    return (f"SELECT ?focus WHERE {{ {targets} FILTER NOT EXISTS {{ ?focus {_n3(step)}* ?_reached . "
            f"?_reached {_n3(needed)} ?_v }} }}")


def _property_checks(shapes: Graph, shape: Node, targets: str) -> list[str]:
    if shapes.value(shape, SH.qualifiedValueShape) is not None:
        return [_qualified(shapes, shape, targets)]
    path = _n3(_iri_path(shapes, shape))
    return _count_checks(shapes, shape, targets, path) + _value_checks(shapes, shape, targets, path)


def _node_checks(shapes: Graph, node_shape: Node, targets: str) -> list[str]:
    """sh:or on the node shape: a focus node fails when it conforms to none of the alternatives."""
    queries = []
    for alternatives in shapes.objects(node_shape, SH["or"]):
        required = [_requires_a_value(shapes, alt) for alt in Collection(shapes, alternatives)]
        none = " ".join(f"MINUS {{ ?focus {_n3(p)} ?_v{i} }}" for i, p in enumerate(required))
        queries.append(f"SELECT ?focus (?focus AS ?value) WHERE {{ {targets} {none} }}")
    return queries


def _check_vocabulary(shapes: Graph) -> None:
    used = {t for triple in shapes for t in triple if isinstance(t, URIRef) and str(t).startswith(str(SH))}
    unknown = sorted(used - COMPILED)
    if unknown:
        raise Unsupported(f"the shapes use {', '.join(unknown)}, which the SPARQL compiler does not translate")


def compile_shapes(shapes: Graph) -> tuple[CompiledCheck, ...]:
    """Every constraint of every node shape as a query; Unsupported if any cannot be compiled."""
    _check_vocabulary(shapes)
    checks = []
    for node_shape in sorted(shapes.subjects(RDF.type, SH.NodeShape), key=str):
        targets = _targets(shapes, node_shape)
        for query in _node_checks(shapes, node_shape, targets):
            checks.append(CompiledCheck(node_shape, _severity(shapes, node_shape),
                                        shapes.value(node_shape, SH.message), query))  # type: ignore[arg-type]
        for prop in shapes.objects(node_shape, SH.property):
            for query in _property_checks(shapes, prop, targets):
                checks.append(CompiledCheck(prop, _severity(shapes, prop), shapes.value(prop, SH.message), query))  # type: ignore[arg-type]
    return tuple(checks)


@lru_cache(maxsize=4)
def compiled(shapes: Graph) -> tuple[CompiledCheck, ...] | None:
    """The compiled checks of a shapes graph, or None when it uses something not compiled."""
    try:
        return compile_shapes(shapes)
    except Unsupported:
        return None
