"""`govgraph --help` and friends: whole descriptions, examples, plain argument names, -V, completion,
and a suggestion for a mistyped question id."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from govgraph.cli.app import app
from typer.testing import CliRunner

runner = CliRunner()


def _help(*args: str) -> str:
    result = runner.invoke(app, [*args, "--help"], env={"COLUMNS": "100"}, terminal_width=100)
    assert result.exit_code == 0, result.output
    return result.stdout


def _commands(text: str) -> list[str]:
    block = text.split("Commands:\n", 1)[1].split("\n\n", 1)[0]
    return [line.split()[0] for line in block.splitlines() if line.startswith("  ") and not line.startswith("   ")]


def test_the_command_list_has_whole_descriptions_and_three_examples():
    text = _help()
    commands = _commands(text)
    assert {"build", "check", "can", "init", "import", "diff", "schema", "query"} <= set(commands)
    listing = text.split("Commands:\n", 1)[1].split("\n\n", 1)[0]
    assert "..." not in listing
    assert "Can WHO decide MATTER (or sign a document) for an organisation?" in " ".join(listing.split())
    examples = text.split("Examples:\n", 1)[1].splitlines()
    assert len([line for line in examples if line.strip().startswith("govgraph ")]) == 3


def test_the_main_examples_run_as_written(tmp_path):
    text = _help()
    lines = [line.strip().split("  #")[0].strip() for line in text.split("Examples:\n", 1)[1].splitlines()
             if line.strip().startswith("govgraph ")]
    for line in lines:
        args = [a.strip('"') for a in re.findall(r'"[^"]*"|\S+', line)][1:]
        args = [str(tmp_path / a) if a == "my-board" else a for a in args]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (line, result.output)


def _all_usages() -> list[str]:
    usages = []
    for command in _commands(_help()):
        text = _help(command)
        usages.append(text.splitlines()[0].removeprefix("Usage: "))
        if command == "query":
            usages += [_help("query", sub).splitlines()[0].removeprefix("Usage: ") for sub in _commands(text)]
    return usages


def test_argument_names_read_the_same_everywhere():
    usages = _all_usages()
    joined = "\n".join(usages)
    assert "{" not in joined and "<" not in joined, joined
    assert "govgraph can [OPTIONS] WHO MATTER [SOURCES]..." in usages
    assert "govgraph build [OPTIONS] [SOURCES]..." in usages
    assert "govgraph explain [OPTIONS] NAME [SOURCES]..." in usages
    assert "govgraph init [OPTIONS] DIR" in usages
    for name in ("can", "check", "map", "query", "diff"):
        options = _help(*(["query", "run"] if name == "query" else [name]))
        assert "<str>" not in options and "<list[" not in options and "<Path>" not in options, name
        assert not re.search(r"--\S+ (LIST|STR|TEXT)\[", options), name  # a list option reads as its item's word
    assert re.search(r"-p, --param TEXT ", _help("query", "run"))


def test_version_short_and_long():
    for flag in ("-V", "--version"):
        result = runner.invoke(app, [flag])
        assert result.exit_code == 0 and re.fullmatch(r"govgraph \d+\.\d+\.\d+\S*\n", result.stdout)


def test_shell_completion_is_offered_and_completes_commands():
    assert "--install-completion" in _help()
    script = runner.invoke(app, ["--show-completion", "bash"])
    assert script.exit_code == 0 and "_govgraph_completion" in script.stdout
    env = {**os.environ, "_GOVGRAPH_COMPLETE": "complete_bash", "COMP_WORDS": "govgraph di", "COMP_CWORD": "1"}
    script_path = Path(sys.executable).parent / "govgraph"  # the console script pip installed
    done = subprocess.run([str(script_path)], env=env, capture_output=True, text=True, timeout=120)
    assert "diff" in done.stdout.split()


@pytest.mark.parametrize("typo,closest", [("members-of-bdy", "members-of-body"), ("who-decide", "who-decides")])
def test_query_run_suggests_the_closest_question_id(typo, closest):
    result = runner.invoke(app, ["query", "run", typo])
    assert result.exit_code == 2
    assert f"no question '{typo}'; did you mean {closest}?" in result.stderr
