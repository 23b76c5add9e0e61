"""Mutation tests: plant one violation in a copy of the built-in arrangement; the check must report
it with the right rule and entities, and report nothing else that the unchanged copy does not."""
from __future__ import annotations

from pathlib import Path

import pytest
from govgraph.graph_builder import builtin_path

from .conftest import keys, planted, run

BASE = "https://w3id.org/govgraph/data/cp-stp-mou/"
DISTRICTS = ["cambridge-city-council", "east-cambridgeshire-district-council", "fenland-district-council",
             "huntingdonshire-district-council", "south-cambridgeshire-district-council"]
CHAIR_EXCLUDES = ("    excludes: [district-and-city-councils, cambridge-city-council, east-cambridgeshire-district-council, "
                  "fenland-district-council, huntingdonshire-district-council, south-cambridgeshire-district-council]\n"
                  "    document: appendix\n")

# name -> (edits, extra YAML, [(rule id, ids that must be the finding's leading entities)])
MUTATIONS = {
    "chair signs without the districts' exclusion": (
        [("sign-off.yaml", CHAIR_EXCLUDES, "    document: appendix\n")], "",
        [("signature-without-democratic-approval", ["signature-chair-2017-01", d]) for d in DISTRICTS]),
    "VCS representative signs for the county": (
        [], """
signatures:
  - {id: vcs-signature, label: VCS representative signs for CCC, as: vcs-rep, on-behalf-of: [ccc],
     document: appendix, date: 2017-01-13, status: completed, source: paper 3.1(4)}
""", [("signature-without-authority", ["vcs-signature", "ccc", "vcs-rep", "appendix"])]),
    "non-voting district officer's vote counted": (
        [], """
votes:
  - {id: officer-vote, label: District Officer's vote on the phased sign-off, by: hwb-district-officer,
     on: decision-2017-01-phased-sign-off, source: paper 3.5}
""", [("vote-by-non-voting-member", ["officer-vote", "hwb-district-officer", "decision-2017-01-phased-sign-off", "cambs-hwb"])]),
    "non-voting district officer given a decision right on the Board": (
        [], """
decision-rights:
  - {id: officer-right, kind: decision-right, label: District Officer signs off Board documents,
     holder: [hwb-district-officer], matter: [document-sign-off], through-body: [cambs-hwb], source: paper 3.5}
""", [("decision-right-of-non-voting-member", ["officer-right", "hwb-district-officer", "cambs-hwb"])]),
    "enabling clause scoped to the STP's opening risk too": (
        [("commitments.yaml", "    scope: [specific-programmes]\n", "    scope: [specific-programmes, stp-opening-financial-risk]\n")], "",
        [("commitment-against-duty", ["enabling-clause-shared-risk", p, "no-sharing-opening-financial-risk", "duty-balanced-budget"])
         for p in ("ccc", "pcc", "wider-la-hwb-membership")]),
    "the partnership commits to gagging councillors": (
        [], """
commitments:
  - {id: one-voice, kind: undertaking, label: Partners speak with one voice in public, binds: [stp],
     matter: [undermining-councillor-advocacy], source: appendix Key Behaviours paragraph 4}
""", [("commitment-contradicts-constraint", ["one-voice", "stp", "councillor-advocacy-protected"])]),
    "an Act cites a later Act": (
        [("documents.yaml", "    date: 1992\n", "    date: 1992\n    cites: [care-act-2014]\n")], "",
        [("document-cites-later-document", ["lgfa-1992", "care-act-2014"])]),
    "phase 2 dated before phase 1": (
        [("sign-off.yaml", '    order: 2\n    date: {vague: "early 2017", within: 2017}\n', "    order: 2\n    date: 2016-12\n")], "",
        [("phases-out-of-order", ["phase-1-chair-signs", "phase-2-revise-and-approve", "phased-sign-off"])]),
    "STP plan period reversed": (
        [("documents.yaml", "period: {from: 2016, to: 2021}", "period: {from: 2021, to: 2016}")], "",
        [("interval-ends-before-start", ["stp-plan"])]),
    "two Chairs at the same time": (
        [], """
people:
  - {id: chair-a, label: First test Chairman, source: paper 3.1(3)}
  - {id: chair-b, label: Second test Chairman, source: paper 3.1(3)}
tenures:
  - {id: chair-a-tenure, label: First test Chairman in the chair, post: hwb-chair, holder: chair-a,
     during: {from: 2016-01}, source: paper 3.1(3)}
  - {id: chair-b-tenure, label: Second test Chairman in the chair, post: hwb-chair, holder: chair-b,
     during: {from: 2016-06}, source: paper 3.1(3)}
""", [("single-holder-post-overlap", ["chair-a-tenure", "chair-b-tenure", "hwb-chair", "chair-a", "chair-b"])]),
    "VCS feedback action loses its status": (
        [("sign-off.yaml", "    order: 4\n    status: not-reported\n", "    order: 4\n")], "",
        [("action-without-status", ["action-vcs-feedback"])]),
    "enabling clause action said to wait for a planned approval": (
        [("sign-off.yaml", "    outcome: [appendix, enabling-clause-shared-risk]\n",
          "    outcome: [appendix, enabling-clause-shared-risk]\n    depends-on: [approval-fenland-district-council-revised-appendix]\n")], "",
        [("completed-action-depends-on-open", ["action-enabling-clause", "approval-fenland-district-council-revised-appendix"])]),
    "a matter nobody refers to": (
        [], """
matters:
  - {id: car-parking, label: car parking, source: appendix Introduction bullet 3}
""", [("orphan-node", ["car-parking"])]),
}


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> set:
    return keys(run(planted(tmp_path_factory.mktemp("base"), builtin_path())))


@pytest.mark.parametrize("name", list(MUTATIONS))
def test_mutation_is_reported_alone(tmp_path: Path, baseline: set, name: str) -> None:
    edits, extra, expected = MUTATIONS[name]
    new = keys(run(planted(tmp_path, builtin_path(), edits=edits, extra=extra))) - baseline
    wanted = {(rule, tuple(BASE + i for i in ids)) for rule, ids in expected}
    assert len(new) == len(expected), f"expected {len(expected)} new findings, got {sorted(new)}"
    assert {(rule, iris[:len(ids)]) for (rule, iris), (_, ids) in zip(sorted(new), sorted(expected))} == wanted
