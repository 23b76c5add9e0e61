"""`check --endpoint`: which layers run against a SPARQL server and what the report says about the
others. The endpoint here is `govgraph serve` itself on a free loopback port (the Oxigraph server
tests are in tests/queries/test_remote.py)."""
from __future__ import annotations

import pytest
from govgraph.checks.catalogue import Selection
from govgraph.checks.engine import check_built
from govgraph.cli.app import app
from govgraph.graph_builder import builtin_path
from govgraph.sharing.remote_checks import NOT_REMOTE, check_endpoint
from typer.testing import CliRunner

from ..queries import sharing_support as support
from ..queries.sharing_support import only_loopback  # noqa: F401 - an autouse fixture


@pytest.fixture(scope="module")
def endpoint(builtin):  # type: ignore[no-untyped-def]
    with support.running(builtin) as server:
        yield f"{server.url}/sparql"


def layers(report):  # type: ignore[no-untyped-def]
    return {run.layer: (run.ran, run.note, run.by_choice) for run in report.layers}


def test_only_the_rule_layer_runs_and_the_others_say_why(endpoint, builtin):
    report = check_endpoint(endpoint, None, None)
    assert layers(report) == {
        "sources": (False, "no SOURCES given: the graph on the server is checked", True),
        "shapes": (False, NOT_REMOTE["shapes"], False),
        "rules": (True, "", False),
        "reasoner": (False, NOT_REMOTE["reasoner"], False),
    }
    assert {r.layer for r in report.could_not_run()} == {"shapes", "reasoner"}
    local = check_built(builtin, Selection.parse("rules"), reason=False)
    assert [(f.rule, f.message) for f in report.findings] == [(f.rule, f.message) for f in local.findings]


def test_layers_turned_off_are_not_reported_as_failures(endpoint):
    report = check_endpoint(endpoint, None, [builtin_path()], Selection.parse("rules"), reason=False)
    assert layers(report)["sources"] == (True, "", False)
    assert report.could_not_run() == []


def test_exit_codes(endpoint, tmp_path):
    ok = CliRunner().invoke(app, ["check", "--endpoint", endpoint, "--fail-on", "never"])
    assert ok.exit_code == 0 and "warning: the shapes layer did not run" in ok.stderr
    asked = CliRunner().invoke(app, ["check", "--endpoint", endpoint, "--rules", "reasoner"])
    assert asked.exit_code == 3 and "HermiT needs the whole graph" in asked.stderr
    bad = CliRunner().invoke(app, ["check", "--endpoint", "localhost:7878/query"])
    assert bad.exit_code == 2 and "http://" in bad.stderr
    broken = tmp_path / "broken.yaml"
    broken.write_text("organisations:\n  - id: x\n    kind: no-such-kind\n", encoding="utf-8")
    unreadable = CliRunner().invoke(app, ["check", str(broken), "--endpoint", endpoint, "--format", "json"])
    assert unreadable.exit_code == 2 and "source-invalid" in unreadable.stdout
