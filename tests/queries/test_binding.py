"""Parameters are written into the query text, so every engine (Oxigraph, rdflib, a remote
endpoint) binds them the same way rdflib's initBindings did."""
from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from govgraph.queries.binding import Unbindable, bind, where_group
from govgraph.queries.library import internal_query, library_folder, load_library, parse_question
from govgraph.queries.questions import ParameterError, ask
from rdflib import Literal, URIRef

A = URIRef("http://example.org/a")


def test_only_the_where_group_changes_and_strings_iris_comments_are_left() -> None:
    text = ('# ?s in a comment { WHERE\nPREFIX ex: <http://e/x#s>\n'
            'SELECT ?s2 (STR("?s {") AS ?x) WHERE { ?s ex:p "?s" . FILTER(?s2 != $s) } ORDER BY ?s')
    bound = bind(text, {"s": A})
    assert bound == ('# ?s in a comment { WHERE\nPREFIX ex: <http://e/x#s>\n'
                     'SELECT ?s2 (STR("?s {") AS ?x) WHERE { <http://example.org/a> ex:p "?s" . '
                     'FILTER(?s2 != <http://example.org/a>) } ORDER BY ?s')


def test_a_variable_is_not_mistaken_for_a_longer_one() -> None:
    assert bind("SELECT * { ?s ?sx ?s_2 }", {"s": A}) == "SELECT * { <http://example.org/a> ?sx ?s_2 }"


def test_bound_sub_query_projection_and_grouping() -> None:
    text = "SELECT ?t WHERE { { SELECT ?s (COUNT(?o) AS ?t) WHERE { ?s ?p ?o FILTER(BOUND(?s)) } GROUP BY ?s } }"
    assert bind(text, {"s": A}) == ("SELECT ?t WHERE { { SELECT (<http://example.org/a> AS ?s) (COUNT(?o) AS ?t) "
                                    "WHERE { <http://example.org/a> ?p ?o FILTER(true) } GROUP BY (<http://example.org/a>) } }")


def test_literals_are_written_escaped() -> None:
    assert bind("ASK { ?x ?p ?v }", {"v": Literal('say "no"')}) == 'ASK { ?x ?p "say \\"no\\"" }'


def test_construct_binds_in_the_where_group_not_the_template() -> None:
    assert where_group("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }") == (29, 40)
    assert bind("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"s": A}).startswith("CONSTRUCT { ?s ?p ?o } WHERE { <http")


def test_a_query_without_a_where_group_says_so() -> None:
    with pytest.raises(Unbindable):
        bind("DESCRIBE <http://example.org/a>", {"s": A})


@pytest.mark.parametrize("name", sorted(load_library()))
def test_every_named_question_still_parses_with_its_parameters_bound(name: str) -> None:
    question = load_library()[name]
    values = {p.name: (Literal("2017-01-01") if p.type == "date" else A) for p in question.parameters}
    ox.Store().query(bind(question.sparql, values), prefixes={"data": "http://example.org/"})


@pytest.mark.parametrize("name", sorted(p.stem for p in library_folder().parent.glob("*.rq")))
def test_every_internal_query_still_parses_with_its_parameters_bound(name: str) -> None:
    text = internal_query(name)
    values = {v: A for v in ("who", "matter", "org", "subject", "body", "record") if f"?{v}" in text}
    ox.Store().query(bind(text, values))


OPTIONAL_FILTER = ('SELECT ?s WHERE {\n  ?s ?p ?o .\n  FILTER(IF(BOUND(?who), ?s = ?who || EXISTS { ?s <urn:x:in> ?who }, true))\n'
                   '  FILTER(IF(BOUND(?o), STR(?o) != ")", true))\n}')


def test_an_optional_parameter_given_leaves_its_condition_alone() -> None:
    assert bind(OPTIONAL_FILTER, {"who": A}) == (
        'SELECT ?s WHERE {\n  ?s ?p ?o .\n  FILTER(?s = <http://example.org/a> || EXISTS { ?s <urn:x:in> <http://example.org/a> })\n'
        '  FILTER(IF(BOUND(?o), STR(?o) != ")", true))\n}')


def test_an_optional_parameter_not_given_drops_its_filter_but_not_a_filter_on_a_bound_variable() -> None:
    # ?o is bound by a pattern, so its filter is not a parameter's and stays as written
    assert bind(OPTIONAL_FILTER, {}) == ('SELECT ?s WHERE {\n  ?s ?p ?o .\n'
                                         '  FILTER(IF(BOUND(?o), STR(?o) != ")", true))\n}')
    assert bind(OPTIONAL_FILTER, None) == OPTIONAL_FILTER  # an ad-hoc query runs as typed


@pytest.mark.parametrize("name", sorted(load_library()))
def test_no_named_question_leaves_an_optional_parameter_test_for_the_engine(name: str) -> None:
    """What Virtuoso 7 mishandles (SQ074, EXISTS inside IF taken as false) never reaches an engine."""
    question = load_library()[name]
    for given in ({}, {p.name: A for p in question.parameters}):
        text = bind(question.sparql, given)
        assert [p.name for p in question.parameters if re.search(rf"BOUND\s*\(\s*[?$]{p.name}\b", text)] == []


@pytest.mark.parametrize("iri", ["http://e/x> } SERVICE <http://127.0.0.1:9/> { ?s ?p ?o", "http://e/a b", 'http://e/"'])
def test_an_iri_that_would_end_early_is_not_written_into_a_checked_query(iri: str) -> None:
    # The text is checked before values are bound, so a value must not be able to add query text.
    with pytest.raises(Unbindable, match="IRIREF"):
        bind("SELECT * WHERE { ?s ?p ?o }", {"s": URIRef(iri)})


def test_an_iri_parameter_is_refused_with_its_name_before_anything_runs(ws) -> None:
    question = parse_question("# id: by-iri\n# question: What is said of an IRI?\n# parameters:\n"
                              "#   thing: {type: iri, required: true, help: the IRI}\n# columns: {p: property}\n"
                              "SELECT ?p WHERE { ?thing ?p ?o }\n", Path("by-iri.rq"))
    with pytest.raises(ParameterError, match=r"--param thing=.*IRIREF"):
        ask(ws, question, {"thing": "http://e/x> } SERVICE <http://127.0.0.1:9/> { ?s ?p ?o"}, timeout=None)
    assert ask(ws, question, {"thing": "http://example.org/nothing"}, timeout=None).rows == []
