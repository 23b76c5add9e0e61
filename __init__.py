"""govgraph: governance arrangements as a checked, queryable knowledge graph.

>>> import govgraph
>>> cp = govgraph.load()                                  # the built-in arrangement
>>> cp.ask("members-of-body", body="HCE").render()        # a named question
>>> cp.can("HCE", "local authority financial decision", for_="CCC").answer
'no'

The walk-through is docs/python.md; the API itself is in api.py.

Importing govgraph is cheap: the API is imported from api.py when one of its names is first used
(PEP 562), so a command that needs only part of it (``govgraph --version``, a question on the
stored graph) does not pay for the rest (rdflib's SPARQL parser, networkx, the map's templates).
"""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

try:
    __version__ = version("govgraph")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0+unknown"

__all__ = [
    "__version__", "load", "connect", "questions", "check", "serialize_ontology",
    "Arrangement", "Rows", "Question", "Verdict", "Profile", "Report", "Finding", "View",
    "GovgraphError", "BadOption", "UnknownQuestion", "NotLocal", "SourceError", "UnknownName",
    "ParameterError", "Refused", "BadQuery", "QueryTimeout", "QueryFailed", "ViewError", "OutputInUse",
    "EXPORT_FORMATS", "ONTOLOGY_FORMATS", "TABLE_FORMATS",
    "source_schema", "init", "import_members", "diff", "diff_dates", "diff_revisions", "Diff", "ImportPlan",
    "DEFAULT_BODY", "NotEmpty", "NoArrangement", "SpreadsheetUnreadable", "TableError", "RevisionError",
]

if TYPE_CHECKING:  # what the names are, for type checkers and editors (the import itself is deferred)
    from .api import (
        DEFAULT_BODY,
        EXPORT_FORMATS,
        ONTOLOGY_FORMATS,
        TABLE_FORMATS,
        Arrangement,
        BadOption,
        BadQuery,
        Diff,
        Finding,
        GovgraphError,
        ImportPlan,
        NoArrangement,
        NotEmpty,
        NotLocal,
        OutputInUse,
        ParameterError,
        Profile,
        QueryFailed,
        QueryTimeout,
        Question,
        Refused,
        Report,
        RevisionError,
        Rows,
        SourceError,
        SpreadsheetUnreadable,
        TableError,
        UnknownName,
        UnknownQuestion,
        Verdict,
        View,
        ViewError,
        check,
        connect,
        diff,
        diff_dates,
        diff_revisions,
        import_members,
        init,
        load,
        questions,
        serialize_ontology,
        source_schema,
    )


def __getattr__(name: str) -> Any:
    """A name of the public API, imported from api.py when first asked for (then kept here)."""
    # pytest imports the checkout's root as a test package under its folder's name ("tmp.x1y2" in a
    # mktemp clone), where relative imports cannot resolve; the API is offered only as govgraph.
    if name in __all__ and __name__ == "govgraph":
        from . import api
        value = getattr(api, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
