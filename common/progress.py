"""Progress for long work (building, checking or pushing a large arrangement).

On a terminal it is a rich status line on standard error, one task at a time, with a bar where
the amount of work is known. In a pipe, under CI (CI=true), with TERM=dumb or with --quiet it is
silent, so standard output stays data and logs stay clean.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

Advance = Callable[[], None]


def wanted(quiet: bool = False) -> bool:
    """Whether to show progress: only for a person watching a terminal."""
    ci = os.environ.get("CI", "").lower() in ("1", "true", "yes")
    return not quiet and not ci and os.environ.get("TERM") != "dumb" and sys.stderr.isatty()


class Reporter:
    """Shows one task at a time; a disabled reporter does nothing at all."""

    def __init__(self, enabled: bool):
        self.enabled = enabled

    @contextmanager
    def task(self, description: str, total: int | None = None) -> Iterator[Advance]:
        if not self.enabled:
            yield lambda: None
            return
        columns = [SpinnerColumn(), TextColumn("{task.description}")]
        if total is not None:
            columns += [BarColumn(), MofNCompleteColumn()]
        with Progress(*columns, TimeElapsedColumn(), console=Console(stderr=True), transient=True) as bar:
            handle = bar.add_task(description, total=total)
            yield lambda: bar.advance(handle)


SILENT = Reporter(False)
