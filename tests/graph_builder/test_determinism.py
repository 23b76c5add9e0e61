"""The same input gives byte-identical output files, whatever Python's hash seed."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

OUTPUTS = ["graph.ttl", "graph.jsonld", "graph.nt", "ontology.ttl", "ontology.owl"]


def _build(out: Path, seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run([sys.executable, "-m", "govgraph", "build", "--out", str(out), "-q"],
                   check=True, env=env, capture_output=True)


def test_two_builds_with_different_hash_seeds_are_byte_identical(tmp_path):
    _build(tmp_path / "a", "1")
    _build(tmp_path / "b", "2")
    for name in OUTPUTS:
        first, second = (tmp_path / "a" / name).read_bytes(), (tmp_path / "b" / name).read_bytes()
        assert first and first == second, name
