"""The source-format schema (schema.yaml): sections, kinds and fields, and their RDF terms."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml
from rdflib import URIRef

FIELD_TYPES = {"text", "text-list", "integer", "date", "interval", "enum", "ref", "ref-list",
               "boolean", "amount", "fraction", "url"}
RECORD_KEYS = {"id", "kind", "label", "source"}


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: str
    property: URIRef
    to: tuple[str, ...] = ()
    values: dict[str, URIRef] = field(default_factory=dict)
    required: bool = False
    required_for: tuple[str, ...] = ()  # kinds for which the field is required
    min: int | None = None
    differs_from: str | None = None  # another field (or "id") this one must not equal
    excludes: str | None = None  # another field that must not be given as well


@dataclass(frozen=True)
class SectionSpec:
    name: str
    base_class: URIRef
    kinds: dict[str, URIRef]
    fields: dict[str, FieldSpec]
    default_kind: str | None = None
    concept_scheme: bool = False


@dataclass(frozen=True)
class Schema:
    prefixes: dict[str, str]
    sections: dict[str, SectionSpec]

    def expand(self, curie: str) -> URIRef:
        prefix, _, local = curie.partition(":")
        return URIRef(self.prefixes[prefix] + local)


def _field(name: str, raw: dict, schema: Schema, enums: dict[str, dict[str, str]]) -> FieldSpec:
    if raw["type"] not in FIELD_TYPES:
        raise ValueError(f"schema.yaml: field {name} has unknown type {raw['type']}")
    values = {k: schema.expand(v) for k, v in enums.get(raw.get("values", ""), {}).items()}
    return FieldSpec(name=name, type=raw["type"], property=schema.expand(raw["property"]),
                     to=tuple(raw.get("to", ())), values=values,
                     required=bool(raw.get("required", False)),
                     required_for=tuple(raw.get("required-for", ())), min=raw.get("min"),
                     differs_from=raw.get("differs-from"), excludes=raw.get("excludes"))


@lru_cache(maxsize=1)
def load_schema() -> Schema:
    """Load the packaged schema.yaml (cached: it never changes within a run)."""
    raw = yaml.safe_load(resources.files("govgraph.graph_builder").joinpath("schema.yaml").read_text())
    schema = Schema(prefixes=raw["prefixes"], sections={})
    enums = raw["enums"]
    for name, sec in raw["sections"].items():
        fields = {n: _field(n, f, schema, enums) for n, f in raw["common"].items()}
        fields.update({n: _field(n, f, schema, enums) for n, f in sec.get("fields", {}).items()})
        schema.sections[name] = SectionSpec(
            name=name,
            base_class=schema.expand(sec["class"]),
            kinds={k: schema.expand(v) for k, v in sec["kinds"].items()},
            fields=fields,
            default_kind=sec.get("default-kind"),
            concept_scheme=bool(sec.get("concept-scheme", False)),
        )
    return schema
