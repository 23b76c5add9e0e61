"""Read source files or folders into validated records (one per id), or raise SourceError."""
from __future__ import annotations

import difflib
import re
import stat
from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..common.progress import SILENT, Reporter
from .amounts import HINT as AMOUNT_HINT
from .amounts import SYMBOLS, AmountProblem, parse_amount
from .dates import HINT as DATE_HINT
from .dates import DateProblem, DateValue, parse_date
from .errors import SourceError, SourceProblem, Stage, shown
from .schema import RECORD_KEYS, FieldSpec, Schema, SectionSpec, load_schema
from .yaml_source import Located, read_yaml

_IRI_UNSAFE = re.compile(r'[\s<>"{}|^`\\]')
ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")  # use fullmatch: with match, "$" lets a trailing newline through
DEFAULT_BASE = "https://example.org/govgraph/local/"
AS_OF_FIX = "write the day the sources describe the arrangement as of, as YYYY-MM-DD"
MANIFEST_KEYS = {"id", "title", "base", "description", "extends", "withdraws", "as-of"}


@dataclass(frozen=True)
class Citation:
    document: str
    locator: str

    @property
    def text(self) -> str:
        return f"{self.document} {self.locator}"


@dataclass
class Record:
    section: str
    id: str
    kind: str
    label: str
    sources: list[Citation]
    values: dict[str, Any]
    file: Path
    line: int
    key_lines: dict[str, int] = field(default_factory=dict)


@dataclass
class Arrangement:
    """All records of one arrangement, in file order, plus its manifest."""

    manifest: dict[str, str]
    records: dict[str, Record]
    files: list[Path]
    inputs: list[Path] = field(default_factory=list)  # every file read: ``files``, then those of ``extends``

    @property
    def base(self) -> str:
        return self.manifest.get("base", DEFAULT_BASE)


def source_files(paths: list[Path]) -> list[Path]:
    """Expand folders to their YAML files (sorted, recursive); keep files as given. Whatever is
    named like a YAML file is listed, folders, links and FIFOs included: reading it says what is
    wrong with it (yaml_source.readable_text)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix in {".yaml", ".yml"}))
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            raise SourceError([SourceProblem(path, None, None, "no such file or folder",
                                             "pass an existing YAML file or a folder of them")])
    if not files:
        raise SourceError([SourceProblem(None, None, None, "no YAML source files were found",
                                         "pass a folder containing .yaml files")])
    return files


_ID_LINE = re.compile(r"^[ \t-]*id:[ \t]*['\"]?([a-z0-9][a-z0-9-]*)", re.MULTILINE)
EXTENDS_LINE = re.compile(r"^[ \t]*extends:[ \t]*['\"]?([^'\"#\s]+)", re.MULTILINE)


def _text_of(path: Path) -> str:
    """A file's text for the id scan, or nothing if it is not a readable regular file."""
    try:
        return path.read_text(encoding="utf-8", errors="replace") if path.is_file() and not _special(path) else ""
    except OSError:
        return ""


def _special(path: Path) -> bool:
    try:
        return not stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return True


def ids_in_folder(folder: Path) -> set[str]:
    """The ids the YAML files of a folder seem to define, from their text alone."""
    files = sorted(folder.rglob("*.y*ml")) if folder.is_dir() else []
    return {rid for file in files for rid in _ID_LINE.findall(_text_of(file))}


def ids_in_text(path: Path) -> set[str]:
    """The ids a file that could not be parsed seems to define (a line-by-line scan of its text),
    with those of an arrangement it extends."""
    text = _text_of(path)
    ids = set(_ID_LINE.findall(text))
    for extends in EXTENDS_LINE.findall(text):
        ids |= ids_in_folder((path.parent / extends).resolve())
    return ids


@dataclass(frozen=True)
class _Cause:
    """Why references to some ids are not checked one by one: a file not read, a record rejected."""

    file: Path
    line: int | None
    what: str  # a sentence with {refs} (e.g. "3 references") and {were} in it
    fix: str

    def summary(self, count: int) -> str:
        refs = f"{count} reference{'s' if count != 1 else ''}"
        return self.what.replace("{refs}", refs).replace("{were}", "was" if count == 1 else "were")


def _suggest(word: str, options: list[str]) -> str:
    close = difflib.get_close_matches(str(word), options, n=3, cutoff=0.5)
    return f"did you mean {', '.join(close)}?" if close else f"use one of: {', '.join(sorted(options))}"


class _Reader:
    """Collects problems across all files so that one run reports all of them."""

    def __init__(self, schema: Schema):
        self.schema = schema
        self.problems: list[SourceProblem] = []
        self.records: dict[str, Record] = {}
        self.manifest: dict[str, str] = {}
        self.extends: tuple[Path, Path, int] | None = None  # (folder, manifest file, line)
        self.withdraws: list[str] = []
        self.extended_inputs: list[Path] = []
        # ids whose references are not checked one by one, and why (the cause is reported instead)
        self.unchecked: dict[str, _Cause] = {}
        self.not_checked: Counter[_Cause] = Counter()

    def problem(self, file: Path, line: int | None, fld: str | None, what: str, fix: str,
                stage: Stage = Stage.RECORD) -> None:
        self.problems.append(SourceProblem(file, line, fld, what, fix, stage))

    def unreadable(self, path: Path, problems: list[SourceProblem]) -> None:
        """A file that could not be parsed: its problems first, and no knock-on errors from the
        records it seems to define."""
        self.problems.extend(replace(p, stage=Stage.FILE) for p in problems)
        cause = _Cause(path, None, f"{{refs}} to records in {path.name} {{were}} not checked because that file "
                       "could not be read", f"correct {path.name} as its error above says, then build again")
        for rid in ids_in_text(path):
            self.unchecked.setdefault(rid, cause)

    def reject(self, rid: Any, cause: _Cause) -> None:
        if isinstance(rid, str) and rid not in self.records:
            self.unchecked.setdefault(rid, cause)

    def read_file(self, path: Path) -> None:
        try:
            data = read_yaml(path)
        except SourceError as exc:
            self.unreadable(path, exc.problems)
            return
        if data is None:
            return
        if not isinstance(data, Located):
            self.unreadable(path, [SourceProblem(
                path, 1, None, "the file must be a mapping of section names to lists of records",
                "start the file with a section name such as 'organisations:'")])
            return
        for name, items in data.items():
            line = data.line_of(name)
            if name == "dataset":
                self.read_manifest(path, line, items)
            elif name not in self.schema.sections:
                self.problem(path, line, name, f"'{name}' is not a section of the source format",
                             _suggest(str(name), list(self.schema.sections) + ["dataset"]), Stage.FILE)
                self.reject_all(path, line, items, f"'{name}' is not a section")
            elif not isinstance(items, list):
                self.problem(path, line, name, f"section '{name}' must be a list of records",
                             "put '- ' before each record", Stage.FILE)
                self.reject_all(path, line, items, f"section '{name}' is not a list")
            else:
                for item in items:
                    self.read_record(path, self.schema.sections[name], item, line)

    def reject_all(self, path: Path, line: int, items: Any, why: str) -> None:
        """Records in a section that was not read: references to them are summarised, not listed."""
        cause = _Cause(path, line, f"{{refs}} to records of this section {{were}} not checked because {why}",
                       "correct the section as its error above says, then build again")
        for item in items if isinstance(items, list) else [items] if isinstance(items, dict) else []:
            if isinstance(item, dict):
                self.reject(item.get("id"), cause)

    def read_manifest(self, path: Path, line: int, items: Any) -> None:
        if not isinstance(items, Located) or set(items) - MANIFEST_KEYS:
            self.problem(path, line, "dataset",
                         f"the dataset block takes only {', '.join(sorted(MANIFEST_KEYS))}", "remove the other keys",
                         Stage.FILE)
            if isinstance(items, dict) and "extends" in items:
                self.base_not_read(path, line, (path.parent / str(items["extends"])).resolve(),
                                   f"the dataset block at {path}:{line} that extends it was not read")
            return
        if self.manifest and self.manifest.get("base") != items.get("base"):
            self.problem(path, line, "dataset", "a second dataset block with a different base IRI",
                         "keep one dataset block per arrangement")
            return
        if "base" in items and not self.good_base(path, items.line_of("base"), items["base"]):
            return
        as_of = self.stated_as_of(path, items.line_of("as-of"), items["as-of"]) if "as-of" in items else None
        if as_of == "":
            return
        self.manifest = {k: str(v) for k, v in items.items() if k not in ("extends", "withdraws", "as-of")}
        if as_of:
            self.manifest["as-of"] = as_of
        if "extends" in items:
            self.extends = ((path.parent / str(items["extends"])).resolve(), path, items.line_of("extends"))
        withdraws = items.get("withdraws", [])
        self.withdraws = [str(w) for w in (withdraws if isinstance(withdraws, list) else [withdraws])]

    def stated_as_of(self, path: Path, line: int, value: Any) -> str:
        """The day the arrangement is stated as of (YYYY-MM-DD), or "" after reporting why it is not one."""
        try:
            day = parse_date(value)
        except (DateProblem, ValueError) as exc:
            self.problem(path, line, "as-of", str(exc), AS_OF_FIX)
            return ""
        if day.precision != "day" or day.earliest is None:
            self.problem(path, line, "as-of", f"as-of must be one day, not {shown(value)}", AS_OF_FIX)
            return ""
        return day.earliest.isoformat()

    def good_base(self, path: Path, line: int, base: Any) -> bool:
        """Whether ``base`` can stand in front of every id: an absolute IRI without spaces or <>."""
        text = base if isinstance(base, str) else ""
        try:
            ox.NamedNode(text)
            fine = bool(text) and not _IRI_UNSAFE.search(text)
        except ValueError:
            fine = False
        if not fine:
            self.problem(path, line, "base", f"the base {shown(base)} is not an absolute IRI", "write an address "
                         "such as https://example.org/my-arrangement/ (a scheme, no spaces, quotes or < >)", Stage.FILE)
        return fine

    def merge_base(self, chain: tuple[Path, ...]) -> None:
        """Put the extended arrangement's records first; own records with the same id replace them.
        ``chain``: the folders being read, this one's and those that extend it (a loop is an error)."""
        assert self.extends is not None
        folder, manifest_file, line = self.extends
        if folder in chain:
            self.problem(manifest_file, line, "extends", f"the arrangement extends itself ({folder} is "
                         f"{'this folder' if folder == chain[-1] else 'already being read'})",
                         "name the folder of another arrangement, or remove extends:")
            return
        try:
            base = read_arrangement([folder], _chain=chain)
        except SourceError as exc:
            self.problems.extend(p for p in exc.problems if p.stage is not Stage.KNOCK_ON)
            self.base_not_read(manifest_file, line, folder, "that arrangement has errors of its own")
            return
        for rid in self.withdraws:
            if rid not in base.records:
                self.problem(manifest_file, line, "withdraws", f"'{rid}' is not a record of {folder.name}",
                             "list only ids of the arrangement being extended")
        self.extended_inputs = base.inputs
        own = self.records
        self.records = {rid: rec for rid, rec in base.records.items() if rid not in self.withdraws and rid not in own}
        self.records.update(own)
        self.manifest = {**base.manifest, **self.manifest}

    def base_not_read(self, path: Path, line: int, folder: Path, why: str) -> None:
        cause = _Cause(path, line, f"{{refs}} to records of {folder.name} {{were}} not checked because {why}",
                       "correct the errors above, then build again")
        for rid in ids_in_folder(folder):
            self.unchecked.setdefault(rid, cause)

    def read_record(self, path: Path, sec: SectionSpec, item: Any, sec_line: int) -> None:
        if not isinstance(item, Located):
            self.problem(path, sec_line, sec.name, "each record must be a mapping of field names to values",
                         "write records as '- id: ...' followed by indented fields")
            return
        rid = item.get("id")
        if not isinstance(rid, str) or not ID.fullmatch(rid):
            self.problem(path, item.line, "id", f"the id {shown(rid)} is missing or not a valid id",
                         "use lower-case letters, digits and hyphens, e.g. cambridge-city-council")
            return
        if rid in self.records:
            first = self.records[rid]
            self.problem(path, item.line, "id", f"the id '{rid}' is already used at {first.file}:{first.line}",
                         "give each record its own id")
            return
        kind = item.get("kind", sec.default_kind)
        if not isinstance(kind, str) or kind not in sec.kinds:
            what = f"unknown kind {shown(kind)} in section '{sec.name}'" if kind else "the record has no kind"
            self.problem(path, item.line_of("kind"), "kind", what, _suggest(str(kind), list(sec.kinds)))
            self.reject(rid, _Cause(path, item.line, f"{{refs}} to '{rid}' {{were}} not checked because that "
                                    "record was rejected for its kind", f"correct the kind of '{rid}', then build again"))
            return
        label = item.get("label")
        if not isinstance(label, str) or not label.strip():
            self.problem(path, item.line, "label", f"record '{rid}' has no label",
                         "add label: with the name as printed")
        record = Record(sec.name, rid, kind, str(label or "").strip(), self.citations(path, item),
                        {}, path, item.line, dict(item.key_lines))
        for name, value in item.items():
            if name in RECORD_KEYS:
                continue
            spec = sec.fields.get(name)
            if spec is None:
                self.problem(path, item.line_of(name), name, f"'{name}' is not a field of {sec.name}",
                             _suggest(str(name), list(sec.fields)))
                continue
            parsed = self.parse_field(path, item.line_of(name), spec, value)
            if parsed is not None:
                record.values[name] = parsed
        for spec in sec.fields.values():
            if (spec.required or kind in spec.required_for) and spec.name not in item:
                needed = "" if spec.required else f" (every {kind} needs one)"
                self.problem(path, item.line, spec.name, f"record '{rid}' lacks the required field '{spec.name}'{needed}",
                             f"add {spec.name}: to the record")
        self.check_pairs(record, sec)
        self.records[rid] = record

    def check_pairs(self, rec: Record, sec: SectionSpec) -> None:
        """Rules between two fields of one record: not the same record twice, not both of a pair."""
        for spec in sec.fields.values():
            value = rec.values.get(spec.name)
            if value is None:
                continue
            line = rec.key_lines.get(spec.name, rec.line)
            other = rec.id if spec.differs_from == "id" else rec.values.get(spec.differs_from or "")
            if spec.differs_from and value == other:
                whom = "the record itself" if spec.differs_from == "id" else f"the same record as {spec.differs_from}"
                self.problem(rec.file, line, spec.name, f"{spec.name} names {whom} ('{value}')",
                             f"point {spec.name} at another record" +
                             ("" if spec.differs_from == "id" else f": a {rec.section[:-1]} links two different records"))
            if spec.excludes and spec.excludes in rec.values:
                self.problem(rec.file, line, spec.name, f"both {spec.excludes} and {spec.name} are given",
                             f"keep one of them: {spec.excludes} or {spec.name}")

    def citations(self, path: Path, item: Located) -> list[Citation]:
        raw = item.get("source")
        values = raw if isinstance(raw, list) else [raw] if raw is not None else []
        cites = []
        for value in values:
            doc, _, locator = str(value).strip().partition(" ")
            if not doc or not locator.strip():
                self.problem(path, item.line_of("source"), "source", f"source {shown(value)} needs a document id and a place",
                             "write it as DOCUMENT-ID LOCATOR, e.g. 'paper 3.1(2)'")
                continue
            cites.append(Citation(doc, locator.strip()))
        if not cites and raw is None:
            self.problem(path, item.line, "source", f"record {shown(item.get('id'))} has no source",
                         "add source: DOCUMENT-ID LOCATOR saying where the fact stands")
        return cites

    def parse_field(self, path: Path, line: int, spec: FieldSpec, value: Any) -> Any:
        try:
            parsed = _PARSERS[spec.type](spec, value)
            if spec.min is not None and parsed < spec.min:
                raise ValueError(f"{spec.name} must be at least {spec.min}, not {value!r}")
            return parsed
        except (ValueError, TypeError) as exc:
            fix = DATE_HINT if isinstance(exc, DateProblem) else _FIXES[spec.type](spec)
            self.problem(path, line, spec.name, str(exc), fix)
            return None

    def check_references(self) -> None:
        for rec in self.records.values():
            for cite in rec.sources:
                self.check_ref(rec, "source", cite.document, ("documents",))
            sec = self.schema.sections[rec.section]
            for name, value in rec.values.items():
                spec = sec.fields[name]
                if spec.type == "ref":
                    self.check_ref(rec, name, value, spec.to)
                elif spec.type == "ref-list":
                    for target in value:
                        self.check_ref(rec, name, target, spec.to)

    def check_ref(self, rec: Record, name: str, target: str, allowed: tuple[str, ...]) -> None:
        line = rec.key_lines.get(name, rec.line)
        found = self.records.get(target)
        if found is None and target in self.unchecked:
            self.not_checked[self.unchecked[target]] += 1
        elif found is None:
            candidates = [r.id for r in self.records.values() if r.section in allowed]
            self.problem(rec.file, line, name, f"{shown(target)} does not match any record id",
                         _suggest(target, candidates) if candidates else f"add a record to {', '.join(allowed)}",
                         Stage.REFERENCE)
        elif found.section not in allowed:
            self.problem(rec.file, line, name, f"'{target}' is a record of {found.section}, but this field takes {' or '.join(allowed)}",
                         "point the field at a record of the right section", Stage.REFERENCE)

    def summarise_unchecked(self) -> None:
        """One line per cause for the references it kept from being checked."""
        for cause, count in self.not_checked.items():
            self.problem(cause.file, cause.line, None, cause.summary(count), cause.fix, Stage.KNOCK_ON)


def _text(spec: FieldSpec, value: Any) -> str:
    if isinstance(value, (dict, list)) or value is None:
        raise ValueError(f"{spec.name} must be a piece of text")
    return str(value).strip()


def _text_list(spec: FieldSpec, value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [_text(spec, v) for v in items]


def _integer(spec: FieldSpec, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{spec.name} must be a whole number, not {shown(value)}")
    return value


def _date(spec: FieldSpec, value: Any) -> DateValue:
    return parse_date(value)


def _interval(spec: FieldSpec, value: Any) -> dict[str, DateValue]:
    if not isinstance(value, dict) or not value or set(value) - {"from", "to"}:
        raise ValueError(f"{spec.name} must be a mapping with 'from' and/or 'to'")
    return {k: parse_date(v) for k, v in value.items()}


def _enum(spec: FieldSpec, value: Any) -> str:
    if isinstance(value, (list, dict)):
        raise ValueError(f"{spec.name} takes one value, not {'a list' if isinstance(value, list) else 'a mapping'} "
                         f"({_inline(value)})")
    if value not in spec.values:
        raise ValueError(f"{shown(value)} is not one of the values of {spec.name}")
    return str(value)


def _inline(value: Any) -> str:
    """A list or mapping as it would be written in YAML flow style, for messages."""
    if isinstance(value, list):
        return "[" + ", ".join(_inline(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_inline(v)}" for k, v in value.items()) + "}"
    return str(value)


def _ref(spec: FieldSpec, value: Any) -> str:
    if not isinstance(value, str) or not ID.fullmatch(value):
        raise ValueError(f"{spec.name} must be the id of a record, not {shown(value)}")
    return value


def _ref_list(spec: FieldSpec, value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [_ref(spec, v) for v in items]


BOOLEANS = {"yes": True, "no": False, "true": True, "false": False}
URL = re.compile(r"^https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+$")


def _boolean(spec: FieldSpec, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if str(value).strip().lower() not in BOOLEANS:
        raise ValueError(f"{spec.name} must be yes or no, not {value!r}")
    return BOOLEANS[str(value).strip().lower()]


def _amount(spec: FieldSpec, value: Any) -> Decimal:
    amount, currency = parse_amount(value)  # AmountProblem is a ValueError: reported with the hint
    if currency is not None:
        raise AmountProblem(f"{spec.name} {value!r} carries a currency sign")
    return amount


def _fraction(spec: FieldSpec, value: Any) -> Decimal:
    text = str(value).strip()
    try:
        top, _, bottom = text.partition("/")
        number = Decimal(top) / Decimal(bottom) if bottom else Decimal(text)
    except (InvalidOperation, ZeroDivisionError) as exc:
        raise ValueError(f"{spec.name} must be a fraction such as 1/3 or 0.5, not {value!r}") from exc
    if not 0 < number <= 1:
        raise ValueError(f"{spec.name} must be above 0 and at most 1 (a share of the voting members), not {value!r}")
    return number.quantize(Decimal("0.0001")).normalize()


def _url(spec: FieldSpec, value: Any) -> str:
    if not isinstance(value, str) or not URL.match(value.strip()):
        raise ValueError(f"{spec.name} must be a web address starting http:// or https://, not {value!r}")
    return value.strip()


_PARSERS = {"text": _text, "text-list": _text_list, "integer": _integer, "date": _date,
            "interval": _interval, "enum": _enum, "ref": _ref, "ref-list": _ref_list,
            "boolean": _boolean, "amount": _amount, "fraction": _fraction, "url": _url}
_FIXES = {
    "text": lambda s: "quote the text",
    "text-list": lambda s: "give a list of quoted texts",
    "integer": lambda s: f"write a whole number{' of at least ' + str(s.min) if s.min is not None else ''}, such as 3",
    "boolean": lambda s: "write yes or no",
    "amount": lambda s: f"{AMOUNT_HINT}, without the currency sign (give the currency in its own field: "
                        f"{', '.join(SYMBOLS.values())})",
    "fraction": lambda s: "write a share of the voting members such as 1/3 or 0.5, or give a number in quorum:",
    "url": lambda s: "write the full address, e.g. https://www.example.gov.uk/constitution/part-3",
    "date": lambda s: DATE_HINT,
    "interval": lambda s: "write {from: 2016-11, to: 2017-01}",
    "enum": lambda s: f"use one of: {', '.join(s.values)}",
    "ref": lambda s: f"write the id of a record of {' or '.join(s.to)}",
    "ref-list": lambda s: f"write a list of ids of records of {' or '.join(s.to)}",
}


def read_arrangement(paths: list[Path], progress: Reporter = SILENT, _chain: tuple[Path, ...] = ()) -> Arrangement:
    """Read and validate every source file; raise SourceError listing all problems found.

    Sources that hold no record at all are an error too (a build would otherwise replace the
    last one with an empty graph)."""
    reader = _Reader(load_schema())
    files = source_files(paths)
    chain = _chain + tuple(p.resolve() if p.is_dir() else p.resolve().parent for p in paths)
    with progress.task(f"Reading {len(files)} source files", total=len(files)) as advance:
        for path in files:
            reader.read_file(path)
            advance()
    if reader.extends is not None:
        reader.merge_base(chain)
    if not reader.records and not reader.problems:
        where = paths[0] if len(paths) == 1 else None
        reader.problem(where, None, None, f"the sources ({len(files)} file{'s' if len(files) != 1 else ''}) hold no "
                       "records: nothing to build", "add records under sections such as organisations: "
                       "(docs/source-format.md), or pass the right folder", Stage.FILE)
    reader.check_references()
    reader.summarise_unchecked()
    if reader.problems:
        raise SourceError(reader.problems)
    return Arrangement(reader.manifest, reader.records, files, files + reader.extended_inputs)
