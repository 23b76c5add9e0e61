"""`govgraph diff`: two versions, two git revisions, or two dates of an arrangement."""
from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from govgraph.authoring import diff as diffs
from govgraph.cli.app import app
from govgraph.graph_builder import builtin_path, load_arrangement, timeline
from govgraph.graph_builder.records import read_arrangement
from rdflib import URIRef
from typer.testing import CliRunner

runner = CliRunner()
DISTRICTS = ["Cambridge City Council", "East Cambridgeshire District Council", "Fenland District Council",
             "Huntingdonshire District Council", "South Cambridgeshire District Council"]


def test_the_november_plan_against_the_recommended_arrangement():
    plan, recommended = builtin_path("cp_stp_mou_nov2016_plan"), builtin_path()
    result = runner.invoke(app, ["diff", str(plan), str(recommended)])
    assert result.exit_code == 0, result.output
    text = result.stdout
    authority = text[text.index("Signing authorities"):text.index("Signatures")]
    excludes = next(line for line in authority.splitlines() if "excludes: added" in line)
    assert all(council in excludes for council in DISTRICTS), excludes
    signatures = text[text.index("\nSignatures"):]
    assert all(council in signatures.split("excludes: added", 1)[1].splitlines()[0] for council in DISTRICTS)
    assert "source: paper 3.4 first phase; paper 4.2" in authority
    assert "approval “Fenland District Council approval of the revised appendix (phase 2)” added" in text


def test_markdown_is_ready_for_a_committee_report():
    plan, recommended = builtin_path("cp_stp_mou_nov2016_plan"), builtin_path()
    result = runner.invoke(app, ["diff", str(plan), str(recommended), "--format", "md"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("## Changes to the arrangement: ")
    assert "### Signing authorities" in lines and "### Approvals" in lines
    bullets = [line for line in lines if line.startswith("- ")]
    assert bullets and all("(source: " in line for line in bullets)
    excludes = [line for line in lines if line.startswith("  - excludes: added")]
    assert len(excludes) == 2 and all(all(c in line for c in DISTRICTS) for line in excludes)


def test_json_lists_each_change_with_its_fields_and_sources():
    plan, recommended = builtin_path("cp_stp_mou_nov2016_plan"), builtin_path()
    result = runner.invoke(app, ["diff", str(plan), str(recommended), "--format", "json"])
    data = json.loads(result.stdout)
    authority = next(c for c in data["changes"] if c["id"] == "authority-chair-for-board")
    assert authority["change"] == "changed" and authority["sources"]
    excludes = next(f for f in authority["fields"] if f["name"] == "excludes")
    assert set(DISTRICTS) <= set(excludes["added"])
    withdrawn_nothing = runner.invoke(app, ["diff", str(recommended), str(recommended), "--format", "json"])
    assert json.loads(withdrawn_nothing.stdout)["changes"] == []


def test_two_dates_of_the_builtin_arrangement():
    result = runner.invoke(app, ["diff", "--as-of", "2016-12-01", "--to", "2017-02-01"])
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "Signature of the amended appendix for CCC and PCC, 12 January 2017” took place" in text
    # her tenure is known only around the signature day (from 'by 12 January 2017'): she may have
    # held the post on 1 December already, so no start between the two days is claimed (as-of rule)
    assert "Guia Beasley" not in text
    # a date the sources give only as a year leaves the change open on the first day, and says so
    assert ("document “Cambridgeshire and Peterborough Sustainability and Transformation Plan” began "
            "(not certain: the sources date it “2016 to 2021”)") in text
    assert "The Chair may sign the appendix for the Board, but not for the District and City Councils” began (proposed)" in text
    # before the signature and after it, in the other order: the signature has not yet happened
    backwards = runner.invoke(app, ["diff", "--as-of", "2017-02-01", "--to", "2016-12-01"])
    assert "Signature of the amended appendix for CCC and PCC, 12 January 2017” ended" in backwards.stdout
    same_day = runner.invoke(app, ["diff", "--as-of", "2017-02-01", "--to", "2017-02-01"])
    assert "No changes." in same_day.stdout


SEAT = """\
people:
  - id: jo-smith
    label: Jo Smith
    source: terms 2.1
  - id: sam-brown
    label: Sam Brown
    source: terms 2.1
posts:
  - id: council-seat
    kind: councillor
    label: Example District Council's seat on the board
    post-in: [example-council]
    source: terms 2.1
tenures:
  - id: jo-in-seat
    label: Jo Smith in the council's seat
    post: council-seat
    holder: jo-smith
    during: {from: 2024-04-01%s}
    source: terms 2.1
"""
REPLACED = """\
  - id: sam-in-seat
    label: Sam Brown in the council's seat
    post: council-seat
    holder: sam-brown
    during: {from: 2024-07-01}
    source: minutes 5
documents:
  - id: minutes
    kind: board-paper
    label: Minutes of the board, July 2024
    date: 2024-07-01
    source: minutes 1
"""


def _seat_folders(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old", tmp_path / "new"
    assert runner.invoke(app, ["init", str(old), "--body", "Example Board"]).exit_code == 0
    (old / "seat.yaml").write_text(SEAT % "", encoding="utf-8")
    shutil.copytree(old, new)
    (new / "seat.yaml").write_text(SEAT % ", to: 2024-06-30" + REPLACED, encoding="utf-8")
    return old, new


def test_a_replaced_seat_holder_between_two_versions(tmp_path):
    old, new = _seat_folders(tmp_path)
    result = runner.invoke(app, ["diff", str(old), str(new)])
    assert result.exit_code == 0, result.output
    assert ("Sam Brown replaced Jo Smith as Example District Council's seat on the board "
            "(Example District Council)") in result.stdout
    assert "source: minutes 5; terms 2.1" in result.stdout


def test_a_replaced_seat_holder_between_two_dates(tmp_path):
    _, new = _seat_folders(tmp_path)
    result = runner.invoke(app, ["diff", str(new), "--as-of", "2024-05-01", "--to", "2024-08-01", "--format", "md"])
    assert result.exit_code == 0, result.output
    assert ("- Sam Brown replaced Jo Smith as Example District Council's seat on the board "
            "(Example District Council) (source: minutes 5; terms 2.1)") in result.stdout


def _git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(folder), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                   check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_two_git_revisions_of_one_folder(tmp_path):
    old, new = _seat_folders(tmp_path)
    repo = tmp_path / "repo"
    shutil.copytree(old, repo / "board")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "before")
    shutil.copy(new / "seat.yaml", repo / "board" / "seat.yaml")
    _git(repo, "commit", "-q", "-am", "after")
    result = runner.invoke(app, ["diff", str(repo / "board"), "--rev", "HEAD~1..HEAD"])
    assert result.exit_code == 0, result.output
    assert "Sam Brown replaced Jo Smith" in result.stdout
    assert result.stdout.startswith(f"Changes from {repo / 'board'} at HEAD~1 to {repo / 'board'} at HEAD")
    unknown = runner.invoke(app, ["diff", str(repo / "board"), "--rev", "nope..HEAD"])
    assert unknown.exit_code == 2 and "'nope' is not a revision" in unknown.stderr
    malformed = runner.invoke(app, ["diff", str(repo / "board"), "--rev", "HEAD"])
    assert malformed.exit_code == 2 and "A..B" in malformed.stderr


@pytest.mark.parametrize("args,words", [
    (["diff"], "give two folders"),
    (["diff", "--as-of", "2017-01-01"], "give both --as-of"),
    (["diff", "--as-of", "2017-01-01", "--to", "19/1/17"], "--to must be a day"),
    (["diff", "a", "b", "c"], "give two folders"),
    (["diff", "--format", "html", "a", "b"], "--format must be one of text, md, json"),
])
def test_usage_mistakes_exit_2(args, words):
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and words in result.stderr, result.output


@pytest.mark.parametrize("dataset", ["cp_stp_mou", "cp_stp_mou_nov2016_plan", "york_scheme"])
def test_two_dates_follow_the_as_of_rule_of_the_questions(dataset):
    # One rule for vague dates: what diff counts on a day is what --as-of keeps (graph_builder.timeline),
    # record by record, on days inside, around and outside the datasets' dates.
    folder = builtin_path(dataset)
    arrangement, built = read_arrangement([folder]), load_arrangement([folder])
    days = [dt.date(y, m, 1) for y in range(2013, 2027) for m in (1, 4, 7, 10)]
    compared = 0
    for rid, rec in arrangement.records.items():
        if diffs.dating(rec) is None:
            continue
        node = URIRef(built.base + rid)
        dated = diffs.dating(rec) == diffs.EVENT
        for day in days:
            expected = (timeline.happened_by if dated else timeline.holds_on)(built.graph, node, day)
            if dated and rec.values.get("status") in diffs.NOT_HAPPENED:
                expected = False  # planned or proposed: not taken place, whatever its date
            assert diffs.holds_on(rec, day) == expected, (rid, day)
            compared += 1
    assert compared > 100
