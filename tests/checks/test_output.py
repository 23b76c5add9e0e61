"""Output formats: JSON round-trips, SARIF validates against the official 2.1.0 schema, text reads."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from govgraph.checks.catalogue import catalogue
from govgraph.checks.findings import Report
from govgraph.checks.output import from_json, to_json, to_sarif, to_text
from govgraph.datasets import builtin_path

from .conftest import run

SCHEMA = json.loads((Path(__file__).parent / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def plan_report() -> Report:
    return run(builtin_path("cp_stp_mou_nov2016_plan"))


def test_json_round_trips(plan_report: Report) -> None:
    assert plan_report.findings  # a non-trivial report
    back = from_json(to_json(plan_report))
    assert back.findings == plan_report.findings and back.layers == plan_report.layers
    assert to_json(back) == to_json(plan_report)


def test_order_is_deterministic(plan_report: Report) -> None:
    again = run(builtin_path("cp_stp_mou_nov2016_plan"))
    assert to_json(again).split('"findings"')[1] == to_json(plan_report).split('"findings"')[1]
    ranks = [("error", "warning", "info").index(f.severity) for f in plan_report.findings]
    assert ranks == sorted(ranks)


def test_sarif_validates(plan_report: Report) -> None:
    doc = json.loads(to_sarif(plan_report))
    jsonschema.Draft4Validator(SCHEMA).validate(doc)
    run_ = doc["runs"][0]
    assert [r["id"] for r in run_["tool"]["driver"]["rules"]] == [r.id for r in catalogue()]
    result = run_["results"][0]
    assert result["level"] == "error" and result["locations"][0]["physicalLocation"]["region"]["startLine"] > 0
    assert run_["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
    # the reasoner was turned off by choice in these tests: reported, and not a failed run
    assert run_["invocations"][0]["executionSuccessful"] is True
    assert "reasoner" in run_["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]


def test_sarif_of_unreadable_sources_validates(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("organisations:\n  - id: Bad Id\n", encoding="utf-8")
    doc = json.loads(to_sarif(run(tmp_path)))
    jsonschema.Draft4Validator(SCHEMA).validate(doc)
    assert doc["runs"][0]["invocations"][0]["executionSuccessful"] is False
    assert {r["ruleId"] for r in doc["runs"][0]["results"]} == {"source-invalid"}


def test_text_names_place_rule_fix_and_summary(plan_report: Report) -> None:
    text = to_text(plan_report)
    first = text.splitlines()[0]
    assert first.startswith("datasets/cp_stp_mou_nov2016_plan/sign-off.yaml:") or "sign-off.yaml:" in first
    assert "error[signature-without-democratic-approval]" in first
    assert "\n  fix: " in text and "\n  sources: " in text
    assert text.rstrip().splitlines()[-1].startswith("Found ")
    assert "Found " not in to_text(plan_report, quiet=True)
