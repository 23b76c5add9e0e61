"""The named questions: one `.rq` file each, with a YAML header in its leading comment lines.

Header (every line starts with `# `, the SPARQL follows the first non-comment line)::

    # id: members-of-body
    # question: Who sits on a body, with what voting right, and on whose behalf?
    # parameters:
    #   body: {type: name, default: cambridgeshire-hwb, help: the board or body}
    # columns:
    #   member: the organisation, post or person that sits on the body
    # as-of: {holds: membership}

Parameter types: `name` (a record, found by id, label or alias), `iri`, `string`, `integer`,
`date`. A parameter without a default is optional (its variable is left unbound, so it matches
everything) unless it says `required: true`. `as-of` names the variable whose record the --as-of
day is checked against: `holds` (validity period covers the day) and `happened` (dated on or
before the day) drop the rows that certainly fail; `reached` keeps every row and only says.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from ..common.errors import GovgraphError

PARAM_TYPES = ("name", "iri", "string", "integer", "date", "amount")
AS_OF_TESTS = ("holds", "happened", "reached")
HEADER_KEYS = {"id", "question", "parameters", "columns", "as-of"}


class LibraryError(GovgraphError, ValueError):
    """A malformed question file: which file, what is wrong, how to fix it."""


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    default: str | None
    help: str
    required: bool = False


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    parameters: tuple[Parameter, ...]
    columns: dict[str, str]
    as_of: dict[str, str] = field(default_factory=dict)
    sparql: str = ""
    path: Path | None = None

    def parameter(self, name: str) -> Parameter | None:
        return next((p for p in self.parameters if p.name == name), None)


def _split(text: str) -> tuple[str, str]:
    lines = text.splitlines()
    count = next((i for i, line in enumerate(lines) if not line.startswith("#")), len(lines))
    header = "\n".join(line[2:] if line.startswith("# ") else line[1:] for line in lines[:count])
    return header, "\n".join(lines[count:]).strip() + "\n"


def _parameter(path: Path, name: str, spec: object) -> Parameter:
    if not isinstance(spec, dict) or spec.get("type") not in PARAM_TYPES:
        raise LibraryError(f"{path}: parameter '{name}' needs a type, one of {', '.join(PARAM_TYPES)}")
    default = spec.get("default")
    return Parameter(name, spec["type"], None if default is None else str(default), str(spec.get("help", "")),
                     bool(spec.get("required", False)))


def parse_question(text: str, path: Path) -> Question:
    """Parse one question file; LibraryError says what is missing."""
    header_text, sparql = _split(text)
    try:
        header = yaml.safe_load(header_text) or {}
    except yaml.YAMLError as exc:
        raise LibraryError(f"{path}: the comment header is not valid YAML ({exc})") from exc
    if not isinstance(header, dict):
        raise LibraryError(f"{path}: the comment header must be 'key: value' lines")
    unknown = set(header) - HEADER_KEYS
    missing = {"id", "question", "columns"} - set(header)
    if unknown or missing:
        raise LibraryError(f"{path}: header keys missing {sorted(missing)} or unknown {sorted(unknown)}")
    as_of = header.get("as-of") or {}
    if any(test not in AS_OF_TESTS for test in as_of):
        raise LibraryError(f"{path}: as-of takes {' or '.join(AS_OF_TESTS)}: VARIABLE")
    params = tuple(_parameter(path, n, s) for n, s in (header.get("parameters") or {}).items())
    return Question(str(header["id"]), str(header["question"]).strip(), params,
                    {str(k): str(v) for k, v in header["columns"].items()}, dict(as_of), sparql, path)


def library_folder() -> Path:
    return Path(str(resources.files("govgraph.queries").joinpath("library")))


@cache
def load_library(folder: Path | None = None) -> dict[str, Question]:
    """Every named question, by id, in file-name order."""
    questions: dict[str, Question] = {}
    for path in sorted((folder or library_folder()).glob("*.rq")):
        question = parse_question(path.read_text(encoding="utf-8"), path)
        if question.id != path.stem:
            raise LibraryError(f"{path}: id '{question.id}' must equal the file name '{path.stem}'")
        questions[question.id] = question
    return questions


def closest_ids(wanted: str, known: list[str]) -> list[str]:
    """The question ids closest to a mistyped one (best first), for 'did you mean'."""
    return difflib.get_close_matches(wanted, known, n=3, cutoff=0.5)


def internal_query(name: str) -> str:
    """The text of one of the package's own helper queries (used by `can` and `explain`)."""
    return resources.files("govgraph.queries").joinpath(f"{name}.rq").read_text(encoding="utf-8")
