"""Commands for officers who keep an arrangement: `schema` (the format, for editors), `init`,
`import` (a members spreadsheet into the YAML sources) and `diff` (what changed). Each is a thin
call of the public API (api.py)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..authoring import DEFAULT_BODY
from ..common.console import log, write_stdout
from ..common.files import write_atomically
from .support import Exit, SourcesArg, fail, parse_day, reported, require_one_of


def refused() -> tuple[type[Exception], ...]:
    """The authoring layer's refusals of bad input (exit 2); TableError is printed cell by cell below.
    (An except clause evaluates this only when something was raised.)"""
    from .. import api
    from ..authoring.starter import BadBodyName

    return (api.NotEmpty, BadBodyName, api.NoArrangement, api.SpreadsheetUnreadable, api.RevisionError)


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
    from .. import api

    with reported():
        data = api.source_schema(fmt).encode("utf-8")
    if out is None:
        write_stdout(data)
    else:
        write_atomically({out: data})
        log(f"wrote {out}")


def init(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="New (or empty) folder to write the starter into.", show_default=False)],
    body: Annotated[str, typer.Option("--body", metavar="NAME", help="The name of your body, as printed.")] = DEFAULT_BODY,
) -> None:
    """Write a starter arrangement to make your own: a body, two members, a chair, a document.

    It builds and checks clean as written. Comments in each file say what to replace; the files
    name the JSON Schema written beside them, so editors complete and check fields as you type.

    \b
    Examples:
      govgraph init my-board --body "Fenland Health and Care Board"
      govgraph check my-board
    """
    from .. import api

    try:
        written = api.init(folder, body)
    except refused() as exc:
        fail(str(exc))
    log(f"wrote {len(written)} files to {folder}/: edit them, then run govgraph check {folder}")


def import_table(
    table: Annotated[Path, typer.Argument(metavar="FILE", show_default=False,
                                          help="A members table: .xlsx (the sheet 'members', else the first) or .csv.")],
    out: Annotated[Path, typer.Option("--out", "-o", metavar="DIR", help="The arrangement's folder to add the records to.")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Say what would change; write nothing.")] = False,
) -> None:
    """Read a members spreadsheet (one row per membership or seat) into the arrangement's YAML files.

    Columns, matched ignoring case and spaces: body, member, post, organisation, voting,
    represents, from, to, source, and optionally id and label (docs/spreadsheets.md). Names may be
    ids, labels or aliases. New memberships, people, posts and tenures go to a new file named after
    the spreadsheet; memberships already in DIR with other values are changed where they stand.
    A bad cell is reported with its place (members.xlsx!members:E14, or members.csv:14) and a fix,
    exit 2, and nothing is written.

    \b
    Examples:
      govgraph export my-board --format xlsx --out members.xlsx
      govgraph import members.xlsx --out my-board
      govgraph import members.xlsx --out my-board --dry-run
    """
    from .. import api

    try:
        with reported():
            plan = api.import_members(table, out, dry_run=dry_run)
    except refused() as exc:
        fail(str(exc))
    except api.TableError as exc:
        count = len(exc.problems)
        typer.echo(f"error: {count} bad cell{'s' if count != 1 else ''} in {table}; nothing was written", err=True)
        for problem in exc.problems:
            typer.echo(str(problem), err=True)
        raise typer.Exit(int(Exit.USAGE)) from exc
    imported = plan.imported
    log(f"{len(imported.added)} records added, {len(imported.changed)} changed, {len(imported.unchanged)} unchanged")
    for verb, records in (("added", imported.added), ("changed", imported.changed)):
        for rec in records:
            log(f"  {verb} {rec.section.removesuffix('s')} {rec.id}: {rec.label}")
    if dry_run:
        log("nothing written (--dry-run)")
    for path in [] if dry_run else plan.files:
        log(f"wrote {path}")


DIFF_FORMATS = ("text", "md", "json")


def diff(
    sources: SourcesArg = None,
    rev: Annotated[Optional[str], typer.Option("--rev", metavar="A..B", help="Compare the folder SOURCES at two git revisions.")] = None,
    as_of: Annotated[Optional[str], typer.Option("--as-of", metavar="DATE", help="With --to: compare SOURCES on two days (YYYY-MM-DD).")] = None,
    to: Annotated[Optional[str], typer.Option("--to", metavar="DATE", help="The later day, with --as-of.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text, md (Markdown for a committee report) or json.")] = "text",
) -> None:
    """Say what changed between two versions or two dates of an arrangement, each change with its source.

    Who joined or left which body, whose vote changed, which authority, delegation, duty,
    commitment or signature was added, withdrawn or changed. Give two source folders (OLD NEW), or
    one folder with --rev A..B (two git revisions of it), or SOURCES with --as-of DATE --to DATE
    (two days of one arrangement; default: the built-in).

    \b
    Examples:
      govgraph diff datasets/cp_stp_mou_nov2016_plan datasets/cp_stp_mou --format md
      govgraph diff --as-of 2016-12-01 --to 2017-02-01
      govgraph diff datasets/cp_stp_mou --rev HEAD~1..HEAD
    """
    from .. import api
    from ..authoring.diff import render_markdown, render_text

    require_one_of("--format", fmt, DIFF_FORMATS)
    paths = list(sources or [])
    if (as_of is None) != (to is None):
        fail("give both --as-of DATE and --to DATE, to compare two days of one arrangement")
    try:
        with reported():
            if as_of is not None:
                if rev is not None or len(paths) > 1:
                    fail("--as-of/--to compare two days of one arrangement: give one SOURCES folder (or none) and no --rev")
                result = api.diff_dates(paths or None, parse_day(as_of, "--as-of"), parse_day(to, "--to"))
            elif rev is not None:
                if len(paths) != 1:
                    fail("--rev A..B compares one folder at two revisions: give exactly one folder")
                result = api.diff_revisions(paths[0], *_revisions(rev))
            elif len(paths) == 2:
                result = api.diff(paths[0], paths[1])
            else:
                fail("give two folders (OLD NEW), one folder with --rev A..B, or --as-of DATE --to DATE")
    except refused() as exc:
        fail(str(exc))
    if fmt == "json":
        typer.echo(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))
    else:
        typer.echo(render_markdown(result) if fmt == "md" else render_text(result), nl=False)


def _revisions(text: str) -> tuple[str, str]:
    old, sep, new = text.partition("..")
    if not sep or not old or not new or new.startswith("."):
        fail(f"--rev must be two git revisions as A..B (for example HEAD~1..HEAD), not {text!r}")
    return old, new


def register(app: typer.Typer) -> None:
    app.command()(schema)
    app.command()(init)
    app.command("import")(import_table)
    app.command()(diff)
