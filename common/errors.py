"""The root of every exception govgraph raises for bad input or a step that could not run.

Each layer defines its own exceptions (a source problem, an unknown name, a refused query ...)
and derives them from ``GovgraphError`` as well as from the built-in class that fits
(``ValueError``, ``LookupError``, ``RuntimeError``), so a caller of the Python API can catch
them all with one ``except govgraph.GovgraphError``; the command line turns each into a message
and an exit code.
"""
from __future__ import annotations


class GovgraphError(Exception):
    """Bad input to govgraph, or a step it could not run; the message says what and how to fix it."""
