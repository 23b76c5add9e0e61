"""`govgraph explain`: every organisation's and board's profile mentions every membership it has."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from govgraph.graph_builder import load_arrangement
from govgraph.graph_builder.rdf import GG
from govgraph.queries.explain import explain, render
from rdflib import RDF, URIRef

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
    acts = " ".join(ln.text for ln in profile.sections["Who acts for it or through it; signatures and approvals"])
    assert "Expressly excluded from a signing authority" in acts
    assert "What it may decide and sign" not in profile.sections or "Expressly" not in " ".join(
        ln.text for ln in profile.sections["What it may decide and sign"])
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


def test_may_decide_and_sign_lists_only_the_permissions_it_holds(ws):
    """Every line of the section is a decision right, reserved power or signing authority held by the
    record itself: not a signature, an approval, an exclusion or someone else's authority over it."""
    graph = ws.graph
    held = {GG.DecisionRight: GG.rightHolder, GG.ReservedPower: GG.rightHolder, GG.SigningAuthority: GG.authorityHolder}
    names = sorted({str(s) for p in (GG.rightHolder, GG.authorityHolder, GG.processOf, GG.approvedBy, GG.excludes,
                                     GG.throughBody, GG.onBehalfOf, GG.signatory) for s in graph.objects(None, p)})
    checked = 0
    for subject in names:
        lines = explain(ws, subject[len(ws.base):]).sections.get("What it may decide and sign", [])
        for line in lines:
            record = URIRef(line.record)
            kinds = set(graph.objects(record, RDF.type)) & set(held)
            assert kinds, f"{subject}: '{line.text}' is not a permission"
            assert any((record, held[k], URIRef(subject)) in graph for k in kinds), f"{subject}: '{line.text}' is not its own"
            assert line.text.startswith(("May decide:", "Keeps for itself", "May sign:")), line.text
            checked += 1
    assert checked >= 20


def test_as_of_says_a_signature_comes_later():
    """`explain --as-of D` marks signatures (and other dated records) dated after D as coming later,
    and those too vaguely dated to tell; on and after their day they stand without a note."""
    from govgraph.cli.app import app
    from typer.testing import CliRunner

    def signature_line(day: str) -> str:
        done = CliRunner().invoke(app, ["explain", "ccc", "--as-of", day])
        assert done.exit_code == 0, done.output
        return next(ln for ln in done.stdout.splitlines() if "Signature of the amended appendix for CCC and PCC" in ln)

    assert signature_line("2017-01-11").endswith("(completed). (comes later: dated 2017-01-12)")
    assert signature_line("2017-01-12").endswith("(completed).")
    board = CliRunner().invoke(app, ["explain", "Cambridgeshire Health and Wellbeing Board", "--as-of", "2017-01-15"]).stdout
    assert "(recommended, January 2017) (proposed). (comes later: dated January 2017, once the Board has agreed)" in board
    assert "(phase 3) (planned). (dated 2017 (date TBC): not known whether by that date)" in board


IDENTITY_ORDER = ("Kind:", "", "Official code:", "Also called:", "Set up by", "Part of", "Includes:", "Counted among", "Functions:")


def _identity_rank(text: str) -> int:
    return next((i for i, lead in enumerate(IDENTITY_ORDER) if lead and text.startswith(lead)), 1)  # 1: the description


@pytest.mark.parametrize("name", ["ccc", "district-and-city-councils"])
def test_json_reads_the_same_every_run_in_the_text_order(name):
    """`explain --format json` from two processes (each with its own hash seed) is the same, and in
    the text output's order: "What it is" kind, description, code, aliases, parents, members, groups,
    functions; every other section sorted by its lines; the items of each list sorted."""
    import os
    import subprocess
    import sys

    govgraph = [sys.executable, "-m", "govgraph", "explain", name]
    runs = {subprocess.run([*govgraph, "--format", "json"], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in (1, 2)}
    assert len(runs) == 1
    data = json.loads(runs.pop())
    text = subprocess.run(govgraph, capture_output=True, text=True, check=True).stdout
    shown = [ln.removeprefix("  - ") for ln in text.splitlines() if ln.startswith("  - ")]
    assert shown == [ln["text"] for lines in data["sections"].values() for ln in lines]
    for title, lines in data["sections"].items():
        texts = [ln["text"] for ln in lines]
        if title == "What it is":
            assert [_identity_rank(t) for t in texts] == sorted(_identity_rank(t) for t in texts), texts
        else:
            assert texts == sorted(texts), title
        for line in texts:
            for lead, separator in (("Also called: ", ", "), ("Includes: ", "; "), ("Functions: ", ", ")):
                if line.startswith(lead):
                    items = line.removeprefix(lead).removesuffix(".").split(separator)
                    assert items == sorted(items), line
