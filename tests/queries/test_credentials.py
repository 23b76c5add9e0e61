"""`push` and `--endpoint` with credentials (HTTP basic and bearer, from the URL, the environment
or ~/.netrc), never printed; and `push` saying what is known when things go wrong (issue 12 item 8,
issue 18 item 2). The servers are small loopback ones that check the Authorization header."""
from __future__ import annotations

import base64
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from http.server import BaseHTTPRequestHandler

import pytest
from govgraph.cli.app import app
from govgraph.sharing import http_client
from typer.testing import CliRunner

from . import sharing_support as support
from .sharing_support import only_loopback  # noqa: F401 - an autouse fixture

PASSWORD = "s3cr3t-Pa55"
TOKEN = "tok-9f8e7d6c5b4a"
BASIC = "Basic " + base64.b64encode(f"alice:{PASSWORD}".encode()).decode()


@pytest.fixture(autouse=True)
def _no_credentials_from_the_machine(monkeypatch, tmp_path):
    for name in (http_client.TOKEN_ENV, http_client.USER_ENV, http_client.PASSWORD_ENV):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NETRC", str(tmp_path / "no-netrc"))


@contextmanager
def guarded(expected: str) -> Iterator[tuple[str, list[str | None]]]:
    """A Graph Store stand-in: 204 with the right Authorization header, 401 otherwise."""
    seen: list[str | None] = []

    class Handler(BaseHTTPRequestHandler):
        def do_PUT(self) -> None:  # noqa: N802
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            seen.append(self.headers.get("Authorization"))
            ok = self.headers.get("Authorization") == expected
            reply = b"" if ok else f"login needed; you sent {self.path}".encode()
            self.send_response(204 if ok else 401)
            if not ok:
                self.send_header("WWW-Authenticate", 'Basic realm="store"')
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        do_POST = do_PUT

        def log_message(self, *args: object) -> None:
            pass

    with support.loopback_http(Handler) as address:
        yield address, seen


def push(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, ["push", *args])


def never_shown(result, *secrets: str) -> None:  # type: ignore[no-untyped-def]
    for secret in secrets:
        assert secret not in result.output, f"{secret!r} was printed"
        assert base64.b64encode(f"alice:{secret}".encode()).decode() not in result.output


def test_basic_credentials_from_the_url_are_used_and_never_printed():
    with guarded(BASIC) as (host, seen):
        result = push("--endpoint", f"http://alice:{PASSWORD}@{host}/store")
    assert result.exit_code == 0, result.output
    assert seen == [BASIC]
    assert f"to http://***@{host}/store?default" in result.stderr
    never_shown(result, PASSWORD)


def test_a_percent_encoded_password_in_the_url_is_decoded():
    odd = "p@ss:w/rd"
    with guarded("Basic " + base64.b64encode(f"alice:{odd}".encode()).decode()) as (host, seen):
        result = push("--endpoint", f"http://alice:p%40ss%3Aw%2Frd@{host}/store")
    assert result.exit_code == 0, result.output
    never_shown(result, odd, "p%40ss%3Aw%2Frd")


def test_a_bearer_token_from_the_environment(monkeypatch):
    monkeypatch.setenv(http_client.TOKEN_ENV, TOKEN)
    with guarded(f"Bearer {TOKEN}") as (host, seen):
        result = push("--endpoint", f"http://{host}/store")
    assert result.exit_code == 0, result.output
    assert seen == [f"Bearer {TOKEN}"]


def test_user_and_password_from_the_environment(monkeypatch):
    monkeypatch.setenv(http_client.USER_ENV, "alice")
    monkeypatch.setenv(http_client.PASSWORD_ENV, PASSWORD)
    with guarded(BASIC) as (host, seen):
        result = push("--endpoint", f"http://{host}/store")
    assert result.exit_code == 0, result.output
    assert seen == [BASIC]


def test_credentials_from_netrc(monkeypatch, tmp_path):
    netrc = tmp_path / "netrc"
    netrc.write_text(f"machine 127.0.0.1\n  login alice\n  password {PASSWORD}\n", encoding="utf-8")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    with guarded(BASIC) as (host, seen):
        result = push("--endpoint", f"http://{host}/store")
    assert result.exit_code == 0, result.output
    assert seen == [BASIC]


def test_wrong_credentials_are_a_refusal_with_a_hint_and_nothing_shown():
    with guarded(BASIC) as (host, seen):
        result = push("--endpoint", f"http://alice:wrong-one@{host}/store?token={TOKEN}")
    assert result.exit_code == 1
    assert "HTTP 401" in result.stderr and "GOVGRAPH_ENDPOINT_TOKEN" in result.stderr
    assert "was not loaded" in result.stderr
    never_shown(result, "wrong-one", TOKEN)  # the server echoed the token back: hidden there too


def test_credentials_reach_query_endpoints_and_are_never_printed():
    with guarded(BASIC) as (host, seen):
        result = CliRunner().invoke(app, ["sparql", "ASK {}", "--endpoint", f"http://alice:bad-pass@{host}/query?api_key={TOKEN}"])
    assert result.exit_code == 3 and "HTTP 401" in result.output
    assert seen and seen[0] is not None and seen[0].startswith("Basic ")
    never_shown(result, "bad-pass", TOKEN)
    assert "Traceback" not in result.output


@contextmanager
def raw_server(behaviour) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """A one-connection-at-a-time TCP server that does ``behaviour(conn)`` with each connection."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)

    def serve() -> None:
        while True:
            try:
                conn, _ = sock.accept()
            except OSError:
                return
            with conn, suppress(OSError):
                behaviour(conn)

    threading.Thread(target=serve, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        sock.close()


def _read_headers(conn: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(4096)
        if not chunk:
            break
        data += chunk
    return data


def test_an_early_401_on_a_large_body_is_reported_as_the_refusal(tmp_path):
    """The server answers 401 after the headers and closes without reading the 20 MB body."""
    def early(conn: socket.socket) -> None:
        _read_headers(conn)
        conn.sendall(b"HTTP/1.1 401 Unauthorized\r\nContent-Length: 12\r\nConnection: close\r\n\r\nlogin needed")
        conn.shutdown(socket.SHUT_WR)

    big = tmp_path / "big"
    (big).mkdir()
    (big / "a.yaml").write_text(
        "dataset: {id: big, title: Big, base: 'https://example.org/big/'}\ndocuments:\n"
        + "".join(f"  - {{id: d{i}, kind: board-paper, label: 'Paper {i} {'x' * 400}', source: d{i} 1}}\n"
                  for i in range(20_000)), encoding="utf-8")
    with raw_server(early) as url:
        result = push(str(big), "--endpoint", f"{url}/store")
    assert result.exit_code == 1, result.output
    assert "HTTP 401" in result.stderr and "cannot reach" not in result.stderr


def test_a_lost_answer_says_the_graph_may_have_been_loaded():
    """The server takes the whole body, then closes without a word."""
    def silent(conn: socket.socket) -> None:
        head = _read_headers(conn)
        length = int(head.lower().split(b"content-length:")[1].split(b"\r\n")[0])
        got = len(head.split(b"\r\n\r\n", 1)[1])
        while got < length:
            got += len(conn.recv(1 << 16))

    with raw_server(silent) as url:
        result = push("--endpoint", f"{url}/store")
    assert result.exit_code == 3
    assert "may have loaded it" in result.stderr and "nothing was loaded" not in result.stderr
    assert "--endpoint QUERY-URL" in result.stderr


def test_a_refused_connection_is_nothing_loaded():
    result = push("--endpoint", f"http://alice:{PASSWORD}@127.0.0.1:{support.free_port()}/store")
    assert result.exit_code == 3 and "nothing was loaded" in result.stderr
    never_shown(result, PASSWORD)


@pytest.mark.parametrize("url", ["http://127.0.0.1:7878/store\r\nX-Injected: 1", "http://127.0.0.1:7878/st ore",
                                 "http://127.0.0.1:7878/store\n"])
def test_an_endpoint_with_control_characters_is_refused_before_sending(url):
    for command in (["push", "--endpoint", url], ["sparql", "ASK {}", "--endpoint", url]):
        result = CliRunner().invoke(app, command)
        assert result.exit_code == 2, (command, result.output)
        assert "control characters" in result.output and "Traceback" not in result.output


def test_redact_hides_userinfo_and_secret_query_values():
    text = http_client.redact("GET http://bob:pw-123@h:1/q?query=x&access_token=abc123&Sig=zz end")
    assert text == "GET http://***@h:1/q?query=x&access_token=***&Sig=*** end"


@contextmanager
def digest_guarded(user: str, password: str, algorithm: str = "MD5") -> Iterator[tuple[str, list[int]]]:
    """A stand-in for Virtuoso's -auth endpoints: 401 with a Digest challenge (qop=auth), then
    204 for an answer computed as RFC 7616 says; like Virtuoso, a bare 401 (no challenge) to
    Basic credentials. Records the status of each request."""
    import hashlib
    import re
    h = {"MD5": hashlib.md5, "SHA-256": hashlib.sha256}[algorithm]
    realm, nonce, statuses = "SPARQL", "abc123nonce", []

    class Handler(BaseHTTPRequestHandler):
        def do_PUT(self) -> None:  # noqa: N802
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            given = self.headers.get("Authorization", "")
            fields = {k: a or b for k, a, b in re.findall(r'(\w+)=(?:"([^"]*)"|([^\s,]+))', given)}
            ha1 = h(f"{user}:{realm}:{password}".encode()).hexdigest()
            ha2 = h(f"{self.command}:{self.path}".encode()).hexdigest()
            want = h(f"{ha1}:{nonce}:{fields.get('nc')}:{fields.get('cnonce')}:auth:{ha2}".encode()).hexdigest()
            ok = given.startswith("Digest ") and fields.get("response") == want and fields.get("uri") == self.path
            statuses.append(204 if ok else 401)
            self.send_response(204 if ok else 401)
            if not ok and not given.startswith("Basic "):
                self.send_header("WWW-Authenticate", f'Digest realm="{realm}", nonce="{nonce}", qop="auth", '
                                                     f'algorithm={algorithm}, opaque="op1"')
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_GET = do_POST = do_PUT

        def log_message(self, *args: object) -> None:
            pass

    with support.loopback_http(Handler) as address:
        yield address, statuses


@pytest.mark.parametrize("algorithm", ["MD5", "SHA-256"])
def test_a_digest_challenge_is_answered(monkeypatch, algorithm):
    monkeypatch.setenv(http_client.USER_ENV, "dba")
    monkeypatch.setenv(http_client.PASSWORD_ENV, PASSWORD)
    with digest_guarded("dba", PASSWORD, algorithm) as (host, statuses):
        result = push("--endpoint", f"http://{host}/sparql-graph-crud-auth")
    assert result.exit_code == 0, result.output
    assert statuses == [401, 401, 204]  # Basic refused bare; the challenge asked for; the digest answer
    never_shown(result, PASSWORD)


def test_a_wrong_digest_password_is_a_refusal(monkeypatch):
    with digest_guarded("dba", PASSWORD) as (host, statuses):
        result = push("--endpoint", f"http://dba:not-it@{host}/sparql-graph-crud-auth")
    assert result.exit_code == 1 and "HTTP 401" in result.stderr
    assert statuses == [401, 401, 401]


def test_a_server_that_asked_for_digest_gets_it_first_the_next_time(monkeypatch):
    """Queries over --endpoint make many requests: after the first challenge, each goes straight
    with a digest answer (the nonce's count going up), not Basic first."""
    monkeypatch.setenv(http_client.USER_ENV, "dba")
    monkeypatch.setenv(http_client.PASSWORD_ENV, PASSWORD)
    with digest_guarded("dba", PASSWORD) as (host, statuses):
        for _ in range(3):
            status, _headers, response = http_client.request("PUT", f"http://{host}/sparql-graph-crud-auth", b"x")
            response.close()
            assert status == 204
    assert statuses == [401, 401, 204, 204, 204]
