"""Typed, range-checked argparse values with French messages: the one place option bounds live.

``type=Bounded(int, 0, 1_000_000, "signaleurs")`` refuses ``-1`` or ``1e9`` where the option is
parsed (« argument --marshals : -1 : nombre entier de signaleurs entre 0 et 1 000 000 attendu »),
before any work and before anything is saved. Decimal commas are accepted (« 2,5 »).
"""

from __future__ import annotations

import argparse
import datetime as dt
import math

from app.project_rows import FIRST_YEAR, LAST_YEAR
from app.project_store import MAX_PEOPLE
from routes.frenchfmt import number


def _shown(value: float) -> str:
    return number(value, 0) if float(value).is_integer() else number(value, 1)


class Bounded:
    """An argparse ``type``: an int or a finite float within ``[low, high]``."""

    def __init__(self, kind: type[int] | type[float], low: float, high: float,
                 what: str = "", *, grouped: bool = True) -> None:
        self.kind, self.low, self.high, self.what = kind, low, high, what
        self.grouped = grouped  # False for years: « 1900 », not « 1 900 »

    def _shown(self, value: float) -> str:
        return _shown(value) if self.grouped else f"{value:g}"

    def __repr__(self) -> str:  # argparse names the type in some messages
        return f"nombre entre {self._shown(self.low)} et {self._shown(self.high)}"

    def __call__(self, text: str) -> int | float:
        cleaned = text.strip().replace(",", ".").replace("\u202f", "").replace("\u00a0", "")
        noun = "année" if not self.grouped else "nombre entier" if self.kind is int else "nombre"
        expected = (f"{noun}{' de ' + self.what if self.what else ''} entre "
                    f"{self._shown(self.low)} et {self._shown(self.high)} "
                    f"attendu{'' if self.grouped else 'e'}")
        try:
            value: int | float = int(cleaned) if self.kind is int else float(cleaned)
        except ValueError:
            raise argparse.ArgumentTypeError(f"« {text[:40]} » : {expected}") from None
        if (isinstance(value, float) and not math.isfinite(value)) \
                or not self.low <= value <= self.high:
            raise argparse.ArgumentTypeError(f"{text[:40]} : {expected}")
        return value


def french_day(text: str) -> dt.date:
    """A day written JJ/MM/AAAA (or AAAA-MM-JJ) between the years a project accepts."""
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            day = dt.datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise argparse.ArgumentTypeError(
                f"date « {text} » : année entre {FIRST_YEAR} et {LAST_YEAR} attendue")
        return day
    raise argparse.ArgumentTypeError(f"date « {text} » illisible : écrivez JJ/MM/AAAA")


MAX_URL_CHARS = 500  # a QR code (segno) holds it at level M; a longer one is not an address


def web_address(text: str) -> str:
    """An http(s) address short enough for a QR code (empty: none)."""
    address = text.strip()
    if not address:
        return ""
    if len(address) > MAX_URL_CHARS or not address.startswith(("http://", "https://")) \
            or any(c.isspace() for c in address):
        raise argparse.ArgumentTypeError(
            f"« {address[:60]} » : adresse http:// ou https:// sans espace de "
            f"{MAX_URL_CHARS} caractères au plus attendue")
    return address


# The bounds of the options (one definition each, shared by the commands that take them).
PEOPLE = Bounded(int, 0, MAX_PEOPLE, "personnes")
MARSHALS = Bounded(int, 0, MAX_PEOPLE, "signaleurs")
YEAR = Bounded(int, FIRST_YEAR, LAST_YEAR - 1, grouped=False)
TOLERANCE_M = Bounded(float, 0.0, 200.0, "mètres")
LIAISON_M = Bounded(float, 0.0, 20_000.0, "mètres")
RADIUS_M = Bounded(float, 1.0, 1000.0, "mètres")
RESCUE_MIN = Bounded(float, 1.0, 240.0, "minutes")
ZOOM = Bounded(int, 0, 18, "zoom")
PROPOSALS = Bounded(int, 1, 10, "propositions")
TERRILS = Bounded(int, 0, 60, "terrils")
