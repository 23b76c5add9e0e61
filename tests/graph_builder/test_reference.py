"""The field reference and the JSON Schema are generated from schema.yaml, current, and right."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from govgraph.cli.app import app
from govgraph.graph_builder import SourceError, builtin_path
from govgraph.graph_builder.records import source_files
from govgraph.graph_builder.reference import BEGIN, END, field_reference, json_schema, json_schema_text, packaged_json_schema_path
from govgraph.graph_builder.schema import load_schema
from govgraph.graph_builder.yaml_source import read_yaml
from typer.testing import CliRunner

from .test_bad_input import MISTAKES, VALID

ROOT = Path(__file__).resolve().parents[2]
REGENERATE = "out of date: run `python -m govgraph.graph_builder.reference` and commit the result"

# Bad-input fixtures that no JSON Schema can catch: they need other files, the calendar, the
# parser, or the whole arrangement. Every other fixture is a schema error and must fail it.
NOT_SCHEMA_ERRORS = {
    "unknown reference": "whether an id exists is known only from all files together",
    "reference to the wrong section": "the section of the record an id names is in another file",
    "duplicate id": "ids are unique across files",
    "impossible date": "2020-02-30 has the form of a day; the calendar refuses it",
    "source in an unknown document": "the document is a record in another file",
    "malformed YAML": "not YAML at all: the parser refuses it before any schema",
    "key given twice": "the YAML parser keeps one of the two keys; govgraph's loader refuses it",
}


def _validator() -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(json_schema())


def test_the_docs_reference_is_current():
    page = (ROOT / "docs" / "source-format.md").read_text(encoding="utf-8")
    assert BEGIN in page and END in page
    generated = page[page.index(BEGIN):page.index(END) + len(END)] + "\n"
    assert generated == field_reference(), f"docs/source-format.md's field reference is {REGENERATE}"


def test_the_packaged_json_schema_is_current():
    assert packaged_json_schema_path().read_text(encoding="utf-8") == json_schema_text(), \
        f"graph_builder/source.schema.json is {REGENERATE}"


def test_the_reference_names_every_section_kind_and_field():
    reference = field_reference()
    for section in load_schema().sections.values():
        assert f"### {section.name}\n" in reference
        for kind in section.kinds:
            assert f"`{kind}`" in reference
        for field in section.fields:
            assert f"| `{field}` |" in reference, (section.name, field)
    assert "`non-voting`" in reference and "`not-stated`" in reference


def test_each_section_example_validates():
    """The example record under each section is valid against the schema (ids it names aside)."""
    reference = field_reference()
    examples = [block.split("```", 1)[0] for block in reference.split("```yaml\n")[1:]]
    assert len(examples) == len(load_schema().sections)
    validator = _validator()
    for text in examples:
        assert not list(validator.iter_errors(read_yaml_text(text))), text


def test_the_schema_is_valid_draft_7():
    jsonschema.Draft7Validator.check_schema(json_schema())


@pytest.mark.parametrize("name", ["cp_stp_mou", "cp_stp_mou_nov2016_plan"])
def test_builtin_datasets_validate(name):
    validator = _validator()
    for path in source_files([builtin_path(name)]):
        errors = [f"{path.name}: {list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(read_yaml(path))]
        assert not errors, errors


def test_the_valid_bad_input_fixture_validates():
    assert not list(_validator().iter_errors(read_yaml_text(VALID)))


@pytest.mark.parametrize("name,old,new", [(m[0], m[1], m[2]) for m in MISTAKES if m[0] not in NOT_SCHEMA_ERRORS],
                         ids=[m[0] for m in MISTAKES if m[0] not in NOT_SCHEMA_ERRORS])
def test_each_schema_error_fixture_fails_the_schema(name, old, new):
    try:
        document = read_yaml_text(VALID.replace(old, new, 1))
    except SourceError:
        pytest.skip("the YAML parser refuses this fixture before any schema could see it")
    errors = list(_validator().iter_errors(document))
    assert errors, (f"the JSON Schema accepts the bad-input fixture {name!r}: if no schema could catch it "
                    "(it needs other files or the calendar), add it to NOT_SCHEMA_ERRORS with the reason")


def read_yaml_text(text: str):
    """As an editor's language server reads a file (YAML 1.2: dates stay text)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.yaml"
        path.write_text(text, encoding="utf-8")
        return read_yaml(path)


def test_schema_command_writes_the_packaged_schema(tmp_path):
    runner = CliRunner()
    printed = runner.invoke(app, ["schema"])
    assert printed.exit_code == 0
    assert json.loads(printed.stdout) == json_schema()
    out = tmp_path / "govgraph.schema.json"
    written = runner.invoke(app, ["schema", "--out", str(out)])
    assert written.exit_code == 0 and out.read_text(encoding="utf-8") == printed.stdout
    markdown = runner.invoke(app, ["schema", "--format", "md"])
    assert markdown.exit_code == 0 and markdown.stdout == field_reference()
    bad = runner.invoke(app, ["schema", "--format", "xml"])
    assert bad.exit_code == 2 and "json, md" in bad.stderr
