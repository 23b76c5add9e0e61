"""Lint, import order and types are part of the suite: a new ruff finding or mypy error fails it.

Both run on the files as they are (ruff over the repository with the rules in pyproject.toml; mypy
over the package, strict on the public API), as subprocesses, so `pytest` alone (what CI runs)
covers them."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


def run(*command: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *command], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_ruff_finds_nothing() -> None:
    found = run("ruff", "check", "--no-cache", "--output-format", "concise", str(ROOT))
    assert found.returncode == 0, f"ruff check . found:\n{found.stdout}{found.stderr}(`ruff check --fix .` fixes some)"


def test_mypy_finds_nothing(tmp_path: Path) -> None:
    # The repository root is the package govgraph; mypy finds a package by its folder's name, so
    # it reads the checkout through a link named govgraph (whatever the clone's folder is called).
    (tmp_path / "govgraph").symlink_to(ROOT, target_is_directory=True)
    checked = run("mypy", "--config-file", str(ROOT / "pyproject.toml"), "--cache-dir", str(ROOT / ".mypy_cache"),
                  "--no-namespace-packages", "-p", "govgraph", cwd=tmp_path)
    assert checked.returncode == 0, f"mypy -p govgraph found:\n{checked.stdout}{checked.stderr}"
    assert "Success: no issues found" in checked.stdout


@pytest.mark.parametrize("tool", ["ruff", "mypy"])
def test_the_tools_fail_on_a_mistake(tool: str, tmp_path: Path) -> None:
    # The same commands do fail: a typed module calling its own function with the wrong type.
    package = tmp_path / "govgraph"
    package.mkdir()
    (package / "__init__.py").write_text("import os, sys\n\ndef f(x: int) -> int:\n    return x\n\nf('a')\n", encoding="utf-8")
    if tool == "ruff":
        found = run("ruff", "check", "--no-cache", "--config", str(ROOT / "pyproject.toml"), str(package))
        assert found.returncode == 1 and "E401" in found.stdout
    else:
        found = run("mypy", "--config-file", str(ROOT / "pyproject.toml"), "--no-incremental", "-p", "govgraph", cwd=tmp_path)
        assert found.returncode == 1 and "arg-type" in found.stdout
