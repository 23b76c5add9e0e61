"""The map draws delegations (with their conditions in the details panel), seats (count in the
label, nominating and appointing bodies), ex-officio posts, substitutes and terms of reference."""
from __future__ import annotations

from pathlib import Path

from govgraph.graph_builder import load_arrangement
from govgraph.visuals import select_view
from govgraph.visuals.mapdata import page_data

SCHEME = Path(__file__).parents[1] / "queries" / "fixtures" / "delegation"


def _data() -> dict:
    return page_data(select_view(load_arrangement([SCHEME])))


def test_delegations_are_drawn_with_their_conditions():
    data = _data()
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    delegations = [e for e in data["edges"] if e["kind"] == "delegates-to"]
    found = {(labels[e["from"]], labels[e["to"]]): e for e in delegations}
    ce = found[("Leader of the Council", "Chief Executive")]
    assert ce["via"] == "Leader's delegation of executive functions to the Chief Executive"
    assert ce["note"] == ("subject to: key decision threshold, value already approved by Cabinet; "
                          "may pass it on: allowed")
    assert ce["sources"] == ["constitution part 3 para 12"]
    assert ce["linkText"] == "delegates decisions to"


def test_seats_show_their_count_and_who_nominates_and_appoints():
    data = _data()
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    assert "district councillor seats on the Board (2)" in labels.values()
    kinds = {(labels[e["from"]], e["kind"]) for e in data["edges"] if e["kind"] in ("nominates-to", "appoints-to")}
    assert kinds == {("Leaders Group", "nominates-to"), ("Example County Council", "appoints-to")}


def test_terms_of_reference_substitutes_and_ex_officio_posts_are_linked():
    data = _data()
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    edges = {(labels[e["from"]], e["kind"], labels[e["to"]]): e for e in data["edges"]}
    terms = edges[("Terms of reference of the Example Health and Wellbeing Board", "terms-of", "Example Health and Wellbeing Board")]
    assert "quorum, share of voting members: 0.3333" in terms["note"] and "voting rule: simple majority" in terms["note"]
    assert ("Alex Example", "stands-in-for", "North District Council") in edges
    assert ("Chair of the Health and Wellbeing Board", "ex-officio", "Cabinet Member for Health") in edges
    headings = {g["start"] for g in data["panel"]}
    assert {"Delegates to", "Stands in for", "Terms of reference of"} <= headings
