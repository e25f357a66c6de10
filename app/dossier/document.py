"""The declaration file as a PDF (reportlab platypus), in the roadbook's style."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
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

from app.dates import event_days, french_date
from app.dossier import firstaid, protected, rules
from app.dossier.content import Dossier, DossierError, FormatDossier
from app.dossier.declaration import Declaration, department_label
from app.dossier.sections import HEADER as SECTION_HEADER
from app.dossier.sections import post_type, section_rows
from app.pdf_table import page_footer, styled_table
from app.roadbook.content import distance_text, french_time, organiser_line, passage_text
from app.roadbook.document import BODY, CELL, CONTENT_W, H2, MARGIN, NOTE, SUBTITLE, TITLE
from app.roadbook.mapdraw import course_map, legend
from app.sheet import CourseSheet, MarshalPost
from routes.errors import french_reason
from routes.frenchfmt import NBSP, NNBSP, km_cell, length_cell, number
from routes.network.model import Network
from routes.progress import CancelCallback, OperationCancelled, ProgressCallback

PAGE_W, _ = A4
#: Route length drawn on one map: about 1:30 000 on the page width, legible for a marshal.
SECTION_M = 5000.0
MAP_H = 11.2 * cm
HEAD = ParagraphStyle("th-dossier", parent=CELL, fontName="Helvetica-Bold")
WARN = ParagraphStyle("alerte", parent=BODY, textColor=colors.HexColor("#9c2a00"))
_WINANSI = {NNBSP: NBSP, "≤": "<=", "≥": ">=", "→": "-", "≈": "~", "…": "..."}


def pdf_text(value: str) -> str:
    for char, replacement in _WINANSI.items():
        value = value.replace(char, replacement)
    return escape(value)


def _p(value: str, style: ParagraphStyle = CELL) -> Paragraph:
    return Paragraph(pdf_text(value), style)


def _date(day: dt.date | None) -> str:
    return f"{french_date(day)} ({day:%d/%m/%Y})" if day else "—"


def _time(moment: dt.time | None) -> str:
    return french_time(moment) if moment else "à préciser"


def table(header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float],
          *, height: float | None = None) -> Table:
    data: list[list[Any]] = [[_p(h, HEAD) for h in header]]
    data += [[_p(c) for c in row] for row in rows]
    heights = [None] + [height] * len(rows) if height else None
    return styled_table(data, [w * CONTENT_W for w in widths], heights=heights)


def _declaration_rows(declaration: Declaration) -> list[str]:
    if not declaration.required:
        return [", ".join(declaration.formats), "aucun", "—", declaration.note, "—", "—"]
    return [", ".join(declaration.formats), declaration.cerfa,
            " ; ".join(declaration.authorities), _date(declaration.deadline),
            _date(declaration.federation_opinion_by) if declaration.timed else "—",
            _date(declaration.marshal_list_by)]


def _cover(dossier: Dossier) -> list[Flowable]:
    event = dossier.event
    days = event_days(event.start_date, event.end_date)
    out: list[Flowable] = [
        Paragraph(pdf_text("Dossier de déclaration de manifestation sportive"), TITLE),
        Paragraph(pdf_text(f"{event.name} {event.edition_year} — {days}"), SUBTITLE),
        _p(f"Organisateur : {organiser_line(event)}"
           + (f". Lieu : {event.place}" if event.place else "")
           + f". Participants attendus : {event.headcount}. "
           f"Personnes attendues (participants, organisation, public) : {dossier.people}.", BODY),
        Paragraph("Formulaire, autorité et délais", H2),
        table(["Formats", "Formulaire", "Autorité(s) destinataire(s)", "Dépôt au plus tard",
               "Avis de la fédération avant", "Liste des signaleurs avant"],
              [_declaration_rows(d) for d in dossier.declarations],
              [0.17, 0.13, 0.2, 0.18, 0.16, 0.16])]
    used = {d.cerfa_rule.key for d in dossier.declarations if d.cerfa_rule}
    notes = [r for r in rules.ALL_RULES if r.key in used or r.key in {
        "autorite", "signaleurs"} or (r.key == "delai-chrono" and any(
            d.timed for d in dossier.declarations))]
    for rule in notes:
        flag = "" if rule.confirmed else " [à confirmer]"
        out.append(_p(f"{rule.statement}{flag} — Source : {rule.source}.", NOTE))
    departments = sorted({d for f in dossier.formats for d in f.departments})
    out.append(_p("Départements traversés : " + (", ".join(department_label(d)
                                                           for d in departments) or "aucun"),
                  BODY))
    if dossier.warnings:
        out.append(Paragraph("Points d'attention", H2))
        out += [_p(f"• {w}", WARN) for w in dossier.warnings]
    return out


def _summary(fmt: FormatDossier) -> Table:
    checks, sheet = fmt.checks, fmt.sheet
    share = checks.paved_share
    limit = " (limite FFA : 25 %)" if checks.applies_ffa else ""
    paved = (f"{number(share * 100, 0)} % des sections de revêtement connu{limit}"
             if share is not None else "revêtement inconnu")
    rows = [("Date et départ", f"{french_date(fmt.day)}, {_time(fmt.fmt.start_time)}"),
            ("Distance", distance_text(sheet)),
            ("Dénivelé positif (D+)", checks.climb_text()),
            ("Km-effort (km + D+/100)", checks.effort_text()),
            ("Catégorie FFA", checks.category if checks.applies_ffa else "sans objet"),
            ("Part revêtue", paved),
            ("Non relevé (lignes droites)", f"{km_cell(checks.unsurveyed_m)} km"
             + (" — à reconnaître avant balisage" if checks.unsurveyed_m > 0 else "")),
            ("Barrière horaire d'arrivée", passage_text(sheet, fmt.cutoff)),
            ("Allure du format (hypothèse)",
             "celle de chaque discipline (voir « Sections de l'épreuve »)" if section_rows(sheet)
             else sheet.pace.french() if sheet.pace else "aucune"),
            ("Départements", ", ".join(department_label(d) for d in fmt.departments)
             or "inconnus")]
    data = [[_p(k, HEAD), _p(v)] for k, v in rows]
    result = Table(data, colWidths=[0.32 * CONTENT_W, 0.68 * CONTENT_W])
    result.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#aaaaaa")),
                                ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f0ede6"))]))
    return result


def _itinerary(fmt: FormatDossier) -> list[Flowable]:
    sheet = fmt.sheet
    out: list[Flowable] = [
        Paragraph(pdf_text(f"Itinéraire — {fmt.fmt.name}"), TITLE), _summary(fmt),
        *_legs(fmt),
        Paragraph("Communes traversées", H2),
        _p(f"{len(fmt.communes)} communes. Méthode : {sheet.commune_method}.", NOTE),
        table(["Commune", "Code INSEE", "Département", "km d'entrée", "Longueur (km)"],
              [[c.name, c.insee or "?", department_label(c.department), km_cell(c.first_m),
                length_cell(c.length_m)] for c in fmt.communes],
              [0.34, 0.14, 0.22, 0.15, 0.15])]
    out += [CondPageBreak(4 * cm), Paragraph("Voies empruntées", H2)]
    roads: dict[str, list[float]] = {}
    for span in sheet.roads:
        entry = roads.setdefault(span.name, [span.start_m, 0.0])
        entry[1] += span.end_m - span.start_m
    out.append(table(["Voie", "km de début", "Longueur (km)"],
                     [[n, km_cell(a), km_cell(t)] for n, (a, t) in roads.items()],
                     [0.66, 0.17, 0.17])
               if roads else _p("Aucune voie nommée dans le réseau sur ce parcours.", BODY))
    out += [CondPageBreak(4 * cm), Paragraph("Routes et voies ferrées traversées", H2)]
    post_at = {round(p.distance_m): p.number for p in fmt.posts}
    rows = [[km_cell(c.distance_m), c.label, c.kind or "—",
             "oui" if c.at_grade_road else "non (dénivelé ou voie ferrée)",
             str(post_at.get(round(c.distance_m), "—")), c.commune] for c in fmt.crossings]
    out.append(table(["km", "Traversée", "Type", "Route à niveau", "Poste", "Commune"], rows,
                     [0.07, 0.4, 0.11, 0.17, 0.07, 0.18])
               if rows else _p("Aucune traversée connue du réseau sur ce parcours.", BODY))
    return out


def _legs(fmt: FormatDossier) -> list[Flowable]:
    """« Sections de l'épreuve »: each leg of a multisport stage with its discipline (nothing
    for a course of one discipline: the whole itinerary is its one section)."""
    rows = section_rows(fmt.sheet)
    if not rows:
        return []
    moving = sum(1 for leg in fmt.sheet.timetable.legs if leg.moving) \
        if fmt.sheet.timetable else 0
    return [Paragraph("Sections de l'épreuve", H2),
            _p(f"Épreuve multisport en {len(rows)} sections, dont {moving} parcourues ; chaque "
               "section est déclarée avec sa discipline. Passage des équipes : heure prévue du "
               "début de la section pour les premières équipes – barrière horaire de sa fin "
               "(allure de chaque discipline ; transitions et épreuves ajoutent leur durée et "
               "leur temps limite).", NOTE),
            table(SECTION_HEADER, [r.cells() for r in rows],
                  [0.05, 0.1, 0.17, 0.11, 0.07, 0.22, 0.13, 0.15])]


def _sections(sheet: CourseSheet) -> list[tuple[float, float, list[list[float]]]]:
    """The course cut into about :data:`SECTION_M` long pieces (sheet metres, vertices)."""
    count = max(1, round(sheet.length_m / SECTION_M))
    size = sheet.length_m / count
    vertex_m = sheet.cumulative_m.tolist()
    lonlat = sheet.lonlat.tolist()
    out = []
    for index in range(count):
        start, end = index * size, (index + 1) * size
        keep = [i for i, d in enumerate(vertex_m) if start <= d <= end]
        first = max(0, (keep[0] if keep else 0) - 1)
        last = min(len(lonlat) - 1, (keep[-1] if keep else 0) + 1)
        out.append((start, end, [list(c[:2]) for c in lonlat[first:last + 1]]))
    return out


def _maps(fmt: FormatDossier, network: Network, osm_credit: bool) -> list[Flowable]:
    out: list[Flowable] = [PageBreak(), Paragraph(pdf_text(
        f"Cartes des postes de signaleurs — {fmt.fmt.name}"), H2)]
    for number_, (start, end, coords) in enumerate(_sections(fmt.sheet), start=1):
        posts = [p for p in fmt.posts if start <= p.distance_m <= end]
        drawing = course_map(network, coords, [], posts, width=CONTENT_W, height=MAP_H,
                             osm_credit=osm_credit, post_labels=[str(p.number) for p in posts],
                             show_ends=False)
        caption = (f"Section {number_} : km {km_cell(start)} à {km_cell(end)} — postes "
                   f"{', '.join(str(p.number) for p in posts) or 'aucun'}")
        out.append(KeepTogether([_p(caption, BODY), drawing, Spacer(1, 4)]))
    out.append(legend(CONTENT_W, with_waypoints=False, with_ruptures=True))
    out.append(_p("Les carrés orange portent le numéro du poste de signaleur.", NOTE))
    out.append(_p("Cartes : " + dossier_network_note(fmt), NOTE))
    return out


def dossier_network_note(fmt: FormatDossier) -> str:
    sections = len(_sections(fmt.sheet))
    return (f"{sections} tronçon(s) d'environ {number(SECTION_M / 1000, 0)} km, chacun à sa "
            "propre échelle (barre d'échelle sur la carte). Tracé des lignes schématique ; "
            "vérifier sur le terrain.")


def _post_rows(sheet: CourseSheet, posts: Sequence[MarshalPost]) -> list[list[str]]:
    return [[str(p.number), km_cell(p.distance_m), post_type(p),
             p.road, p.commune,
             f"{p.lat:.5f}, {p.lon:.5f}", passage_text(sheet, p.head),
             passage_text(sheet, p.cutoff), str(p.marshals)] for p in posts]


def _posts(fmt: FormatDossier) -> list[Flowable]:
    out: list[Flowable] = [PageBreak(), Paragraph(pdf_text(
        f"Postes de signaleurs — {fmt.fmt.name}"), H2)]
    if not fmt.posts:
        return [*out, _p("Aucune traversée à niveau ni aucun passage sur une route ouverte "
                         "connus du réseau : aucun poste.", BODY)]
    pace = fmt.sheet.pace.french() if fmt.sheet.pace else "aucune"
    out.append(_p(f"{len(fmt.posts)} postes, {sum(p.marshals for p in fmt.posts)} signaleurs. "
                  f"Passage prévu et barrière horaire selon l'allure du format ({pace}) ; "
                  "numéros des postes identiques à ceux du carnet de route.", NOTE))
    out.append(table(["N°", "km", "Type", "Voie", "Commune", "Position (lat, lon)",
                      "Passage prévu", "Barrière horaire", "Signa- leurs"],
                     _post_rows(fmt.sheet, fmt.posts),
                     [0.05, 0.06, 0.11, 0.22, 0.13, 0.15, 0.1, 0.1, 0.08]))
    out += [CondPageBreak(6 * cm), Paragraph("Liste des signaleurs (à remplir)", H2),
            _p(rules.MARSHAL_LIST.statement + f" Source : {rules.MARSHAL_LIST.source}.", NOTE)]
    rows = [[str(p.number), "", "", "", ""] for p in fmt.posts for _ in range(p.marshals)]
    out.append(table(["Poste", "Nom", "Prénom", "Date et lieu de naissance",
                      "N° de permis de conduire"], rows, [0.08, 0.22, 0.2, 0.28, 0.22],
                     height=0.75 * cm))
    return out


def _protected(dossier: Dossier) -> list[Flowable]:
    out: list[Flowable] = [PageBreak(), Paragraph("Espaces protégés traversés", H2)]
    rows = [[f.fmt.name, a.area.name, protected.KINDS.get(a.area.kind, a.area.kind),
             km_cell(a.length_m)] for f in dossier.formats for a in f.areas]
    out.append(table(["Format", "Espace", "Type", "Longueur dedans (km)"], rows,
                     [0.2, 0.4, 0.25, 0.15]) if rows
               else _p("Aucun des espaces fournis n'est traversé.", BODY))
    out.append(_p("Couches consultées : " + (" ; ".join(dossier.protected_sources) or "aucune"),
                  NOTE))
    incidence = ("oui" if dossier.incidence_needed else
                 "non" if dossier.natura_layer else "non vérifiable (aucune couche Natura 2000)")
    out.append(_p(f"Évaluation des incidences Natura 2000 requise : {incidence}. "
                  f"{rules.NATURA_2000.statement} Source : {rules.NATURA_2000.source}.", BODY))
    nesting = (f"oui, terrils {', '.join(dossier.nesting_terrils)}" if dossier.nesting_terrils
               else "non")
    out.append(_p(f"Période de nidification sur terrils : {nesting}. {rules.NESTING.statement}",
                  BODY))
    return out


def _first_aid(dossier: Dossier) -> list[Flowable]:
    cover = dossier.first_aid
    inputs = cover.inputs
    rows = [["Participants présents simultanément", str(inputs.participants)],
            ["Public présent simultanément", str(inputs.public)],
            ["P (effectif pris en compte)", number(cover.people, 0)],
            ["P2 comportement", f"{number(inputs.behaviour, 2)} — "
             f"{firstaid.BEHAVIOUR.get(inputs.behaviour, '')}"],
            ["E1 environnement et accessibilité", f"{number(inputs.environment, 2)} — "
             f"{firstaid.ENVIRONMENT.get(inputs.environment, '')}"],
            ["E2 délai d'intervention des secours", f"{number(inputs.delay, 2)} — "
             f"{firstaid.DELAY.get(inputs.delay, '')}"],
            ["Indice total de risque i", number(cover.index, 2)],
            ["RIS = i × P / 1000", number(cover.ris, 3)],
            ["Dispositif", cover.cover],
            ["Intervenants secouristes", str(cover.rescuers)]]
    out: list[Flowable] = [CondPageBreak(9 * cm), Paragraph("Dispositif de secours (RNMSC-DPS)",
                                                             H2),
                           table(["Indicateur", "Valeur"], rows, [0.45, 0.55])]
    if cover.note:
        out.append(_p(cover.note, WARN))
    for rule in (rules.DPS_GRID, rules.DPS_CATEGORIES):
        flag = "" if rule.confirmed else " [à confirmer]"
        out.append(_p(f"{rule.statement}{flag} Source : {rule.source}.", NOTE))
    return out


def _sources() -> list[Flowable]:
    rows = [[r.statement + ("" if r.confirmed else " [à confirmer]"),
             f"{r.source} — {r.url}"] for r in rules.ALL_RULES]
    return [PageBreak(), Paragraph("Règles appliquées et leurs sources", H2),
            table(["Règle", "Source"], rows, [0.55, 0.45])]


def write_dossier(dossier: Dossier, network: Network, path: Path, *,
                  progress: ProgressCallback | None = None,
                  cancel: CancelCallback | None = None) -> int:
    """Write the file to ``path``; returns the number of pages."""
    story = _cover(dossier)
    for fmt in dossier.formats:
        if cancel is not None and cancel():
            raise OperationCancelled("Dossier annulé.")
        if progress is not None:
            progress(0.85, f"Mise en page de « {fmt.fmt.name} »…")
        story += [PageBreak(), *_itinerary(fmt), *_maps(fmt, network, dossier.uses_osm),
                  *_posts(fmt)]
    story += _protected(dossier) + _first_aid(dossier) + _sources()
    event = dossier.event
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN, bottomMargin=1.6 * cm,
                            title=f"Dossier de déclaration — {event.name}",
                            author=event.files_author, creator="Cavalier", lang="fr-FR")
    footer = page_footer("dossier de déclaration", dt.date.today().strftime("%d/%m/%Y"))
    try:
        doc.build(story, onFirstPage=footer, onLaterPages=footer)
    except OSError as exc:
        raise DossierError(f"Impossible d'écrire « {path} » : {french_reason(exc)}") from exc
    return int(doc.page)
