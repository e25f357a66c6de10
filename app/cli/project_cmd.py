"""``cavalier new``, ``cavalier export``, ``cavalier duplicate``, ``cavalier recover``."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from app.budget import fmt_eur, totals
from app.cli.argtypes import YEAR, french_day, web_address
from app.cli.common import add_network_arguments, open_project
from app.cli.cue_options import add_cue_arguments
from app.cli.project_network import project_network_from_args
from app.dates import event_days, sentence_start
from app.exports.pace import PaceError, parse_pace
from app.exports.pack import PackOptions, export_pack
from app.model import EVENT_TEXT_FIELDS, Event, edited_event
from app.project_store import (
    Project,
    ProjectFileError,
    duplicate_for_next_edition,
    previous_path,
    recovery_available,
    restore_autosave,
    save_project,
)
from app.templates import TEMPLATES, build_template


def register(subparsers: Any) -> None:
    new = subparsers.add_parser("new", help="créer un projet d'événement à partir d'un modèle")
    new.add_argument("--template", required=True, choices=sorted(TEMPLATES),
                     help="modèle : " + " ; ".join(f"{k} = {t.title}"
                                                   for k, t in TEMPLATES.items()))
    new.add_argument("--year", type=YEAR, default=dt.date.today().year + 1,
                     help="année de l'édition (défaut : l'an prochain)")
    new.add_argument("--organiser", help="organisateur (comité, club, association)")
    new.add_argument("--force", action="store_true", help="remplacer un projet existant")
    new.add_argument("project", type=Path, metavar="PROJET.cavalier")
    new.set_defaults(handler=run_new)

    export = subparsers.add_parser(
        "export", help="dossier complet : budget, carte, GPX/FIT/KML/TCX, feuille de route, "
                       "page des participants")
    export.add_argument("project", type=Path, metavar="PROJET.cavalier")
    export.add_argument("outdir", type=Path, metavar="DOSSIER")
    export.add_argument("--no-tiles", action="store_true",
                        help="carte sans fond OpenStreetMap (aucun accès réseau)")
    export.add_argument("--adresse-site", dest="site_url", default="", metavar="URL",
                        type=web_address,
                        help="adresse où la page des participants sera publiée (pour les QR "
                             "codes), ex. https://club.fr/trail-2027/")
    export.add_argument("--contact", default="",
                        help="contact de l'organisation affiché sur la page (courriel, tél.)")
    export.add_argument("--allure", action="append", default=[],
                        metavar="FORMAT=VITESSE/FERMETURE[/D+]",
                        help="allure d'un format pour les heures de passage et barrières, "
                             "ex. « Marathon 42 km=9/6/600 » (répétable)")
    export.add_argument("--rte", action="store_true",
                        help="ajouter une route simplifiée (<rte>) aux GPX")
    add_network_arguments(export)
    add_cue_arguments(export)
    export.set_defaults(handler=run_export)

    dup = subparsers.add_parser("duplicate",
                                help="dupliquer un projet pour l'édition de l'année suivante")
    dup.add_argument("project", type=Path, metavar="PROJET.cavalier")
    dup.add_argument("target", type=Path, metavar="NOUVEAU.cavalier")
    dup.set_defaults(handler=run_duplicate)

    ev = subparsers.add_parser(
        "event", help="voir ou modifier les propriétés de l'événement (nom, dates, lieu, "
                      "organisateur, contact, auteur des fichiers, site web)")
    ev.add_argument("project", type=Path, metavar="PROJET.cavalier")
    ev.add_argument("--nom", dest="name", metavar="TEXTE", help="nom de l'événement")
    ev.add_argument("--debut", dest="start", type=french_day, metavar="JJ/MM/AAAA",
                    help="premier jour")
    ev.add_argument("--fin", dest="end", type=french_day, metavar="JJ/MM/AAAA",
                    help="dernier jour (absent avec --debut : événement sur une journée)")
    ev.add_argument("--lieu", dest="place", metavar="TEXTE", help="lieu (commune, site)")
    ev.add_argument("--organisateur", "--organiser", dest="organiser", metavar="TEXTE",
                    help="organisateur (comité, club, association)")
    ev.add_argument("--contact", metavar="TEXTE", help="courriel ou téléphone de l'organisation")
    ev.add_argument("--auteur", dest="author", metavar="TEXTE",
                    help="auteur des fichiers de parcours (vide : l'organisateur)")
    ev.add_argument("--site", dest="website", metavar="URL", help="site web de l'événement")
    ev.set_defaults(handler=run_event)

    rec = subparsers.add_parser(
        "recover", help="récupérer le travail enregistré automatiquement après un arrêt brutal")
    rec.add_argument("project", type=Path, metavar="PROJET.cavalier")
    rec.set_defaults(handler=run_recover)


def _shape(ev: Event) -> str:
    if ev.is_series:
        most = max((f.expected for f in ev.formats), default=0)
        return f"{len(ev.formats)} manche(s), jusqu'à {most} participants attendus par manche"
    kind = "étape" if ev.stage_race else "format"
    return f"{len(ev.formats)} {kind}(s), {ev.headcount} participants attendus"


def describe(project: Project) -> list[str]:
    ev = project.event
    lines = [f"{ev.name} {ev.edition_year} — {ev.organiser}",
             f"{sentence_start(event_days(ev.start_date, ev.end_date))}, {_shape(ev)}",
             f"Bénévoles : {ev.volunteers.marshals} signaleur(s) aux points de rupture, "
             f"{ev.volunteers.at_posts} aux postes"]
    for budget in project.budgets:
        t = totals(budget)
        lines.append(f"  {budget.name} : charges {fmt_eur(t.charges)}, "
                     f"produits {fmt_eur(t.produits)}")
    return lines


def run_new(args: argparse.Namespace) -> int:
    path: Path = args.project
    if path.exists() and not args.force:
        raise ProjectFileError(f"{path} existe déjà (ajoutez --force pour le remplacer)")
    event, budgets = build_template(args.template, args.year)
    if args.organiser:
        event = replace(event, organiser=args.organiser)
    project = Project(event, budgets)
    save_project(path, project, fresh=True)  # replaces an existing file whole, by one rename
    print(f"Projet créé : {path}")
    print("\n".join(describe(project)))
    if not event.organiser_known:
        print(f'Organisateur à renseigner : cavalier event {path} --organisateur "NOM" '
              '--contact "COURRIEL OU TÉLÉPHONE"')
    return 0


def run_export(args: argparse.Namespace) -> int:
    project = open_project(args.project)
    paces = dict(parse_pace(text) for text in args.allure)
    unknown = set(paces) - {f.name for f in project.event.formats}
    if unknown:
        raise PaceError(f"--allure : format(s) inconnu(s) dans {args.project} : "
                        + ", ".join(sorted(unknown)))
    options = PackOptions(tiles=not args.no_tiles, site_url=args.site_url,
                          contact=args.contact, paces=paces, with_route=args.rte,
                          cues=args.cues, device=args.device or "")
    project, network = project_network_from_args(args, args.project, project)
    result = export_pack(project, args.outdir, options, network=network)
    print(f"Dossier écrit : {args.outdir} ({len(result.files)} fichiers)")
    for path in result.files:
        print(f"  {path.relative_to(args.outdir)} ({french_size(path.stat().st_size)})")
    if result.skipped:
        print("Non exporté :")
        print("\n".join(f"  - {text}" for text in result.skipped))
    for note in result.notes:
        print(note)
    for warning in result.warnings:
        print(warning, file=sys.stderr)
    return 0


def french_size(size: int) -> str:
    if size < 1024:
        return f"{size} o"
    return f"{size / 1024:.1f} Ko".replace(".", ",")


def run_duplicate(args: argparse.Namespace) -> int:
    project = duplicate_for_next_edition(args.project, args.target)
    print(f"Édition {project.event.edition_year} créée : {args.target}")
    print("\n".join(describe(project)))
    return 0


def run_recover(args: argparse.Namespace) -> int:
    path: Path = args.project
    if not recovery_available(path):
        print(f"Rien à récupérer pour {path}.")
        return 0
    project = restore_autosave(path)
    print(f"Travail récupéré et enregistré dans {path} (version remplacée gardée dans "
          f"{previous_path(path).name})")
    print("\n".join(describe(project)))
    return 0


def properties(event: Event) -> list[str]:
    author = event.author or f"{event.files_author or 'à préciser'} (l'organisateur)"
    return [f"Nom : {event.name}",
            f"Dates : {event_days(event.start_date, event.end_date)}",
            f"Lieu : {event.place or 'à préciser'}",
            f"Organisateur : {event.organiser if event.organiser_known else 'à préciser'}",
            f"Contact : {event.contact or 'à préciser'}",
            f"Auteur des fichiers : {author}",
            f"Site web : {event.website or '—'}"]


def run_event(args: argparse.Namespace) -> int:
    """Show the event's properties; with options, change them (one checked save)."""
    project = open_project(args.project)
    texts = {name: value for name in EVENT_TEXT_FIELDS
             if (value := getattr(args, name)) is not None}
    end = args.end if args.end is not None or args.start is None else args.start
    if texts or args.start is not None or end is not None:
        event = edited_event(project.event, start=args.start, end=end, **texts)
        save_project(args.project, replace(project, event=event),
                     base_revision=project.revision)
        project = replace(project, event=event)
        print(f"Propriétés de l'événement enregistrées dans {args.project}")
    print("\n".join(properties(project.event)))
    return 0
