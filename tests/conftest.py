"""Shared fixtures: offscreen Qt, paths to the real layers in ../shared."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from shared_data import shared_path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def unesco_dir() -> Path:
    return shared_path("data", "bassin-minier-unesco")
