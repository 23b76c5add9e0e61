"""`check` when HermiT cannot run (issue 12 item 5): Java missing, or Java failing (out of memory
with `_JAVA_OPTIONS=-Xmx4m`). The layer is reported as not run: exit 3 when it was asked for by
name, otherwise a clear note and the other layers' verdict; never a traceback."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

MINI = Path(__file__).parent / "fixtures" / "mini"


def check(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "govgraph", "check", str(MINI), *args],
                          capture_output=True, text=True, timeout=300, env=env)


@pytest.mark.reasoner
@pytest.mark.skipif(shutil.which("java") is None, reason="needs Java, to make it fail")
def test_java_out_of_memory_named_is_exit_3_with_a_note():
    done = check("--rules", "reasoner", env={**os.environ, "_JAVA_OPTIONS": "-Xmx4m"})
    said = done.stdout + done.stderr
    assert done.returncode == 3, said[-1500:]
    assert "the reasoner layer did not run: HermiT could not run: Java failed" in done.stderr
    assert "OutOfMemoryError" in done.stderr and "_JAVA_OPTIONS" in done.stderr
    assert "Traceback" not in said


@pytest.mark.reasoner
@pytest.mark.skipif(shutil.which("java") is None, reason="needs Java, to make it fail")
def test_java_out_of_memory_not_named_is_a_note_and_the_other_layers_decide():
    done = check(env={**os.environ, "_JAVA_OPTIONS": "-Xmx4m"})
    said = done.stdout + done.stderr
    assert done.returncode == 0, said[-1500:]
    assert "warning: the reasoner layer did not run: HermiT could not run" in done.stderr
    assert "Traceback" not in said


def test_java_missing_named_is_exit_3(tmp_path):
    """PATH without java (a folder holding only python's own link)."""
    bare = tmp_path / "bin"
    bare.mkdir()
    (bare / "python3").symlink_to(sys.executable)
    done = check("--rules", "reasoner", env={**os.environ, "PATH": str(bare)})
    assert done.returncode == 3, (done.stdout + done.stderr)[-1500:]
    assert "the reasoner layer did not run: Java was not found on PATH" in done.stderr
    assert "Traceback" not in done.stdout + done.stderr


def test_a_broken_java_is_reported_not_crashed(tmp_path):
    """A `java` that starts and fails at once (a broken installation)."""
    bare = tmp_path / "bin"
    bare.mkdir()
    fake = bare / "java"
    fake.write_text("#!/bin/sh\necho 'Error: could not create the Java Virtual Machine.' >&2\nexit 1\n", encoding="utf-8")
    fake.chmod(0o755)
    done = check("--rules", "reasoner", env={**os.environ, "PATH": f"{bare}:{os.environ.get('PATH', '')}"})
    assert done.returncode == 3, (done.stdout + done.stderr)[-1500:]
    assert "HermiT could not run: Java failed" in done.stderr
    assert "Traceback" not in done.stdout + done.stderr
