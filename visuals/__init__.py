"""Interactive maps of an arrangement: one offline, self-contained HTML file per view.

>>> from govgraph.graph_builder import load_arrangement
>>> from govgraph.visuals import select_view, render, write_map
>>> built = load_arrangement()
>>> write_map(Path("map.html"), render(select_view(built, board_name="Health and Wellbeing Board")))

The views and the page (networkx, Jinja2) are imported when first used (PEP 562), so that the
command line can show FOCUS_DEPTH in its help without them.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..common.files import write_atomically
from .options import FOCUS_DEPTH

if TYPE_CHECKING:
    from .page import render
    from .views import View, ViewError, select_view

__all__ = ["View", "ViewError", "select_view", "render", "write_map", "FOCUS_DEPTH"]

_LATER = {"render": "page", "View": "views", "ViewError": "views", "select_view": "views"}


def __getattr__(name: str) -> Any:
    if name not in _LATER:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{_LATER[name]}"), name)
    globals()[name] = value
    return value


def write_map(path: Path, html: str) -> None:
    """Write the page as UTF-8 in one rename: a reader never sees half a map."""
    write_atomically({path: html.encode("utf-8")})
