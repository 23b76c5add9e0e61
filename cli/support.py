"""Shared pieces for every govgraph command: loading with clean errors, stable exit codes, logging."""
from __future__ import annotations

import datetime as dt
from enum import IntEnum
from pathlib import Path
from typing import Annotated, NoReturn, Optional

import typer

from ..common.progress import SILENT, Reporter
from ..graph_builder import Built, SourceError, load_arrangement, settle
from ..queries.questions import Workspace
from ..sharing import http_client, remote


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


def load_or_exit(sources: list[Path] | None, progress: Reporter = SILENT, reread: bool = False) -> Built:
    """Build the arrangement (or open its stored graph, unless ``reread``) or print every source
    problem and exit 2; settled for the command's process."""
    try:
        built = load_arrangement(sources, progress, reread=reread)
    except SourceError as exc:
        count = len(exc.real)
        typer.echo(f"error: {count} problem{'s' if count != 1 else ''} in the sources; nothing was written", err=True)
        for problem in exc.problems:
            typer.echo(str(problem), err=True)
        raise typer.Exit(int(Exit.USAGE)) from exc
    settle()
    return built


def open_workspace(sources: list[Path] | None, endpoint: str | None, graph_iri: str | None) -> Workspace:
    """For the commands: the local build of SOURCES, or the endpoint; usage errors exit 2, a server
    that cannot be asked exits 3."""
    if endpoint is None:
        if graph_iri is not None:
            fail("--graph names a graph on a SPARQL server: give --endpoint URL with it")
        return Workspace(load_or_exit(sources))
    try:
        http_client.checked_url(endpoint)
        if graph_iri is not None:
            remote.checked_iri(graph_iri)
        built = load_or_exit(sources) if sources else None
        return remote.remote_workspace(endpoint, graph_iri, built)
    except http_client.BadEndpoint as exc:
        fail(str(exc))
    except (http_client.EndpointError, remote.NoArrangement) as exc:
        fail(str(exc), Exit.NOT_RUN)
