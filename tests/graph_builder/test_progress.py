"""Progress shows for a person at a terminal and nowhere else."""
from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from govgraph.common.progress import Reporter, wanted


def test_quiet_ci_and_pipes_turn_progress_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert wanted() is True
    assert wanted(quiet=True) is False
    monkeypatch.setenv("CI", "true")
    assert wanted() is False
    monkeypatch.delenv("CI")
    monkeypatch.setenv("TERM", "dumb")
    assert wanted() is False
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    assert wanted() is False


def test_a_disabled_reporter_writes_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    with Reporter(False).task("Reading", total=3) as advance:
        advance()
    assert capsys.readouterr() == ("", "")


def _build_on_a_terminal(out: Path, *extra: str) -> tuple[bytes, bytes]:
    """Run `govgraph build` with standard error on a pseudo-terminal; return (stdout, terminal)."""
    main, child = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "CI"} | {"TERM": "xterm", "COLUMNS": "100"}
    proc = subprocess.Popen([sys.executable, "-m", "govgraph", "build", "--out", str(out), *extra],
                            stdout=subprocess.PIPE, stderr=child, env=env)
    os.close(child)
    seen = b""
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    stdout = proc.stdout.read() if proc.stdout else b""
    assert proc.wait() == 0
    os.close(main)
    return stdout, seen


def test_build_shows_its_steps_on_a_terminal_and_keeps_stdout_clean(tmp_path: Path) -> None:
    stdout, terminal = _build_on_a_terminal(tmp_path / "out")
    assert b"Reading 9 source files" in terminal and b"Making triples" in terminal
    assert b"\x1b[" not in stdout and stdout.startswith(b"187 records")


def test_quiet_build_shows_nothing_even_on_a_terminal(tmp_path: Path) -> None:
    stdout, terminal = _build_on_a_terminal(tmp_path / "out", "--quiet")
    assert stdout == b"" and b"Reading" not in terminal
