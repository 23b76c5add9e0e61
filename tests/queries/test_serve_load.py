"""`govgraph serve` under concurrent use and abuse (issue 12 items 2 and 7, issue 19 item 3).

A fresh server takes 16 different queries at the same instant and answers each rightly; a
runaway query is stopped at its limit while the others are answered; then, on a real `govgraph
serve` process, a bounded load (fixed counts, loopback only) mixed with abuse (half-sent
requests, a 70 KB URL, a bad Content-Length, malformed request lines, many distinct maps) gets no
wrong answer, proper status codes, no traceback, and flat memory.
"""
from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

import pytest
from govgraph.queries.library import load_library
from govgraph.queries.questions import Workspace

from . import sharing_support as support
from .sharing_support import only_loopback  # noqa: F401 - an autouse fixture

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def counting(n: int) -> str:
    """A distinct text per client: how many labels are longer than n characters."""
    return f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s rdfs:label ?l FILTER(STRLEN(?l) > {n}) }}"


def expected_count(builtin, n: int) -> int:  # type: ignore[no-untyped-def]
    prefixes = Workspace(builtin).prefixes
    from govgraph.sharing.serve import published_store
    store = published_store(builtin)
    solutions = store.query(counting(n), prefixes=prefixes)
    value = int(next(iter(solutions))["n"].value)  # type: ignore[index]
    del solutions  # pyoxigraph's answers must be dropped on the thread that made them
    return value


def get(url: str, query: str, timeout: float = 60) -> tuple[int, bytes]:
    status, _, body = support.http("GET", f"{url}/sparql?{urlencode({'query': query})}",
                                   headers={"Accept": "application/sparql-results+json"}, timeout=timeout)
    return status, body


def count_of(body: bytes) -> int:
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def test_sixteen_first_requests_at_once_are_all_answered_rightly(builtin):
    expected = {n: expected_count(builtin, n) for n in range(16)}
    with support.running(builtin, timeout=30.0) as server:
        start = threading.Barrier(16)

        def client(n: int) -> tuple[int, int, bytes]:
            start.wait()
            status, body = get(server.url, counting(n))
            return n, status, body

        with ThreadPoolExecutor(16) as pool:
            answers = list(pool.map(client, range(16)))
        assert [(n, status) for n, status, _ in answers] == [(n, 200) for n in range(16)], answers
        assert {n: count_of(body) for n, _, body in answers} == expected
        # and afterwards every named question's text still parses and runs
        for question in load_library().values():
            status, body = get(server.url, question.sparql)
            assert status == 200, (question.id, body[:300])


def test_a_runaway_query_is_stopped_while_the_others_are_answered(builtin):
    with support.running(builtin, timeout=2.0, workers=2) as server:
        with ThreadPoolExecutor(3) as pool:
            runaway = pool.submit(get, server.url, RUNAWAY)
            time.sleep(0.3)
            quick = [get(server.url, counting(n)) for n in range(5)]
            assert [status for status, _ in quick] == [200] * 5
            status, body = runaway.result()
        assert status == 503 and b"was stopped" in body
        assert [get(server.url, counting(1))[0] for _ in range(4)] == [200] * 4  # a fresh worker took its place
        assert server.pool.size == 2 and len(server.pool._all) == 2


def test_parsing_counts_against_the_time_limit(builtin):
    """A 100 KB FILTER takes rdflib's parser over a minute: the limit stops it, the server goes on."""
    slow = "SELECT * WHERE { ?s ?p ?o FILTER(" + " || ".join(f"?o = {i}" for i in range(8000)) + ") }"
    with support.running(builtin, timeout=2.0, workers=1) as server:
        started = time.monotonic()
        status, _, body = support.http("POST", f"{server.url}/sparql", slow.encode(),
                                       {"Content-Type": "application/sparql-query"})
        assert status == 503 and b"was stopped" in body
        assert time.monotonic() - started < 20
        assert get(server.url, counting(1))[0] == 200


def test_an_answer_over_the_cap_is_413_and_the_server_goes_on(builtin):
    with support.running(builtin, timeout=30.0, max_answer=20_000) as server:
        status, body = get(server.url, "SELECT * WHERE { ?s ?p ?o }")
        assert status == 413 and b"add a LIMIT" in body
        status, body = get(server.url, "SELECT * WHERE { ?s ?p ?o } LIMIT 5")
        assert status == 200


def test_the_map_cache_is_bounded(builtin):
    from govgraph.sharing.serve import MAP_CACHE
    with support.running(builtin, timeout=30.0) as server:
        for n in range(MAP_CACHE + 4):
            status, _, _ = support.http("GET", f"{server.url}/map?title=t{n}")
            assert status == 200
        assert len(server.maps) == MAP_CACHE


def raw(port: int, data: bytes, timeout: float = 30) -> bytes:
    """Send bytes as they are and read the whole answer (the server closes after an error)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(data)
        chunks = []
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)


@pytest.mark.parametrize("request_bytes, status", [
    (b"GET /sparql?query=" + b"x" * 70_000 + b" HTTP/1.1\r\nHost: localhost\r\n\r\n", b"414"),
    (b"POST /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/sparql-query\r\n"
     b"Content-Length: \xc2\xb2\r\n\r\nASK {}", b"400"),
    (b"GARBAGE\r\n\r\n", b"400"),
    (b"GET /sparql HTTP/9.9 extra\r\n\r\n", b"400"),
    (b"GET / HTTP/1.1\r\nHost: localhost\r\nX: " + b"y" * 70_000 + b"\r\n\r\n", b"431"),
])
def test_malformed_requests_get_a_status_not_a_traceback(builtin, request_bytes, status):
    logs: list[str] = []
    with support.running(builtin, timeout=5.0, logs=logs) as server:
        answer = raw(server.server_address[1], request_bytes)
    assert answer.split(b" ")[1] == status, answer[:200]
    assert not any("Traceback" in line for line in logs)


def load_and_abuse(port: int, url: str, expected: dict[int, int], errors: list[str], round_: int) -> None:
    """8 clients x 60 queries while 40 half-sent requests are held open, 40 distinct maps are
    asked for, and a 70 KB URL, a one-word request line and a bad Content-Length are sent."""
    held = []
    for _ in range(40):
        sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\nSEL")
        held.append(sock)

    def client(c: int) -> None:
        for i in range(60):
            n = (c + i) % 8
            try:
                status, body = get(url, counting(n), timeout=60)
            except OSError as exc:
                errors.append(f"{round_}/{c}/{i}: {exc}")
                continue
            if status != 200 or count_of(body) != expected[n]:
                errors.append(f"{round_}/{c}/{i}: {status} {body[:100]!r}")

    threads = [threading.Thread(target=client, args=(c,)) for c in range(8)]
    for thread in threads:
        thread.start()
    for n in range(40):
        status = support.http("GET", f"{url}/map?title=r{round_}m{n}", timeout=60)[0]
        if status != 200:
            errors.append(f"{round_}: map {n}: {status}")
    abuse = {b"GET /sparql?query=" + b"x" * 70_000 + b" HTTP/1.1\r\n\r\n": b"414", b"GARBAGE\r\n\r\n": b"400",
             b"POST /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Length: \xc2\xb2\r\n\r\n": b"400"}
    for request, status in abuse.items():
        answer = raw(port, request)
        if answer.split(b" ")[1:2] != [status]:
            errors.append(f"{round_}: {request[:30]!r} answered {answer[:40]!r}")
    for thread in threads:
        thread.join()
    for sock in held:
        sock.close()


def rss_kb(pid: int) -> int:
    text = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+)", text).group(1))  # type: ignore[union-attr]


@pytest.mark.slow
def test_bounded_load_and_abuse_on_a_real_server(tmp_path):
    """`govgraph serve` as users start it, under three rounds of the same bounded load and abuse
    (load_and_abuse): every answer right, 0 errors, no traceback, and the server's memory flat
    after the first round (caches and thread stacks fill once, then stay)."""
    port = support.free_port()
    process = subprocess.Popen([sys.executable, "-m", "govgraph", "serve", "--port", str(port), "--timeout", "10",
                                "--workers", "2"], stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if support.http("GET", f"{url}/", timeout=5)[0] == 200:
                    break
            except OSError:
                pass
            assert process.poll() is None and time.monotonic() < deadline, "serve did not start"
            time.sleep(0.2)
        expected = {n: count_of(get(url, counting(n))[1]) for n in range(8)}
        errors: list[str] = []
        memory = [rss_kb(process.pid)]
        for round_ in range(3):  # the same load three times: what grows in the first must not grow again
            load_and_abuse(port, url, expected, errors, round_)
            memory.append(rss_kb(process.pid))
        print(f"served 3 x {8 * 60} queries and 3 x 40 maps; server memory (kB) at start and after each round: {memory}")
        assert errors == []
        assert memory[3] - memory[1] < 20_000, f"memory kept growing: {memory} kB"
        assert get(url, counting(3))[0] == 200
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=30)
    assert "Traceback" not in stderr, stderr[-2000:]


def test_without_fork_queries_are_answered_in_the_process(builtin, monkeypatch):
    """Where os.fork does not exist (Windows) the server still answers, one query at a time."""
    monkeypatch.delattr("os.fork")
    with support.running(builtin, timeout=5.0) as server:
        assert server.pool.forking is False and server.pool._all == set()
        status, body = get(server.url, counting(3))
        assert status == 200 and count_of(body) == expected_count(builtin, 3)
