"""The layers panel: which network layers the map shows, and the optional online background."""

from __future__ import annotations

from app.map_data import MAP_LAYERS
from ui.labels import layer_labels
from ui.qt import QCheckBox, QLabel, QVBoxLayout, QWidget, Signal


class LayersPanel(QWidget):
    # ints, not bools: PySide 6.12 loses a reference to True/False each time a Python-defined
    # signal carrying a bool is emitted.
    visibility_changed = Signal(str, int)
    online_tiles_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        labels = layer_labels()
        self.boxes: dict[str, QCheckBox] = {}
        for key in reversed(MAP_LAYERS):
            box = QCheckBox(labels[key])
            box.setChecked(True)
            box.toggled.connect(lambda on, k=key: self.visibility_changed.emit(k, int(on)))
            layout.addWidget(box)
            self.boxes[key] = box
        layout.addSpacing(8)
        self.online = QCheckBox(self.tr("Online background map (OpenStreetMap)"))
        self.online.setToolTip(self.tr("Downloads map tiles from the internet; off by default, "
                                       "Cavalier works fully offline."))
        self.online.toggled.connect(lambda on: self.online_tiles_changed.emit(int(on)))
        layout.addWidget(self.online)
        layout.addWidget(QLabel(self.tr("Click a spoil tip or a pole to route to it.")))
        layout.addStretch(1)
