"""Every command example in README.md, docs/*.md and every command's --help runs as written.

Collected afresh on each run, so an example added anywhere is tested at once:
- fenced and indented code blocks of README.md and docs/*.md: each line that starts with
  `govgraph`, `python`, `cat`, `curl` or `$ ` (a console block, where the lines after a command, up to
  the next `$ `, are its output);
- the lines under "Examples:" in `govgraph ... --help` of every command and sub-command.

Each example runs in a shell, in a scratch folder holding `datasets/` and `benchmarks/` of this
repository and stand-ins for the files the docs call yours (`my-arrangement/` and `my-board/` are
copies of the built-in dataset, `my-question.rq` a small query). The exit code must be 0, or the
N of an "exit N" in the example's comment. Printed output must appear in order: each shown line
matches one line of the output, `...` standing for any text; an example that shows no output
must not answer "No results". Examples that name the endpoint
`http://127.0.0.1:7878` run against a real Oxigraph server on a free loopback port (with the
built-in arrangement pushed into its default graph, and `my-arrangement/` into the named graph
the docs use); those naming `http://127.0.0.1:7879` (the default of `govgraph serve`) run against
`govgraph serve` of the built-in arrangement on a free loopback port. Skipped, each with its reason: installing packages (network), the test suite
itself, `govgraph serve` (a server that runs until stopped: tests/queries/test_serve.py starts it
on loopback), and the benchmarks (minutes to hours: tests/benchmarks runs them on small sizes).
"""
from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from govgraph.cli.app import app
from typer.main import get_command
from typer.testing import CliRunner

from .queries.sharing_support import oxigraph, running

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
COMMAND = re.compile(r"^(?:\$ )?(?:govgraph |python3? |cat |curl )")
DOCUMENTED_ENDPOINT = "http://127.0.0.1:7878"
DOCUMENTED_SERVE = "http://127.0.0.1:7879"
NAMED_GRAPH = "https://example.org/graphs/mine"
SKIPS = [
    (re.compile(r"pip install"), "installs packages from the network"),
    (re.compile(r"-m pytest"), "the test suite itself"),
    (re.compile(r"^govgraph serve\b"), "a server that runs until stopped; tests/queries/test_serve.py starts it on loopback"),
    (re.compile(r"^python3? benchmarks/"), "a benchmark (minutes to hours); tests/benchmarks runs each on a small size"),
    (re.compile(r"--scale 0\.045|synth-100k"), "benchmark-sized data (100,000 triples); tests/datasets runs synth on small scales"),
]
MY_QUESTION = "SELECT ?body WHERE { ?body a/rdfs:subClassOf* gg:Board }\n"


@dataclass(frozen=True)
class Example:
    where: str
    command: str
    exit_code: int
    output: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.where}: {self.command}"


def _strip_comment(line: str) -> tuple[str, str]:
    """The command and its trailing `# comment` (a # outside quotes, after a space)."""
    quote = ""
    for at, char in enumerate(line):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "#" and at and line[at - 1] == " ":
            return line[:at].rstrip(), line[at + 1:].strip()
    return line.rstrip(), ""


def _example(where: str, line: str, output: list[str]) -> Example:
    command, comment = _strip_comment(line.strip().removeprefix("$ "))
    code = re.search(r"\bexit (\d)\b", comment)
    return Example(where, command, int(code.group(1)) if code else 0, tuple(o for o in output if o.strip()))


def _blocks(text: str) -> list[tuple[int, list[str]]]:
    """(first line number, lines) of every fenced block and every indented block."""
    blocks, lines = [], text.splitlines()
    at = 0
    while at < len(lines):
        if lines[at].lstrip().startswith("```"):
            end = next((i for i in range(at + 1, len(lines)) if lines[i].lstrip().startswith("```")), len(lines))
            blocks.append((at + 2, lines[at + 1:end]))
            at = end + 1
        elif lines[at].startswith("    ") and (at == 0 or not lines[at - 1].strip()):
            end = next((i for i in range(at, len(lines)) if not lines[i].startswith("    ")), len(lines))
            blocks.append((at + 1, [ln[4:] for ln in lines[at:end]]))
            at = end
        else:
            at += 1
    return blocks


def doc_examples() -> list[Example]:
    found = []
    for path in DOCS:
        for first, lines in _blocks(path.read_text(encoding="utf-8")):
            console = any(ln.startswith("$ ") for ln in lines)
            for i, line in enumerate(lines):
                if console and not line.startswith("$ "):
                    continue
                if not COMMAND.match(line.strip()):
                    continue
                output = []
                if console:
                    output = [o for o in lines[i + 1:][:next((j for j, o in enumerate(lines[i + 1:]) if o.startswith("$ ")),
                                                              len(lines) - i - 1)]]
                found.append(_example(f"{path.relative_to(ROOT)}:{first + i}", line, output))
    return found


def help_examples() -> list[Example]:
    found = []

    def walk(command, path: list[str]) -> None:  # type: ignore[no-untyped-def]
        text = CliRunner().invoke(app, [*path, "--help"]).stdout
        if "Examples:" in text:
            for line in text.split("Examples:", 1)[1].splitlines()[1:]:
                if not line.strip():
                    break
                if COMMAND.match(line.strip()):
                    found.append(_example(f"govgraph {' '.join(path)} --help".replace("  ", " "), line, []))
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            walk(sub, [*path, name])

    walk(get_command(app), [])
    return found


EXAMPLES = doc_examples() + help_examples()


def _skip_reason(example: Example) -> str | None:
    return next((reason for pattern, reason in SKIPS if pattern.search(example.command)), None)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("examples")
    for name in ("datasets", "benchmarks"):
        (folder / name).symlink_to(ROOT / name)
    (folder / "docs").mkdir()
    for mine in ("my-arrangement", "my-board"):
        shutil.copytree(ROOT / "datasets" / "cp_stp_mou", folder / mine)
    (folder / "my-question.rq").write_text(MY_QUESTION, encoding="utf-8")
    return folder


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "GOVGRAPH_ENDPOINT")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["CI"] = "true"  # no progress lines
    return env


def _shell(command: str, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-c", command], cwd=cwd, env=_env(), capture_output=True, text=True,
                          timeout=timeout, check=False)


@pytest.fixture(scope="module")
def endpoint(scratch: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A real Oxigraph server on loopback holding the built-in arrangement and `my-arrangement/`."""
    with oxigraph(tmp_path_factory.mktemp("oxigraph")) as url:
        for command in (f"govgraph push --endpoint {url}/store",
                        f"govgraph push my-arrangement/ --endpoint {url}/store --graph {NAMED_GRAPH}"):
            done = _shell(command, scratch)
            assert done.returncode == 0, done.stderr
        yield url


@pytest.fixture(scope="module")
def served(builtin):  # type: ignore[no-untyped-def]
    """`govgraph serve` of the built-in arrangement on a free loopback port."""
    with running(builtin) as server:
        yield server.url.rstrip("/")


def _run(command: str, cwd: Path, request: pytest.FixtureRequest) -> tuple[int, str, str]:
    """Exit code, standard output and standard error. A plain `govgraph ...` runs in this process
    (the same CLI object the console script calls: Python's start-up is the only difference);
    anything with shell syntax (pipes, redirection, other programs) runs in bash."""
    words = shlex.split(command)
    if words[0] == "govgraph" and not set(words) & {"|", ">", "<", "&&", ";"} and not any(
            w.startswith((">", "|")) for w in words):
        monkeypatch = request.getfixturevalue("monkeypatch")
        monkeypatch.chdir(cwd)
        monkeypatch.setenv("CI", "true")
        result = CliRunner().invoke(app, words[1:])
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return result.exit_code, result.stdout, result.stderr
    done = _shell(command, cwd)
    return done.returncode, done.stdout, done.stderr


def _matches(shown: tuple[str, ...], printed: str) -> str | None:
    """None if every shown line matches a printed line, in order; else the first one that does not."""
    lines = [ln.rstrip() for ln in printed.splitlines()]
    at = 0
    for want in shown:
        pattern = re.compile(".*".join(re.escape(part) for part in want.strip().split("...")))
        hit = next((i for i in range(at, len(lines)) if pattern.fullmatch(lines[i].strip())), None)
        if hit is None:
            return want
        at = hit + 1
    return None


@pytest.mark.parametrize("example", EXAMPLES, ids=str)
def test_example_runs_as_written(example: Example, scratch: Path, request: pytest.FixtureRequest) -> None:
    reason = _skip_reason(example)
    if reason:
        pytest.skip(reason)
    command = example.command
    shown = example.output
    if DOCUMENTED_ENDPOINT in command:
        url = request.getfixturevalue("endpoint")
        command = command.replace(DOCUMENTED_ENDPOINT, url)
        shown = tuple(line.replace(DOCUMENTED_ENDPOINT, url) for line in shown)
    if DOCUMENTED_SERVE in command:
        url = request.getfixturevalue("served")
        command = command.replace(DOCUMENTED_SERVE, url)
        shown = tuple(line.replace(DOCUMENTED_SERVE, url) for line in shown)
    if "screenshot" in command and shutil.which("chromium") is None:
        pytest.skip("needs Debian's chromium")
    code, out, err = _run(command, scratch, request)
    printed = out + err
    assert code == example.exit_code, f"{example}\nexit {code}, expected {example.exit_code}\n{printed[-3000:]}"
    missing = _matches(shown, out + err) and _matches(shown, err + out)  # in order, within either stream order
    if not shown:  # an example that answers nothing shows nothing: unless its text says so, it is broken
        assert "No results:" not in out, f"{example}\nthe example answers nothing:\n{printed[-3000:]}"
        if "csv" in command and ">" not in command:  # a CSV answer with a header line only
            assert len([ln for ln in out.splitlines() if ln.strip()]) > 1, f"{example}\nno rows:\n{printed[-3000:]}"
    assert missing is None, f"{example}\nthe shown line\n  {missing}\nis not in the output:\n{printed[-3000:]}"


def test_examples_are_found():
    """The collector sees the examples of every source (a broken parser would otherwise pass)."""
    where = {e.where.split(":")[0].split(" --help")[0] for e in EXAMPLES}
    assert {"README.md", "docs/checks.md", "docs/queries.md", "docs/sharing.md"} <= where
    assert any(w.startswith("govgraph can") for w in where) and any(w.startswith("govgraph query run") for w in where)
    assert len(EXAMPLES) >= 50
