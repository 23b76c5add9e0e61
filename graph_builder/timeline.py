"""As-of answers: does a dated or time-bounded record hold on a given day?

Answers are three-valued, because the sources give some dates only vaguely: True (certainly
holds), False (certainly not), None (not known on that day: a bound is vague or missing).
"""
from __future__ import annotations

import datetime as dt

from rdflib import RDFS, Graph, Literal, URIRef
from rdflib.namespace import ORG, TIME
from rdflib.term import Node

from ..ontology import GG
from .store import Facts

Lookup = Graph | Facts  # rdflib's graph, or the facts of a few properties read at once (store.Facts)

PERIOD_PROPERTIES = (GG.validDuring, ORG.memberDuring, GG.coversPeriod)


def _bound(graph: Lookup, node: Node | None, prop: URIRef) -> dt.date | None:
    value = graph.value(node, prop) if node is not None else None
    return value.toPython() if isinstance(value, Literal) else None


def bounds(graph: Lookup, date_node: Node) -> tuple[dt.date | None, dt.date | None]:
    """Earliest and latest day of a date node (None where the sources do not say)."""
    return _bound(graph, date_node, GG.earliest), _bound(graph, date_node, GG.latest)


def _period(graph: Lookup, record: Node) -> Node | None:
    return next((graph.value(record, p) for p in PERIOD_PROPERTIES if graph.value(record, p)), None)


def printed(graph: Lookup, record: Node) -> tuple[str, str]:
    """The start and end of a record's period (or its date, as the start) as the sources print
    them: "2017-01-12", "January 2017", "within 2015" ... never turned into firmer days."""
    period = _period(graph, record)
    if period is None:
        date_node = graph.value(record, GG.date)
        return (str(graph.value(date_node, RDFS.label) or "") if date_node is not None else "", "")
    return tuple(str(graph.value(graph.value(period, prop), RDFS.label) or "")  # type: ignore[return-value]
                 if graph.value(period, prop) is not None else "" for prop in (TIME.hasBeginning, TIME.hasEnd))


Bounds = tuple[dt.date | None, dt.date | None]  # the earliest and latest day a date can fall on


def period_verdict(start: Bounds | None, end: Bounds | None, day: dt.date) -> bool | None:
    """Whether a period with these bounds holds on ``day`` (None: a bound is too vague to say).

    The one rule for every reader of dates: the questions, `explain`, `can`, the map and `diff`."""
    verdict: bool | None = True
    if start is not None:
        first, last = start
        if last is not None and day >= last:
            pass
        elif first is not None and day < first:
            return False
        else:
            verdict = None
    if end is not None:
        first, last = end
        if first is not None and day <= first:
            pass
        elif last is not None and day > last:
            return False
        else:
            verdict = None
    return verdict


def date_verdict(date: Bounds, day: dt.date) -> bool | None:
    """Whether a date with these bounds is on or before ``day`` (None: too vague to say)."""
    first, last = date
    if last is not None and last <= day:
        return True
    if first is not None and first > day:
        return False
    return None


def holds_on(graph: Lookup, record: Node, day: dt.date) -> bool | None:
    """Whether a record with a validity period holds on ``day``; records without one always hold."""
    period = _period(graph, record)
    if period is None:
        return True
    start = graph.value(period, TIME.hasBeginning)
    end = graph.value(period, TIME.hasEnd)
    return period_verdict(bounds(graph, start) if start is not None else None,
                          bounds(graph, end) if end is not None else None, day)


def happened_by(graph: Lookup, record: Node, day: dt.date) -> bool | None:
    """Whether a dated record (signature, approval, meeting, phase) had its date on or before ``day``."""
    date_node = graph.value(record, GG.date)
    if date_node is None:
        return None
    return date_verdict(bounds(graph, date_node), day)
