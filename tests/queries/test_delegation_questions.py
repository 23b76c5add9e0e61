"""The named questions on schemes of delegation (delegation-chain, who-decides with an amount,
terms-of-reference, substitutes) and explain's new sections, run through the CLI on the invented
scheme in fixtures/delegation."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from govgraph.cli.app import app
from typer.testing import CliRunner

SCHEME = str(Path(__file__).parent / "fixtures" / "delegation")


def rows(question: str, *params: str) -> list[dict[str, str]]:
    args = ["query", "run", question, SCHEME, "-f", "json"]
    for p in params:
        args += ["-p", p]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    return [{k: v.get("label", v["value"]) for k, v in b.items()} for b in data["results"]["bindings"]]


def test_delegation_chain_follows_every_depth_from_the_holder():
    found = {(r["from"], r["to"], r["may_sub_delegate"]) for r in rows("delegation-chain", "holder=leader")}
    assert found == {("Leader of the Council", "Chief Executive", "yes"),
                     ("Leader of the Council", "Director of Resources", "not stated"),
                     ("Chief Executive", "Director of Resources", "no"),
                     ("Director of Resources", "Head of Procurement", "not stated")}
    ce = next(r for r in rows("delegation-chain", "holder=leader") if r["to"] == "Chief Executive")
    assert ce["conditions"] == "key decision threshold; value already approved by Cabinet"
    assert ce["sources"] == "constitution part 3 para 12"


def test_delegation_chain_from_a_delegate_shows_only_what_it_passes_on():
    assert {(r["from"], r["to"]) for r in rows("delegation-chain", "holder=chief-exec")} == {
        ("Chief Executive", "Director of Resources"), ("Director of Resources", "Head of Procurement")}


def test_delegation_chain_needs_a_holder():
    result = CliRunner().invoke(app, ["query", "run", "delegation-chain", SCHEME])
    assert result.exit_code == 2 and "holder" in result.stderr


@pytest.mark.parametrize("amount,holders", [
    (None, {"Leader of the Council", "Chief Executive", "Director of Resources", "Head of Procurement"}),
    ("£200k", {"Leader of the Council", "Chief Executive", "Director of Resources", "Head of Procurement"}),
    ("250001", {"Leader of the Council", "Chief Executive", "Director of Resources"}),  # only the urgency power
    ("£500k", {"Leader of the Council"}),  # the key decision threshold is exclusive
    ("£3m", {"Leader of the Council"}),
])
def test_who_decides_at_an_amount(amount, holders):
    params = ["matter=contract-award"] + ([f"amount={amount}"] if amount else [])
    assert {r["holder"] for r in rows("who-decides", *params)} == holders


def test_who_decides_names_the_limits_and_who_decides_above_them():
    director = [r for r in rows("who-decides", "matter=contract-award")
                if r["right"] == "Chief Executive's sub-delegation of procurement to the Director of Resources"]
    assert director[0]["limits"] == "Director's procurement limit 250000; key decision threshold 500000"
    assert director[0]["above_limit"] == "Cabinet; Chief Executive"
    assert director[0]["kind"] == "delegation"


def test_terms_of_reference():
    [terms] = rows("terms-of-reference", "body=hwb")
    assert terms["quorum"] == "0.3333 of the voting members"
    assert terms["chair"] == terms["casting_vote"] == "Chair of the Health and Wellbeing Board"
    assert terms["vice_chair"] == "district councillor seats on the Board"
    assert terms["voting_rule"] == "simple majority"
    assert terms["seats"] == ("district councillor seats on the Board (2, voting, nominated by Leaders Group, "
                              "appointed by Example County Council)")
    assert rows("terms-of-reference", "body=cabinet") == []


def test_substitutes_on_a_body_and_on_a_day():
    assert [(r["substitute"], r["stands_in_for"]) for r in rows("substitutes", "body=hwb")] == [
        ("Alex Example", "North District Council on the Board")]
    assert [r["substitute"] for r in rows("substitutes", "body=cabinet")] == ["Deputy Leader of the Council"]
    result = CliRunner().invoke(app, ["query", "run", "substitutes", SCHEME, "-p", "body=cabinet", "--as-of", "2024-05-01", "-f", "csv"])
    assert "Deputy Leader" not in result.stdout


def test_explain_shows_delegations_seats_and_terms_of_reference():
    body = CliRunner().invoke(app, ["explain", "hwb", SCHEME]).stdout
    assert "Terms of reference and seats:" in body
    assert "Quorum: 0.3333 of the voting members." in body
    assert "Seats: district councillor seats on the Board, 2, nominated by Leaders Group, appointed by Example County Council." in body
    post = CliRunner().invoke(app, ["explain", "chief-exec", SCHEME]).stdout
    assert ("Delegated to it by Leader of the Council: Leader's delegation of executive functions to the Chief "
            "Executive (subject to: key decision threshold; value already approved by Cabinet).") in post
    assert "Taken back: The Leader takes back debt write-offs." in post
    chair = CliRunner().invoke(app, ["explain", "hwb-chair", SCHEME]).stdout
    assert "Held ex officio by whoever holds Cabinet Member for Health, on the same dates." in chair
