"""Where output goes: data to standard output, messages to standard error (like ruff and shellcheck)."""
from __future__ import annotations

import sys

import typer


def log(message: str, *, quiet: bool = False) -> None:
    """Logs go to stderr so that stdout carries only data."""
    if not quiet:
        typer.echo(message, err=True)


def write_stdout(data: bytes) -> None:
    """Data, as bytes, to standard output."""
    sys.stdout.buffer.write(data)
    sys.stdout.flush()
