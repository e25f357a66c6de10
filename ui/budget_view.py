"""The budget tab: the lines (Qt model/view, editable, undoable), the funding split chart,
targets against planned and actual shares, participation scenarios."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal, InvalidOperation
from typing import Any

from app.budget import (
    Budget,
    BudgetError,
    BudgetLine,
    Category,
    Column,
    fmt_eur,
    imbalance_message,
    scenarios,
    split,
    sync_quantities,
    totals,
)
from app.project_store import Project
from ui.dialogs import BudgetLineDialog, new_budget_line
from ui.qt import (
    QAbstractItemView,
    QAbstractTableModel,
    QChart,
    QChartView,
    QColor,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QModelIndex,
    QObject,
    QPainter,
    QPersistentModelIndex,
    QPieSeries,
    QPushButton,
    Qt,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)

Index = QModelIndex | QPersistentModelIndex
#: Slice colours, repeated as squares in the targets table (the pie's legend).
PIE_COLOURS = ("#1565c0", "#2e7d32", "#f9a825", "#6a1b9a", "#c62828", "#00838f", "#8d6e63")
COLUMNS = ("account", "label", "quantity", "unit_price", "planned", "actual", "gap")
_EDITABLE = {"label", "quantity", "unit_price", "planned", "actual"}


def parse_amount(text: str) -> Decimal | None:
    """French or plain number text to Decimal; "" gives None."""
    cleaned = (text.replace("€", "").replace("\u202f", "").replace("\u00a0", "")
               .replace(" ", "").replace(",", "."))
    if not cleaned:
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(f"Montant invalide : « {text} »") from exc


def edited_line(line: BudgetLine, column: str, text: str) -> BudgetLine:
    """The line with one cell changed; raises ValueError on text that is not a number."""
    if column == "label":
        return replace(line, label=text.strip() or line.label)
    value = parse_amount(text)
    if column == "actual":
        return replace(line, actual=value)
    if value is None:
        raise ValueError("Une valeur est attendue.")
    if column == "planned":
        if line.priced:
            raise ValueError("Ligne calculée (quantité × prix) : modifiez la quantité ou le prix.")
        return replace(line, amount=value)
    if not line.priced:
        raise ValueError("Cette ligne n'a pas de quantité ni de prix unitaire.")
    if column == "quantity":
        return replace(line, quantity=value)
    return replace(line, unit_price=value)


def fit_columns(table: QTableView, *, stretch: tuple[int, ...]) -> None:
    """Columns as wide as their header and cells (amounts never shortened to « 4 8… »); the
    ``stretch`` columns share the rest and wrap their text onto several lines (rows grow)."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    for column in stretch:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    table.setWordWrap(True)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)


class BudgetModel(QAbstractTableModel):
    """Lines of one budget; edits are not applied here but requested (undo stack)."""

    edit_requested = Signal(int, object)  # line index, new BudgetLine
    edit_refused = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.budget: Budget | None = None
        self._headers = [self.tr("Account"), self.tr("Line"), self.tr("Quantity"),
                         self.tr("Unit price"), self.tr("Planned"), self.tr("Actual"),
                         self.tr("Gap")]

    def set_budget(self, budget: Budget | None) -> None:
        same_rows = (self.budget is not None and budget is not None
                     and len(budget.lines) == len(self.budget.lines))
        if same_rows and budget is not None and budget.lines:
            # An edited cell: its editor is still committing; a reset would delete it under the
            # view (« commitData called with an editor that does not belong to this view »).
            self.budget = budget
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(budget.lines) - 1, len(COLUMNS) - 1))
            return
        self.beginResetModel()
        self.budget = budget
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if self.budget is None or parent.isValid() else len(self.budget.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def _text(self, line: BudgetLine, column: str) -> str:
        if column == "account":
            return f"{line.account} {line.group.title}"
        if column == "label":
            return line.label
        if column == "quantity":
            return "" if line.quantity is None else f"{line.quantity.normalize():f}".replace(
                ".", ",")
        if column == "unit_price":
            return "" if line.unit_price is None else fmt_eur(line.unit_price)
        if column == "planned":
            return fmt_eur(line.planned)
        if column == "actual":
            return "" if line.actual is None else fmt_eur(line.actual)
        gap = line.gap
        return "" if gap is None else fmt_eur(gap)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.budget is None or not index.isValid():
            return None
        line = self.budget.lines[index.row()]
        column = COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(line, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column not in ("account", "label"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.budget is None or not index.isValid():
            return base
        line = self.budget.lines[index.row()]
        column = COLUMNS[index.column()]
        editable = column in _EDITABLE and not (
            (column == "planned" and line.priced)
            or (column in ("quantity", "unit_price") and not line.priced))
        return base | Qt.ItemFlag.ItemIsEditable if editable else base

    def setData(self, index: Index, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if self.budget is None or role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        line = self.budget.lines[index.row()]
        try:
            new = edited_line(line, COLUMNS[index.column()], str(value))
        except ValueError as exc:
            self.edit_refused.emit(str(exc))
            return False
        if new != line:
            self.edit_requested.emit(index.row(), new)
        return True


class BudgetTab(QWidget):
    line_edited = Signal(int, int, object)  # budget index, line index, new line
    budget_replaced = Signal(int, object)  # budget index, new Budget
    line_added = Signal(int, object)  # budget index, new BudgetLine
    line_removed = Signal(int, int)  # budget index, line index
    message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.chooser = QComboBox()
        self.chooser.currentIndexChanged.connect(lambda _i: self._refresh())
        self.sync_button = QPushButton(self.tr("Update quantities from the formats"))
        self.sync_button.clicked.connect(self._sync)
        top.addWidget(QLabel(self.tr("Budget")))
        top.addWidget(self.chooser, 1)
        top.addWidget(self.sync_button)
        layout.addLayout(top)
        line_buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add a line…"))
        self.add_button.clicked.connect(self._add_clicked)
        self.remove_button = QPushButton(self.tr("Remove the selected line"))
        self.remove_button.clicked.connect(self.remove_selected_line)
        line_buttons.addWidget(self.add_button)
        line_buttons.addWidget(self.remove_button)
        line_buttons.addStretch(1)
        self.model = BudgetModel(self)
        self.model.edit_requested.connect(
            lambda row, line: self.line_edited.emit(self.chooser.currentIndex(), row, line))
        self.model.edit_refused.connect(self.message)
        self.table = QTableView()
        self.table.setModel(self.model)
        fit_columns(self.table, stretch=(0, 1))  # account and line wrap
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        self.table.setMinimumHeight(240)
        layout.addWidget(self.table, 3)
        layout.addLayout(line_buttons)
        layout.addWidget(self.totals)
        layout.addLayout(self._analysis(), 2)
        self._project: Project | None = None

    def _analysis(self) -> QHBoxLayout:
        """The split chart beside the targets and scenario tables."""
        bottom = QHBoxLayout()
        self.pie = QPieSeries()
        chart = QChart()
        chart.addSeries(self.pie)
        title = QLabel(self.tr("Funding split (planned)"))
        title.setWordWrap(True)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
        self.chart_view = QChartView(chart)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(160)
        self.split_table = QTableWidget(0, 4)
        self.split_table.setHorizontalHeaderLabels(
            [self.tr("Source"), self.tr("Target"), self.tr("Planned"), self.tr("Actual")])
        self.scenario_table = QTableWidget(0, 5)
        self.scenario_table.setHorizontalHeaderLabels(
            [self.tr("Scenario"), self.tr("Participants"), self.tr("Charges"),
             self.tr("Income"), self.tr("Result")])
        # The targets table is the legend (a colour square per source): a legend beside a pie
        # this narrow showed only « Ins… ».
        chart.legend().hide()
        for table in (self.split_table, self.scenario_table):
            table.verticalHeader().hide()
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            fit_columns(table, stretch=(table.columnCount() - 1,))
        side = QVBoxLayout()
        side.addWidget(QLabel(self.tr("Targets against planned and actual shares")))
        side.addWidget(self.split_table)
        side.addWidget(QLabel(self.tr("Participation scenarios")))
        side.addWidget(self.scenario_table)
        pie_side = QVBoxLayout()
        pie_side.addWidget(title)
        pie_side.addWidget(self.chart_view, 1)
        bottom.addLayout(pie_side, 2)
        bottom.addLayout(side, 3)
        return bottom

    def show_project(self, project: Project | None) -> None:
        self._project = project
        names = [b.name for b in project.budgets] if project is not None else []
        current = self.chooser.currentIndex()
        self.chooser.blockSignals(True)
        if [self.chooser.itemText(i) for i in range(self.chooser.count())] != names:
            self.chooser.clear()
            self.chooser.addItems(names)
        self.chooser.setCurrentIndex(min(max(current, 0), len(names) - 1))
        self.chooser.blockSignals(False)
        self._refresh()

    def current_budget(self) -> Budget | None:
        index = self.chooser.currentIndex()
        if self._project is None or not 0 <= index < len(self._project.budgets):
            return None
        return self._project.budgets[index]

    def _add_clicked(self) -> None:
        dialog = BudgetLineDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.add_line(*dialog.choice())
        dialog.deleteLater()

    def add_line(self, account: str, label: str, amount_text: str, category: Category) -> bool:
        """Request a new line in the shown budget; a refusal is reported through ``message``."""
        if self.current_budget() is None:
            return False
        try:
            line = new_budget_line(account, label, parse_amount(amount_text), category)
        except (ValueError, BudgetError) as exc:
            self.message.emit(str(exc))
            return False
        self.line_added.emit(self.chooser.currentIndex(), line)
        return True

    def remove_selected_line(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if self.current_budget() is None or not rows:
            self.message.emit(self.tr("Select the line to remove in the table."))
            return
        self.line_removed.emit(self.chooser.currentIndex(), rows[0].row())

    def _sync(self) -> None:
        budget = self.current_budget()
        if budget is None or self._project is None:
            return
        synced = sync_quantities(budget, self._project.event.formats)
        if synced != budget:
            self.budget_replaced.emit(self.chooser.currentIndex(), synced)

    def _refresh(self) -> None:
        budget = self.current_budget()
        self.model.set_budget(budget)
        self.add_button.setEnabled(budget is not None)
        self.remove_button.setEnabled(budget is not None)
        self.pie.clear()
        self.split_table.setRowCount(0)
        self.scenario_table.setRowCount(0)
        if budget is None or self._project is None:
            self.totals.setText(self.tr("No budget: create an event from a template."))
            return
        planned, actual = totals(budget), totals(budget, Column.ACTUAL)
        text = self.tr("Charges %1 — income %2 — result %3 (actual: %4)").replace(
            "%1", fmt_eur(planned.charges)).replace("%2", fmt_eur(planned.produits)).replace(
            "%3", fmt_eur(planned.result)).replace("%4", fmt_eur(actual.result))
        warning = imbalance_message(budget)
        self.totals.setText(text + (f"\n⚠ {warning}" if warning else ""))
        actual_shares = {s.category: s for s in split(budget, Column.ACTUAL)}
        for index, share in enumerate(split(budget)):
            colour = None
            if share.amount > 0:
                colour = QColor(PIE_COLOURS[index % len(PIE_COLOURS)])
                self.pie.append(share.category.label, float(share.amount)).setColor(colour)
            row = self.split_table.rowCount()
            self.split_table.insertRow(row)
            actual_share = actual_shares.get(share.category)
            cells: tuple[str, ...] = (share.category.label,
                     "—" if share.target is None else f"{float(share.target) * 100:.0f} %",
                     f"{float(share.share) * 100:.0f} %",
                     "—" if actual_share is None else f"{float(actual_share.share) * 100:.0f} %")
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if column == 0 and colour is not None:
                    item.setData(Qt.ItemDataRole.DecorationRole, colour)
                self.split_table.setItem(row, column, item)
        for result in scenarios(budget, self._project.event.formats):
            row = self.scenario_table.rowCount()
            self.scenario_table.insertRow(row)
            cells = (result.scenario.name, str(result.participants), fmt_eur(result.charges),
                     fmt_eur(result.produits), fmt_eur(result.result))
            for column, value in enumerate(cells):
                self.scenario_table.setItem(row, column, QTableWidgetItem(value))
