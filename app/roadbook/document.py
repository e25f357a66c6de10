"""The roadbook PDF (reportlab platypus): per format, a map page then tables."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
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

from app.exports.courses import course_of_sheet
from app.exports.cues import cues_and_marks
from app.model import LegKind
from app.pdf_table import page_footer, styled_table
from app.roadbook.content import (
    RoadbookError,
    RoadbookPage,
    climb_so_far,
    kind_label,
    passage_text,
    post_guard,
    terril_text,
)
from app.roadbook.mapdraw import course_map, legend
from app.roadbook.profile import elevation_profile
from routes.atomic import atomic_output
from routes.frenchfmt import NBSP, NNBSP, km_cell, length_cell
from routes.gpx.model import GpxMeta
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


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]) -> Table:
    data: list[list[Any]] = [[_p(h, ParagraphStyle("th", parent=CELL, fontName="Helvetica-Bold"))
                              for h in header]]
    data += [[_p(c) for c in row] for row in rows]
    return styled_table(data, [w * CONTENT_W for w in widths])


def _grouped(spans: Sequence[Span]) -> list[tuple[str, float, float, float]]:
    """(name, first entry, last exit, total length) per name, in order of first entry."""
    groups: dict[str, list[float]] = {}
    for span in spans:
        entry = groups.setdefault(span.name, [span.start_m, span.end_m, 0.0])
        entry[1] = span.end_m
        entry[2] += span.end_m - span.start_m
    return [(name, a, b, total) for name, (a, b, total) in groups.items()]


def _header(page: RoadbookPage) -> list[Flowable]:
    rows = [[_p(k, ParagraphStyle("k", parent=CELL, fontName="Helvetica-Bold")), _p(v)]
            for k, v in page.header_rows()]
    table = Table(rows, colWidths=[0.3 * CONTENT_W, 0.7 * CONTENT_W])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#aaaaaa")),
                               ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f0ede6")),
                               ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]))
    return [Paragraph(_text(f"Carnet de route — {page.fmt.name}"), TITLE),
            Paragraph(_text(f"{page.event.name} {page.event.edition_year}"), SUBTITLE),
            table, Spacer(1, 6)]


def _map_page(page: RoadbookPage, network: Network) -> list[Flowable]:
    sheet = page.sheet
    unsurveyed = [(s.start_m, s.end_m) for s in sheet.unsurveyed]
    coords = sheet.lonlat.tolist()
    course = course_of_sheet(sheet, GpxMeta(page.event.name, sheet.format_name))
    marks = cues_and_marks(course, arrow_every_m=1500.0)[1]
    drawing = course_map(network, coords, sheet.waypoints, sheet.posts,
                         width=CONTENT_W, height=15.5 * cm, osm_credit=page.uses_osm,
                         visited=[t.ref for t in sheet.terrils_climbed], unsurveyed=unsurveyed,
                         length_m=sheet.length_m, marks=marks)
    note = (f"Réseau : {page.network_name}. Tracé des lignes schématique ; vérifier sur le "
            "terrain avant balisage.")
    if page.attributions:
        note += " Données : " + " ; ".join(page.attributions) + "."
    return [Paragraph("Carte du parcours", H2), drawing, Spacer(1, 3),
            legend(CONTENT_W, with_waypoints=bool(sheet.waypoints),
                   with_ruptures=bool(sheet.posts),
                   with_unsurveyed=has_unsurveyed(sheet.unsurveyed_m),
                   with_unknown=has_unknown_practicability(network.graph),
                   with_arrows=any(m.bearing_deg is not None for m in marks)),
            _p(note, NOTE)]


def _unsurveyed(page: RoadbookPage) -> list[Flowable]:
    """The stretches on straight connectors nobody surveyed, to check before marking, and the
    old lines whose practicability nobody knows."""
    sheet = page.sheet
    out: list[Flowable] = [CondPageBreak(4 * cm), Paragraph("Tronçons non relevés", H2)]
    if has_unsurveyed(sheet.unknown_practicability_m):
        out.append(_p(f"{length_text(sheet.unknown_practicability_m)} du parcours suivent "
                      "d'anciens tracés (voies ferrées, cavaliers) dont la praticabilité est "
                      "inconnue : à reconnaître avant balisage.", NOTE))
    stretches = [s for s in sheet.unsurveyed if has_unsurveyed(s.end_m - s.start_m)]
    if not has_unsurveyed(sheet.unsurveyed_m):
        out.append(_p("Aucun : tout le parcours suit des chemins relevés.", BODY))
        return out
    out.append(_p(f"{gpx_note(sheet.unsurveyed_m)} Ils sont en tirets sur la carte.", NOTE))
    rows = [[str(n), km_cell(s.start_m), km_cell(s.end_m), length_text(s.end_m - s.start_m),
             source_label(s.name)] for n, s in enumerate(stretches, start=1)]
    out.append(_table(["N°", "km de début", "km de fin", "Longueur", "Nature"], rows,
                      [0.06, 0.14, 0.14, 0.14, 0.52]))
    return out


def _waypoint_rows(page: RoadbookPage) -> list[list[str]]:
    sheet = page.sheet
    start, finish = sheet.points[0], sheet.finish
    rows = [["D", start.name, "Départ", km_cell(0.0), climb_so_far(sheet, start.climb_m), ""]]
    for number_, point in enumerate(sheet.waypoints, start=1):
        off = f"{point.offset_m:.0f} m" if point.offset_m >= 50 else ""
        rows.append([str(number_), point.name, kind_label(point), km_cell(point.distance_m),
                     climb_so_far(sheet, point.climb_m), off])
    rows.append(["A", finish.name, "Arrivée", km_cell(finish.distance_m),
                 climb_so_far(sheet, finish.climb_m), ""])
    return rows


def _passages(page: RoadbookPage) -> list[Flowable]:
    """Every point of the course with its expected time and cut-off: the cue sheet's figures
    (the participants' files read the same course sheet)."""
    sheet = page.sheet
    rows = [[km_cell(p.distance_m), climb_so_far(sheet, p.climb_m), p.name, kind_label(p),
             passage_text(sheet, p.head), passage_text(sheet, p.cutoff)] for p in sheet.points]
    pace = sheet.pace.french() if sheet.pace else "aucune"
    climb = ("D+ inconnu : les heures ne tiennent pas compte du dénivelé."
             if not sheet.climb.known else "")
    return [CondPageBreak(4 * cm), Paragraph("Feuille de route : heures de passage", H2),
            _p(f"Allure du format : {pace}. {climb}".strip(), NOTE),
            _table(["km", "D+", "Point", "Type", "Heure prévue", "Barrière"], rows,
                   [0.07, 0.09, 0.42, 0.16, 0.13, 0.13])]


def _posts(page: RoadbookPage) -> list[Flowable]:
    sheet = page.sheet
    out: list[Flowable] = [CondPageBreak(4 * cm), Paragraph("Postes de signaleurs", H2)]
    if sheet.posts:
        out.append(_p(f"{len(sheet.posts)} postes, numérotés comme dans le dossier de "
                      "déclaration : un par traversée de route à niveau et par entrée sur une "
                      "route ouverte ou sortie de celle-ci.", NOTE))
        rows = [[str(p.number), km_cell(p.distance_m), p.kind, p.road, p.commune,
                 passage_text(sheet, p.head), passage_text(sheet, p.cutoff), post_guard(p)]
                for p in sheet.posts]
        out.append(_table(["N°", "km", "Type", "Voie", "Commune", "Passage prévu", "Barrière",
                           "Signaleur"], rows,
                          [0.05, 0.06, 0.12, 0.22, 0.13, 0.1, 0.1, 0.22]))
    if not sheet.crossings_known:
        out.append(_p("Le réseau ne contient pas toutes les routes : d'autres traversées que "
                      "celles listées sont possibles, à repérer sur le terrain.", BODY))
    elif not sheet.posts:
        out.append(_p("Aucune traversée de route ni aucun passage sur une route ouverte sur ce "
                      "parcours.", BODY))
    return out


def _legs_timetable(page: RoadbookPage) -> list[Flowable]:
    """A multisport stage's timetable, leg by leg, as the course sheet computes it (transitions
    and épreuves included); nothing for a format without legs."""
    course, table = page.sheet, page.sheet.timetable
    if not page.fmt.legs or table is None:
        return []
    title = Paragraph("Horaire de l'étape, tronçon par tronçon", H2)
    if table.stale_legs:
        return [title, _p("Les tronçons de cette étape ne suivent plus son parcours (parcours "
                          "redessiné ou tronçons pas encore calculés) : heures calculées sur le "
                          "parcours entier, tronçons à recalculer.", NOTE)]
    rows = []
    for leg in table.legs:
        if leg.moving:
            what = f"{leg.title} ({leg.start_label} – {leg.end_label})"
            if leg.hand_drawn:
                what += " — tracé à la main, non relevé"
            km_text = f"{km_cell(leg.start_m)} – {km_cell(leg.end_m)}"
            climb = "inconnu" if leg.climb_m is None else f"{leg.climb_m:.0f} m"
        else:
            what = f"Épreuve : {leg.mark}" if leg.kind is LegKind.EPREUVE else leg.title
            km_text, climb = km_cell(leg.start_m), "—"
        rows.append([str(leg.number), what, km_text, climb,
                     f"{course.clock(leg.head_start)} – {course.clock(leg.head_end)}",
                     course.clock(leg.cutoff_end)])
    return [CondPageBreak(5 * cm), title,
            _p("Chaque tronçon à son allure ; transitions et épreuves ajoutent leur durée "
               "(heure prévue) et leur temps limite (barrière). Arrivée de l'étape : "
               f"{course.clock(table.head_finish)}, barrière {course.clock(table.cutoff_finish)}.",
               NOTE),
            _table(["N°", "Tronçon", "km", "D+", "Heure prévue", "Barrière"], rows,
                   [0.05, 0.42, 0.13, 0.10, 0.18, 0.12])]


def _terrils(page: RoadbookPage) -> list[Flowable]:
    sheet = page.sheet
    out: list[Flowable] = [CondPageBreak(4 * cm), Paragraph("Terrils", H2)]
    if not sheet.terrils:
        return [*out, _p("Aucun terril sur ce parcours.", BODY)]
    out.append(_p(f"{len(sheet.terrils_climbed)} gravi(s), {len(sheet.terrils_at_foot)} longé(s) "
                  "au pied.", NOTE))
    rows = [[km_cell(t.distance_m), t.label, terril_text(t)] for t in sheet.terrils]
    out.append(_table(["km", "Terril", "Passage"], rows, [0.08, 0.5, 0.42]))
    return out


def _tables(page: RoadbookPage) -> list[Flowable]:
    sheet = page.sheet
    out: list[Flowable] = [Paragraph("Profil altimétrique", H2),
                           elevation_profile(sheet, width=CONTENT_W, height=5.2 * cm)]
    if not sheet.climb.known:
        out.append(_p("Aucune altitude connue sur ce parcours : le D+ est inconnu.", NOTE))
    elif sheet.climb.estimated:
        out.append(_p("Profil et D+ estimés d'après la hauteur connue des terrils traversés "
                      "(cône sur le rayon du terril), sans relevé d'altitude.", NOTE))
    elif sheet.climb.missing_m >= 50:
        out.append(_p(f"Pas d'altitude sur {length_text(sheet.climb.missing_m)} du parcours "
                      "(sans profil ci-dessus) : le D+ est mesuré sur le reste.", NOTE))
    climb_note = " (estimation)" if sheet.climb.estimated else ""
    out += [Paragraph("Points du parcours", H2),
            _table(["N°", "Point", "Type", "km", f"D+ cumulé{climb_note}", "Écart au tracé"],
                   _waypoint_rows(page), [0.06, 0.44, 0.16, 0.09, 0.13, 0.12])]
    out += _unsurveyed(page)
    out += _passages(page)
    out += _posts(page)
    out += _terrils(page)
    return out


def _crossings(page: RoadbookPage) -> list[Flowable]:
    sheet = page.sheet
    out: list[Flowable] = [CondPageBreak(6 * cm), Paragraph("Communes traversées", H2)]
    out.append(_p(f"{len(sheet.communes)} communes, dans l'ordre du parcours. Méthode : "
                  f"{sheet.commune_method}.", NOTE))
    out.append(_table(["Commune", "Code INSEE", "km d'entrée", "Longueur (km)"],
                      [[c.name, c.insee or "?", km_cell(c.first_m), length_cell(c.length_m)]
                       for c in sheet.communes], [0.49, 0.17, 0.17, 0.17]))
    out += [CondPageBreak(5 * cm), Paragraph("Voies empruntées", H2)]
    roads = _grouped(sheet.roads)
    if roads:
        out.append(_table(["Voie", "km de début", "Longueur (km)"],
                          [[n, km_cell(a), km_cell(t)] for n, a, _, t in roads],
                          [0.66, 0.17, 0.17]))
    else:
        out.append(_p("Aucune voie nommée dans le réseau sur ce parcours.", BODY))
    rows = [[km_cell(c.distance_m), c.label, c.kind or "—"] for c in sheet.crossings]
    out.append(KeepTogether([
        Paragraph("Routes et voies ferrées traversées", H2),
        _table(["km", "Traversée", "Type"], rows, [0.08, 0.72, 0.2])
        if rows else _p("Aucune connue du réseau.", BODY)]))
    return out


def write_roadbook(pages: Sequence[RoadbookPage], network: Network, path: Path, *,
                   progress: ProgressCallback | None = None,
                   cancel: CancelCallback | None = None) -> int:
    """Write the roadbook of ``pages`` (one per format) to ``path``; returns the number of PDF
    pages."""
    story: list[Flowable] = []
    for index, page in enumerate(pages):
        if cancel is not None and cancel():
            raise OperationCancelled("Carnet de route annulé.")
        if progress is not None:
            progress(index / max(len(pages), 1), f"Mise en page de « {page.fmt.name} »…")
        if index:
            story.append(PageBreak())
        story += _header(page) + _map_page(page, network) + [PageBreak()]
        story += _tables(page) + _legs_timetable(page) + _crossings(page)
    event = pages[0].event if pages else None
    credits = list(dict.fromkeys(a for page in pages for a in page.attributions))
    subject = "Données du réseau : " + " ; ".join(credits) if credits else ""
    footer = page_footer("carnet de route", dt.date.today().strftime("%d/%m/%Y"))
    with atomic_output(path, error=RoadbookError) as temporary:
        doc = SimpleDocTemplate(str(temporary), pagesize=A4, leftMargin=MARGIN,
                                rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=1.6 * cm,
                                title=f"Carnet de route — {event.name if event else ''}",
                                author=event.files_author if event else "", creator="Cavalier",
                                subject=subject, lang="fr-FR")
        doc.build(story, onFirstPage=footer, onLaterPages=footer)
    if progress is not None:
        progress(1.0, "Carnet de route écrit.")
    return int(doc.page)
