"""Shared pieces for every govgraph command: the library's exceptions as messages and stable exit codes.

The library (api.py) is imported when a command first calls it, not with this module: building
the command line, for --help, --version or any command, then imports nothing but typer.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, Optional

import typer

from ..sharing import http_client

if TYPE_CHECKING:
    from .. import api


class Exit(IntEnum):
    """Exit codes shared by all commands (like ruff and shellcheck, stable across versions)."""

    OK = 0
    FINDINGS = 1  # the command ran and found what the user asked it to fail on
    USAGE = 2  # bad input or usage: nothing was written
    NOT_RUN = 3  # a requested step could not run (missing Java, a timeout ...)


EndpointOpt = Annotated[Optional[str], typer.Option(
    "--endpoint", metavar="URL", show_default=False,
    help="Ask this SPARQL query endpoint (e.g. http://127.0.0.1:7878/query) instead of building SOURCES; "
         "SOURCES, if given, only name the arrangement and its base. See docs/sharing.md.")]
GraphOpt = Annotated[Optional[str], typer.Option(
    "--graph", metavar="IRI", show_default=False,
    help="With --endpoint: the named graph holding the arrangement (as given to `govgraph push --graph`); "
         "default: the endpoint's default graph.")]
SourcesArg = Annotated[
    Optional[list[Path]],
    typer.Argument(help="YAML source files or folders of them. Default: the built-in dataset.",
                   show_default=False),
]


def usage_errors() -> tuple[type[Exception], ...]:
    """The library's exceptions for bad input (exit 2). Looked up only once something was raised
    (an except clause evaluates its tuple then), so a command that succeeds imports none of the
    modules they live in (ViewError's imports networkx)."""
    from .. import api
    from ..checks.catalogue import UnknownRule

    return (api.BadOption, api.UnknownQuestion, api.UnknownName, api.ParameterError, api.BadQuery,
            api.ViewError, api.NotLocal, api.OutputInUse, UnknownRule, http_client.BadEndpoint)


def not_run_errors() -> tuple[type[Exception], ...]:
    """The library's exceptions for a step that could not run (exit 3)."""
    from .. import api
    from ..sharing import remote

    return (api.QueryTimeout, http_client.EndpointError, remote.NoArrangement)


def fail(message: str, code: Exit = Exit.USAGE) -> NoReturn:
    typer.echo(f"error: {http_client.redact(message)}", err=True)  # no credential is ever printed
    raise typer.Exit(int(code))


def require_one_of(option: str, value: str, allowed: Iterable[str]) -> None:
    """Exit 2 with the choices when an option such as --format is given a value it does not take."""
    choices = tuple(allowed)
    if value not in choices:
        fail(f"{option} must be one of {', '.join(choices)}, not {value!r}")


@contextmanager
def reported() -> Iterator[None]:
    """Run a call of the library; turn its exceptions into a message on standard error and an exit code."""
    from .. import api

    try:
        yield
    except api.SourceError as exc:
        count = len(exc.real)
        typer.echo(f"error: {count} problem{'s' if count != 1 else ''} in the sources; nothing was written", err=True)
        for problem in exc.problems:
            typer.echo(str(problem), err=True)
        raise typer.Exit(int(Exit.USAGE)) from exc
    except api.Refused as exc:
        typer.echo(f"refused: {exc}", err=True)
        raise typer.Exit(int(Exit.USAGE)) from exc
    except usage_errors() as exc:
        fail(str(exc), Exit.USAGE)
    except api.QueryFailed as exc:
        if exc.syntax:  # the engine's parser disagreed with the check: still the query's fault
            fail(f"the query does not parse: {str(exc).splitlines()[0][:300]}", Exit.USAGE)
        fail(str(exc), Exit.NOT_RUN)
    except not_run_errors() as exc:
        fail(str(exc), Exit.NOT_RUN)


def parse_day(text: str | None, option: str = "--as-of") -> dt.date | None:
    """A YYYY-MM-DD option value as a date, or a usage error (exit 2)."""
    from .. import api

    try:
        return api.day_of(text, option)
    except api.BadOption as exc:
        fail(str(exc))


def load_or_exit(sources: list[Path] | None, progress: bool = False) -> api.Arrangement:
    """Build the arrangement or print every source problem and exit 2; settled for the command's process."""
    from .. import api
    from ..graph_builder import settle

    with reported():
        loaded = api.load(sources, progress=progress)
    settle()
    return loaded


def open_workspace(sources: list[Path] | None, endpoint: str | None, graph_iri: str | None) -> api.Arrangement:
    """For the commands: the local build of SOURCES, or the endpoint; usage errors exit 2, a server
    that cannot be asked exits 3."""
    from .. import api
    from ..graph_builder import settle

    if endpoint is None:
        if graph_iri is not None:
            fail("--graph names a graph on a SPARQL server: give --endpoint URL with it")
        return load_or_exit(sources)
    with reported():
        connected = api.connect(endpoint, graph=graph_iri, paths=sources)
    settle()
    return connected
