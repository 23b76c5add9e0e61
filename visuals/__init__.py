"""Interactive maps of an arrangement: one offline, self-contained HTML file per view.

>>> from govgraph.graph_builder import load_arrangement
>>> from govgraph.visuals import select_view, render, write_map
>>> built = load_arrangement()
>>> write_map(Path("map.html"), render(select_view(built, board_name="Health and Wellbeing Board")))
"""
from __future__ import annotations

from pathlib import Path

from ..common.files import write_atomically
from .page import render
from .views import View, ViewError, select_view

__all__ = ["View", "ViewError", "select_view", "render", "write_map"]


def write_map(path: Path, html: str) -> None:
    """Write the page as UTF-8 in one rename: a reader never sees half a map."""
    write_atomically({path: html.encode("utf-8")})
