"""``cavalier budget export|import|show``."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from app.budget import (
    Budget,
    BudgetError,
    Column,
    break_even_fee,
    fmt_eur,
    imbalance_message,
    scenarios,
    series_summary,
    split,
    sync_quantities,
    totals,
)
from app.budget_import import import_budget_workbook
from app.budget_xlsx import export_budgets
from app.cli.common import open_project
from app.project_store import Project, save_project
from app.sheet import budget_sheets


def register(subparsers: Any) -> None:
    budget = subparsers.add_parser("budget", help="budget de l'événement (CERFA 12156, xlsx)")
    sub = budget.add_subparsers(dest="budget_command", metavar="ACTION", required=True)

    exp = sub.add_parser("export", help="écrire le budget en xlsx (formules, graphique)")
    exp.add_argument("project", type=Path, metavar="PROJET.cavalier")
    exp.add_argument("output", type=Path, metavar="SORTIE.xlsx")
    exp.set_defaults(handler=run_export)

    imp = sub.add_parser("import", help="relire un budget xlsx exporté puis modifié")
    imp.add_argument("project", type=Path, metavar="PROJET.cavalier")
    imp.add_argument("input", type=Path, metavar="ENTREE.xlsx")
    imp.set_defaults(handler=run_import)

    sync = sub.add_parser(
        "sync", help="recalculer inscriptions et charges par participant d'après les formats")
    sync.add_argument("project", type=Path, metavar="PROJET.cavalier")
    sync.set_defaults(handler=run_sync)

    show = sub.add_parser("show", help="totaux, répartition, tarif d'équilibre, scénarios")
    show.add_argument("project", type=Path, metavar="PROJET.cavalier")
    show.set_defaults(handler=run_show)


def _pct(value: object) -> str:
    return f"{float(value) * 100:.1f} %".replace(".", ",")  # type: ignore[arg-type]


def report(project: Project, budget: Budget) -> list[str]:
    t, real = totals(budget), totals(budget, Column.ACTUAL)
    lines = [f"{budget.name}",
             f"  Charges {fmt_eur(t.charges)} — produits {fmt_eur(t.produits)} "
             f"(réalisé : {fmt_eur(real.charges)} / {fmt_eur(real.produits)})",
             f"  Contributions en nature : {fmt_eur(t.charges_in_kind)}"]
    problem = imbalance_message(budget)
    lines.append(f"  {problem}" if problem else "  Budget équilibré")
    for share in split(budget):
        target = f" (objectif {_pct(share.target)})" if share.target is not None else ""
        lines.append(f"  {share.category.label} : {fmt_eur(share.amount)}, "
                     f"{_pct(share.share)}{target}")
    try:
        fee = break_even_fee(budget, project.event.formats)
        per = "par participant et par étape" if project.event.stage_race else "par participant"
        lines.append(f"  Tarif d'équilibre : {fmt_eur(fee)} {per}")
    except BudgetError as exc:
        lines.append(f"  {exc}")
    for res in scenarios(budget, project.event.formats):
        who = "participations (toutes étapes)" if project.event.stage_race else "participants"
        lines.append(f"  Participation {res.scenario.name.lower()} : {res.participants} "
                     f"{who}, résultat {fmt_eur(res.result)}")
    return lines


def run_show(args: argparse.Namespace) -> int:
    project = open_project(args.project)
    for budget in project.budgets:
        print("\n".join(report(project, budget)))
    if len(project.budgets) > 1:
        summary = series_summary(project.budgets)
        print(f"Série : charges {fmt_eur(summary.planned.charges)}, "
              f"produits {fmt_eur(summary.planned.produits)}")
    return 0


def run_sync(args: argparse.Namespace) -> int:
    project = open_project(args.project)
    synced = tuple(sync_quantities(b, project.event.formats) for b in project.budgets)
    save_project(args.project, replace(project, budgets=synced), base_revision=project.revision)
    for before, after in zip(project.budgets, synced, strict=True):
        old, new = totals(before), totals(after)
        print(f"{after.name} : produits {fmt_eur(old.produits)} → {fmt_eur(new.produits)}, "
              f"charges {fmt_eur(old.charges)} → {fmt_eur(new.charges)}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    project = open_project(args.project)
    sheets, missing = budget_sheets(project)
    export_budgets(args.output, project.event, project.budgets, sheets=sheets)
    print(f"Budget exporté : {args.output}")
    if missing:
        print(f"Attention : {missing}", file=sys.stderr)
    for budget in project.budgets:
        problem = imbalance_message(budget)
        if problem:
            print(f"Attention : {problem}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    project = open_project(args.project)
    result = import_budget_workbook(project.budgets, args.input)
    save_project(args.project, replace(project, budgets=result.budgets),
                 base_revision=project.revision)
    for budget in result.imported:
        t = totals(budget)
        print(f"Importé : {budget.name} — charges {fmt_eur(t.charges)}, "
              f"produits {fmt_eur(t.produits)}")
        problem = imbalance_message(budget)
        if problem:
            print(f"Attention : {problem}")
    return 0
