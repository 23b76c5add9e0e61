"""`govgraph init`: a starter that builds and checks clean as written, and carries the schema line."""
from __future__ import annotations

import json

import jsonschema
from govgraph.cli.app import app
from govgraph.graph_builder import load_arrangement
from govgraph.graph_builder.reference import json_schema
from govgraph.graph_builder.yaml_source import read_yaml
from typer.testing import CliRunner


def test_the_starter_builds_and_checks_clean(tmp_path):
    folder = tmp_path / "my-board"
    runner = CliRunner()
    made = runner.invoke(app, ["init", str(folder), "--body", "Fenland Health and Care Board"])
    assert made.exit_code == 0, made.output
    assert sorted(p.name for p in folder.iterdir()) == [
        "dataset.yaml", "govgraph.schema.json", "memberships.yaml", "organisations.yaml"]
    built = runner.invoke(app, ["build", str(folder), "--out", str(tmp_path / "out")])
    assert built.exit_code == 0, built.output
    checked = runner.invoke(app, ["check", str(folder), "--format", "json"])
    assert checked.exit_code == 0, checked.output
    report = json.loads(checked.stdout)
    assert report["findings"] == []
    assert all(layer["ran"] or layer.get("by_choice") for layer in report["layers"]), report["layers"]


def test_the_starter_has_what_the_issue_lists(tmp_path):
    folder = tmp_path / "board"
    assert CliRunner().invoke(app, ["init", str(folder), "--body", "Fenland Health and Care Board"]).exit_code == 0
    records = load_arrangement([folder]).arrangement.records
    body = records["fenland-health-and-care-board"]
    assert (body.section, body.label) == ("organisations", "Fenland Health and Care Board")
    members = [r for r in records.values() if r.section == "memberships"]
    assert {r.values["voting"] for r in members} >= {"voting", "non-voting"}
    organisations = {r.values["member"] for r in members} & {r.id for r in records.values() if r.section == "organisations"}
    assert len(organisations) == 2
    assert any(r.section == "posts" and r.kind == "chair" for r in records.values())
    assert any(r.section == "documents" for r in records.values())
    assert all(r.sources for r in records.values())


def test_each_file_names_the_schema_beside_it_and_validates(tmp_path):
    folder = tmp_path / "board"
    assert CliRunner().invoke(app, ["init", str(folder)]).exit_code == 0
    assert json.loads((folder / "govgraph.schema.json").read_text(encoding="utf-8")) == json_schema()
    validator = jsonschema.Draft7Validator(json_schema())
    for path in folder.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server: $schema=govgraph.schema.json\n"), path
        assert "REPLACE" in text, path
        assert not list(validator.iter_errors(read_yaml(path))), path


def test_init_refuses_a_folder_with_files_and_a_name_that_breaks_yaml(tmp_path):
    runner = CliRunner()
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "notes.txt").write_text("mine", encoding="utf-8")
    used = runner.invoke(app, ["init", str(tmp_path / "used")])
    assert used.exit_code == 2 and "not an empty folder" in used.stderr
    assert sorted(p.name for p in (tmp_path / "used").iterdir()) == ["notes.txt"]
    bad = runner.invoke(app, ["init", str(tmp_path / "new"), "--body", "Board: North"])
    assert bad.exit_code == 2 and "without # : { } [ ]" in bad.stderr
    assert not (tmp_path / "new").exists()
