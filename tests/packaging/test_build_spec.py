"""The PyInstaller spec and build script name everything the frozen app reads at run time.

The full build (minutes) runs from scripts/build_package.sh; these checks catch a spec that forgot
a data folder before anyone waits for a build."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import tomllib
from importlib import resources
from pathlib import Path

from app.cli import COMMAND_MODULES

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "build.spec"
SCRIPT = ROOT / "scripts" / "build_package.sh"
ENTRY = ROOT / "scripts" / "cavalier_entry.py"


def test_spec_is_python_and_one_folder_named_cavalier() -> None:
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    calls = {node.func.id: node for node in ast.walk(tree)
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
    assert {"Analysis", "PYZ", "EXE", "COLLECT"} <= calls.keys()  # COLLECT: one-folder
    exe_kw = {k.arg: k.value for k in calls["EXE"].keywords}
    assert isinstance(exe_kw["exclude_binaries"], ast.Constant) and exe_kw["exclude_binaries"].value
    names = [ast.literal_eval(k.value) for c in ("EXE", "COLLECT")
             for k in calls[c].keywords if k.arg == "name"]
    assert names == ["cavalier", "cavalier"]


def test_spec_bundles_run_time_data() -> None:
    text = SPEC.read_text(encoding="utf-8")
    for needed in ('collect_data_files("assets"', "xstatic.pkg.leaflet.BASE_DIR",
                   'collect_data_files("folium")', 'collect_data_files("branca")',
                   "pyproj.datadir.get_data_dir()", 'collect_submodules("app")',
                   'collect_submodules("routes")', 'collect_submodules("ui")',
                   "PySide6.QtWebEngineCore", "cavalier_entry.py",
                   'collect_submodules("routingkit_cch")',
                   'collect_dynamic_libs("routingkit_cch")'):
        assert needed in text, needed


def test_command_modules_are_in_collected_packages() -> None:
    # collect_submodules("app") covers them only if they live in the app package
    assert all(name.startswith("app.cli.") for name in COMMAND_MODULES)
    assert "app.cli.roadbook_cmd" in COMMAND_MODULES


def test_assets_are_package_data_read_through_importlib() -> None:
    network = resources.files("assets") / "network"
    assert any(entry.name.endswith(".geojson") for entry in network.iterdir())


def test_entry_point_runs_the_cavalier_program() -> None:
    # The frozen program runs what the ``cavalier`` console script runs (window or commands).
    script = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    module, function = script["project"]["scripts"]["cavalier"].split(":")
    text = ENTRY.read_text(encoding="utf-8")
    assert f"from {module} import {function}" in text and f"sys.exit({function}())" in text
    assert "freeze_support" in text


def test_build_script_runs_the_frozen_self_test_headless() -> None:
    text = SCRIPT.read_text(encoding="utf-8")
    assert SCRIPT.stat().st_mode & 0o111, "le script doit être exécutable"
    assert text.startswith("#!/usr/bin/env bash") and "set -euo pipefail" in text
    for needed in ('pip install -e ".[build]"', "PyInstaller build.spec", "--self-test",
                   "QT_QPA_PLATFORM=offscreen", "--no-sandbox", "QtWebEngineProcess"):
        assert needed in text, needed


def _spec_regex(name: str) -> re.Pattern[str]:
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == name for t in node.targets):
            pattern = eval(compile(ast.Expression(node.value), str(SPEC), "eval"), {"re": re})
            assert isinstance(pattern, re.Pattern)
            return pattern
    raise AssertionError(f"{name} absent de build.spec")


def test_ui_imports_no_qt_module_the_spec_drops() -> None:
    """The frozen app loses every Qt library matched by _UNUSED_QT: importing one from ui/
    (QtTest once) passes every test and then fails only in the package."""
    probe = ("import importlib, pkgutil, sys, ui\n"
             "for m in pkgutil.walk_packages(ui.__path__, 'ui.'):\n"
             "    importlib.import_module(m.name)\n"
             "print('\\n'.join(n.split('.')[1] for n in sys.modules\n"
             "                 if n.startswith('PySide6.Qt')))\n")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, check=True,
                          capture_output=True, text=True, timeout=120)
    loaded = set(done.stdout.split())
    assert "QtWebEngineWidgets" in loaded  # the probe really imported the UI
    dropped = _spec_regex("_UNUSED_QT")
    bad = sorted(m for m in loaded if dropped.search(f"libQt6{m[2:]}.so.6"))
    assert not bad, f"modules Qt importés par ui/ mais exclus du paquet : {bad}"
