"""`govgraph map` after `govgraph build`: drawn from the stored graph (graph_builder.persist), the
same page as from the sources, and never a stale one."""
from __future__ import annotations

import shutil
from pathlib import Path

import networkx as nx
import pytest
from govgraph.cli.app import app
from govgraph.graph_builder import load_arrangement
from govgraph.graph_builder.store import Facts, memory_graph
from govgraph.visuals.views import focus
from typer.testing import CliRunner

FIXTURES = Path(__file__).parent / "fixtures"
VIEWS = [[], ["--focus", "SCC"], ["--as-of", "2020-07-01"], ["--board", "wellbeing-board", "--as-of", "2020-07-01"], ["--where-i-sit", "SCC"]]


@pytest.fixture
def sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GOVGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "src"
    folder.mkdir()
    shutil.copy(FIXTURES / "small.yaml", folder / "small.yaml")
    return folder


def page(sources: Path, out: Path, *options: str) -> str:
    result = CliRunner().invoke(app, ["map", str(sources), *options, "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    return out.read_text("utf-8")


@pytest.mark.parametrize("options", VIEWS, ids=lambda o: " ".join(o) or "whole")
def test_the_page_from_the_stored_graph_is_the_page_from_the_sources(sources, tmp_path, monkeypatch, options):
    monkeypatch.setenv("GOVGRAPH_CACHE", "off")
    from_sources = page(sources, tmp_path / "a.html", *options)
    monkeypatch.delenv("GOVGRAPH_CACHE")
    built = CliRunner().invoke(app, ["build", str(sources), "--out", str(tmp_path / "out"), "-q"])
    assert built.exit_code == 0, built.output
    assert "arrangement" not in load_arrangement([sources]).__dict__  # the next command opens the stored graph
    assert page(sources, tmp_path / "b.html", *options) == from_sources


def test_an_edited_source_is_not_drawn_stale(sources, tmp_path):
    assert "Shire County Council" in page(sources, tmp_path / "a.html")
    path = sources / "small.yaml"
    path.write_text(path.read_text().replace("Shire County Council", "Renamed County Council"))
    after = page(sources, tmp_path / "b.html")
    assert "Renamed County Council" in after and "Shire County Council" not in after


def test_facts_give_what_the_graph_gives(small):
    # Facts read each property in one scan; each subject's objects, and the one Graph.value picks,
    # are those of a lookup in the same store (a plain literal without oxrdflib's xsd:string)
    facts, graph = Facts(small.store), small.graph
    spelt = lambda term: (type(term).__name__, str(term), getattr(term, "language", None))  # noqa: E731
    for subject, predicate in sorted({(s, p) for s, p, _ in memory_graph(small.ntriples, small.base)}):
        assert [spelt(o) for o in facts.objects(subject, predicate)] == [spelt(o) for o in graph.objects(subject, predicate)]
        assert spelt(facts.value(subject, predicate)) == spelt(graph.value(subject, predicate))


@pytest.mark.parametrize("depth", [1, 2, 3])
def test_focus_keeps_what_ego_graph_finds(small, depth):
    net = small.network
    for centre in net.nodes:
        expected = nx.ego_graph(net, centre, radius=depth, undirected=True)
        assert set(focus(net, centre, depth).nodes) == set(expected.nodes)
