"""`govgraph map`: writes one file atomically, prints its path, exits 2 with a reason on bad input."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from govgraph.cli.app import app
from typer.testing import CliRunner

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)  # nothing may appear in the working directory but the map

    def runner(*args: str):
        return CliRunner().invoke(app, ["map", *args])
    return runner


def test_writes_the_map_and_prints_its_path(run, tmp_path: Path, small):
    result = run(str(FIXTURES / "small.yaml"), "--out", "out/small.html")
    assert result.exit_code == 0, result.output
    path = tmp_path / "out" / "small.html"
    assert result.stdout.strip() == str(path)
    net = small.network
    assert f"{net.number_of_nodes()} records, {net.number_of_edges()} links" in result.stderr
    html = path.read_text("utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in html
    assert sorted(os.listdir(tmp_path)) == ["out"] and os.listdir(tmp_path / "out") == ["small.html"]


def test_default_is_the_builtin_arrangement_in_govgraph_map_html(run, tmp_path: Path):
    result = run("--quiet")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(tmp_path / "govgraph-map.html")
    assert result.stderr == ""
    assert "Cambridgeshire" in (tmp_path / "govgraph-map.html").read_text("utf-8")


def test_title_focus_board_and_as_of(run, tmp_path: Path):
    small = str(FIXTURES / "small.yaml")
    result = run(small, "--focus", "SCC", "--depth", "1", "--as-of", "2020-07-01", "--title", "Where <we> sit", "-o", "f.html")
    assert result.exit_code == 0, result.output
    html = (tmp_path / "f.html").read_text("utf-8")
    assert "<title>Where &lt;we&gt; sit</title>" in html
    assert "as it stood on 2020-07-01" in html
    assert run(small, "--board", "Shire Wellbeing Board", "-o", "b.html").exit_code == 0


@pytest.mark.parametrize("args, message", [
    (["--as-of", "12/1/17"], "--as-of must be a day written YYYY-MM-DD"),
    (["--focus", "Nobody"], "no record is called 'Nobody'"),
    (["--board", "Alex Example"], "is not a board"),
    (["--focus", "SCC", "--depth", "0"], "--depth must be 1 or more"),
    (["--focus", "SCC", "--board", "SCC"], "not two"),
])
def test_bad_options_exit_2_and_write_nothing(run, tmp_path: Path, args, message):
    result = run(str(FIXTURES / "small.yaml"), *args, "--out", "never.html")
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (tmp_path / "never.html").exists() and os.listdir(tmp_path) == []


def test_bad_sources_exit_2_with_file_and_line(run, tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("organisations:\n  - id: Bad Id\n    label: x\n    source: nowhere 1\n", "utf-8")
    result = run(str(bad), "--out", "never.html")
    assert result.exit_code == 2
    assert "bad.yaml:2" in result.stderr
    assert not (tmp_path / "never.html").exists()


def test_sources_without_links_exit_2_with_nothing_to_draw(run, tmp_path: Path):
    only_documents = tmp_path / "docs-only.yaml"
    only_documents.write_text("documents:\n  - id: charter\n    kind: agreement\n    label: A charter\n"
                              "    source: charter cover\n", "utf-8")
    result = run(str(only_documents), "--out", "never.html")
    assert result.exit_code == 2 and "nothing to draw" in result.stderr
    assert not (tmp_path / "never.html").exists()


def test_where_i_sit_writes_a_map_centred_on_the_post(run, tmp_path: Path):
    result = run("--where-i-sit", "Voluntary and Community Sector representative", "-o", "vcs.html")
    assert result.exit_code == 0, result.output
    html = (tmp_path / "vcs.html").read_text("utf-8")
    assert "<title>Where Voluntary and Community Sector representative sits</title>" in html
