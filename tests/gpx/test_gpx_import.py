"""Import: GPX 1.0/1.1, tracks, routes, waypoints, segments; hostile and broken files."""

from __future__ import annotations

from pathlib import Path

import pytest
from shared_data import shared_path

from routes.errors import CavalierError
from routes.gpx.errors import GpxError
from routes.gpx.importer import import_gpx, to_geojson
from routes.gpx.reader import parse_gpx, read_gpx

GPX10 = b"""<?xml version="1.0"?>
<gpx version="1.0" creator="test" xmlns="http://www.topografix.com/GPX/1/0">
  <name>Reco 2019</name>
  <wpt lat="50.61" lon="3.01"><name>Ravito</name><sym>Restaurant</sym></wpt>
  <trk><name>Reco</name>
    <trkseg>
      <trkpt lat="50.600" lon="3.000"><ele>20</ele><time>2019-05-01T09:00:00Z</time></trkpt>
      <trkpt lat="50.601" lon="3.000"><time>2019-05-01T09:01:00Z</time></trkpt>
    </trkseg>
    <trkseg>
      <trkpt lat="50.602" lon="3.000"/>
      <trkpt lat="50.603" lon="3.000"><ele>not a number</ele><time>hier</time></trkpt>
    </trkseg>
  </trk>
</gpx>"""

GPX11_ROUTE = b"""<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="x" xmlns="http://www.topografix.com/GPX/1/1">
  <metadata><name>Parcours 2025</name></metadata>
  <rte><name>Boucle</name>
    <rtept lat="50.6" lon="3.0"/><rtept lat="50.61" lon="3.0"/><rtept lat="50.61" lon="3.01"/>
  </rte>
</gpx>"""


def test_gpx_10_with_segments_and_missing_fields() -> None:
    doc = parse_gpx(GPX10, source="reco.gpx")
    assert doc.version == "1.0"
    assert doc.name == "Reco 2019"
    assert len(doc.lines[0].segments) == 2
    pts = [p for seg in doc.lines[0].segments for p in seg]
    assert [p.ele for p in pts] == [20.0, None, None, None]
    assert pts[0].time is not None and pts[0].time.minute == 0
    assert pts[3].time is None
    assert doc.waypoints[0].name == "Ravito"


def test_route_only_file_imports(tmp_path: Path) -> None:
    path = tmp_path / "route.gpx"
    path.write_bytes(GPX11_ROUTE)
    imported = import_gpx(path)
    assert imported.name == "Boucle"
    assert len(imported.points) == 3
    assert 1800 < imported.length_m < 1900


def test_segments_are_joined_in_order(tmp_path: Path) -> None:
    path = tmp_path / "reco.gpx"
    path.write_bytes(GPX10)
    imported = import_gpx(path)
    assert [p.lat for p in imported.points] == [50.6, 50.601, 50.602, 50.603]
    geo = to_geojson(imported)
    assert geo["features"][0]["geometry"]["coordinates"][0] == [3.0, 50.6, 20.0]
    assert geo["features"][1]["geometry"]["type"] == "Point"


def test_cleaning_drops_duplicates_and_spikes(tmp_path: Path) -> None:
    pts = [(50.6 + i * 1e-4, 3.0) for i in range(20)]
    pts.insert(10, pts[9])
    pts.insert(15, (50.62, 3.02))  # a 2 km jump and straight back
    body = "".join(f'<trkpt lat="{a}" lon="{b}"/>' for a, b in pts)
    path = tmp_path / "spike.gpx"
    path.write_text(f'<gpx xmlns="http://www.topografix.com/GPX/1/1" version="1.1">'
                    f"<trk><trkseg>{body}</trkseg></trk></gpx>")
    imported = import_gpx(path)
    assert (imported.clean.duplicates, imported.clean.spikes) == (1, 1)
    assert len(imported.points) == 20


def test_waypoints_only_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "points.gpx"
    path.write_text('<gpx xmlns="http://www.topografix.com/GPX/1/1" version="1.1">'
                    '<wpt lat="50" lon="3"/></gpx>')
    with pytest.raises(GpxError, match=r"points\.gpx : aucune trace ni route"):
        import_gpx(path)


def test_real_eurovelo_files_import() -> None:
    folder = shared_path("data", "eurovelo5-gpx")
    expected_km = {"don-lille.gpx": 22.10, "gpx_eurovelo5.gpx": 254.28,
                   "watten-st-omer.gpx": 12.06}
    for name, km in expected_km.items():
        imported = import_gpx(folder / name)
        assert imported.length_m / 1000 == pytest.approx(km, rel=0.01)
    assert read_gpx(folder / "gpx_eurovelo5.gpx").point_count == 7975


SECRET = "CONTENU-SECRET-42"

HOSTILE: dict[str, tuple[bytes, str]] = {
    "vide.gpx": (b"", "vide"),
    "blancs.gpx": (b"  \n\t ", "vide"),
    "tronque.gpx": (GPX10[: len(GPX10) // 2], "tronqué"),
    "binaire.gpx": (bytes(range(256)), "XML"),
    "namespace.gpx": (GPX11_ROUTE.replace(b"topografix.com/GPX/1/1", b"example.com/GPX/9"),
                      "espace de noms"),
    "lettres.gpx": (GPX11_ROUTE.replace(b'lat="50.61"', b'lat="cinquante"', 1), "non numérique"),
    "nan.gpx": (GPX11_ROUTE.replace(b'lat="50.61"', b'lat="NaN"', 1), "non numérique"),
    "inf.gpx": (GPX11_ROUTE.replace(b'lat="50.61"', b'lat="1e999"', 1), "non finie"),
    "hors-limites.gpx": (GPX11_ROUTE.replace(b'lat="50.61"', b'lat="91.5"', 1), "hors de"),
    "lon.gpx": (GPX11_ROUTE.replace(b'lon="3.0"', b'lon="-180.01"', 1), "hors de"),
    "sans-lat.gpx": (GPX11_ROUTE.replace(b'lat="50.61" ', b"", 1), "absente"),
    "bombe.gpx": (b"""<?xml version="1.0"?>
<!DOCTYPE gpx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
<gpx xmlns="http://www.topografix.com/GPX/1/1" version="1.1"><metadata><name>&d;</name>
</metadata></gpx>""", "entités"),
    "kml.gpx": (b"""<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><LineString>
<coordinates>3.0,50.6 3.1,50.7</coordinates></LineString></Placemark></Document></kml>""", "KML"),
    "kml-tronque.gpx": (b'<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Doc',
                        "KML"),
    "html.gpx": (b"<html><body>404</body></html>", "pas un fichier GPX"),
    "encodage.gpx": (b'<?xml version="1.0" encoding="klingon"?><gpx/>', "« klingon » inconnu"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_gives_french_error_naming_it(tmp_path: Path, name: str) -> None:
    data, fragment = HOSTILE[name]
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(GpxError) as info:
        import_gpx(path)
    message = str(info.value)
    assert message.startswith(f"{name} : ")
    assert fragment in message
    assert isinstance(info.value, CavalierError) and isinstance(info.value, ValueError)


def test_external_entity_is_never_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    xxe = (f'<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY xxe SYSTEM "file://{secret}">]>'
           '<gpx xmlns="http://www.topografix.com/GPX/1/1" version="1.1"><metadata>'
           "<name>&xxe;</name></metadata><trk><name>&xxe;</name><trkseg>"
           '<trkpt lat="50" lon="3"/><trkpt lat="50.1" lon="3"/></trkseg></trk></gpx>')
    path = tmp_path / "xxe.gpx"
    path.write_text(xxe)
    with pytest.raises(GpxError, match="DTD ou des entités") as info:
        import_gpx(path)
    assert SECRET not in str(info.value)
    # a remote DTD: refused as well, nothing fetched (the test runs offline)
    remote = xxe.replace(f"file://{secret}", "http://192.0.2.1/x.dtd")
    with pytest.raises(GpxError, match="DTD"):
        parse_gpx(remote.encode(), source="remote.gpx")


def test_size_guard(tmp_path: Path) -> None:
    path = tmp_path / "gros.gpx"
    path.write_bytes(GPX10)
    with pytest.raises(GpxError, match="trop volumineux"):
        read_gpx(path, max_bytes=100)


def test_missing_file_is_a_gpx_error(tmp_path: Path) -> None:
    with pytest.raises(GpxError, match=r"absent\.gpx : lecture impossible"):
        import_gpx(tmp_path / "absent.gpx")


def test_comment_mentioning_kml_is_still_gpx() -> None:
    data = GPX11_ROUTE.replace(b"<metadata>", b"<!-- converti depuis <kml> --><metadata>")
    assert parse_gpx(data).point_count == 3


def test_no_namespace_gpx_is_accepted() -> None:
    doc = parse_gpx(b'<gpx version="1.0"><trk><trkseg><trkpt lat="1" lon="2"/>'
                    b"</trkseg></trk></gpx>")
    assert doc.version == "1.0" and doc.point_count == 1
