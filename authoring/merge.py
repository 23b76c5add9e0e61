"""Records from a spreadsheet written into an arrangement's folder: changed records replaced where
they stand, new ones in a file of their own; the result read back before anything is written."""
from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..common.errors import GovgraphError
from ..graph_builder.errors import SourceError
from ..graph_builder.records import EXTENDS_LINE, Record, read_arrangement, source_files
from ..graph_builder.schema import load_schema
from .members import Imported, records_from_table, slug
from .spreadsheet import read_table
from .yaml_writer import record_yaml, records_yaml


class NoArrangement(GovgraphError, ValueError):
    """The folder to import into holds no arrangement to add to."""


@dataclass
class ImportPlan:
    """What an import does: the records, and the files to write (path -> new content)."""

    imported: Imported
    files: dict[Path, bytes] = field(default_factory=dict)


def _block(lines: list[str], start: int) -> tuple[int, int]:
    """The lines [first, end) of the list item that starts on line ``start`` (1-based)."""
    first = start - 1
    dash = len(lines[first]) - len(lines[first].lstrip())  # the column of the item's "- "
    end = first + 1
    while end < len(lines):
        text = lines[end]
        if text.strip() and not text.lstrip().startswith("#") and len(text) - len(text.lstrip()) <= dash:
            break
        end += 1
    while end > first + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    return first, end


def _replaced(text: str, changes: list[Record]) -> str:
    """The file's text with each changed record's block rewritten (later blocks first)."""
    lines = text.splitlines(keepends=True)
    schema = load_schema()
    for rec in sorted(changes, key=lambda r: r.line, reverse=True):
        first, end = _block(lines, rec.line)
        indent = lines[first][: len(lines[first]) - len(lines[first].lstrip())]
        new = [indent + line[2:] + "\n" for line in record_yaml(rec, schema).splitlines()]
        lines[first:end] = new
    return "".join(lines)


def _new_file(folder: Path, stem: str) -> Path:
    path = folder / f"{stem}.yaml"
    number = 2
    while path.exists():
        path = folder / f"{stem}-{number}.yaml"
        number += 1
    return path


def plan_import(table_file: Path, folder: Path) -> ImportPlan:
    """Read a members table into the arrangement in ``folder``.

    Raises spreadsheet.SpreadsheetUnreadable, members.TableError (bad cells), NoArrangement, or
    SourceError (the folder's own sources, or the result, do not read)."""
    if not folder.is_dir() or not any(p.suffix in (".yaml", ".yml") for p in folder.rglob("*")):
        raise NoArrangement(f"{folder} holds no arrangement to import into; start one with govgraph init {folder}")
    arrangement = read_arrangement([folder])
    table = read_table(table_file)
    imported = records_from_table(table, arrangement)
    plan = ImportPlan(imported)
    inside = {p.resolve() for p in source_files([folder])}
    by_file: dict[Path, list[Record]] = {}
    overriding: list[Record] = []
    for rec in imported.changed:
        old = arrangement.records[rec.id]
        rec.line = old.line
        if old.file.resolve() in inside:
            by_file.setdefault(old.file, []).append(rec)
        else:  # a record of an extended arrangement: the folder's own record with its id replaces it
            overriding.append(rec)
    for path, changes in by_file.items():
        plan.files[path] = _replaced(path.read_text(encoding="utf-8"), changes).encode("utf-8")
    new = imported.added + overriding
    if new:
        header = (f"# Records imported by `govgraph import` from {table_file.name}. Edit them here like any other;\n"
                  "# importing the sheet again changes them in place.\n")
        plan.files[_new_file(folder, _stem(table_file))] = records_yaml(new, load_schema(), header).encode("utf-8")
    _read_back(folder, plan.files)
    return plan


def _stem(path: Path) -> str:
    return slug(path.stem)


def _read_back(folder: Path, files: dict[Path, bytes]) -> None:
    """Read the folder as it would be after the import (in a scratch copy, with the arrangements it
    extends linked at the same relative place); SourceError, naming the real files, if it fails."""
    if not files:
        return
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "a" / "b" / folder.name
        shutil.copytree(folder, copy)
        for path, data in files.items():
            (copy / path.relative_to(folder)).write_bytes(data)
        for path in source_files([folder]):
            for target in EXTENDS_LINE.findall(path.read_text(encoding="utf-8", errors="replace")):
                link = (copy / path.parent.relative_to(folder) / target).resolve()
                if Path(scratch) in link.parents and not link.exists():
                    link.parent.mkdir(parents=True, exist_ok=True)
                    link.symlink_to((path.parent / target).resolve(), target_is_directory=True)
        try:
            read_arrangement([copy])
        except SourceError as exc:
            raise SourceError([replace(p, file=_real(p.file, copy, folder)) for p in exc.problems]) from exc


def _real(path: Path | None, copy: Path, folder: Path) -> Path | None:
    if path is None or copy not in path.parents:
        return path
    return folder / path.relative_to(copy)


__all__ = ["ImportPlan", "NoArrangement", "plan_import"]
