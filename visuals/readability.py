"""Measuring how readable a drawn map is, in the browser that draws it (tests and benchmarks only).

``MEASURE`` runs in the page after it is still: it fits the map to the window, then counts, over
the records drawn, labels overlapping another record's label or shape, shapes overlapping shapes,
and the smallest label in screen pixels. Shapes and labels are the boxes vis-network computed for
this browser's fonts. Nothing here is put in the page itself.
"""
from __future__ import annotations

from typing import Any

MEASURE = """() => {
  const m = window.govgraphMap, net = m.network;
  net.fit({animation: false});
  const scale = net.getScale();
  const ids = m.nodes.getIds({filter: n => !n.hidden});
  const ctx = net.canvas.getContext();
  const items = ids.map(id => {
    const node = net.body.nodes[id];
    node.updateBoundingBox(ctx, node.selected, node.hover);
    const s = node.shape, lab = node.labelModule.size;
    const inside = ['box', 'ellipse', 'circle', 'database'].includes(node.options.shape);
    const shape = inside ? {l: s.boundingBox.left, t: s.boundingBox.top, r: s.boundingBox.right, b: s.boundingBox.bottom}
                         : {l: node.x - s.width / 2, t: node.y - s.height / 2, r: node.x + s.width / 2, b: node.y + s.height / 2};
    const label = node.options.label ? {l: lab.left, t: lab.top, r: lab.left + lab.width, b: lab.top + lab.height} : null;
    // a shape much bigger than the box its label needs (vis-network draws circles and databases as
    // tall as wide, and ellipses twice as tall as their label)
    const oversized = inside && node.options.label && s.height > 1.5 * (lab.height + 2 * node.options.margin.top);
    return {id, label, shape, font: node.options.font.size, text: node.options.label, oversized};
  });
  const hit = (a, b) => a && b && Math.min(a.r, b.r) - Math.max(a.l, b.l) > 0.5 && Math.min(a.b, b.b) - Math.max(a.t, b.t) > 0.5;
  let labelLabel = 0, labelNode = 0, nodeNode = 0;
  const examples = [];
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i], b = items[j];
      if (hit(a.label, b.label)) { labelLabel++; examples.push([a.text, b.text, 'labels']); }
      if (hit(a.label, b.shape) || hit(b.label, a.shape)) { labelNode++; examples.push([a.text, b.text, 'label on shape']); }
      if (hit(a.shape, b.shape)) { nodeNode++; examples.push([a.text, b.text, 'shapes']); }
    }
  }
  const fonts = items.filter(i => i.text).map(i => i.font * scale);
  const edgeLabels = m.edges.get({filter: e => !e.hidden && e.label}).length;
  const oversized = items.filter(i => i.oversized).map(i => i.text);
  return {nodes: items.length, oversized, labelLabel, labelNode, nodeNode, minLabelPx: fonts.length ? Math.min(...fonts) : null,
          scale, edgeLabels, examples: examples.slice(0, 10)};
}"""


def measure(page: Any) -> dict[str, Any]:
    """Readability figures of the map open in a Playwright ``page`` (see MEASURE)."""
    return page.evaluate(MEASURE)
