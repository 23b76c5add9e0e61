"""A fix for one rdflib bug that the question library would otherwise trip over.

rdflib (7.x) raises NotBoundError from an aggregate with DISTINCT, such as
``GROUP_CONCAT(DISTINCT ?label)``, when ``?label`` comes from an OPTIONAL pattern that did not
match. SPARQL 1.1 (section 18.5) says such rows are simply left out of the aggregate, which is
what this patch does; without it, standard queries would fail only on rdflib.
"""
from __future__ import annotations

from rdflib.plugins.sparql import aggregates
from rdflib.plugins.sparql.sparql import NotBoundError

_original_use_row = aggregates.Accumulator.use_row


def _use_row_skipping_unbound(self: aggregates.Accumulator, row: object) -> bool:
    try:
        return _original_use_row(self, row)  # type: ignore[arg-type]
    except NotBoundError:
        return False


def install() -> None:
    """Idempotent: patch the DISTINCT test of rdflib's aggregates once."""
    aggregates.Accumulator.use_row = _use_row_skipping_unbound  # type: ignore[method-assign]
