"""File names that survive every OS, zip tool and GPS device (no accents, no slashes)."""

from __future__ import annotations

import re
import unicodedata

_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
             *(f"lpt{i}" for i in range(1, 10))}


def safe_filename(name: str, extension: str = "", *, max_length: int = 80) -> str:
    """ASCII slug of ``name`` (accents dropped, separators to ``-``), plus ``extension``."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_name).strip("-._")
    slug = re.sub(r"-{2,}", "-", slug)[:max_length].rstrip("-._") or "parcours"
    if slug.lower() in _RESERVED:
        slug = f"{slug}-parcours"
    suffix = extension if not extension or extension.startswith(".") else f".{extension}"
    return f"{slug}{suffix}"


def unique_names(names: list[str], extension: str) -> list[str]:
    """Safe file names, made distinct with -2, -3… when two courses slug the same."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        base = safe_filename(name)
        count = seen.get(base.lower(), 0) + 1
        seen[base.lower()] = count
        out.append(safe_filename(base if count == 1 else f"{base}-{count}", extension))
    return out
