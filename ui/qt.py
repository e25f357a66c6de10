"""The one place Cavalier imports Qt from (PySide6): widgets, web engine, charts, undo."""

from __future__ import annotations

from PySide6.QtCharts import QChart, QChartView, QLineSeries, QPieSeries, QValueAxis
from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QCoreApplication,
    QEvent,
    QFile,
    QIODevice,
    QLibraryInfo,
    QLocale,
    QModelIndex,
    QObject,
    QPointF,
    QRunnable,
    QSettings,
    Qt,
    QThreadPool,
    QTimer,
    QTranslator,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QColor,
    QIcon,
    QKeySequence,
    QPainter,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineSettings
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStatusBar,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui import pyside_fix

pyside_fix.install()

__all__ = [
    "QAbstractItemView", "QAbstractTableModel", "QAction", "QApplication", "QByteArray",
    "QChart", "QChartView", "QCheckBox", "QCloseEvent", "QColor", "QComboBox",
    "QCoreApplication", "QDialog", "QDialogButtonBox", "QDockWidget", "QDoubleSpinBox",
    "QEvent", "QFile", "QFileDialog", "QFormLayout", "QGroupBox", "QHBoxLayout",
    "QHeaderView", "QIODevice", "QIcon", "QKeySequence", "QLabel", "QLibraryInfo",
    "QLineEdit", "QLineSeries", "QListWidget", "QListWidgetItem", "QLocale", "QMainWindow",
    "QMenu", "QMessageBox", "QModelIndex", "QObject", "QPainter", "QPieSeries", "QPointF",
    "QProgressDialog", "QPushButton", "QRunnable", "QSettings", "QSpinBox", "QSplitter",
    "QStatusBar", "QTabWidget", "QTableView", "QTableWidget", "QTableWidgetItem",
    "QThreadPool", "QTimer", "QToolBar", "QTranslator", "QTreeWidget", "QTreeWidgetItem",
    "QUndoCommand", "QUndoStack", "QUrl", "QVBoxLayout", "QValueAxis", "QWebChannel",
    "QWebEnginePage", "QWebEngineSettings", "QWebEngineView", "QWidget", "Qt", "Signal",
    "Slot",
]
