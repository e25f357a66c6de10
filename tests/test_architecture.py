"""The core packages must never load Qt: a fresh interpreter imports every module of them."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

from shared_data import REPO

CORE_PACKAGES = ("app", "routes")


def _all_modules(package: str) -> list[str]:
    root = REPO / package
    names = [package]
    for info in pkgutil.walk_packages([str(root)], prefix=f"{package}."):
        if not info.name.endswith("__main__"):
            names.append(info.name)
    return names


def test_core_packages_import_no_qt() -> None:
    modules = [name for pkg in CORE_PACKAGES for name in _all_modules(pkg)]
    assert len(modules) > 2
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "qt = sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'PySide6', 'PyQt5', 'PyQt6', 'shiboken6', 'ui'})\n"
        "print('\\n'.join(qt))\n"
        "sys.exit(1 if qt else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"Qt chargé par le cœur : {result.stdout}{result.stderr}"


def _imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def test_ui_is_the_only_qt_user() -> None:
    offenders = []
    for pkg in CORE_PACKAGES:
        for path in (REPO / pkg).rglob("*.py"):
            roots = {name.split(".")[0] for name in _imported(path)}
            if roots & {"PySide6", "shiboken6", "ui"}:
                offenders.append(str(path.relative_to(REPO)))
    assert offenders == []


def test_import_contracts_hold() -> None:
    """Layers ui → app → routes, Qt only through ui.qt, no cycle between siblings (pyproject)."""
    script = "import sys\nfrom importlinter.cli import lint_imports\nsys.exit(lint_imports())\n"
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


def test_only_the_launchers_import_the_main_window() -> None:
    """The window's helpers type against ``ui.window_host``, so ``ui`` has no import cycle, not
    even one hidden behind ``TYPE_CHECKING`` (which the import contracts do not see)."""
    importers = sorted(str(path.relative_to(REPO)) for path in (REPO / "ui").rglob("*.py")
                       if "ui.main_window" in _imported(path))
    assert importers == ["ui/main.py", "ui/selftest.py"]


def test_no_module_is_imported_by_name_at_run_time() -> None:
    """``importlib.import_module`` would hide a dependency from the import contracts."""
    hidden = [str(path.relative_to(REPO)) for pkg in (*CORE_PACKAGES, "ui")
              for path in (REPO / pkg).rglob("*.py")
              if "import_module(" in path.read_text(encoding="utf-8")]
    assert hidden == [], hidden
