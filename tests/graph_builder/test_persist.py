"""The stored graph (graph_builder.persist): opened when the sources are unchanged, built again when
anything that makes the graph changes, never a stale answer."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from govgraph.cli.app import app
from govgraph.graph_builder import load_arrangement, persist
from typer.testing import CliRunner

MINI = Path(__file__).resolve().parents[1] / "checks" / "fixtures" / "mini"
runner = CliRunner()


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("GOVGRAPH_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    copy = tmp_path / "mini"
    shutil.copytree(MINI, copy)
    return copy


def entries(cache: Path) -> list[Path]:
    return sorted(p for p in (cache / "stores").glob("*/*") if not p.name.startswith("."))


def labels(sources: Path) -> set[str]:
    """The labels of the organisations, through the command."""
    result = runner.invoke(app, ["sparql", "SELECT ?l WHERE { ?o a/rdfs:subClassOf* org:Organization ; rdfs:label ?l }",
                                 str(sources), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return {row["l"]["value"] for row in json.loads(result.stdout)["results"]["bindings"]}


def opened(sources: Path) -> bool:
    """Whether a load of the sources opened the stored graph (it did not read the YAML)."""
    return "arrangement" not in load_arrangement([sources]).__dict__


def test_build_stores_the_graph_and_the_next_command_opens_it(cache, sources, tmp_path):
    result = runner.invoke(app, ["build", str(sources), "--out", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0, result.stderr
    assert len(entries(cache)) == 1
    assert opened(sources)
    assert "Shire County Council" in labels(sources)


def test_an_edited_file_changes_the_answer(cache, sources):
    assert "Shire County Council" in labels(sources)
    path = sources / "arrangement.yaml"
    path.write_text(path.read_text().replace("Shire County Council", "Renamed County Council"))
    after = labels(sources)
    assert "Renamed County Council" in after and "Shire County Council" not in after
    assert len(entries(cache)) == 1  # the old entry is gone


def test_an_added_file_changes_the_answer(cache, sources):
    before = labels(sources)
    (sources / "more.yaml").write_text(
        "organisations:\n  - id: added-council\n    kind: district-council\n    label: Added District Council\n"
        "    source: charter 1\n")
    assert labels(sources) == before | {"Added District Council"}


def test_a_deleted_file_changes_the_answer(cache, sources):
    (sources / "more.yaml").write_text(
        "organisations:\n  - id: added-council\n    kind: district-council\n    label: Added District Council\n"
        "    source: charter 1\n")
    assert "Added District Council" in labels(sources)
    (sources / "more.yaml").unlink()
    assert "Added District Council" not in labels(sources)


def test_a_new_version_builds_again(cache, sources, monkeypatch):
    load_arrangement([sources])
    assert opened(sources)
    real = persist.metadata.version
    monkeypatch.setattr(persist.metadata, "version", lambda name: "99.0" if name == "govgraph" else real(name))
    persist._code_digest.cache_clear()
    try:
        assert not opened(sources)
        assert opened(sources)
    finally:
        persist._code_digest.cache_clear()


def test_a_corrupt_store_is_built_again_with_a_note(cache, sources):
    assert "Shire County Council" in labels(sources)
    (entry,) = entries(cache)
    for path in (entry / "store").iterdir():
        path.write_bytes(b"not a database")
    result = runner.invoke(app, ["query", "run", "members-of-body", str(sources), "-p", "body=board", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert "note: the stored graph" in result.stderr and "building it again" in result.stderr
    assert json.loads(result.stdout)["results"]["bindings"]
    assert opened(sources)  # the new entry opens


def test_a_file_read_through_extends_is_checked_too(cache, tmp_path):
    base = tmp_path / "base"
    shutil.copytree(MINI, base)
    own = tmp_path / "own"
    own.mkdir()
    (own / "dataset.yaml").write_text("dataset:\n  id: own\n  title: Own\n  extends: ../base\n")
    assert "Shire County Council" in labels(own)
    path = base / "arrangement.yaml"
    path.write_text(path.read_text().replace("Shire County Council", "Renamed County Council"))
    assert "Renamed County Council" in labels(own)


def test_file_and_line_of_findings_are_the_same_from_the_stored_graph(cache):
    plan = Path(__file__).resolve().parents[2] / "datasets" / "cp_stp_mou_nov2016_plan"
    first = runner.invoke(app, ["check", str(plan), "--no-reason", "--format", "json"])  # reads and stores
    assert opened(plan)
    second = runner.invoke(app, ["check", str(plan), "--no-reason", "--format", "json"])
    assert first.exit_code == second.exit_code == 1
    places = lambda out: sorted((f["rule"], f["file"], f["line"]) for f in json.loads(out)["findings"])  # noqa: E731
    assert places(first.stdout) == places(second.stdout) and all(line for _, _, line in places(first.stdout))


def test_places_are_read_only_when_a_message_needs_one(cache):
    plan = Path(__file__).resolve().parents[2] / "datasets" / "cp_stp_mou_nov2016_plan"
    read = load_arrangement([plan])  # reads the sources and stores the graph
    read.finish_storing()
    built = load_arrangement([plan])
    assert "arrangement" not in built.__dict__ and built._places is not None
    assert built._places._loaded is None  # opening the store did not read them
    for rid, record in read.arrangement.records.items():
        assert built.place_of(f"{built.base}{rid}") == (record.file, record.line)
    assert built._places._loaded


def test_places_outlive_their_entry_being_pruned(cache):
    """A newer build of the same sources removes the entry; a command that opened it still names lines."""
    plan = Path(__file__).resolve().parents[2] / "datasets" / "cp_stp_mou_nov2016_plan"
    read = load_arrangement([plan])
    read.finish_storing()
    built = load_arrangement([plan])
    shutil.rmtree(entries(cache)[0])
    rid, record = next(iter(read.arrangement.records.items()))
    assert built.place_of(f"{built.base}{rid}") == (record.file, record.line)


def test_unreadable_places_leave_the_answers_and_drop_only_the_lines(cache):
    plan = Path(__file__).resolve().parents[2] / "datasets" / "cp_stp_mou_nov2016_plan"
    first = runner.invoke(app, ["check", str(plan), "--no-reason", "--format", "json"])  # reads and stores
    (entries(cache)[0] / persist.PLACES).write_text("{not json", encoding="utf-8")
    second = runner.invoke(app, ["check", str(plan), "--no-reason", "--format", "json"])
    assert second.exit_code == first.exit_code == 1
    rules = lambda out: sorted(f["rule"] for f in json.loads(out)["findings"])  # noqa: E731
    assert rules(second.stdout) == rules(first.stdout)
    assert all(f["line"] is None for f in json.loads(second.stdout)["findings"])
    assert "could not be read" in second.stderr and "will not name lines" in second.stderr


def test_turned_off_nothing_is_stored(cache, sources, monkeypatch):
    monkeypatch.setenv("GOVGRAPH_CACHE", "off")
    assert labels(sources)
    assert not cache.exists()


def test_two_commands_at_once_both_answer(cache, sources):
    code = ("import sys; from govgraph.graph_builder import load_arrangement; from pathlib import Path; "
            "print(len(load_arrangement([Path(sys.argv[1])]).graph))")
    runs = [subprocess.Popen([sys.executable, "-c", code, str(sources)], stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "GOVGRAPH_CACHE_DIR": str(cache)}) for _ in range(3)]
    counts = {run.communicate(timeout=120)[0].strip() for run in runs}
    assert len(counts) == 1 and all(run.returncode == 0 for run in runs)
    assert len(entries(cache)) == 1


def test_a_cache_that_cannot_be_written_leaves_the_build_and_the_answers_whole(tmp_path, sources, monkeypatch):
    # The store is written in a thread beside the build's files: its failure is a note, not an error.
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("GOVGRAPH_CACHE_DIR", str(blocked / "cache"))
    result = runner.invoke(app, ["build", str(sources), "--out", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0, result.stderr
    assert "could not be stored" in result.stderr and (tmp_path / "out" / "graph.ttl").is_file()
    assert "Shire County Council" in labels(sources)  # answered from the graph in memory


def test_a_load_while_the_store_is_being_written_waits_for_it(cache, sources):
    first = load_arrangement([sources])  # returns while its store is written in a thread
    second = load_arrangement([sources])
    assert "arrangement" not in second.__dict__  # opened the stored graph, did not read the sources again
    assert len(first.store) == len(second.store) and len(entries(cache)) == 1
