"""How a synthetic arrangement is written: sections packed into YAML files, and the manifest of
planted mistakes (``planted.json``)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

# Records per YAML file at most: keeps each file a few MB even at 5M triples.
CHUNK = 20000
MANIFEST = "planted.json"
# The file each section goes to (a section is split further when it has more than CHUNK records).
FILES = {
    "documents": "documents", "matters": "matters", "organisations": "organisations",
    "people": "people", "posts": "posts", "tenures": "tenures", "memberships": "memberships",
    "processes": "processes", "phases": "processes", "decision-rights": "duties-and-rights",
    "duties": "duties-and-rights", "constraints": "commitments", "commitments": "commitments",
    "meetings": "meetings-and-decisions", "decisions": "meetings-and-decisions", "votes": "votes",
    "actions": "meetings-and-decisions", "approvals": "sign-off", "signing-authorities": "sign-off",
    "signatures": "sign-off", "conditions": "delegations", "delegations": "delegations",
}


def _dump(data: dict[str, Any], header: str) -> bytes:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    body = yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100000,
                     default_flow_style=None)
    return (header + body).encode("utf-8")


def packed(sections: dict[str, list[dict[str, Any]]], dataset: dict[str, Any], manifest: dict[str, Any],
           scale: float, seed: int) -> dict[str, bytes]:
    """Sections packed into files by FILES, at most CHUNK records a file; then the manifest."""
    header = (f"# Synthetic arrangement made by `govgraph synth --scale {scale:g} --seed {seed}`: invented data\n"
              "# shaped like England's public sector (see docs/benchmarks.md). Do not edit; regenerate.\n")
    files = {"dataset.yaml": _dump({"dataset": dataset}, header)}
    for name in dict.fromkeys(FILES.values()):
        pieces: list[list[tuple[str, list[dict[str, Any]]]]] = [[]]
        room = CHUNK
        for section in (sec for sec, f in FILES.items() if f == name):
            rows = sections[section]
            while rows:
                if room == 0:
                    pieces.append([])
                    room = CHUNK
                pieces[-1].append((section, rows[:room]))
                rows, room = rows[room:], room - len(rows[:room])
        pieces = [p for p in pieces if p]
        for i, piece in enumerate(pieces, 1):
            file = f"{name}.yaml" if len(pieces) == 1 else f"{name}-{i:03d}.yaml"
            files[file] = _dump(dict(piece), header)
    files[MANIFEST] = (json.dumps(manifest, indent=1, sort_keys=True) + "\n").encode("utf-8")
    return files


def read_manifest(folder: Path) -> dict[str, Any]:
    """The planted.json of a generated folder."""
    loaded: dict[str, Any] = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    return loaded
