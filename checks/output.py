"""The report as text (for people), JSON (for scripts) or SARIF 2.1.0 (for code-scanning viewers)."""
from __future__ import annotations

import json
from dataclasses import asdict
from importlib.metadata import version
from pathlib import Path, PurePosixPath
from typing import Any

from .catalogue import RuleInfo, catalogue
from .findings import Finding, LayerRun, Report

FORMATS = ("text", "json", "sarif")
SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFO_URI = "https://w3id.org/govgraph"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 or word == 'info' else 's'}"


def _text_finding(f: Finding) -> str:
    where = f"{f.file}:{f.line}" if f.file and f.line else f.file or "<arrangement>"
    lines = [f"{where}: {f.severity}[{f.rule}] {f.message}"]
    if f.entities:
        lines.append("  entities: " + "; ".join(f"{e.label} <{e.iri}>" if e.iri else e.label for e in f.entities))
    if f.sources:
        lines.append("  sources: " + "; ".join(f.sources))
    if f.fix:
        lines.append(f"  fix: {f.fix}")
    return "\n".join(lines)


def summary(report: Report) -> str:
    counts = report.counts()
    total = sum(counts.values())
    head = (f"Found {_plural(total, 'finding')} ({', '.join(_plural(n, s) for s, n in counts.items())})."
            if total else "No findings.")
    ran = [r.layer for r in report.layers if r.ran]
    notes = [f"{r.layer} NOT RUN ({r.note})" for r in report.not_run()]
    return " ".join([head, f"Layers run: {', '.join(ran) or 'none'}."] + [f"{n}." for n in notes])


def to_text(report: Report, quiet: bool = False) -> str:
    blocks = [_text_finding(f) for f in report.findings]
    if not quiet:
        blocks.append(summary(report))
    return "\n\n".join(blocks) + ("\n" if blocks else "")


def to_json(report: Report) -> str:
    data = {"tool": "govgraph check", "version": version("govgraph"), "counts": report.counts(),
            "layers": [asdict(r) for r in report.layers], "findings": [f.as_dict() for f in report.findings]}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def from_json(text: str) -> Report:
    """Read back what to_json wrote (so other tools and tests can rely on the format)."""
    data = json.loads(text)
    return Report([Finding.from_dict(f) for f in data["findings"]], [LayerRun(**r) for r in data["layers"]])


def _uri(file: str) -> str:
    path = Path(file)
    return path.as_uri() if path.is_absolute() else str(PurePosixPath(*path.parts))


def _sarif_rule(rule: RuleInfo) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": rule.id, "shortDescription": {"text": rule.title},
                             "defaultConfiguration": {"level": SARIF_LEVEL[rule.severity]},
                             "properties": {"layer": rule.layer, "severity": rule.severity}}
    if rule.fix:
        entry["help"] = {"text": rule.fix}
    return entry


def _sarif_result(f: Finding, index: dict[str, int]) -> dict[str, Any]:
    location: dict[str, Any] = {}
    if f.file:
        physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(f.file)}}
        if f.line:
            physical["region"] = {"startLine": f.line}
        location["physicalLocation"] = physical
    if f.entities:
        location["logicalLocations"] = [{"name": e.label, "fullyQualifiedName": e.iri or e.label, "kind": "object"}
                                        for e in f.entities]
    text = f"{f.message} Fix: {f.fix}" if f.fix else f.message
    result: dict[str, Any] = {"ruleId": f.rule, "ruleIndex": index[f.rule], "level": SARIF_LEVEL[f.severity],
                              "message": {"text": text},
                              "properties": {"severity": f.severity, "layer": f.layer, "fix": f.fix,
                                             "sources": list(f.sources),
                                             "entities": [asdict(e) for e in f.entities]}}
    if location:
        result["locations"] = [location]
    return result


def to_sarif(report: Report) -> str:
    rules = list(catalogue())
    index = {r.id: i for i, r in enumerate(rules)}
    notices = [{"level": "warning", "message": {"text": f"The {r.layer} layer did not run: {r.note}"},
                "descriptor": {"id": f"layer-not-run/{r.layer}"}} for r in report.not_run()]
    invocation = {"executionSuccessful": not report.could_not_run(), "toolExecutionNotifications": notices}
    run = {"tool": {"driver": {"name": "govgraph check", "version": version("govgraph"), "informationUri": INFO_URI,
                               "rules": [_sarif_rule(r) for r in rules]}},
           "invocations": [invocation],
           "results": [_sarif_result(f, index) for f in report.findings]}
    return json.dumps({"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}, indent=2, ensure_ascii=False) + "\n"


def render(report: Report, fmt: str, quiet: bool = False) -> str:
    return {"text": lambda: to_text(report, quiet), "json": lambda: to_json(report),
            "sarif": lambda: to_sarif(report)}[fmt]()
