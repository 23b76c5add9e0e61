"""One definition of "sits on" (queries/sits-on.rq, written gg:sitsOn): the rules, the named
questions, `can`, `explain` and the map agree on who sits on a body, and how."""
from __future__ import annotations

from pathlib import Path

from govgraph.cli.app import app
from govgraph.queries.engine import evaluate
from govgraph.queries.questions import Workspace
from govgraph.queries.seats import NO_STEP, expand, sits_on_path
from typer.testing import CliRunner

from .conftest import of_rule, run

BUILTIN = Path(__file__).resolve().parents[2] / "datasets" / "cp_stp_mou"
# A decision of the HCE with a vote cast by the County Council, which sits there only through its
# senior officer representative, without a vote (appendix, Democratic requirements bullet 1).
HCE_VOTE = """dataset:
  extends: {builtin}
decisions:
  - id: hce-decision
    label: A decision of the Health and Care Executive
    by: hce
    status: completed
    source: appendix Democratic requirements bullet 1
votes:
  - id: ccc-vote-on-hce
    label: The County Council's vote on the HCE
    by: ccc
    "on": hce-decision
    source: appendix Democratic requirements bullet 1
"""


def _hce_vote(tmp_path: Path) -> Path:
    folder = tmp_path / "hce-vote"
    folder.mkdir()
    (folder / "dataset.yaml").write_text(HCE_VOTE.format(builtin=BUILTIN), encoding="utf-8")
    return folder


def test_a_vote_by_ccc_on_the_hce_is_a_vote_by_a_non_voting_member(tmp_path):
    report = run(_hce_vote(tmp_path), "rules")
    assert of_rule(report, "vote-by-non-member") == []
    [finding] = of_rule(report, "vote-by-non-voting-member")
    assert [e.label for e in finding.entities][:3] == [
        "The County Council's vote on the HCE", "Cambridgeshire County Council", "A decision of the Health and Care Executive"]
    assert "CCC senior officer representative on the HCE (non-voting)" in finding.message


def test_can_explain_and_bodies_of_organisation_say_the_same_seat():
    runner = CliRunner()
    explain = runner.invoke(app, ["explain", "ccc"]).stdout
    assert "Sits on Health and Care Executive through CCC senior officer representative" in explain
    can = runner.invoke(app, ["can", "hce", "local authority financial decision", "--for", "ccc"]).stdout
    assert "Cambridgeshire County Council sits on Health and Care Executive through CCC senior officer" in can
    bodies = runner.invoke(app, ["query", "run", "bodies-of-organisation", "-p", "organisation=ccc", "-f", "csv"]).stdout
    assert "Health and Care Executive,CCC senior officer representative on the Health and Care Executive,non-voting" in bodies


def test_the_board_map_shows_every_party_that_sits_on_it(tmp_path):
    from govgraph.graph_builder import load_arrangement
    from govgraph.visuals.views import select_view
    built = load_arrangement([BUILTIN])
    view = select_view(built, board_name="hce")
    shown = {data["label"] for _, data in view.network.nodes(data=True)}
    assert {"Cambridgeshire County Council", "Peterborough City Council",
            "CCC senior officer representative on the Health and Care Executive"} <= shown


def test_one_definition_used_everywhere():
    root = Path(__file__).resolve().parents[2]
    users = ["checks/rules/vote-by-non-member.rq", "checks/rules/vote-by-non-voting-member.rq",
             "checks/rules/decision-right-of-non-voting-member.rq", "queries/can-seats.rq",
             "queries/explain-seats.rq", "queries/library/bodies-of-organisation.rq"]
    for name in users:
        text = (root / name).read_text(encoding="utf-8")
        assert "gg:sitsOn" in text and "^gg:holder/gg:post" not in text, name
    assert "gg:sitsOn" not in expand("SELECT * WHERE { ?x gg:sitsOn ?m }")
    assert sits_on_path() in expand("SELECT * WHERE { ?x gg:sitsOn ?m }")
    # a string or comment that mentions it is left alone
    assert expand('SELECT ("gg:sitsOn" AS ?s) WHERE {} # gg:sitsOn') == 'SELECT ("gg:sitsOn" AS ?s) WHERE {} # gg:sitsOn'


def test_from_a_known_party_the_path_is_a_sequence_and_matches_the_same_seats(builtin):
    # Written so that engines start from the known party (queries/seats.py, NO_STEP); the seats
    # found from each party must be exactly those the unbound query finds for it.
    assert expand("SELECT * WHERE { <http://e/x> gg:sitsOn ?m }") == (
        f"SELECT * WHERE {{ <http://e/x> ({NO_STEP}{sits_on_path()}) ?m }}")
    graph, prefixes = builtin.graph, Workspace(builtin).prefixes
    every = evaluate(graph, "SELECT ?p ?m WHERE { ?p gg:sitsOn ?m }", prefixes=prefixes)
    parties = {p for p, _ in every.rows}
    assert len(parties) > 10
    for party in parties:
        known = evaluate(graph, "SELECT ?m WHERE { ?p gg:sitsOn ?m }", {"p": party}, prefixes)
        assert sorted(m for (m,) in known.rows) == sorted(m for p, m in every.rows if p == party), party
