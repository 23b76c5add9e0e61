"""The build and export commands, version and help."""
from __future__ import annotations

import json

import networkx as nx
import pytest
from govgraph.cli.app import app
from rdflib import Graph
from rdflib.compare import isomorphic
from typer.testing import CliRunner

runner = CliRunner()


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.startswith("govgraph 0.")


@pytest.mark.parametrize("command", ["build", "export", "ontology"])
def test_help_has_an_example(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0 and "Examples:" in result.stdout and "govgraph " in result.stdout


def test_build_writes_every_format_and_a_summary(tmp_path, builtin):
    result = runner.invoke(app, ["build", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    assert "principle" in result.stdout and "8 principle" in result.stdout
    assert "wrote 5 files" in result.stderr
    turtle = Graph().parse(tmp_path / "graph.ttl")
    assert isomorphic(turtle, Graph().parse(tmp_path / "graph.jsonld"))
    assert isomorphic(turtle, Graph().parse(tmp_path / "graph.nt"))
    assert isomorphic(turtle, builtin.data_graph)
    assert len(Graph().parse(tmp_path / "ontology.owl", format="xml")) == len(Graph().parse(tmp_path / "ontology.ttl"))


def test_build_summary_as_json(tmp_path):
    result = runner.invoke(app, ["build", "--out", str(tmp_path), "--format", "json"])
    summary = json.loads(result.stdout)
    assert summary["counts"]["organisations"]["district-council"] == 5
    assert summary["counts"]["commitments"] == {"behaviour": 10, "principle": 8, "undertaking": 13}


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld", "xml"])
def test_export_rdf_to_stdout_round_trips(fmt, builtin):
    result = runner.invoke(app, ["export", "--format", fmt])
    assert result.exit_code == 0
    parsed = Graph().parse(data=result.stdout_bytes, format={"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "xml": "xml"}[fmt])
    assert isomorphic(parsed, builtin.data_graph)


def test_export_graphml_for_gephi(tmp_path, builtin):
    out = tmp_path / "cp.graphml"
    result = runner.invoke(app, ["export", "--format", "graphml", "--out", str(out)])
    assert result.exit_code == 0
    net = nx.read_graphml(out)
    assert net.number_of_nodes() == builtin.network.number_of_nodes()
    hce = str(builtin.iri("hce"))
    assert net.nodes[hce]["label"] == "Health and Care Executive"


def test_unknown_export_format_is_a_usage_error():
    result = runner.invoke(app, ["export", "--format", "pdf"])
    assert result.exit_code == 2 and "--format must be one of" in result.stderr


def test_a_command_settles_what_it_loaded():
    # Each command keeps its arrangement to the end, so the loaded objects leave the collector's
    # rounds (graph_builder.settle); the library's own load_arrangement leaves them alone.
    import gc

    from govgraph.cli.support import load_or_exit
    from govgraph.graph_builder import load_arrangement
    gc.unfreeze()
    try:
        load_arrangement()
        assert gc.get_freeze_count() == 0
        built = load_or_exit(None).built
        assert gc.get_freeze_count() > len(built.arrangement.records)
    finally:
        gc.unfreeze()
