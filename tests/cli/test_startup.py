"""Each command imports only what it uses (issue 19): the time a person waits for a command to start.

Nothing here is timed (benchmarks/national.py measures the seconds); what is checked is which
libraries a real command's process imported, read from ``sys.modules`` once the command has run.
A library that only some commands need (rdflib's SPARQL engine and its parser pyparsing, networkx,
owlready2, pySHACL, Jinja2, openpyxl) must not be imported by `--version`, `--help`, or by a
question, `can` or `explain` asked of the stored graph after `govgraph build`.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# Runs the command line as the `govgraph` script does, then writes down every module imported.
RUN = """
import json, os, sys
from govgraph.cli.app import main
sys.argv = ["govgraph", *sys.argv[1:]]
try:
    main()
except SystemExit as stop:
    code = stop.code
else:
    code = 0
with open(os.environ["IMPORTED_TO"], "w") as out:
    json.dump({"exit": code, "modules": sorted(sys.modules)}, out)
"""
HEAVY = ("rdflib", "networkx", "owlready2", "pyshacl", "jinja2", "openpyxl", "pyoxigraph", "yaml")
# What a question on the stored graph needs: pyoxigraph, rdflib's terms, the question files (YAML);
# not rdflib's SPARQL engine (`govgraph sparql` needs its parser only for text that names SERVICE or
# FROM, or that Oxigraph cannot parse: queries/safety.py, cleared_by_words), nor pydantic
# (typer 0.29 converts every option through it: pyproject.toml keeps typer below that).
NOT_FOR_AN_ANSWER = ("networkx", "owlready2", "pyshacl", "jinja2", "openpyxl", "pyvis", "oxrdflib", "pyparsing",
                     "rdflib.plugins.sparql", "pydantic")


def imported(args: list[str], cache: Path, tmp_path: Path) -> set[str]:
    record = tmp_path / "imported.json"
    env = {**os.environ, "GOVGRAPH_CACHE_DIR": str(cache), "IMPORTED_TO": str(record)}
    done = subprocess.run([sys.executable, "-c", RUN, *args], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    result = json.loads(record.read_text(encoding="utf-8"))
    assert result["exit"] in (0, None), done.stderr
    return {name.split(".")[0] for name in result["modules"]} | set(result["modules"])


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["query", "--help"], ["can", "--help"]])
def test_version_and_help_import_no_rdf_library(args: list[str], tmp_path: Path) -> None:
    found = imported(args, tmp_path / "cache", tmp_path)
    assert not found & set(HEAVY), f"govgraph {' '.join(args)} imported {sorted(found & set(HEAVY))}"


@pytest.fixture(scope="module")
def built_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built-in arrangement built once, its stored graph in a cache folder of its own."""
    cache = tmp_path_factory.mktemp("cache")
    out = tmp_path_factory.mktemp("out") / "build"
    env = {**os.environ, "GOVGRAPH_CACHE_DIR": str(cache)}
    subprocess.run([sys.executable, "-m", "govgraph", "build", "--out", str(out), "-q"], env=env, check=True, timeout=300)
    return cache


@pytest.mark.parametrize("args", [
    ["query", "run", "members-of-body", "--param", "body=HCE", "--format", "json"],
    ["query", "run", "signing-authorities", "--as-of", "2017-01-19"],
    ["can", "HCE", "local authority financial decision", "--for", "CCC"],
    ["explain", "South Cambridgeshire District Council"],
    ["sparql", "SELECT ?body WHERE { ?body a/rdfs:subClassOf* gg:Board }"],
])
def test_an_answer_after_a_build_imports_only_what_it_needs(args: list[str], built_cache: Path, tmp_path: Path) -> None:
    found = imported(args, built_cache, tmp_path)
    assert "pyoxigraph" in found  # it did open the store and answer
    assert not found & set(NOT_FOR_AN_ANSWER), f"govgraph {' '.join(args)} imported {sorted(found & set(NOT_FOR_AN_ANSWER))}"
