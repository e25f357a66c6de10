"""The roadbook PDF (reportlab platypus): per format, a map page then tables."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from app.course_notes import UNKNOWN_NOTE
from app.exports.courses import course_of_format
from app.exports.cuesheet import cue_rows
from app.roadbook.content import RoadbookError, Sheet
from app.roadbook.mapdraw import course_map, legend
from app.roadbook.profile import elevation_profile
from routes.atomic import atomic_output
from routes.frenchfmt import NBSP, NNBSP, number
from routes.network.model import Network
from routes.outputs.stats import Span
from routes.outputs.unsurveyed import (
    gpx_note,
    has_unknown_practicability,
    has_unsurveyed,
    length_text,
    source_label,
)
from routes.progress import CancelCallback, OperationCancelled, ProgressCallback

PAGE_W, PAGE_H = A4
MARGIN = 1.5 * cm
CONTENT_W = PAGE_W - 2 * MARGIN

_styles = getSampleStyleSheet()
TITLE = ParagraphStyle("titre", parent=_styles["Title"], fontSize=17, spaceAfter=4)
SUBTITLE = ParagraphStyle("sous-titre", parent=_styles["Heading3"], alignment=1,
                          spaceBefore=0, spaceAfter=6)
H2 = ParagraphStyle("section", parent=_styles["Heading2"], fontSize=12, spaceBefore=8,
                    spaceAfter=4)
BODY = ParagraphStyle("texte", parent=_styles["BodyText"], fontSize=8.5, leading=10.5)
CELL = ParagraphStyle("cellule", parent=BODY, fontSize=8, leading=9.5)
NOTE = ParagraphStyle("note", parent=BODY, fontSize=7.5, textColor=colors.HexColor("#555555"))


def _text(value: str) -> str:
    """Escaped for Paragraph markup, in the WinAnsi range of the standard PDF fonts."""
    return escape(value.replace(NNBSP, NBSP).replace("→", "-").replace("≈", "~"))


def _p(value: str, style: ParagraphStyle = CELL) -> Paragraph:
    return Paragraph(_text(value), style)


def _km(metres: float) -> str:
    return number(metres / 1000.0, 1).replace(NNBSP, NBSP)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]) -> Table:
    data: list[list[Any]] = [[_p(h, ParagraphStyle("th", parent=CELL, fontName="Helvetica-Bold"))
                              for h in header]]
    data += [[_p(c) for c in row] for row in rows]
    table = Table(data, colWidths=[w * CONTENT_W for w in widths], repeatRows=1)
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e4da")),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f7f5f0")]),
        ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#aaaaaa")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    return table


def _grouped(spans: Sequence[Span]) -> list[tuple[str, float, float, float]]:
    """(name, first entry, last exit, total length) per name, in order of first entry."""
    groups: dict[str, list[float]] = {}
    for span in spans:
        entry = groups.setdefault(span.name, [span.start_m, span.end_m, 0.0])
        entry[1] = span.end_m
        entry[2] += span.end_m - span.start_m
    return [(name, a, b, total) for name, (a, b, total) in groups.items()]


def _header(sheet: Sheet) -> list[Flowable]:
    rows = [[_p(k, ParagraphStyle("k", parent=CELL, fontName="Helvetica-Bold")), _p(v)]
            for k, v in sheet.header_rows()]
    table = Table(rows, colWidths=[0.3 * CONTENT_W, 0.7 * CONTENT_W])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#aaaaaa")),
                               ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f0ede6")),
                               ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]))
    return [Paragraph(_text(f"Roadbook — {sheet.fmt.name}"), TITLE),
            Paragraph(_text(f"{sheet.event.name} {sheet.event.edition_year}"), SUBTITLE),
            table, Spacer(1, 6)]


def _map_page(sheet: Sheet, network: Network) -> list[Flowable]:
    stats = sheet.stats
    unsurveyed = [(s.start_m, s.end_m) for s in stats.unsurveyed]
    drawing = course_map(network, sheet.route.geometry, stats.waypoints, stats.ruptures,
                         width=CONTENT_W, height=15.5 * cm, osm_credit=sheet.uses_osm,
                         visited=sheet.route.terrils_visited, unsurveyed=unsurveyed,
                         length_m=stats.length_m)
    note = (f"Réseau : {sheet.network_name}. Tracé des lignes schématique ; vérifier sur le "
            "terrain avant balisage.")
    if sheet.attributions:
        note += " Données : " + " ; ".join(sheet.attributions) + "."
    return [Paragraph("Carte du parcours", H2), drawing, Spacer(1, 3),
            legend(CONTENT_W, with_waypoints=bool(stats.waypoints),
                   with_ruptures=bool(stats.ruptures),
                   with_unsurveyed=has_unsurveyed(stats.unsurveyed_m),
                   with_unknown=has_unknown_practicability(network.graph)),
            _p(note, NOTE)]


def _unsurveyed(sheet: Sheet) -> list[Flowable]:
    """The stretches on straight connectors nobody surveyed, to check before marking."""
    stats = sheet.stats
    out: list[Flowable] = [CondPageBreak(4 * cm), Paragraph("Tronçons non relevés", H2)]
    stretches = [s for s in stats.unsurveyed if has_unsurveyed(s.end_m - s.start_m)]
    if sheet.route.unsurveyed_m is None:
        out.append(_p(UNKNOWN_NOTE, BODY))
        return out
    if not has_unsurveyed(stats.unsurveyed_m):
        out.append(_p("Aucun : tout le parcours suit des chemins relevés.", BODY))
        return out
    out.append(_p(f"{gpx_note(stats.unsurveyed_m)} Ils sont en tirets sur la carte.", NOTE))
    rows = [[str(n), _km(s.start_m), _km(s.end_m), length_text(s.end_m - s.start_m),
             source_label(s.name)] for n, s in enumerate(stretches, start=1)]
    out.append(_table(["N°", "km de début", "km de fin", "Longueur", "Nature"], rows,
                      [0.06, 0.14, 0.14, 0.14, 0.52]))
    return out


def _waypoint_rows(sheet: Sheet) -> list[list[str]]:
    stats = sheet.stats
    kinds = {w.label: w.kind.label for w in sheet.fmt.waypoints}
    stops = sheet.route.stops
    known = stats.profile.available

    def climbed(value: float) -> str:
        return f"{value:.0f} m" if known else "inconnu"

    rows = [["D", stops[0].label if stops else "Départ", "Départ", "0,0", climbed(0.0), ""]]
    for number_, mark in enumerate(stats.waypoints, start=1):
        off = f"{mark.offset_m:.0f} m" if mark.offset_m >= 50 else ""
        rows.append([str(number_), mark.label, kinds.get(mark.label, ""),
                     _km(mark.distance_m), climbed(mark.climb_m), off])
    rows.append(["A", stops[-1].label if stops else "Arrivée", "Arrivée", _km(stats.length_m),
                 climbed(stats.d_plus), ""])
    return rows


def _cue_table(sheet: Sheet) -> list[Flowable]:
    """The cue sheet the participants' files carry (app.exports): same km, D+, times."""
    course = course_of_format(sheet.event, sheet.fmt, osm=sheet.uses_osm,
                              landmarks=sheet.landmarks)
    rows = [list(row.cells()[1:7]) for row in cue_rows(course)]
    pace = course.pace.french() if course.pace else "aucune"
    return [CondPageBreak(4 * cm), Paragraph("Feuille de route : heures de passage", H2),
            _p(f"Allure : {pace}. D+ mesuré sur les altitudes du tracé exporté "
               "(« inconnu » sans altitude). Mêmes chiffres que le CSV, le classeur et la page "
               "des participants.", NOTE),
            _table(["km", "D+", "Point", "Type", "Heure prévue", "Barrière"], rows,
                   [0.07, 0.09, 0.42, 0.16, 0.13, 0.13])]


def _tables(sheet: Sheet) -> list[Flowable]:
    stats = sheet.stats
    out: list[Flowable] = [Paragraph("Profil altimétrique", H2),
                           elevation_profile(stats.profile, stats.waypoints, summits=stats.summits,
                                             width=CONTENT_W,
                                             height=5.2 * cm)]
    if not stats.profile.available:
        out.append(_p("Aucune altitude dans le réseau et aucun terril de hauteur connue sur le "
                      "parcours : le D+ est inconnu. Importez un MNT (--dem) ou téléchargez les "
                      "altitudes (« cavalier elevation download »).", NOTE))
    elif stats.profile.is_estimate:
        out.append(_p("Aucune altitude dans le réseau : le profil et le D+ sont une estimation "
                      "tirée de la hauteur connue des terrils traversés (cône sur le rayon du "
                      "terril). Importez un MNT pour un profil mesuré.", NOTE))
    climb_note = " (estimation)" if stats.profile.is_estimate else ""
    out += [Paragraph("Points du parcours", H2),
            _table(["N°", "Point", "Type", "km", f"D+ cumulé{climb_note}", "Écart au tracé"],
                   _waypoint_rows(sheet), [0.06, 0.44, 0.16, 0.09, 0.13, 0.12])]
    out += _unsurveyed(sheet)
    out += _cue_table(sheet)
    out += [CondPageBreak(4 * cm), Paragraph("Points de rupture et postes de signaleurs", H2)]
    if sheet.marshal_posts:
        rows = [[f"R{p.number}", _km(p.rupture.distance_m), p.rupture.label,
                 p.rupture.detail, p.post or "1 signaleur — poste à placer"]
                for p in sheet.marshal_posts]
        out.append(_table(["N°", "km", "Traversée", "Type", "Poste de signaleur"], rows,
                          [0.06, 0.08, 0.44, 0.12, 0.30]))
    elif not sheet.stats.crossings_known:
        out.append(_p("Traversées inconnues (réseau sans routes) : le réseau ne contient ni "
                      "routes ni voies ferrées, repérez les traversées sur le terrain.", BODY))
    else:
        out.append(_p("Aucun point de rupture sur ce parcours.", BODY))
    return out


def _crossings(sheet: Sheet) -> list[Flowable]:
    stats = sheet.stats
    out: list[Flowable] = [CondPageBreak(6 * cm), Paragraph("Communes traversées", H2)]
    communes = _grouped(stats.communes)
    out.append(_p(f"{len(communes)} communes, dans l'ordre du parcours. Méthode : "
                  f"{stats.commune_method}.", NOTE))
    out.append(_table(["Commune", "km d'entrée", "km de sortie", "Longueur (km)"],
                      [[n, _km(a), _km(b), _km(t)] for n, a, b, t in communes],
                      [0.49, 0.17, 0.17, 0.17]))
    out += [CondPageBreak(5 * cm), Paragraph("Voies empruntées", H2)]
    roads = _grouped(stats.roads)
    if roads:
        out.append(_table(["Voie", "km de début", "Longueur (km)"],
                          [[n, _km(a), _km(t)] for n, a, _, t in roads], [0.66, 0.17, 0.17]))
    else:
        out.append(_p("Aucune voie nommée dans le réseau sur ce parcours.", BODY))
    crossed = list(dict.fromkeys((m.label, m.detail) for m in stats.ruptures))
    out.append(KeepTogether([
        Paragraph("Routes et voies ferrées traversées", H2),
        _table(["Traversée", "Type"], [[label, kind] for label, kind in crossed], [0.8, 0.2])
        if crossed else _p("Aucune.", BODY)]))
    return out


def _footer(generated: str) -> Callable[[Any, Any], None]:
    def draw(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 7.5)
        canvas.setFillColor(colors.HexColor("#666666"))
        canvas.drawString(MARGIN, 0.9 * cm, f"Cavalier — roadbook édité le {generated}")
        canvas.drawRightString(PAGE_W - MARGIN, 0.9 * cm, f"page {doc.page}")
        canvas.restoreState()
    return draw


def write_roadbook(sheets: Sequence[Sheet], network: Network, path: Path, *,
                   progress: ProgressCallback | None = None,
                   cancel: CancelCallback | None = None) -> int:
    """Write the roadbook of ``sheets`` to ``path``; returns the number of pages."""
    story: list[Flowable] = []
    for index, sheet in enumerate(sheets):
        if cancel is not None and cancel():
            raise OperationCancelled("Roadbook annulé.")
        if progress is not None:
            progress(index / max(len(sheets), 1), f"Mise en page de « {sheet.fmt.name} »…")
        if index:
            story.append(PageBreak())
        story += _header(sheet) + _map_page(sheet, network) + [PageBreak()]
        story += _tables(sheet) + _crossings(sheet)
    event = sheets[0].event if sheets else None
    credits = list(dict.fromkeys(a for sheet in sheets for a in sheet.attributions))
    subject = "Données du réseau : " + " ; ".join(credits) if credits else ""
    footer = _footer(dt.date.today().strftime("%d/%m/%Y"))
    with atomic_output(path, error=RoadbookError) as temporary:
        doc = SimpleDocTemplate(str(temporary), pagesize=A4, leftMargin=MARGIN,
                                rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=1.6 * cm,
                                title=f"Carnet de route — {event.name if event else ''}",
                                author=event.files_author if event else "", creator="Cavalier",
                                subject=subject, lang="fr-FR")
        doc.build(story, onFirstPage=footer, onLaterPages=footer)
    if progress is not None:
        progress(1.0, "Roadbook écrit.")
    return int(doc.page)
