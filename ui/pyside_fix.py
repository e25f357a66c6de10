"""Work-around for a reference-count bug of PySide6 6.12.0.

``SignalInstance.emit()`` returns ``True`` without taking a new reference: every emit from Python
removes one reference to ``True`` and, after a few thousand signals (or at interpreter exit),
Python aborts with "bool_dealloc: deallocating True or False". :func:`install` probes the bug once
and, only if present, wraps ``emit`` to give the reference back.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

_state = {"installed": False}


class _Probe(QObject):
    fired = Signal()


def emit_loses_a_reference() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    probe.fired.emit()
    return sys.getrefcount(True) < before


def install() -> None:
    if _state["installed"] or not emit_loses_a_reference():
        return
    original = SignalInstance.emit

    def emit(self: SignalInstance, *args: Any) -> Any:
        result = original(self, *args)
        if result is True or result is False:
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))
        return result

    SignalInstance.emit = emit  # type: ignore[method-assign]
    _state["installed"] = True
