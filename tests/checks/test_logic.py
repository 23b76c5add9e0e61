"""The reasoner layer's OWL 2 RL rules (checks/logic/*.rq): the contradictions data can make against the
ontology are found at every size, with the records involved, without HermiT."""
from __future__ import annotations

from pathlib import Path

import pytest
from govgraph.checks.catalogue import Selection
from govgraph.checks.engine import check_built
from govgraph.datasets.synthetic import generate
from govgraph.graph_builder import load_arrangement
from govgraph.ontology import GG
from rdflib import RDF, Literal, URIRef

from .conftest import MINI, edit

BASE = "https://example.org/mini/"


def r(name: str) -> URIRef:
    return URIRef(BASE + name)


def logic(built) -> set[tuple[str, tuple[str, ...]]]:
    report = check_built(built, Selection.parse("reasoner"))
    return {(f.rule, tuple(e.iri for e in f.entities)) for f in report.findings}


def test_the_arrangements_have_no_contradictions(mini) -> None:
    assert logic(mini) == set()


def test_a_record_of_two_disjoint_kinds() -> None:
    built = edit(load_arrangement([MINI], persist=False), add=((r("county"), RDF.type, GG.NHSBody),))
    assert {ids[0] for rule, ids in logic(built) if rule == "reasoner-disjoint-classes"} == {BASE + "county"}


def test_a_kind_implied_by_a_range() -> None:
    """A tenure of a person: the range of gg:post makes the person a post, which no person is."""
    built = edit(load_arrangement([MINI], persist=False), replace=((r("bob-chair"), GG.post, r("alice")),))
    assert {ids[0] for rule, ids in logic(built) if rule == "reasoner-disjoint-classes"} == {BASE + "alice"}


def test_a_membership_both_voting_and_non_voting() -> None:
    built = edit(load_arrangement([MINI], persist=False), add=((r("board-county"), GG.votingRight, GG.nonVoting),))
    found = logic(built)
    assert ("reasoner-disjoint-classes", (BASE + "board-county", str(GG.NonVotingMembership), str(GG.VotingMembership))) in found \
        or ("reasoner-disjoint-classes", (BASE + "board-county", str(GG.VotingMembership), str(GG.NonVotingMembership))) in found
    assert ("reasoner-functional-property", (BASE + "board-county", str(GG.votingRight), str(GG.nonVoting), str(GG.voting))) in found


def test_a_voting_right_on_a_post_is_not_a_membership() -> None:
    """cls-int2: a voting right makes a voting membership only of a membership (a post may carry one too)."""
    built = edit(load_arrangement([MINI], persist=False), add=((r("chair"), GG.votingRight, GG.voting),))
    assert logic(built) == set()


@pytest.fixture(scope="module")
def synthetic_10k(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("synth-10k")
    for name, data in generate(0.0045, 1).items():  # the 10k of benchmarks/national.yaml
        (folder / name).write_bytes(data)
    return folder


def test_the_three_contradictions_at_10k(synthetic_10k: Path) -> None:
    """At 10k triples (HermiT's default range) as at a million (benchmarks/national.py plants the same)."""
    built = load_arrangement([synthetic_10k], persist=False)
    assert built.triples > 9000
    council, membership = built.iri("county-0001"), built.iri("hwb-001-seat-county-0001")
    phase = next(built.graph.subjects(RDF.type, GG.Phase))
    edit(built, add=((council, RDF.type, GG.NHSBody), (membership, RDF.type, GG.VotingMembership),
                     (membership, RDF.type, GG.NonVotingMembership), (phase, GG.order, Literal(99))))
    report = check_built(built)
    found = {(f.rule, f.entities[0].iri) for f in report.findings if f.layer == "reasoner"}
    assert ("reasoner-disjoint-classes", str(council)) in found
    assert ("reasoner-disjoint-classes", str(membership)) in found
    assert ("reasoner-functional-property", str(phase)) in found
    assert all(f.file for f in report.findings if f.layer == "reasoner")  # each with its source line
