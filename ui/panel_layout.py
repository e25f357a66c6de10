"""Side panels that stay put: the route panel scrolls vertically inside a width range, so a long
list of communes or a long waypoint name wraps instead of widening the dock and squeezing the map
and the budget tab; the side docks start at widths chosen from the window's width."""

from __future__ import annotations

from ui.qt import (
    QDockWidget,
    QEvent,
    QFormLayout,
    QFrame,
    QLabel,
    QMainWindow,
    QObject,
    QScrollArea,
    Qt,
    QTimer,
    QTreeWidget,
    QWidget,
)

#: (minimum, maximum) width in pixels of the route dock's content; starting range of the others.
ROUTE_WIDTH = (300, 420)
SIDE_WIDTH = (280, 380)
#: Share of the window's width each dock starts with (clamped to the ranges above).
ROUTE_SHARE = 0.24
SIDE_SHARE = 0.21


def scrolling(content: QWidget, width: tuple[int, int]) -> QScrollArea:
    """``content`` in a vertical scroll area whose width stays within ``width``: the content
    follows the area's width (never wider), so wrapped text grows downwards."""
    area = QScrollArea()
    area.setObjectName(f"{content.objectName() or type(content).__name__}Scroll")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(content)
    area.setMinimumWidth(width[0])
    area.setMaximumWidth(width[1])
    return area


def wrapping_label(text: str) -> QLabel:
    """A form row label that wraps onto two lines rather than widening the form."""
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def let_text_wrap(widget: QWidget, *, form_label_width: int = 140) -> None:
    """The labels of ``widget`` wrap onto several lines, form row labels within
    ``form_label_width`` pixels, and form fields take the rest of the width: the widget's
    minimum width no longer follows its longest text."""
    for label in widget.findChildren(QLabel):
        label.setWordWrap(True)
    for form in widget.findChildren(QFormLayout):
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            row_label = item.widget() if item is not None else None
            if isinstance(row_label, QLabel):
                natural = row_label.fontMetrics().horizontalAdvance(row_label.text()) + 4
                row_label.setFixedWidth(min(natural, form_label_width))


def start_widths(window_width: int) -> tuple[int, int]:
    """(side docks, route dock) widths for a window ``window_width`` pixels wide."""
    side = round(min(max(window_width * SIDE_SHARE, SIDE_WIDTH[0]), SIDE_WIDTH[1]))
    route = round(min(max(window_width * ROUTE_SHARE, ROUTE_WIDTH[0]), ROUTE_WIDTH[1]))
    return side, route


def size_docks(window: QMainWindow, side: QDockWidget, route: QDockWidget) -> None:
    """Give the docks their starting widths for the window's current width."""
    side_width, route_width = start_widths(window.width())
    window.resizeDocks([side, route], [side_width, route_width], Qt.Orientation.Horizontal)


def shrink_docks(window: QMainWindow, side: QDockWidget, route: QDockWidget) -> None:
    """Docks restored wider than their starting widths for this window (a state saved on a
    wider screen) get those widths back; narrower ones stay as the user left them."""
    side_width, route_width = start_widths(window.width())
    if side.width() > side_width or route.width() > route_width:
        size_docks(window, side, route)


def initial_size(available_width: int, available_height: int) -> tuple[int, int]:
    """The window's first size from the screen's available area: nearly all of a small screen
    (1366 × 768), 90 % of a large one."""

    def side(available: int, large: int) -> int:
        return available - 16 if available < large else round(available * 0.9)

    return side(available_width, 1600), side(available_height, 1000)


class _SizeOnFirstShow(QObject):
    """Sizes the docks when the window is first shown (before that its width is not final);
    ``restored``: only the docks wider than this window allows."""

    def __init__(self, window: QMainWindow, side: QDockWidget, route: QDockWidget, *,
                 restored: bool = False) -> None:
        super().__init__(window)
        self._docks = (side, route)
        self._size = shrink_docks if restored else size_docks

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QMainWindow):
            watched.removeEventFilter(self)
            window = watched
            # After the show has laid the window out: sized earlier, the docks are laid out again.
            QTimer.singleShot(0, lambda: self._size(window, *self._docks))
        return False


def settle_panels(window: QMainWindow, side: QDockWidget, route: QDockWidget, *,
                  restored: bool) -> None:
    """Wrap the side panels' text; size the docks from the window's width once it is shown
    (with a restored window state, only the docks wider than this window allows)."""
    for dock in (side, *window.tabifiedDockWidgets(side)):
        content = dock.widget()
        if content is not None and not isinstance(content, QScrollArea):
            let_text_wrap(content)
    window.installEventFilter(_SizeOnFirstShow(window, side, route, restored=restored))


def tree_tooltips(tree: QTreeWidget) -> None:
    """Every cell of ``tree`` shows its whole text as a tooltip (long waypoint names are cut at
    the panel's edge)."""
    pending = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    while pending:
        item = pending.pop()
        if item is None:
            continue
        for column in range(item.columnCount()):
            item.setToolTip(column, item.text(column))
        pending.extend(item.child(i) for i in range(item.childCount()))
