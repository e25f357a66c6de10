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
  var tiles = null;
  var STYLES = {
    communes: {color: "#9e9e9e", weight: 1, fill: false, dashArray: "4 4"},
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
  var ROUTE_STYLE = {color: "#1565c0", weight: 5, opacity: 0.85};
  // Over the route where it runs on unsurveyed edges: white gaps make the blue line dashed.
  var ROUTE_UNSURVEYED_STYLE = {color: "#ffffff", weight: 3, opacity: 1, dashArray: "8 8"};
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
      return L.circleMarker(latlng, {radius: 2, color: "#9e9e9e", weight: 1, fillOpacity: 0.6});
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

  function init(leafletMap) {
    map = leafletMap;
    map.doubleClickZoom.disable();
    addLegend();
    markerLayer = L.layerGroup().addTo(map);
    highlightLayer = L.layerGroup().addTo(map);
    map.on("click", function (e) { tell("mapClicked", e.latlng.lat, e.latlng.lng); });
    new QWebChannel(qt.webChannelTransport, function (channel) {
      bridge = channel.objects.bridge;
      tell("mapReady");
    });
  }

  function setLayers(data, order) {
    order.forEach(function (key) {
      if (layers[key]) { map.removeLayer(layers[key]); }
      layers[key] = makeLayer(key, data[key]).addTo(map);
    });
    if (routeLayer) { routeLayer.bringToFront(); }
  }

  function setLayerVisible(key, visible) {
    var layer = layers[key];
    if (!layer) { return; }
    if (visible && !map.hasLayer(layer)) { layer.addTo(map); }
    if (!visible && map.hasLayer(layer)) { map.removeLayer(layer); }
  }

  function setRoute(geojson, seq) {
    if (routeLayer) { map.removeLayer(routeLayer); routeLayer = null; }
    if (geojson) {
      routeLayer = L.geoJSON(geojson, {
        filter: function (f) { return f.geometry.type === "LineString"; },
        style: function (f) {
          var p = f.properties || {};
          return p.role === "non_releve" ? ROUTE_UNSURVEYED_STYLE : ROUTE_STYLE;
        },
      }).addTo(map);
    }
    tell("routeDrawn", seq);
  }

  function markerIcon(m) {
    var color = KIND_COLORS[m.kind] || "#1565c0";
    var text = m.kind === "via" ? String(m.order + 1) : m.kind.charAt(0).toUpperCase();
    return L.divIcon({className: "cavalier-marker",
                      html: '<div style="background:' + color + '">' + text + "</div>",
                      iconSize: [22, 22], iconAnchor: [11, 11]});
  }

  function setMarkers(list, seq) {
    markerLayer.clearLayers();
    list.forEach(function (m) {
      var marker = L.marker([m.lat, m.lon], {draggable: true, icon: markerIcon(m),
                                             title: m.label});
      marker.on("dragend", function () {
        var ll = marker.getLatLng();
        tell("markerMoved", m.id, ll.lat, ll.lng);
      });
      marker.on("contextmenu", function (e) {
        L.DomEvent.stopPropagation(e);
        tell("markerDeleted", m.id);
      });
      markerLayer.addLayer(marker);
    });
    tell("markersDrawn", seq);
  }

  function highlight(lon, lat) {
    highlightLayer.clearLayers();
    if (lon === null || lat === null) { return; }
    L.circleMarker([lat, lon], {radius: 8, color: "#fff", weight: 3, fillColor: "#e53935",
                                fillOpacity: 1}).addTo(highlightLayer);
  }

  function fitBounds(south, west, north, east) {
    map.fitBounds([[south, west], [north, east]], {padding: [12, 12]});
  }

  function setOnlineTiles(on) {
    if (on && !tiles) {
      tiles = L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
        maxZoom: 19, attribution: "&copy; contributeurs OpenStreetMap"});
      tiles.addTo(map);
      tiles.bringToBack();
    } else if (!on && tiles) {
      map.removeLayer(tiles);
      tiles = null;
    }
  }

  function state() {
    var unsurveyedRoute = 0;
    if (routeLayer) {
      routeLayer.eachLayer(function (l) {
        if (l.feature.properties.role === "non_releve") { unsurveyedRoute += 1; }
      });
    }
    return {markers: markerLayer.getLayers().length, route: routeLayer !== null,
            routeUnsurveyed: unsurveyedRoute,
            legend: document.querySelectorAll(".cavalier-legend .swatch").length,
            layers: Object.keys(layers).filter(function (k) { return map.hasLayer(layers[k]); }),
            tiles: tiles !== null};
  }

  return {init: init, setLayers: setLayers, setLayerVisible: setLayerVisible,
          setRoute: setRoute, setMarkers: setMarkers, highlight: highlight,
          fitBounds: fitBounds, setOnlineTiles: setOnlineTiles, state: state,
          leaflet: function () { return map; },
          markers: function () { return markerLayer.getLayers(); }};
})();
