"""The shapes compiled to SPARQL give exactly pySHACL's results: on the project's arrangements, and on
graphs that break every constraint the shapes use."""
from __future__ import annotations

from collections import Counter

import pytest
from govgraph.checks.labels import Describer
from govgraph.checks.shacl_sparql import Unsupported, compile_shapes
from govgraph.checks.shapes import pyshacl_results, run_shapes, shapes_graph, sparql_results
from govgraph.datasets import builtin_path
from govgraph.graph_builder import load_arrangement
from govgraph.ontology import GG
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import ORG, SH, TIME

from .conftest import MINI, edit

BASE = "https://example.org/mini/"
PLAN = builtin_path("cp_stp_mou_nov2016_plan")


def r(name: str) -> URIRef:
    return URIRef(BASE + name)


# Each edit breaks one or more constraints of the shapes (the comment says which).
BREAKS = {
    "signature without document (minCount)": {"remove": ((r("chair-signature"), GG.document, None),)},
    "signature with two documents (maxCount)": {"add": ((r("chair-signature"), GG.document, r("terms")),)},
    "signature of a non-document (class)": {"replace": ((r("chair-signature"), GG.document, r("county")),)},
    "signature by neither signatory nor post (or)": {"remove": ((r("chair-signature"), GG.signatory, None),
                                                               (r("chair-signature"), GG.signedAs, None),
                                                               (r("ceo-signature"), GG.signatory, None))},
    "membership both voting and non-voting (maxCount)": {"add": ((r("board-county"), GG.votingRight, GG.nonVoting),)},
    "membership with an unknown voting right (in)": {"replace": ((r("board-county"), GG.votingRight, GG.completed),)},
    "membership without member (minCount)": {"remove": ((r("board-county"), ORG.member, None),)},
    "tenure held by a board (class)": {"replace": ((r("bob-chair"), GG.holder, r("board")),)},
    "date bounds out of order (lessThanOrEquals)": {"replace": ((r("phase-2/date"), GG.earliest,
                                                                  Literal("2021-01-01", datatype=XSD.date)),)},
    "date bound as text (datatype, lessThanOrEquals)": {"replace": ((r("phase-2/date"), GG.latest, Literal("soon")),)},
    "phase at position 0 (minInclusive)": {"replace": ((r("phase-1"), GG.order, Literal(0)),)},
    "phase position as text (datatype, minInclusive)": {"replace": ((r("phase-1"), GG.order, Literal("first")),)},
    "commitment binding no one (qualified)": {"remove": ((r("programme-risk"), GG.binds, None),)},
    "record with two labels (maxCount)": {"add": ((r("county"), RDFS.label, Literal("Another name")),)},
    "source that is not a source reference (class)": {"add": ((r("county"), GG.hasSource, r("charter")),)},
    "day without its day (minCount) and a second one (maxCount)": {"add": ((r("phase-2/date"), RDF.type, GG.CalendarDay),)},
    "period with two ends (maxCount)": {"add": ((r("alice-chair/during"), TIME.hasEnd, r("phase-2/date")),)},
}


def keyed(results: list) -> Counter:
    return Counter((str(x.shape), str(x.focus), str(x.value), str(x.severity), str(x.message)) for x in results)


def test_the_projects_shapes_compile() -> None:
    assert len(compile_shapes(shapes_graph())) > 50


@pytest.mark.parametrize("sources", [None, [PLAN], [MINI]], ids=["builtin", "plan", "mini"])
def test_same_results_on_the_projects_arrangements(sources) -> None:
    built = load_arrangement(sources)
    assert keyed(sparql_results(built.graph, compile_shapes(shapes_graph()))) == keyed(pyshacl_results(built.graph))


@pytest.mark.parametrize("name", sorted(BREAKS))
def test_same_results_as_pyshacl_on_a_broken_graph(name: str) -> None:
    built = edit(load_arrangement([MINI], persist=False), **BREAKS[name])
    ours = keyed(sparql_results(built.graph, compile_shapes(shapes_graph())))
    assert ours, "the edit breaks at least one shape"
    assert ours == keyed(pyshacl_results(built.graph))


def test_shapes_the_compiler_does_not_know_run_with_pyshacl() -> None:
    shapes = Graph()
    shapes.add((URIRef("urn:s"), RDF.type, SH.NodeShape))
    shapes.add((URIRef("urn:s"), SH.targetClass, ORG.Membership))
    shapes.add((URIRef("urn:s"), SH.closed, Literal(True)))
    with pytest.raises(Unsupported, match="closed"):
        compile_shapes(shapes)


def test_findings_are_those_of_pyshacl(monkeypatch: pytest.MonkeyPatch) -> None:
    """The findings made from either engine's results are the same."""
    built = edit(load_arrangement([MINI], persist=False), **BREAKS["tenure held by a board (class)"],
                 add=((r("board-county"), GG.votingRight, GG.nonVoting),))
    describe = Describer(built.graph, built.place_of)
    ours = run_shapes(built.graph, describe, lambda rule: True)
    monkeypatch.setattr("govgraph.checks.shapes.compiled", lambda shapes: None)
    assert sorted(ours, key=lambda f: f.sort_key()) == sorted(run_shapes(built.graph, describe, lambda rule: True),
                                                              key=lambda f: f.sort_key())
    assert {f.rule for f in ours} == {"shape-tenure", "shape-membership"}
