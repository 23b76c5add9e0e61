"""The authoring calls of the public API: what the commands call, usable from Python."""
from __future__ import annotations

import json
from pathlib import Path

import govgraph
import pytest


def test_init_import_and_diff_from_python(tmp_path: Path) -> None:
    written = govgraph.init(tmp_path / "board", "Example Board")
    assert [p.name for p in written] == ["dataset.yaml", "govgraph.schema.json", "memberships.yaml", "organisations.yaml"]
    with pytest.raises(govgraph.NotEmpty):
        govgraph.init(tmp_path / "board")
    table = govgraph.load(tmp_path / "board").export(tmp_path / "members.csv")
    text = table.read_text(encoding="utf-8").replace("non-voting", "voting")
    table.write_text(text, encoding="utf-8")
    before = (tmp_path / "board" / "memberships.yaml").read_text(encoding="utf-8")
    plan = govgraph.import_members(table, tmp_path / "board", dry_run=True)
    assert [r.id for r in plan.imported.changed] == ["example-board-example-trust"]
    assert (tmp_path / "board" / "memberships.yaml").read_text(encoding="utf-8") == before
    govgraph.init(tmp_path / "old", "Example Board")
    govgraph.import_members(table, tmp_path / "board")
    change = govgraph.diff(tmp_path / "old", tmp_path / "board").changes
    assert [c.summary for c in change] == [
        "the vote of Example NHS Foundation Trust on Example Board changed from non-voting to voting"]


def test_bad_input_raises_govgraph_errors(tmp_path: Path) -> None:
    (tmp_path / "bad.csv").write_text("body,member,voting,source\nnowhere,x,maybe,terms 1\n", encoding="utf-8")
    govgraph.init(tmp_path / "board")
    with pytest.raises(govgraph.TableError) as caught:
        govgraph.import_members(tmp_path / "bad.csv", tmp_path / "board")
    assert isinstance(caught.value, govgraph.GovgraphError) and len(caught.value.problems) == 2
    with pytest.raises(govgraph.BadOption):
        govgraph.diff_dates(None, "2017-01-01", None)


def test_source_schema_and_dates() -> None:
    assert json.loads(govgraph.source_schema())["title"] == "govgraph source file"
    assert govgraph.source_schema("md").startswith("<!-- field-reference")
    diff = govgraph.diff_dates(None, "2016-12-01", "2017-02-01")
    assert any(c.change == "happened" and c.section == "signatures" for c in diff.changes)
