"""The rules event-after-report, date-after-today, date-after-as-of and membership-voting-overlap on the
built-in arrangement (the issue's own cases) and on near misses that must stay quiet."""
from __future__ import annotations

from pathlib import Path

from govgraph.cli.app import app
from typer.testing import CliRunner

from .conftest import MINI, of_rule, planted, run

BUILTIN = Path(__file__).resolve().parents[2] / "datasets" / "cp_stp_mou"
RULES = "event-after-report,date-after-today,date-after-as-of,membership-voting-overlap"


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
documents:
  - {id: review-minutes, kind: board-paper, label: Minutes of the review, date: 2020-03-31, source: review-minutes 1}
actions:
  - {id: on-the-as-of-day, label: The Board reviewed the charter on the day it is stated as of, status: completed,
     date: 2020-03-31, source: review-minutes 2}
  - {id: within-the-as-of-year, label: The Board reviewed its terms some time in 2020, status: completed,
     date: {vague: "during the year", within: 2020}, source: review-minutes 3}
""")
    assert "as-of: 2020-03-31" in (MINI / "arrangement.yaml").read_text()
    assert run(copy, RULES).findings == []


def test_a_record_dated_after_the_stated_as_of_is_a_warning(tmp_path):
    """The mini arrangement is stated as of 2020-03-31 (dataset: as-of:); a completed review on
    1 June 2020 is reported, with its file and line, as a warning (exit 0 at --fail-on error)."""
    copy = planted(tmp_path, MINI, extra="""
actions:
  - {id: late-review, label: The Board reviewed the charter, status: completed, date: 2020-06-01, source: charter 11}
""")
    done = CliRunner().invoke(app, ["check", str(copy), "--rules", "date-after-as-of", "--no-reason"])
    assert done.exit_code == 0, done.output
    assert (f"{copy / 'planted.yaml'}:3: warning[date-after-as-of] \"The Board reviewed the charter\" is dated "
            "2020-06-01, after the day \"Mini arrangement for the checks tests\" is stated as of (2020-03-31)") in done.stdout


def test_an_arrangement_without_as_of_is_not_compared(tmp_path):
    copy = planted(tmp_path, MINI, edits=[("arrangement.yaml", "  as-of: 2020-03-31                 # the day these records describe\n", "")],
                   extra="""
actions:
  - {id: late-review, label: The Board reviewed the charter, status: completed, date: 2020-06-01, source: charter 11}
""")
    assert of_rule(run(copy, "date-after-as-of"), "date-after-as-of") == []


def test_an_as_of_that_is_not_a_day_is_refused_with_its_line(tmp_path):
    for bad, said in (("2020-02-30", "2020-02-30 is not a real calendar day: there is no 30 February 2020"), ("2020-03", "as-of must be one day, not '2020-03'")):
        copy = planted(tmp_path / bad, MINI, edits=[("arrangement.yaml", "as-of: 2020-03-31", f"as-of: '{bad}'")])
        done = CliRunner().invoke(app, ["build", str(copy), "--out", str(tmp_path / bad / "out")])
        assert done.exit_code == 2, done.output
        assert f"{copy / 'arrangement.yaml'}:8: [as-of] {said}" in done.stderr, done.stderr
        assert "fix: write the day the sources describe the arrangement as of, as YYYY-MM-DD" in done.stderr
        assert not (tmp_path / bad / "out").exists()
