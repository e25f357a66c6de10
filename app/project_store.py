"""The project file: one SQLite database (``.cavalier``) per event edition.

It holds the event, its formats, routes and waypoints, the budgets and the network used. The schema
is versioned with ``PRAGMA user_version`` and brought up to date by :data:`MIGRATIONS` when an older
file is opened (a copy of the old file is kept beside it). Every save is one transaction: a crash,
even a SIGKILL in the middle of a save, leaves the last committed project. Autosaves go to a sidecar
file (``P.cavalier.autosave``) that a normal save removes, so a sidecar found at start-up means the
last session ended without saving and its work can be recovered.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.budget import Budget, BudgetLine, Category, Driver, for_next_edition
from app.model import (
    Discipline,
    Event,
    Format,
    Pace,
    RouteRecord,
    Stop,
    Waypoint,
    WaypointKind,
)
from routes.errors import CavalierError

APPLICATION_ID = 0x43415641  # "CAVA", PRAGMA application_id marks our files
SUFFIX = ".cavalier"


class ProjectFileError(CavalierError, OSError):
    """A project file cannot be opened, read or written."""


@dataclass(frozen=True)
class NetworkRef:
    """The network the routes were computed on: its name, source and layer files.

    ``data`` may hold a serialised graph so the project reopens without the source layers.
    """

    name: str
    source: str
    layers: tuple[str, ...] = ()
    data: bytes | None = None


@dataclass(frozen=True)
class Project:
    event: Event
    budgets: tuple[Budget, ...] = ()
    network: NetworkRef | None = None


# Migration n brings a file from user_version n-1 to n. Never edit one that has shipped.
MIGRATIONS: tuple[str, ...] = (
    # 1: first schema
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE events (
        id INTEGER PRIMARY KEY, name TEXT NOT NULL, edition_year INTEGER NOT NULL,
        start_date TEXT NOT NULL, end_date TEXT NOT NULL, organiser TEXT NOT NULL,
        is_series INTEGER NOT NULL DEFAULT 0, template TEXT NOT NULL DEFAULT '');
    CREATE TABLE routes (
        id INTEGER PRIMARY KEY, profile TEXT NOT NULL, stops TEXT NOT NULL,
        geometry TEXT NOT NULL, stats TEXT NOT NULL);
    CREATE TABLE formats (
        id INTEGER PRIMARY KEY, event_id INTEGER NOT NULL REFERENCES events(id),
        position INTEGER NOT NULL, name TEXT NOT NULL, discipline TEXT NOT NULL,
        distance_km REAL NOT NULL, max_participants INTEGER NOT NULL,
        expected_participants INTEGER, fee TEXT NOT NULL, day TEXT, start_time TEXT,
        route_id INTEGER REFERENCES routes(id), venue TEXT NOT NULL DEFAULT '');
    CREATE TABLE waypoints (
        id INTEGER PRIMARY KEY, format_id INTEGER NOT NULL REFERENCES formats(id),
        position INTEGER NOT NULL, kind TEXT NOT NULL, label TEXT NOT NULL,
        lon REAL NOT NULL, lat REAL NOT NULL, discipline TEXT, note TEXT NOT NULL DEFAULT '');
    CREATE TABLE budgets (
        id INTEGER PRIMARY KEY, event_id INTEGER NOT NULL REFERENCES events(id),
        position INTEGER NOT NULL, name TEXT NOT NULL, targets TEXT NOT NULL,
        format_names TEXT NOT NULL);
    CREATE TABLE budget_lines (
        id INTEGER PRIMARY KEY, budget_id INTEGER NOT NULL REFERENCES budgets(id),
        position INTEGER NOT NULL, account TEXT NOT NULL, label TEXT NOT NULL,
        amount TEXT NOT NULL, quantity TEXT, unit_price TEXT, category TEXT NOT NULL,
        driver TEXT NOT NULL, format_name TEXT NOT NULL DEFAULT '');
    """,
    # 2: the réalisé column of the budget
    "ALTER TABLE budget_lines ADD COLUMN actual TEXT;",
    # 3: editable marshal count, stage races, and the network the routes were computed on
    """
    ALTER TABLE formats ADD COLUMN marshals_override INTEGER;
    ALTER TABLE events ADD COLUMN stage_race INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE network (
        id INTEGER PRIMARY KEY CHECK (id = 1), name TEXT NOT NULL, source TEXT NOT NULL,
        layers TEXT NOT NULL, data BLOB);
    """,
    # 4: a format's pace model (« 9/6/600 »: km/h, closing km/h, m of climb per hour)
    "ALTER TABLE formats ADD COLUMN pace TEXT;",
)
SCHEMA_VERSION = len(MIGRATIONS)
_TABLES_IN_DELETE_ORDER = ("waypoints", "budget_lines", "budgets", "formats", "routes", "events",
                           "network")


def autosave_path(path: Path) -> Path:
    return path.with_name(path.name + ".autosave")


def _connect(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=10.0)
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as exc:
        raise ProjectFileError(
            f"{path} n'est pas un projet Cavalier lisible (fichier endommagé ou d'un autre "
            f"type) : {exc}") from exc
    except sqlite3.Error as exc:
        raise ProjectFileError(f"Impossible d'ouvrir le projet {path} : {exc}") from exc
    return conn


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def migrate(conn: sqlite3.Connection, *, upto: int = SCHEMA_VERSION) -> int:
    """Apply the missing migrations, each in its own transaction. Returns the version reached."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    while version < upto:
        with _transaction(conn):
            for statement in MIGRATIONS[version].split(";"):
                if statement.strip():
                    conn.execute(statement)
            version += 1
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    return version


def _check_ours(conn: sqlite3.Connection, path: Path) -> int:
    try:
        app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.DatabaseError as exc:
        raise ProjectFileError(
            f"{path} n'est pas un projet Cavalier lisible (fichier endommagé ou d'un autre "
            f"type) : {exc}") from exc
    if app_id != APPLICATION_ID:
        raise ProjectFileError(f"{path} n'est pas un projet Cavalier (base SQLite étrangère)")
    if version > SCHEMA_VERSION:
        raise ProjectFileError(
            f"{path} vient d'une version plus récente de Cavalier (schéma {version}, "
            f"celle-ci lit jusqu'au schéma {SCHEMA_VERSION})")
    return version


# --- writing ---------------------------------------------------------------------------------

def _dec(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _insert_route(conn: sqlite3.Connection, route: RouteRecord) -> int:
    cur = conn.execute(
        "INSERT INTO routes (profile, stops, geometry, stats) VALUES (?, ?, ?, ?)",
        (route.profile, json.dumps([[s.label, s.lon, s.lat] for s in route.stops]),
         json.dumps([list(p) for p in route.geometry]), json.dumps(dict(route.stats))),
    )
    return int(cur.lastrowid or 0)


def _write(conn: sqlite3.Connection, project: Project) -> None:
    for table in _TABLES_IN_DELETE_ORDER:
        conn.execute(f"DELETE FROM {table}")
    ev = project.event
    cur = conn.execute(
        "INSERT INTO events (name, edition_year, start_date, end_date, organiser, is_series, "
        "template, stage_race) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (ev.name, ev.edition_year, ev.start_date.isoformat(), ev.end_date.isoformat(),
         ev.organiser, int(ev.is_series), ev.template, int(ev.stage_race)),
    )
    event_id = cur.lastrowid
    for pos, fmt in enumerate(ev.formats):
        route_id = _insert_route(conn, fmt.route) if fmt.route else None
        cur = conn.execute(
            "INSERT INTO formats (event_id, position, name, discipline, distance_km, "
            "max_participants, expected_participants, fee, day, start_time, route_id, venue, "
            "marshals_override, pace) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (event_id, pos, fmt.name, fmt.discipline.value, fmt.target_distance_km,
             fmt.max_participants, fmt.expected_participants, str(fmt.fee_eur),
             fmt.day.isoformat() if fmt.day else None,
             fmt.start_time.isoformat("minutes") if fmt.start_time else None,
             route_id, fmt.venue, fmt.marshals_override,
             json.dumps([fmt.pace.speed_kmh, fmt.pace.closing_kmh, fmt.pace.climb_m_per_h])
             if fmt.pace else None),
        )
        format_id = cur.lastrowid
        conn.executemany(
            "INSERT INTO waypoints (format_id, position, kind, label, lon, lat, discipline, "
            "note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(format_id, i, w.kind.value, w.label, w.lon, w.lat,
              w.discipline.value if w.discipline else None, w.note)
             for i, w in enumerate(fmt.waypoints)],
        )
    for pos, budget in enumerate(project.budgets):
        cur = conn.execute(
            "INSERT INTO budgets (event_id, position, name, targets, format_names) "
            "VALUES (?, ?, ?, ?, ?)",
            (event_id, pos, budget.name,
             json.dumps({c.value: str(v) for c, v in budget.split_targets.items()}),
             json.dumps(list(budget.format_names))),
        )
        budget_id = cur.lastrowid
        conn.executemany(
            "INSERT INTO budget_lines (budget_id, position, account, label, amount, quantity, "
            "unit_price, category, driver, format_name, actual) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(budget_id, i, ln.account, ln.label, str(ln.amount), _dec(ln.quantity),
              _dec(ln.unit_price), ln.category.value, ln.driver.value, ln.format_name,
              _dec(ln.actual))
             for i, ln in enumerate(budget.lines)],
        )
    if project.network is not None:
        net = project.network
        conn.execute(
            "INSERT INTO network (id, name, source, layers, data) VALUES (1, ?, ?, ?, ?)",
            (net.name, net.source, json.dumps(list(net.layers)), net.data),
        )
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('saved_at', ?)",
                 (dt.datetime.now(dt.UTC).isoformat(),))
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('application', 'cavalier')")


def _save_to(path: Path, project: Project) -> None:
    existed = path.exists()
    with closing(_connect(path)) as conn:
        if existed:
            _check_ours(conn, path)
        migrate(conn)
        try:
            with _transaction(conn):
                _write(conn, project)
        except sqlite3.Error as exc:
            raise ProjectFileError(f"Enregistrement de {path} impossible : {exc}") from exc


def save_project(path: Path, project: Project) -> None:
    """Write the whole project in one transaction, then drop the autosave (now outdated)."""
    _save_to(path, project)
    autosave_path(path).unlink(missing_ok=True)


# --- reading ---------------------------------------------------------------------------------

def _opt_dec(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def _read_route(row: sqlite3.Row) -> RouteRecord:
    stats: dict[str, Any] = json.loads(row["stats"])
    return RouteRecord(
        profile=row["profile"],
        stops=tuple(Stop(str(s[0]), float(s[1]), float(s[2])) for s in json.loads(row["stops"])),
        geometry=tuple(tuple(float(c) for c in p) for p in json.loads(row["geometry"])),
        stats=stats,
    )


def _read(conn: sqlite3.Connection, path: Path) -> Project:
    conn.row_factory = sqlite3.Row
    ev_row = conn.execute("SELECT * FROM events ORDER BY id LIMIT 1").fetchone()
    if ev_row is None:
        raise ProjectFileError(f"{path} ne contient aucun événement")
    formats = []
    for f in conn.execute("SELECT * FROM formats WHERE event_id = ? ORDER BY position",
                          (ev_row["id"],)).fetchall():
        route = None
        if f["route_id"] is not None:
            route = _read_route(conn.execute("SELECT * FROM routes WHERE id = ?",
                                             (f["route_id"],)).fetchone())
        waypoints = tuple(
            Waypoint(WaypointKind(w["kind"]), w["label"], w["lon"], w["lat"],
                     Discipline(w["discipline"]) if w["discipline"] else None, w["note"])
            for w in conn.execute("SELECT * FROM waypoints WHERE format_id = ? ORDER BY position",
                                  (f["id"],))
        )
        formats.append(Format(
            name=f["name"], discipline=Discipline(f["discipline"]),
            target_distance_km=f["distance_km"], max_participants=f["max_participants"],
            fee_eur=Decimal(f["fee"]),
            day=dt.date.fromisoformat(f["day"]) if f["day"] else None,
            start_time=dt.time.fromisoformat(f["start_time"]) if f["start_time"] else None,
            expected_participants=f["expected_participants"], route=route, waypoints=waypoints,
            marshals_override=f["marshals_override"], venue=f["venue"],
            pace=Pace(*json.loads(f["pace"])) if f["pace"] else None,
        ))
    event = Event(
        ev_row["name"], ev_row["edition_year"], dt.date.fromisoformat(ev_row["start_date"]),
        dt.date.fromisoformat(ev_row["end_date"]), ev_row["organiser"], tuple(formats),
        bool(ev_row["is_series"]), ev_row["template"], bool(ev_row["stage_race"]),
    )
    budgets = []
    for b in conn.execute("SELECT * FROM budgets WHERE event_id = ? ORDER BY position",
                          (ev_row["id"],)).fetchall():
        lines = tuple(
            BudgetLine(
                ln["account"], ln["label"], amount=Decimal(ln["amount"]),
                actual=_opt_dec(ln["actual"]), quantity=_opt_dec(ln["quantity"]),
                unit_price=_opt_dec(ln["unit_price"]), category=Category(ln["category"]),
                driver=Driver(ln["driver"]), format_name=ln["format_name"],
            )
            for ln in conn.execute("SELECT * FROM budget_lines WHERE budget_id = ? "
                                   "ORDER BY position", (b["id"],))
        )
        targets = {Category(k): Decimal(v) for k, v in json.loads(b["targets"]).items()}
        budgets.append(Budget(b["name"], lines, targets, tuple(json.loads(b["format_names"]))))
    net_row = conn.execute("SELECT * FROM network WHERE id = 1").fetchone()
    network = None
    if net_row is not None:
        network = NetworkRef(net_row["name"], net_row["source"],
                             tuple(json.loads(net_row["layers"])), net_row["data"])
    return Project(event, tuple(budgets), network)


def _open(path: Path, *, backup_before_migrating: bool) -> Project:
    if not path.is_file():
        raise ProjectFileError(f"Projet introuvable : {path}")
    with closing(_connect(path)) as conn:
        version = _check_ours(conn, path)
        if version < SCHEMA_VERSION:
            if backup_before_migrating:
                with closing(sqlite3.connect(path.with_name(f"{path.name}.v{version}.bak"))) as bk:
                    conn.backup(bk)
            migrate(conn)
        try:
            return _read(conn, path)
        except (sqlite3.Error, ValueError, KeyError, TypeError) as exc:
            raise ProjectFileError(f"{path} est endommagé : {exc}") from exc


def open_project(path: Path) -> Project:
    """Read a project, migrating an older file in place (the old file is kept as ``.vN.bak``)."""
    return _open(path, backup_before_migrating=True)


def saved_at(path: Path) -> dt.datetime | None:
    with closing(_connect(path)) as conn:
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'saved_at'").fetchone()
        except sqlite3.DatabaseError:
            return None
    return dt.datetime.fromisoformat(row[0]) if row else None


# --- autosave and recovery -------------------------------------------------------------------

def autosave(path: Path, project: Project) -> None:
    """Save unsaved work beside the project, never touching the project file itself."""
    _save_to(autosave_path(path), project)


def recovery_available(path: Path) -> bool:
    """True when an autosave newer than the last save exists (the last session did not save)."""
    side = autosave_path(path)
    if not side.is_file():
        return False
    side_time = saved_at(side)
    if side_time is None:
        return False
    main_time = saved_at(path) if path.is_file() else None
    return main_time is None or side_time >= main_time


def recover(path: Path) -> Project:
    """The autosaved project (the caller then saves it, which removes the autosave)."""
    return _open(autosave_path(path), backup_before_migrating=False)


def discard_recovery(path: Path) -> None:
    autosave_path(path).unlink(missing_ok=True)


class Autosaver:
    """Autosave at most every ``interval_s`` seconds; the UI calls :meth:`changed` after edits."""

    def __init__(self, path: Path, *, interval_s: float = 120.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.path = path
        self.interval_s = interval_s
        self._clock = clock
        self._last = clock()
        self._pending: Project | None = None

    def changed(self, project: Project) -> bool:
        """Record the latest state; autosave it if the interval has passed. True if saved."""
        self._pending = project
        if self._clock() - self._last < self.interval_s:
            return False
        return self.flush()

    def flush(self) -> bool:
        if self._pending is None:
            return False
        autosave(self.path, self._pending)
        self._pending = None
        self._last = self._clock()
        return True

    def saved(self) -> None:
        """The project was saved normally: nothing is pending any more."""
        self._pending = None
        self._last = self._clock()


# --- next edition ----------------------------------------------------------------------------

def next_edition(project: Project) -> Project:
    return replace(project, event=project.event.next_edition(),
                   budgets=tuple(for_next_edition(b) for b in project.budgets))


def duplicate_for_next_edition(source: Path, target: Path) -> Project:
    """Copy a project as next year's edition: dates +52 weeks, same formats, nothing realised."""
    if target.exists():
        raise ProjectFileError(f"{target} existe déjà ; choisissez un autre nom")
    project = next_edition(open_project(source))
    save_project(target, project)
    return project

