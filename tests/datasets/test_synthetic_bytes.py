"""`govgraph synth` writes the same bytes as before the generator was split by concern (shape,
names, mistakes, files): the digests below were made by the single-module generator
(datasets/synthetic.py at commit 50d5cc3). When what synth writes is meant to change, say so in
the commit and put the new digests here. Changed on purpose: every council now has a scheme of
delegation (delegations.yaml, two matters, four officer posts) and two more kinds of planted mistake."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from govgraph.cli.app import app
from govgraph.datasets import synthetic
from typer.testing import CliRunner

BEFORE = {
    (0.001, 1): "752b44cd96d31f86efe51e022bc66c0c2bca2db21f50d19517ac0101013785ea",
    (0.003, 7): "4134fd319c9beb87b0e2536bcc137b9a0088c579c5c3285f7b2f742ed237a7f3",
    (0.01, 42): "a59ade9dbeb1f1288ee1635193eddac28ce82429dfbf27cbbd27b1e1758bdb2a",
}
# Scale 0.003, seed 7, with at most 20 records a file: the packing of large sections into numbered files.
BEFORE_SMALL_FILES = "7b4ddea0cd145893a3bb791ebdc0670490d9d1fa1d172e3808a1711bcb9723d3"


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
    assert "meetings-and-decisions-001.yaml" in files and len(files) == 33
    assert digest(files) == BEFORE_SMALL_FILES
