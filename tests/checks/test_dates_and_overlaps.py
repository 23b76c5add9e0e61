"""The rules event-after-report, date-after-today and membership-voting-overlap on the built-in
arrangement (the issue's own cases) and on near misses that must stay quiet."""
from __future__ import annotations

from pathlib import Path

from .conftest import MINI, of_rule, planted, run

BUILTIN = Path(__file__).resolve().parents[2] / "datasets" / "cp_stp_mou"
RULES = "event-after-report,date-after-today,membership-voting-overlap"


def test_the_built_in_arrangements_are_clean():
    assert run(None, RULES).findings == []
    assert run(BUILTIN.parent / "cp_stp_mou_nov2016_plan", RULES).findings == []


def test_the_signature_of_12_january_re_dated_after_the_paper_that_reports_it(tmp_path):
    copy = planted(tmp_path, BUILTIN, edits=[("sign-off.yaml", "    date: 2017-01-12\n", "    date: 2017-12-01\n")])
    [finding] = of_rule(run(copy, "event-after-report"), "event-after-report")
    assert finding.entities[1].label.startswith("Paper to the Cambridgeshire Health and Wellbeing Board")
    assert "2017-12-01" in finding.message and "completed" in finding.message


def test_the_november_meeting_moved_after_the_january_paper_that_reports_it(tmp_path):
    copy = planted(tmp_path, BUILTIN, edits=[("sign-off.yaml", "    date: 2016-11\n    date-printed: November\n",
                                              "    date: 2017-02\n    date-printed: November\n")])
    found = of_rule(run(copy, "event-after-report"), "event-after-report")
    assert any(f.entities[0].label == "Cambridgeshire HWB Board meeting, November 2016" for f in found)


def test_near_misses_stay_quiet(tmp_path):
    copy = planted(tmp_path, MINI, extra="""
signatures:
  - {id: future-planned, label: The Chair is to sign again, as: chair, on-behalf-of: [board], document: terms,
     date: 2999-01-01, status: planned, source: charter 12}
memberships:
  - {id: ceo-earlier, label: The Chief Executive on the Board until 2018 (voting), member: carol, body: board,
     voting: voting, during: {from: 2018-01-01, to: 2018-12-31}, source: charter 7}
  - {id: ceo-later, label: The Chief Executive on the Board from mid 2019 (non-voting), member: carol, body: board,
     voting: non-voting, during: {from: 2019-06-01}, source: charter 7}
  - {id: ceo-vague, label: The Chief Executive on the Board in 2019 (voting), member: carol, body: board,
     voting: voting, during: {from: 2019-01-01, to: {vague: "later that year", within: 2019}}, source: charter 7}
""")
    assert run(copy, RULES).findings == []
