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

  function boxesOf(ids) {
    // Real boxes (shape and label together) as the browser measured them on this machine's fonts.
    return ids.map(function (id) {
      var node = network.body.nodes[id];
      var ctx = network.canvas.getContext();
      node.updateBoundingBox(ctx, node.selected, node.hover);
      var b = node.shape.boundingBox;
      return { id: id, x: node.x, y: node.y, l: node.x - b.left, r: b.right - node.x, t: node.y - b.top, b: b.bottom - node.y };
    });
  }

  function separate() {
    // Push apart any two boxes closer than GAP, along the axis where they overlap least; repeat
    // until none do. Deterministic: pairs in id order, ties broken by id. First every shown record
    // is drawn once in view, so that vis-network has measured each label with the fonts in use.
    network.fit({ animation: false });
    network.redraw();
    var ids = nodes.getIds({ filter: function (n) { return !n.hidden; } });
    var boxes = boxesOf(ids);
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
    boxes.forEach(function (p) { network.moveNode(p.id, p.x, p.y); });
  }

  function settle() {
    if (data.meta.separate) { separate(); }
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
    if (data.meta.separate) { separate(); }
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
