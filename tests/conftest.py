"""Fixtures shared by every test folder."""
from __future__ import annotations

import os

import pytest
from govgraph.graph_builder import Built, load_arrangement


@pytest.fixture(scope="session", autouse=True)
def _store_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Stored graphs (graph_builder.persist) go to a folder of this test session, never the user's
    cache; commands run by the tests (in process or as subprocesses) inherit it."""
    os.environ["GOVGRAPH_CACHE_DIR"] = str(tmp_path_factory.mktemp("store-cache"))
    os.environ.pop("GOVGRAPH_CACHE", None)


@pytest.fixture(scope="session")
def builtin() -> Built:
    """The built-in Cambridgeshire and Peterborough arrangement, built once per test session."""
    return load_arrangement()
