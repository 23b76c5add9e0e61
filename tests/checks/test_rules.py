"""Every governance rule: quiet on the mini arrangement (which holds a near miss for each), and
reporting the right entities when a violation is planted."""
from __future__ import annotations

from pathlib import Path

import pytest
from govgraph.checks.rules import RuleFileError, builtin_rules, parse_rule
from govgraph.graph_builder import load_arrangement
from rdflib import RDF, RDFS, URIRef

from .conftest import MINI, check_graph, edit, of_rule, planted, run

BASE = "https://example.org/mini/"
F = "arrangement.yaml"

# rule id -> list of (edits, extra YAML, ids that must be among the finding's entities)
VIOLATIONS: dict[str, list[tuple[list[tuple[str, str, str]], str, list[str]]]] = {
    "signature-without-authority": [
        ([], """
signatures:
  - {id: ceo-for-board, label: The Chief Executive signs for the Board, signatory: carol, as: county-ceo,
     on-behalf-of: [board], document: charter, date: 2020-03-04, status: completed, source: charter 12}
""", ["ceo-for-board", "board", "carol", "charter"]),
        ([], """
signatures:
  - {id: early-chair-signature, label: The Chair signs before holding authority, as: chair,
     on-behalf-of: [board], document: charter, date: 2019-05-01, status: completed, source: charter 12}
""", ["early-chair-signature", "board", "chair"]),
    ],
    "signature-without-democratic-approval": [
        ([(F, "    excludes: [district]\n    document: charter\n    date: 2020-03-02\n", "    document: charter\n    date: 2020-03-02\n")],
         "", ["chair-signature", "district", "district-sign-off-right", "district-process", "charter"]),
        ([], """
signatures:
  - {id: ceo-for-councils, label: The Chief Executive signs for the councils, signatory: carol, as: county-ceo,
     on-behalf-of: [councils], document: charter, date: 2020-03-05, status: planned, source: charter 12}
signing-authorities:
  - {id: ceo-councils-authority, label: The Chief Executive may sign for the councils, holder: county-ceo,
     for: [councils], source: charter 12}
""", ["ceo-for-councils", "district", "district-sign-off-right"]),
    ],
    "vote-by-non-voting-member": [
        ([], """
votes:
  - {id: officer-vote, label: The District Officer's vote, by: district-officer, on: charter-decision, source: charter 11}
""", ["officer-vote", "district-officer", "charter-decision", "board", "board-district-officer"]),
    ],
    "vote-by-non-member": [
        ([], """
votes:
  - {id: ceo-vote, label: The Chief Executive's vote, by: carol, on: charter-decision, source: charter 11}
""", ["ceo-vote", "carol", "charter-decision", "board"]),
    ],
    "decision-right-of-non-voting-member": [
        ([], """
decision-rights:
  - {id: officer-right, kind: decision-right, label: The District Officer decides for the Board, holder: [district-officer],
     matter: [sign-off], through-body: [board], source: charter 8}
""", ["officer-right", "district-officer", "board", "board-district-officer"]),
    ],
    "commitment-against-duty": [
        ([(F, "    scope: [named-programmes]\n", "")], "",
         ["programme-risk", "councils", "no-deficit-sharing", "balanced-budget"]),
        ([], """
commitments:
  - {id: county-deficit, kind: undertaking, label: The County shares the opening deficit, binds: [county],
     matter: [deficit-risk], source: charter 3}
""", ["county-deficit", "county", "no-deficit-sharing"]),
        # a scope that does not narrow the ruled-out matter to anything else does not exempt it
        ([], """
commitments:
  - {id: scoped-deficit, kind: undertaking, label: The County shares the opening deficit of named programmes,
     binds: [county], matter: [deficit-risk], scope: [named-programmes], source: charter 3}
""", ["scoped-deficit", "county", "no-deficit-sharing"]),
        ([], """
commitments:
  - {id: scoped-to-itself, kind: undertaking, label: The County shares financial risk within the opening deficit,
     binds: [county], matter: [risk-sharing], scope: [deficit-risk], source: charter 3}
""", ["scoped-to-itself", "county", "no-deficit-sharing"]),
    ],
    "event-after-report": [
        ([], """
actions:
  - {id: late-report, label: The Board circulated its minutes, status: completed, date: 2020-09-01, source: charter 11}
""", ["late-report", "charter"]),
    ],
    "date-after-today": [
        ([], """
signatures:
  - {id: far-future-signature, label: The Chair signs again, as: chair, on-behalf-of: [board], document: terms,
     date: 2999-01-01, status: completed, source: charter 12}
""", ["far-future-signature"]),
    ],
    "date-after-as-of": [
        ([], """
actions:
  - {id: after-as-of, label: The Board reviewed the charter, status: completed, date: 2020-06-01, source: charter 11}
""", ["after-as-of", ""]),  # "": the arrangement itself (its base IRI)
    ],
    "membership-voting-overlap": [
        ([], """
memberships:
  - {id: board-district-officer-voting, label: District Officer on the Board (voting), member: district-officer,
     body: board, voting: voting, during: {from: 2020-01-01}, source: charter 7}
""", ["board-district-officer", "board-district-officer-voting", "district-officer", "board"]),
    ],
    "commitment-contradicts-constraint": [
        ([], """
commitments:
  - {id: gag, kind: undertaking, label: Board members keep to an agreed line in public, binds: [board],
     matter: [advocacy-limits], source: charter 5}
""", ["gag", "board", "advocacy-protected"]),
    ],
    "document-cites-later-document": [
        ([(F, "    date: 2019-06\n", "    date: 2021-06\n")], "", ["charter", "terms"]),
    ],
    "phases-out-of-order": [
        ([(F, '    date: {vague: "later in 2020", within: 2020}\n    status: planned\n    source: charter 9\n',
           "    date: 2019\n    status: planned\n    source: charter 9\n")], "", ["phase-1", "phase-2", "sign-off-process"]),
    ],
    "interval-ends-before-start": [
        ([(F, "{from: 2018-01, to: 2019-12}", "{from: 2018-01, to: 2017-12}")], "", ["alice-chair"]),
    ],
    "single-holder-post-overlap": [
        ([(F, "{from: 2018-01, to: 2019-12}", "{from: 2018-01, to: 2020-06}")], "",
         ["alice-chair", "bob-chair", "chair", "alice", "bob"]),
        ([(F, "{from: 2018-01, to: 2019-12}", "{from: 2018-01}")], "", ["alice-chair", "bob-chair", "chair"]),
    ],
    "action-without-status": [
        ([(F, "    status: open\n", "")], "", ["report-back"]),
    ],
    "completed-action-depends-on-open": [
        ([(F, "    status: open\n", "    status: completed\n")], "", ["report-back", "district-approval"]),
    ],
    "part-of-cycle": [
        ([], """
organisations:
  - {id: self-part, kind: partnership, label: A partnership part of itself, part-of: self-part, source: charter 1}
""", ["self-part"]),
        ([], """
organisations:
  - {id: ring-a, kind: partnership, label: Ring A, part-of: ring-b, source: charter 1}
  - {id: ring-b, kind: partnership, label: Ring B, part-of: ring-c, source: charter 1}
  - {id: ring-c, kind: partnership, label: Ring C, part-of: ring-a, source: charter 1}
""", ["ring-a", "ring-b"]),
    ],
    "orphan-node": [
        ([], """
people:
  - {id: dave, label: Dave Example, source: charter 6}
""", ["dave"]),
    ],
}
GRAPH_ONLY = {"no-label", "no-source", "unknown-kind"}  # the builder refuses these in YAML sources
# Rules on schemes of delegation, seats and terms of reference: their cases are planted in the
# invented scheme (tests/queries/fixtures/delegation), in test_delegation_rules.py.
SCHEME_RULES = {"delegation-cycle", "sub-delegation-forbidden", "delegate-limit-above-delegator",
                "decision-above-delegated-limit", "decision-outside-delegated-matters", "quorum-above-voting-members",
                "body-without-voting-member", "seat-overfilled", "chair-not-member", "ex-officio-without-underlying-post",
                "substitute-for-missing-seat"}
CASES = [(rule, i, case) for rule, cases in VIOLATIONS.items() for i, case in enumerate(cases)]


def test_every_rule_has_a_violating_case() -> None:
    assert {r.id for r in builtin_rules()} == set(VIOLATIONS) | GRAPH_ONLY | SCHEME_RULES


def test_mini_arrangement_is_clean(mini) -> None:
    assert check_graph(mini).findings == []


@pytest.mark.parametrize("rule", sorted(r.id for r in builtin_rules()))
def test_clean_case(mini, rule: str) -> None:
    report = check_graph(mini, rule)
    assert [r.layer for r in report.layers if r.ran] == ["sources", "rules"]
    assert of_rule(report, rule) == []


@pytest.mark.parametrize(("rule", "index", "case"), CASES, ids=[f"{r}-{i}" for r, i, _ in CASES])
def test_violating_case(tmp_path: Path, rule: str, index: int, case) -> None:
    edits, extra, expected = case
    report = run(planted(tmp_path, MINI, edits=edits, extra=extra))
    found = of_rule(report, rule)
    assert found, f"{rule} not reported; got {[f.rule for f in report.findings]}"
    iris = {e.iri for e in found[0].entities}
    assert {BASE + i for i in expected} <= iris
    first = found[0]
    assert first.message and first.fix and first.sources and first.file and first.line
    assert "{" not in first.message and "(not given)" not in first.fix


def test_a_chain_of_part_of_that_ends_is_not_a_cycle(tmp_path: Path) -> None:
    """The near miss: A part of B part of C, and C part of nothing."""
    report = run(planted(tmp_path, MINI, extra="""
organisations:
  - {id: chain-a, kind: partnership, label: Chain A, part-of: chain-b, source: charter 1}
  - {id: chain-b, kind: partnership, label: Chain B, part-of: chain-c, source: charter 1}
  - {id: chain-c, kind: partnership, label: Chain C, source: charter 1}
"""))
    assert of_rule(report, "part-of-cycle") == []


def _mutated_mini():
    return load_arrangement([MINI], persist=False)  # edited below: a store of its own


def test_no_label() -> None:
    built = _mutated_mini()
    edit(built, remove=((URIRef(BASE + "alice"), RDFS.label, None),))
    assert [e.iri for f in of_rule(check_graph(built, "no-label"), "no-label") for e in f.entities] == [BASE + "alice"]


def test_no_source() -> None:
    built = _mutated_mini()
    edit(built, remove=((URIRef(BASE + "alice"), URIRef("https://w3id.org/govgraph/ontology#hasSource"), None),))
    assert [e.iri for f in of_rule(check_graph(built, "no-source"), "no-source") for e in f.entities] == [BASE + "alice"]


def test_unknown_kind() -> None:
    built = _mutated_mini()
    edit(built, add=((URIRef(BASE + "board"), RDF.type, URIRef("https://w3id.org/govgraph/ontology#Boardd")),))
    found = of_rule(check_graph(built, "unknown-kind"), "unknown-kind")
    assert [e.iri for f in found for e in f.entities] == [BASE + "board"]
    assert "Boardd" in found[0].message


def test_rule_header_is_required(tmp_path: Path) -> None:
    path = tmp_path / "half-done.rq"
    path.write_text("# id: half-done\n# severity: error\nSELECT ?x WHERE { ?x ?p ?o }\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match="title, message, fix, entities"):
        parse_rule(path)


def test_rule_id_matches_file_name(tmp_path: Path) -> None:
    header = "".join(f"# {k}: x\n" for k in ("title", "message", "fix", "entities"))
    path = tmp_path / "one.rq"
    path.write_text(f"# id: other\n# severity: error\n{header}SELECT ?x WHERE {{ ?x ?p ?o }}\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match="must match the file name"):
        parse_rule(path)


def test_commitment_against_duty_names_the_partys_own_duty(tmp_path: Path) -> None:
    """A constraint justified by two duties, one of them the District's alone: the County's
    commitment against it is reported with the duty the County holds, never the District's."""
    copy = planted(tmp_path, MINI, edits=[(F, "    justified-by: [balanced-budget]\n",
                                           "    justified-by: [balanced-budget, district-reserves]\n")], extra="""
duties:
  - {id: district-reserves, label: The District keeps its reserves, holder: [district], legal-basis: [budget-act],
     matter: [finance], source: charter 2}
commitments:
  - {id: county-deficit, kind: undertaking, label: The County shares the opening deficit, binds: [county],
     matter: [deficit-risk], source: charter 3}
""")
    found = [f for f in of_rule(run(copy, "commitment-against-duty"), "commitment-against-duty")
             if f.entities[0].iri == BASE + "county-deficit"]
    assert [(f.entities[1].iri, f.entities[3].iri) for f in found] == [(BASE + "county", BASE + "balanced-budget")]


def test_rule_query_must_parse(tmp_path: Path) -> None:
    header = "".join(f"# {k}: x\n" for k in ("title", "message", "fix", "entities"))
    path = tmp_path / "broken.rq"
    path.write_text(f"# id: broken\n# severity: error\n{header}SELECT ?x WHERE {{ ?x ?p }}\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"broken.rq: the query does not parse: line \d+, column \d+"):
        parse_rule(path)
