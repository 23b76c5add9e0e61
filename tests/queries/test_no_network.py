"""No query text makes a govgraph process open a network connection (issue 12 item 1).

A loopback listener counts every connection it gets. Texts that put SERVICE <listener> in every
place a pattern can stand, and texts built on the lexical corners where SPARQL parsers disagree
(comments ended by a bare CR, escapes of 4 and 8 digits, line ends, byte-order marks), go through
`govgraph sparql`, through `govgraph serve` (GET, form POST, direct POST) and, with the check
skipped, straight to the engine: the listener must count nothing.
"""
from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from govgraph.cli.app import app
from govgraph.queries import engine
from govgraph.queries.questions import ask_sparql
from govgraph.queries.safety import BadQuery, canonical
from typer.testing import CliRunner

from . import sharing_support as support
from .sharing_support import only_loopback  # noqa: F401 - an autouse fixture

MINI = Path(__file__).parent / "fixtures" / "mini.yaml"


class Listener:
    """A loopback TCP listener that counts the connections it accepts."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/sparql"
        self.count = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.count += 1
            conn.close()


@pytest.fixture()
def listener() -> Iterator[Listener]:
    heard = Listener()
    yield heard
    heard.sock.close()


def issue_texts(url: str) -> dict[str, str]:
    """The two texts of the issue: rdflib saw no SERVICE in them, Oxigraph ran one."""
    return {
        "comment ended by a bare CR": f"SELECT * WHERE {{ ?s ?p ?o # c\rSERVICE <{url}> {{ ?s ?p ?o }} \n }}",
        "eight digits after \\u": (f'SELECT * WHERE {{ ?s ?p ?o BIND("\\u00000022 AS ?z) BIND(" AS ?q) '
                                   f'SERVICE <{url}> {{ ?s ?p ?o }} # " AS ?w)\n }}'),
    }


def service_everywhere(url: str) -> dict[str, str]:
    s = f"SERVICE <{url}> {{ ?a ?b ?c }}"
    return {
        "top": f"SELECT * WHERE {{ ?s ?p ?o {s} }}",
        "first": f"SELECT * WHERE {{ {s} ?s ?p ?o }}",
        "silent": f"SELECT * WHERE {{ ?s ?p ?o SERVICE SILENT <{url}> {{ ?a ?b ?c }} }}",
        "variable": f"SELECT * WHERE {{ ?s ?p ?o BIND(<{url}> AS ?e) SERVICE ?e {{ ?a ?b ?c }} }}",
        "optional": f"SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ {s} }} }}",
        "union": f"SELECT * WHERE {{ {{ ?s ?p ?o }} UNION {{ {s} }} }}",
        "minus": f"SELECT * WHERE {{ ?s ?p ?o MINUS {{ {s} }} }}",
        "graph": f"SELECT * WHERE {{ ?s ?p ?o GRAPH ?g {{ {s} }} }}",
        "subquery": f"SELECT * WHERE {{ {{ SELECT * WHERE {{ ?s ?p ?o {s} }} }} }}",
        "exists": f"SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ {s} }} }}",
        "not exists": f"SELECT * WHERE {{ ?s ?p ?o FILTER NOT EXISTS {{ {s} }} }}",
        "bind exists": f"SELECT * WHERE {{ ?s ?p ?o BIND(EXISTS {{ {s} }} AS ?x) }}",
        "nested": f"SELECT * WHERE {{ ?s ?p ?o SERVICE <{url}> {{ {s} }} }}",
        "ask": f"ASK {{ ?s ?p ?o {s} }}",
        "construct": f"CONSTRUCT {{ ?a ?b ?c }} WHERE {{ ?s ?p ?o {s} }}",
        "describe": f"DESCRIBE ?a WHERE {{ ?s ?p ?o {s} }}",
        "lower case": f"select * where {{ ?s ?p ?o service <{url}> {{ ?a ?b ?c }} }}",
    }


def differentials(url: str) -> dict[str, str]:
    """The lexical corners: SERVICE hidden (for one parser or the other) behind each of them."""
    hidden = f"SERVICE <{url}> {{ ?a ?b ?c }}"
    texts = {}
    for name, end in {"CR": "\r", "LF": "\n", "CRLF": "\r\n", "U+2028": "\u2028", "U+0085": "\u0085",
                      "FF": "\f", "VT": "\v", "NUL": "\0"}.items():
        texts[f"comment ended by {name}"] = f"SELECT * WHERE {{ ?s ?p ?o # c{end}{hidden} \n }}"
    for name, quote in {"\\u0022": "\\u0022", "\\U00000022": "\\U00000022", "\\u00000022": "\\u00000022",
                        "\\u005Cu0022": "\\u005Cu0022", "\\\\u0022": "\\\\u0022", "\\u0027": "\\u0027",
                        "\\u000A": "\\u000A", "\\u000D": "\\u000D", "\\u0023": "\\u0023", "\\U0022": "\\U0022"}.items():
        texts[f"escape {name} in a string"] = (f'SELECT * WHERE {{ ?s ?p ?o BIND("x{quote} AS ?z) BIND(" AS ?q) '
                                               f'{hidden} # " AS ?w)\n }}')
    texts["escape spelling SERVICE"] = f"SELECT * WHERE {{ ?s ?p ?o \\u0053ERVICE <{url}> {{ ?a ?b ?c }} }}"
    texts["escaped IRI"] = f"SELECT * WHERE {{ ?s ?p ?o SERVICE <{url.replace(':', chr(92) + 'u003A', 1)}> {{ ?a ?b ?c }} }}"
    for name, bom in {"at the start": "\ufeff", "inside": ""}.items():
        start = bom if bom else ""
        middle = "" if bom else "\ufeff"
        texts[f"BOM {name}"] = f"{start}SELECT * WHERE {{ ?s ?p ?o {middle}{hidden} }}"
    texts["CRLF line ends"] = f"SELECT * WHERE {{\r\n ?s ?p ?o\r\n {hidden}\r\n}}"
    texts["CR line ends"] = f"SELECT * WHERE {{\r ?s ?p ?o\r {hidden}\r}}"
    texts["long string across a CR"] = f'SELECT * WHERE {{ ?s ?p ?o BIND("""a\r""" AS ?x) {hidden} }}'
    texts["IRI with #"] = f"SELECT * WHERE {{ ?s ?p ?o BIND(<http://x/#> AS ?x) {hidden} }}"
    return texts


def all_texts(url: str) -> dict[str, str]:
    return {**issue_texts(url), **service_everywhere(url), **differentials(url)}


def test_the_listener_counts(listener):
    with socket.create_connection(("127.0.0.1", int(listener.url.split(":")[2].split("/")[0])), timeout=2):
        pass
    for _ in range(50):
        if listener.count:
            break
        threading.Event().wait(0.02)
    assert listener.count == 1


def test_the_texts_of_the_issue_are_refused_by_the_cli(listener):
    for name, text in issue_texts(listener.url).items():
        result = CliRunner().invoke(app, ["sparql", text, str(MINI)])
        assert result.exit_code == 2, (name, result.output)
        assert "Traceback" not in result.output
    assert listener.count == 0


def test_no_text_reaches_the_network_through_the_cli(listener):
    outcomes = {}
    for name, text in all_texts(listener.url).items():
        result = CliRunner().invoke(app, ["sparql", text, str(MINI)])
        outcomes[name] = result.exit_code
        assert "Traceback" not in result.output, name
    assert listener.count == 0, outcomes
    assert set(outcomes.values()) <= {0, 2, 3}


def test_the_engine_itself_cannot_reach_the_network(listener, mini):
    """The second guard on its own: text that was never checked, run by the engine's child."""
    with pytest.raises(engine.QueryFailed, match="Permission denied"):
        engine.run(mini.graph, service_everywhere(listener.url)["top"], None, timeout=20, prefixes=mini.prefixes)
    for text in service_everywhere(listener.url).values():
        # The engine reports the refused socket; SILENT ones answer without the service.
        with contextlib.suppress(engine.QueryFailed):
            engine.run(mini.graph, text, None, timeout=20, prefixes=mini.prefixes)
    assert listener.count == 0


@pytest.mark.parametrize("method", ["GET", "FORM", "DIRECT"])
def test_no_text_reaches_the_network_through_serve(listener, builtin, method):
    statuses = {}
    with support.running(builtin, timeout=10.0) as server:
        for name, text in all_texts(listener.url).items():
            if method == "GET":
                status, _, _ = support.http("GET", f"{server.url}/sparql?{urlencode({'query': text})}")
            elif method == "FORM":
                status, _, _ = support.http("POST", f"{server.url}/sparql", urlencode({"query": text}).encode(),
                                            {"Content-Type": "application/x-www-form-urlencoded"})
            else:
                status, _, _ = support.http("POST", f"{server.url}/sparql", text.encode(),
                                            {"Content-Type": "application/sparql-query"})
            statuses[name] = status
    assert listener.count == 0, statuses
    assert statuses["comment ended by a bare CR"] == 400 and statuses["eight digits after \\u"] == 400


def test_the_canonical_text_is_what_runs(mini):
    """The check and the engine read one text: a CR ends a comment for both."""
    text = "SELECT ?x WHERE { # a comment\rBIND(1 AS ?x) }"
    assert canonical(text) == "SELECT ?x WHERE { # a comment\nBIND(1 AS ?x) }"
    assert [int(row[0]) for row in ask_sparql(mini, text).rows] == [1]
    assert ask_sparql(mini, 'SELECT ?x WHERE { BIND("\\u0041\\U00000042" AS ?x) }').rows[0][0].toPython() == "AB"
    assert ask_sparql(mini, "\ufeffASK { }").answer is True


@pytest.mark.parametrize("text, message", [
    ('SELECT ?x WHERE { BIND("\\u00000022" AS ?x) }', "U\\+0000"),
    ('SELECT ?x WHERE { BIND("\\u005Cu0041" AS ?x) }', "may not spell another escape"),
    ('SELECT ?x WHERE { BIND("\\u12" AS ?x) }', "exactly 4"),
    ("SELECT ?x WHERE { BIND(1 AS ?x) \v }", "line 1, column 33.*U\\+000B"),
])
def test_texts_with_no_single_reading_are_refused_with_a_place(text, message):
    with pytest.raises(BadQuery, match=message):
        canonical(text)
