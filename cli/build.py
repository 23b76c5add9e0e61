"""`govgraph build` and `govgraph export`: the graph and the ontology written as files."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..common.console import log, write_stdout
from ..common.progress import Reporter, wanted
from .support import SourcesArg, load_or_exit, reported, require_one_of


def build(
    sources: SourcesArg = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write into (created if missing).")] = Path("govgraph-out"),
    output_format: Annotated[str, typer.Option("--format", help="Summary format: text or json.")] = "text",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
) -> None:
    """Validate the sources and write the graph (Turtle, JSON-LD, N-Triples) and the ontology (Turtle, RDF/XML).

    The graph is also stored on disk (README.md, "The stored graph"), so that the next commands on
    the same, unchanged sources open it instead of reading them.

    \b
    Examples:
      govgraph build                       # the built-in Cambridgeshire and Peterborough dataset
      govgraph build my-arrangement/ --out out/
    """
    require_one_of("--format", output_format, ("text", "json"))
    show = wanted(quiet)
    arrangement = load_or_exit(sources, show)
    with reported():
        arrangement.built.ntriples  # noqa: B018 - opened from the stored graph, it reads the sources now (with progress)
    with reported(), Reporter(show).task(f"Writing Turtle, JSON-LD and N-Triples of {arrangement.triples:,} triples"):
        files = arrangement.write(out)
    with reported():
        arrangement.built.finish_storing()  # written meanwhile, in a thread (graph_builder.load_arrangement)
    if quiet:
        return
    if output_format == "json":
        typer.echo(json.dumps({"records": len(arrangement.built.arrangement.records), "triples": arrangement.triples,
                               "counts": arrangement.counts(), "files": sorted(str(p) for p in files)}, indent=2))
    else:
        typer.echo(arrangement.summary())
    log(f"wrote {len(files)} files to {out}/")


def export(
    sources: SourcesArg = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="ttl, jsonld, nt, xml (RDF/XML), owl (data and ontology "
                                                          "as one OWL 2 DL document), graphml (for Gephi), "
                                                          "or the members table as xlsx or csv.")] = "ttl",
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="File to write; default: standard output.")] = None,
) -> None:
    """Export the graph in one format, or the members table as a spreadsheet, to a file or to standard output.

    xlsx: a sheet 'members' (one row per membership, as `govgraph import` reads it) and one sheet per
    section; csv: the members table (docs/spreadsheets.md).

    \b
    Examples:
      govgraph export --format graphml --out cp-stp.graphml
      govgraph export --format owl --out cp-stp.owl     # for Protégé, OWL API, HermiT
      govgraph export --format nt | wc -l
      govgraph export --format xlsx --out members.xlsx
    """
    from .. import api

    require_one_of("--format", fmt, api.EXPORT_FORMATS)
    arrangement = load_or_exit(sources)
    with reported():
        if out is None:
            write_stdout(arrangement.serialize(fmt))
        else:
            arrangement.export(out, fmt)
            log(f"wrote {out}")



def register(app: typer.Typer) -> None:
    app.command()(build)
    app.command()(export)
