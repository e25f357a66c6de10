"""OpenStreetMap for the whole Bassin minier in one action: download, clip, build, save.

1. the regional extract (Geofabrik, Nord-Pas-de-Calais) is fetched into the user cache with
   :func:`routes.webfetch.download_file` (resumable, retried, atomic, Cavalier's User-Agent);
2. it is clipped to the shipped basin outline with pyosmium (ways with a vertex inside, their
   nodes, and the relations they belong to) into ``bassin-minier.osm.pbf`` beside it;
3. :func:`routes.osm.build.build_network` builds the routable network, fused with the TVB layers
   when a layer folder is given, with its road and rail crossings;
4. the network is saved as a ``.cavnet`` (written atomically by :mod:`routes.network.store`).

The download happens only when the user asks for it; the cached extract is reused afterwards
unless ``refresh`` (Geofabrik updates its extracts once a day).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
import osmium
import osmium.filter
import shapely
from shapely.geometry import shape

from routes.errors import french_reason
from routes.network import store as netstore
from routes.osm.build import BuildReport, build_network
from routes.osm.download import cache_dir
from routes.osm.errors import OsmDownloadError, OsmImportError
from routes.progress import CancelCallback, ProgressCallback, check_cancel, report, scaled
from routes.webfetch import DEFAULT_POLICY, DownloadResult, OpenPart, RetryPolicy, download_file

DEFAULT_SOURCE = "https://download.geofabrik.de/europe/france/nord-pas-de-calais-latest.osm.pbf"
OUTLINE_ASSET = "bassin-minier.geojson"
CLIPPED_NAME = "bassin-minier.osm.pbf"
# Progress shares of the steps.
FETCH_END, CLIP_END = 0.55, 0.7


@dataclass
class BasinDownload:
    network_path: Path
    extract: DownloadResult
    clipped: Path
    build: BuildReport


def basin_outline() -> shapely.Geometry:
    """The shipped basin outline (Mission Bassin Minier, Etalab 2.0), widened and simplified."""
    text = resources.files("assets").joinpath("basin", OUTLINE_ASSET).read_text(encoding="utf-8")
    features = json.loads(text)["features"]
    return shapely.union_all([shape(f["geometry"]) for f in features])


def clip_extract(
    source: Path,
    target: Path,
    outline: shapely.Geometry,
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelCallback | None = None,
) -> Path:
    """Write to ``target`` the ways of ``source`` with a vertex inside ``outline``, with all
    their nodes (tags kept: level crossings), tagged nodes inside, and relations with a kept
    member. The file appears only once complete."""
    shapely.prepare(outline)
    west, south, east, north = outline.bounds
    temporary = target.with_name(target.name + ".tmp.osm.pbf")
    temporary.unlink(missing_ok=True)
    kept_ways: set[int] = set()
    seen = 0
    size = max(1, source.stat().st_size)
    try:
        with osmium.BackReferenceWriter(str(temporary), ref_src=str(source), overwrite=True,
                                        remove_tags=False) as writer:
            objects = osmium.FileProcessor(str(source)).with_locations().with_filter(
                osmium.filter.EmptyTagFilter())
            for obj in objects:
                seen += 1
                if seen % 50_000 == 0:
                    check_cancel(cancel, f"Découpage de {source.name}")
                    report(progress, min(0.99, seen * 12 / size),
                           f"Découpage au périmètre du Bassin minier : {seen} objets lus")
                if isinstance(obj, osmium.osm.Node):
                    location = obj.location
                    if (west <= location.lon <= east and south <= location.lat <= north
                            and outline.contains(shapely.Point(location.lon, location.lat))):
                        writer.add_node(obj)
                elif isinstance(obj, osmium.osm.Way):
                    if _way_inside(obj, outline, (west, south, east, north)):
                        kept_ways.add(obj.id)
                        writer.add_way(obj)
                elif isinstance(obj, osmium.osm.Relation) and any(
                        member.type == "w" and member.ref in kept_ways for member in obj.members):
                    writer.add_relation(obj)
    except (RuntimeError, OSError) as exc:
        temporary.unlink(missing_ok=True)
        raise OsmImportError(f"Extrait OSM illisible ou tronqué : {source} "
                             f"({french_reason(exc)})") from exc
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    if not kept_ways:
        temporary.unlink(missing_ok=True)
        raise OsmImportError(f"Aucune voie de {source.name} dans le périmètre du Bassin minier")
    os.replace(temporary, target)
    return target


def _way_inside(
    way: osmium.osm.Way, outline: shapely.Geometry, bounds: tuple[float, float, float, float],
) -> bool:
    coords = [(n.location.lon, n.location.lat) for n in way.nodes if n.location.valid()]
    if not coords:
        return False
    xy = np.asarray(coords)
    west, south, east, north = bounds
    in_box = ((xy[:, 0] >= west) & (xy[:, 0] <= east) & (xy[:, 1] >= south)
              & (xy[:, 1] <= north))
    if not in_box.any():
        return False
    return bool(shapely.contains_xy(outline, xy[in_box, 0], xy[in_box, 1]).any())


def download_basin(
    out: Path,
    *,
    source: str = DEFAULT_SOURCE,
    layers: Path | None = None,
    cache: Path | None = None,
    refresh: bool = False,
    policy: RetryPolicy = DEFAULT_POLICY,
    open_part: OpenPart | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelCallback | None = None,
) -> BasinDownload:
    """Fetch the regional extract, clip it to the basin, build and save the network to ``out``."""
    folder = Path(cache) if cache is not None else cache_dir()
    name = Path(source.split("?", 1)[0]).name or "extrait.osm.pbf"
    if not name.endswith(".pbf"):
        name += ".osm.pbf"
    extra = {"open_part": open_part} if open_part is not None else {}
    extract = download_file(source, folder / name, refresh=refresh, policy=policy, label=name,
                            progress=scaled(progress, 0.0, FETCH_END), cancel=cancel,
                            error=OsmDownloadError, **extra)
    clipped = folder / CLIPPED_NAME
    outline = basin_outline()
    if refresh or not extract.from_cache or not clipped.is_file() or (
            clipped.stat().st_mtime < extract.path.stat().st_mtime):
        report(progress, FETCH_END, "Découpage au périmètre du Bassin minier")
        clip_extract(extract.path, clipped, outline,
                     progress=scaled(progress, FETCH_END, CLIP_END), cancel=cancel)
    check_cancel(cancel, "Construction du réseau du Bassin minier")
    built = build_network(osm=clipped, clip=outline, layers=layers,
                          progress=scaled(progress, CLIP_END, 0.97), cancel=cancel)
    report(progress, 0.98, f"Enregistrement du réseau dans {out}")
    netstore.save(built.graph, out)
    report(progress, 1.0, f"Réseau du Bassin minier enregistré dans {out}")
    return BasinDownload(Path(out), extract, clipped, built)
