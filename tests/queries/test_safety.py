"""Ad-hoc SPARQL is read-only and offline: refusals happen before anything runs; no socket is opened."""
from __future__ import annotations

import multiprocessing
import socket
import sys
import time
from pathlib import Path

import pytest
import rdflib.plugins.sparql as rdflib_sparql
from govgraph.cli.app import app
from govgraph.queries import engine
from govgraph.queries.questions import ask_sparql
from govgraph.queries.safety import BadQuery, Refused, checked_query, cleared_by_words
from typer.testing import CliRunner

NETWORK_EVENTS = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "urllib.Request"}
_seen: list[tuple[str, str]] = []  # (event, its arguments as text) while this module's tests run
_watching = [False]


def _audit(event: str, args: tuple) -> None:  # type: ignore[type-arg]
    # Only while this module's tests run, and as text: the hook stays for the whole session, and
    # keeping the arguments (a socket.connect event carries the socket) would keep every socket of
    # every later test open.
    if _watching[0] and event in NETWORK_EVENTS:
        _seen.append((event, repr(args[1:])))


sys.addaudithook(_audit)  # hooks cannot be removed; it only records, and only network events

REFUSED = {
    "service": "SELECT * WHERE { ?s ?p ?o SERVICE <http://example.org/sparql> { ?s ?q ?r } }",
    "service in optional, lower case": "select * where { ?s ?p ?o optional { service <http://example.org/s> { ?s ?q ?r } } }",
    "service in a subquery": "SELECT * WHERE { { SELECT ?s WHERE { SERVICE <http://example.org/s> { ?s ?p ?o } } } }",
    "silent service with a variable": "SELECT * WHERE { BIND(<http://example.org/s> AS ?e) SERVICE SILENT ?e { ?s ?p ?o } }",
    "load": "LOAD <http://example.org/data.ttl>",
    "from": "SELECT * FROM <http://example.org/g.ttl> WHERE { ?s ?p ?o }",
    "from named": "SELECT * FROM NAMED <http://example.org/g.ttl> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "file from": "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
    "insert data": "PREFIX ex: <http://example.org/> INSERT DATA { ex:a ex:b ex:c }",
    "delete where": "DELETE WHERE { ?s ?p ?o }",
    "insert/delete": "DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
    "clear": "CLEAR ALL",
    "drop": "DROP GRAPH <http://example.org/g>",
}


@pytest.fixture(autouse=True)
def _no_network_seen():
    _seen.clear()
    _watching[0] = True
    try:
        yield
    finally:
        _watching[0] = False
    assert _seen == [], f"a network connection was attempted: {_seen}"


def test_the_audit_hook_sees_connection_attempts():
    with socket.socket() as sock, pytest.raises(OSError):
        sock.settimeout(1)
        sock.connect(("127.0.0.1", 9))  # loopback discard port: refused, never leaves the machine
    assert [event for event, _ in _seen] == ["socket.connect"]
    _seen.clear()


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_before_running(name):
    with pytest.raises(Refused):
        checked_query(REFUSED[name])


@pytest.mark.parametrize("name", ["service", "load", "from", "insert data", "delete where"])
def test_cli_refuses_with_exit_2_and_a_message(name):
    result = CliRunner().invoke(app, ["sparql", REFUSED[name]])
    assert result.exit_code == 2
    assert "refused:" in result.output


def test_messages_say_what_and_how_to_fix():
    with pytest.raises(Refused, match="SERVICE <http://example.org/sparql> would call a remote endpoint.*remove"):
        checked_query(REFUSED["service"])
    with pytest.raises(Refused, match="^FROM <http://example.org/g.ttl>"):
        checked_query(REFUSED["from"])
    with pytest.raises(Refused, match="^FROM NAMED"):
        checked_query(REFUSED["from named"])
    with pytest.raises(Refused, match="INSERT DATA would change or load data"):
        checked_query(REFUSED["insert data"])


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_on_the_embedded_store_too(name, mini):
    """ask_sparql, the path `govgraph sparql` takes: text the word test clears goes to Oxigraph
    (which cannot parse an update as a query) and the full check then says why."""
    with pytest.raises(Refused):
        ask_sparql(mini, REFUSED[name])


@pytest.mark.parametrize("text", [
    "SELECT ?x WHERE { ?x ?p ?o }",
    'SELECT ?x WHERE { ?x rdfs:label "Shire" } # a comment',
    "CLEAR ALL",  # an update: Oxigraph's query parser cannot run it (see the refusal test above)
])
def test_the_word_test_clears_plain_ascii_text(text):
    assert cleared_by_words(text) == text


@pytest.mark.parametrize("text", [
    *(REFUSED[name] for name in REFUSED if "service" in name or "from" in name),
    'SELECT ?x WHERE { BIND("Health service" AS ?x) }',  # the word anywhere, even in a string
    "SELECT ?x WHERE { ?x ?p <http://example.org/from> }",  # or an IRI
    "SELECT ?x WHERE { ?x ?p ?o } # FROM here",  # or a comment
    "SELECT * WHERE { ?s ?p ?o \\u0053ERVICE <http://x/> { ?s ?p ?o } }",  # spelled with an escape
    'SELECT ?x WHERE { ?x rdfs:label "Ely \u00e9" }',  # not ASCII: a parse decides
    "SELECT ?x WHERE { ?x ?p ?o . \u017fERVICE <http://x/> { } }",  # a long s, which case folding makes an S
])
def test_the_word_test_leaves_the_rest_to_the_full_check(text):
    assert cleared_by_words(text) is None


def test_messages_on_the_embedded_store_are_the_full_checks(mini):
    with pytest.raises(BadQuery, match="the prefix foaf: is not declared"):
        ask_sparql(mini, "SELECT ?a WHERE { ?a foaf:name ?n }")
    with pytest.raises(BadQuery, match="line 1"):
        ask_sparql(mini, "SELECT ?x WHERE { ?x ?y }")
    with pytest.raises(Refused, match="CLEAR would change or load data"):
        ask_sparql(mini, "CLEAR ALL", timeout=None)


def test_the_word_service_in_a_string_or_comment_is_not_refused(mini):
    query = 'SELECT ?x WHERE { BIND("SERVICE <http://x> LOAD" AS ?x) } # SERVICE <http://y/>'
    assert ask_sparql(mini, query).rows[0][0].toPython() == "SERVICE <http://x> LOAD"


def test_syntax_errors_are_reported_with_a_place():
    with pytest.raises(BadQuery, match="line 1"):
        checked_query("SELECT ?x WHERE { ?x ?y }")


def test_rdflib_graph_loading_is_off():
    checked_query("ASK {}")  # the check imports rdflib's SPARQL engine, with graph loading off
    assert rdflib_sparql.SPARQL_LOAD_GRAPHS is False


def test_a_runaway_query_is_stopped(mini):
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    started = time.monotonic()
    with pytest.raises(engine.QueryTimeout, match="more than 0.5 s"):
        ask_sparql(mini, runaway, timeout=0.5)
    assert time.monotonic() - started < 5
    assert multiprocessing.active_children() == []  # the worker was killed, not left running


def test_cli_timeout_exits_3():
    mini_yaml = Path(__file__).parent / "fixtures" / "mini.yaml"
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    result = CliRunner().invoke(app, ["sparql", runaway, str(mini_yaml), "--timeout", "0.5"])
    assert result.exit_code == 3
    assert "was stopped" in result.output


def test_normal_queries_open_no_socket(ws):
    table = ask_sparql(ws, "SELECT ?b WHERE { ?b a/rdfs:subClassOf* gg:Board }")
    assert len(table.rows) == 3


def test_the_prefixes_the_check_assumes_are_the_engines(tmp_path):
    """rdf: is declared for both; a prefix rdflib alone would know (foaf:) is an error, exit 2."""
    mini_yaml = str(Path(__file__).parent / "fixtures" / "mini.yaml")
    result = CliRunner().invoke(app, ["sparql", "SELECT ?a WHERE { ?a rdf:type gg:Council }", mini_yaml])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(app, ["sparql", "SELECT ?a WHERE { ?a foaf:name ?n }", mini_yaml])
    assert result.exit_code == 2
    assert "the prefix foaf: is not declared" in result.output and "Traceback" not in result.output


def test_a_text_only_the_engine_refuses_is_exit_2_with_a_short_message():
    mini_yaml = str(Path(__file__).parent / "fixtures" / "mini.yaml")
    result = CliRunner().invoke(app, ["sparql", "SELECT (SUM(?x) AS ?y) ?x WHERE { ?s ?p ?x }", mini_yaml])
    assert result.exit_code == 2
    assert result.output.strip() == ("error: the query does not parse: line 1, column 45: "
                                     "The SELECT contains a variable that is unbound")


@pytest.mark.parametrize("tail", ["", " # FROM: this comment sends the text through rdflib's parse"])
def test_parsing_counts_against_the_cli_time_limit(tail):
    """A 100 KB FILTER takes rdflib's parser over a minute (and Oxigraph's seconds); --timeout stops
    either (exit 3): the word test clears the text without the comment, so Oxigraph parses it."""
    mini_yaml = str(Path(__file__).parent / "fixtures" / "mini.yaml")
    slow = "SELECT * WHERE { ?s ?p ?o FILTER(" + " || ".join(f"?o = {i}" for i in range(8000)) + ") }" + tail
    assert (cleared_by_words(slow) is None) == bool(tail)
    started = time.monotonic()
    result = CliRunner().invoke(app, ["sparql", slow, mini_yaml, "--timeout", "2"])
    assert result.exit_code == 3 and "was stopped" in result.output
    assert time.monotonic() - started < 30


def test_a_text_only_oxigraph_reads_runs_only_when_the_word_test_clears_it(mini):
    """Oxigraph's LATERAL is not SPARQL 1.1: rdflib's parser, the full check's, refuses it."""
    lateral = "SELECT ?s ?x WHERE { ?s ?p ?o LATERAL { SELECT ?x WHERE { BIND(1 AS ?x) } } } LIMIT 1"
    assert len(ask_sparql(mini, lateral).rows) == 1
    with pytest.raises(BadQuery):
        ask_sparql(mini, lateral + " # rows from anywhere")


def test_an_error_only_oxigraph_finds_is_a_query_failure_in_process_too(mini):
    """rdflib reads this text; Oxigraph does not (a variable outside the GROUP BY): without a time
    limit the error is the same QueryFailed as in the forked child, not pyoxigraph's SyntaxError."""
    text = "SELECT (SUM(?x) AS ?y) ?x WHERE { ?s ?p ?x }"
    for timeout in (None, 10):
        with pytest.raises(engine.QueryFailed, match="line 1, column 45") as failed:
            ask_sparql(mini, text, timeout=timeout)
        assert failed.value.syntax
