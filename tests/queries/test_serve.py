"""`govgraph serve` with a real HTTP client on a free loopback port: the SPARQL protocol, formats,
refusals, the time limit, the pages, the Host check, and Ctrl-C on the real command."""
from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from urllib.parse import quote, urlencode

import pyoxigraph as ox
import pytest
from govgraph.cli.app import app
from govgraph.sharing import serve as serve_module
from govgraph.sharing.protocol import negotiate
from typer.testing import CliRunner

from . import sharing_support as support
from .sharing_support import only_loopback  # noqa: F401 - an autouse fixture

BOARDS = "SELECT ?body ?label WHERE { ?body a/rdfs:subClassOf* gg:Board ; rdfs:label ?label } ORDER BY ?label"


@pytest.fixture(scope="module")
def server(builtin):  # type: ignore[no-untyped-def]
    logs: list[str] = []
    with support.running(builtin, timeout=5.0, logs=logs) as running:
        running.test_logs = logs
        yield running


def sparql(server, query: str, accept: str | None = None, method: str = "GET", **params: str):  # type: ignore[no-untyped-def]
    headers = {"Accept": accept} if accept else {}
    if method == "GET":
        return support.http("GET", f"{server.url}/sparql?{urlencode({'query': query, **params})}", headers=headers)
    if method == "FORM":
        return support.http("POST", f"{server.url}/sparql", urlencode({"query": query, **params}).encode(),
                            {**headers, "Content-Type": "application/x-www-form-urlencoded"})
    return support.http("POST", f"{server.url}/sparql?{urlencode(params)}", query.encode(),
                        {**headers, "Content-Type": "application/sparql-query"})


def boards_of(builtin) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    solutions = builtin.store.query(BOARDS, prefixes={"gg": "https://w3id.org/govgraph/ontology#",
                                                      "rdfs": "http://www.w3.org/2000/01/rdf-schema#"})
    return [(s["body"].value, s["label"].value) for s in solutions]


@pytest.mark.parametrize("method", ["GET", "FORM", "DIRECT"])
def test_the_three_protocol_operations_answer_alike(server, builtin, method):
    status, headers, body = sparql(server, BOARDS, "application/sparql-results+json", method)
    assert status == 200 and headers["Content-Type"] == "application/sparql-results+json"
    rows = [(b["body"]["value"], b["label"]["value"]) for b in json.loads(body)["results"]["bindings"]]
    assert rows == boards_of(builtin) and len(rows) >= 3


def test_select_formats_by_accept_header_and_format_parameter(server, builtin):
    expected = boards_of(builtin)
    status, headers, body = sparql(server, BOARDS, "text/csv")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert [tuple(r) for r in csv.reader(io.StringIO(body.decode()))] == [("body", "label"), *expected]
    status, headers, body = sparql(server, BOARDS, format="tsv")
    assert headers["Content-Type"].startswith("text/tab-separated-values")
    assert body.decode().splitlines()[0] == "?body\t?label" and len(body.decode().splitlines()) == len(expected) + 1
    status, headers, body = sparql(server, BOARDS, "application/sparql-results+xml;q=0.9, text/csv;q=0.1")
    assert headers["Content-Type"] == "application/sparql-results+xml"
    parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.XML)
    assert [(s["body"].value, s["label"].value) for s in parsed] == expected
    status, headers, _ = sparql(server, BOARDS)  # no Accept header: SPARQL JSON
    assert headers["Content-Type"] == "application/sparql-results+json"


def test_ask_construct_and_describe(server, builtin):
    status, _, body = sparql(server, "ASK { ?s a/rdfs:subClassOf* gg:Board }")
    assert status == 200 and json.loads(body) == {"head": {}, "boolean": True}
    construct = "CONSTRUCT { ?b rdfs:label ?l } WHERE { ?b a/rdfs:subClassOf* gg:Board ; rdfs:label ?l }"
    status, headers, turtle = sparql(server, construct, "text/turtle")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    status, headers, nt = sparql(server, construct, format="nt")
    assert headers["Content-Type"] == "application/n-triples"
    as_triples = lambda data, fmt: {str(q.triple) for q in ox.parse(data, format=fmt)}  # noqa: E731
    assert as_triples(turtle, ox.RdfFormat.TURTLE) == as_triples(nt, ox.RdfFormat.N_TRIPLES)
    assert len(as_triples(nt, ox.RdfFormat.N_TRIPLES)) == len(boards_of(builtin))
    hce = builtin.iri("hce")
    status, headers, described = sparql(server, f"DESCRIBE <{hce}>")  # default for graphs: Turtle
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert any(q.subject == ox.NamedNode(str(hce)) for q in ox.parse(described, format=ox.RdfFormat.TURTLE))


def test_refusals_are_400_with_the_reason_in_plain_english(server):
    cases = {
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }": "would change or load data",
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }": "SERVICE <http://example.org/sparql>",
        "SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }": "FROM <http://example.org/g> asks for another graph",
        "SELEC * WHERE { ?s ?p ?o }": "does not parse",
    }
    for query, words in cases.items():
        for method in ("GET", "FORM", "DIRECT"):
            status, headers, body = sparql(server, query, method=method)
            assert status == 400, (query, method)
            assert headers["Content-Type"].startswith("text/plain") and words in body.decode(), body


def test_updates_are_refused_on_every_path_and_method(server, builtin):
    before = len(builtin.store)
    update = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    for path in ("/sparql", "/update", "/", "/map", "/store"):
        status, _, body = support.http("POST", f"{server.url}{path}", update.encode(),
                                       {"Content-Type": "application/sparql-update"})
        assert status == 400 and b"read-only" in body, path
        status, _, body = support.http("POST", f"{server.url}{path}", urlencode({"update": update}).encode(),
                                       {"Content-Type": "application/x-www-form-urlencoded"})
        assert status in (400, 405) and (b"read-only" in body or b"POST goes to /sparql" in body), path
        for method in ("PUT", "DELETE", "PATCH"):
            status, headers, body = support.http(method, f"{server.url}{path}?default", b"<urn:a> <urn:b> <urn:c> .",
                                                 {"Content-Type": "application/n-triples"})
            assert status == 405 and headers["Allow"] == "GET, HEAD, POST" and b"read-only" in body
    assert len(builtin.store) == before


def test_other_graphs_and_bad_requests(server):
    status, _, body = sparql(server, "SELECT * WHERE { ?s ?p ?o } LIMIT 1", **{"default-graph-uri": "http://example.org/g"})
    assert status == 400 and b"default-graph-uri asks for another graph" in body
    status, _, body = support.http("POST", f"{server.url}/sparql", b"", {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 400 and b"give a query" in body
    status, _, body = sparql(server, "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "image/png")
    assert status == 406 and b"application/sparql-results+json" in body
    status, headers, _ = sparql(server, "ASK {}", format="ttl")  # not a results format: the Accept header decides
    assert status == 200 and headers["Content-Type"] == "application/sparql-results+json"
    status, _, body = support.http("POST", f"{server.url}/sparql", b"x" * 10, {"Content-Type": "text/plain"})
    assert status == 415
    status, _, body = support.http("GET", f"{server.url}/nothing-here")
    assert status == 404 and b"/sparql" in body


def test_a_query_past_the_time_limit_is_stopped(builtin):
    endless = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f . ?g ?s ?h }"
    with support.running(builtin, timeout=1.0) as quick:
        started = time.monotonic()
        status, _, body = sparql(quick, endless)
        assert status == 503 and b"more than 1 s and was stopped" in body
        assert time.monotonic() - started < 10
        assert sparql(quick, "ASK {}")[0] == 200  # and the server goes on answering


def test_index_and_map_pages(server, builtin):
    status, headers, body = support.http("GET", f"{server.url}/")
    page = body.decode()
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert builtin.arrangement.manifest["title"] in page and f"{server.url}/sparql" in page
    assert 'href="/map"' in page and 'action="/sparql"' in page
    status, headers, body = support.http("GET", f"{server.url}/map")
    html = body.decode()
    assert status == 200 and "connect-src &#39;none&#39;" in html and "Health and Care Executive" in html
    assert not re.search(r"""(src|href)=["']https?://""", html), "the map must load nothing from elsewhere"
    status, _, board = support.http("GET", f"{server.url}/map?board={quote('Health and Care Executive')}")
    assert status == 200 and board != body
    status, _, body = support.http("GET", f"{server.url}/map?board=no-such-board")
    assert status == 400 and b"no-such-board" in body
    status, _, body = support.http("GET", f"{server.url}/map?colour=red")
    assert status == 400 and b"colour" in body
    status, headers, body = support.http("HEAD", f"{server.url}/")
    assert status == 200 and body == b"" and int(headers["Content-Length"]) > 0


def test_map_focus_depth_defaults_to_one_link_as_the_command_does(server):
    focus = f"{server.url}/map?focus={quote('South Cambridgeshire District Council')}"
    pages = {depth: support.http("GET", focus + depth)[2] for depth in ("", "&depth=1", "&depth=2")}
    assert b"everything within 1 link of" in pages[""]
    assert pages[""] == pages["&depth=1"] != pages["&depth=2"]


def test_requests_for_other_host_names_are_refused(server):
    """A web page that points its own domain at 127.0.0.1 (DNS rebinding) must not read the graph."""
    port = server.server_address[1]
    status, _, body = support.http("GET", f"{server.url}/sparql?query=ASK%7B%7D", headers={"Host": f"evil.example:{port}"})
    assert status == 403 and b"evil.example" in body
    for host in (f"localhost:{port}", f"127.0.0.1:{port}"):
        assert support.http("GET", f"{server.url}/sparql?query=ASK%7B%7D", headers={"Host": host})[0] == 200


def test_each_request_is_logged(server):
    sparql(server, "ASK {}")
    assert any(re.search(r"127\.0\.0\.1 GET /sparql 200 \d+ ms", line) for line in server.test_logs)


def test_negotiation_rules():
    assert negotiate("SelectQuery", None, None) == "json"
    assert negotiate("SelectQuery", None, "text/html, application/xml;q=0.9, */*;q=0.8") == "xml"
    assert negotiate("SelectQuery", None, "text/*") in ("xml", "csv", "tsv")
    assert negotiate("ConstructQuery", None, "*/*") == "ttl"
    assert negotiate("ConstructQuery", None, "application/n-triples, text/turtle;q=0.5") == "nt"
    assert negotiate("AskQuery", "text/csv", "application/json") == "csv"
    assert negotiate("DescribeQuery", "turtle", None) == "ttl"
    assert negotiate("ConstructQuery", "xml", None) == "rdfxml" and negotiate("ConstructQuery", "json", None) == "jsonld"
    assert negotiate("SelectQuery", "n3", "text/csv") == "csv"  # unknown here: Accept decides


def test_a_host_other_than_loopback_warns(monkeypatch):
    """The warning comes before anything listens (here listening fails on purpose: exit 3)."""
    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError(99, "Cannot assign requested address")
    monkeypatch.setattr("govgraph.sharing.serve.make_server", refuse)  # what Arrangement.server (the command) calls
    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--port", "0"])
    assert result.exit_code == 3
    assert "warning: --host 0.0.0.0 is not a loopback address" in result.stderr
    assert "cannot listen on 0.0.0.0:0" in result.stderr
    assert serve_module.is_loopback("127.0.0.1") and serve_module.is_loopback("::1")
    assert not serve_module.is_loopback("0.0.0.0") and not serve_module.is_loopback("192.168.1.10")


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_the_command_serves_until_stopped(tmp_path, stop):
    """The real command in its own process: it answers, contacts nothing but loopback, and stops
    cleanly on Ctrl-C (SIGINT) or a plain kill (SIGTERM)."""
    log = tmp_path / "connections.log"
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(
        "import importlib.util\n"
        f"spec = importlib.util.spec_from_file_location('guard', {str(support.HERE / 'loopback_guard.py')!r})\n"
        "guard = importlib.util.module_from_spec(spec); spec.loader.exec_module(guard); guard.install()\n")
    env = {**os.environ, "PYTHONPATH": str(site), "GOVGRAPH_CONNECT_LOG": str(log)}
    process = subprocess.Popen([sys.executable, "-m", "govgraph", "serve", "--port", "0"],
                               stderr=subprocess.PIPE, text=True, env=env)
    try:
        line = process.stderr.readline()  # type: ignore[union-attr]
        match = re.search(r"SPARQL endpoint (http://127\.0\.0\.1:\d+)/sparql", line)
        assert match, line
        status, _, body = support.http("GET", f"{match.group(1)}/sparql?query=ASK%7B%7D")
        assert status == 200 and json.loads(body)["boolean"] is True
    finally:
        process.send_signal(stop)
        _, rest = process.communicate(timeout=20)
    assert process.returncode == 0, rest
    assert "stopped" in rest and "Traceback" not in rest
    assert not log.exists() or all("127.0.0.1" in entry or "'/" in entry for entry in log.read_text().splitlines())


def test_govgraph_commands_can_use_it_as_their_endpoint(server):
    """`--endpoint` against `govgraph serve`: the same output as the embedded store."""
    for args in (["query", "run", "members-of-body", "-p", "body=HCE", "--format", "csv"],
                 ["can", "hce", "local authority financial decision", "--for", "CCC"]):
        here = CliRunner().invoke(app, args)
        there = CliRunner().invoke(app, [*args, "--endpoint", f"{server.url}/sparql"])
        assert (there.exit_code, there.stdout) == (here.exit_code, here.stdout) and here.exit_code == 0
    graph = CliRunner().invoke(app, ["query", "run", "actions", "--endpoint", f"{server.url}/sparql", "--graph", "urn:x:g"])
    assert graph.exit_code == 3 and "default-graph-uri asks for another graph" in graph.stderr
