"""The source format for people and editors, generated from schema.yaml: the field reference in
docs/source-format.md and the JSON Schema that YAML language servers use to complete and check
fields as an officer types.

Nothing here is written by hand per field: a section, kind or field added to schema.yaml appears
in both after ``python -m govgraph.graph_builder.reference`` (which rewrites the two files; a test
fails while either is out of date). Meanings come from the ontology's definitions of the class or
property a section, kind or field becomes; examples from the built-in arrangements where they use
the field, otherwise from the field's type.
"""
from __future__ import annotations

import json
import sys
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from rdflib import RDFS, SKOS, URIRef

from ..datasets import builtin_path
from ..ontology import ontology_graph
from .records import BOOLEANS, ID, MANIFEST_KEYS, URL, source_files
from .schema import FieldSpec, Schema, SectionSpec, load_schema
from .yaml_source import read_yaml

SCHEMA_FILE = "source.schema.json"
SCHEMA_ID = "https://w3id.org/govgraph/source.schema.json"
BEGIN = "<!-- field-reference: generated from graph_builder/schema.yaml; do not edit by hand -->"
END = "<!-- end of field-reference -->"
_BUILTINS = ("cp_stp_mou", "cp_stp_mou_nov2016_plan")

# --- meanings and examples -------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _definitions() -> dict[URIRef, str]:
    graph = ontology_graph()
    found: dict[URIRef, str] = {}
    for predicate in (RDFS.comment, SKOS.definition):  # the definition wins where both exist
        for subject, _, text in graph.triples((None, predicate, None)):
            if isinstance(subject, URIRef):
                found[subject] = " ".join(str(text).split())
    return found


def meaning(term: URIRef) -> str:
    """The ontology's definition of a class or property ('' for a standard term it only declares)."""
    return _definitions().get(term, "")


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


@lru_cache(maxsize=1)
def _examples_in_builtins() -> dict[tuple[str, str], Any]:
    """(section, field) -> the first value the built-in arrangements give it, as written."""
    found: dict[tuple[str, str], Any] = {}
    for name in _BUILTINS:
        for path in source_files([builtin_path(name)]):
            data = read_yaml(path) or {}
            for section, records in data.items():
                for record in records if isinstance(records, list) else []:
                    for key, value in record.items():
                        found.setdefault((section, str(key)), _plain(value))
    return found


_TYPE_EXAMPLES: dict[str, Any] = {
    "text": "as printed in the source", "text-list": ["first", "second"], "integer": 1,
    "date": "2017-01-19", "interval": {"from": "2016-11", "to": "2017-01"}, "boolean": "yes",
    "amount": "2.2m", "fraction": "1/3", "url": "https://www.example.gov.uk/constitution/part-3",
}


def example(section: str, spec: FieldSpec) -> Any:
    """A value for the field: the built-in arrangements' first one, else one made from its type."""
    if (section, spec.name) in _examples_in_builtins():
        return _examples_in_builtins()[(section, spec.name)]
    if spec.type == "enum":
        return next(iter(spec.values))
    if spec.type in ("ref", "ref-list"):
        target = f"a-record-of-{spec.to[0]}"
        return target if spec.type == "ref" else [target]
    if spec.type == "integer" and spec.min is not None:
        return max(spec.min, 1)
    return _TYPE_EXAMPLES[spec.type]


def inline_yaml(value: Any) -> str:
    """A value as it is written on one line of a source file."""
    return yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10_000, sort_keys=False).strip() \
        .removesuffix("\n...").removesuffix("...").strip()


# --- the JSON Schema -------------------------------------------------------------------------------

_TEXT = {"type": ["string", "number", "boolean"]}
_ID = {"type": "string", "pattern": ID.pattern}
_DAY_MONTH_YEAR = {"anyOf": [
    {"type": "string", "pattern": r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"},
    {"type": "integer", "minimum": 1000, "maximum": 9999},
]}
_DATE = {
    "description": "2017-01-12 (a day), 2017-01 (a month), 2017 (a year), unknown, "
                   "or {vague: \"early 2017\", within: 2017} for a date given only in words",
    "anyOf": [
        _DAY_MONTH_YEAR,
        {"const": "unknown"},
        {"type": "object", "required": ["vague"], "additionalProperties": False,
         "properties": {"vague": {"type": "string", "minLength": 1}, "within": _DAY_MONTH_YEAR,
                        "not-before": _DAY_MONTH_YEAR, "not-after": _DAY_MONTH_YEAR},
         "not": {"anyOf": [{"required": ["within", "not-before"]}, {"required": ["within", "not-after"]}]}},
    ],
}
_SOURCE = {"type": "string", "pattern": r"^\s*[^\s]+\s+\S",
           "description": "DOCUMENT-ID LOCATOR: the id of a documents record, a space, the place in it"}


_SCALE = r"([kK]|[tT]housand|[mM]|[mM][nN]|[mM]illion|[bB][nN]|[bB]illion)?"
_AMOUNT = {"anyOf": [{"type": "number", "minimum": 0},
                     {"type": "string", "pattern": r"^\s*(\d[\d,]*(\.\d+)?|\.\d+)\s*" + _SCALE + r"\s*$"}]}
_FRACTION = {"anyOf": [{"type": "number", "exclusiveMinimum": 0, "maximum": 1},
                       {"type": "string", "pattern": r"^\s*\d*\.?\d+\s*(/\s*\d*\.?\d+\s*)?$"}]}
_BOOLEAN = {"anyOf": [{"type": "boolean"}, {"enum": sorted(BOOLEANS)}]}


def _one_or_many(item: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [item, {"type": "array", "items": item}]}


def _field_schema(section: str, spec: FieldSpec) -> dict[str, Any]:
    if spec.type == "text":
        body: dict[str, Any] = dict(_TEXT)
    elif spec.type == "text-list":
        body = _one_or_many(_TEXT)
    elif spec.type == "integer":
        body = {"type": "integer", **({"minimum": spec.min} if spec.min is not None else {})}
    elif spec.type == "boolean":
        body = dict(_BOOLEAN)
    elif spec.type == "amount":
        body = dict(_AMOUNT)
    elif spec.type == "fraction":
        body = dict(_FRACTION)
    elif spec.type == "url":
        body = {"type": "string", "pattern": URL.pattern}
    elif spec.type == "date":
        body = {"$ref": "#/definitions/date"}
    elif spec.type == "interval":
        body = {"type": "object", "minProperties": 1, "additionalProperties": False,
                "properties": {"from": {"$ref": "#/definitions/date"}, "to": {"$ref": "#/definitions/date"}}}
    elif spec.type == "enum":
        body = {"enum": list(spec.values)}
    elif spec.type == "ref":
        body = dict(_ID)
    else:
        body = _one_or_many(_ID)
    words = meaning(spec.property)
    refers = f" The id of a record of {' or '.join(spec.to)}." if spec.to else ""
    body["description"] = (words + refers).strip() or spec.name
    body["examples"] = [example(section, spec)]
    return body


def _record_schema(section: SectionSpec) -> dict[str, Any]:
    properties: dict[str, Any] = {
        "id": {**_ID, "description": "Lower-case letters, digits and hyphens; unique in the arrangement."},
        "kind": {"enum": list(section.kinds), "description": "What sort of record this is."
                 + (f" May be left out: it is then {section.default_kind}." if section.default_kind else "")},
        "label": {"type": "string", "minLength": 1, "description": "The name as printed."},
        "source": {**_one_or_many(_SOURCE), "description": _SOURCE["description"]},
    }
    properties.update({name: _field_schema(section.name, spec) for name, spec in section.fields.items()})
    required = ["id", "label", "source"] + ([] if section.default_kind else ["kind"])
    required += [name for name, spec in section.fields.items() if spec.required]
    rules: list[dict[str, Any]] = [
        {"if": {"required": ["kind"], "properties": {"kind": {"enum": list(spec.required_for)}}},
         "then": {"required": [name]}}
        for name, spec in section.fields.items() if spec.required_for]
    rules += [{"not": {"required": [name, spec.excludes]}} for name, spec in section.fields.items() if spec.excludes]
    record = {"type": "object", "description": meaning(section.base_class) or section.name,
              "required": required, "properties": properties, "additionalProperties": False}
    return {**record, "allOf": rules} if rules else record


def json_schema(schema: Schema | None = None) -> dict[str, Any]:
    """The JSON Schema (draft-07, which every YAML language server reads) of one source file."""
    schema = schema or load_schema()
    manifest = {"type": "object", "additionalProperties": False,
                "description": "The arrangement itself: its id, title, base IRI, and what it extends or withdraws.",
                "properties": {key: ({"type": "array", "items": _ID} if key == "withdraws" else {"type": "string"})
                               for key in sorted(MANIFEST_KEYS)}}
    sections = {name: {"type": "array", "items": {"$ref": f"#/definitions/{name}"},
                       "description": meaning(sec.base_class) or name}
                for name, sec in schema.sections.items()}
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": SCHEMA_ID,
        "title": "govgraph source file",
        "description": "One YAML file of a govgraph arrangement: sections, each a list of records "
                       "(docs/source-format.md).",
        "type": "object",
        "additionalProperties": False,
        "properties": {"dataset": manifest, **sections},
        "definitions": {"date": _DATE, **{name: _record_schema(sec) for name, sec in schema.sections.items()}},
    }


def json_schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def packaged_json_schema_path() -> Path:
    """The JSON Schema as shipped in the package (what `govgraph schema` writes)."""
    return Path(str(resources.files("govgraph.graph_builder").joinpath(SCHEMA_FILE)))


# --- the Markdown reference ------------------------------------------------------------------------

_TYPE_WORDS = {"text": "text", "text-list": "text or list of texts", "integer": "whole number",
               "date": "date", "interval": "period `{from: DATE, to: DATE}`", "enum": "one of the values",
               "ref": "id", "ref-list": "id or list of ids", "boolean": "yes or no",
               "amount": "sum of money (2200000, 2.2m, 500k; no currency sign)",
               "fraction": "share above 0 and at most 1 (0.5 or 1/3)", "url": "web address (http or https)"}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _values(spec: FieldSpec) -> str:
    if spec.type == "enum":
        return ", ".join(f"`{v}`" for v in spec.values)
    if spec.type == "integer" and spec.min is not None:
        return f"at least {spec.min}"
    if spec.to:
        return "a record of " + " or ".join(f"[{t}](#{t})" for t in spec.to)
    if spec.type in ("date", "interval"):
        return "see [Dates](#dates)"
    return ""


def curie(schema: Schema, term: URIRef) -> str:
    for prefix, namespace in schema.prefixes.items():
        if str(term).startswith(namespace):
            return f"{prefix}:{str(term)[len(namespace):]}"
    return f"<{term}>"


def _section_markdown(schema: Schema, sec: SectionSpec) -> list[str]:
    lines = [f"### {sec.name}", "", f"{meaning(sec.base_class)} Each record is a `{curie(schema, sec.base_class)}`.".lstrip(), ""]
    if sec.default_kind and len(sec.kinds) == 1:
        lines += [f"Kind: `{sec.default_kind}` (may be left out).", ""]
    else:
        note = f" `kind` may be left out: it is then `{sec.default_kind}`." if sec.default_kind else " `kind` is required."
        lines += [f"Kinds:{note}", "", "| kind | meaning | class |", "|---|---|---|"]
        lines += [f"| `{kind}` | {_cell(meaning(cls))} | `{curie(schema, cls)}` |" for kind, cls in sec.kinds.items()]
        lines.append("")
    if sec.fields:
        lines += ["| field | type | required | allowed values | meaning | example | property |",
                  "|---|---|---|---|---|---|---|"]
    else:
        lines += ["No fields of its own."]
    for spec in sec.fields.values():
        lines.append(f"| `{spec.name}` | {_TYPE_WORDS[spec.type]} | {_required(spec)} | "
                     f"{_values(spec)} | {_cell(meaning(spec.property))} | "
                     f"`{_cell(inline_yaml(example(sec.name, spec)))}` | `{curie(schema, spec.property)}` |")
    lines += ["", "Example:", "", "```yaml", *_example_record(sec), "```", ""]
    return lines


def _required(spec: FieldSpec) -> str:
    rules = ["yes"] if spec.required else [f"for {', '.join(spec.required_for)}"] if spec.required_for else []
    if spec.excludes:
        rules.append(f"not with `{spec.excludes}`")
    if spec.differs_from:
        rules.append("not the record itself" if spec.differs_from == "id" else f"not the same as `{spec.differs_from}`")
    return "; ".join(rules)


def _example_record(sec: SectionSpec) -> list[str]:
    """A record with every required field, the values taken from the examples."""
    first_kind = sec.default_kind or next(iter(sec.kinds))
    kind = [] if sec.default_kind else [f"    kind: {first_kind}"]
    fields = [f"    {name}: {inline_yaml(example(sec.name, spec))}"
              for name, spec in sec.fields.items() if spec.required or first_kind in spec.required_for]
    return [f"{sec.name}:", "  - id: example-record", *kind,
            "    label: The name as printed", *fields, "    source: paper 3.1(2)"]


def field_reference(schema: Schema | None = None) -> str:
    """The Markdown field reference: every record's keys, then each section's kinds and fields."""
    schema = schema or load_schema()
    common = next(iter(schema.sections.values()))
    lines = [BEGIN, "", "## Field reference", "",
             "Every record has `id`, `label` and `source`, and `kind` where its section has more than one "
             "kind. Every section also takes these fields:", "",
             "| field | type | meaning |", "|---|---|---|"]
    shared = [name for name in common.fields if all(name in s.fields for s in schema.sections.values())]
    lines += [f"| `{name}` | {_TYPE_WORDS[common.fields[name].type]} | {_cell(meaning(common.fields[name].property))} |"
              for name in shared]
    lines += ["", "Sections: " + ", ".join(f"[{name}](#{name})" for name in schema.sections) + ".", ""]
    for sec in schema.sections.values():
        lines += _section_markdown(schema, _without(sec, shared))
    lines.append(END)
    return "\n".join(lines) + "\n"


def _without(sec: SectionSpec, shared: list[str]) -> SectionSpec:
    return SectionSpec(sec.name, sec.base_class, sec.kinds, {n: f for n, f in sec.fields.items() if n not in shared},
                       sec.default_kind, sec.concept_scheme)


def with_reference(page: str, reference: str) -> str:
    """The page with its generated part replaced (or added at the end)."""
    if BEGIN in page and END in page:
        head, _, rest = page.partition(BEGIN)
        _, _, tail = rest.partition(END)
        return head + reference.rstrip("\n") + tail
    return page.rstrip("\n") + "\n\n" + reference


def _repository_files() -> tuple[Path, Path]:
    here = Path(__file__).resolve().parent
    return here.parent / "docs" / "source-format.md", here / SCHEMA_FILE


def main() -> None:
    """Rewrite docs/source-format.md's field reference and the packaged JSON Schema (in a checkout)."""
    page, schema_file = _repository_files()
    page.write_text(with_reference(page.read_text(encoding="utf-8"), field_reference()), encoding="utf-8")
    schema_file.write_text(json_schema_text(), encoding="utf-8")
    print(f"wrote {page} and {schema_file}", file=sys.stderr)


if __name__ == "__main__":
    main()
