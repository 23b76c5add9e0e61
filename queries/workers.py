"""Warm workers for a long-running process (`govgraph serve`): forked once, each answers many jobs.

Forking the whole loaded process for every query (queries/engine.py's ``in_child``) costs more
than a small query itself at national scale. A pool forks ``size`` workers once, after the graph
is loaded, so each starts with the graph in memory; a job (any picklable value) goes to an idle
worker over a pipe, the worker runs ``handle(job)`` and sends the answer back.

- **A runaway job is still stopped at its limit**: the caller waits at most ``timeout`` seconds
  (waiting for a free worker included); then the worker is killed and a fresh one forked in its
  place, so a stopped query leaves nothing running and the other workers keep answering.
- **No worker reaches the network** (queries/sandbox.py), and each closes the sockets it inherited
  (the server's listening socket, other clients' connections) before taking a job.
- **Each worker is single-threaded**: rdflib's parser (pyparsing) is not thread-safe, and the
  workers are where query text is parsed, so concurrent requests never share a parser.
"""
from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import signal
import stat
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from ..common.errors import GovgraphError
from .engine import QueryFailed, QueryTimeout
from .sandbox import deny_network


class Busy(GovgraphError, RuntimeError):
    """Every worker stayed busy for the whole time limit."""


@dataclass
class _Worker:
    pid: int
    conn: Connection


def _close_inherited_sockets(keep: int) -> None:
    for name in os.listdir("/proc/self/fd") if os.path.isdir("/proc/self/fd") else []:
        fd = int(name)
        if fd == keep:
            continue
        try:
            if stat.S_ISSOCK(os.fstat(fd).st_mode):
                os.close(fd)
        except OSError:
            pass


def _work(conn: Connection, handle: Callable[[Any], Any]) -> None:
    """A worker's life: take a job, answer it, until the pool closes the pipe. Never returns."""
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server; the server stops us
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        _close_inherited_sockets(conn.fileno())
        deny_network()
        while True:
            try:
                job = conn.recv()
            except (EOFError, OSError):
                break
            try:
                answer: tuple[str, Any] = ("ok", handle(job))
            except SyntaxError as exc:
                answer = ("syntax", str(exc))
            except Exception as exc:  # noqa: BLE001 - reported to the caller as a message
                answer = ("error", f"{type(exc).__name__}: {exc}")
            conn.send(answer)
    except BaseException:  # noqa: BLE001 - a worker must never fall back into the parent's code
        code = 1
    finally:
        os._exit(code)


class WorkerPool:
    """``size`` forked workers running ``handle``; ``run(job, timeout)`` answers one job."""

    def __init__(self, handle: Callable[[Any], Any], size: int, advice: str):
        self.handle, self.size, self.advice = handle, size, advice
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[int] = set()
        self._lock = threading.Lock()
        self._closed = False
        self.forking = hasattr(os, "fork")  # Windows has no fork: jobs run here, one at a time, unlimited
        for _ in range(size if self.forking else 0):
            self._idle.put(self._spawn())

    def _spawn(self) -> _Worker:
        with self._lock:
            parent_end, child_end = multiprocessing.Pipe(duplex=True)
            pid = os.fork()
            if pid == 0:
                parent_end.close()
                _work(child_end, self.handle)
            child_end.close()
            self._all.add(pid)
            return _Worker(pid, parent_end)

    def _retire(self, worker: _Worker) -> None:
        worker.conn.close()
        with contextlib.suppress(ProcessLookupError):
            os.kill(worker.pid, signal.SIGKILL)
        os.waitpid(worker.pid, 0)
        with self._lock:
            self._all.discard(worker.pid)

    def run(self, job: Any, timeout: float) -> Any:
        """The worker's answer to ``job``; QueryTimeout after ``timeout`` s (the worker is replaced),
        Busy if no worker was free in that time, QueryFailed if ``handle`` raised."""
        if not self.forking:
            with self._lock:
                return self.handle(job)
        deadline = time.monotonic() + timeout
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty as exc:
            raise Busy(f"all {self.size} query workers were busy for {timeout:g} s; try again shortly") from exc
        answered = False
        try:
            worker.conn.send(job)
            if not worker.conn.poll(max(0.0, deadline - time.monotonic())):
                raise QueryTimeout(f"the query ran for more than {timeout:g} s and was stopped; {self.advice}")
            status, payload = worker.conn.recv()
            answered = True
        except (EOFError, OSError) as exc:
            raise QueryFailed("the query worker ended without an answer") from exc
        finally:
            if answered:
                self._idle.put(worker)
            else:
                self._retire(worker)
                if not self._closed:
                    self._idle.put(self._spawn())
        if status != "ok":
            raise QueryFailed(payload, syntax=status == "syntax")
        return payload

    def close(self) -> None:
        """Stop every worker (closing a pipe ends an idle worker; a busy one is killed)."""
        self._closed = True
        while True:
            try:
                self._retire(self._idle.get_nowait())
            except queue.Empty:
                break
        with self._lock:
            left = list(self._all)
        for pid in left:
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
