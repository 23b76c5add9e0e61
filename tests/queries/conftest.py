"""Fixtures for the query tests: workspaces over the built-in dataset and a tiny made-up one."""
from __future__ import annotations

from pathlib import Path

import pytest
from govgraph.graph_builder import Built, load_arrangement
from govgraph.queries.engine import Table
from govgraph.queries.questions import Workspace
from rdflib import URIRef
from rdflib.term import Identifier

FIXTURES = Path(__file__).parent / "fixtures"
ONTOLOGY = "https://w3id.org/govgraph/ontology#"


@pytest.fixture(scope="session")
def ws(builtin: Built) -> Workspace:
    return Workspace(builtin)


@pytest.fixture(scope="session")
def mini() -> Workspace:
    return Workspace(load_arrangement([FIXTURES / "mini.yaml"]))


def short(ws: Workspace, term: Identifier | None) -> str | None:
    """A record's id, an ontology term's local name, a literal's text: easy to compare."""
    if term is None or str(term) == "":  # unbound, or an empty GROUP_CONCAT
        return None
    text = str(term)
    if isinstance(term, URIRef):
        for prefix in (ws.base, ONTOLOGY):
            if text.startswith(prefix):
                return text[len(prefix):]
    return text


def _cells(ws: Workspace, table: Table, *columns: str) -> list[tuple[str | None, ...]]:
    index = [table.columns.index(c) for c in columns]
    return [tuple(short(ws, row[i]) for i in index) for row in table.rows]


@pytest.fixture(scope="session")
def cells():  # type: ignore[no-untyped-def]
    """cells(ws, table, *columns): the chosen columns of every row, shortened, in result order."""
    return _cells
