"""The runner on a tiny made-up arrangement: bindings are RDF terms, as-of is three-valued, output formats."""
from __future__ import annotations

import datetime as dt

import pytest
from govgraph.queries import engine
from govgraph.queries.engine import Table, normalised
from govgraph.queries.library import parse_question
from govgraph.queries.questions import ask, ask_sparql
from govgraph.queries.render import render
from rdflib import Literal, URIRef

MEMBERS = parse_question("""# id: mini-members
# question: Who sits on a body?
# parameters:
#   body: {type: name, default: river-board}
# columns:
#   m: membership
#   who: member
# as-of: {holds: m}
SELECT ?m ?who WHERE { ?m org:organization ?body ; org:member ?who }
ORDER BY ?m
""", None)  # type: ignore[arg-type]


def test_a_parameter_is_bound_as_a_term_not_pasted(mini):
    # A value full of SPARQL syntax is just a literal that matches nothing: nothing is injected.
    question = parse_question("""# id: by-label
# question: Which record has this label?
# parameters:
#   text: {type: string}
# columns:
#   record: the record
SELECT ?record WHERE { ?record rdfs:label ?text }
""", None)  # type: ignore[arg-type]
    assert ask(mini, question, {"text": "Riverside Council"}).rows == [(URIRef("https://example.org/mini/river-council"),)]
    assert ask(mini, question, {"text": '" } UNION { ?record ?p ?o } #'}).rows == []


def test_names_resolve_by_alias(mini):
    table = ask(mini, MEMBERS, {"body": "riverside board"})
    assert len(table.rows) == 2


def test_as_of_three_values(mini):
    # m-officer-board runs through 2020; m-council-board starts "spring 2020" (somewhere in 2020).
    base = "https://example.org/mini/"
    def verdicts(day):  # noqa: E306
        table = ask(mini, MEMBERS, {}, day)
        return {str(r[0])[len(base):]: str(r[-1]) for r in table.rows}
    assert verdicts(dt.date(2019, 6, 1)) == {}
    assert verdicts(dt.date(2020, 3, 1)) == {"m-officer-board": "yes", "m-council-board": "not known on that date"}
    assert verdicts(dt.date(2021, 6, 1)) == {"m-council-board": "yes"}


def test_in_process_and_forked_runs_agree(mini):
    query = "SELECT ?s ?label WHERE { ?s a gg:CountyCouncil ; rdfs:label ?label }"
    forked, direct = ask_sparql(mini, query, timeout=10), ask_sparql(mini, query, timeout=None)
    assert forked.rows == direct.rows == [(URIRef("https://example.org/mini/river-council"), Literal("Riverside Council"))]


def test_a_failure_in_the_worker_comes_back_as_a_message(mini, monkeypatch):
    def broken(*_args):  # the worker is forked, so it runs this patched evaluate
        raise ValueError("boom")
    monkeypatch.setattr(engine, "evaluate", broken)
    with pytest.raises(engine.QueryFailed, match="ValueError: boom"):
        ask_sparql(mini, "SELECT * WHERE { ?s ?p ?o }", timeout=10)


def test_formats(mini):
    table = ask_sparql(mini, "SELECT ?who ?v WHERE { ?m org:member ?who ; gg:votingRight ?v } ORDER BY ?who", timeout=None)
    text = render(mini.graph, table)
    assert text.splitlines()[0].split() == ["who", "v"]
    assert "Riverside Council" in text and "voting" in text and text.endswith("(2 rows)\n")
    assert "| Riverside Council | voting |" in render(mini.graph, table, "md")
    assert render(mini.graph, table, "csv").splitlines()[1:] == ["Riverside senior officer,non-voting",
                                                                "Riverside Council,voting"]
    assert "https://example.org/mini/river-council" in render(mini.graph, table, "csv", iris=True)
    empty = ask_sparql(mini, "SELECT ?x WHERE { ?x gg:nothing ?y }", timeout=None)
    assert render(mini.graph, empty) == "No results: nothing in the graph matches this question.\n"
    assert render(mini.graph, empty, "csv") == "x\n"


def _typed(table: engine.Table) -> list[tuple[object, ...]]:
    """Rows with each term's kind, lexical form, datatype and language. Lists are sorted and an empty
    list is no value: the engines differ there (item order; "" or unbound), not in the terms."""
    def cell(term):  # type: ignore[no-untyped-def]
        if isinstance(term, Literal) and str(term) == "" and term.datatype is None:
            return None
        if isinstance(term, Literal):
            text = "; ".join(sorted(str(term).split("; ")))
            return ("literal", text, term.datatype, term.language)
        return (type(term).__name__, str(term)) if term is not None else None
    return sorted((tuple(cell(t) for t in row) for row in table.rows), key=repr)


def test_the_embedded_store_gives_the_terms_rdflib_gives(builtin):
    # engine reads Oxigraph's answers directly (not through oxrdflib); every question, plus terms
    # of each kind (dates, language tags, IRIs, a CONSTRUCT and an ASK) must come out as rdflib's.
    from govgraph.queries.library import load_library
    memory = builtin.with_ontology()
    texts = [q.sparql for q in load_library().values() if not any(p.required for p in q.parameters)]
    texts += ['SELECT ?s ?d WHERE { ?s gg:date/gg:earliest ?d }',
              'SELECT ?l ?n WHERE { VALUES (?l ?n) { ("Cambridgeshire"@en 1.5) } }',
              'CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s a gg:CountyCouncil ; rdfs:label ?l }']
    for text in texts:
        ours, theirs = engine.evaluate(builtin.graph, text), engine.evaluate(memory, text)
        assert ours.columns == theirs.columns and ours.rows, text[:80]
        assert _typed(ours) == _typed(theirs), text[:80]
    assert engine.evaluate(builtin.graph, "ASK { ?s a gg:CountyCouncil }").answer is True


def test_a_term_met_again_is_made_once():
    import pyoxigraph as ox
    from govgraph.graph_builder.store import RdflibTerms
    term = RdflibTerms()
    iri = ox.NamedNode("https://example.org/x")
    assert term(iri) is term(ox.NamedNode("https://example.org/x")) == URIRef("https://example.org/x")
    assert term(ox.Literal("x")) == Literal("x") and term(ox.Literal("x")).datatype is None
    assert term(ox.Literal("x", language="en")) == Literal("x", lang="en")
    assert term(None) is None


def test_lists_are_sorted_and_an_empty_list_is_unbound_whatever_the_engine_gave() -> None:
    """Oxigraph gives no value for an empty GROUP_CONCAT, Virtuoso an empty string, and the item
    order is each engine's own: one normalisation makes the answers alike."""
    text = 'SELECT ?a (GROUP_CONCAT(DISTINCT COALESCE(?l, ""); separator="; ") AS ?ls) WHERE { ?a ?p ?l } GROUP BY ?a'
    table = Table("select", ["a", "ls"], [(Literal("x"), Literal("b; ; a")), (Literal("y"), Literal("")),
                                          (Literal("z"), None)])
    assert normalised(table, text).rows == [(Literal("x"), Literal("a; b")), (Literal("y"), None), (Literal("z"), None)]
