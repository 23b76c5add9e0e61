"""Commands for officers who keep an arrangement: `govgraph schema` (the format, for editors)."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..common.console import log, write_stdout
from ..common.files import write_atomically
from ..graph_builder.reference import field_reference, packaged_json_schema_path
from .support import fail


def schema(
    fmt: Annotated[str, typer.Option("--format", "-f", help="json (the JSON Schema) or md (the field reference).")] = "json",
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="File to write; default: standard output.")] = None,
) -> None:
    """Write the JSON Schema of the source files, for editors that complete and check YAML as you type.

    Put the file next to your sources and start each YAML file with
    `# yaml-language-server: $schema=govgraph.schema.json` (VS Code with the YAML extension, and
    other editors with a YAML language server, then suggest sections, kinds and fields and
    underline mistakes). `--format md` writes the field reference of docs/source-format.md.

    \b
    Examples:
      govgraph schema --out my-arrangement/govgraph.schema.json
      govgraph schema --format md | less
    """
    if fmt not in ("json", "md"):
        fail(f"--format must be json or md, not {fmt!r}")
    data = packaged_json_schema_path().read_bytes() if fmt == "json" else field_reference().encode("utf-8")
    if out is None:
        write_stdout(data)
    else:
        write_atomically({out: data})
        log(f"wrote {out}")


def register(app: typer.Typer) -> None:
    app.command()(schema)
