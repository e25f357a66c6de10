"""LibreOffice headless for tests: convert files with a private profile (parallel runs never
share one), optionally a French user's locale, optionally recalculating every formula on load.
Tests that need it skip when it is absent."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice absent (soffice introuvable) : apt-get install libreoffice-calc",
)

_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
{items}</oor:items>
"""
# A French user's LibreOffice: numbers and percentages in the French locale.
_FRENCH = """<item oor:path="/org.openoffice.Setup/L10N">
<prop oor:name="ooSetupSystemLocale" oor:op="fuse">
<value>fr-FR</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse">
<value>fr-FR</value></prop></item>
"""
# « Recalculation on file load » of Excel files set to « Always »: by default LibreOffice shows a
# formula's cached value as it is (it computes only formulas stored without one).
_RECALCULATE = """<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
"""


def convert(files: list[Path], out: Path, to: str, tmp_path: Path, *, french: bool = False,
            recalculate: bool = False, timeout: float = 300) -> Path:
    """``soffice --convert-to <to>`` of ``files`` into ``out``; returns ``out``. With
    ``recalculate``, every formula of an xlsx is computed again, whatever value it caches."""
    profile = tmp_path / "lo-profile"
    items = (_FRENCH if french else "") + (_RECALCULATE if recalculate else "")
    if items:
        (profile / "user").mkdir(parents=True, exist_ok=True)
        (profile / "user" / "registrymodifications.xcu").write_text(
            _PROFILE.format(items=items), encoding="utf-8")
    assert SOFFICE is not None
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", to, "--outdir", str(out), *map(str, files)],
        check=True, capture_output=True, timeout=timeout,
    )
    return out
