"""`govgraph synth` writes the same bytes as before the generator was split by concern (shape,
names, mistakes, files): the digests below were made by the single-module generator
(datasets/synthetic.py at commit 50d5cc3). When what synth writes is meant to change, say so in
the commit and put the new digests here."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from govgraph.cli.app import app
from govgraph.datasets import synthetic
from typer.testing import CliRunner

BEFORE = {
    (0.001, 1): "5569b07c40b72bda92929b9388a9850e1170c52ebd1cdb97e02fab6730cc92b2",
    (0.003, 7): "115a82eb490cd61cb4853cbf70fd521839f2920b13e91c90469b59979c98618a",
    (0.01, 42): "aded4faeb9c6efeaaa0c52f147edf35f43375647c1a523ada97fa7c5b5dec969",
}
# Scale 0.003, seed 7, with at most 20 records a file: the packing of large sections into numbered files.
BEFORE_SMALL_FILES = "ee899ddfa108465778792f56f483fadc24a26d422cee4b4d166ce60d6d910af7"


def digest(files: dict[str, bytes]) -> str:
    made = hashlib.sha256()
    for name in sorted(files):
        made.update(name.encode() + b"\0" + files[name] + b"\0")
    return made.hexdigest()


@pytest.mark.parametrize(("scale", "seed"), sorted(BEFORE))
def test_synth_writes_the_bytes_it_wrote_before(scale: float, seed: int, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["synth", "--scale", str(scale), "--seed", str(seed), "--out", str(tmp_path), "-q"])
    assert result.exit_code == 0, result.stderr
    assert digest({p.name: p.read_bytes() for p in tmp_path.iterdir()}) == BEFORE[(scale, seed)]


def test_large_sections_are_packed_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(synthetic.files, "CHUNK", 20)
    files = synthetic.generate(0.003, 7)
    assert "meetings-and-decisions-001.yaml" in files and len(files) == 31
    assert digest(files) == BEFORE_SMALL_FILES
