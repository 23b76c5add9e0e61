"""Synthetic arrangements shaped like England's public sector, for scale tests and benchmarks.

`generate(scale, seed)` returns the files of one arrangement in the project's own YAML source
format (graph_builder/schema.yaml) plus `planted.json`, the manifest of deliberate mistakes:
check rule id -> the ids of the records that break it. Everything is drawn from one
`random.Random(seed)` in a fixed order, so the same scale and seed give identical bytes.

Shape at scale 1.0 (each count is rounded and at least 1): 330 county, 330 unitary and 330
district councils; 150 health and wellbeing boards; 42 integrated care boards (kind `board`);
200 NHS foundation trusts; 18,000 councillors, each a person, a councillor post, a dated tenure
and a voting seat on their council. Every council also has a chief executive, a leader, a
monitoring officer, a cabinet with dated voting and non-voting seats, two cabinet meetings with
decisions and votes, a democratic process, decision rights, a reserved power, statutory duties,
and approves and signs its care board's partnership agreement under a signing authority. Care
boards have partner groups, commitments, constraints and votes; health and wellbeing boards
have chairs, meetings, votes, a strategy refresh in three phases and follow-up actions.

Every record cites `synthetic-register`, a document that says plainly the data are invented;
duties cite the real Acts they would rest on. The manifest counts are exact: tests run the
check rules and compare.

One concern a module: shape.py (the bodies and their records, drawn in a fixed order), names.py
(invented place and person names), mistakes.py (which records carry a planted mistake, and the
wrong records), files.py (the YAML files and planted.json).
"""
from __future__ import annotations

from .files import FILES, MANIFEST, packed, read_manifest
from .mistakes import PLANTED_RULES
from .shape import SCALE_ONE, Builder, Sizes, arrange

__all__ = ["generate", "read_manifest", "Sizes", "SCALE_ONE", "PLANTED_RULES", "FILES", "MANIFEST"]


def generate(scale: float, seed: int) -> dict[str, bytes]:
    """File name -> bytes of one synthetic arrangement (YAML sources plus planted.json)."""
    builder = Builder(scale, seed)
    arrange(builder)
    manifest = {"generator": "govgraph synth", "scale": scale, "seed": seed, "sizes": vars(builder.sizes),
                "records": {section: len(rows) for section, rows in builder.sections.items()},
                "planted": builder.mistakes.manifest()}
    return packed(builder.sections, builder.dataset(), manifest, scale, seed)
