"""`govgraph induction NAME`: one printable page for a new member: where they sit, what binds them."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..common.console import log
from .support import SourcesArg, load_or_exit, parse_day, reported


def induction(
    name: Annotated[str, typer.Argument(help="A post, person or organisation (id, label or alias).")],
    sources: SourcesArg = None,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="HTML file to write (default: induction-<id>.html).")] = None,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="The arrangement as it stood on this day (YYYY-MM-DD).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors (and the path).")] = False,
) -> None:
    """Write an induction page for a new member: one offline, printable HTML file.

    It answers, each with its sources: which bodies they sit on, with or without a vote, whom they
    speak for, who chairs, the quorum and voting rule and their substitute (where the terms of
    reference record them); what binds their organisation; what they can and cannot decide or
    sign, and through whom; what is in progress; and a small map of where they sit.
    Prints the path of the file written.

    \b
    Examples:
      govgraph induction "Health and Wellbeing Board District Officer"
      govgraph induction "South Cambridgeshire District Council" --as-of 2017-01-12 --out scdc.html
    """
    day = parse_day(as_of)
    arrangement = load_or_exit(sources)
    with reported():
        path, page = arrangement.induction(name, out, as_of=day)
    seats = f"{len(page.seats)} seat" + ("" if len(page.seats) == 1 else "s")
    log(f"induction: {page.name} - {seats}, {len(page.binds)} things that bind, "
        f"{len(page.may)} may and {len(page.may_not)} may not", quiet=quiet)
    typer.echo(str(path.resolve()))


def register(app: typer.Typer) -> None:
    app.command()(induction)
