// Behaviour of a govgraph map page: draw, search, details, focus, groups, link toggles, PNG, table.
// Every string from the data reaches the page through textContent or an attribute value,
// never as HTML, so names and descriptions cannot add markup or script.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("map-data").textContent);
  var byId = new Map(data.nodes.map(function (n) { return [n.id, n]; }));
  var kindOn = {};
  data.legend.links.forEach(function (l) { kindOn[l.kind] = true; });
  var expanded = {};  // group node id -> true when its records are shown one by one
  var focusId = null;
  var SVG = "http://www.w3.org/2000/svg";
  var GAP = 14;  // pixels kept free between any two records' boxes (shape and label)

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (className) { node.className = className; }
    return node;
  }

  function svg(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    return node;
  }

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("map");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  // Times are milliseconds since the page was opened (for the benchmark and the tests).
  var api = { network: network, nodes: nodes, edges: edges, data: data, firstDrawMs: null, stableMs: null,
              expand: setExpanded, select: select };
  window.govgraphMap = api;

  // How far beyond `size` vis-network draws these shapes: [half width, above, below], in sizes
  // (its triangle and star reach past the square of side 2 * size it reports).
  var REACH = { triangle: [1.15, 1.012, 0.98], triangleDown: [1.15, 0.98, 1.012], star: [1.014, 0.984, 0.944] };
  var INSIDE = { box: true, ellipse: true, circle: true, database: true, text: true };
  var UNTANGLE_LIMIT = 100;  // records drawn, above which the page does not look for better places
  var STEPS = [16, 32, 64, 128, 200, 300];  // how far a record is tried away from where it is, in 8 directions
  var DRIFT = 400;  // no record ends further than this from where the layout put it
  var ROUNDS = 10;
  var SQUEEZES = [0.97, 0.94, 0.91, 0.88, 0.85, 0.82, 0.79, 0.76];  // tried along the map's longer side
  var WORTH = 1.04;  // a squeeze must draw the map at least this much larger, or it is not worth the links it moves

  function boxesOf(ids) {
    // Each record's shape and label as the browser draws them with this machine's fonts, relative to
    // the record's centre: `shape` the shape with its outline, `label` the text, l/r/t/b the union.
    var ctx = network.canvas.getContext();
    return ids.map(function (id) {
      var node = network.body.nodes[id], o = node.options;
      node.updateBoundingBox(ctx, node.selected, node.hover);
      var s = node.shape, lab = node.labelModule.size, half = (o.borderWidth || 0) / 2;
      var reach = INSIDE[o.shape] ? [s.width / 2, s.height / 2, s.height / 2]
        : (REACH[o.shape] || [1, 1, 1]).map(function (k) { return k * o.size; });
      var shape = { l: reach[0] + half, r: reach[0] + half, t: reach[1] + half, b: reach[2] + half };
      var label = o.label ? { l: node.x - lab.left, r: lab.left + lab.width - node.x, t: node.y - lab.top,
                              b: lab.top + lab.height - node.y } : null;
      var all = label ? { l: Math.max(shape.l, label.l), r: Math.max(shape.r, label.r), t: Math.max(shape.t, label.t),
                          b: Math.max(shape.b, label.b) } : shape;
      return { id: id, x: node.x, y: node.y, l: all.l, r: all.r, t: all.t, b: all.b, shape: shape, label: label,
               inside: !!INSIDE[o.shape] };
    });
  }

  function clash(a, b) {
    return Math.min(a.x + a.r, b.x + b.r) - Math.max(a.x - a.l, b.x - b.l) + GAP > 0 &&
           Math.min(a.y + a.b, b.y + b.b) - Math.max(a.y - a.t, b.y - b.t) + GAP > 0;
  }

  function separate(boxes) {
    // Push apart any two boxes closer than GAP, along the axis where they overlap least; repeat
    // until none do. Deterministic: pairs in id order, ties broken by id.
    for (var round = 0; round < 400; round++) {
      var moved = false;
      for (var i = 0; i < boxes.length; i++) {
        for (var j = i + 1; j < boxes.length; j++) {
          var a = boxes[i], b = boxes[j];
          var ox = Math.min(a.x + a.r, b.x + b.r) - Math.max(a.x - a.l, b.x - b.l) + GAP;
          var oy = Math.min(a.y + a.b, b.y + b.b) - Math.max(a.y - a.t, b.y - b.t) + GAP;
          if (ox <= 0 || oy <= 0) { continue; }
          moved = true;
          if (ox <= oy) {
            var sx = b.x > a.x || (b.x === a.x && b.id > a.id) ? 1 : -1;
            a.x -= sx * ox / 2; b.x += sx * ox / 2;
          } else {
            var sy = b.y > a.y || (b.y === a.y && b.id > a.id) ? 1 : -1;
            a.y -= sy * oy / 2; b.y += sy * oy / 2;
          }
        }
      }
      if (!moved) { break; }
    }
  }

  function touching(boxes) {
    // Do any two boxes stand closer than half of GAP? (separate leaves them GAP apart, give or take rounding)
    for (var i = 0; i < boxes.length; i++) {
      for (var j = i + 1; j < boxes.length; j++) {
        var a = boxes[i], b = boxes[j];
        if (Math.min(a.x + a.r, b.x + b.r) - Math.max(a.x - a.l, b.x - b.l) + GAP / 2 > 0 &&
            Math.min(a.y + a.b, b.y + b.b) - Math.max(a.y - a.t, b.y - b.t) + GAP / 2 > 0) { return true; }
      }
    }
    return false;
  }

  function extent(boxes) {
    return { w: Math.max.apply(null, boxes.map(function (p) { return p.x + p.r; })) -
                Math.min.apply(null, boxes.map(function (p) { return p.x - p.l; })),
             h: Math.max.apply(null, boxes.map(function (p) { return p.y + p.b; })) -
                Math.min.apply(null, boxes.map(function (p) { return p.y - p.t; })) };
  }

  function fittedScale(boxes) {
    // The scale network.fit gives these boxes: the window over their extent, a tenth kept spare
    // (as vis-network does), never above 1.
    var canvas = network.canvas.frame.canvas, size = extent(boxes);
    return Math.min(1, canvas.clientWidth / (1.1 * size.w), canvas.clientHeight / (1.1 * size.h));
  }

  function fitToWindow(boxes) {
    // A map wider than the window's shape is fitted by its width, leaving height spare, and its
    // labels are drawn smaller than they need be (and the other way round). Draw the records
    // closer together along the longer side, move apart again any that then touch, and keep the
    // squeeze that lets the map be drawn largest (if that is WORTH it). Deterministic for a given window.
    var best = fittedScale(boxes) * WORTH;
    if (best >= 1) { return; }
    var canvas = network.canvas.frame.canvas, size = extent(boxes);
    var wide = size.w * canvas.clientHeight > size.h * canvas.clientWidth;
    var xs = boxes.map(function (p) { return p.x; }), ys = boxes.map(function (p) { return p.y; });
    var kept = null;
    SQUEEZES.forEach(function (k) {
      boxes.forEach(function (p, i) { p.x = wide ? xs[i] * k : xs[i]; p.y = wide ? ys[i] : ys[i] * k; });
      separate(boxes);
      if (touching(boxes)) { return; }
      var scale = fittedScale(boxes);
      if (scale > best) { best = scale; kept = boxes.map(function (p) { return [p.x, p.y]; }); }
    });
    boxes.forEach(function (p, i) { p.x = kept ? kept[i][0] : xs[i]; p.y = kept ? kept[i][1] : ys[i]; });
  }

  function meets(px, py, qx, qy, l, t, r, b) {
    // Does the segment p-q meet the box? (Liang-Barsky clipping)
    var t0 = 0, t1 = 1, dx = qx - px, dy = qy - py;
    var sides = [[-dx, px - l], [dx, r - px], [-dy, py - t], [dy, b - py]];
    for (var k = 0; k < 4; k++) {
      var p = sides[k][0], q = sides[k][1];
      if (p === 0) { if (q < 0) { return false; } continue; }
      var at = q / p;
      if (p < 0) { if (at > t1) { return false; } if (at > t0) { t0 = at; } } else { if (at < t0) { return false; } if (at < t1) { t1 = at; } }
    }
    return true;
  }

  function crossings(links, box, only) {
    // How many of `links` (pairs of boxes) pass through the label or shape of `box`, other than
    // their own ends' shapes; `only`, if given, limits it to the links of that box.
    var n = 0;
    links.forEach(function (link) {
      var a = link[0], b = link[1];
      if (only && a !== only && b !== only) { return; }
      var end = a === box || b === box;
      if (box.label && meets(a.x, a.y, b.x, b.y, box.x - box.label.l, box.y - box.label.t, box.x + box.label.r, box.y + box.label.b)) {
        if (!end || !box.inside) { n++; return; }
      }
      if (!end && meets(a.x, a.y, b.x, b.y, box.x - box.shape.l, box.y - box.shape.t, box.x + box.shape.r, box.y + box.shape.b)) { n++; }
    });
    return n;
  }

  function costOf(box, boxes, links) {
    // crossings that depend on where `box` is: links through it, and its own links through others
    var n = crossings(links, box, null);
    boxes.forEach(function (other) { if (other !== box) { n += crossings(links, other, box); } });
    return n;
  }

  function untangle(boxes) {
    // Try each record a little way off in 8 directions; keep the place where the fewest links cross
    // labels or shapes, if it touches no other box and leaves each post beside its organisation. Deterministic: records in id order, the first
    // best place wins. Straight lines stand in for the few curved (parallel) links.
    var at = new Map(boxes.map(function (p) { return [p.id, p]; }));
    var links = [];
    edges.get({ filter: function (e) { return !e.hidden; } }).forEach(function (e) {
      if (at.has(e.from) && at.has(e.to) && e.from !== e.to) { links.push([at.get(e.from), at.get(e.to)]); }
    });
    var home = new Map(boxes.map(function (p) { return [p.id, [p.x, p.y]]; }));
    // stay inside the map's present extent, so that fitting it to the window does not shrink labels
    var frame = { l: Math.min.apply(null, boxes.map(function (p) { return p.x - p.l; })),
                  r: Math.max.apply(null, boxes.map(function (p) { return p.x + p.r; })),
                  t: Math.min.apply(null, boxes.map(function (p) { return p.y - p.t; })),
                  b: Math.max.apply(null, boxes.map(function (p) { return p.y + p.b; })) };
    var inFrame = function (p) { return p.x - p.l >= frame.l && p.x + p.r <= frame.r && p.y - p.t >= frame.t && p.y + p.b <= frame.b; };
    // posts and people that stand nearer the organisation they belong to than any other stay so
    var orgs = boxes.filter(function (p) { return byId.get(p.id).section === "organisations"; });
    var nearest = function (p) {
      var best = null, dist = Infinity;
      orgs.forEach(function (o) { var d = Math.hypot(o.x - p.x, o.y - p.y); if (o !== p && d < dist) { dist = d; best = o; } });
      return best ? best.id : null;
    };
    var beside = boxes.filter(function (p) { var b = byId.get(p.id).beside; return b !== undefined && nearest(p) === b; });
    var besideKept = function (box) {
      var isOrg = byId.get(box.id).section === "organisations";
      return beside.every(function (p) { return (p !== box && !isOrg) || nearest(p) === byId.get(p.id).beside; });
    };
    var free = function (box) {
      return inFrame(box) && !boxes.some(function (o) { return o !== box && clash(box, o); }) && besideKept(box);
    };
    for (var round = 0; round < ROUNDS; round++) {
      var better = false;
      boxes.forEach(function (box) {
        var start = [box.x, box.y], best = costOf(box, boxes, links), place = null;
        if (best === 0) { return; }
        STEPS.forEach(function (step) {
          for (var k = 0; k < 8; k++) {
            var x = start[0] + step * Math.cos(k * Math.PI / 4), y = start[1] + step * Math.sin(k * Math.PI / 4);
            var h = home.get(box.id);
            if (Math.hypot(x - h[0], y - h[1]) > DRIFT) { continue; }
            box.x = x; box.y = y;
            if (free(box)) {
              var c = costOf(box, boxes, links);
              if (c < best) { best = c; place = [x, y]; }
            }
          }
        });
        box.x = place ? place[0] : start[0];
        box.y = place ? place[1] : start[1];
        if (place) { better = true; }
      });
      if (!better) { break; }
    }
  }

  function arrange() {
    // First every shown record is drawn once in view, so that vis-network has measured each label
    // with the fonts in use; then boxes are moved apart, and (small maps) placed where fewer links
    // cross their labels.
    network.fit({ animation: false });
    network.redraw();
    var ids = nodes.getIds({ filter: function (n) { return !n.hidden; } });
    var boxes = boxesOf(ids);
    separate(boxes);
    if (boxes.length <= UNTANGLE_LIMIT) { fitToWindow(boxes); }
    if (data.meta.untangle && boxes.length <= UNTANGLE_LIMIT) { untangle(boxes); }
    boxes.forEach(function (p) { network.moveNode(p.id, p.x, p.y); });
  }

  function settle() {
    if (data.meta.separate) {
      arrange();
      // vis-network fits the boxes of the last drawing; draw the moved records once so it fits those
      network.redraw();
    }
    network.fit({ animation: false });
  }

  network.once("afterDrawing", function () {
    api.firstDrawMs = performance.now();
    settle();
    api.stableMs = performance.now();
    document.body.setAttribute("data-drawn", "true");
    document.body.setAttribute("data-stable", "true");
    if (data.meta.centre !== null) { select(data.meta.centre, { keepView: true }); }
  });

  function labelOf(id) { var n = byId.get(id); return n ? n.label : ""; }

  function sourcesText(list) { return list && list.length ? list.join("; ") : "no source given"; }

  function whenText(e) {
    var parts = [];
    if (e.start || e.end) { parts.push((e.start ? "from " + e.start : "") + (e.end ? (e.start ? " " : "") + "until " + e.end : "")); }
    if (e.status && e.status !== "completed") { parts.push("status: " + e.status.replace(/-/g, " ")); }
    if (e.inForce === "unknown") { parts.push("not known whether in force on the chosen date"); }
    return parts.join("; ");
  }

  function recordButton(id) {
    var go = el("button", labelOf(id), "linklike");
    go.type = "button";
    go.addEventListener("click", function () { select(id); });
    return go;
  }

  function linkSentence(e, here) {
    // "X is a voting member of Y", told from the selected record's side; "X represents itself".
    var li = el("li");
    if (e.selfLink) {
      li.appendChild(document.createTextNode(labelOf(here) + " " + e.linkText + " itself"));
    } else if (e.from === here) {
      li.appendChild(document.createTextNode(labelOf(here) + " " + e.linkText + " "));
      li.appendChild(recordButton(e.to));
    } else {
      li.appendChild(recordButton(e.from));
      li.appendChild(document.createTextNode(" " + e.linkText + " " + labelOf(here)));
    }
    if (e.aggregate) {
      li.appendChild(el("span", e.count + (e.count === 1 ? " record" : " records") + " of this group; each with its source when listed one by one", "source"));
      return li;
    }
    var source = "Stated in: " + (e.via || "?") + " (" + sourcesText(e.sources) + ")";
    var when = whenText(e);
    li.appendChild(el("span", when ? source + "; " + when : source, "source"));
    if (e.note) { li.appendChild(el("span", e.note, "source link-note")); }  // conditions, seats, terms of reference
    return li;
  }

  function panelSections(id) {
    // The record's links under the panel headings of the style table, in its order.
    var links = data.edges.filter(function (e) {
      if (e.from !== id && e.to !== id) { return false; }
      var n = byId.get(id);
      return n.members ? e.aggregate : !e.aggregate;
    });
    var sections = [];
    data.panel.forEach(function (group) {
      [["start", function (e) { return e.from === id; }], ["end", function (e) { return e.to === id && e.from !== id; }]].forEach(function (side) {
        var rows = links.filter(function (e) { return group.kinds.indexOf(e.kind) >= 0 && side[1](e); });
        rows.sort(function (a, b) { return group.kinds.indexOf(a.kind) - group.kinds.indexOf(b.kind) || a.id - b.id; });
        if (rows.length) { sections.push({ heading: group[side[0]], rows: rows }); }
      });
    });
    return { sections: sections, count: links.length };
  }

  function showDetails(id) {
    var n = byId.get(id);
    var box = document.getElementById("details");
    var heading = el("h2", n.label);
    heading.tabIndex = -1;
    box.replaceChildren(heading);
    box.appendChild(el("p", n.kindLabel, "kind"));
    if (n.record) { box.appendChild(el("p", "id: " + n.record, "record-id")); }
    if (n.description) { box.appendChild(el("p", n.description, "description")); }
    if (n.aliases && n.aliases.length) { box.appendChild(el("p", "Also called: " + n.aliases.join(", "))); }
    if (!n.members) { box.appendChild(el("p", "Source: " + sourcesText(n.sources), "node-sources")); }
    var buttons = el("div", null, "panel-actions");
    var only = el("button", focusId === id ? "Show everything" : "Show only its connections");
    only.type = "button";
    only.id = "only-connections";
    only.addEventListener("click", function () { setFocus(focusId === id ? null : id); showDetails(id); });
    buttons.appendChild(only);
    if (n.members) {
      var toggle = el("button", expanded[id] ? "Collapse the group" : "Show each on the map");
      toggle.type = "button";
      toggle.id = "expand-group";
      toggle.setAttribute("aria-expanded", expanded[id] ? "true" : "false");
      toggle.addEventListener("click", function () { setExpanded(id, !expanded[id]); showDetails(id); });
      buttons.appendChild(toggle);
    }
    box.appendChild(buttons);
    if (n.members) {
      box.appendChild(el("h3", n.members.length + " records in this group"));
      var members = el("ul", null, "members");
      n.members.forEach(function (m) { var li = el("li"); li.appendChild(recordButton(m)); members.appendChild(li); });
      box.appendChild(members);
    }
    var found = panelSections(id);
    box.appendChild(el("h3", found.count + (found.count === 1 ? " link" : " links"), "link-count"));
    found.sections.forEach(function (section) {
      box.appendChild(el("h4", section.heading));
      var list = el("ul", null, "links");
      section.rows.forEach(function (e) { list.appendChild(linkSentence(e, id)); });
      box.appendChild(list);
    });
    return heading;
  }

  function shownByGroups(n) {
    if (n.groupId !== undefined) { return !!expanded[n.groupId]; }
    if (n.members) { return !expanded[n.id]; }
    return true;
  }

  function applyVisibility() {
    var base = new Set(data.nodes.filter(shownByGroups).map(function (n) { return n.id; }));
    var drawable = function (e) { return !e.selfLink && kindOn[e.kind] && base.has(e.from) && base.has(e.to); };
    var near = null;
    if (focusId !== null) {
      near = new Set([focusId]);
      data.edges.forEach(function (e) {
        if (drawable(e) && (e.from === focusId || e.to === focusId)) { near.add(e.from); near.add(e.to); }
      });
    }
    edges.update(data.edges.map(function (e) {
      var shown = drawable(e) && (near === null || e.from === focusId || e.to === focusId);
      return { id: e.id, hidden: !shown };
    }));
    nodes.update(data.nodes.map(function (n) { return { id: n.id, hidden: !base.has(n.id) || (near !== null && !near.has(n.id)) }; }));
    document.getElementById("show-all").hidden = focusId === null;
  }

  function setExpanded(groupId, open) {
    expanded[groupId] = open;
    applyVisibility();
    if (data.meta.separate) { arrange(); }
    network.fit({ animation: false });
  }

  function setFocus(id) {
    focusId = id;
    applyVisibility();
    network.fit({ animation: false });
    if (id !== null) { network.selectNodes([id]); }
  }

  function select(id, how) {
    var n = byId.get(id);
    if (n.groupId !== undefined && !expanded[n.groupId]) { setExpanded(n.groupId, true); }
    if (focusId !== null && id !== focusId) { setFocus(null); }
    network.selectNodes([id]);
    if (!(how && how.keepView)) { network.focus(id, { scale: Math.max(network.getScale(), 0.9), animation: false }); }
    var heading = showDetails(id);
    if (how && how.moveFocus) { heading.focus(); }
  }

  function find(query) {
    var q = query.trim().toLowerCase();
    var result = document.getElementById("search-result");
    result.replaceChildren();
    if (!q) { return; }
    var records = data.nodes.filter(function (n) { return !n.members; });
    var names = function (n) { return [n.label, n.record].concat(n.aliases || []).map(function (s) { return String(s).toLowerCase(); }); };
    var exact = records.filter(function (n) { return names(n).indexOf(q) >= 0; });
    var hits = exact.length ? exact : records.filter(function (n) {
      return names(n).some(function (s) { return s.indexOf(q) >= 0; });
    });
    if (hits.length === 1) {
      select(hits[0].id);
      result.textContent = "Found " + hits[0].label + ".";
    } else if (!hits.length) {
      result.textContent = "Nothing on this map is called \u201c" + query.trim() + "\u201d.";
    } else {
      result.appendChild(document.createTextNode(hits.length + " matches: "));
      hits.slice(0, 20).forEach(function (n) {
        var b = el("button", n.label);
        b.type = "button";
        b.addEventListener("click", function () { select(n.id, { moveFocus: true }); });
        result.appendChild(b);
      });
    }
  }

  function nodeSwatch(row) {
    var s = svg("svg", { width: 26, height: 18, "aria-hidden": "true", "class": "swatch" });
    var paint = { fill: row.colour, stroke: row.border, "stroke-width": Math.min(row.borderWidth || 1.5, 3),
                  "stroke-dasharray": row.dashes && row.dashes.length ? row.dashes.map(function (d) { return d / 2; }).join(" ") : "none" };
    var shapes = {
      box: ["rect", { x: 2, y: 3, width: 22, height: 12, rx: row.radius ? 5 : 0 }],
      square: ["rect", { x: 6, y: 2, width: 14, height: 14 }],
      ellipse: ["ellipse", { cx: 13, cy: 9, rx: 11, ry: 6 }],
      circle: ["circle", { cx: 13, cy: 9, r: 7 }],
      dot: ["circle", { cx: 13, cy: 9, r: 6 }],
      diamond: ["polygon", { points: "13,1 21,9 13,17 5,9" }],
      triangle: ["polygon", { points: "13,1 22,17 4,17" }],
      triangleDown: ["polygon", { points: "4,1 22,1 13,17" }],
      hexagon: ["polygon", { points: "8,2 18,2 23,9 18,16 8,16 3,9" }],
      star: ["polygon", { points: "13,1 15.5,6.5 21.5,7 17,11 18.5,17 13,14 7.5,17 9,11 4.5,7 10.5,6.5" }]
    };
    var shape = shapes[row.shape] || shapes.square;
    s.appendChild(svg(shape[0], Object.assign({}, shape[1], paint)));
    return s;
  }

  function linkSwatch(row) {
    var s = svg("svg", { width: 44, height: 12, "aria-hidden": "true", "class": "swatch" });
    s.appendChild(svg("line", { x1: 1, y1: 6, x2: 36, y2: 6, stroke: row.colour, "stroke-width": row.width,
      "stroke-dasharray": row.dashes.length ? row.dashes.join(" ") : "none" }));
    s.appendChild(svg("polygon", { points: "35,2 43,6 35,10", fill: row.colour }));
    return s;
  }

  function buildLegend() {
    var list = document.getElementById("legend-nodes");
    data.legend.nodes.forEach(function (row) {
      var li = el("li");
      li.appendChild(nodeSwatch(row));
      li.appendChild(el("span", row.legend));
      li.title = row.count + (row.count === 1 ? " record" : " records") + " on this map";
      list.appendChild(li);
    });
    var box = document.getElementById("legend-links");
    data.legend.links.forEach(function (row) {
      var label = el("label");
      var tick = el("input");
      tick.type = "checkbox";
      tick.checked = true;
      tick.value = row.kind;
      tick.setAttribute("data-kind", row.kind);
      tick.addEventListener("change", function () { kindOn[row.kind] = tick.checked; applyVisibility(); });
      label.appendChild(tick);
      label.appendChild(linkSwatch(row));
      label.appendChild(el("span", row.label));
      label.title = "A " + row.legend + " B (" + row.count + (row.count === 1 ? " link)" : " links)");
      box.appendChild(label);
    });
  }

  function buildTable() {
    var body = document.getElementById("links-body");
    var rows = document.createDocumentFragment();
    data.edges.forEach(function (e) {
      if (e.aggregate) { return; }
      var tr = el("tr");
      var from = el("td"), to = el("td");
      from.appendChild(tableButton(e.from));
      if (e.selfLink) { to.textContent = "itself"; } else { to.appendChild(tableButton(e.to)); }
      tr.appendChild(from);
      tr.appendChild(el("td", e.linkText));
      tr.appendChild(to);
      [e.via, sourcesText(e.sources), whenText(e)].forEach(function (text) { tr.appendChild(el("td", text)); });
      rows.appendChild(tr);
    });
    body.appendChild(rows);
    // one listener for the whole table (thousands of rows on large maps)
    body.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-node]");
      if (!button) { return; }
      select(Number(button.getAttribute("data-node")), { moveFocus: true });
      document.getElementById("details").scrollIntoView({ block: "nearest" });
    });
  }

  function tableButton(id) {
    var go = el("button", labelOf(id), "linklike");
    go.type = "button";
    go.setAttribute("data-node", String(id));
    return go;
  }

  function buildNames() {
    var list = document.getElementById("names");
    var seen = new Set();
    data.nodes.forEach(function (n) {
      if (n.members || seen.has(n.label)) { return; }
      seen.add(n.label);
      var option = el("option");
      option.value = n.label;
      list.appendChild(option);
    });
  }

  function savePng() {
    var source = container.querySelector("canvas");
    var out = document.createElement("canvas");
    out.width = source.width;
    out.height = source.height;
    var ctx = out.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(source, 0, 0);
    var a = document.createElement("a");
    a.download = (data.meta.title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "map") + ".png";
    a.href = out.toDataURL("image/png");
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  network.on("click", function (params) {
    if (params.nodes.length) { showDetails(params.nodes[0]); }
  });
  document.getElementById("search").addEventListener("submit", function (event) {
    event.preventDefault();
    find(document.getElementById("search-box").value);
  });
  document.getElementById("show-all").addEventListener("click", function () { setFocus(null); });
  document.getElementById("fit").addEventListener("click", function () { network.fit({ animation: false }); });
  document.getElementById("save-png").addEventListener("click", savePng);

  buildLegend();
  buildTable();
  buildNames();
}());
