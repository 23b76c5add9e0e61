"""Every named question, with its exact expected answer on the built-in dataset.

Expected rows are written from the two source documents (clause in the comment), not copied
from a run: each set below is what the paper and the appendix say.
"""
from __future__ import annotations

import datetime as dt

import pytest
from govgraph.queries.library import load_library
from govgraph.queries.questions import ask

CCC, PCC = "Cambridgeshire County Council", "Peterborough City Council"
DISTRICTS = ["cambridge-city-council", "east-cambridgeshire-district-council", "fenland-district-council",
             "huntingdonshire-district-council", "south-cambridgeshire-district-council"]
COUNCILS = ["ccc", "pcc", *DISTRICTS]
EXCLUDED = ("Cambridge City Council; Cambridgeshire District and City Councils; East Cambridgeshire District Council; "
            "Fenland District Council; Huntingdonshire District Council; South Cambridgeshire District Council")


def run(ws, qid, as_of=None, **params):
    return ask(ws, load_library()[qid], params, dt.date.fromisoformat(as_of) if as_of else None, timeout=None)


def test_every_question_has_a_test_here():
    tested = {name[len("test_"):].replace("_", "-").split("--")[0] for name in globals() if name.startswith("test_")}
    assert set(load_library()) <= tested


def test_members_of_body(ws, cells):
    # appendix Introduction bullet 3 and Democratic requirements bullet 2 (councils); paper 3.5 (district
    # officer, non-voting); paper 3.1(4) (VCS representative). No source states the councils' votes.
    table = run(ws, "members-of-body")
    assert set(cells(ws, table, "membership", "member", "voting", "represents")) == {
        ("cambs-hwb-ccc", "ccc", "votingNotStated", CCC),
        ("cambs-hwb-cambridge-city-council", "cambridge-city-council", "votingNotStated", "Cambridge City Council"),
        ("cambs-hwb-east-cambridgeshire-district-council", "east-cambridgeshire-district-council", "votingNotStated",
         "East Cambridgeshire District Council"),
        ("cambs-hwb-fenland-district-council", "fenland-district-council", "votingNotStated", "Fenland District Council"),
        ("cambs-hwb-huntingdonshire-district-council", "huntingdonshire-district-council", "votingNotStated",
         "Huntingdonshire District Council"),
        ("cambs-hwb-south-cambridgeshire-district-council", "south-cambridgeshire-district-council", "votingNotStated",
         "South Cambridgeshire District Council"),
        # paper 3.5 does not say whom the District Officer represents (issue 13 item 6)
        ("cambs-hwb-district-officer", "hwb-district-officer", "nonVoting", None),
        ("cambs-hwb-vcs-rep", "vcs-rep", "votingNotStated", "Voluntary and Community Sector"),
    }


def test_members_of_body__hce(ws, cells):
    # appendix Democratic requirements bullet 1: CCC and PCC sit on the HCE through non-voting senior officers.
    table = run(ws, "members-of-body", body="Health and Care Executive")
    assert set(cells(ws, table, "member", "voting", "represents")) == {
        ("ccc-hce-rep", "nonVoting", CCC), ("pcc-hce-rep", "nonVoting", PCC)}


def test_non_voting_participants(ws, cells):
    table = run(ws, "non-voting-participants")
    assert set(cells(ws, table, "on_body", "participant", "represents")) == {
        ("cambs-hwb", "hwb-district-officer", None),
        ("hce", "ccc-hce-rep", CCC), ("hce", "pcc-hce-rep", PCC)}


def test_who_decides(ws, cells):
    # appendix Democratic requirements bullets 1-2: council policy and financial decisions go through
    # each council's own constitutional decision making; no other body holds them.
    table = run(ws, "who-decides", matter="local authority financial decision", organisation="CCC")
    assert cells(ws, table, "right", "kind", "holder", "about", "for_organisation", "through") == [
        ("right-ccc-policy-and-finance", "decision right", "ccc", "financial-decision", CCC,
         "Cambridgeshire County Council constitutional decision making")]


def test_who_decides__narrower_matter_is_covered(ws, cells):
    # A right over financial decisions covers the narrower matter of sharing the STP's opening risk.
    table = run(ws, "who-decides", matter="stp-opening-financial-risk")
    assert {h for (h,) in cells(ws, table, "holder")} == set(COUNCILS)
    assert {a for (a,) in cells(ws, table, "about")} == {"financial-decision"}


def test_who_decides__sign_off(ws, cells):
    # paper 3.1(3), 3.4, 4.2: each district agrees the appendix itself; the Board signs only for itself.
    table = run(ws, "who-decides", matter="document-sign-off")
    assert {(h, t) for h, t in cells(ws, table, "holder", "through")} == {
        ("cambridge-city-council", "Cambridge City Council democratic process"),
        ("east-cambridgeshire-district-council", "East Cambridgeshire District Council democratic process"),
        ("fenland-district-council", "Fenland District Council democratic process"),
        ("huntingdonshire-district-council", "Huntingdonshire District Council democratic process"),
        ("south-cambridgeshire-district-council", "South Cambridgeshire District Council democratic process"),
        ("cambs-hwb", "Cambridgeshire Health and Wellbeing Board")}


def test_reserved_powers(ws, cells):
    # appendix Democratic requirements bullet 3: every council keeps the right to change its priorities.
    table = run(ws, "reserved-powers")
    assert {(h, a) for h, a in cells(ws, table, "held_by", "about")} == {(c, "changing a council's priorities") for c in COUNCILS}
    assert cells(ws, run(ws, "reserved-powers", organisation="PCC"), "power", "through") == [
        ("reserved-pcc-priorities", "Peterborough City Council constitutional decision making")]


def test_signing_authorities(ws, cells):
    # paper 3.1(2), 3.2 (the Chief Executive for CCC and PCC); paper 3.4, 4.2 (the Chair for the Board only).
    table = run(ws, "signing-authorities")
    assert set(cells(ws, table, "authority", "held_by", "may_sign_for", "excludes", "status")) == {
        ("authority-chief-executive", "joint-chief-executive", f"{CCC}; {PCC}", None, "completed"),
        ("authority-chair-for-board", "hwb-chair", "Cambridgeshire Health and Wellbeing Board", EXCLUDED, "proposed")}


def test_signing_authorities__as_of(ws, cells):
    # The Chair's authority starts at the Board's meeting of 19 January 2017 (paper 3.1(3), 3.4, 4.2).
    before = run(ws, "signing-authorities", as_of="2016-12-01")
    assert cells(ws, before, "authority", "as_of") == [("authority-chief-executive", "yes")]
    during = run(ws, "signing-authorities", as_of="2017-01-19")
    assert set(cells(ws, during, "authority", "as_of")) == {
        ("authority-chief-executive", "yes"), ("authority-chair-for-board", "yes")}
    after = run(ws, "signing-authorities", as_of="2017-03-01")
    assert {a for a, v in cells(ws, after, "authority", "as_of") if v == "yes"} == {
        "authority-chief-executive", "authority-chair-for-board"}


def test_signatures(ws, cells):
    # appendix signature block (Guia Beasley, 12/1/17, for CCC and PCC); paper 3.4 and 4.2 (the Chair's
    # proposed signature with its note); paper 3.4 third phase (the later signature of the revision).
    table = run(ws, "signatures")
    assert set(cells(ws, table, "signature", "signed_by", "as_post", "on_behalf_of", "not_for", "date", "status")) == {
        ("signature-2017-01-12", "guia-beasley", "joint-chief-executive", f"{CCC}; {PCC}", None, "2017-01-12", "completed"),
        ("signature-chair-2017-01", None, "hwb-chair", "Cambridgeshire Health and Wellbeing Board", EXCLUDED, "January 2017, once the Board has agreed", "proposed"),
        ("signature-chair-revised", None, "hwb-chair", "Cambridgeshire Health and Wellbeing Board", None, "2017 (date TBC)", "planned")}
    note = dict(cells(ws, table, "signature", "note"))["signature-chair-2017-01"]
    assert "cannot yet sign for the District and City Councils" in note


def test_signatures__as_of(ws, cells):
    on_the_day = run(ws, "signatures", as_of="2017-01-12")
    assert set(cells(ws, on_the_day, "signature", "as_of")) == {
        ("signature-2017-01-12", "yes"), ("signature-chair-revised", "not known on that date")}
    # The Chair's signature can only follow the Board's agreement on 19 January (paper 3.1(3), 4.2).
    late_january = run(ws, "signatures", as_of="2017-01-25")
    assert ("signature-chair-2017-01", "not known on that date") in set(cells(ws, late_january, "signature", "as_of"))
    assert run(ws, "signatures", as_of="2016-12-31").rows == []


def test_duties(ws, cells):
    # appendix Democratic requirements bullets 4 and 5; paper 3.6 (the Board's duty to lead integration).
    assert len(run(ws, "duties").rows) == 12
    table = run(ws, "duties", organisation="CCC")
    assert set(cells(ws, table, "duty", "legal_basis")) == {
        ("duty-balanced-budget", "Local Government Finance Act 1992"),
        ("duty-health-scrutiny", "National Health Service Act 2006"),
        ("duty-social-care", "Care Act 2014")}
    hwb = run(ws, "duties", organisation="cambs-hwb")
    assert cells(ws, hwb, "duty", "legal_basis") == [("duty-hwb-integration", "Health and Social Care Act 2012")]


def test_constraints(ws, cells):
    # appendix Democratic requirements bullet 4: no council can share the opening financial risk
    # (balanced budget duty); the districts are bound as the wider LA HWB membership.
    table = run(ws, "constraints", organisation="South Cambridgeshire")
    assert cells(ws, table, "constraint", "rules_out", "because_of", "legal_basis") == [
        ("no-sharing-opening-financial-risk", "sharing the opening financial risk of the STP",
         "Duty to set a balanced budget", "Local Government Finance Act 1992")]
    # the documents name no NHS partner individually (issue 13 item 6): the NHS partners' own limit
    nhs = run(ws, "constraints", organisation="NHS partners")
    assert {c for (c,) in cells(ws, nhs, "constraint")} == {"nhs-not-bearing-social-care-risk"}
    assert {c for (c,) in cells(ws, run(ws, "constraints"), "constraint")} == {
        "no-sharing-opening-financial-risk", "nhs-not-bearing-social-care-risk", "scrutiny-independence",
        "councillor-advocacy-protected"}


def test_commitments_binding(ws, cells):
    # appendix Key Behaviours paragraphs 3-4: the HCE is bound by the briefing behaviour and the six system behaviours.
    table = run(ws, "commitments-binding", party="HCE")
    assert {c for (c,) in cells(ws, table, "commitment")} == {
        "behaviour-3", "behaviour-4", *{f"system-behaviour-{i}" for i in range(1, 7)}}
    everything = run(ws, "commitments-binding")
    kinds = [k for (k,) in cells(ws, everything, "kind")]
    assert (kinds.count("behaviour"), kinds.count("principle"), kinds.count("undertaking")) == (10, 8, 13)


def test_actions(ws, cells):
    # paper 3.1 (the four November actions), 3.2 (1 and 2 done), 3.3 (3 not delivered, two reasons).
    table = run(ws, "actions")
    assert cells(ws, table, "action", "number", "status") == [
        ("action-enabling-clause", "1", "completed"), ("action-chief-executive-signs", "2", "completed"),
        ("action-district-democratic-approval", "3", "notDelivered"), ("action-vcs-feedback", "4", "notReported")]
    reasons = dict(cells(ws, table, "action", "reasons"))["action-district-democratic-approval"]
    assert "Christmas" in reasons and "unclear" in reasons


def test_process_phases(ws, cells):
    # paper 3.4: January 2017, early 2017, and a 2017 meeting with the date to be confirmed.
    table = run(ws, "process-phases", as_of="2017-02-01")
    assert cells(ws, table, "phase", "number", "date", "as_of") == [
        ("phase-1-chair-signs", "1", "2017-01", "yes"),
        ("phase-2-revise-and-approve", "2", "early 2017", "not known on that date"),
        ("phase-3-board-sign-off", "3", "2017 (date TBC)", "not known on that date")]
    before = run(ws, "process-phases", as_of="2016-12-01")
    assert [v for (v,) in cells(ws, before, "as_of")] == ["not yet"] * 3


def test_document_versions(ws, cells):
    # paper 2.1, 3.2, 3.4: the November version, the amended Annex A, and the planned revision.
    table = run(ws, "document-versions", work="LA Appendix")
    assert set(cells(ws, table, "document", "version_of", "revises", "status")) == {
        ("la-appendix", None, None, None),
        ("appendix-nov-2016", "la-appendix", None, None),
        ("appendix", "la-appendix", "appendix-nov-2016", None),
        ("appendix-revised", "la-appendix", "appendix", "planned")}
    assert len(run(ws, "document-versions").rows) == 17


def test_bodies_of_organisation(ws, cells):
    # appendix Democratic requirements bullets 1-2.
    table = run(ws, "bodies-of-organisation")
    assert set(cells(ws, table, "body", "through", "voting")) == {
        ("cambs-hwb", "ccc", "votingNotStated"), ("hce", "ccc-hce-rep", "nonVoting")}
    fenland = run(ws, "bodies-of-organisation", organisation="Fenland")
    assert set(cells(ws, fenland, "body", "through", "voting")) == {
        ("cambs-hwb", "fenland-district-council", "votingNotStated")}


def test_where_post_sits(ws, cells):
    # appendix signature block: Guia Beasley holds the joint Chief Executive post of both councils.
    table = run(ws, "where-post-sits", who="Guia Beasley")
    assert cells(ws, table, "post", "post_in", "held_by", "seat_on") == [
        ("joint-chief-executive", f"{CCC}; {PCC}", "guia-beasley", None)]
    officer = run(ws, "where-post-sits", who="District Officer")
    assert cells(ws, officer, "post", "seat_on", "voting") == [("hwb-district-officer", "cambs-hwb", "nonVoting")]


def test_approvals(ws, cells):
    # paper 3.3 (district approvals not delivered by 19 January 2017), 3.4 (planned in phase 2),
    # appendix Introduction bullet 1 (NHS England and NHS Improvement approved the STP plan).
    assert {(a, s) for a, s in cells(ws, run(ws, "approvals", document="STP Plan"), "approved_by", "status")} == {
        ("nhs-england", "completed"), ("nhs-improvement", "completed")}
    revised = run(ws, "approvals", document="appendix-revised")
    assert {(a, s) for a, s in cells(ws, revised, "approved_by", "status")} == {(d, "planned") for d in DISTRICTS}
    first = run(ws, "approvals", document="appendix")
    assert {(a, s) for a, s in cells(ws, first, "approved_by", "status")} == {(d, "notDelivered") for d in DISTRICTS}


def test_decisions(ws, cells):
    table = run(ws, "decisions", body="HWB Board")
    assert cells(ws, table, "decision", "at_meeting", "status") == [
        ("decision-2016-11-actions", "hwb-meeting-2016-11", "completed"),
        ("decision-2017-01-phased-sign-off", "hwb-meeting-2017-01-19", "proposed")]


def test_proposals(ws, cells):
    # paper 4.1 and 4.2 (recommendations), 3.6 (the alternative and its drawback).
    table = run(ws, "proposals")
    assert set(cells(ws, table, "proposal", "kind", "put_to", "status")) == {
        ("recommendation-4-1", "recommendation", "cambs-hwb", "proposed"),
        ("recommendation-4-2", "recommendation", "cambs-hwb", "proposed"),
        ("option-wait-for-districts", "option", "cambs-hwb", "proposed")}
    reasons = dict(cells(ws, table, "proposal", "reasons"))["option-wait-for-districts"]
    assert "six months" in reasons


def test_sources_of(ws, cells):
    table = run(ws, "sources-of", record="HCE")
    assert {s for (s,) in cells(ws, table, "source")} == {
        "appendix Democratic requirements bullet 1", "appendix Key Behaviours paragraph 3",
        "appendix Key Behaviours paragraph 4", "appendix Key Principles bullet 3"}


# Questions about schemes of delegation, which the seed arrangement does not have: they run on
# the invented scheme in fixtures/delegation instead.
ON_SCHEME = {"delegation-chain": {"holder": "leader"}, "terms-of-reference": {"body": "hwb"}, "substitutes": {"body": "hwb"}}


@pytest.mark.parametrize("qid", sorted(load_library()))
def test_every_question_runs_with_its_defaults(ws, qid):
    if qid in ON_SCHEME:
        from pathlib import Path

        from govgraph.graph_builder import load_arrangement
        from govgraph.queries.questions import Workspace
        scheme = Workspace(load_arrangement([Path(__file__).parent / "fixtures" / "delegation"]))
        assert run(scheme, qid, **ON_SCHEME[qid]).rows, f"{qid} finds nothing on the scheme fixture"
        return
    params = {"record": "hce"} if qid == "sources-of" else {}
    table = run(ws, qid, **params)
    assert table.rows, f"{qid} finds nothing on the built-in dataset"


def _scheme_rows(question: str, param: str) -> list[dict[str, str]]:
    """The question on the invented scheme of delegation (the seed has none); fuller tests are in
    test_delegation_questions.py."""
    import json
    from pathlib import Path

    from govgraph.cli.app import app
    from typer.testing import CliRunner
    scheme = str(Path(__file__).parent / "fixtures" / "delegation")
    result = CliRunner().invoke(app, ["query", "run", question, scheme, "-p", param, "-f", "json"])
    assert result.exit_code == 0, result.output
    return [{k: v.get("label", v["value"]) for k, v in b.items()} for b in json.loads(result.stdout)["results"]["bindings"]]


def test_delegation_chain(ws):
    # The seed's Health and Care Executive delegates nothing; the scheme's Leader four links deep.
    assert run(ws, "delegation-chain", holder="hce").rows == []
    assert len(_scheme_rows("delegation-chain", "holder=leader")) == 4


def test_terms_of_reference(ws):
    assert run(ws, "terms-of-reference", body="cambs-hwb").rows == []  # the seed states none
    [terms] = _scheme_rows("terms-of-reference", "body=hwb")
    assert (terms["chair"], terms["voting_rule"]) == ("Chair of the Health and Wellbeing Board", "simple majority")


def test_substitutes(ws):
    assert run(ws, "substitutes", body="cambs-hwb").rows == []
    assert [r["substitute"] for r in _scheme_rows("substitutes", "body=hwb")] == ["Alex Example"]
