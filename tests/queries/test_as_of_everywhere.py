"""--as-of is applied to every dated record every named question joins (generated: one test per question).

The fixture `dated.yaml` has, for every kind of dated record (memberships, tenures, rights,
reserved powers, signing authorities, signatures, approvals, phases, commitments, meetings,
actions, document versions), one dated inside 15 June 2020, one outside it and one vaguely
around it; only those records (and the holder of each tenure) carry the words inside, outside
or vague in their ids and labels. On that day an answer may hold:
- a row naming an "outside" record only as "not yet" (a date still to come, for questions that
  report how far things have got); otherwise the record must be left out;
- a row naming a "vague" record only as "not known on that date";
- a row naming "inside" records only as "yes", and no row of the undated answer that names only "inside" records
  (or none) may go missing.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from govgraph.graph_builder import load_arrangement
from govgraph.queries.library import load_library
from govgraph.queries.questions import AS_OF_COLUMN, Workspace, ask
from govgraph.queries.render import label

FIXTURE = Path(__file__).parent / "fixtures" / "dated.yaml"
DAY = dt.date(2020, 6, 15)
WORDS = ("inside", "outside", "vague")
# Values tried for a parameter that has a default or is required, so that every record is reached.
SUBJECTS = ("board", "council-1", "council-2", "council-3", "post-1", "post-2", "post-3", "charter",
            "signature-inside", "membership-outside")
LIBRARY = load_library()


@pytest.fixture(scope="module")
def dated() -> Workspace:
    return Workspace(load_arrangement([FIXTURE]))


def _answers(ws: Workspace, qid: str, day: dt.date | None) -> list[dict[str, str]]:
    question = LIBRARY[qid]
    fixed = [p.name for p in question.parameters if p.default is not None or p.required]
    runs = [{}] if not fixed else [dict.fromkeys(fixed, s) for s in SUBJECTS]
    rows: list[dict[str, str]] = []
    for given in runs:
        try:
            table = ask(ws, question, given, day, timeout=None)
        except ValueError:  # a subject of the wrong kind for this parameter
            continue
        for row in table.rows:
            cells = {c: "" if v is None else f"{v} {label(ws.graph, v)}".lower() for c, v in zip(table.columns, row)}
            rows.append(cells)
    return rows


def _words(row: dict[str, str]) -> set[str]:
    text = " ".join(v for c, v in row.items() if c != AS_OF_COLUMN)
    return {w for w in WORDS if w in text}


@pytest.mark.parametrize("qid", sorted(LIBRARY))
def test_question_keeps_only_what_holds_on_the_day(dated, qid):
    undated = _answers(dated, qid, None)
    on_day = _answers(dated, qid, DAY)
    if not any(_words(r) for r in undated):
        return  # the question joins no dated record of the fixture
    assert on_day and all(AS_OF_COLUMN in r for r in on_day), f"{qid} joins dated records but ignores --as-of"
    for row in on_day:
        words, verdict = _words(row), row[AS_OF_COLUMN]
        if "outside" in words:
            assert verdict.startswith("not yet"), f"{qid}: a record not in force on {DAY} is in the answer: {row}"
        elif "vague" in words:
            assert verdict.startswith("not known on that date"), f"{qid}: {row}"
        elif "inside" in words:
            assert verdict.startswith("yes"), f"{qid}: {row}"
        else:  # undated: nothing says it does not hold (a date still to come would be "not yet")
            assert not verdict.startswith("not yet"), f"{qid}: {row}"
    first = next(iter(undated[0]))
    kept = {r[first] for r in on_day}
    for row in undated:
        if _words(row) <= {"inside"}:
            assert row[first] in kept, f"{qid}: a row that holds on {DAY} went missing: {row}"
