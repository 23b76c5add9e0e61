"""Bad sources: a clear error naming file, line and field, exit 2, and nothing written."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from govgraph.cli.app import app
from typer.testing import CliRunner

VALID = """\
dataset:
  id: tiny
  title: Tiny arrangement
  base: https://example.org/tiny/
documents:
  - id: minutes
    kind: board-paper
    label: Minutes of the first meeting
    date: 2020-03-01
    source: minutes page 1
organisations:
  - id: council
    kind: district-council
    label: Example District Council
    source: minutes item 1
  - id: board
    kind: board
    label: Example Board
    source: minutes item 2
memberships:
  - id: council-on-board
    label: Example District Council on the Example Board
    member: council
    body: board
    voting: voting
    source: minutes item 2
"""

# (name, text to replace, replacement, expected words in the message, expected line)
MISTAKES = [
    ("unknown reference", "body: board", "body: bord", "'bord' does not match any record id", 24),
    ("reference to the wrong section", "member: council", "member: minutes", "is a record of documents", 23),
    ("duplicate id", "id: board", "id: council", "already used", 16),
    ("impossible date", "date: 2020-03-01", "date: 2020-02-30", "not a real calendar day", 9),
    ("ambiguous date", "date: 2020-03-01", "date: 1/3/20", "ambiguous", 9),
    ("unknown kind", "kind: board\n", "kind: quango\n", "unknown kind 'quango'", 17),
    ("missing source", "    source: minutes item 1\n", "", "has no source", 12),
    ("source in an unknown document", "source: minutes item 1", "source: agenda item 1", "'agenda' does not match", 15),
    ("malformed YAML", "  - id: board\n", "  - id: board\n   oops: [\n", "not valid YAML", None),
    ("unknown field", "    voting: voting\n", "    voting: voting\n    chair: yes\n", "'chair' is not a field", 26),
    ("value outside an enumeration", "voting: voting", "voting: sometimes", "not one of the values", 25),
    ("missing required field", "    voting: voting\n", "", "lacks the required field 'voting'", 21),
    ("unknown section", "memberships:", "members:", "'members' is not a section", 20),
    ("key given twice", "    label: Example Board\n", "    label: Example Board\n    label: Again\n", "appears twice", 19),
]


def _write(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "arrangement.yaml").write_text(text, encoding="utf-8")
    return folder


def test_the_valid_fixture_builds(tmp_path):
    result = CliRunner().invoke(app, ["build", str(_write(tmp_path, VALID)), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "graph.ttl").exists()


@pytest.mark.parametrize("name,old,new,words,line", MISTAKES, ids=[m[0] for m in MISTAKES])
def test_mistake_is_reported_with_place_and_fix(tmp_path, name, old, new, words, line):
    assert old in VALID
    source = _write(tmp_path, VALID.replace(old, new, 1))
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", str(source), "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert words in result.stderr
    location = f"arrangement.yaml:{line}:" if line else "arrangement.yaml:"
    assert location in result.stderr
    assert "fix:" in result.stderr and "nothing was written" in result.stderr
    assert not out.exists()


def test_existing_output_is_left_untouched_on_error(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("previous build", encoding="utf-8")
    source = _write(tmp_path, VALID.replace("body: board", "body: nowhere"))
    result = CliRunner().invoke(app, ["build", str(source), "--out", str(out)])
    assert result.exit_code == 2
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "previous build"
    assert sorted(p.name for p in out.iterdir()) == ["graph.ttl"]


def test_every_problem_is_reported_in_one_run(tmp_path):
    text = VALID.replace("body: board", "body: bord").replace("date: 2020-03-01", "date: 2020-13")
    result = CliRunner().invoke(app, ["build", str(_write(tmp_path, text)), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "2 problems" in result.stderr


def test_missing_path_and_empty_folder(tmp_path):
    runner = CliRunner()
    missing = runner.invoke(app, ["build", str(tmp_path / "nope")])
    assert missing.exit_code == 2 and "no such file or folder" in missing.stderr
    (tmp_path / "empty").mkdir()
    empty = runner.invoke(app, ["build", str(tmp_path / "empty")])
    assert empty.exit_code == 2 and "no YAML source files" in empty.stderr


def test_file_that_is_not_utf8(tmp_path):
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "a.yaml").write_bytes(VALID.encode("utf-8") + b"# \xff\xfe\n")
    result = CliRunner().invoke(app, ["build", str(folder)])
    assert result.exit_code == 2 and "not UTF-8" in result.stderr


def _laughs(levels: int, use: str) -> str:
    """A "billion laughs" file: each level an anchored list of nine aliases of the one before."""
    lines = ['laugh0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"laugh{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(1, levels)]
    return VALID.replace("dataset:", "\n".join(lines).replace("laugh", "# laugh") + "\ndataset:", 1).replace(
        "documents:", "\n".join(f"{line.split(':')[0].lstrip('# ')}:{line.split(':', 1)[1]}" for line in lines)
        + "\ndocuments:", 1).replace(*use)


LAUGH_USES = {"an id": ("id: council\n", "id: *l{top}\n"), "a kind": ("kind: board\n", "kind: *l{top}\n")}


@pytest.mark.parametrize("command", ["build", "check"])
@pytest.mark.parametrize("use", sorted(LAUGH_USES))
def test_billion_laughs_are_refused_with_a_line_and_nothing_written(tmp_path, command, use):
    old, new = LAUGH_USES[use]
    text = _laughs(9, (old, new.format(top=8)))
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "arrangement.yaml").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    args = [sys.executable, "-m", "govgraph", command, str(folder)] + (["--out", str(out)] if command == "build" else [])
    done = subprocess.run(args, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONFAULTHANDLER": "1"})
    said = done.stdout + done.stderr  # check reports findings on standard output
    assert done.returncode == 2, said[-500:]
    assert "arrangement.yaml:" in said and "aliases (*name) in this file would expand it to over" in said
    assert "Traceback" not in said and len(said) < 3000
    assert not out.exists()


def test_a_large_aliased_value_is_quoted_short(tmp_path):
    """Within the allowance (9**4 values) an alias may be used, but a message quotes it cut short."""
    text = _laughs(4, ("id: council\n", "id: *l3\n"))
    result = CliRunner().invoke(app, ["build", str(_write(tmp_path, text)), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "is missing or not a valid id" in result.stderr
    [line] = [line for line in result.stderr.splitlines() if "is missing or not a valid id" in line]
    assert len(line) < 300 and "..." in line


# (name, how to spoil the source folder, words in the message, file named in the message)
def _folder_named_yaml(folder: Path) -> None:
    (folder / "x.yaml").mkdir()


def _symlink_loop(folder: Path) -> None:
    os.symlink("l2.yaml", folder / "l1.yaml")
    os.symlink("l1.yaml", folder / "l2.yaml")


def _broken_symlink(folder: Path) -> None:
    os.symlink("nowhere.yaml", folder / "b.yaml")


def _fifo(folder: Path) -> None:
    os.mkfifo(folder / "p.yaml")


def _edit(old: str, new: str):  # type: ignore[no-untyped-def]
    def spoil(folder: Path) -> None:
        path = folder / "arrangement.yaml"
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return spoil


SPOILED = [
    ("a folder named x.yaml", _folder_named_yaml, "this is a folder, but its name ends in .yaml", "x.yaml:"),
    ("a symbolic link loop", _symlink_loop, "symbolic link in a loop", "l1.yaml:"),
    ("a broken symbolic link", _broken_symlink, "broken symbolic link", "b.yaml:"),
    ("a FIFO named p.yaml", _fifo, "not a regular file", "p.yaml:"),
    ("kind: [x]", _edit("kind: board\n", "kind: [x]\n"), "unknown kind ['x']", "arrangement.yaml:17:"),
    ("an id with a trailing newline", _edit("id: board\n", 'id: "board\\n"\n'), "the id 'board\\n' is missing or not a valid id",
     "arrangement.yaml:16:"),
    ("a base with a space and >", _edit("base: https://example.org/tiny/", 'base: "https://ex ample.org/>"'),
     "is not an absolute IRI", "arrangement.yaml:4:"),
    ("a relative base", _edit("base: https://example.org/tiny/", "base: tiny/"), "is not an absolute IRI", "arrangement.yaml:4:"),
    ("extends: .", _edit("  base: https://example.org/tiny/\n", "  base: https://example.org/tiny/\n  extends: .\n"),
     "the arrangement extends itself", "arrangement.yaml:5:"),
    ("no records at all", _edit(VALID, "dataset: {id: e, title: E, base: 'https://example.org/e/'}\n"),
     "hold no records", "src:"),
]


@pytest.mark.parametrize("command", ["build", "check"])
@pytest.mark.parametrize("name,spoil,words,where", SPOILED, ids=[s[0] for s in SPOILED])
def test_spoiled_sources_are_a_clear_error_and_nothing_is_written(tmp_path, command, name, spoil, words, where):
    """Each through the real command in a child process (a FIFO would hang it: the timeout fails the test)."""
    folder = _write(tmp_path, VALID)
    spoil(folder)
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("previous build", encoding="utf-8")
    args = [sys.executable, "-m", "govgraph", command, str(folder)] + (["--out", str(out)] if command == "build" else [])
    done = subprocess.run(args, capture_output=True, text=True, timeout=120)
    said = done.stdout + done.stderr
    assert done.returncode == 2, said[-800:]
    assert words in said and where in said, said[-800:]
    assert "Traceback" not in said
    assert sorted(p.name for p in out.iterdir()) == ["graph.ttl"]
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "previous build"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file, so an unreadable file cannot be made")
def test_an_unreadable_file_is_a_clear_error(tmp_path):
    folder = _write(tmp_path, VALID)
    (folder / "secret.yaml").write_text("organisations: []\n", encoding="utf-8")
    (folder / "secret.yaml").chmod(0)
    result = CliRunner().invoke(app, ["build", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2 and "secret.yaml: this file cannot be read" in result.stderr


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux's /proc")
def test_a_file_that_fails_to_read_is_a_clear_error(tmp_path):
    """As root every file is readable; /proc/self/mem is a regular file whose read fails (EIO)."""
    folder = _write(tmp_path, VALID)
    os.symlink("/proc/self/mem", folder / "mem.yaml")
    result = CliRunner().invoke(app, ["build", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    assert "mem.yaml: this file cannot be read" in result.stderr and not (tmp_path / "out").exists()
