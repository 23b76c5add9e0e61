"""Messages about dates and values say what is wrong in the user's terms (issue 13, item 7)."""
from __future__ import annotations

import re
from pathlib import Path

from govgraph.cli.app import app
from typer.testing import CliRunner

FIXTURES = Path(__file__).resolve().parents[1] / "queries" / "fixtures"
ONE_BODY = """dataset: {{id: msg, title: Messages, base: "https://example.org/msg/"}}
documents:
  - {{id: charter, kind: agreement, label: Charter, source: charter 1, date: {date}}}
organisations:
  - {{id: board, kind: board, label: Board, source: charter 1}}
  - {{id: council, kind: county-council, label: Council, source: charter 1}}
memberships:
  - {{id: seat, label: Council on the Board, member: council, body: board, voting: {voting}, source: charter 1}}
"""


def _build(tmp_path: Path, date: str = "2017-01-12", voting: str = "voting"):  # type: ignore[no-untyped-def]
    source = tmp_path / "a.yaml"
    source.write_text(ONE_BODY.format(date=date, voting=voting), encoding="utf-8")
    return CliRunner().invoke(app, ["build", str(source), "--out", str(tmp_path / "out")])


def test_a_list_of_voting_rights_is_named_as_such(tmp_path):
    result = _build(tmp_path, voting="[voting, non-voting]")
    assert result.exit_code == 2 and "unhashable" not in result.stderr
    assert "voting takes one value, not a list ([voting, non-voting])" in result.stderr
    assert "a.yaml:8" in result.stderr and "Traceback" not in result.stderr


def test_an_impossible_slashed_date_is_called_impossible(tmp_path):
    result = _build(tmp_path, date="31/02/2017")
    assert result.exit_code == 2
    assert "31/02/2017 is not a date: there is no 31 February 2017" in result.stderr
    assert "ambiguous" not in result.stderr


def test_a_slashed_date_shows_its_readings(tmp_path):
    result = _build(tmp_path, date="12/1/17")
    assert result.exit_code == 2
    assert "12/1/17 is ambiguous: 12 January 2017 or 1 December 2017" in result.stderr
    assert "YYYY-MM-DD" in result.stderr


def test_as_of_an_impossible_day_says_there_is_no_such_day():
    result = CliRunner().invoke(app, ["query", "run", "members-of-body", "--as-of", "2017-02-30"])
    assert result.exit_code == 2
    assert "there is no 30 February 2017" in result.stderr
    assert "must be a day written YYYY-MM-DD" not in result.stderr


def test_vague_dates_are_shown_as_printed_in_the_map_and_by_can(tmp_path):
    """The dated fixture's vague tenure starts "during 2020": the map's link (table and details
    panel read the same data) and can say so, not a firm 2020-01-01 or 2020-12-31."""
    page = tmp_path / "m.html"
    fixture = str(FIXTURES / "dated.yaml")
    assert CliRunner().invoke(app, ["map", fixture, "--out", str(page)]).exit_code == 0
    # the link's JSON object has sorted keys: ... "end", ... "kind", ... "start", ... "via"
    [(end, start)] = re.findall(r'"end":"([^"]*)"[^{}]*?"kind":"holds"[^{}]*?"start":"([^"]*)"[^{}]*?"via":"tenure vague"',
                                page.read_text(encoding="utf-8"))
    assert (start, end) == ("during 2020", "2021-12-31")
    result = CliRunner().invoke(app, ["can", "holder-vague", "charter", "--for", "council-3", "--as-of", "2018-06-15", fixture])
    assert "2020-01-01" not in result.stdout and "2020-12-31" not in result.stdout
