"""Every command example in README.md, docs/*.md and every command's --help runs as written.

Collected afresh on each run, so an example added anywhere is tested at once:
- fenced and indented code blocks of README.md and docs/*.md: each line that starts with
  `govgraph`, `python`, `cat`, `curl` or `$ ` (a console block, where the lines after a command, up to
  the next `$ `, are its output), after any `NAME=value` settings of the environment;
- the lines under "Examples:" in `govgraph ... --help` of every command and sub-command.

Each example runs in a working folder of its own, laid out as a clone of this repository
(`datasets/`, `tests/`, `benchmarks/`, an empty `docs/`) with the files the docs call yours:
`my-arrangement/` (a copy of the built-in arrangement) and `my-question.rq`. What an example reads
that an earlier step of the docs makes is made first by that step, itself a documented example
(PREREQUISITES: `my-board/` by `govgraph init`, `members.xlsx` by `govgraph export`, `synth-100k/`
by `govgraph synth`, the page a screenshot is taken of by `govgraph map`); `diff --rev` gets a git
repository in which `datasets/cp_stp_mou` has two revisions (a membership added in the second);
`/tmp/` is a folder inside the working folder. The exit code must be 0, or the N of an "exit N" in
the example's comment. Printed output must appear in order: each shown line matches one line of
the output, `...` standing for any text; an example that shows no output must not answer
"No results" or "No changes".

Servers: examples that name `http://127.0.0.1:7878` run against a real Oxigraph server on a free
loopback port (the built-in arrangement pushed into its default graph, `my-arrangement/` into the
named graph the docs use); those naming `http://127.0.0.1:7879` (the default of `govgraph serve`)
against `govgraph serve` of the built-in arrangement on a free loopback port. `govgraph serve`
examples start the server as written, but on 127.0.0.1 and a free port (`--port 0`); the test asks
it what the shown log lines show (or for / and one query), then stops it with Ctrl-C (SIGINT).

NOT_RUN lists, each with its reason, the examples (or parts of an `a && b` example) that a test
cannot run; every other example runs.
"""
from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import pytest
from govgraph.cli.app import app
from typer.main import get_command
from typer.testing import CliRunner

from .queries.sharing_support import http, oxigraph, running

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
COMMAND = re.compile(r"^(?:\$ )?(?:[A-Z_]+=\S* )*(?:govgraph |python3? |cat |curl )")
DOCUMENTED_ENDPOINT = "http://127.0.0.1:7878"
DOCUMENTED_SERVE = "http://127.0.0.1:7879"
NAMED_GRAPH = "https://example.org/graphs/mine"
MY_QUESTION = "SELECT ?body WHERE { ?body a/rdfs:subClassOf* gg:Board }\n"

# Examples, or parts of `a && b` examples, that a test cannot run: exact text -> why not.
NOT_RUN = {
    "python3 -m pip install .": "installs govgraph from PyPI's build tools over the network",
    "python3 -m pip install -e '.[test]'": "installs packages from PyPI over the network",
    "python3 -m pytest": "the test suite itself, of which this test is a part",
    "python benchmarks/national.py": "the national benchmark at four sizes: over 30 minutes "
                                     "(tests/benchmarks/test_national.py runs it at 10k)",
    "python benchmarks/national.py --sizes 10k,100k": "the national benchmark at two sizes: about 4 minutes "
                                                     "(tests/benchmarks/test_national.py runs it at 10k)",
    "python benchmarks/national.py --sizes 10k,100k,1M,5M --repeat 5 --rdflib-limit 60 --command-limit 1800 "
    "--out /tmp/bench/t/national.json --work /tmp/bench/t/work":
        "the recorded national run: 33 minutes and several GB (tests/benchmarks/test_national.py runs it at 10k)",
    "GOVGRAPH_CACHE_DIR=/tmp/speed/benchcache python benchmarks/national.py --sizes 10k,100k,1M "
    "--rdflib-sizes 10k,100k --rule-sizes 10k --repeat 3 --e2e-repeat 5 --no-map "
    "--out /tmp/speed/bench/national.json --work /tmp/speed/bench/work":
        "the recorded run for issue 19, up to 1M triples: tens of minutes (tests/benchmarks/test_national.py runs it at 10k)",
    "GOVGRAPH_CACHE_DIR=/tmp/bench3/cache python benchmarks/national.py --sizes 1M --rdflib-sizes none "
    "--rule-sizes none --repeat 3 --e2e-repeat 5 --no-map --out /tmp/bench3/national.json --work /tmp/bench3/work":
        "the recorded national run at 1M triples: tens of minutes (tests/benchmarks/test_national.py runs it at 10k)",
    "GOVGRAPH_CACHE_DIR=/tmp/bench4/cache python benchmarks/national.py --sizes 10k,100k,1M --rdflib-sizes none "
    "--rule-sizes none --repeat 3 --e2e-repeat 5 --no-map --out /tmp/bench4/national.json --work /tmp/bench4/work":
        "the recorded national run up to 1M triples: about 5 minutes and 3 GB (tests/benchmarks/test_national.py runs it at 10k)",
    "GOVGRAPH_CACHE_DIR=/tmp/bench4/cache python benchmarks/national.py --sizes 5M --rdflib-sizes none "
    "--rule-sizes none --repeat 3 --e2e-repeat 5 --no-map --no-diy --out /tmp/bench4/national-5M.json --work /tmp/bench4/work":
        "the recorded national run at 5M triples: 20 minutes and 13 GB (tests/benchmarks/test_national.py runs it at 10k)",
    "GOVGRAPH_CACHE_DIR=/tmp/bench5/cache python benchmarks/national.py --sizes 10k,100k,1M --rdflib-sizes none "
    "--rule-sizes none --repeat 3 --e2e-repeat 5 --out /tmp/bench5/national.json --work /tmp/bench4/work":
        "the recorded national run up to 1M triples: about 5 minutes and 2 GB (tests/benchmarks/test_national.py runs it at 10k)",
    "GOVGRAPH_CACHE_DIR=/tmp/bench5/cache python benchmarks/national.py --sizes 5M --rdflib-sizes none "
    "--rule-sizes none --repeat 1 --e2e-repeat 3 --no-diy --out /tmp/bench5/national-5M.json --work /tmp/bench4/work":
        "the recorded national run at 5M triples: 17 minutes and 8 GB (tests/benchmarks/test_national.py runs it at 10k)",
    "GOVGRAPH_CACHE_DIR=/tmp/maps-cache govgraph check /tmp/bench4/work/synth-5M --format json -v":
        "the recorded check at 5M triples: 4 minutes and 8 GB (its sources made by `govgraph synth --scale 2.25`)",
    "GOVGRAPH_CACHE_DIR=/tmp/bench6/cache python benchmarks/national.py --sizes 10k,100k,1M --rdflib-sizes none "
    "--rule-sizes none --repeat 3 --e2e-repeat 5 --out /tmp/bench6/national.json --work /tmp/bench4/work":
        "the recorded national run up to 1M triples: about 5 minutes and 2 GB (tests/benchmarks/test_national.py runs it at 10k)",
    "GOVGRAPH_CACHE_DIR=/tmp/bench6/cache python benchmarks/national.py --sizes 5M --rdflib-sizes none "
    "--rule-sizes none --repeat 1 --e2e-repeat 3 --no-diy --out /tmp/bench6/national-5M.json --work /tmp/bench4/work":
        "the recorded national run at 5M triples: 20 minutes and 8 GB (tests/benchmarks/test_national.py runs it at 10k)",
    "GOVGRAPH_CACHE_DIR=/tmp/bench6/cache python benchmarks/two_installs.py /tmp/t29/bin/python .venv/bin/python "
    "/tmp/bench4/work/synth-1M":
        "needs a second environment with Typer 0.29 and the 1M arrangement: minutes "
        "(tests/benchmarks/test_two_installs.py runs it on a small arrangement)",
    "python benchmarks/rule_costs.py /tmp/bench4/work/synth-5M --layer logic":
        "the recorded OWL 2 RL rules at 5M triples: 2 minutes and 8 GB (its sources made by `govgraph synth --scale 2.25`)",
    "python benchmarks/answer_costs.py": "a benchmark at 1M triples, minutes on a loaded machine "
                                         "(tests/benchmarks/test_answer_costs.py runs it on a small arrangement)",
    "python benchmarks/delegation_can.py --scale 0.45 --repeat 7": "a benchmark at 1M triples: about 5 minutes",
    "python -m govgraph build /tmp/bench4/work/synth-1M --out /tmp/out-old -q":
        "a timed build at 1M triples (its sources made by `govgraph synth --scale 0.45`), against the code before",
    "python -m govgraph build /tmp/bench4/work/synth-1M --out /tmp/out-new -q":
        "a timed build at 1M triples (its sources made by `govgraph synth --scale 0.45`), against the code after",
    "govgraph check synth-100k": "HermiT on 100,000 triples takes over 5 minutes; the synth and build "
                                 "examples beside it run, and tests/datasets checks synthetic arrangements",
    "govgraph query run who-decides --endpoint https://store.example.org/sparql":
        "names a store on the internet (example.org), which a test must not reach",
    "GOVGRAPH_ENDPOINT_USER=dba GOVGRAPH_ENDPOINT_PASSWORD=dba govgraph push --endpoint "
    "http://127.0.0.1:8890/sparql-graph-crud-auth":
        "needs a Virtuoso server with its dba account on port 8890",
    "govgraph push --endpoint http://dba:PASSWORD@127.0.0.1:8890/sparql-graph-crud-auth --graph https://example.org/graphs/cp":
        "needs a Virtuoso server on port 8890 (tests/queries/test_stores.py pushes to a loopback Virtuoso the same way)",
    "govgraph query run who-decides --endpoint http://127.0.0.1:8890/sparql --graph https://example.org/graphs/cp":
        "needs a Virtuoso server on port 8890 (tests/queries/test_stores.py asks a loopback Virtuoso every question)",
}


@dataclass(frozen=True)
class Prerequisite:
    """What an example reads (`needs`) that a documented step (`command`) makes; not for the step itself."""
    needs: re.Pattern[str]
    command: str
    makes: re.Pattern[str]


PREREQUISITES = [
    Prerequisite(re.compile(r"\bmy-board\b"), 'govgraph init my-board --body "Fenland Health and Care Board"',
                 re.compile(r"^govgraph init my-board\b")),
    Prerequisite(re.compile(r"^govgraph import members\.xlsx\b"), "govgraph export my-board --format xlsx --out members.xlsx",
                 re.compile(r"^$")),
    Prerequisite(re.compile(r"\bsynth-100k\b"), "govgraph synth --scale 0.045 --seed 1 --out synth-100k",
                 re.compile(r"^govgraph synth ")),
    Prerequisite(re.compile(r"screenshot /tmp/govgraph-map\.html"), "govgraph map -q --out /tmp/govgraph-map.html",
                 re.compile(r"^$")),
]


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
                follow = i
                while line.rstrip().endswith("\\") and follow + 1 < len(lines):  # a command continued on the next line
                    follow += 1
                    line = f"{line.rstrip()[:-1].rstrip()} {lines[follow].strip()}"
                output: list[str] = []
                if console:  # the lines after it, up to the next command
                    after = lines[i + 1:]
                    output = after[:next((j for j, o in enumerate(after) if o.startswith("$ ")), len(after))]
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


def _parts(command: str) -> list[str]:
    """The commands of an `a && b` chain (a single command is a chain of one)."""
    return [part.strip() for part in command.split(" && ")]


def _to_run(example: Example) -> str | None:
    """The example's command without the parts NOT_RUN names; None if nothing is left."""
    left = [part for part in _parts(example.command) if part not in NOT_RUN]
    return " && ".join(left) or None


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "GOVGRAPH_ENDPOINT")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["CI"] = "true"  # no progress lines
    return env


def _shell(command: str, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-c", command], cwd=cwd, env=_env(), capture_output=True, text=True,
                          timeout=timeout, check=False)


def _clone_layout(folder: Path) -> Path:
    """A working folder laid out as a clone of this repository, with the files the docs call yours."""
    for name in ("datasets", "tests"):
        (folder / name).symlink_to(ROOT / name)
    shutil.copytree(ROOT / "benchmarks", folder / "benchmarks",  # its scripts write beside themselves
                    ignore=shutil.ignore_patterns("__pycache__"))
    (folder / "docs").mkdir()
    (folder / "tmp").mkdir()
    shutil.copytree(ROOT / "datasets" / "cp_stp_mou", folder / "my-arrangement")
    (folder / "my-question.rq").write_text(MY_QUESTION, encoding="utf-8")
    return folder


def _without_last_membership(memberships: str) -> str:
    """The memberships file without its last record (the membership the second revision adds)."""
    return memberships[:memberships.rindex("\n  - id: ") + 1]


def _git_history(folder: Path) -> None:
    """`datasets/cp_stp_mou` as a real folder in a git repository with two revisions: the second
    adds the last membership (what `diff --rev HEAD~1..HEAD` then reports)."""
    (folder / "datasets").unlink()
    (folder / "datasets").mkdir()
    for dataset in (ROOT / "datasets").iterdir():
        if dataset.name != "cp_stp_mou":
            (folder / "datasets" / dataset.name).symlink_to(dataset)
    ours = folder / "datasets" / "cp_stp_mou"
    shutil.copytree(ROOT / "datasets" / "cp_stp_mou", ours)
    memberships = (ours / "memberships.yaml").read_text(encoding="utf-8")
    (ours / "memberships.yaml").write_text(_without_last_membership(memberships), encoding="utf-8")
    git = "git -c user.name=Clerk -c user.email=clerk@example.org"
    steps = [f"git init -q && {git} add datasets/cp_stp_mou && {git} commit -q -m 'as first agreed'",
             f"cp {shlex.quote(str(ROOT / 'datasets/cp_stp_mou/memberships.yaml'))} datasets/cp_stp_mou/ && "
             f"{git} commit -q -am 'a member added'"]
    for step in steps:
        done = _shell(step, folder)
        assert done.returncode == 0, done.stderr


def _workspace(example: Example, folder: Path) -> Path:
    _clone_layout(folder)
    if "--rev " in example.command:
        _git_history(folder)
    for step in PREREQUISITES:
        if step.needs.search(example.command) and not step.makes.search(example.command):
            done = _shell(_in_tmp(step.command, folder), folder)
            assert done.returncode == 0, f"{step.command}\n{done.stdout}{done.stderr}"
    return folder


def _in_tmp(text: str, folder: Path) -> str:
    """/tmp/ in an example stands for the working folder's own tmp/ (tests run side by side)."""
    return re.sub(r"(?<![\w./])/tmp/", f"{folder}/tmp/", text)


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A real Oxigraph server on loopback holding the built-in arrangement and `my-arrangement/`."""
    folder = _clone_layout(tmp_path_factory.mktemp("pushed"))
    with oxigraph(tmp_path_factory.mktemp("oxigraph")) as url:
        for command in (f"govgraph push --endpoint {url}/store",
                        f"govgraph push my-arrangement/ --endpoint {url}/store --graph {NAMED_GRAPH}"):
            done = _shell(command, folder)
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
    anything with shell syntax (pipes, redirection, other programs, settings) runs in bash."""
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


def _on_loopback(words: list[str]) -> list[str]:
    """`govgraph serve` options as written, but on 127.0.0.1 and a free port."""
    out, at = [], 0
    while at < len(words):
        if words[at] in ("--host", "--port"):
            out += [words[at], "127.0.0.1" if words[at] == "--host" else "0"]
            at += 2
            continue
        out.append(words[at])
        at += 1
    return out if "--port" in out else [*out, "--port", "0"]


def _serve(command: str, shown: tuple[str, ...], cwd: Path) -> tuple[int, str, str, tuple[str, ...]]:
    """Start a `govgraph serve` example, ask it what its shown log lines show (or for / and one
    query), stop it with Ctrl-C. Exit code, output, and the shown lines with the real address."""
    words = _on_loopback(shlex.split(command))
    process = subprocess.Popen([str(Path(sys.executable).parent / "govgraph"), *words[1:]], cwd=cwd, env=_env(),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stderr is not None
        first = process.stderr.readline()
        found = re.search(r"http://127\.0\.0\.1:\d+", first)
        assert found, f"{command}\nno address in: {first}{process.stderr.read() if process.poll() is not None else ''}"
        url = found.group(0)
        asked = [tuple(line.split()[1:3]) for line in shown if re.match(r"127\.0\.0\.1 (GET|POST) /", line)]
        for method, path in asked or [("GET", "/"), ("POST", "/sparql")]:
            query = urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}).encode() if method == "POST" else None
            status = http(method, f"{url}{path}", query,
                          {"Content-Type": "application/x-www-form-urlencoded"} if query else None)[0]
            assert status == 200, f"{command}: {method} {path} answered {status}"
        time.sleep(0.5)  # the request log line is written after the answer
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    shown = tuple(re.sub(r"\b\d+ ms\b", "... ms", line.replace(DOCUMENTED_SERVE, url)) for line in shown)
    return process.returncode, out, first + err, shown


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


def _not_run_reason(example: Example) -> str | None:
    return None if _to_run(example) else "; ".join(NOT_RUN[part] for part in _parts(example.command))


@pytest.mark.parametrize("example", EXAMPLES, ids=str)
def test_example_runs_as_written(example: Example, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    command = _to_run(example)
    if command is None:
        pytest.skip(f"not run: {_not_run_reason(example)}")
    folder = _workspace(example, tmp_path)
    command, shown = _in_tmp(command, folder), tuple(_in_tmp(line, folder) for line in example.output)
    for documented, fixture in ((DOCUMENTED_ENDPOINT, "endpoint"), (DOCUMENTED_SERVE, "served")):
        if documented in command:
            url = request.getfixturevalue(fixture)
            command = command.replace(documented, url)
            shown = tuple(line.replace(documented, url) for line in shown)
    if command.startswith("govgraph serve"):
        code, out, err, shown = _serve(command, shown, folder)
    else:
        code, out, err = _run(command, folder, request)
    printed = out + err
    assert code == example.exit_code, f"{example}\nexit {code}, expected {example.exit_code}\n{printed[-3000:]}"
    missing = _matches(shown, out + err) and _matches(shown, err + out)  # in order, within either stream order
    if not shown:  # an example that answers nothing shows nothing: unless its text says so, it is broken
        assert "No results:" not in out and "No changes." not in out, f"{example}\nthe example answers nothing:\n{printed[-3000:]}"
        if "csv" in command and ">" not in command:  # a CSV answer with a header line only
            assert len([ln for ln in out.splitlines() if ln.strip()]) > 1, f"{example}\nno rows:\n{printed[-3000:]}"
    assert missing is None, f"{example}\nthe shown line\n  {missing}\nis not in the output:\n{printed[-3000:]}"


def test_examples_are_found():
    """The collector sees the examples of every source (a broken parser would otherwise pass)."""
    where = {e.where.split(":")[0].split(" --help")[0] for e in EXAMPLES}
    assert {"README.md", "docs/checks.md", "docs/queries.md", "docs/sharing.md"} <= where
    assert any(w.startswith("govgraph can") for w in where) and any(w.startswith("govgraph query run") for w in where)
    assert any(e.command.startswith("GOVGRAPH_ENDPOINT_USER=") for e in EXAMPLES)  # settings before the command
    assert len(EXAMPLES) >= 50


def test_not_run_is_what_the_docs_show():
    """Every NOT_RUN entry is a documented example or part of one (a renamed example is run, not
    skipped by a stale entry); only the parts NOT_RUN names are left out."""
    parts = {part for example in EXAMPLES for part in _parts(example.command)}
    assert set(NOT_RUN) <= parts, set(NOT_RUN) - parts
    assert _to_run(Example("README.md", "python3 -m pip install . && govgraph build && govgraph map", 0, ())) \
        == "govgraph build && govgraph map"


def test_prerequisites_are_documented_steps():
    """What is made before an example is made by an example the docs show, so the setup is a user's."""
    commands = {example.command for example in EXAMPLES}
    assert {step.command for step in PREREQUISITES} <= commands


def test_rev_history_adds_a_membership(tmp_path: Path):
    """The git history for `diff --rev` differs by one membership, which the diff reports."""
    _git_history(_clone_layout(tmp_path))
    done = _shell("govgraph diff datasets/cp_stp_mou --rev HEAD~1..HEAD", tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Changes from datasets/cp_stp_mou at HEAD~1 to datasets/cp_stp_mou at HEAD: 1" in done.stdout, done.stdout
