"""Read YAML source files keeping the line of every mapping and key, for error messages."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from .errors import SourceError, SourceProblem


class Located(dict):
    """A mapping that remembers the line it starts on and the line of each key."""

    line: int
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


# libyaml's C parser where PyYAML was built with it (about five times faster on large files);
# the constructor below stays Python either way.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """A safe loader that builds ``Located`` mappings and refuses duplicate keys."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> Located:  # type: ignore[override]
        mapping = Located()
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, (dict, list)):
                raise yaml.constructor.ConstructorError(
                    None, None, "a key must be a plain word", key_node.start_mark)
            if key in mapping:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key '{key}' appears twice in the same mapping",
                    key_node.start_mark)
            mapping[key] = self.construct_object(value_node, deep=deep)
            mapping.key_lines[str(key)] = key_node.start_mark.line + 1
        return mapping


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping)
# Dates stay text so that govgraph's own date parser reports impossible or ambiguous ones with
# their line (PyYAML would raise a bare ValueError for 2017-02-30). Booleans follow YAML 1.2:
# only true/false, so that a field called `on` or a value `no` stays a word (YAML 1.1 reads
# on/off/yes/no as booleans).
_DROPPED = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool"}
_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag not in _DROPPED]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_LineLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def read_yaml(path: Path) -> Any:
    """Parse one YAML file, turning syntax errors into a located ``SourceError``."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError([SourceProblem(path, None, None, f"the file is not UTF-8 text ({exc.reason})",
                                         "save the file as UTF-8")]) from exc
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a safe loader's subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise SourceError([SourceProblem(
            path, line, None, f"this is not valid YAML: {exc.problem or exc.context}",
            "check indentation and quoting on this line and the one above it")]) from exc
    except yaml.YAMLError as exc:
        raise SourceError([SourceProblem(path, None, None, f"this is not valid YAML: {exc}",
                                         "check the file's syntax")]) from exc
