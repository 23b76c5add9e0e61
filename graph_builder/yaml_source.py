"""Read YAML source files keeping the line of every mapping and key, for error messages."""
from __future__ import annotations

import errno
import re
import stat
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


# Aliases (*name) may repeat an anchored value, but a file may not expand to more than this
# many values beyond what it spells out: nine levels of aliases each used ten times ("billion
# laughs") would otherwise turn 1 KB of YAML into a billion values.
EXPANSION_ALLOWANCE = 100_000


class TooManyAliases(yaml.MarkedYAMLError):
    """The file's aliases would expand it past EXPANSION_ALLOWANCE values."""


def _check_expansion(root: yaml.Node) -> None:
    """Count the values ``root`` stands for once every alias is expanded, without expanding them:
    each node's size is counted once and reused (post-order, no recursion)."""
    size: dict[int, int] = {}
    shared: list[yaml.Node] = []
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    unique = 0
    while stack:
        node, done = stack.pop()
        children = (node.value if isinstance(node, yaml.SequenceNode) else
                    [n for pair in node.value for n in pair] if isinstance(node, yaml.MappingNode) else [])
        if done:
            size[id(node)] = 1 + sum(size.get(id(child), 0) for child in children)
            continue
        if id(node) in seen:
            if id(node) not in size:
                raise TooManyAliases(None, None, "an alias refers to the value that contains it", node.start_mark)
            shared.append(node)
            continue
        seen.add(id(node))
        unique += 1
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(children))
    if size[id(root)] > unique + EXPANSION_ALLOWANCE:
        first = min(shared, key=lambda n: n.start_mark.line)
        raise TooManyAliases(None, None, f"the aliases (*name) in this file would expand it to over "
                                         f"{unique + EXPANSION_ALLOWANCE:,} values", first.start_mark)


class _LineLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """A safe loader that builds ``Located`` mappings, refuses duplicate keys, and refuses files
    whose aliases expand too far."""

    def get_single_data(self) -> Any:
        node = self.get_single_node()
        if node is None:
            return None
        _check_expansion(node)
        return self.construct_document(node)

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


def _unreadable(path: Path, what: str, fix: str) -> SourceError:
    return SourceError([SourceProblem(path, None, None, what, fix)])


def readable_text(path: Path) -> str:
    """The text of a regular file; SourceError saying why not for anything else (a folder named
    like a YAML file, a broken symbolic link or a loop of them, a FIFO that would never end, a
    file this user may not read)."""
    try:
        mode = path.stat().st_mode  # follows symbolic links
    except OSError as exc:
        if path.is_symlink():
            what = "is a symbolic link in a loop" if exc.errno == errno.ELOOP else "is a broken symbolic link"
            raise _unreadable(path, f"this file {what} ({exc.strerror})",
                              "point the link at a YAML file, or remove it") from exc
        raise _unreadable(path, f"this file cannot be read ({exc.strerror})", "check that it exists") from exc
    if stat.S_ISDIR(mode):
        raise _unreadable(path, "this is a folder, but its name ends in .yaml or .yml as a source file's does",
                          "rename the folder (source files are read from it and its subfolders either way)")
    if not stat.S_ISREG(mode):
        raise _unreadable(path, "this is not a regular file (a FIFO, socket or device), so it is not read",
                          "remove it from the sources or replace it with a YAML file")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise
    except OSError as exc:
        raise _unreadable(path, f"this file cannot be read ({exc.strerror})",
                          "give yourself read access to it (chmod u+r), or remove it from the sources") from exc


def read_yaml(path: Path) -> Any:
    """Parse one YAML file, turning syntax errors into a located ``SourceError``."""
    try:
        text = readable_text(path)
    except UnicodeDecodeError as exc:
        raise SourceError([SourceProblem(path, None, None, f"the file is not UTF-8 text ({exc.reason})",
                                         "save the file as UTF-8")]) from exc
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a safe loader's subclass
    except TooManyAliases as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise SourceError([SourceProblem(path, line, None, str(exc.problem),
                                         "write the values out instead of nesting aliases")]) from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise SourceError([SourceProblem(
            path, line, None, f"this is not valid YAML: {exc.problem or exc.context}",
            "check indentation and quoting on this line and the one above it")]) from exc
    except yaml.YAMLError as exc:
        raise SourceError([SourceProblem(path, None, None, f"this is not valid YAML: {exc}",
                                         "check the file's syntax")]) from exc
