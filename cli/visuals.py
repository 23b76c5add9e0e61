"""`govgraph map`: write one offline HTML map of the arrangement, a part of it, or it on a date."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..common.console import log
from ..visuals import FOCUS_DEPTH
from .support import SourcesArg, load_or_exit, parse_day, reported


def map_command(
    sources: SourcesArg = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="HTML file to write.")] = Path("govgraph-map.html"),
    focus: Annotated[Optional[str], typer.Option(help="Centre the map on one organisation, post or person (id, name or abbreviation).")] = None,
    depth: Annotated[int, typer.Option(help="With --focus: how many links out from it to show.")] = FOCUS_DEPTH,
    board: Annotated[Optional[str], typer.Option(help="Show one board: its members, their voting rights, posts and whom they represent.")] = None,
    where_i_sit: Annotated[Optional[str], typer.Option(
        "--where-i-sit", help="For a person, post or organisation: the bodies it sits on (with or without a vote), "
                              "whom it speaks for, who decides or signs for it.")] = None,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="Show only links in force on this day (YYYY-MM-DD); "
                                                 "links not known either way are kept, marked (?).")] = None,
    title: Annotated[Optional[str], typer.Option(help="Title printed on the page.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors (and the path).")] = False,
) -> None:
    """Write an interactive map as one self-contained HTML file that opens offline in any browser.

    The page has a search box, a details panel with the clause behind every link, "show only its
    connections", a tick box per kind of link, Save as PNG, and a table of every link and its source.
    Prints the path of the file written.

    \b
    Examples:
      govgraph map                                   # the whole built-in arrangement
      govgraph map --focus "South Cambridgeshire District Council" --out focus.html
      govgraph map --where-i-sit "Voluntary and Community Sector representative"
      govgraph map --board "Cambridgeshire Health and Wellbeing Board" --as-of 2017-01-12
      govgraph map my-arrangement/ --title "Our partnership"
    """
    day = parse_day(as_of)
    arrangement = load_or_exit(sources)
    with reported():
        view = arrangement.map(out, focus=focus, depth=depth, board=board, where_i_sit=where_i_sit, as_of=day,
                               title=title)
    from ..visuals.layout import engine_for

    net = view.network
    layout = ("bodies in the middle, members around them" if engine_for(net) == "structured"
              else "grouped by kind")
    log(f"map: {view.title} - {net.number_of_nodes()} records, {net.number_of_edges()} links; layout {layout}", quiet=quiet)
    typer.echo(str(out.resolve()))


def register(app: typer.Typer) -> None:
    app.command("map")(map_command)
