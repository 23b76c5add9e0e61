"""The commands: list, run, sparql, can, explain; formats, --iris, empty results, errors and exit codes."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from govgraph.cli.app import app
from govgraph.queries.library import load_library
from typer.testing import CliRunner

MINI = str(Path(__file__).parent / "fixtures" / "mini.yaml")


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def test_query_list_shows_every_question():
    result = run("query", "list")
    assert result.exit_code == 0
    for qid, question in load_library().items():
        assert qid in result.stdout and question.question in result.stdout
    assert "body (name, default cambs-hwb)" in result.stdout
    listed = json.loads(run("query", "list", "--format", "json").stdout)
    assert [q["id"] for q in listed] == list(load_library())


def test_query_run_table_uses_labels_and_iris_on_request():
    table = run("query", "run", "members-of-body", "-p", "body=HCE")
    assert table.exit_code == 0
    assert "CCC senior officer representative on the Health and Care Executive" in table.stdout
    assert "non-voting" in table.stdout and "(2 rows)" in table.stdout
    assert "https://" not in table.stdout
    iris = run("query", "run", "members-of-body", "-p", "body=HCE", "--iris")
    assert "https://w3id.org/govgraph/data/cp-stp-mou/ccc-hce-rep" in iris.stdout


def test_json_is_sparql_results_with_labels():
    data = json.loads(run("query", "run", "members-of-body", "-p", "body=hce", "-f", "json").stdout)
    assert data["head"]["vars"] == ["membership", "member", "voting", "represents", "sources"]
    voting = {b["voting"]["label"] for b in data["results"]["bindings"]}
    assert voting == {"non-voting"}
    assert data["results"]["bindings"][0]["member"]["type"] == "uri"


def test_csv_and_markdown():
    rows = list(csv.DictReader(io.StringIO(run("query", "run", "duties", "-p", "organisation=PCC", "-f", "csv").stdout)))
    assert {r["duty"] for r in rows} == {"Duty to set a balanced budget", "Duty to scrutinise proposed NHS service changes",
                                          "Statutory social care requirements"}
    md = run("query", "run", "decisions", "-f", "md").stdout
    assert md.startswith("| decision | decided_by |") and "|---|" in md


def test_as_of_adds_a_column():
    result = run("query", "run", "signatures", "--as-of", "2017-01-25", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["as_of"] for r in rows} == {"yes", "not known on that date"}


def test_empty_results_say_so_in_words():
    result = run("query", "run", "members-of-body", "-p", "body=ccc")
    assert result.exit_code == 0
    assert "No results: nothing in the graph matches this question." in result.stdout


@pytest.mark.parametrize("args, message", [
    (["query", "run", "no-such-question"], "no question 'no-such-question'"),
    (["query", "run", "members-of-body", "-p", "body=Health Executive"], "Health and Care Executive (hce)"),
    (["query", "run", "members-of-body", "-p", "colour=red"], "has no parameter colour"),
    (["query", "run", "members-of-body", "-p", "body"], "must be NAME=VALUE"),
    (["query", "run", "sources-of"], "needs --param record"),
    (["query", "run", "members-of-body", "--as-of", "19/1/2017"], "--as-of must be a day written YYYY-MM-DD"),
    (["query", "run", "members-of-body", "-f", "xml"], "--format must be one of"),
    (["sparql", "SELECT ?x WHERE { ?x ?y }"], "line 1"),
    (["can", "Nobody", "housing"], "no record is called 'Nobody'"),
    (["explain", "stp MOU Board"], "no record is called"),
])
def test_usage_errors_exit_2(args, message):
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert message in result.output


def test_sparql_from_text_file_and_stdin(tmp_path):
    query = "SELECT ?d WHERE { ?d gg:dutyHolder data:river-council }"
    assert "duty to balance the budget" in run("sparql", query, MINI).stdout
    path = tmp_path / "q.rq"
    path.write_text(query)
    assert "duty to balance the budget" in run("sparql", str(path), MINI).stdout
    piped = CliRunner().invoke(app, ["sparql", "-", MINI], input=query)
    assert "duty to balance the budget" in piped.stdout


def test_sparql_ask_and_construct():
    assert run("sparql", "ASK { data:hce a gg:ExecutiveGroup }").stdout == "yes\n"
    result = run("sparql", "CONSTRUCT { ?m org:member ?x } WHERE { ?m org:organization data:hce ; org:member ?x }", "-f", "csv")
    assert result.stdout.splitlines()[0] == "subject,predicate,object"
    assert len(result.stdout.splitlines()) == 3


def test_can_and_explain_commands():
    result = run("can", "Health and Care Executive", "local authority financial decision", "--for", "CCC")
    assert result.exit_code == 0
    assert "Answer: no" in result.stdout and "source: appendix Democratic requirements bullet 1" in result.stdout
    data = json.loads(run("can", "hwb-chair", "appendix", "--for", "Fenland", "--as-of", "2017-01-19", "-f", "json").stdout)
    assert data["answer"] == "no" and data["as_of"] == "2017-01-19"
    assert all("text" in r and "sources" in r for r in data["reasons"])
    profile = run("explain", "Peterborough City Council", "-f", "md")
    assert profile.exit_code == 0 and profile.stdout.startswith("# Peterborough City Council")


def test_commands_take_other_sources():
    result = run("query", "run", "who-decides", MINI, "-p", "matter=budget setting")
    assert "Riverside Council decides its own finances" in result.stdout
    assert "Riverside Council cabinet" in result.stdout


def test_list_says_which_parameters_are_required():
    listed = run("query", "list").stdout
    assert "parameters: record (name, required)" in listed.split("sources-of", 1)[1].split("\n\n")[0]
    assert "record (name, optional)" not in listed
