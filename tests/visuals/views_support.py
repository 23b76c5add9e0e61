"""The map views of the built-in arrangement that the browser tests measure, one per kind of view."""
import datetime as dt

BUILTIN_VIEWS = {
    "whole": {},
    "focus": {"focus_name": "South Cambridgeshire District Council"},
    "board": {"board_name": "Cambridgeshire Health and Wellbeing Board"},
    "where-i-sit": {"sit_name": "Voluntary and Community Sector representative"},
    "as-of": {"day": dt.date(2017, 1, 12)},
}
