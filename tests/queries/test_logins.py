"""Logins for push and --endpoint against a small Graph Store server on loopback that wants HTTP
Basic or a bearer token (Virtuoso's Digest login is tested in test_stores.py): the login goes only
where it is asked for, and is never printed."""
from __future__ import annotations

import base64
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from govgraph.cli.app import app
from govgraph.sharing import credentials
from typer.testing import CliRunner

from .sharing_support import only_loopback  # noqa: F401 - an autouse fixture

SECRET = "s3cret-Pa55"


@contextmanager
def store_wanting(scheme: str) -> Iterator[tuple[str, list[str | None]]]:
    """A PUT-only store that answers 401 with a ``scheme`` challenge unless the login is right;
    yields its URL and the Authorization headers it saw."""
    seen: list[str | None] = []
    right = {"Basic": "Basic " + base64.b64encode(f"officer:{SECRET}".encode()).decode(), "Bearer": f"Bearer {SECRET}"}[scheme]

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def _answer(self, status: int, headers: dict[str, str]) -> None:
            self.send_response(status)
            for key, value in {**headers, "Content-Length": "0"}.items():
                self.send_header(key, value)
            self.end_headers()

        def do_HEAD(self) -> None:  # noqa: N802
            self.do_PUT()

        def do_PUT(self) -> None:  # noqa: N802
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            seen.append(self.headers.get("Authorization"))
            if self.headers.get("Authorization") == right:
                self._answer(204, {})
            else:
                self._answer(401, {"WWW-Authenticate": f'{scheme} realm="store"'})

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/store", seen
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(autouse=True)
def no_logins_around(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("HOME", str(tmp_path))  # no ~/.netrc of the machine's
    for name in (credentials.LOGIN_VARIABLE, credentials.TOKEN_VARIABLE):
        monkeypatch.delenv(name, raising=False)
    credentials.forget()
    yield
    credentials.forget()


def test_a_bearer_token_from_the_environment():
    with store_wanting("Bearer") as (url, seen):
        refused = CliRunner().invoke(app, ["push", "--endpoint", url])
        assert refused.exit_code == 1 and "GOVGRAPH_TOKEN" in refused.stderr
        done = CliRunner().invoke(app, ["push", "--endpoint", url], env={credentials.TOKEN_VARIABLE: SECRET})
        assert done.exit_code == 0, done.stderr
        assert seen[-1] == f"Bearer {SECRET}" and SECRET not in done.stderr + done.stdout


def test_basic_from_netrc_is_sent_only_after_the_server_asks(tmp_path):
    (tmp_path / ".netrc").write_text(f"machine 127.0.0.1 login officer password {SECRET}\n")
    (tmp_path / ".netrc").chmod(0o600)
    with store_wanting("Basic") as (url, seen):
        done = CliRunner().invoke(app, ["push", "--endpoint", url])
        assert done.exit_code == 0, done.stderr
        assert seen[0] is None and seen[-1] is not None  # first without, then with the login
        assert SECRET not in done.stderr + done.stdout


def test_a_login_in_the_url_is_never_printed():
    with store_wanting("Basic") as (url, _seen):
        wrong = CliRunner().invoke(app, ["push", "--endpoint", url.replace("http://", "http://officer:wrong-one@")])
        assert wrong.exit_code == 1 and "refused the login" in wrong.stderr and "wrong-one" not in wrong.stderr
        credentials.forget()
        right = CliRunner().invoke(app, ["push", "--endpoint", url.replace("http://", f"http://officer:{SECRET}@")])
        assert right.exit_code == 0 and SECRET not in right.stderr and f"to {url}?default" in right.stderr
