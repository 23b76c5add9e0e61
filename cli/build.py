"""`govgraph build` and `govgraph export`: the graph and the ontology written as files."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..common.console import log, write_stdout
from ..common.files import write_atomically
from ..common.progress import Reporter, wanted
from ..graph_builder.summary import counts_by_kind, summary_text
from ..graph_builder.writer import SUFFIXES, data_files, graphml_bytes
from ..ontology import source_path
from ..ontology.publish import ontology_xml_bytes
from .support import SourcesArg, fail, load_or_exit


def build(
    sources: SourcesArg = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write into (created if missing).")] = Path("govgraph-out"),
    output_format: Annotated[str, typer.Option("--format", help="Summary format: text or json.")] = "text",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
) -> None:
    """Validate the sources and write the graph (Turtle, JSON-LD, N-Triples) and the ontology (Turtle, RDF/XML).

    Also stores the graph (an Oxigraph store in the cache folder; README.md, "The stored graph", says where)
    so that the next commands on the same, unchanged sources open it instead of reading them.

    \b
    Examples:
      govgraph build                       # the built-in Cambridgeshire and Peterborough dataset
      govgraph build my-arrangement/ --out out/
    """
    if output_format not in ("text", "json"):
        fail(f"--format must be text or json, not {output_format!r}")
    progress = Reporter(wanted(quiet))
    built = load_or_exit(sources, progress, reread=True)
    with progress.task(f"Writing Turtle, JSON-LD and N-Triples of {built.triples:,} triples"):
        files = {out / f"graph{SUFFIXES[f]}": data for f, data in data_files(built.ntriples, ("ttl", "jsonld", "nt"), built.base).items()}
        files[out / "ontology.ttl"] = source_path().read_bytes()
        files[out / "ontology.owl"] = ontology_xml_bytes()
        write_atomically(files)
    if quiet:
        return
    if output_format == "json":
        counts = {s: dict(sorted(k.items())) for s, k in sorted(counts_by_kind(built.arrangement).items())}
        typer.echo(json.dumps({"records": len(built.arrangement.records), "triples": built.triples,
                               "counts": counts, "files": sorted(str(p) for p in files)}, indent=2))
    else:
        typer.echo(summary_text(built.arrangement, built.triples))
    log(f"wrote {len(files)} files to {out}/")


def export(
    sources: SourcesArg = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="ttl, jsonld, nt, xml (RDF/XML) or graphml (for Gephi).")] = "ttl",
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="File to write; default: standard output.")] = None,
) -> None:
    """Export the graph in one format, to a file or to standard output.

    \b
    Examples:
      govgraph export --format graphml --out cp-stp.graphml
      govgraph export --format nt | wc -l
    """
    if fmt not in SUFFIXES:
        fail(f"--format must be one of {', '.join(SUFFIXES)}, not {fmt!r}")
    built = load_or_exit(sources, reread=fmt != "graphml")  # the RDF formats are written from the sources' triples
    data = graphml_bytes(built.network) if fmt == "graphml" else data_files(built.ntriples, (fmt,), built.base)[fmt]
    if out is None:
        write_stdout(data)
    else:
        write_atomically({out: data})
        log(f"wrote {out}")



def register(app: typer.Typer) -> None:
    app.command()(build)
    app.command()(export)
