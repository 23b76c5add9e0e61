"""The two built-in arrangements: the recommended sign-off passes; the November 2016 plan does not."""
from __future__ import annotations

import shutil

import pytest
from govgraph.checks.engine import check_sources
from govgraph.datasets import builtin_path

from .conftest import of_rule, run

BASE = "https://w3id.org/govgraph/data/cp-stp-mou/"
PLAN_BASE = "https://w3id.org/govgraph/data/cp-stp-mou-nov2016-plan/"
DISTRICTS = {"Cambridge City Council", "East Cambridgeshire District Council", "Fenland District Council",
             "Huntingdonshire District Council", "South Cambridgeshire District Council"}


def test_recommended_arrangement_has_no_errors(builtin_report) -> None:
    assert builtin_report.counts()["error"] == 0
    # the honest data-quality finding: the January paper cites a paper printed as "November 2017"
    (cited,) = of_rule(builtin_report, "document-cites-later-document")
    assert [e.iri for e in cited.entities] == [BASE + "paper", BASE + "nov-paper"]
    assert "paper Source Documents Location" in cited.sources
    assert {f.rule for f in builtin_report.findings} <= {"document-cites-later-document", "orphan-node"}


@pytest.mark.reasoner
def test_recommended_arrangement_is_consistent_for_hermit() -> None:
    if shutil.which("java") is None:
        pytest.skip("Java is not installed")
    report = check_sources(None)
    assert all(r.ran for r in report.layers)
    assert not [f for f in report.findings if f.layer == "reasoner"]


def test_november_plan_is_flagged_for_each_council() -> None:
    report = run(builtin_path("cp_stp_mou_nov2016_plan"))
    found = of_rule(report, "signature-without-democratic-approval")
    assert {f.entities[1].label for f in found} == DISTRICTS
    assert {f.rule for f in report.findings if f.severity == "error"} == {"signature-without-democratic-approval"}
    for finding in found:
        council = finding.entities[1].label
        assert finding.entities[0].iri == PLAN_BASE + "signature-chair-2017-01"
        assert council in finding.message and "democratic process" in finding.message
        assert "paper 3.1(3)" in finding.sources  # the clause that sets the councils' own process first
        assert f'add "{council}" to the signature\'s excludes:' in finding.fix
        assert finding.file.endswith("cp_stp_mou_nov2016_plan/sign-off.yaml") and finding.line
