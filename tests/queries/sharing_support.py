"""Shared by the sharing tests (loaded by path: the test folders are not packages): a govgraph server
on a free loopback port, a real Oxigraph server, small HTTP helpers and the loopback guard."""
from __future__ import annotations

import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
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
        deadline = time.monotonic() + 30
        while True:
            try:
                if http("GET", f"{url}/query?query=ASK%7B%7D", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"oxigraph did not start: {process.stderr.read().decode() if process.stderr else ''}")
            time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
