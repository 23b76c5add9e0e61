"""Helpers for the checks tests: the mini fixture, copies of arrangements with planted changes."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from govgraph.checks.catalogue import Selection
from govgraph.checks.engine import check_built, check_sources
from govgraph.checks.findings import Finding, Report
from govgraph.graph_builder import Built, load_arrangement

MINI = Path(__file__).parent / "fixtures" / "mini"


def planted(tmp_path: Path, source: Path, *, edits: list[tuple[str, str, str]] = (), extra: str = "") -> Path:
    """Copy an arrangement folder, replace text in its files (each edit must match once), add a file."""
    target = tmp_path / source.name
    shutil.copytree(source, target)
    for name, old, new in edits:
        path = target / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"edit of {name} must match exactly once: {old!r}"
        path.write_text(text.replace(old, new), encoding="utf-8")
    if extra:
        yaml.safe_load(extra)  # a typo in a test's YAML should fail here, not as a source finding
        (target / "planted.yaml").write_text(extra, encoding="utf-8")
    return target


def run(folder: Path | None, rules: str | None = None) -> Report:
    """Check without the reasoner (tested on its own), so that tests stay fast."""
    return check_sources([folder] if folder else None, Selection.parse(rules), reason=False)


def keys(report: Report) -> set[tuple[str, tuple[str, ...]]]:
    """Findings as (rule id, entity IRIs): comparable across copies with other file paths."""
    return {(f.rule, tuple(e.iri for e in f.entities)) for f in report.findings}


def of_rule(report: Report, rule: str) -> list[Finding]:
    return [f for f in report.findings if f.rule == rule]


@pytest.fixture(scope="session")
def mini() -> Built:
    return load_arrangement([MINI])


@pytest.fixture(scope="session")
def builtin_report() -> Report:
    return run(None)


def check_graph(built: Built, rules: str | None = None) -> Report:
    return check_built(built, Selection.parse(rules), reason=False)


def edit(built: Built, *, add: tuple = (), remove: tuple = (), replace: tuple = ()) -> Built:
    """Change the built graph behind the sources' back (to make graphs the builder never would):
    the embedded store that rules and the reasoner read, and the in-memory data that shapes read.
    The arrangement must be loaded with persist=False: a stored graph is opened read-only."""
    for graph in (built.graph, built.data_graph):
        for triple in remove:
            graph.remove(triple)
        for triple in replace:
            graph.set(triple)
        for triple in add:
            graph.add(triple)
    return built
