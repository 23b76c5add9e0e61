"""The root of the govgraph command line: global options, and each command module's register(app)."""
from __future__ import annotations

from importlib.metadata import version
from typing import Annotated

import typer

from . import authoring, build, checks, datasets, help_text, induction, ontology, queries, sharing, visuals

app = typer.Typer(
    name="govgraph",
    help="Governance arrangements as a checked, queryable knowledge graph: who decides what, and on whose behalf.",
    epilog=help_text.EXAMPLES,
    no_args_is_help=True,
    rich_markup_mode=None,
    add_completion=True,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"govgraph {version('govgraph')}")
        raise typer.Exit()


@app.callback()
def main_options(
    show_version: Annotated[bool, typer.Option("--version", "-V", callback=_version, is_eager=True,
                                               help="Print the version and exit.")] = False,
) -> None:
    """Governance arrangements as a checked, queryable knowledge graph."""


for _commands in (build, ontology, visuals, induction, queries, sharing, checks, datasets, authoring):
    _commands.register(app)
help_text.whole_first_sentences(app)
help_text.plain_names()


def main() -> None:
    """Console-script entry point."""
    app()


__all__ = ["app", "main"]
