"""LibreOffice headless for tests: convert files with a private profile (parallel runs never
share one), optionally a French user's locale. Tests that need it skip when it is absent."""

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

# A French user's LibreOffice: numbers and percentages in the French locale.
_FRENCH_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse">
<value>fr-FR</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse">
<value>fr-FR</value></prop></item>
</oor:items>
"""


def convert(files: list[Path], out: Path, to: str, tmp_path: Path, *, french: bool = False,
            timeout: float = 300) -> Path:
    """``soffice --convert-to <to>`` of ``files`` into ``out``; returns ``out``."""
    profile = tmp_path / "lo-profile"
    if french:
        (profile / "user").mkdir(parents=True, exist_ok=True)
        (profile / "user" / "registrymodifications.xcu").write_text(_FRENCH_PROFILE,
                                                                     encoding="utf-8")
    assert SOFFICE is not None
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", to, "--outdir", str(out), *map(str, files)],
        check=True, capture_output=True, timeout=timeout,
    )
    return out
