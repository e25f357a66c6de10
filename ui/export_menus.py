"""« Fichier › Exporter › Carnet de route (PDF)… » and « Fichier › Importer › Budget (xlsx)… »,
by the functions ``cavalier roadbook`` and ``cavalier budget import`` call, and the table saying
which menu entry does the job of each command of the command line (checked by a test).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.budget import Budget
from app.budget_import import BudgetImport, import_budget_workbook
from app.marking.export import MarkingResult, export_marking
from app.project_edits import SetBudget, SetFormatsAndBudgets
from app.project_store import Project
from app.roadbook import export_roadbook
from routes.progress import Task
from ui.qt import QAction, QCoreApplication, QMenu, QMenuBar, QObject
from ui.window_host import WindowHost

# A menu entry: (translation context, English source) of each title, menu bar first.
MenuPath = tuple[tuple[str, str], ...]

_FILE = ("MainWindow", "&File")
_EXPORT = (*(_FILE,), ("MainWindow", "&Export"))
_IMPORT = (*(_FILE,), ("MainWindow", "&Import"))
_NETWORK = (("MainWindow", "&Network"),)
# Map menus are French literals (ui/map_menus.py): an empty context means « as written ».
_MAP = (("", "&Carte"),)

# Commands of ``cavalier`` that write or read a user's file, and the window's entry doing the
# same job with the same code.
CLI_MENU: dict[tuple[str, ...], MenuPath] = {
    ("export",): (*_EXPORT, ("MainWindow", "Participants' pack (folder)…")),
    ("gpx", "export"): (*_EXPORT, ("MainWindow",
                                   "Course file of this format (GPX, FIT, KML, TCX)…")),
    ("gpx", "bundle"): (*_EXPORT, ("MainWindow", "Participants' zip (every format)…")),
    ("budget", "export"): (*_EXPORT, ("MainWindow", "Budget workbook (xlsx)…")),
    ("roadbook",): (*_EXPORT, ("ExportMenus", "Roadbook (PDF)…")),
    ("balisage",): (*_EXPORT, ("", "Plan de balisage…")),
    ("dossier",): (*_EXPORT, ("MainWindow", "Declaration file…")),
    ("map", "prepare-offline"): (*_MAP, ("", "Préparer la carte hors ligne…")),
    ("budget", "import"): (*_IMPORT, ("ExportMenus", "Budget (xlsx)…")),
    ("gpx", "import"): (*_IMPORT, ("MainWindow", "GPX track…")),
    ("event",): (("MainWindow", "E&vent"), ("MainWindow", "Event &properties…")),
    ("network", "build"): (*_IMPORT, ("MainWindow", "OpenStreetMap extract (.osm.pbf)…")),
    ("network", "download"): (*_NETWORK, ("MainWindow",
                                          "Download OpenStreetMap for the Bassin minier…")),
    ("network", "add-tracks"): (*_NETWORK, ("MainWindow", "Import recce tracks…")),
    ("elevation", "download"): (*_NETWORK, ("", "Télécharger les altitudes (MNT Copernicus)…")),
}

# The other commands, and why the window has no menu entry for them.
CLI_WITHOUT_MENU: dict[tuple[str, ...], str] = {
    ("network", "info"): "counts shown by Aide › À propos and the status bar",
    ("route",): "a map click adds route points; the route panel shows the result",
    ("loop",): "the route panel's Loop button",
    ("race",): "the route panel's Race button",
    ("variant",): "the route panel's Variants button",
    ("plan",): "route points placed on the map are stored in the format",
    ("new",): "Fichier › Nouvel événement depuis un modèle…",
    ("duplicate",): "a next edition is a copy saved with Fichier › Enregistrer sous…",
    ("recover",): "offered when the project is opened after a crash",
    ("budget", "sync"): "the budget tab's « Mettre à jour les quantités » button",
    ("budget", "show"): "the budget tab shows totals, split and scenarios",
    ("allure",): "the event panel's pace field",
    ("leg",): "a stage's legs are listed in the event tree; they are planned with the command "
              "(the window edits a stage's course as one line)",
}


def menu_text(entry: tuple[str, str]) -> str:
    context, source = entry
    return QCoreApplication.translate(context, source) if context else source


def find_action(bar: QMenuBar, path: MenuPath) -> QAction | None:
    """The action at ``path`` in the menu bar (titles compared as shown, without « & »)."""
    actions = bar.actions()
    found: QAction | None = None
    for entry in path:
        wanted = menu_text(entry).replace("&", "")
        found = next((a for a in actions if a.text().replace("&", "") == wanted), None)
        if found is None:
            return None
        menu = found.menu()
        actions = menu.actions() if isinstance(menu, QMenu) else []
    return found


def budget_import_edits(project: Project, budgets: tuple[Budget, ...]) -> list[Any]:
    """Undoable edits taking the project's budgets to ``budgets``: one SetBudget per changed
    budget, or one edit of every budget when the workbook adds a budget."""
    if len(budgets) != len(project.budgets):
        return [SetFormatsAndBudgets(project.event.formats, budgets)]
    return [SetBudget(i, new) for i, (old, new) in enumerate(zip(project.budgets, budgets,
                                                                  strict=True)) if new != old]


class ExportMenus(QObject):
    """Adds the roadbook export and the budget import to the window's File menu."""

    def __init__(self, window: WindowHost) -> None:
        super().__init__(window)
        self.window = window
        self.last_roadbook: tuple[Path, int, list[str]] | None = None
        bar = window.menuBar()
        export_menu = find_action(bar, _EXPORT)
        import_menu = find_action(bar, _IMPORT)
        self.roadbook_action = QAction(self.tr("Roadbook (PDF)…"), window)
        self.roadbook_action.triggered.connect(lambda _checked=False: self.roadbook_dialog())
        self.marking_action = QAction("Plan de balisage…", window)  # French literal: new entry
        self.marking_action.triggered.connect(lambda _checked=False: self.marking_dialog())
        self.budget_import_action = QAction(self.tr("Budget (xlsx)…"), window)
        self.budget_import_action.triggered.connect(
            lambda _checked=False: self.budget_import_dialog())
        for holder, action in ((export_menu, self.roadbook_action),
                               (export_menu, self.marking_action),
                               (import_menu, self.budget_import_action)):
            menu = holder.menu() if holder is not None else None
            if isinstance(menu, QMenu):
                menu.addAction(action)

    # -- roadbook ------------------------------------------------------------------------------
    def roadbook_dialog(self) -> None:
        project = self.window.document.project
        if project is None:
            return
        path = self.window.save_file(self.tr("Export the roadbook"),
                                      f"{project.event.name} - carnet de route.pdf",
                                      self.tr("PDF document (*.pdf)"))
        if path is not None:
            self.export_roadbook(path)

    def export_roadbook(self, path: Path) -> None:
        """Every format with a route, as ``cavalier roadbook PROJET SORTIE.pdf``."""
        project, network = self.window.document.project, self.window.document.network
        if project is None:
            return

        def work(*, progress: Any = None, cancel: Any = None) -> tuple[int, list[str]]:
            Task(progress, cancel).check()
            return export_roadbook(project, path, network=network, progress=progress,
                                   cancel=cancel)

        self.window.run_operation(self.tr("Writing the roadbook…"), work,
                                  lambda result: self._roadbook_written(path, *result))

    def _roadbook_written(self, path: Path, pages: int, names: list[str]) -> None:
        self.last_roadbook = (path, pages, names)
        self.window.status.setText(
            self.tr("Roadbook written: %1 (%2 pages: %3)").replace("%1", str(path)).replace(
                "%2", str(pages)).replace("%3", ", ".join(f"« {n} »" for n in names)))

    # -- marking plan ----------------------------------------------------------------------------
    def marking_dialog(self) -> None:
        project = self.window.document.project
        if project is None:
            return
        path = self.window.save_file("Exporter le plan de balisage",
                                      f"{project.event.name} - plan de balisage.pdf",
                                      "Document PDF (*.pdf)")
        if path is not None:
            self.export_marking(path)

    def export_marking(self, path: Path) -> None:
        """Every format with a route, as ``cavalier balisage PROJET SORTIE.pdf``."""
        project, network = self.window.document.project, self.window.document.network
        if project is None:
            return

        def work(*, progress: Any = None, cancel: Any = None) -> MarkingResult:
            return export_marking(project, path, network=network, progress=progress,
                                  cancel=cancel)

        def written(result: MarkingResult) -> None:
            self.window.status.setText(
                f"Plan de balisage écrit : {path} ({result.pages} pages, "
                f"{result.plan.arrows} flèches)")

        self.window.run_operation("Écriture du plan de balisage…", work, written)

    # -- budget import ---------------------------------------------------------------------------
    def budget_import_dialog(self) -> None:
        if self.window.document.project is None:
            return
        path = self.window.open_file(self.tr("Import a budget workbook"),
                                      self.tr("Excel workbook (*.xlsx)"))
        if path is not None:
            self.import_budget(path)

    def import_budget(self, path: Path) -> None:
        """Read the workbook in a worker, as ``cavalier budget import``; the budgets change
        through the undo stack (one step)."""
        project = self.window.document.project
        if project is None:
            return
        current = project.budgets

        def work(*, progress: Any = None, cancel: Any = None) -> BudgetImport:
            Task(progress, cancel).check()
            return import_budget_workbook(current, path)

        self.window.run_operation(self.tr("Reading the budget workbook…"), work,
                                  lambda result: self._budget_read(path, result))

    def _budget_read(self, path: Path, result: BudgetImport) -> None:
        doc = self.window.document
        if doc.project is None:
            return
        edits = budget_import_edits(doc.project, result.budgets)
        if edits:
            stack = doc.undo_stack
            stack.beginMacro(self.tr("Import the budget %1").replace("%1", path.name))
            for edit in edits:
                doc.edit_project(edit)
            stack.endMacro()
        names = ", ".join(f"« {b.name} »" for b in result.imported)
        self.window.status.setText(self.tr("Budget imported from %1: %2").replace(
            "%1", path.name).replace("%2", names))
