"""Fixtures shared by every test folder."""
from __future__ import annotations

import pytest
from govgraph.graph_builder import Built, load_arrangement


@pytest.fixture(scope="session")
def builtin() -> Built:
    """The built-in Cambridgeshire and Peterborough arrangement, built once per test session."""
    return load_arrangement()
