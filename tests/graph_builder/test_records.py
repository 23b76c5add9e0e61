"""Dates, and arrangements that extend another one."""
from __future__ import annotations

import datetime as dt

import pytest
from govgraph.graph_builder import SourceError, builtin_path, load_arrangement
from govgraph.graph_builder.dates import DateProblem, parse_date


@pytest.mark.parametrize("value,precision,first,last", [
    ("2017-01-12", "day", dt.date(2017, 1, 12), dt.date(2017, 1, 12)),
    ("2017-02", "month", dt.date(2017, 2, 1), dt.date(2017, 2, 28)),
    (2016, "year", dt.date(2016, 1, 1), dt.date(2016, 12, 31)),
    ({"vague": "early 2017", "within": 2017}, "vague", dt.date(2017, 1, 1), dt.date(2017, 12, 31)),
    ({"vague": "by 12 January 2017", "not-after": "2017-01-12"}, "vague", None, dt.date(2017, 1, 12)),
    ("unknown", "unknown", None, None),
])
def test_date_forms(value, precision, first, last):
    date = parse_date(value)
    assert (date.precision, date.earliest, date.latest) == (precision, first, last)


@pytest.mark.parametrize("value", ["12/1/17", "2017-13", "2017-02-29", "soon", {"within": 2017},
                                   {"vague": "x", "within": 2017, "not-after": "2017-01-01"}])
def test_bad_dates_are_refused(value):
    with pytest.raises(DateProblem):
        parse_date(value)


def test_as_of_answers_are_three_valued(builtin):
    from govgraph.graph_builder.timeline import happened_by, holds_on

    phase_2 = builtin.iri("phase-2-revise-and-approve")  # "early 2017", known only to the year
    assert happened_by(builtin.graph, phase_2, dt.date(2016, 12, 31)) is False
    assert happened_by(builtin.graph, phase_2, dt.date(2017, 3, 1)) is None
    assert happened_by(builtin.graph, builtin.iri("signature-2017-01-12"), dt.date(2017, 1, 12)) is True
    chair = builtin.iri("authority-chair-for-board")  # from 19 January 2017
    assert holds_on(builtin.graph, chair, dt.date(2017, 1, 18)) is False
    assert holds_on(builtin.graph, chair, dt.date(2017, 1, 19)) is True
    tenure = builtin.iri("beasley-joint-chief-executive")  # in post on 12 January 2017 only
    assert holds_on(builtin.graph, tenure, dt.date(2017, 1, 12)) is True
    assert holds_on(builtin.graph, tenure, dt.date(2017, 6, 1)) is None


def _extension(tmp_path, body: str):
    folder = tmp_path / "ext"
    folder.mkdir()
    (folder / "dataset.yaml").write_text(body, encoding="utf-8")
    return folder


def test_an_arrangement_can_extend_another_and_replace_records(tmp_path):
    body = f"""dataset:
  extends: {builtin_path()}
  withdraws: [signature-chair-revised]
signatures:
  - id: signature-chair-2017-01
    label: Chair signs for everyone
    as: hwb-chair
    on-behalf-of: [cambs-hwb, fenland-district-council]
    document: appendix
    status: planned
    source: paper 3.1(3)
"""
    built = load_arrangement([_extension(tmp_path, body)])
    records = built.arrangement.records
    assert records["signature-chair-2017-01"].values["on-behalf-of"] == ["cambs-hwb", "fenland-district-council"]
    assert "signature-chair-revised" not in records and "ccc" in records
    assert built.arrangement.base == "https://w3id.org/govgraph/data/cp-stp-mou/"


def test_withdrawing_an_unknown_record_is_an_error(tmp_path):
    body = f"dataset:\n  extends: {builtin_path()}\n  withdraws: [no-such-record]\n"
    with pytest.raises(SourceError, match="no-such-record"):
        load_arrangement([_extension(tmp_path, body)])


def test_every_schema_field_name_is_text():
    from govgraph.graph_builder.schema import load_schema

    for section in load_schema().sections.values():
        assert all(isinstance(name, str) for name in section.fields), section.name


def test_yaml_words_like_on_and_no_stay_words(tmp_path):
    from govgraph.graph_builder.yaml_source import read_yaml

    path = tmp_path / "a.yaml"
    path.write_text("on: no\nyes: off\nflag: true\n", encoding="utf-8")
    assert read_yaml(path) == {"on": "no", "yes": "off", "flag": True}


def test_a_vote_record_builds(tmp_path):
    folder = tmp_path / "votes"
    folder.mkdir()
    (folder / "a.yaml").write_text("""documents:
  - {id: minutes, kind: board-paper, label: Minutes, source: minutes item 1}
organisations:
  - {id: board, kind: board, label: A board, source: minutes item 1}
decisions:
  - {id: budget, label: Budget agreed, by: board, source: minutes item 2}
votes:
  - id: vote-1
    label: Vote on the budget
    by: board
    on: budget
    source: minutes item 2
""", encoding="utf-8")
    built = load_arrangement([folder])
    assert built.arrangement.records["vote-1"].values["on"] == "budget"
