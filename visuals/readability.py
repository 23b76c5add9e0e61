"""Measuring how readable a drawn map is, in the browser that draws it (tests and benchmarks only).

``MEASURE`` runs in the page after it is still and measures the map as the page first shows it
(not refitted: a reader sees that view), counting over the records and links drawn:

- labels touching or overlapping another record's label (``labelLabel``) or shape (``labelNode``),
  and shapes touching shapes (``nodeNode``). No tolerance: boxes that merely touch count. Shapes are
  measured as vis-network really draws them (its triangles and stars reach past the size it
  reports) with their outline; labels are the boxes vis-network computed for this browser's fonts;
- links crossing the label of a record that is not one of their ends (``edgeLabel``), links
  crossing a record's shape that is not one of their ends (``edgeNode``, not counted again when
  the same link already crosses its label), and links running through their own end's label
  below a shape (``edgeOwnLabel``). Curved links are followed along 48 points;
- the smallest label in screen pixels, and shapes out of proportion to their label;
- labels reaching outside the canvas (``outside``), and the scale ``network.fit`` would give
  (``fittedScale``), to tell whether the first view really is the map fitted to the window.

It is written apart from the page's own geometry (map.js), so that it checks the page rather than
repeating it. Nothing here is put in the page itself.
"""
from __future__ import annotations

from typing import Any

MEASURE = """() => {
  const m = window.govgraphMap, net = m.network;
  const scale = net.getScale(), view = net.getViewPosition();
  const ctx = net.canvas.getContext();
  // how far beyond `size` vis-network really draws these shapes: [half width, above, below], in sizes
  const REACH = {triangle: [1.15, 1.012, 0.98], triangleDown: [1.15, 0.98, 1.012], star: [1.014, 0.984, 0.944]};
  const INSIDE = ['box', 'ellipse', 'circle', 'database', 'text'];
  const ids = m.nodes.getIds({filter: n => !n.hidden});
  const items = ids.map(id => {
    const node = net.body.nodes[id], o = node.options;
    node.updateBoundingBox(ctx, node.selected, node.hover);
    const s = node.shape, lab = node.labelModule.size;
    const half = (o.borderWidth || 0) / 2;
    const inside = INSIDE.includes(o.shape);
    const reach = inside ? [s.width / 2, s.height / 2, s.height / 2] : (REACH[o.shape] || [1, 1, 1]).map(k => k * o.size);
    const shape = {l: node.x - reach[0] - half, r: node.x + reach[0] + half, t: node.y - reach[1] - half, b: node.y + reach[2] + half};
    const label = o.label ? {l: lab.left, t: lab.top, r: lab.left + lab.width, b: lab.top + lab.height} : null;
    const oversized = inside && !!o.label && s.height > 1.5 * (lab.height + 2 * o.margin.top);
    return {id, label, shape, inside, font: o.font.size, text: o.label, oversized};
  });
  const byId = new Map(items.map(i => [i.id, i]));
  // boxes that touch count: no tolerance
  const hit = (a, b) => !!a && !!b && Math.min(a.r, b.r) >= Math.max(a.l, b.l) && Math.min(a.b, b.b) >= Math.max(a.t, b.t);
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
  // a segment meets a box (Liang-Barsky clipping)
  const meets = (p, q, box) => {
    let t0 = 0, t1 = 1;
    const dx = q.x - p.x, dy = q.y - p.y;
    const sides = [[-dx, p.x - box.l], [dx, box.r - p.x], [-dy, p.y - box.t], [dy, box.b - p.y]];
    for (const [pp, qq] of sides) {
      if (pp === 0) { if (qq < 0) { return false; } continue; }
      const t = qq / pp;
      if (pp < 0) { if (t > t1) { return false; } if (t > t0) { t0 = t; } }
      else { if (t < t0) { return false; } if (t < t1) { t1 = t; } }
    }
    return true;
  };
  const inBox = (p, box) => p.x >= box.l && p.x <= box.r && p.y >= box.t && p.y <= box.b;
  let edgeLabel = 0, edgeOwnLabel = 0, edgeNode = 0;
  const edgeExamples = [];
  const drawn = m.edges.getIds({filter: e => !e.hidden});
  drawn.forEach(id => {
    const edge = net.body.edges[id];
    if (!edge || !byId.has(edge.fromId) || !byId.has(edge.toId)) { return; }
    const curved = edge.options.smooth && edge.options.smooth.enabled;
    const steps = curved ? 48 : 1;
    const points = [];
    for (let k = 0; k <= steps; k++) { points.push(edge.edgeType.getPoint(k / steps)); }
    const crosses = box => points.some((p, k) => k > 0 && meets(points[k - 1], p, box));
    // the visible part: outside the shapes it joins
    const from = byId.get(edge.fromId), to = byId.get(edge.toId);
    const visible = points.filter(p => !inBox(p, from.shape) && !inBox(p, to.shape));
    items.forEach(item => {
      const end = item.id === edge.fromId || item.id === edge.toId;
      if (!end) {
        if (item.label && crosses(item.label)) {
          edgeLabel++;
          edgeExamples.push([m.nodes.get(edge.fromId).label, m.nodes.get(edge.toId).label, item.text]);
        }
        else if (crosses(item.shape)) { edgeNode++; }
      } else if (item.label && !item.inside && !curved && visible.length === 0 && crosses(item.label)) {
        edgeOwnLabel++;
      } else if (item.label && !item.inside && curved && visible.some(p => inBox(p, item.label))) {
        edgeOwnLabel++;
      }
    });
  });
  const canvas = net.canvas.frame.canvas;
  const outside = items.filter(i => i.label).filter(i => {
    const tl = net.canvasToDOM({x: i.label.l, y: i.label.t}), br = net.canvasToDOM({x: i.label.r, y: i.label.b});
    return tl.x < 0 || tl.y < 0 || br.x > canvas.clientWidth || br.y > canvas.clientHeight;
  }).map(i => i.text);
  net.fit({animation: false});
  const fittedScale = net.getScale();
  net.moveTo({position: view, scale, animation: false});
  const fonts = items.filter(i => i.text).map(i => i.font * scale);
  const edgeLabels = m.edges.get({filter: e => !e.hidden && e.label}).length;
  return {nodes: items.length, edges: drawn.length, oversized: items.filter(i => i.oversized).map(i => i.text),
          labelLabel, labelNode, nodeNode, edgeLabel, edgeOwnLabel, edgeNode,
          minLabelPx: fonts.length ? Math.min(...fonts) : null, scale, fittedScale, outside, edgeLabels,
          examples: examples.slice(0, 10), edgeExamples: edgeExamples.slice(0, 10)};
}"""


def measure(page: Any) -> dict[str, Any]:
    """Readability figures of the map open in a Playwright ``page`` (see MEASURE)."""
    return page.evaluate(MEASURE)
