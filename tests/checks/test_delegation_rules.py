"""The rules on delegation, terms of reference, seats, ex-officio posts and substitutes: each
quiet on the invented scheme (tests/queries/fixtures/delegation), and each reporting the records
involved, with a message, a fix, sources, file and line, when a mistake is planted in a copy."""
from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import of_rule, planted, run

SCHEME = Path(__file__).parents[1] / "queries" / "fixtures" / "delegation"
BASE = "https://example.org/scheme/"
F = "scheme.yaml"
FORBIDDING = '    may-sub-delegate: "no"\n'

# rule id -> (edits, extra YAML, ids that must be among the finding's entities, words in the message)
VIOLATIONS = {
    "delegation-cycle": ([], """
delegations:
  - {id: head-to-leader, label: The Head of Procurement hands contract awards back to the Leader, from: head-procurement,
     to: leader, matter: [contract-award], source: constitution part 3 para 99}
""", ["head-to-leader", "head-procurement", "leader"], "goes round in a circle"),
    # planted in the fixture itself: director-to-head passes on chief-exec-to-director, which forbids it
    "sub-delegation-forbidden": ([], "", ["director-to-head", "chief-exec-to-director", "director-resources", "contract-award"],
                                 "on condition that it is not delegated further"),
    "delegate-limit-above-delegator": ([(F, "amount: 250k", "amount: 750k")], "",
                                       ["chief-exec-to-director", "director-limit", "leader-to-chief-exec", "key-decision"],
                                       "up to 750000"),
    "decision-above-delegated-limit": ([(F, "amount: 180000", "amount: 300000")], "",
                                       ["award-cleaning", "director-limit", "director-to-head", "head-procurement"],
                                       "is for 300000"),
    "decision-outside-delegated-matters": ([(F, "    matter: [contract-award]\n    amount: 180000", "    matter: [debt-write-off]\n    amount: 180000")],
                                           "", ["award-cleaning", "director-to-head", "debt-write-off"], "covers only other matters"),
    "quorum-above-voting-members": ([(F, "quorum-fraction: 1/3", "quorum: 9")], "", ["hwb-terms", "hwb"],
                                    "quorum of 9, but only 3 voting places"),
    "body-without-voting-member": ([], """
terms-of-reference:
  - {id: council-terms, label: Terms of reference of Full Council, body: full-council, quorum: 21, source: constitution part 2 para 1}
""", ["council-terms", "full-council"], "no voting membership or voting seat"),
    "seat-overfilled": ([], """
organisations:
  - {id: east, kind: district-council, label: East District Council, source: constitution part 2F para 5}
memberships:
  - {id: east-on-hwb, label: East District Council on the Board, member: east, body: hwb, voting: voting, seat: district-seat,
     source: constitution part 2F para 5}
""", ["district-seat", "hwb"], "has 2 place(s), but 3 current memberships"),
    "chair-not-member": ([(F, "    chair: hwb-chair\n", "    chair: cm-health\n")], "", ["hwb-terms", "cm-health", "hwb"],
                         "its chair"),
    "ex-officio-without-underlying-post": ([], """
tenures:
  - {id: sam-chairs-early, label: Sam chairs the Board, post: hwb-chair, holder: sam, during: {from: 2024-06-01},
     source: constitution part 1 para 9}
""", ["sam-chairs-early", "hwb-chair", "cm-health", "sam"], "no tenure of"),
    "substitute-for-missing-seat": ([(F, "    for: north-on-hwb\n", "    for: cm-health\n")], "",
                                    ["north-substitute", "cm-health", "hwb", "alex"], "has no membership or seat"),
}
CLEAN_EDITS = {"sub-delegation-forbidden": [(F, FORBIDDING, '    may-sub-delegate: "yes"\n')]}


@pytest.mark.parametrize("rule", sorted(VIOLATIONS))
def test_clean_case(tmp_path: Path, rule: str) -> None:
    report = run(planted(tmp_path, SCHEME, edits=CLEAN_EDITS.get(rule, [])), rule)
    assert report.findings == [], [f.message for f in report.findings]


@pytest.mark.parametrize("rule", sorted(VIOLATIONS))
def test_violating_case(tmp_path: Path, rule: str) -> None:
    edits, extra, expected, words = VIOLATIONS[rule]
    found = of_rule(run(planted(tmp_path, SCHEME, edits=edits, extra=extra), rule), rule)
    assert found, f"{rule} not reported"
    first = found[0]
    assert {BASE + i for i in expected} <= {e.iri for e in first.entities}
    assert words in first.message, first.message
    assert first.fix and first.sources and first.file and first.line
    assert "{" not in first.message and "{" not in first.fix


def test_the_scheme_has_only_its_planted_mistake() -> None:
    report = run(SCHEME)
    assert [f.rule for f in report.findings] == ["sub-delegation-forbidden"]
