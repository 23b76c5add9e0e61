"""Timing primitives for the benchmarks: a command in its own process (wall time, peak memory, time
limit), and an action in the loaded process (first run in a forked child with a time limit, then
the median of warm repeats; actions compared with each other take turns).

Why fork for in-process actions: neither rdflib nor Oxigraph can cancel a running query, so the
first run of each is made in a child that starts with the loaded stores already in memory
(copy-on-write) and is killed at the limit. The child times the action itself, so the fork is never
in the figure. The warm repeats are then made here, in the parent, as a loaded govgraph process
(`serve`, a notebook) makes them: in the child each run writes to memory pages still shared with
the parent and pays for copying them, on every repeat, which no warm process pays (at 1M about
1,500 page faults a run and twice the time: benchmarks/answer_costs.py).
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import statistics
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Warm repeats are made only when they fit in this many seconds (a 20 s rdflib query runs once).
REPEAT_BUDGET_S = 20.0


@dataclass
class Run:
    """One command: wall seconds, peak resident memory of its largest process, exit code."""

    args: list[str]
    seconds: float
    peak_mb: float
    exit: int | None  # None: stopped at the time limit
    stderr_tail: str = ""

    @property
    def timed_out(self) -> bool:
        return self.exit is None

    def as_dict(self) -> dict[str, Any]:
        return {"command": " ".join(self.args), "seconds": self.seconds, "peak_mb": self.peak_mb,
                "exit": self.exit, "timed_out": self.timed_out, "stderr_tail": self.stderr_tail}


def command(args: list[str], limit: float, stdout: Path | None = None, env: dict[str, str] | None = None) -> Run:
    """Run ``args`` to the end or to ``limit`` seconds (in ``env``, default this process's environment);
    peak memory comes from wait4's rusage (the largest of the process and the children it waited
    for, such as the reasoner's Java)."""
    out = stdout.open("wb") if stdout else subprocess.DEVNULL
    err_path = Path(f"/tmp/govgraph-bench-{os.getpid()}.err")
    with err_path.open("wb") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(args, stdout=out, stderr=err, start_new_session=True, env=env)
        stopped = threading.Event()

        def stop() -> None:
            stopped.set()
            os.killpg(proc.pid, signal.SIGKILL)

        timer = threading.Timer(limit, stop)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)  # already reaped: tell Popen
    if stdout:
        out.close()  # type: ignore[union-attr]
    tail = err_path.read_text(encoding="utf-8", errors="replace")[-2000:]
    err_path.unlink()
    return Run(args, seconds, usage.ru_maxrss / 1024, None if stopped.is_set() else proc.returncode, tail)


@dataclass
class Timing:
    """An action run in a forked child: its first run, the median of warm repeats, and its result."""

    first_s: float | None = None  # None: the action ran past the limit (or failed)
    warm_s: float | None = None   # None: not repeated (the first run was too slow to repeat)
    warm_runs: int = 0
    result: Any = None
    error: str | None = None
    timed_out: bool = False
    limit: float | None = None
    samples: list[float] = field(default_factory=list)

    @property
    def seconds(self) -> float | None:
        """The figure to report: the warm median where there is one, else the single run."""
        return self.warm_s if self.warm_s is not None else self.first_s

    def as_dict(self) -> dict[str, Any]:
        return {"seconds": self.seconds, "first_s": self.first_s, "warm_s": self.warm_s,
                "warm_runs": self.warm_runs, "timed_out": self.timed_out, "limit": self.limit, "error": self.error,
                "samples": self.samples}


def unchanged(result: Any) -> Any:
    return result


def _child(send: Any, action: Callable[[], Any], convert: Callable[[Any], Any]) -> None:
    try:
        started = time.perf_counter()
        result = action()
        send.send(("first", time.perf_counter() - started, convert(result)))
    except Exception as exc:  # noqa: BLE001 - reported to the parent as the outcome
        send.send(("error", f"{type(exc).__name__}: {exc}", None))
    finally:
        send.close()


def limited(action: Callable[[], Any], limit: float, repeat: int, convert: Callable[[Any], Any] = unchanged) -> Timing:
    """Run ``action`` once in a forked child within ``limit`` seconds, then ``repeat`` more times
    (warm) here if they fit in REPEAT_BUDGET_S; the result returned is the first run's, passed
    through ``convert`` outside the timing (to make answers comparable; it must pickle)."""
    return alongside([(action, limit, convert)], repeat)[0]


def alongside(actions: list[tuple[Callable[[], Any], float, Callable[[Any], Any]]], repeat: int) -> list[Timing]:
    """``limited`` for several actions (action, limit, convert) compared with each other: each first
    run in its own child, then the warm repeats taking turns, one run of each a round, so that a
    change in the machine's speed while they are measured touches each alike."""
    timings = [_first_run(action, limit, convert) for action, limit, convert in actions]
    warm = [(timing, action) for timing, (action, _, _) in zip(timings, actions)
            if timing.first_s is not None and timing.first_s * repeat <= REPEAT_BUDGET_S]
    for _ in range(repeat):
        for timing, action in warm:
            started = time.perf_counter()
            action()
            timing.samples.append(time.perf_counter() - started)
    for timing, _ in warm:
        timing.warm_runs, timing.warm_s = len(timing.samples), statistics.median(timing.samples)
    return timings


def _first_run(action: Callable[[], Any], limit: float, convert: Callable[[Any], Any]) -> Timing:
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(send, action, convert), daemon=True)
    child.start()
    send.close()
    timing = Timing(limit=limit)
    try:
        if not receive.poll(limit):
            timing.timed_out = True
            return timing
        kind, value, result = receive.recv()
        if kind == "error":
            timing.error = value
        else:
            timing.first_s, timing.result = value, result
    except EOFError:
        timing.error = f"the child ended without an answer (exit {child.exitcode})"
    finally:
        receive.close()
        if child.is_alive():
            child.kill()
        child.join()
    return timing
