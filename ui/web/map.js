// Cavalier map module: Leaflet layers driven from Python through the QWebChannel bridge.
// Python calls Cavalier.setRoute(...), Cavalier.setMarkers(...), ...; the map reports clicks,
// drags and deletions back through `bridge` (a QObject registered as "bridge").
"use strict";
var bridge = null;
var Cavalier = (function () {
  var map = null;
  var layers = {};
  var routeLayer = null;
  var markerLayer = null;
  var highlightLayer = null;
  var candidateLayer = null;
  var candidateLines = [];  // one {line, casing, badge} per proposed course, in rank order
  var selectedCandidate = -1;
  var tiles = null;
  var baseKey = null;
  var labelLayer = null;
  var hidden = {};
  var failedTiles = 0;
  var pathsByView = false;  // large network: Python sends the paths of the view
  // Zoom from which a layer is drawn: the dense path web only once zoomed in (fluid at low zoom).
  var MIN_ZOOM = {paths: 13};
  var LABEL_ZOOM = {communes: 11, terrils: 12};
  var BASES = {
    plan_ign: {url: "https://data.geopf.fr/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0" +
               "&LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2&STYLE=normal&FORMAT=image/png" +
               "&TILEMATRIXSET=PM&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}",
               maxZoom: 19, attribution: "Plan IGN &copy; IGN – Géoplateforme"},
    ortho_ign: {url: "https://data.geopf.fr/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0" +
                "&LAYER=ORTHOIMAGERY.ORTHOPHOTOS&STYLE=normal&FORMAT=image/jpeg" +
                "&TILEMATRIXSET=PM&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}",
                maxZoom: 19, attribution: "Photographies aériennes &copy; IGN – Géoplateforme"},
    osm: {url: "https://tile.openstreetmap.org/{z}/{x}/{y}.png", maxZoom: 19,
          attribution: "&copy; contributeurs OpenStreetMap (ODbL)"},
  };
  var STYLES = {
    communes: {color: "#8d8d8d", weight: 1, fillColor: "#ffffff", fillOpacity: 0.25,
               dashArray: "4 4"},
    water: {color: "#4f8fc0", weight: 1, fillColor: "#a9cfe8", fillOpacity: 0.8},
    natural: {color: "#7cb342", weight: 0.5, fillColor: "#c5e1a5", fillOpacity: 0.6},
    paths: {color: "#b0a48c", weight: 1.5},
    track: {color: "#00897b", weight: 2.5},
    hiking: {color: "#c0392b", weight: 2, dashArray: "6 4"},
    veloroute: {color: "#2e7d32", weight: 3},
    cavaliers: {color: "#6d4c41", weight: 3},
    terrils: {color: "#212121", weight: 1, fillColor: "#424242", fillOpacity: 0.45},
    // Straight connectors and access spurs nobody surveyed: dashed, never drawn as a path.
    unsurveyed: {color: "#e65100", weight: 2.5, dashArray: "6 6"},
  };
  // Old railway line with no OSM way along it: real line, practicability unknown.
  var UNKNOWN_STYLE = {color: "#8e24aa", weight: 3, dashArray: "1 6", lineCap: "round"};
  var ROUTE_STYLE = {color: "#1565c0", weight: 5, opacity: 0.85, className: "cavalier-route"};
  // Over the route where it runs on unsurveyed edges: white gaps make the blue line dashed.
  var ROUTE_UNSURVEYED_STYLE = {color: "#ffffff", weight: 3, opacity: 1, dashArray: "8 8"};
  // An imported GPX track, shown as recorded (not a course): cyan (no network layer uses it),
  // dashed; once matched, its parts on the network solid, its parts off the network in the
  // "unsurveyed" style.
  var IMPORTED_STYLE = {color: "#00b8d4", weight: 4, opacity: 0.95, dashArray: "10 6"};
  var IMPORTED_MATCHED_STYLE = {color: "#00b8d4", weight: 5, opacity: 0.8};
  var importedLayer = null;
  var importedLegend = null;
  var notice = null;
  var noticeTimer = null;
  var LEGEND = [
    ["route", "Parcours"],
    ["route-unsurveyed", "Parcours sur un tronçon non relevé"],
    ["unsurveyed", "Non relevé (ligne droite, à vérifier)"],
    ["unknown", "Ancien tracé, praticabilité inconnue"],
  ];
  var KIND_COLORS = {
    via: "#1565c0", ravitaillement: "#ef6c00", epreuve: "#6a1b9a", pointage: "#00838f",
    secours: "#d32f2f", signaleur: "#f9a825",
  };

  function tell(method) {
    var args = Array.prototype.slice.call(arguments, 1);
    if (bridge && bridge[method]) { bridge[method].apply(bridge, args); }
  }

  function pointLayer(key, feature, latlng) {
    var p = feature.properties || {};
    if (key === "poles") {
      return L.circleMarker(latlng, {radius: 7, color: "#1b5e20", weight: 2,
                                     fillColor: "#66bb6a", fillOpacity: 0.9});
    }
    if (key === "communes") {
      return L.circleMarker(latlng, {radius: 2.5, color: "#616161", weight: 1, fillOpacity: 0.8});
    }
    if (key === "ruptures") {
      return L.circleMarker(latlng, {radius: 4, color: "#b71c1c", weight: 1,
                                     fillColor: "#ff5252", fillOpacity: 0.9});
    }
    return L.circleMarker(latlng, {radius: 5, color: "#000", weight: 1,
                                   fillColor: "#616161", fillOpacity: 0.9});
  }

  function makeLayer(key, data) {
    return L.geoJSON(data, {
      style: function (f) {
        if (f && f.properties && f.properties.practicability === "unknown") {
          return UNKNOWN_STYLE;
        }
        // Paths surveyed by a recce track stand out from the other paths.
        if (f && f.properties && f.properties.source === "track") { return STYLES.track; }
        return STYLES[key] || {color: "#555", weight: 1};
      },
      pointToLayer: function (f, ll) { return pointLayer(key, f, ll); },
      onEachFeature: function (f, layer) {
        var p = f.properties || {};
        if (p.name) { layer.bindTooltip(String(p.name), {sticky: true}); }
        if (p.key && (key === "terrils" || key === "poles")) {
          layer.on("click", function (e) {
            L.DomEvent.stopPropagation(e);
            tell("placeClicked", p.key);
          });
        }
      },
    });
  }

  function addLegend() {
    var legend = L.control({position: "bottomright"});
    legend.onAdd = function () {
      var div = L.DomUtil.create("div", "cavalier-legend");
      div.innerHTML = LEGEND.map(function (item) {
        return '<div><span class="swatch ' + item[0] + '"></span>' + item[1] + "</div>";
      }).join("");
      return div;
    };
    legend.addTo(map);
  }

  function labelFor(key, feature) {
    var p = feature.properties || {};
    if (key === "terrils") {
      if (p.footprint && feature.geometry.type !== "Point") { return null; }
      return p.key ? String(p.key) : null;
    }
    if (key === "communes") { return p.name ? String(p.name) : null; }
    return null;
  }

  function labelPoint(feature) {
    var g = feature.geometry;
    if (g.type === "Point") { return [g.coordinates[1], g.coordinates[0]]; }
    var c = L.geoJSON(feature).getBounds().getCenter();
    return [c.lat, c.lng];
  }

  function buildLabels(data) {
    if (labelLayer) { map.removeLayer(labelLayer); }
    labelLayer = {communes: L.layerGroup(), terrils: L.layerGroup()};
    Object.keys(labelLayer).forEach(function (key) {
      var seen = {};
      ((data[key] || {}).features || []).forEach(function (f) {
        var text = labelFor(key, f);
        if (!text || seen[text]) { return; }
        seen[text] = true;
        L.marker(labelPoint(f), {interactive: false, keyboard: false,
                                 icon: L.divIcon({className: "cavalier-label cavalier-label-" + key,
                                                  html: "<span>" + text + "</span>",
                                                  iconSize: null})})
          .addTo(labelLayer[key]);
      });
    });
    applyZoomRules();
  }

  // Layers and labels that depend on the zoom (and on what the user hid).
  function applyZoomRules() {
    var zoom = map.getZoom();
    Object.keys(layers).forEach(function (key) {
      var want = !hidden[key] && zoom >= (MIN_ZOOM[key] || 0);
      if (want && !map.hasLayer(layers[key])) { layers[key].addTo(map); }
      if (!want && map.hasLayer(layers[key])) { map.removeLayer(layers[key]); }
    });
    if (labelLayer) {
      // Labels stay on the map and are shown by a class on its container: adding and removing
      // hundreds of DOM markers at each zoom step cost about 30 ms a frame.
      var classes = map.getContainer().classList;
      Object.keys(labelLayer).forEach(function (key) {
        if (!map.hasLayer(labelLayer[key])) { labelLayer[key].addTo(map); }
        classes.toggle("cavalier-show-" + key, !hidden[key] && zoom >= LABEL_ZOOM[key]);
      });
    }
    if (routeLayer) { routeLayer.bringToFront(); }
    candidateLines.forEach(function (c) { c.casing.bringToFront(); c.line.bringToFront(); });
  }

  function init(leafletMap) {
    map = leafletMap;
    map.doubleClickZoom.disable();
    addLegend();
    L.control.scale({metric: true, imperial: false, maxWidth: 150}).addTo(map);
    map.on("zoomend", applyZoomRules);
    map.on("moveend", askViewPaths);
    map.on("movestart", function () { failedTiles = 0; });  // say it again for a new view
    markerLayer = L.layerGroup().addTo(map);
    highlightLayer = L.layerGroup().addTo(map);
    map.on("click", function (e) {
      if (swallowClick) { swallowClick = false; return; }  // the end of a drag of the route
      tell("mapClicked", e.latlng.lat, e.latlng.lng);
    });
    new QWebChannel(qt.webChannelTransport, function (channel) {
      bridge = channel.objects.bridge;
      tell("mapReady");
    });
  }

  function askViewPaths() {
    if (!pathsByView || map.getZoom() < MIN_ZOOM.paths) { return; }
    var b = map.getBounds().pad(0.25);
    tell("viewChanged", b.getSouth(), b.getWest(), b.getNorth(), b.getEast(), map.getZoom());
  }

  function setPaths(data) {
    if (layers.paths) { map.removeLayer(layers.paths); }
    layers.paths = makeLayer("paths", data);
    applyZoomRules();
    if (layers.paths && map.hasLayer(layers.paths)) { layers.paths.bringToBack(); }
    if (layers.communes && map.hasLayer(layers.communes)) { layers.communes.bringToBack(); }
  }

  function setLayers(data, order, byView) {
    pathsByView = !!byView;
    order.forEach(function (key) {
      if (layers[key]) { map.removeLayer(layers[key]); }
      if (!data[key]) { delete layers[key]; return; }
      layers[key] = makeLayer(key, data[key]);
    });
    // Add in drawing order (bottom first), then apply the zoom rules.
    order.forEach(function (key) {
      if (layers[key] && !hidden[key] && map.getZoom() >= (MIN_ZOOM[key] || 0)) {
        layers[key].addTo(map);
      }
    });
    buildLabels(data);
    askViewPaths();
  }

  function setLayerVisible(key, visible) {
    hidden[key] = !visible;
    if (layers[key] || (labelLayer && labelLayer[key])) { applyZoomRules(); }
  }

  // A stage with legs: each leg in its discipline's colour over a white casing (the course),
  // épreuves and transitions as rings around their site, and a legend of the disciplines present.
  var legLegend = null;
  var LEG_CASING_STYLE = {color: "#ffffff", weight: 9, opacity: 0.9, className: "cavalier-route"};

  function legStyle(p) {
    return {color: p.color, weight: p.selected ? 8 : 5, opacity: p.selected ? 1 : 0.9,
            className: "cavalier-route"};
  }

  // An épreuve or a transition: a ring around its site, where a route point's marker (22 px)
  // stands and stays readable inside; a second one on the same site rings the first.
  function siteStyle(p) {
    return {radius: 15 + 7 * (p.ring || 0), color: p.color, weight: p.selected ? 6 : 4,
            opacity: 1, fillColor: p.color, fillOpacity: 0.12};
  }

  function setLegLegend(entries) {
    if (legLegend) { map.removeControl(legLegend); legLegend = null; }
    if (!entries || !entries.length) { return; }
    legLegend = L.control({position: "bottomright"});
    legLegend.onAdd = function () {
      var div = L.DomUtil.create("div", "cavalier-legend cavalier-leg-legend");
      entries.forEach(function (entry) {
        var row = L.DomUtil.create("div", "", div);
        var swatch = L.DomUtil.create("span", "swatch leg-" + entry[2], row);
        swatch.style.borderColor = entry[0];
        row.appendChild(document.createTextNode(entry[1]));
      });
      return div;
    };
    legLegend.addTo(map);
  }

  function setRoute(geojson, seq) {
    if (routeLayer) { map.removeLayer(routeLayer); routeLayer = null; }
    var legs = geojson && geojson.legend ? geojson.legend : null;
    setLegLegend(legs);
    if (geojson) {
      routeLayer = L.geoJSON(geojson, {
        filter: function (f) {
          return f.geometry.type === "LineString" ||
            (f.geometry.type === "Point" && (f.properties || {}).role === "site");
        },
        style: function (f) {
          var p = f.properties || {};
          if (p.role === "troncon") { return legStyle(p); }
          if (p.role === "site") { return siteStyle(p); }
          if (p.role === "parcours" && legs) { return LEG_CASING_STYLE; }
          return p.role === "non_releve" ? ROUTE_UNSURVEYED_STYLE : ROUTE_STYLE;
        },
        pointToLayer: function (f, ll) {
          return L.circleMarker(ll, siteStyle(f.properties || {}));
        },
        onEachFeature: function (f, layer) {
          var p = f.properties || {};
          if (p.role === "troncon" || p.role === "site") {
            layer.bindTooltip(String(p.label), {sticky: true});
          }
        },
      }).addTo(map);
      // Like gpx.studio or BRouter-web: a click on the course, or a drag of it, inserts a point
      // in the leg under the mouse (Python finds the leg); a click elsewhere adds at the end.
      routeLayer.on("mousedown", grabRoute);
      if (!legs) {
        routeLayer.bindTooltip("Cliquer ou glisser le parcours : insérer un point",
                               {sticky: true});
      }
      routeLayer.on("click", function (e) { L.DomEvent.stopPropagation(e); });
    }
    tell("routeDrawn", seq);
  }

  function legState() {
    var result = {lines: [], sites: [], rings: [], legend: []};
    if (routeLayer) {
      routeLayer.eachLayer(function (l) {
        var p = l.feature.properties || {};
        if (p.role === "troncon") { result.lines.push(l.options.color); }
        if (p.role === "site") {
          result.sites.push(l.options.color);
          result.rings.push(l.options.radius);
        }
      });
    }
    document.querySelectorAll(".cavalier-leg-legend div").forEach(function (row) {
      result.legend.push([row.querySelector(".swatch").style.borderColor, row.textContent]);
    });
    return result;
  }

  var swallowClick = false;
  var DRAG_PX = 4;

  function grabRoute(e) {
    if (e.originalEvent && e.originalEvent.button) { return; }  // left button only
    var source = e.propagatedFrom || e.layer;
    if (source && source.feature && source.feature.properties.role === "site") {
      return;  // an épreuve or a transition: not a place on the course line
    }
    L.DomEvent.stopPropagation(e);
    var from = e.latlng;
    var ghost = null;
    var moved = false;
    map.dragging.disable();
    function move(ev) {
      if (!moved && map.latLngToContainerPoint(ev.latlng)
          .distanceTo(map.latLngToContainerPoint(from)) < DRAG_PX) { return; }
      moved = true;
      if (!ghost) {
        ghost = L.circleMarker(ev.latlng, {radius: 7, color: "#1565c0", weight: 2,
                                           fillColor: "#ffffff", fillOpacity: 1,
                                           interactive: false}).addTo(map);
      }
      ghost.setLatLng(ev.latlng);
    }
    function up(ev) {
      map.off("mousemove", move);
      map.off("mouseup", up);
      map.dragging.enable();
      if (ghost) { map.removeLayer(ghost); }
      if (moved) {
        swallowClick = true;
        setTimeout(function () { swallowClick = false; }, 0);
        tell("routeDragged", from.lat, from.lng, ev.latlng.lat, ev.latlng.lng);
      } else {
        tell("routeClicked", from.lat, from.lng);
      }
    }
    map.on("mousemove", move);
    map.on("mouseup", up);
  }

  // The imported track layer (null removes it), with its own legend naming it.
  function setImportedTrack(geojson, title, offTitle) {
    if (importedLayer) { map.removeLayer(importedLayer); importedLayer = null; }
    if (importedLegend) { map.removeControl(importedLegend); importedLegend = null; }
    if (!geojson) { return; }
    importedLayer = L.geoJSON(geojson, {
      filter: function (f) { return f.geometry && f.geometry.type === "LineString"; },
      style: function (f) {
        var p = f.properties || {};
        if (!p.snapped) { return IMPORTED_STYLE; }
        return p.on_network ? IMPORTED_MATCHED_STYLE : STYLES.unsurveyed;
      },
      onEachFeature: function (f, layer) {
        var p = f.properties || {};
        layer.bindTooltip(p.snapped && !p.on_network ? offTitle : title, {sticky: true});
      },
    }).addTo(map);
    if (routeLayer) { routeLayer.bringToFront(); }
    importedLegend = L.control({position: "bottomright"});
    importedLegend.onAdd = function () {
      var div = L.DomUtil.create("div", "cavalier-legend cavalier-imported-legend");
      var line = '<div><span class="swatch imported"></span></div>';
      var off = '<div><span class="swatch unsurveyed"></span></div>';
      div.innerHTML = line + (geojson.matched ? off : "");
      div.querySelectorAll("div")[0].appendChild(document.createTextNode(title));
      if (geojson.matched) {
        div.querySelectorAll("div")[1].appendChild(document.createTextNode(offTitle));
      }
      return div;
    };
    importedLegend.addTo(map);
  }

  function fitImported() {
    if (importedLayer) { map.fitBounds(importedLayer.getBounds(), {padding: [24, 24]}); }
  }

  // A transient message over the map (a refused edit): it fades after a few seconds.
  function showNotice(text) {
    if (!notice) {
      notice = L.DomUtil.create("div", "cavalier-notice", map.getContainer());
      L.DomEvent.disableClickPropagation(notice);
    }
    notice.textContent = text;
    notice.style.display = "block";
    if (noticeTimer) { clearTimeout(noticeTimer); }
    noticeTimer = setTimeout(clearNotice, 8000);
  }

  function clearNotice() {
    if (noticeTimer) { clearTimeout(noticeTimer); noticeTimer = null; }
    if (notice) { notice.style.display = "none"; notice.textContent = ""; }
  }

  function markerIcon(m) {
    var color = KIND_COLORS[m.kind] || "#1565c0";
    var text = m.kind === "via" ? String(m.order + 1) : m.kind.charAt(0).toUpperCase();
    // A waypoint left away from the course: ringed in orange, dashed (Python sends `off`).
    return L.divIcon({className: "cavalier-marker" + (m.off ? " cavalier-off-course" : ""),
                      html: '<div style="background:' + color + '">' + text + "</div>",
                      iconSize: [22, 22], iconAnchor: [11, 11]});
  }

  function setMarkers(list, seq) {
    markerLayer.clearLayers();
    list.forEach(function (m) {
      var marker = L.marker([m.lat, m.lon], {draggable: true, icon: markerIcon(m),
                                             title: m.off ? m.label + " — " + m.off : m.label});
      marker.on("dragend", function () {
        var ll = marker.getLatLng();
        tell("markerMoved", m.id, ll.lat, ll.lng);
      });
      marker.on("contextmenu", function (e) {
        L.DomEvent.stopPropagation(e);
        if (e.originalEvent) { L.DomEvent.preventDefault(e.originalEvent); }
        tell("markerMenu", m.id);  // Python offers « Supprimer », « Faire de ce point le départ »…
      });
      markerLayer.addLayer(marker);
    });
    tell("markersDrawn", seq);
  }

  // Proposed courses (a generator's ranked candidates), each in its colour over a white casing,
  // numbered; the unsurveyed stretches of each are dashed white, as on the route. A click on one
  // tells Python, which selects it (selectCandidate) in the list too.
  function setCandidates(list) {
    if (candidateLayer) { map.removeLayer(candidateLayer); }
    candidateLayer = null;
    candidateLines = [];
    selectedCandidate = -1;
    if (!list || !list.length) { return; }
    candidateLayer = L.layerGroup().addTo(map);
    list.forEach(function (c, i) {
      var ll = c.coords.map(function (p) { return [p[1], p[0]]; });
      var casing = L.polyline(ll, {color: "#ffffff", weight: 9, opacity: 0.9,
                                   interactive: false}).addTo(candidateLayer);
      var line = L.polyline(ll, {color: c.color, weight: 5, opacity: 0.9}).addTo(candidateLayer);
      line.bindTooltip(c.label, {sticky: true});
      line.on("click", function (e) {
        L.DomEvent.stopPropagation(e);
        tell("candidateClicked", i);
      });
      line.on("mouseover", function () { styleCandidates(i); });
      line.on("mouseout", function () { styleCandidates(selectedCandidate); });
      (c.unsurveyed || []).forEach(function (part) {
        L.polyline(part.map(function (p) { return [p[1], p[0]]; }),
                   {color: "#ffffff", weight: 3, opacity: 1, dashArray: "8 8",
                    interactive: false}).addTo(candidateLayer);
      });
      var at = ll[Math.floor(ll.length * (0.2 + 0.25 * i))] || ll[0];
      var badge = L.marker(at, {interactive: false, keyboard: false, icon: L.divIcon({
        className: "cavalier-candidate-badge",
        html: '<div style="background:' + c.color + '">' + c.rank + "</div>",
        iconSize: [22, 22], iconAnchor: [11, 11]})}).addTo(candidateLayer);
      candidateLines.push({line: line, casing: casing, badge: badge, color: c.color});
    });
  }

  function selectCandidate(index) {
    selectedCandidate = index;
    styleCandidates(index);
  }

  // One candidate forward (thicker, on top), the others faded; -1: all alike.
  function styleCandidates(index) {
    candidateLines.forEach(function (c, i) {
      var on = i === index || index < 0;
      c.line.setStyle({weight: i === index ? 7 : 5, opacity: on ? 0.95 : 0.35});
      c.casing.setStyle({opacity: on ? 0.9 : 0.3});
    });
    if (index >= 0 && candidateLines[index]) {
      candidateLines[index].casing.bringToFront();
      candidateLines[index].line.bringToFront();
    }
  }

  function candidates() {
    return candidateLines.map(function (c, i) {
      return {color: c.color, selected: i === selectedCandidate,
              weight: c.line.options.weight, points: c.line.getLatLngs().length};
    });
  }

  function highlight(lon, lat) {
    highlightLayer.clearLayers();
    if (lon === null || lat === null) { return; }
    L.circleMarker([lat, lon], {radius: 8, color: "#fff", weight: 3, fillColor: "#e53935",
                                fillOpacity: 1}).addTo(highlightLayer);
  }

  function fitBounds(south, west, north, east) {
    // No animation: a zoom animation still running (or stalled while the page is hidden) makes
    // Leaflet drop the next fit, and the map stayed on the whole basin.
    map.fitBounds([[south, west], [north, east]], {padding: [12, 12], animate: false});
  }

  // Base map: "plan_ign", "ortho_ign", "osm", "offline" (with the local server's URL and the
  // provider's attribution), or null for none. Failed tiles are reported once to Python.
  function setBaseLayer(key, url, attribution, maxZoom) {
    if (tiles) { map.removeLayer(tiles); tiles = null; }
    baseKey = key;
    failedTiles = 0;
    if (!key) { return; }
    var base = key === "offline" ? {url: url, attribution: attribution, maxZoom: maxZoom || 16}
                                 : BASES[key];
    if (!base) { return; }
    tiles = L.tileLayer(base.url, {maxZoom: 19, maxNativeZoom: base.maxZoom,
                                   attribution: base.attribution});
    tiles.on("tileerror", function () {
      failedTiles += 1;
      if (failedTiles === 1) { tell("tilesFailed", key); }
    });
    tiles.addTo(map);
    tiles.bringToBack();
  }

  function setOnlineTiles(on) { setBaseLayer(on ? "osm" : null); }

  // Frame times of redraws after pan and zoom: each step moves the map, then waits for the
  // canvas to be painted (two animation frames); results land in Cavalier.frames when done.
  var frames = null;
  function measureRedraw(count) {
    frames = [];
    var done = [];
    var step = 0;
    function next() {
      if (step >= count) { frames = done; return; }
      var start = performance.now();
      if (step % 2 === 0) {
        map.panBy([step % 4 === 0 ? 160 : -160, 80], {animate: false});
      } else {
        map.setZoom(map.getZoom() + (step % 4 === 1 ? 1 : -1), {animate: false});
      }
      step += 1;
      requestAnimationFrame(function () {
        requestAnimationFrame(function () {
          done.push(performance.now() - start);
          setTimeout(next, 30);
        });
      });
    }
    next();
  }

  function state() {
    var unsurveyedRoute = 0;
    if (routeLayer) {
      routeLayer.eachLayer(function (l) {
        if (l.feature.properties.role === "non_releve") { unsurveyedRoute += 1; }
      });
    }
    return {markers: markerLayer.getLayers().length, route: routeLayer !== null,
            routeUnsurveyed: unsurveyedRoute, candidates: candidateLines.length,
            offCourse: document.querySelectorAll(".cavalier-off-course").length,
            legend: document.querySelectorAll(".cavalier-legend .swatch").length,
            legs: legState(),
            layers: Object.keys(layers).filter(function (k) { return map.hasLayer(layers[k]); }),
            tiles: tiles !== null, base: baseKey, zoom: map.getZoom(),
            notice: notice && notice.style.display !== "none" ? notice.textContent : null,
            imported: importedLayer ? importedLayer.getLayers().map(function (l) {
              var p = l.feature.properties;
              return p.snapped ? (p.on_network ? "on" : "off") : "recorded"; }) : null,
            paths: layers.paths ? layers.paths.getLayers().length : 0,
            labels: labelLayer ? Object.keys(labelLayer).filter(function (k) {
              return map.getContainer().classList.contains("cavalier-show-" + k); }) : [],
            scale: document.querySelector(".leaflet-control-scale-line") ?
              document.querySelector(".leaflet-control-scale-line").textContent : null,
            scaleLines: document.querySelectorAll(".leaflet-control-scale-line").length};
  }

  return {init: init, setLayers: setLayers, setLayerVisible: setLayerVisible,
          setRoute: setRoute, setMarkers: setMarkers, highlight: highlight,
          setCandidates: setCandidates, selectCandidate: selectCandidate,
          candidates: candidates,
          fitBounds: fitBounds, setOnlineTiles: setOnlineTiles, setBaseLayer: setBaseLayer,
          measureRedraw: measureRedraw, setPaths: setPaths, state: state,
          setImportedTrack: setImportedTrack, fitImported: fitImported,
          showNotice: showNotice, clearNotice: clearNotice,
          frames: function () { return frames; },
          leaflet: function () { return map; },
          route: function () { return routeLayer; },
          markers: function () { return markerLayer.getLayers(); }};
})();
