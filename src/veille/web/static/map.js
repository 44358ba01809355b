// Events on an offline map: country outlines from the vendored world atlas, our own grid clustering.
"use strict";
(function () {
  var colours = JSON.parse(document.getElementById("colours").textContent);
  var box = document.getElementById("map");
  var map = L.map(box, {worldCopyJump: true, minZoom: 1}).setView([30, 10], 2);
  var events = [];
  var layer = L.layerGroup().addTo(map);
  var MAX_PAGES = 20;

  fetch("/static/vendor/world-atlas/countries-110m.json").then(function (r) { return r.json(); })
    .then(function (atlas) {
      var land = topojson.feature(atlas, atlas.objects.countries);
      land.features = land.features.filter(function (f) { return f.id !== "010"; });  // Antarctica
      land.features.forEach(function (f) { unwrap(f.geometry); });
      L.geoJSON(land, {style: {color: "#888", weight: 1, fillColor: "#f4f1ea", fillOpacity: 1}})
        .addTo(map).bringToBack();
    });

  // Rings crossing the antimeridian (Russia, Fiji) jump by 360 degrees: continue them past 180 instead.
  function unwrapRing(ring) {
    for (var i = 1; i < ring.length; i++) {
      var d = ring[i][0] - ring[i - 1][0];
      if (d > 180) ring[i][0] -= 360; else if (d < -180) ring[i][0] += 360;
    }
  }
  function unwrap(g) {
    if (!g) return;
    var polys = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
    polys.forEach(function (p) { p.forEach(unwrapRing); });
  }

  function apiUrl(cursor) {
    var params = new URLSearchParams(location.search);
    params.set("limit", "1000");
    if (cursor) params.set("cursor", cursor);
    return "/api/events?" + params.toString();
  }

  function load(cursor, n) {
    return fetch(apiUrl(cursor)).then(function (r) { return r.json(); }).then(function (page) {
      if (page.error) throw new Error(page.error.message);
      page.items.forEach(function (e) { if (e.place && e.place.lat !== null) events.push(e); });
      if (page.next_cursor && n < MAX_PAGES) return load(page.next_cursor, n + 1);
    });
  }

  function link(e) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.className = "event-link";
    a.href = "/documents/" + e.document_id + "#span-event-" + e.id;
    a.textContent = e.type + " · " + (e.place.name || "") + " · " + (e.date || e.published || "undated");
    li.appendChild(a);
    var t = document.createElement("div");
    t.textContent = e.document_title || "";
    li.appendChild(t);
    return li;
  }

  function popup(group) {
    var div = document.createElement("div");
    var ul = document.createElement("ul");
    group.slice(0, 10).forEach(function (e) { ul.appendChild(link(e)); });
    div.appendChild(ul);
    if (group.length > 10) {
      var more = document.createElement("p");
      more.textContent = (group.length - 10) + " more: zoom in.";
      div.appendChild(more);
    }
    return div;
  }

  function dominant(group) {
    var n = {}, best = null;
    group.forEach(function (e) { n[e.type] = (n[e.type] || 0) + 1; if (!best || n[e.type] > n[best]) best = e.type; });
    return best;
  }

  function draw() {
    layer.clearLayers();
    var cells = {}, size = 48;
    events.forEach(function (e) {
      var p = map.project([e.place.lat, e.place.lon]);
      var key = Math.floor(p.x / size) + ":" + Math.floor(p.y / size);
      (cells[key] = cells[key] || []).push(e);
    });
    Object.keys(cells).forEach(function (key) {
      var group = cells[key], lat = 0, lon = 0;
      group.forEach(function (e) { lat += e.place.lat; lon += e.place.lon; });
      var d = Math.min(44, 18 + 4 * Math.log2(group.length));
      var icon = L.divIcon({className: "", iconSize: [d, d],
        html: '<div class="cluster" style="width:' + d + 'px;height:' + d + 'px;background:' +
              (colours[dominant(group)] || "#999") + '">' + group.length + "</div>"});
      L.marker([lat / group.length, lon / group.length], {icon: icon}).bindPopup(popup(group)).addTo(layer);
    });
    document.getElementById("map-count").textContent = events.length + " events with a place";
  }

  load(null, 0).then(function () {
    draw();
    box.dataset.status = "ready";
    map.on("zoomend", draw);
  }).catch(function (err) {
    document.getElementById("map-count").textContent = "Error: " + err.message;
    box.dataset.status = "error";
  });
})();
