"""Shared fixtures: offscreen Qt, paths to the real layers in ../shared."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SHARED_DATA = SHARED / "data"


def shared_path(*parts: str) -> Path:
    """Path inside ../shared, or skip the test with a clear reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared absent ({path} introuvable) : couche réelle non disponible ici")
    return path


@pytest.fixture
def unesco_dir() -> Path:
    return shared_path("data", "bassin-minier-unesco")
