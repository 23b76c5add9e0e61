"""Shared pieces for every govgraph command: loading with clean errors, stable exit codes, logging."""
from __future__ import annotations

import datetime as dt
import sys
from enum import IntEnum
from pathlib import Path
from typing import Annotated, NoReturn, Optional

import typer

from govgraph.graph_builder import Built, SourceError, load_arrangement, settle
from govgraph.graph_builder.progress import SILENT, Reporter


class Exit(IntEnum):
    """Exit codes shared by all commands (like ruff and shellcheck, stable across versions)."""

    OK = 0
    FINDINGS = 1  # the command ran and found what the user asked it to fail on
    USAGE = 2  # bad input or usage: nothing was written
    NOT_RUN = 3  # a requested step could not run (missing Java, a timeout ...)


SourcesArg = Annotated[
    Optional[list[Path]],
    typer.Argument(help="YAML source files or folders of them. Default: the built-in dataset.",
                   show_default=False),
]


def log(message: str, *, quiet: bool = False) -> None:
    """Logs go to stderr so that stdout carries only data."""
    if not quiet:
        typer.echo(message, err=True)


def fail(message: str, code: Exit = Exit.USAGE) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(int(code))


def parse_day(text: str | None, option: str = "--as-of") -> dt.date | None:
    """A YYYY-MM-DD option value as a date, or a usage error (exit 2)."""
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        fail(f"{option} must be a day written YYYY-MM-DD (for example 2017-01-19), not {text!r}")


def load_or_exit(sources: list[Path] | None, progress: Reporter = SILENT) -> Built:
    """Build the arrangement or print every source problem and exit 2; settled for the command's process."""
    try:
        built = load_arrangement(sources, progress)
    except SourceError as exc:
        count = len(exc.problems)
        typer.echo(f"error: {count} problem{'s' if count != 1 else ''} in the sources; nothing was written", err=True)
        for problem in exc.problems:
            typer.echo(str(problem), err=True)
        raise typer.Exit(int(Exit.USAGE)) from exc
    settle()
    return built


def write_stdout(data: bytes) -> None:
    sys.stdout.buffer.write(data)
    sys.stdout.flush()
