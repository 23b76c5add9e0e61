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


# delegate-limit-above-delegator, a limit put on director-to-head (under chief-exec-to-director, with the
# director's 250k GBP procurement limit, and leader-to-chief-exec, with the 500k GBP key decision
# threshold, which names no matter): which upper limits it exceeds. The rule compares currencies and
# follows the matter hierarchy in its own way for speed (a matter covers itself and what is narrower).
HEAD_LIMITS = {
    "narrower matter": ("financial-limit", "300k", "GBP", "contract-award", {"director-limit"}),
    "the same matter": ("financial-limit", "300k", "GBP", "procurement", {"director-limit"}),
    "a broader matter": ("financial-limit", "300k", "GBP", "executive-function", set()),
    "another matter": ("financial-limit", "300k", "GBP", "debt-write-off", set()),
    "another currency": ("financial-limit", "300k", "EUR", "contract-award", set()),
    "no matter, above the threshold": ("key-decision", "600k", "GBP", None, {"key-decision"}),
    "no matter, below the threshold": ("key-decision", "400k", "GBP", None, set()),
}


@pytest.mark.parametrize("case", sorted(HEAD_LIMITS))
def test_delegate_limit_follows_currency_and_matters(tmp_path: Path, case: str) -> None:
    kind, amount, currency, matter, exceeded = HEAD_LIMITS[case]
    matter_line = f", matter: [{matter}]" if matter else ""
    extra = f"""
conditions:
  - {{id: head-limit, kind: {kind}, label: Head of Procurement's limit, amount: {amount}, currency: {currency},
     inclusive: "yes"{matter_line}, above-limit: [director-resources], source: constitution part 3 para 23}}
"""
    edit = (F, "    under: chief-exec-to-director\n", "    under: chief-exec-to-director\n    conditions: [head-limit]\n")
    rule = "delegate-limit-above-delegator"
    found = of_rule(run(planted(tmp_path, SCHEME, edits=[edit], extra=extra), rule), rule)
    assert {e.iri[len(BASE):] for f in found for e in f.entities} - {
        "director-to-head", "head-limit", "head-procurement", "chief-exec-to-director", "leader-to-chief-exec"} == exceeded
