"""The participants' page: a static folder (index.html + files) for any web host or a USB stick.

Leaflet is copied next to the page (no CDN), the profile is an inline SVG, every download has a
QR code (SVG, segno) pointing to its address on the club's site. Nothing loads from the network:
the map has no background tiles, only the courses and their points.
"""

from __future__ import annotations

import html
import io
import json
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import segno
import xstatic.pkg.leaflet

from app.dates import event_days, sentence_start
from app.exports.courses import Course, climb_text
from app.exports.cues import MapMark
from app.exports.cuesheet import cue_rows
from app.exports.errors import ExportError
from app.exports.files import write_atomic
from app.exports.map import ROUTE_COLOURS
from app.model import Event
from routes.errors import french_reason
from routes.frenchfmt import number
from routes.outputs.unsurveyed import gpx_note, has_unsurveyed

PROFILE_WIDTH, PROFILE_HEIGHT = 640, 140


@dataclass(frozen=True)
class Download:
    label: str  # « GPX complet », « FIT (Garmin) »…
    file_name: str  # relative to the page folder, e.g. fichiers/marathon-42-km.fit


@dataclass(frozen=True)
class PageFormat:
    course: Course
    downloads: list[Download]
    #: km markers and direction arrows on sections travelled twice (app.exports.cues).
    marks: tuple[MapMark, ...] = ()
    #: Said under the downloads (which devices take which file, for a stage with legs).
    note: str = ""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def profile_svg(course: Course) -> str:
    """Elevation against distance as an inline SVG; a sentence when the elevation is unknown."""
    eles = [p[2] for p in course.track.points]
    if any(e is None for e in eles) or len(eles) < 2:
        return "<p class=\"profil-absent\">Profil : altitude inconnue sur ce parcours.</p>"
    values = [float(e) for e in eles if e is not None]
    low, high = min(values), max(values)
    span = max(high - low, 10.0)
    total = max(course.distance_m, 1.0)
    xy = " ".join(f"{d / total * PROFILE_WIDTH:.1f},"
                  f"{PROFILE_HEIGHT - (e - low) / span * (PROFILE_HEIGHT - 10):.1f}"
                  for d, e in zip(course.cumulative_m, values, strict=True))
    title = _e(f"Profil de {course.name} : de {low:.0f} à {high:.0f} m")
    return (f"<svg class=\"profil\" viewBox=\"0 0 {PROFILE_WIDTH} {PROFILE_HEIGHT}\" "
            f"role=\"img\" aria-label=\"{title}\"><title>{title}</title>"
            f"<polyline points=\"0,{PROFILE_HEIGHT} {xy} {PROFILE_WIDTH},{PROFILE_HEIGHT}\" "
            f"fill=\"#d7ccc8\" stroke=\"#5d4037\" stroke-width=\"1.5\"/></svg>")


def qr_svg(address: str) -> str:
    buffer = io.BytesIO()
    segno.make(address, error="m").save(buffer, kind="svg", scale=3, xmldecl=False,
                                         svgns=True, title=address)
    return buffer.getvalue().decode("utf-8")


def _features(formats: Sequence[PageFormat]) -> dict[str, object]:
    features: list[dict[str, object]] = []
    for i, item in enumerate(formats):
        course = item.course
        colour = ROUTE_COLOURS[i % len(ROUTE_COLOURS)]
        features.append({"type": "Feature", "properties": {"name": course.name, "colour": colour},
                         "geometry": {"type": "LineString", "coordinates": [
                             [round(p[1], 6), round(p[0], 6)] for p in course.track.points]}})
        features.extend({"type": "Feature",
                         "properties": {"name": f"{course.name} — {p.name} "
                                        f"(km {number(p.distance_m / 1000)})",
                                        "colour": colour},
                         "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]}}
                        for p in course.points)
        features.extend({"type": "Feature",
                         "properties": {"colour": colour, "bearing": m.bearing_deg,
                                        "name": f"{course.name} — km {number(m.km)}"
                                        + (" (sens de course)" if m.bearing_deg is not None
                                           else ""),
                                        "km": None if m.bearing_deg is not None
                                        else f"{m.km:.0f}"},
                         "geometry": {"type": "Point",
                                      "coordinates": [round(m.lon, 6), round(m.lat, 6)]}}
                        for m in item.marks)
    return {"type": "FeatureCollection", "features": features}


def _format_section(item: PageFormat, qr_names: dict[str, str]) -> str:
    course = item.course
    start = (f"{course.start:%d/%m/%Y} à {course.start.hour} h {course.start.minute:02d}"
             if course.start else "à préciser")
    rows = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row.cells()[1:7]) + "</tr>"
                   for row in cue_rows(course))
    distance = number(course.distance_m / 1000)
    warning = (f"<p class=\"non-releve\"><strong>{_e(gpx_note(course.unsurveyed_m))}"
               "</strong></p>\n" if has_unsurveyed(course.unsurveyed_m) else "")
    note = f'<p class="appareils">{_e(item.note)}</p>' if item.note else ""
    downloads = []
    for download in item.downloads:
        qr = qr_names.get(download.file_name)
        image = (f"<img class=\"qr\" src=\"{_e(qr)}\" alt=\"QR code : {_e(download.label)}\">"
                 if qr else "")
        downloads.append(f"<li><a href=\"{_e(download.file_name)}\" download>"
                         f"{_e(download.label)}</a>{image}</li>")
    return f"""<section class="format">
<h2>{_e(course.name)}</h2>
<p class="chiffres">{_e(course.discipline)} — distance {distance} km —
{_e(climb_text(course.sheet))} — départ {_e(start)}</p>
{warning}{profile_svg(course)}
<h3>Télécharger le parcours</h3>
<ul class="telechargements">{"".join(downloads)}</ul>
{note}
<h3>Points du parcours</h3>
<table><thead><tr><th>Km</th><th>D+</th><th>Point</th><th>Type</th><th>Heure prévue</th>
<th>Barrière horaire</th></tr></thead><tbody>{rows}</tbody></table>
</section>"""


def page_html(event: Event, formats: Sequence[PageFormat], *, contact: str,
              qr_names: dict[str, str], skipped: Sequence[str]) -> str:
    title = _e(f"{event.name} {event.edition_year}")
    data = json.dumps(_features(formats), ensure_ascii=False).replace("</", "<\\/")
    sections = "\n".join(_format_section(item, qr_names) for item in formats)
    missing = "".join(f"<li>{_e(text)}</li>" for text in skipped)
    organiser = _e(event.organiser) if event.organiser_known else "à préciser"
    contact_text = f" — contact : {_e(contact)}" if contact else ""
    website = (f' — <a href="{_e(event.website)}">{_e(event.website)}</a>'
               if event.website else "")
    when = _e(sentence_start(event_days(event.start_date, event.end_date))
              + (f", {event.place}" if event.place else ""))
    return f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="leaflet/leaflet.css">
<style>
body {{ font-family: sans-serif; margin: 0 auto; max-width: 60em; padding: 1em; color: #222; }}
#carte {{ height: 24em; border: 1px solid #999; background: #f4f1ea; }}
table {{ border-collapse: collapse; width: 100%; font-size: 0.9em; }}
td, th {{ border: 1px solid #ccc; padding: 0.2em 0.4em; text-align: left; }}
.telechargements li {{ display: inline-block; margin: 0 1em 1em 0; text-align: center; }}
.telechargements a {{ display: block; }}
.qr {{ width: 8em; height: 8em; }}
.profil {{ width: 100%; height: auto; }}
.borne {{ background: #fff; border: 1px solid #555; font-size: 10px; text-align: center; }}
.fleche {{ font-size: 14px; line-height: 14px; }}
</style>
<script src="leaflet/leaflet.js"></script>
</head><body>
<h1>{title}</h1>
<p>{when}</p>
<p>Organisation : {organiser}{contact_text}{website}</p>
<div id="carte"></div>
<p><small>Carte sans fond : seuls les parcours et leurs points sont tracés (page utilisable hors
ligne).</small></p>
{sections}
{"<h2>Formats non publiés</h2><ul>" + missing + "</ul>" if missing else ""}
<script>
var carte = L.map("carte");
var parcours = L.geoJSON({data}, {{
  style: function (f) {{ return {{color: f.properties.colour, weight: 4}}; }},
  pointToLayer: function (f, ll) {{
    var p = f.properties;
    if (p.bearing !== undefined && p.bearing !== null) {{
      return L.marker(ll, {{icon: L.divIcon({{className: "fleche", iconSize: [14, 14],
        html: '<span style="display:block;transform:rotate(' + (p.bearing - 90) +
              'deg);color:' + p.colour + '">&#10148;</span>'}})}}); }}
    if (p.km) {{
      return L.marker(ll, {{icon: L.divIcon({{className: "borne", iconSize: [26, 14],
        html: "km " + p.km}})}}); }}
    return L.circleMarker(ll, {{radius: 6, color: p.colour}}); }},
  onEachFeature: function (f, l) {{ l.bindTooltip(f.properties.name); }}
}}).addTo(carte);
if (parcours.getLayers().length) {{ carte.fitBounds(parcours.getBounds()); }}
else {{ carte.setView([50.43, 2.95], 10); }}
</script>
</body></html>
"""


def copy_leaflet(folder: Path) -> None:
    source = Path(xstatic.pkg.leaflet.BASE_DIR)
    target = folder / "leaflet"
    try:
        target.mkdir(parents=True, exist_ok=True)
        for name in ("leaflet.js", "leaflet.css"):
            shutil.copyfile(source / name, target / name)
        if (source / "images").is_dir():
            shutil.copytree(source / "images", target / "images", dirs_exist_ok=True)
    except OSError as exc:
        raise ExportError(f"{target} : copie de Leaflet impossible ({french_reason(exc)}).") \
            from exc


def write_page(folder: Path, event: Event, formats: Sequence[PageFormat], *, contact: str = "",
               site_url: str = "", skipped: Sequence[str] = ()) -> list[Path]:
    """Write index.html, Leaflet and the QR codes into ``folder`` (the downloads are already
    there); returns the files written. QR codes need the page's address (``site_url``)."""
    copy_leaflet(folder)
    written = sorted(p for p in (folder / "leaflet").rglob("*") if p.is_file())
    qr_names: dict[str, str] = {}
    if site_url:
        base = site_url if site_url.endswith("/") else site_url + "/"
        (folder / "qr").mkdir(exist_ok=True)
        for item in formats:
            for download in item.downloads:
                name = f"qr/{Path(download.file_name).name}.svg"
                svg = qr_svg(base + download.file_name)
                written.append(write_atomic(folder / name, svg.encode("utf-8")))
                qr_names[download.file_name] = name
    page = page_html(event, formats, contact=contact, qr_names=qr_names, skipped=skipped)
    written.insert(0, write_atomic(folder / "index.html", page.encode("utf-8")))
    return written
