"""`govgraph push`: what is sent (data plus ontology, no blank nodes, the same bytes every time), where
(only the URL given: no proxies, no redirects), and the exit codes, against small recording servers."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from urllib.parse import unquote

import pyoxigraph as ox
from govgraph.cli.app import app
from govgraph.ontology import source_path
from govgraph.sharing.push import GENID, body, skolemised, target
from typer.testing import CliRunner

from . import sharing_support as support
from .sharing_support import only_loopback  # noqa: F401 - an autouse fixture


@contextmanager
def recorder(status: int = 204, headers: dict[str, str] | None = None, reply: bytes = b"") -> Iterator[tuple[str, list]]:
    """A loopback HTTP server that records (method, path, headers, body) and answers ``status``."""
    seen: list[tuple[str, str, dict[str, str], bytes]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_PUT(self) -> None:  # noqa: N802
            data = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            seen.append((self.command, self.path, dict(self.headers), data))
            self.send_response(status)
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        do_POST = do_GET = do_PUT

        def log_message(self, *args: object) -> None:
            pass

    with support.loopback_http(Handler) as address:
        yield f"http://{address}", seen


def push(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, ["push", *args])


def test_the_body_is_data_plus_ontology_without_blank_nodes(builtin):
    data = body(builtin)
    triples = {str(q.triple) for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)}
    local = {str(q.triple) for q in builtin.store.quads_for_pattern(None, None, None)}
    assert len(triples) == len(local) == data.count(b"\n")
    assert not any(isinstance(t, ox.BlankNode) for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
                   for t in (q.subject, q.object))
    blank = {t for t in local if "_:" in t}
    assert blank and len({t for t in triples if GENID in t}) == len(blank)  # each blank-node triple, skolemised
    assert triples - {t for t in triples if GENID in t} == local - blank  # everything else untouched
    assert f"<https://w3id.org{GENID}" in data.decode()  # minted under the base's authority


def test_the_same_arrangement_gets_the_same_skolem_iris(builtin):
    """Blank node ids differ on every parse; the IRIs must not (a second push replaces, never piles up)."""
    first = body(builtin)
    parsed_again = list(ox.parse(path=source_path(), format=ox.RdfFormat.TURTLE))
    again = skolemised(parsed_again, builtin.arrangement.base)
    assert again in first and body(builtin) == first
    other_base = skolemised(parsed_again, "https://example.org/ours/")
    assert b"<https://example.org/.well-known/genid/govgraph/" in other_base


def test_target_addresses():
    assert target("http://h:7878/store", None) == "http://h:7878/store?default"
    assert target("http://h:7878/store", "https://example.org/g?x=1") == \
        "http://h:7878/store?graph=https%3A%2F%2Fexample.org%2Fg%3Fx%3D1"
    assert target("http://h/ds/data?token=1", None) == "http://h/ds/data?token=1&default"


def test_push_puts_n_triples_to_the_graph(builtin):
    with recorder(201) as (url, seen):
        result = push("--endpoint", f"{url}/store", "--graph", "https://example.org/graphs/cp")
    assert result.exit_code == 0, result.stderr
    [(method, path, headers, data)] = seen
    assert method == "PUT" and unquote(path) == "/store?graph=https://example.org/graphs/cp"
    assert headers["Content-Type"] == "application/n-triples" and data == body(builtin)
    lines = data.count(b"\n")
    assert f"pushed {lines:,} triples" in result.stderr and "(HTTP 201)" in result.stderr
    assert result.stdout == ""


def test_a_server_that_refuses_exits_1_and_quotes_it():
    with recorder(403, reply=b"this store is read-only") as (url, seen):
        result = push("--endpoint", f"{url}/store")
    assert result.exit_code == 1 and len(seen) == 1
    assert "HTTP 403" in result.stderr and "this store is read-only" in result.stderr


def test_an_unreachable_server_exits_3():
    port = support.free_port()
    result = push("--endpoint", f"http://127.0.0.1:{port}/store")
    assert result.exit_code == 3
    assert "nothing was loaded" in result.stderr and "Connection refused" in result.stderr


def test_bad_arguments_exit_2_before_anything_is_sent():
    with recorder() as (url, seen):
        for args in (["--endpoint", "ftp://127.0.0.1/store"], ["--endpoint", "127.0.0.1:7878/store"],
                     ["--endpoint", f"{url}/store", "--graph", "not an IRI"], []):
            result = push(*args)
            assert result.exit_code == 2, args
        assert seen == []


def test_redirects_are_not_followed_and_proxies_not_used(monkeypatch):
    with recorder() as (elsewhere, elsewhere_seen), recorder(307, {"Location": f"{elsewhere}/store?default"}) as (url, seen):
        monkeypatch.setenv("http_proxy", elsewhere)
        monkeypatch.setenv("HTTP_PROXY", elsewhere)
        monkeypatch.delenv("no_proxy", raising=False)
        monkeypatch.delenv("NO_PROXY", raising=False)
        result = push("--endpoint", f"{url}/store")
    assert result.exit_code == 1 and "redirects to" in result.stderr
    assert len(seen) == 1 and elsewhere_seen == []
