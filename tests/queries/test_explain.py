"""`govgraph explain`: every organisation's and board's profile mentions every membership it has."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from govgraph.graph_builder import load_arrangement
from govgraph.queries.explain import explain, render

RECORDS = load_arrangement().arrangement.records
ORGANISATIONS = sorted(r.id for r in RECORDS.values() if r.section == "organisations")


def _groups_of(org: str) -> set[str]:
    return {r.id for r in RECORDS.values() if org in r.values.get("includes", [])}


def _memberships(org: str) -> set[str]:
    """Worked out from the source records, independently of the queries under test."""
    mine = {org} | _groups_of(org)
    found = set()
    for rec in RECORDS.values():
        if rec.section != "memberships":
            continue
        member = RECORDS[rec.values["member"]]
        via_post = set(member.values.get("post-in", [])) | set(member.values.get("represents", []))
        if rec.values["body"] == org or rec.values["member"] in mine or via_post & mine \
                or set(rec.values.get("represents", [])) & mine:
            found.add(rec.id)
    return found


def test_the_dataset_has_memberships_to_explain():
    assert sum(bool(_memberships(o)) for o in ORGANISATIONS) >= 10


@pytest.mark.parametrize("org", ORGANISATIONS)
def test_explain_mentions_every_membership(ws, org):
    profile = explain(ws, org)
    mentioned = {ln.record[len(ws.base):] for lines in profile.sections.values() for ln in lines}
    assert _memberships(org) <= mentioned
    for lines in profile.sections.values():
        for line in lines:
            if line.record[len(ws.base):] in _memberships(org):
                assert line.sources, f"{line.text} has no source"


def test_a_board_profile_in_words(ws):
    text = render(explain(ws, "HCE"))
    assert "Kind: executive group." in text
    assert "CCC senior officer representative on the Health and Care Executive sits on it, without a vote, " \
           "for Cambridgeshire County Council." in text
    assert "source: appendix Democratic requirements bullet 1" in text


def test_a_district_profile(ws):
    profile = explain(ws, "South Cambridgeshire")
    seats = [ln.text for ln in profile.sections["Where it sits"]]
    # (not through the District Officer: paper 3.5 does not say whom the officer represents)
    assert "Sits on Cambridgeshire Health and Wellbeing Board, with a voting right the sources do not state." in seats
    powers = " ".join(ln.text for ln in profile.sections["What it may decide and sign"])
    assert "Expressly excluded from a signing authority" in powers
    binds = " ".join(ln.text for ln in profile.sections["What binds it"])
    assert "May not: Councils cannot commit to sharing the STP's opening financial risk" in binds


def test_a_person_and_a_post(ws):
    person = explain(ws, "Guia Beasley")
    assert any("Holds the post of Chief Executive" in ln.text for ln in person.sections["Where it sits"])
    chair = render(explain(ws, "hwb-chair"), "md")
    assert chair.startswith("# Chairman of the Cambridgeshire Health and Wellbeing Board")
    assert "May sign: The Chair may sign the appendix for the Board" in chair


def test_as_of_marks_what_does_not_hold(ws):
    profile = explain(ws, "hwb-chair", dt.date(2016, 12, 1))
    powers = [ln.text for ln in profile.sections["What it may decide and sign"]]
    assert any(t.startswith("May sign:") and t.endswith("(not on that date)") for t in powers)


def test_json_lists_records_and_sources(ws):
    data = json.loads(render(explain(ws, "ccc"), "json"))
    assert data["iri"] == ws.base + "ccc"
    lines = [ln for lines in data["sections"].values() for ln in lines]
    assert all(set(ln) == {"text", "record", "sources"} for ln in lines)
