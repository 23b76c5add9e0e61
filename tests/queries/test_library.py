"""The question files: headers parse, say what is wrong when they do not, and match their SPARQL."""
from __future__ import annotations

from pathlib import Path

import pytest
from govgraph.queries.library import LibraryError, load_library, parse_question
from govgraph.queries.safety import checked_query

LIBRARY = load_library()
GOOD = """# id: demo
# question: Which boards are there?
# parameters:
#   body: {type: name, default: hce, help: a board}
#   day: {type: date, required: true}
# columns:
#   board: the board
# as-of: {holds: board}
SELECT ?board WHERE { ?board a ?kind }
"""


def test_there_are_at_least_fifteen_questions_covering_the_issue():
    assert len(LIBRARY) >= 15
    for needed in ("who-decides", "members-of-body", "non-voting-participants", "signing-authorities", "duties",
                   "constraints", "reserved-powers", "commitments-binding", "actions", "process-phases",
                   "document-versions", "bodies-of-organisation", "where-post-sits"):
        assert needed in LIBRARY


def test_header_is_parsed():
    q = parse_question(GOOD, Path("demo.rq"))
    assert (q.id, q.question, q.columns, q.as_of) == ("demo", "Which boards are there?", {"board": "the board"},
                                                      {"holds": ("board",)})
    assert [(p.name, p.type, p.default, p.required) for p in q.parameters] == [
        ("body", "name", "hce", False), ("day", "date", None, True)]
    assert q.sparql.startswith("SELECT ?board")


@pytest.mark.parametrize("broken, message", [
    (GOOD.replace("# id: demo\n", ""), "missing \\['id'\\]"),
    (GOOD.replace("type: name", "type: person"), "needs a type"),
    (GOOD.replace("holds: board", "during: board"), "as-of takes"),
    (GOOD.replace("# question: Which boards are there?", "# question: [unclosed"), "not valid YAML"),
    (GOOD.replace("# columns:", "# colums:"), "unknown \\['colums'\\]"),
])
def test_broken_headers_say_what_is_wrong(broken, message):
    with pytest.raises(LibraryError, match=message):
        parse_question(broken, Path("demo.rq"))


@pytest.mark.parametrize("qid", sorted(LIBRARY))
def test_header_matches_the_query(qid):
    question = LIBRARY[qid]
    query = checked_query(question.sparql)
    projected = [str(v) for v in query.algebra["PV"]]
    documented = [c for c in question.columns if c != "as_of"]
    assert projected == documented, "the columns: header must list the projected variables in order"
    mentioned = {str(v) for v in query.algebra["_vars"]}
    for param in question.parameters:
        assert param.name in mentioned or f"?{param.name}" in question.sparql
    for variables in question.as_of.values():
        assert set(variables) <= set(projected)


@pytest.mark.parametrize("qid", sorted(q.id for q in LIBRARY.values() if q.as_of))
def test_the_text_run_on_a_day_passes_the_safety_check(qid):
    # questions.ask runs the library's text without the check (it is the package's own): this is
    # where it is checked, with the --as-of fragment written in as on any day
    import datetime as dt

    question = LIBRARY[qid]
    text = question.text(dt.date(2017, 1, 19))
    assert checked_query(text).text == text


def test_the_header_loader_reads_what_yaml_safe_load_reads():
    import yaml
    from govgraph.queries.library import HEADER_LOADER, _split, library_folder

    for path in sorted(library_folder().glob("*.rq")):
        header = _split(path.read_text(encoding="utf-8"))[0]
        assert yaml.load(header, Loader=HEADER_LOADER) == yaml.safe_load(header), path.name
