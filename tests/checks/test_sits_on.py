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
             "queries/explain-seats.rq", "queries/library/bodies-of-organisation.rq", "visuals/views.py"]
    for name in users:
        text = (root / name).read_text(encoding="utf-8")
        assert "gg:sitsOn" in text and "^gg:holder/gg:post" not in text, name
    assert "gg:sitsOn" not in expand("SELECT * WHERE { ?x gg:sitsOn ?m }")
    assert sits_on_path() in expand("SELECT * WHERE { ?x gg:sitsOn ?m }")
    # a string or comment that mentions it is left alone
    assert expand('SELECT ("gg:sitsOn" AS ?s) WHERE {} # gg:sitsOn') == 'SELECT ("gg:sitsOn" AS ?s) WHERE {} # gg:sitsOn'


def test_where_i_sit_shows_the_seats_the_rules_and_questions_count():
    """For every organisation, post and person of the built-in arrangement, the membership links of
    `map --where-i-sit` are exactly its seats by gg:sitsOn as `govgraph sparql` (and so the rules,
    `can` and `explain`) reads it, and for an organisation the bodies `bodies-of-organisation` names.
    (A board's own posts sit on the board: that does not seat the board on itself.)"""
    import csv
    import io

    from govgraph.graph_builder import load_arrangement
    from govgraph.visuals.views import MEMBERSHIP_KINDS, ViewError, select_view

    built = load_arrangement([BUILTIN])
    runner = CliRunner()

    def sparql(query: str) -> list[dict[str, str]]:
        done = runner.invoke(app, ["sparql", query, "--format", "csv", "--iris"])
        assert done.exit_code == 0, done.output
        return list(csv.DictReader(io.StringIO(done.stdout)))

    seats = sparql("SELECT DISTINCT ?party ?membership ?body WHERE { ?party gg:sitsOn ?membership . "
                   "?membership org:organization ?body . FILTER(?party != ?body) }")
    parties = sparql("SELECT DISTINCT ?party ?section WHERE { { ?party a org:Organization BIND('org' AS ?section) } "
                     "UNION { ?party a org:Post } UNION { ?party a prov:Person } }")
    compared = 0
    for row in parties:
        party = row["party"]
        wanted = {(s["membership"], s["body"]) for s in seats if s["party"] == party}
        try:
            view = select_view(built, sit_name=party[len(built.base):]).network
        except ViewError:  # on no link of the map at all: then it sits nowhere
            assert not wanted, party
            continue
        shown = {(data["via"], body) for _, body, data in view.edges(data=True) if data["kind"] in MEMBERSHIP_KINDS}
        assert shown == wanted, party
        if row["section"] == "org":
            done = runner.invoke(app, ["query", "run", "bodies-of-organisation", "-p", f"organisation={party[len(built.base):]}",
                                       "--format", "csv", "--iris"])
            assert done.exit_code == 0, done.output
            bodies = {r["body"] for r in csv.DictReader(io.StringIO(done.stdout))} if "No results" not in done.stdout else set()
            assert bodies == {body for _, body in wanted}, party
        compared += bool(wanted)
    assert compared >= 10


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
