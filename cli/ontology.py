"""`govgraph ontology`: the ontology in Turtle, RDF/XML or as a Markdown reference page."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..common.console import log, write_stdout
from ..common.files import write_atomically
from .support import require_one_of


def ontology(
    fmt: Annotated[str, typer.Option("--format", "-f", help="ttl, xml (RDF/XML) or md (reference page).")] = "ttl",
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="File to write; default: standard output.")] = None,
) -> None:
    """Print or write the govgraph ontology.

    \b
    Examples:
      govgraph ontology --format xml --out govgraph.owl   # open in Protégé
      govgraph ontology --format md --out docs/ontology.md
    """
    from .. import api

    require_one_of("--format", fmt, api.ONTOLOGY_FORMATS)
    data = api.serialize_ontology(fmt)
    if out is None:
        write_stdout(data)
    else:
        write_atomically({out: data})
        log(f"wrote {out}")


def register(app: typer.Typer) -> None:
    app.command()(ontology)
