"""The page itself: self-contained, strict CSP with matching hashes, data only as escaped JSON, deterministic."""
from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

from govgraph.graph_builder import Built
from govgraph.visuals import render, select_view
from govgraph.visuals.page import assets, json_for_script

REPO = Path(__file__).resolve().parents[2]


class _Blocks(HTMLParser):
    """Collects the text of every <script> and <style> element and every tag's attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.blocks: list[tuple[str, dict, str]] = []
        self.attrs: list[tuple[str, dict]] = []
        self._open: tuple[str, dict] | None = None

    def handle_starttag(self, tag, attrs):
        self.attrs.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._open = (tag, dict(attrs))
            self.blocks.append((tag, dict(attrs), ""))

    def handle_data(self, data):
        if self._open:
            tag, attrs, text = self.blocks[-1]
            self.blocks[-1] = (tag, attrs, text + data)

    def handle_endtag(self, tag):
        if self._open and tag == self._open[0]:
            self._open = None


def _parse(html: str) -> _Blocks:
    parser = _Blocks()
    parser.feed(html)
    return parser


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def _csp(html: str) -> dict[str, list[str]]:
    content = next(a["content"] for tag, a in _parse(html).attrs
                   if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    return {d.split()[0]: d.split()[1:] for d in content.split("; ")}


def test_csp_allows_exactly_the_inlined_scripts_and_styles_and_no_connection(small: Built):
    html = render(select_view(small))
    blocks = _parse(html).blocks
    scripts = [text for tag, attrs, text in blocks if tag == "script" and attrs.get("type") != "application/json"]
    styles = [text for tag, _, text in blocks if tag == "style"]
    csp = _csp(html)
    assert len(scripts) == 2 and sorted(csp["script-src"]) == sorted(_sha(s) for s in scripts)
    assert sorted(csp["style-src"]) == sorted(_sha(s) for s in styles)
    assert csp["connect-src"] == ["'none'"] and csp["default-src"] == ["'none'"]
    assert "'unsafe-inline'" not in csp["script-src"] and "'unsafe-eval'" not in csp["script-src"]


def test_page_loads_nothing_from_outside(small: Built):
    html = render(select_view(small))
    for tag, attrs in _parse(html).attrs:
        for name in ("src", "href", "action", "data", "poster"):
            assert name not in attrs, f"<{tag} {name}=...> would load or link something"
    # CSS may only use data: URLs; any other url() would be a request.
    assert not re.search(r"url\((?!\"?data:)", html)
    assert not re.search(r"@import", html)


def test_vis_network_is_inlined_from_pyvis_with_its_licence_header(small: Built):
    html = render(select_view(small))
    vis = assets()["vis_js"].text
    assert vis in html
    assert vis.lstrip().startswith("/**") and "@license" in vis[:2000] and "vis-network" in vis[:200]
    # The library is read from the installed package at run time, never kept in this repository.
    assert not list((REPO / "visuals").rglob("vis-network*"))


def test_data_travels_only_as_escaped_json(payloads: Built):
    html = render(select_view(payloads))
    blocks = _parse(html).blocks
    data_blocks = [text for tag, attrs, text in blocks if attrs.get("type") == "application/json"]
    assert len(data_blocks) == 1
    assert "<" not in data_blocks[0] and ">" not in data_blocks[0]
    data = json.loads(data_blocks[0])
    labels = {n["label"] for n in data["nodes"]}
    assert "<img src=x onerror=\"window.__pwned='label'\">" in labels
    # Outside the data block, data strings appear only in <title> and <h1>, HTML-escaped.
    outside = html.replace(data_blocks[0], "")
    assert "window.__pwned='label'" not in outside
    assert "<script>window.__pwned" not in outside
    assert "Payloads &lt;/title&gt;&lt;script&gt;" in outside


def test_json_for_script_cannot_close_its_block():
    text = json_for_script({"a": "</script><!-- & \u2028"})
    assert "</" not in text and "<!--" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><!-- & \u2028"}


def test_same_sources_give_byte_identical_pages(small: Built, builtin: Built):
    assert render(select_view(small)) == render(select_view(small))
    assert render(select_view(builtin)) == render(select_view(builtin))


def test_page_carries_the_whole_view(small: Built):
    view = select_view(small)
    html = render(view)
    data = json.loads([t for _, a, t in _parse(html).blocks if a.get("type") == "application/json"][0])
    assert data["meta"]["nodeCount"] == view.network.number_of_nodes() == len(data["nodes"])
    assert len(data["edges"]) == view.network.number_of_edges()
    ccg = next(e for e in data["edges"] if e["kind"] == "non-voting-member")
    assert ccg["sources"] == ["charter 2.2(c)", "charter 2.4"]
    assert ccg["via"] == "River CCG sits on the board"
