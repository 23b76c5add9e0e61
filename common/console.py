"""Where output goes: data to standard output, messages to standard error (like ruff and shellcheck)."""
from __future__ import annotations

import re
import sys

import typer

# Characters that move the cursor, rewrite a line, switch colours or reverse the text's direction
# when printed: C0 and C1 controls (ESC, CR, LF, BS ...), DEL, line and paragraph separators,
# and the bidirectional overrides and isolates (U+202E makes "sey" read as "yes").
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\x1b"}


def escaped(text: str) -> str:
    """``text`` for a terminal or a text file: every character that could forge or hide output
    written as a visible escape (\\x1b, \\r, \\n, \\u202e ...), backslashes left as they are.
    Data-borne text goes through this in table, text and Markdown output; JSON and CSV stay exact."""
    return _UNPRINTABLE.sub(lambda m: _NAMED.get(m.group(0)) or (f"\\x{ord(m.group(0)):02x}" if ord(m.group(0)) < 0x100
                                                                 else f"\\u{ord(m.group(0)):04x}"), text)


def log(message: str, *, quiet: bool = False) -> None:
    """Logs go to stderr so that stdout carries only data."""
    if not quiet:
        typer.echo(message, err=True)


def write_text(text: str) -> None:
    """Rendered data to standard output exactly: typer.echo would strip escape sequences when the
    output is not a terminal, and JSON and CSV must keep the data as it is (text formats are
    already escaped, see ``escaped``)."""
    write_stdout(text.encode("utf-8"))


def write_stdout(data: bytes) -> None:
    """Data, as bytes, to standard output."""
    sys.stdout.buffer.write(data)
    sys.stdout.flush()
