"""`govgraph check` on the command line: formats, --list-rules, --rules, and exit codes 0/1/2/3."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from govgraph.checks.catalogue import catalogue
from govgraph.cli.app import app
from govgraph.datasets import builtin_path
from typer.testing import CliRunner

from .conftest import MINI

runner = CliRunner()
PLAN = str(builtin_path("cp_stp_mou_nov2016_plan"))


def invoke(*args: str):
    return runner.invoke(app, ["check", *args])


def test_exit_0_when_clean() -> None:
    result = invoke(str(MINI), "--no-reason")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("No findings.")


def test_exit_1_on_errors_and_fail_on_never() -> None:
    result = invoke(PLAN, "--no-reason", "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["counts"]["error"] == 5
    assert invoke(PLAN, "--no-reason", "--fail-on", "never").exit_code == 0


def test_fail_on_warning_counts_warnings(tmp_path: Path) -> None:
    # the built-in arrangement has one warning (a cited paper dated after the paper citing it)
    assert invoke("--no-reason", "--rules", "document-cites-later-document").exit_code == 0
    assert invoke("--no-reason", "--rules", "document-cites-later-document", "--fail-on", "warning").exit_code == 1


def test_exit_2_on_bad_sources(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("organisations:\n  - id: county\n    kind: shire\n    label: X\n    source: d 1\n",
                                       encoding="utf-8")
    result = invoke(str(tmp_path), "--format", "json")
    assert result.exit_code == 2
    assert {f["rule"] for f in json.loads(result.stdout)["findings"]} == {"source-invalid"}


@pytest.mark.parametrize("args", [["--format", "xml"], ["--fail-on", "sometimes"], ["--rules", "signature-whatever"]])
def test_exit_2_on_bad_usage(args: list[str]) -> None:
    result = invoke(str(MINI), *args)
    assert result.exit_code == 2 and "error:" in result.stderr


def test_exit_3_when_requested_reasoner_cannot_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("govgraph.ontology.reasoner.java_available", lambda: False)
    asked = invoke(str(MINI), "--rules", "reasoner")
    assert asked.exit_code == 3 and "reasoner layer did not run" in asked.stderr
    implicit = invoke(str(MINI))  # not asked for by name: reported, not fatal
    assert implicit.exit_code == 0 and "reasoner NOT RUN" in implicit.stdout


def test_list_rules_shows_every_rule() -> None:
    result = invoke("--list-rules")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == [r.id for r in catalogue()]
    assert len(catalogue()) >= 30


def test_verbose_logs_layer_times() -> None:
    result = invoke(str(MINI), "--no-reason", "-v")
    assert "rules: " in result.stderr and " s" in result.stderr


def test_the_command_settles_what_it_loaded() -> None:
    # The command keeps its arrangement to the end, so it settles it (graph_builder.settle) before
    # the layers run; check_sources called from Python leaves the garbage collector alone.
    import gc

    from govgraph.checks.catalogue import Selection
    from govgraph.checks.engine import check_sources
    gc.unfreeze()
    try:
        check_sources([MINI], Selection.parse("rules"))
        assert gc.get_freeze_count() == 0
        result = invoke(str(MINI), "--rules", "rules")
        assert result.exit_code == 0, result.output
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
