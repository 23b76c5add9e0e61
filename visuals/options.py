"""Defaults of the maps that the command line shows in its help (kept apart from the views, which import networkx)."""

FOCUS_DEPTH = 1  # how many links out a focus view shows unless asked: the CLI, the API and serve all use it
