"""docs/python.md is a walk-through whose code blocks run, in order, as written."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
PAGE = ROOT / "docs" / "python.md"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.M | re.S)


def test_the_page_has_code_to_run() -> None:
    assert len(BLOCK.findall(PAGE.read_text(encoding="utf-8"))) >= 8


def test_every_block_runs_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("pandas", reason="the walk-through shows to_pandas(); the test extra installs pandas")
    # As in a notebook started in a clone: the datasets at hand, files written to the working folder.
    (tmp_path / "datasets").symlink_to(ROOT / "datasets")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "__docs__"}
    for number, code in enumerate(BLOCK.findall(PAGE.read_text(encoding="utf-8")), 1):
        exec(compile(code, f"{PAGE.name} block {number}", "exec"), namespace)  # noqa: S102 - the page's own code
    printed = capsys.readouterr().out
    # What the page says the blocks print.
    assert "<Arrangement https://w3id.org/govgraph/data/cp-stp-mou/ (2,372 triples)>" in printed
    assert "['membership', 'member', 'voting', 'represents', 'sources']" in printed
    assert "{'error': 5, 'warning': 1, 'info': 1}" in printed
    assert "needs the whole graph in this process" in printed  # NotLocal, from the served arrangement
    assert "refused:" in printed and "; Cambridgeshire County Council (ccc);" in printed
    assert (tmp_path / "hce-map.html").is_file() and (tmp_path / "cp.graphml").is_file()
    assert "0 added, 3 unchanged" in printed and "East Cambridgeshire District Council" in printed
    assert (tmp_path / "my-board" / "govgraph.schema.json").is_file() and (tmp_path / "members.xlsx").is_file()
    assert sorted(p.name for p in (tmp_path / "cp-out").iterdir()) == [
        "graph.jsonld", "graph.nt", "graph.ttl", "ontology.owl", "ontology.ttl"]
