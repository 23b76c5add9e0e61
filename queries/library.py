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
everything) unless it says `required: true`. `as-of` names every variable (one, or a list) whose
record the --as-of day is checked against: `holds` (validity period covers the day) and
`happened` (dated on or before the day) leave out the records that certainly fail; `reached`
keeps every row and only says. Each such variable must be projected (its record decides the
row's as_of verdict).

"Valid on the day" is one fragment (`valid_on`), written into the query's text when --as-of is
given: at the end of the WHERE group, or, for a record matched inside an OPTIONAL (or a UNION
branch), in place of a comment line `# as-of ?VAR` inside that group, so that a stale record is
left out there (the row stays, without it) rather than dropping the whole row.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from ..common.errors import GovgraphError
from .binding import where_group

PARAM_TYPES = ("name", "iri", "string", "integer", "date", "amount")
AS_OF_TESTS = ("holds", "happened", "reached")
HEADER_KEYS = {"id", "question", "parameters", "columns", "as-of"}
GG, ORG, TIME = ("https://w3id.org/govgraph/ontology#", "http://www.w3.org/ns/org#",
                 "http://www.w3.org/2006/time#")
PERIODS = (f"<{GG}validDuring>", f"<{ORG}memberDuring>", f"<{GG}coversPeriod>")
MARKER = re.compile(r"^[ \t]*# as-of \?(\w+)[ \t]*$", re.MULTILINE)
# libyaml's safe loader where PyYAML was built with it: ten times as fast on the headers (20 ms of
# a `query run` with the pure-Python one), the same values (tests/queries/test_library.py).
HEADER_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
    as_of: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sparql: str = ""
    path: Path | None = None

    def parameter(self, name: str) -> Parameter | None:
        return next((p for p in self.parameters if p.name == name), None)

    def text(self, day: dt.date | None = None) -> str:
        """The SPARQL to run: on a day, each `holds`/`happened` record must be valid on it."""
        if day is None:
            return self.sparql
        text = self.sparql
        for test in ("holds", "happened"):
            for var in self.as_of.get(test, ()):
                fragment = valid_on(test, var, day)
                marker = next((m for m in MARKER.finditer(text) if m.group(1) == var), None)
                if marker is not None:
                    text = text[:marker.start()] + fragment + text[marker.end():]
                else:
                    closing = where_group(text)[1]
                    text = text[:closing] + fragment + "\n" + text[closing:]
        return text


def valid_on(test: str, var: str, day: dt.date) -> str:
    """SPARQL that leaves out ?var when its record certainly fails the test on ``day``.

    The same rule as graph_builder.timeline: `holds` fails when the period certainly starts after
    the day or certainly ends before it; `happened` fails when the date is certainly after it.
    Vague bounds never fail (the runner marks such rows "not known on that date")."""
    when = f'"{day.isoformat()}"^^<http://www.w3.org/2001/XMLSchema#date>'
    # Each path is one alternative of whole sequences: Oxigraph keeps an alternative whole but
    # splits a bare sequence inside NOT EXISTS into patterns evaluated on their own, which scans
    # every period for every row (300 s instead of 0.2 s at 100k triples).
    start, end = ("|".join(f"{p}/<{TIME}{edge}>/<{GG}{bound}>" for p in PERIODS)
                  for edge, bound in (("hasBeginning", "earliest"), ("hasEnd", "latest")))
    if test == "happened":
        return (f"  FILTER NOT EXISTS {{ ?{var} <{GG}date>/<{GG}earliest>|<{GG}date>/<{GG}earliest> ?{var}_asof_on "
                f"FILTER(?{var}_asof_on > {when}) }}")
    return (f"  FILTER NOT EXISTS {{ ?{var} {start} ?{var}_asof_from FILTER(?{var}_asof_from > {when}) }}\n"
            f"  FILTER NOT EXISTS {{ ?{var} {end} ?{var}_asof_to FILTER(?{var}_asof_to < {when}) }}")


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
        header = yaml.load(header_text, Loader=HEADER_LOADER) or {}
    except yaml.YAMLError as exc:
        raise LibraryError(f"{path}: the comment header is not valid YAML ({exc})") from exc
    if not isinstance(header, dict):
        raise LibraryError(f"{path}: the comment header must be 'key: value' lines")
    unknown = set(header) - HEADER_KEYS
    missing = {"id", "question", "columns"} - set(header)
    if unknown or missing:
        raise LibraryError(f"{path}: header keys missing {sorted(missing)} or unknown {sorted(unknown)}")
    as_of_spec = header.get("as-of") or {}
    if not isinstance(as_of_spec, dict) or any(test not in AS_OF_TESTS for test in as_of_spec):
        raise LibraryError(f"{path}: as-of takes {' or '.join(AS_OF_TESTS)}: VARIABLE (or a list of them)")
    as_of = {test: tuple(str(v) for v in (vs if isinstance(vs, list) else [vs])) for test, vs in as_of_spec.items()}
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


@cache  # `can` walks a chain of delegation asking the same few helper queries many times
def internal_query(name: str) -> str:
    """The text of one of the package's own helper queries (used by `can` and `explain`)."""
    return resources.files("govgraph.queries").joinpath(f"{name}.rq").read_text(encoding="utf-8")
