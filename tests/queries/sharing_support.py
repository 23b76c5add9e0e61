"""Shared by the sharing tests (loaded by path: the test folders are not packages): a govgraph server
on a free loopback port, a real Oxigraph server, small HTTP helpers and the loopback guard."""
from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from govgraph.graph_builder import Built
from govgraph.sharing.serve import GovgraphServer, make_server

from . import loopback_guard as guard

HERE = Path(__file__).parent


@pytest.fixture(autouse=True)
def only_loopback(monkeypatch):  # type: ignore[no-untyped-def]
    """Import this into a test module: any connect() to a non-loopback address fails the test."""
    monkeypatch.setattr(socket.socket, "connect", guard.guarded_connect)


@contextmanager
def running(built: Built, timeout: float = 30.0, logs: list[str] | None = None, **options: int) -> Iterator[GovgraphServer]:
    """`govgraph serve` in a thread on 127.0.0.1 and a free port (``options``: workers, max_answer);
    stopped and closed (its workers too) afterwards."""
    server = make_server(built, "127.0.0.1", 0, timeout, (logs if logs is not None else []).append, **options)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def http(method: str, url: str, data: bytes | None = None, headers: dict[str, str] | None = None,
         timeout: float = 60) -> tuple[int, dict[str, str], bytes]:
    """(status, headers, body) of one request, error statuses included; no proxies."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


@contextmanager
def loopback_http(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """A small threaded HTTP server on a free loopback port with ``handler``; yields host:port."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def oxigraph(location: Path) -> Iterator[str]:
    """A real Oxigraph server (the `oxigraph` binary of the PyPI package) on 127.0.0.1; yields its base URL."""
    binary = shutil.which("oxigraph")
    if binary is None:
        raise RuntimeError("the oxigraph binary is missing: pip install -e '.[test]' installs it")
    port = free_port()
    process = subprocess.Popen([binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(process, f"{url}/query?query=ASK%7B%7D", 30, 0.1,
                       lambda: f"oxigraph did not start: {process.stderr.read().decode() if process.stderr else ''}")
        yield url
    finally:
        _stop(process, 10)


def _wait_until_up(process: subprocess.Popen, probe: str, seconds: float, pause: float,
                   why: Callable[[], str]) -> None:
    """Until GET ``probe`` answers 200; RuntimeError(why()) if the process ends or time runs out."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            if http("GET", probe, timeout=2)[0] == 200:
                return
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(why())
        time.sleep(pause)


def _stop(process: subprocess.Popen, seconds: float) -> None:
    process.terminate()
    try:
        process.wait(seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


VIRTUOSO = "/usr/bin/virtuoso-t"  # Debian's virtuoso-opensource (.ci/run installs it)
VIRTUOSO_INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
DirsAllowed = .
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
CheckpointInterval = 0
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
ServerThreads = 8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 0
MaxQueryCostEstimationTime = 0
"""


@dataclass
class Virtuoso:
    url: str  # http://127.0.0.1:PORT
    user: str  # a user made for the tests, allowed to update graphs (SPARQL_UPDATE)
    password: str


def virtuoso_missing() -> str | None:
    """Why Virtuoso cannot run here, or None. In CI a missing Virtuoso fails instead of skipping."""
    if Path(VIRTUOSO).exists():
        return None
    if os.environ.get("CI") == "true":
        raise RuntimeError(f"{VIRTUOSO} is missing: .ci/run installs Debian's virtuoso-opensource")
    return f"{VIRTUOSO} is missing (Debian: apt-get install virtuoso-opensource)"


@contextmanager
def virtuoso(folder: Path) -> Iterator[Virtuoso]:
    """Virtuoso open source on 127.0.0.1 (free ports), with its own database and virtuoso.ini in
    ``folder``, and a user with a random password; stopped afterwards."""
    sql, port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(d=folder, sql=sql, http=port))
    process = subprocess.Popen([VIRTUOSO, "+foreground", "+configfile", str(ini)], cwd=folder,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    log = folder / "virtuoso.log"
    try:
        _wait_until_up(process, f"{url}/sparql?query=ASK%7B%7D", 90, 0.2,
                       lambda: f"virtuoso did not start: {log.read_text(errors='replace')[-2000:] if log.exists() else ''}")
        password = secrets.token_urlsafe(12)
        subprocess.run(["isql-vt", f"127.0.0.1:{sql}", "dba", "dba",
                        f"exec=DB.DBA.USER_CREATE('govgraph', '{password}'); GRANT SPARQL_UPDATE TO \"govgraph\";"],
                       check=True, capture_output=True, timeout=60)
        yield Virtuoso(url, "govgraph", password)
    finally:
        _stop(process, 30)
