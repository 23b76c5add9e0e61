"""How `--help` reads: whole one-line descriptions, three examples, and argument names written the
same way everywhere (NAME, [SOURCES]..., --as-of TEXT), under the Typer versions pyproject.toml allows."""
from __future__ import annotations

import re
from typing import Any

import typer
import typer.core

EXAMPLES = """\b
Examples:
  govgraph init my-board --body "Fenland Health Board"    # a starter arrangement to make your own
  govgraph check my-board                                  # consistency checks, each finding with its source
  govgraph can hce "local authority financial decision" --for ccc   # who may decide, and why

Every command has --help with examples; docs/ and README.md say more."""


def first_sentence(doc: str | None) -> str:
    """The docstring's first sentence, whole (Click would cut it at 45 characters with '...')."""
    paragraph = (doc or "").strip().split("\n\n", 1)[0]
    text = " ".join(paragraph.split())
    match = re.match(r"(.+?[.?!])(\s|$)", text)
    return (match.group(1) if match else text).rstrip(".")


def whole_first_sentences(app: typer.Typer) -> None:
    """Give every command and group without a short help its docstring's first sentence."""
    for command in app.registered_commands:
        if command.short_help is None and command.callback is not None:
            command.short_help = first_sentence(command.help or command.callback.__doc__)
    for group in app.registered_groups:
        instance = group.typer_instance
        if instance is not None:
            if group.short_help is None and instance.info.short_help is None:
                group.short_help = first_sentence(group.help or instance.info.help)  # type: ignore[arg-type]
            whole_first_sentences(instance)


def _argument_usage(self: typer.core.TyperArgument) -> str:
    name = (self.metavar or self.name or "").upper()
    name = name if self.required else f"[{name}]"
    return name + ("..." if self.nargs != 1 else "")


def _argument_name(self: typer.core.TyperArgument) -> str:
    name = (self.metavar or self.name or "").upper()
    return name + ("..." if self.nargs != 1 and self.metavar is None else "")


_TYPE_WORDS = {"str": "TEXT", "int": "INTEGER", "float": "FLOAT", "Path": "PATH", "path": "PATH",
               "file": "PATH", "dir": "PATH", "bool": "BOOLEAN"}


def _option_value(self: typer.core.TyperOption, ctx: Any) -> str:
    """An option's value as Click writes it: its metavar, else a word for its type (TEXT, PATH)."""
    if self.metavar is not None:
        return self.metavar
    label = (self.type.get_metavar(param=self, ctx=ctx) or self.type.name).strip("<>")
    inner = re.fullmatch(r"list\[(.*)\]", label)
    label = inner.group(1) if inner else label
    if "|" in label:
        return f"[{label.strip('[]')}]"
    return _TYPE_WORDS.get(label, label.upper())


def plain_names() -> None:
    """Typer 0.27 and 0.28 (what pyproject.toml allows) print required arguments as {who} and
    types as <str>; write them as Click always has (WHO, [SOURCES]..., --as-of TEXT)."""
    typer.core.TyperArgument.make_metavar = _argument_metavar  # type: ignore[method-assign]
    typer.core.TyperOption.make_metavar = _option_value  # type: ignore[method-assign,assignment]


def _argument_metavar(self: typer.core.TyperArgument, ctx: Any, *, usage: bool = False) -> str:
    return _argument_usage(self) if usage else _argument_name(self)
