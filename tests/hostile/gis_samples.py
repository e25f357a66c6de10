"""Hostile GIS inputs: GeoJSON with a chosen CRS and coordinates, GeoTIFF DEMs, OSM XML."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import rasterio
from affine import Affine

# A real-looking path near the 11/19 at Loos-en-Gohelle, in WGS84 and in Lambert-93.
WGS84_LINE = [[2.7850, 50.4450], [2.7900, 50.4420], [2.7960, 50.4390]]
LAMBERT93_LINE = [[682380.0, 7037400.0], [682735.0, 7037063.0], [683160.0, 7036725.0]]


def geojson(path: Path, lines: list[list[list[float]]], *, crs: str | None = None,
            props: dict[str, Any] | None = None) -> Path:
    data: dict[str, Any] = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": dict(props or {"nom": f"Chemin {i}"}),
         "geometry": {"type": "LineString", "coordinates": line}}
        for i, line in enumerate(lines)]}
    if crs:
        data["crs"] = {"type": "name", "properties": {"name": crs}}
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def geotiff(path: Path, heights: np.ndarray, *, nodata: float | None = None) -> Path:
    rows, cols = heights.shape
    transform = Affine(0.0005, 0, 2.78, 0, -0.0005, 50.46)
    with rasterio.open(path, "w", driver="GTiff", width=cols, height=rows, count=1,
                       dtype="float32", crs="EPSG:4326", transform=transform,
                       nodata=nodata) as out:
        out.write(heights.astype(np.float32), 1)
    return path


def osm_nodes(path: Path, coords: list[tuple[str, str]]) -> Path:
    nodes = "\n".join(f' <node id="{i + 1}" lat="{lat}" lon="{lon}" version="1"/>'
                      for i, (lat, lon) in enumerate(coords))
    refs = "".join(f'<nd ref="{i + 1}"/>' for i in range(len(coords)))
    path.write_text(f'<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6">\n{nodes}\n'
                    f' <way id="10" version="1">{refs}<tag k="highway" v="track"/></way>\n'
                    "</osm>\n", encoding="utf-8")
    return path
