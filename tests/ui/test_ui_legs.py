"""The event tree lists a multisport stage's legs."""

from __future__ import annotations

from app.project_store import Project
from app.templates import build_template
from ui.event_panel import EventPanel


def test_the_event_tree_lists_the_legs_of_a_stage(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = EventPanel()
    qtbot.addWidget(panel)
    project = Project(*build_template("raid-bassin-minier", 2027))
    panel.show_project(project, 0)
    stage = panel.tree.topLevelItem(0).child(0)
    texts = [(stage.child(i).text(0), stage.child(i).text(1)) for i in range(stage.childCount())]
    legs = project.event.formats[0].legs
    assert [t for t, _ in texts if t in {leg.title for leg in legs}] == [leg.title for leg in legs]
    assert ("Transition — parc à vélos de Drocourt", "10 min") in texts
    assert any(t.startswith("VTT") and "pas encore de parcours" in s for t, s in texts)
