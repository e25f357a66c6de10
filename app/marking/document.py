"""The marking plan PDF (reportlab platypus) and its workbook: summary, shared junctions once,
then per format its decisions in course order, partings, repeated sections, tape per km, km
markers and teams."""

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
    Flowable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
)

from app.marking.content import (
    REASSURANCE_M,
    TAPES,
    FormatPlan,
    MarkingError,
    MarkingPlan,
    km_text,
)
from app.marking.junction_map import junction_drawing
from app.pdf_table import page_footer, styled_table
from routes.atomic import atomic_output
from routes.frenchfmt import NBSP, NNBSP, number
from routes.outputs.decisions import TURN_TEXT, Decision, Section

PAGE_W, PAGE_H = A4
MARGIN = 1.4 * cm
CONTENT_W = PAGE_W - 2 * MARGIN
MAP_SIZE = 2.3 * cm

_styles = getSampleStyleSheet()
TITLE = ParagraphStyle("titre", parent=_styles["Title"], fontSize=17, spaceAfter=4)
H2 = ParagraphStyle("section", parent=_styles["Heading2"], fontSize=12, spaceBefore=8,
                    spaceAfter=4)
BODY = ParagraphStyle("texte", parent=_styles["BodyText"], fontSize=8.5, leading=10.5)
CELL = ParagraphStyle("cellule", parent=BODY, fontSize=8, leading=9.5)
BOLD = ParagraphStyle("gras", parent=CELL, fontName="Helvetica-Bold")
NOTE = ParagraphStyle("note", parent=BODY, fontSize=7.5, textColor=colors.HexColor("#555555"))


def _text(value: str) -> str:
    return escape(value.replace(NNBSP, NBSP).replace("→", "-").replace("≈", "~"))


def _p(value: str, style: ParagraphStyle = CELL) -> Paragraph:
    return Paragraph(_text(value), style)


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]], widths: Sequence[float],
           *, repeat: bool = True) -> Table:
    data: list[list[Any]] = [[_p(h, BOLD) for h in header]]
    data += [[c if isinstance(c, Flowable) else _p(str(c)) for c in row] for row in rows]
    return styled_table(data, [w * CONTENT_W for w in widths], repeat=repeat)


def instruction(decision: Decision) -> str:
    text = decision.instruction[:1].upper() + decision.instruction[1:]
    if decision.reason and decision.reason not in ("virage", "demi-tour"):
        text += f" ({decision.reason})"
    return text


DIRECTION_TEXT = {"same": "même sens", "opposite": "sens inverse", "crossing": "croise"}


def _others(decision: Decision) -> str:
    seen = dict.fromkeys(f"{p.format_name} ({DIRECTION_TEXT[p.direction]}) : "
                         f"{TURN_TEXT[p.turn] if p.turn else 'tout droit'}"
                         f" (km {km_text(p.distance_m)})" for p in decision.others)
    return " ; ".join(seen)


def _summary(plan: MarkingPlan) -> list[Flowable]:
    rows = [[f.name, km_text(f.length_m), str(len(f.points)), str(f.arrows), str(f.tapes)]
            for f in plan.formats]
    rows.append(["Événement", "", "", str(plan.arrows), str(plan.tapes)])
    rule = (f"Comptage : une flèche par carrefour ; rubalise avant le carrefour et de "
            f"confirmation après ({TAPES['left']} pour un virage, {TAPES['straight']} tout droit "
            f"ou au demi-tour), une de plus pour barrer chaque autre chemin, et une de "
            f"réassurance tous les {number(REASSURANCE_M, 0)} m. Les carrefours communs à "
            "plusieurs formats (C1, C2…) sont balisés une fois, une flèche par direction, par les "
            "équipes du premier format qui y passe.")
    return [Paragraph(_text(f"Plan de balisage — {plan.event}"), TITLE),
            _table(["Format", "Km", "Carrefours", "Flèches à poser", "Rubalise à poser"], rows,
                   [0.4, 0.12, 0.16, 0.16, 0.16]),
            Spacer(1, 4),
            _p(f"Pour tout l'événement (carrefours communs comptés une fois) : {plan.arrows} "
               f"flèches, {plan.tapes} rubalises.", BODY),
            _p(rule, NOTE)]


def _shared(plan: MarkingPlan) -> list[Flowable]:
    if not plan.shared:
        return []
    rows = []
    for s in plan.shared:
        passages = "\n".join(f"{name} : km {km_text(at)}, {text}" for name, at, text in s.passages)
        rows.append([f"C{s.number}", junction_drawing(s.decision, MAP_SIZE),
                     _p(passages.replace("\n", " ; ")), s.decision.way_name or "—",
                     f"{s.arrows} / {s.tapes}"])
    return [PageBreak(), Paragraph("Carrefours communs à plusieurs formats (balisés une fois)",
                                   H2),
            _table(["N°", "Carrefour", "Passages (format : km, direction)", "Voie prise",
                    "Flèches / rubalise"], rows, [0.06, 0.16, 0.46, 0.2, 0.12])]


def _section_line(section: Section) -> str:
    first, *rest = section.passages
    if section.kind == "out_and_back":
        back = rest[0]
        return (f"Aller-retour : km {km_text(first.start_m)} à {km_text(first.end_m)} à "
                f"l'aller, km {km_text(back.start_m)} à {km_text(back.end_m)} au retour : "
                "flèches dans les deux sens.")
    others = "; ".join(f"« {p.format_name} » km {km_text(p.start_m)} à {km_text(p.end_m)}"
                       f"{' en sens inverse' if p.reverse else ''}" for p in rest)
    return (f"Section commune : km {km_text(first.start_m)} à {km_text(first.end_m)} ({others})"
            " : flèches de chaque format.")


def _format(plan: FormatPlan, owners: dict[int, tuple[str, float]]) -> list[Flowable]:
    """One format's pages; ``owners``: shared junction number -> (format, distance) of the
    passage whose teams mark it."""
    out: list[Flowable] = [PageBreak(), Paragraph(_text(f"{plan.name}"), TITLE),
                           _p(f"{km_text(plan.length_m)} km ; {len(plan.points)} carrefours ; "
                              f"{plan.arrows} flèches et {plan.tapes} rubalises à poser par "
                              "ses équipes.", BODY)]
    if plan.partings:
        out += [Paragraph("Où les formats se séparent", H2),
                *(_p(line, BODY) for line in plan.partings)]
    if plan.sections:
        out += [Paragraph("Sections aller-retour et communes", H2),
                *(_p(_section_line(s), BODY) for s in plan.sections)]
    rows = []
    for point in plan.points:
        d = point.decision
        owner = owners.get(point.shared or 0, ("", 0.0))
        shared = ("" if point.shared is None else
                  f"carrefour commun C{point.shared}, balisé ici pour tous" if point.marks_shared
                  else f"carrefour commun C{point.shared}, balisé au km "
                  f"{km_text(owner[1])}" + (f" de « {owner[0]} »" if owner[0] != plan.name
                                              else ""))
        counts = (f"{point.arrows} / {point.tapes}"
                  if point.shared is None or point.marks_shared else "—")
        rows.append([point.label, km_text(point.distance_m), junction_drawing(d, MAP_SIZE),
                     _p(instruction(d), BOLD), d.way_name or "—",
                     "; ".join(t for t in (shared, _others(d)) if t) or "—", counts])
    out += [Paragraph("Carrefours dans l'ordre du parcours", H2),
            _table(["N°", "Km", "Carrefour", "Direction", "Voie prise", "Autres formats",
                    "Flèches / rubalise"], rows, [0.065, 0.065, 0.15, 0.16, 0.2, 0.25, 0.11])]
    per_km = [[f"km {k} à {k + 1}", str(n)] for k, n in enumerate(plan.tapes_per_km)]
    half = (len(per_km) + 1) // 2
    paired = [[*a, *(per_km[half + i] if half + i < len(per_km) else ["", ""])]
              for i, a in enumerate(per_km[:half])]
    out += [Paragraph("Rubalise par kilomètre", H2),
            _table(["Km", "Rubalises", "Km", "Rubalises"], paired, [0.3, 0.2, 0.3, 0.2])]
    if plan.km_markers:
        out += [Paragraph("Panneaux kilométriques (tous les 5 km)", H2),
                _table(["Panneau", "Latitude", "Longitude"],
                       [[f"km {m.km}", number(m.lat, 5), number(m.lon, 5)]
                        for m in plan.km_markers], [0.3, 0.35, 0.35])]
    out += [Paragraph(f"Équipes de baliseurs ({len(plan.teams)})", H2),
            _table(["Équipe", "De", "À", "Départ (lat., long.)", "Carrefours", "Flèches",
                    "Rubalise"],
                   [[str(t.number), f"km {km_text(t.start_m)}", f"km {km_text(t.end_m)}",
                     f"{number(t.lat, 5)}, {number(t.lon, 5)}", str(t.points), str(t.arrows),
                     str(t.tapes)] for t in plan.teams],
                   [0.1, 0.12, 0.12, 0.3, 0.12, 0.12, 0.12])]
    return out


def write_marking_pdf(plan: MarkingPlan, path: Path, *, author: str = "") -> int:
    """Write the plan to ``path`` (all or nothing); returns the number of pages."""
    story: list[Flowable] = _summary(plan) + _shared(plan)
    owners = {p.shared: (f.name, p.distance_m) for f in plan.formats for p in f.points
              if p.marks_shared and p.shared is not None}
    for fmt in plan.formats:
        story += _format(fmt, owners)
    footer = page_footer("plan de balisage", dt.date.today().strftime("%d/%m/%Y"))
    with atomic_output(path, error=MarkingError) as temporary:
        doc = SimpleDocTemplate(str(temporary), pagesize=A4, leftMargin=MARGIN,
                                rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=1.5 * cm,
                                title=f"Plan de balisage — {plan.event}", author=author,
                                creator="Cavalier", lang="fr-FR")
        doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return int(doc.page)


def write_marking_xlsx(plan: MarkingPlan, path: Path) -> Path:
    """One sheet with every decision of every format (for sorting and printing by team)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Balisage"
    sheet.append(["Format", "N°", "Km", "Direction", "Voie prise", "Autres formats", "Flèches",
                  "Rubalise", "Équipe", "Latitude", "Longitude"])
    for fmt in plan.formats:
        for point in fmt.points:
            team = next((t.number for t in fmt.teams
                         if t.start_m <= point.distance_m <= t.end_m), "")
            d = point.decision
            placed = point.shared is None or point.marks_shared
            sheet.append([fmt.name, point.label, round(point.distance_m / 1000.0, 2),
                          instruction(d), d.way_name, _others(d),
                          point.arrows if placed else None, point.tapes if placed else None,
                          team, round(d.lat, 6), round(d.lon, 6)])
    for column, width in zip("ABCDEFGHIJK", (18, 5, 7, 24, 32, 40, 8, 9, 7, 11, 11),
                             strict=True):
        sheet.column_dimensions[column].width = width
    with atomic_output(path, error=MarkingError) as temporary:
        book.save(temporary)
    return path
