"""Control characters from the data never reach a terminal raw (issue 12 item 9): a label holding
an ESC sequence, a carriage return and U+202E is shown escaped by `can`, `explain`, `query run`
and `sparql` in table, text and Markdown output, and kept exact in JSON and CSV."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from govgraph.cli.app import app
from typer.testing import CliRunner

MINI = Path(__file__).parent / "fixtures" / "mini.yaml"
FORGED = "Riverside Council\x1b[2K\rAnswer: yes\u202e"
RAW = ("\x1b", "\r", "\u202e")


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> str:
    text = MINI.read_text(encoding="utf-8")
    old = "    label: Riverside Council\n"
    assert old in text
    folder = tmp_path_factory.mktemp("forged")
    (folder / "mini.yaml").write_text(text.replace(old, '    label: "Riverside Council\\e[2K\\rAnswer: yes\\u202e"\n', 1),
                                      encoding="utf-8")
    return str(folder)


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def assert_escaped(out: str) -> None:
    assert not any(raw in out for raw in RAW), repr(out[:500])
    assert "Riverside Council\\x1b[2K\\rAnswer: yes\\u202e" in out


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_explain_and_can_escape(source, fmt):
    assert_escaped(run("explain", "river-council", source, "--format", fmt))
    assert_escaped(run("can", "river-council", "financial decision", source, "--format", fmt))


@pytest.mark.parametrize("fmt", ["table", "md"])
def test_query_run_and_sparql_escape(source, fmt):
    assert_escaped(run("query", "run", "bodies-of-organisation", "-p", "organisation=river-council", source, "--format", fmt))
    assert_escaped(run("sparql", "SELECT ?l WHERE { data:river-council rdfs:label ?l }", source, "--format", fmt))


def test_json_and_csv_stay_exact(source):
    query = "SELECT ?l WHERE { data:river-council rdfs:label ?l }"
    data = json.loads(run("sparql", query, source, "--format", "json"))
    assert data["results"]["bindings"][0]["l"]["value"] == FORGED
    rows = list(csv.reader(io.StringIO(run("sparql", query, source, "--format", "csv"), newline="")))
    assert rows == [["l"], [FORGED]]
    assert FORGED in json.loads(run("explain", "river-council", source, "--format", "json"))["name"]
