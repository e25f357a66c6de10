"""Checked reading of the stored values of a project file.

A project may have been damaged (by a disk, a tool, a hand editing the SQLite file): every value is
checked as it is read, and the first wrong one stops the reading with a French message naming the
file, the table, the field and the row, instead of a traceback in whatever command used it later.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import sqlite3
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from routes.errors import CavalierError

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")

FIRST_YEAR, LAST_YEAR = 1900, 2200  # an event edition outside these is a damaged value


class StoredValueError(CavalierError, ValueError):
    """One stored value is wrong; the message names table, field and row."""


class RowReader:
    """Typed, checked access to one row of one table."""

    def __init__(self, path: Path, table: str, row: sqlite3.Row) -> None:
        self.path, self.table, self.row = path, table, row

    def fail(self, field: str, why: str) -> StoredValueError:
        shown = repr(self.row[field]) if field in self.row.keys() else "absent"  # noqa: SIM118
        if len(shown) > 60:
            shown = shown[:57] + "…"
        return StoredValueError(
            f"{self.path.name} est endommagé : table « {self.table} », champ « {field} » "
            f"(ligne {self.row['id']}) : {why} (valeur {shown})")

    def _raw(self, field: str) -> Any:
        try:
            return self.row[field]
        except (IndexError, KeyError):
            raise self.fail(field, "champ absent") from None

    def text(self, field: str, *, optional: bool = False) -> str:
        value = self._raw(field)
        if value is None and optional:
            return ""
        if not isinstance(value, str):
            raise self.fail(field, "texte attendu")
        return value

    def integer(self, field: str, low: int, high: int) -> int:
        value = self._raw(field)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise self.fail(field, f"entier entre {low} et {high} attendu")
        return value

    def opt_integer(self, field: str, low: int, high: int) -> int | None:
        return None if self._raw(field) is None else self.integer(field, low, high)

    def real(self, field: str, low: float, high: float) -> float:
        value = self._raw(field)
        if not isinstance(value, int | float) or isinstance(value, bool) \
                or not math.isfinite(value) or not low <= value <= high:
            raise self.fail(field, f"nombre fini entre {low:g} et {high:g} attendu")
        return float(value)

    def decimal(self, field: str, limit: Decimal) -> Decimal:
        value = self._raw(field)
        try:
            number = Decimal(str(value)) if isinstance(value, str | int | float) else None
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or abs(number) > limit:
            raise self.fail(field, f"montant fini attendu (au plus {limit:,.0f})"
                            .replace(",", "\u202f"))
        return number

    def opt_decimal(self, field: str, limit: Decimal) -> Decimal | None:
        return None if self._raw(field) is None else self.decimal(field, limit)

    def date(self, field: str) -> dt.date:
        value = self._raw(field)
        try:
            day = dt.date.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            day = None
        if day is None:
            raise self.fail(field, "date AAAA-MM-JJ attendue")
        return day  # its year is a rule of app.project_store.project_problems (flagged)

    def opt_date(self, field: str) -> dt.date | None:
        return self.date(field) if self._raw(field) else None

    def opt_time(self, field: str) -> dt.time | None:
        value = self._raw(field)
        if not value:
            return None
        try:
            if isinstance(value, str):
                return dt.time.fromisoformat(value)
        except ValueError:
            pass
        raise self.fail(field, "heure HH:MM attendue")

    def enum(self, field: str, kind: type[E]) -> E:
        value = self._raw(field)
        try:
            return kind(value)
        except ValueError:
            known = ", ".join(m.value for m in kind)
            raise self.fail(field, f"valeur inconnue (valeurs possibles : {known})") from None

    def opt_enum(self, field: str, kind: type[E]) -> E | None:
        return self.enum(field, kind) if self._raw(field) else None

    def json(self, field: str, convert: Callable[[Any], T], expected: str) -> T:
        """Decode a JSON field and convert it; any mismatch names the field."""
        value = self._raw(field)
        try:
            return convert(json.loads(value))
        except (TypeError, ValueError, KeyError, IndexError, ArithmeticError):
            raise self.fail(field, f"{expected} attendu") from None


def finite(value: Any, low: float = -math.inf, high: float = math.inf) -> float:
    """A JSON number that is finite and within bounds, else ValueError."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(value)
    number = float(value)
    if not math.isfinite(number) or not low <= number <= high:
        raise ValueError(value)
    return number


def lon_lat(lon: Any, lat: Any) -> tuple[float, float]:
    return finite(lon, -180.0, 180.0), finite(lat, -90.0, 90.0)


def strings(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TypeError(value)
    return tuple(value)


def mapping(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise TypeError(value)
    return value
