// Behaviour of a govgraph map page: draw, search, details, focus, link toggles, PNG, table.
// Every string from the data reaches the page through textContent or an attribute value,
// never as HTML, so names and descriptions cannot add markup or script.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("map-data").textContent);
  var byId = new Map(data.nodes.map(function (n) { return [n.id, n]; }));
  var kindOn = {};
  data.legend.links.forEach(function (l) { kindOn[l.kind] = true; });
  var focusId = null;
  var SVG = "http://www.w3.org/2000/svg";

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
  var api = { network: network, nodes: nodes, edges: edges, data: data, firstDrawMs: null, stableMs: null };
  window.govgraphMap = api;

  network.once("afterDrawing", function () {
    api.firstDrawMs = performance.now();
    if (!data.meta.physics) { api.stableMs = api.firstDrawMs; }
    document.body.setAttribute("data-drawn", "true");
  });
  if (data.meta.physics) {
    // The seeded layout settles once; then physics stops so nothing drifts while reading.
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      api.stableMs = performance.now();
      document.body.setAttribute("data-stable", "true");
    });
  } else {
    document.body.setAttribute("data-stable", "true");
  }

  function labelOf(id) { var n = byId.get(id); return n ? n.label : ""; }

  function sourcesText(list) { return list && list.length ? list.join("; ") : "no source given"; }

  function whenText(e) {
    var parts = [];
    if (e.start || e.end) { parts.push((e.start ? "from " + e.start : "") + (e.end ? (e.start ? " " : "") + "until " + e.end : "")); }
    if (e.status && e.status !== "completed") { parts.push("status: " + e.status.replace(/-/g, " ")); }
    if (e.inForce === "unknown") { parts.push("not known whether in force on the chosen date"); }
    return parts.join("; ");
  }

  function linkSentence(e, here) {
    // "X is a voting member of Y", told from the clicked record's side.
    var li = el("li");
    var fromIsHere = e.from === here;
    var other = fromIsHere ? e.to : e.from;
    var go = el("button", labelOf(other), "linklike");
    go.type = "button";
    go.addEventListener("click", function () { select(other); });
    if (fromIsHere) {
      li.appendChild(document.createTextNode(labelOf(here) + " " + e.linkText + " "));
      li.appendChild(go);
    } else {
      li.appendChild(go);
      li.appendChild(document.createTextNode(" " + e.linkText + " " + labelOf(here)));
    }
    var source = "Stated in: " + (e.via || "?") + " (" + sourcesText(e.sources) + ")";
    var when = whenText(e);
    li.appendChild(el("span", when ? source + "; " + when : source, "source"));
    return li;
  }

  function showDetails(id) {
    var n = byId.get(id);
    var box = document.getElementById("details");
    box.replaceChildren(el("h2", n.label));
    box.appendChild(el("p", n.kindLabel, "kind"));
    if (n.record) { box.appendChild(el("p", "id: " + n.record, "record-id")); }
    if (n.description) { box.appendChild(el("p", n.description, "description")); }
    if (n.aliases && n.aliases.length) { box.appendChild(el("p", "Also called: " + n.aliases.join(", "))); }
    box.appendChild(el("p", "Source: " + sourcesText(n.sources), "node-sources"));
    var only = el("button", focusId === id ? "Show everything" : "Show only its connections");
    only.type = "button";
    only.id = "only-connections";
    only.addEventListener("click", function () { setFocus(focusId === id ? null : id); showDetails(id); });
    box.appendChild(only);
    var links = data.edges.filter(function (e) { return e.from === id || e.to === id; });
    box.appendChild(el("h3", links.length + (links.length === 1 ? " link" : " links")));
    var list = el("ul", null, "links");
    links.forEach(function (e) { list.appendChild(linkSentence(e, id)); });
    box.appendChild(list);
  }

  function applyVisibility() {
    var near = null;
    if (focusId !== null) {
      near = new Set([focusId]);
      data.edges.forEach(function (e) {
        if (kindOn[e.kind] && (e.from === focusId || e.to === focusId)) { near.add(e.from); near.add(e.to); }
      });
    }
    edges.update(data.edges.map(function (e) {
      var shown = kindOn[e.kind] && (near === null || e.from === focusId || e.to === focusId);
      return { id: e.id, hidden: !shown };
    }));
    nodes.update(data.nodes.map(function (n) { return { id: n.id, hidden: near !== null && !near.has(n.id) }; }));
    document.getElementById("show-all").hidden = focusId === null;
  }

  function setFocus(id) {
    focusId = id;
    applyVisibility();
    network.fit({ animation: false });
    if (id !== null) { network.selectNodes([id]); }
  }

  function select(id) {
    if (focusId !== null && id !== focusId) { setFocus(null); }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 0.9), animation: false });
    showDetails(id);
  }

  function find(query) {
    var q = query.trim().toLowerCase();
    var result = document.getElementById("search-result");
    result.replaceChildren();
    if (!q) { return; }
    var names = function (n) { return [n.label, n.record].concat(n.aliases || []).map(function (s) { return String(s).toLowerCase(); }); };
    var exact = data.nodes.filter(function (n) { return names(n).indexOf(q) >= 0; });
    var hits = exact.length ? exact : data.nodes.filter(function (n) {
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
        b.addEventListener("click", function () { select(n.id); });
        result.appendChild(b);
      });
    }
  }

  function nodeSwatch(row) {
    var s = svg("svg", { width: 26, height: 18, "aria-hidden": "true", "class": "swatch" });
    var paint = { fill: row.colour, stroke: row.border, "stroke-width": 1.5 };
    var shapes = {
      box: ["rect", { x: 2, y: 3, width: 22, height: 12, rx: 3 }],
      square: ["rect", { x: 6, y: 2, width: 14, height: 14 }],
      ellipse: ["ellipse", { cx: 13, cy: 9, rx: 11, ry: 6 }],
      dot: ["circle", { cx: 13, cy: 9, r: 6 }],
      diamond: ["polygon", { points: "13,1 21,9 13,17 5,9" }],
      triangle: ["polygon", { points: "13,1 22,17 4,17" }],
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
      li.appendChild(el("span", "(" + row.count + ")", "count"));
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
      label.appendChild(el("span", "A " + row.legend + " B (\u201c" + row.label + "\u201d)"));
      label.appendChild(el("span", "(" + row.count + ")", "count"));
      box.appendChild(label);
    });
  }

  function buildTable() {
    var body = document.getElementById("links-body");
    var rows = document.createDocumentFragment();
    data.edges.forEach(function (e) {
      var tr = el("tr");
      [labelOf(e.from), e.linkText, labelOf(e.to), e.via, sourcesText(e.sources), whenText(e)].forEach(function (text) {
        tr.appendChild(el("td", text));
      });
      rows.appendChild(tr);
    });
    body.appendChild(rows);
  }

  function buildNames() {
    var list = document.getElementById("names");
    var seen = new Set();
    data.nodes.forEach(function (n) {
      if (seen.has(n.label)) { return; }
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
  if (data.meta.centre !== null) {
    network.once("afterDrawing", function () { network.selectNodes([data.meta.centre]); showDetails(data.meta.centre); });
  }
}());
