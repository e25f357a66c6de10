"""French number formatting for summaries: « 28,1 km », « 97 % », « 45 000,00 € »."""

from __future__ import annotations

NBSP = "\u00a0"
NNBSP = "\u202f"  # thin no-break space, the French thousands separator


def number(value: float, decimals: int = 1, *, sign: bool = False) -> str:
    text = f"{value:{'+' if sign else ''},.{decimals}f}"
    return text.replace(",", NNBSP).replace(".", ",")


def short(value: float) -> str:
    """The shortest form of a setting, comma for the decimal point: « 9 », « 9,5 », « 600 »."""
    return f"{value:g}".replace(".", ",")


def km(metres: float, decimals: int = 1) -> str:
    return f"{number(metres / 1000.0, decimals)}{NBSP}km"


def percent(share: float, decimals: int = 0) -> str:
    return f"{number(share * 100.0, decimals)}{NBSP}%"


def euros(value: float) -> str:
    return f"{number(value, 2)}{NBSP}€"


def km_text(metres: float, decimals: int = 1) -> str:
    """« 6,0 km » with an ordinary space, for sentences (messages, notes)."""
    return f"{number(metres / 1000.0, decimals)} km"


def pct_text(share: float, decimals: int = 0, *, sign: bool = False) -> str:
    """« 2 % », « +5,6 % » for sentences."""
    return f"{number(share * 100.0, decimals, sign=sign)}{NBSP}%"


def km_cell(metres: float) -> str:
    """« 12,3 »: km to one decimal for a PDF table cell (no-break thousands separator, which
    the PDF fonts have, instead of the thin one)."""
    return number(metres / 1000.0, 1).replace(NNBSP, NBSP)


def length_cell(metres: float) -> str:
    """A length in a table cell: « 0,4 », and « < 0,1 » for a few metres, which « 0,0 » would
    hide (a commune crossed for 30 m is crossed)."""
    return f"<{NBSP}0,1" if 0 < metres < 50 else km_cell(metres)
