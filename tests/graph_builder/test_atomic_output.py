"""The output of `build` is always one whole build and `map --out` one whole page, old or new,
whenever the command is killed; no temporary file outlives the next run (issue 12 item 6).

Each command runs as a child process that is killed (SIGKILL: nothing can be tidied up) at many
points spread over its run; after each kill the output is compared with the old and the new one.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from govgraph.common.files import write_folder

MINI = Path(__file__).parents[1] / "queries" / "fixtures" / "mini.yaml"
KILLS = 16


def govgraph(*args: str) -> list[str]:
    return [sys.executable, "-m", "govgraph", *args]


def contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())} if folder.is_dir() else {}


def leftovers(place: Path, name: str) -> list[str]:
    return sorted(p.name for p in place.iterdir() if p.name.startswith(f".{name}."))


def killed_at_many_points(command: list[str], cwd: Path) -> list[float]:
    """Run ``command`` once to time it, then KILLS times, each killed a little later than the last."""
    started = time.monotonic()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True, timeout=300)
    whole = time.monotonic() - started
    delays = [whole * (0.15 + 0.9 * i / KILLS) for i in range(KILLS)]
    for delay in delays:
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        yield delay


@pytest.mark.slow
def test_a_killed_build_leaves_the_old_build_or_the_new(tmp_path):
    out = tmp_path / "out"
    subprocess.run(govgraph("build", str(MINI), "--out", str(tmp_path / "new-ref"), "-q"), check=True, timeout=300)
    new = contents(tmp_path / "new-ref")
    subprocess.run(govgraph("build", "--out", str(out), "-q"), check=True, timeout=300)
    old = contents(out)
    assert old != new and set(old) == set(new)
    seen = set()
    for _ in killed_at_many_points(govgraph("build", str(MINI), "--out", str(out), "-q"), tmp_path):
        now = contents(out)
        assert now in (old, new), sorted(now)
        seen.add("new" if now == new else "old")
        if now == new:  # start each kill from the old build again
            subprocess.run(govgraph("build", "--out", str(out), "-q"), check=True, timeout=300)
    subprocess.run(govgraph("build", str(MINI), "--out", str(out), "-q"), check=True, timeout=300)
    assert contents(out) == new
    assert leftovers(tmp_path, "out") == [], "a temporary folder outlived the next run"
    assert "old" in seen  # some kills landed before the swap (the run was timed)


@pytest.mark.slow
def test_a_killed_map_leaves_the_old_page_or_the_new(tmp_path):
    page = tmp_path / "m.html"
    subprocess.run(govgraph("map", str(MINI), "--out", str(tmp_path / "ref.html")), check=True, timeout=300)
    new = (tmp_path / "ref.html").read_bytes()
    page.write_bytes(b"old page")
    for _ in killed_at_many_points(govgraph("map", str(MINI), "--out", str(page)), tmp_path):
        assert page.read_bytes() in (b"old page", new)
        page.write_bytes(b"old page")
    subprocess.run(govgraph("map", str(MINI), "--out", str(page)), check=True, timeout=300)
    assert page.read_bytes() == new
    assert leftovers(tmp_path, "m.html") == []


def test_stale_temporary_files_of_dead_writers_are_removed(tmp_path):
    """What a SIGKILL leaves behind (a new folder half written, a temporary page) goes on the next run;
    a live writer's is left alone."""
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True).stdout.strip()
    (tmp_path / f".out.{dead}.new-abc").mkdir()
    (tmp_path / f".out.{dead}.new-abc" / "graph.ttl").write_text("half", encoding="utf-8")
    (tmp_path / f".out.{os.getppid()}.new-live").mkdir()  # the test runner's parent: alive
    write_folder(tmp_path / "out", {"graph.ttl": b"whole"}, {"graph.ttl"})
    assert leftovers(tmp_path, "out") == [f".out.{os.getppid()}.new-live"]
    assert contents(tmp_path / "out") == {"graph.ttl": b"whole"}


def test_a_folder_holding_other_files_is_refused(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    result = subprocess.run(govgraph("build", str(MINI), "--out", str(out)), capture_output=True, text=True, timeout=300)
    assert result.returncode == 2 and "holds files a build does not write (notes.txt)" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]
