"""One mistake, one error: the cause is shown first, and what it set off is summarised in one line.

Each case breaks one thing in a copy of the built-in arrangement that hundreds of references
depend on. Before, each gave a long list of "does not match any record id" with the cause buried
in the middle of it.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from govgraph.cli.app import app
from govgraph.graph_builder import builtin_path
from typer.testing import CliRunner

# (name, file, text to replace, replacement, words of the first error, its line, words of the summary)
CASCADES = [
    ("unclosed bracket", "organisations.yaml", "    aliases: [Fenland]\n", "    aliases: [Fenland\n",
     "not valid YAML", 44, "references to records in organisations.yaml were not checked because that file could not be read"),
    ("duplicated key", "organisations.yaml", "    label: Fenland District Council\n",
     "    label: Fenland District Council\n    label: Fenland\n",
     "appears twice", 43, "references to records in organisations.yaml were not checked"),
    ("wrong document kind", "documents.yaml", "  - id: paper\n    kind: board-paper\n",
     "  - id: paper\n    kind: paper\n", "unknown kind 'paper'", 5,
     "references to 'paper' were not checked because that record was rejected for its kind"),
    ("misspelt section name", "organisations.yaml", "organisations:\n", "organisation:\n",
     "'organisation' is not a section", 3, "references to records of this section were not checked because"),
    ("tab in the indentation", "people-and-posts.yaml", "    kind: chair\n", "\tkind: chair\n",
     "not valid YAML", None, "references to records in people-and-posts.yaml were not checked"),
    ("file not UTF-8", "documents.yaml", "# Documents and their versions.", "# Documents \udcff and their versions.",
     "not UTF-8", None, "references to records in documents.yaml were not checked"),
    ("a file that is a list", "matters.yaml", "matters:\n", "- matters:\n",
     "must be a mapping of section names", 1, "references to records in matters.yaml were not checked"),
]


def _broken_copy(tmp_path: Path, file: str, old: str, new: str) -> Path:
    folder = tmp_path / "arrangement"
    shutil.copytree(builtin_path(), folder)
    text = (folder / file).read_text(encoding="utf-8")
    assert old in text, old
    (folder / file).write_bytes(text.replace(old, new, 1).encode("utf-8", "surrogateescape"))
    return folder


@pytest.mark.parametrize("name,file,old,new,first,line,summary", CASCADES, ids=[c[0] for c in CASCADES])
def test_the_first_error_is_the_cause(tmp_path, name, file, old, new, first, line, summary):
    folder = _broken_copy(tmp_path, file, old, new)
    result = CliRunner().invoke(app, ["build", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert lines[0] == "error: 1 problem in the sources; nothing was written", result.stderr
    where = f"{folder / file}:{line}:" if line else f"{folder / file}:"
    assert lines[1].startswith(where) and first in lines[1], result.stderr
    # the knock-on errors are one line, not hundreds
    assert "does not match any record id" not in result.stderr
    knock_on = [x for x in lines if "were not checked" in x]
    assert len(knock_on) == 1 and summary in knock_on[0], result.stderr
    count = int(knock_on[0].split(": ", 1)[1].split()[0])
    assert count > 10
    assert not (tmp_path / "out").exists()


def test_check_lists_the_cause_first_and_the_summary_as_a_note(tmp_path):
    folder = _broken_copy(tmp_path, "organisations.yaml", "    aliases: [Fenland]\n", "    aliases: [Fenland\n")
    result = CliRunner().invoke(app, ["check", str(folder), "--format", "json"])
    assert result.exit_code == 2
    findings = json.loads(result.stdout)["findings"]
    assert [(f["severity"], f["line"]) for f in findings] == [("error", 44), ("info", None)]
    assert "not valid YAML" in findings[0]["message"]


def test_an_extension_whose_dataset_block_is_rejected(tmp_path):
    """The plan of November 2016 extends the built-in arrangement: a bad key in its dataset block
    loses the whole base, which is one line, not a hundred."""
    plan = tmp_path / "plan"
    shutil.copytree(builtin_path("cp_stp_mou_nov2016_plan"), plan)
    (tmp_path / "cp_stp_mou").symlink_to(builtin_path(), target_is_directory=True)
    text = (plan / "dataset.yaml").read_text(encoding="utf-8")
    (plan / "dataset.yaml").write_text(text.replace("  extends:", "  extend-note: x\n  extends:"), encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(plan), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert "the dataset block takes only" in lines[1]
    assert "does not match any record id" not in result.stderr
    assert any("references to records of cp_stp_mou were not checked" in x for x in lines), result.stderr


def test_a_real_typo_next_to_an_unreadable_file_is_still_reported(tmp_path):
    """Only references into what could not be read are summarised; others are checked as usual."""
    folder = _broken_copy(tmp_path, "organisations.yaml", "    aliases: [Fenland]\n", "    aliases: [Fenland\n")
    members = folder / "memberships.yaml"
    members.write_text(members.read_text(encoding="utf-8").replace("member: hwb-district-officer",
                                                                   "member: hwb-distrct-officer"), encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith("error: 2 problems")
    assert "not valid YAML" in lines[1]
    assert "'hwb-distrct-officer' does not match any record id" in result.stderr
    assert "did you mean hwb-district-officer" in result.stderr
