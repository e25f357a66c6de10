"""Third-party English never reaches the user: numpy's pickle refusal, an xlsx entity bomb."""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np
import pytest
from gpx.gpx_helpers import grid_graph

from app.budget_xlsx import BudgetFileError, export_budgets, read_budgets
from app.templates import build_template
from routes.network import store as netstore


def test_a_network_with_pickled_objects_is_refused_in_french(tmp_path: Path) -> None:
    path = tmp_path / "piege.cavnet"
    netstore.save(grid_graph(3), path)
    with np.load(path) as archive:
        arrays = {name: archive[name] for name in archive.files}
    arrays["node_id"] = np.array([{"os": "system"}], dtype=object)
    with path.open("wb") as stream:
        np.savez(stream, **arrays)
    with pytest.raises(netstore.NetworkFileError) as caught:
        netstore.load(path)
    message = str(caught.value)
    assert "piege.cavnet" in message and "objets Python sérialisés" in message
    assert "allow_pickle" not in message and "Object arrays" not in message


def test_an_xlsx_entity_bomb_is_refused_in_french(tmp_path: Path) -> None:
    event, budgets = build_template("raid-bassin-minier", 2027)
    path = tmp_path / "bombe.xlsx"
    export_budgets(path, event, budgets)
    with zipfile.ZipFile(path) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    levels = "".join(f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 10))
    sheet = members["xl/worksheets/sheet1.xml"].decode()
    body = sheet[sheet.index("<worksheet"):]
    members["xl/worksheets/sheet1.xml"] = (
        '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY e0 "hahahahaha">' + levels + "]>"
        + body.replace("Budget de l'action", "&e9;", 1)).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    with pytest.raises(BudgetFileError) as caught:
        read_budgets(path)
    message = str(caught.value)
    assert message.startswith("bombe.xlsx n'est pas un classeur Excel (.xlsx) lisible")
    assert "fichier endommagé ou piégé" in message
    assert "Unable" not in message and "workbook" not in message and "XML." not in message
