"""Keeping an arrangement: a starter to begin from, spreadsheets in and out, and what changed between
two versions or two dates. Sits beside checks/ and visuals/: it uses graph_builder/ and below.

Only the defaults a command shows in its --help live here, so that building the command line
imports nothing else.
"""

DEFAULT_BODY = "Example Partnership Board"  # the body a starter arrangement is written for
