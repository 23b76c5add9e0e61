"""Layer 3: governance rules, one SPARQL SELECT per file in rules/, run as plain SPARQL.

Each file starts with a header of ``# key: value`` comment lines (in the spirit of ROBOT's report
queries): id, severity, title (what the rule means), message and fix (templates whose ``{name}``
placeholders take the label of the query variable ?name), and entities (the variables naming the
things involved, the first being the one whose source line the finding points at).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef

from ..common.errors import GovgraphError
from ..common.progress import SILENT, Reporter
from ..queries.engine import evaluate, short_syntax_error
from .findings import SEVERITIES, Entity, Finding
from .labels import Describer

HEADER = re.compile(r"^#\s*([a-z-]+):\s*(.*\S)\s*$")
REQUIRED = ("id", "severity", "title", "message", "fix", "entities")
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


class RuleFileError(GovgraphError, ValueError):
    """A rule file whose header is incomplete or whose query does not parse."""


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    title: str
    message: str
    fix: str
    entities: tuple[str, ...]
    path: Path
    query: str


def rules_dir() -> Path:
    return Path(str(resources.files("govgraph.checks").joinpath("rules")))


def parse_rule(path: Path) -> Rule:
    """Read one rule file: its header, then its query (parsed here so that a broken rule fails early;
    the text is what runs, in the store's own SPARQL engine)."""
    text = path.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = HEADER.match(line)
        if match:
            header[match.group(1)] = match.group(2)
    missing = [k for k in REQUIRED if k not in header]
    if missing:
        raise RuleFileError(f"{path}: the header lacks {', '.join(missing)}")
    if header["severity"] not in SEVERITIES:
        raise RuleFileError(f"{path}: severity must be one of {', '.join(SEVERITIES)}")
    if header["id"] != path.stem:
        raise RuleFileError(f"{path}: the id {header['id']!r} must match the file name")
    try:  # Oxigraph's parser (on an empty store, nothing to evaluate): rdflib's took a second for all the rules
        ox.Store().query(text)
    except SyntaxError as exc:
        raise RuleFileError(f"{path}: the query does not parse: {short_syntax_error(str(exc))}") from exc
    return Rule(header["id"], header["severity"], header["title"], header["message"], header["fix"],
                tuple(header["entities"].split()), path, text)


@lru_cache(maxsize=1)
def builtin_rules() -> tuple[Rule, ...]:
    return tuple(parse_rule(p) for p in sorted(rules_dir().glob("*.rq")))


def logic_dir() -> Path:
    return Path(str(resources.files("govgraph.checks").joinpath("logic")))


@lru_cache(maxsize=1)
def logic_rules() -> tuple[Rule, ...]:
    """The reasoner layer's OWL 2 RL consistency rules (logic/*.rq), in the rule file format."""
    return tuple(parse_rule(p) for p in sorted(logic_dir().glob("*.rq")))


def _fill(template: str, row: dict[str, object], describe: Describer) -> str:
    def one(match: re.Match[str]) -> str:
        value = row.get(match.group(1))
        if value is None:
            return "(not given)"
        return describe.label(value) if isinstance(value, URIRef) else str(value)
    return PLACEHOLDER.sub(one, template)


def findings_of(rule: Rule, graph: Graph, describe: Describer, layer: str = "rules") -> list[Finding]:
    """Run one rule on data+ontology and turn each result row into a finding of ``layer``."""
    found = []
    table = evaluate(graph, rule.query)
    for values in table.rows:
        row = {column: value for column, value in zip(table.columns, values) if value is not None}
        iris = [row[v] for v in rule.entities if isinstance(row.get(v), URIRef)]
        entities = tuple(dict.fromkeys(Entity(describe.label(i), str(i)) for i in iris))
        file, line = describe.location(iris[0]) if iris else (None, None)
        found.append(Finding(rule.id, rule.severity, _fill(rule.message, row, describe), layer,
                             entities, describe.sources(iris), _fill(rule.fix, row, describe), file, line))
    return found


def run_rules(graph: Graph, describe: Describer, wanted: Callable[[str], bool],
              progress: Reporter = SILENT) -> list[Finding]:
    found: list[Finding] = []
    chosen = [rule for rule in builtin_rules() if wanted(rule.id)]
    with progress.task("Checking governance rules", total=len(chosen)) as advance:
        for rule in chosen:
            found.extend(findings_of(rule, graph, describe))
            advance()
    return found
