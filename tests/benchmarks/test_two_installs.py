"""benchmarks/two_installs.py: the after_build commands and --version through two Pythons, in turns."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "benchmarks" / "two_installs.py"


def test_each_command_gets_both_medians_and_their_ratio(tmp_path: Path) -> None:
    env = {**os.environ, "GOVGRAPH_CACHE_DIR": str(tmp_path / "cache")}
    src = tmp_path / "synth"  # national.yaml's commands name synthetic records (hwb-001, county-0001)
    subprocess.run([sys.executable, "-m", "govgraph", "synth", "--scale", "0.0045", "--seed", "1", "--out", str(src), "-q"],
                   env=env, check=True, timeout=120)
    done = subprocess.run([sys.executable, str(SCRIPT), sys.executable, sys.executable, str(src), "--repeat", "1"],
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = {m[0]: (m[1], m[2]) for m in re.findall(
        r"^(\S+) +first ([\d.]+) s  second ([\d.]+) s  difference [+-]\d+ ms  ratio [\d.]+x$", done.stdout, re.MULTILINE)}
    assert set(lines) == {"version", "query", "can", "explain", "sparql", "sparql-parsed"}, done.stdout
    assert all(float(a) > 0 and float(b) > 0 for a, b in lines.values())
    assert re.search(r"^first: .*: typer [\d.]+, rdflib [\d.]+, pyoxigraph [\d.]+, PyYAML [\d.]+, govgraph in /", done.stdout, re.MULTILINE)


def test_a_failing_command_stops_the_run_and_says_which(tmp_path: Path) -> None:
    env = {**os.environ, "GOVGRAPH_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, str(SCRIPT), sys.executable, sys.executable, str(tmp_path / "nothing.yaml"),
                           "--repeat", "1"], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode != 0 and "exited 2" in done.stderr and "nothing.yaml" in done.stderr
