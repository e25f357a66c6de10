"""The window's generation options build the command line's request; on the embedded network a
loop refusal says why and offers the two actions, with the closest courses marked."""

from __future__ import annotations

import pytest

from app import generation
from app.cli import build_parser
from app.cli.course_cmd import GenerationOptions, build_request
from routes.courses.generate import LOOP_TOLERANCE
from routes.frenchfmt import km_text
from ui.qt import QMessageBox


def test_options_give_the_command_lines_request(window) -> None:
    doc = window.document
    window.new_from_template("challenge-vtt-xc", 2026)
    window.on_place_clicked("T074")
    panel = window.route_panel
    folded = generation.course_request(doc.network, "loop", doc.plan, (), 6.0,
                                       panel.options())
    panel.options_box.setChecked(True)
    panel.tolerance.setValue(10)
    panel.max_reuse.setValue(40)
    panel.proposals.setValue(2)
    panel.within_terril.setChecked(True)
    asked = generation.course_request(doc.network, "loop", doc.plan, (), 6.0, panel.options())
    args = build_parser().parse_args(
        ["loop", "--start", "T074", "--length", "6km", "--profile", "vtt",
         "--length-tolerance", "10%", "--max-reuse", "40%", "--count", "2", "--within-terril"])
    cli = build_request(doc.network, "loop", "vtt", args.start, args.length,
                        GenerationOptions(tolerance=args.length_tolerance,
                                          max_reuse=args.max_reuse,
                                          within_terril=args.within_terril, count=args.count))
    for field in ("kind", "profile", "length_m", "tolerance", "max_reuse", "count", "area_name",
                  "max_overlap", "terril_count"):
        assert getattr(asked, field) == getattr(cli, field), field
    assert asked.area is not None and asked.area.equals(cli.area)
    assert asked.start.key == "T074"  # the place itself, as the CLI resolves « T074 »
    # Folded, the options are the command line's defaults.
    defaults = build_parser().parse_args(["loop", "--start", "T074", "--length", "6km"])
    assert (folded.tolerance or LOOP_TOLERANCE, folded.max_reuse, folded.count, folded.area) == (
        defaults.length_tolerance, defaults.max_reuse, defaults.count, None)


def test_within_terril_refusal_names_the_windows_check_box(window) -> None:
    doc = window.document
    window.new_from_template("challenge-vtt-xc", 2026)
    window.on_map_clicked(50.452, 2.80)  # a plain point, not a terril
    panel = window.route_panel
    panel.options_box.setChecked(True)
    panel.within_terril.setChecked(True)
    assert window.generate("loop", 6.0) is None
    assert len(window.warnings) == 1
    assert "« Rester sur le terril de départ » demande un départ sur un terril" \
        in window.warnings[0]
    assert "--" not in window.warnings[0]
    assert doc.plan.stops  # nothing else changed


@pytest.mark.parametrize("start", ["T074"])
def test_embedded_network_loop_refusal_offers_actions_and_out_and_backs(
        qtbot, window, start: str) -> None:
    window.new_from_template("trail-pyramides-noires", 2027)
    window.on_place_clicked(start)
    window.route_panel.target.setValue(6.0)
    asked: list[str] = []  # the menu actions' own methods, without their file dialogs
    window.import_tracks_dialog = lambda: asked.append("traces")
    window.download_basin_dialog = lambda: asked.append("osm")
    with qtbot.waitSignal(window.operation_done, timeout=120_000):
        window.route_panel.generate_buttons["loop"].click()
    assert window.warnings == []
    box = window.findChild(QMessageBox, "generation-refusal")
    assert box is not None and box.isVisible()
    text = box.text()
    assert "Aucune boucle de 6,0 km" in text
    assert "« Chemins repris au plus » dans Options" in text
    assert "--" not in text  # only what the window offers
    assert "aucun chemin sur les terrils et peu de croisements" in text
    buttons = {b.text(): b for b in box.buttons()}
    assert "Télécharger OpenStreetMap du Bassin minier" in buttons
    assert "Importer des traces de reconnaissance" in buttons
    buttons["Importer des traces de reconnaissance"].click()
    buttons["Télécharger OpenStreetMap du Bassin minier"].click()
    assert asked == ["traces", "osm"]
    # The closest courses, marked: the share ridden twice, out-and-back said.
    candidates = window.candidates.candidates
    assert candidates and all(not c.within_limits for c in candidates)
    # The closest loop the message names is the first one proposed.
    assert f"la plus proche fait {km_text(candidates[0].length_m, 2)}" in text
    panel = window.route_panel.candidates
    assert panel.note.isVisible() and "Aucun ne respecte les limites" in panel.note.text()
    reuse_tip = panel.table.item(0, 3).toolTip()
    assert "repris" in reuse_tip and "aller-retour" in reuse_tip
    # Distinct candidates, figures from the statistics the panel shows once chosen.
    assert len({round(c.length_m) for c in candidates}) == len(candidates)
    first = candidates[0]
    assert first.stats is not None and first.length_m == first.stats.length_m
    box.close()
    window.candidates.choose(0)
    qtbot.waitUntil(lambda: not window.document.trying and window.document.stats is not None,
                    timeout=20_000)
    assert window.document.stats.length_m == pytest.approx(first.length_m, abs=1.0)
    assert window.document.stats.unsurveyed_m == pytest.approx(first.unsurveyed_m, abs=1.0)


def test_candidates_are_distinct(network) -> None:
    from app.editing import Plan, place_point
    from routes.courses.generate import generate

    plan = Plan("trail", (place_point(network, "T074"),))
    request = generation.course_request(network, "loop", plan, (), 6.0,
                                        GenerationOptions(max_reuse=1.0, tolerance=0.15))
    found = generate(network, request)
    assert generation.distinct([found[0], found[0], *found[1:]]) == generation.distinct(found)
    assert len(generation.distinct([found[0], found[0]])) == 1


def test_a_terril_without_surveyed_paths_is_refused_with_the_windows_menu(qtbot, window) -> None:
    window.new_from_template("challenge-vtt-xc", 2026)
    window.on_place_clicked("T074")
    panel = window.route_panel
    panel.options_box.setChecked(True)
    panel.within_terril.setChecked(True)
    with qtbot.waitSignal(window.operation_done, timeout=60_000):
        window.generate("loop", 6.0)
    assert len(window.warnings) == 1
    message = window.warnings[0]
    assert "n'a que 0 m de chemins relevés" in message
    assert "« Réseau › Importer des traces de reconnaissance… »" in message
    assert "cavalier network" not in message and "--" not in message


def test_race_alternatives_on_the_same_paths_are_one_candidate(network) -> None:
    """Course 42 km offered the same race twice (a neighbouring terril, the same paths)."""
    from app.editing import Plan, place_point

    plan = Plan("trail", (place_point(network, "T074"), place_point(network, "T075")))
    proposal = generation.generate(network, "race", plan, (), 42.0)
    lengths = [round(c.length_m / 10) for c in proposal.candidates]
    assert len(lengths) == len(set(lengths))
    assert proposal.refusal == ""
