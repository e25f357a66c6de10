"""The project file: one SQLite database (``.cavalier``) per event edition.

It holds the event, its formats, routes and waypoints, the budgets and the network used. The schema
is versioned with ``PRAGMA user_version`` (the schema actually present decides, see
:func:`schema_present`) and brought up to date by :data:`MIGRATIONS`: in memory when an older file
is read, in the file by its next save (a copy of the old file is kept beside it), so reading never
writes. Every value that breaks a rule of :func:`project_problems` is flagged when read and
refused when newly saved. Every save is one transaction, revision-checked: a crash,
even a SIGKILL in the middle of a save, leaves the last committed project. Autosaves go to a sidecar
file (``P.cavalier.autosave``) that a normal save removes, so a sidecar found at start-up means the
last session ended without saving and its work can be recovered.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import math
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.budget import (
    GROUPS_BY_CODE,
    MAX_AMOUNT,
    MAX_QUANTITY,
    Budget,
    BudgetError,
    BudgetLine,
    Category,
    Driver,
    for_next_edition,
)
from app.model import (
    Discipline,
    Event,
    Format,
    Leg,
    LegError,
    LegKind,
    Pace,
    PaceError,
    RouteRecord,
    Stop,
    Waypoint,
    WaypointKind,
)
from app.project_rows import (
    FIRST_YEAR,
    LAST_YEAR,
    RowReader,
    StoredValueError,
    finite,
    lon_lat,
    mapping,
    strings,
)
from routes.atomic import atomic_output
from routes.errors import CavalierError, french_reason, sqlite_reason
from routes.plausible import length_m

if TYPE_CHECKING:
    from routes.network.model import Network

APPLICATION_ID = 0x43415641  # "CAVA", PRAGMA application_id marks our files
SUFFIX = ".cavalier"
MAX_PEOPLE = 1_000_000  # participants or marshals of one format
MAX_COURSE_KM = 2000.0  # a course longer than this is a typo, not a course
# Values a rule of :func:`project_problems` checks are read within these wide bounds only (a
# stored typo is flagged, not a reason to refuse the file); the rule then flags them.
_WIDE, _WIDE_INT = 1e12, 2**62


class ProjectFileError(CavalierError, OSError):
    """A project file cannot be opened, read or written."""


class ProjectValueError(ProjectFileError, ValueError):
    """A value breaks a rule of :func:`project_problems`; nothing was saved."""


class StaleProjectError(ProjectFileError):
    """The file changed since the project being saved was read (another command wrote it)."""


@dataclass(frozen=True)
class NetworkRef:
    """The network the routes were computed on: its name, source and layer files.

    ``data`` may hold a serialised graph so the project reopens without the source layers.
    """

    name: str
    source: str
    layers: tuple[str, ...] = ()
    data: bytes | None = None
    #: Elevation models (absolute paths) applied to the network whenever the project loads it:
    #: a DEM given once (``--dem``, the window's import or download) serves every later figure.
    dems: tuple[str, ...] = ()


@dataclass(frozen=True)
class Project:
    event: Event
    budgets: tuple[Budget, ...] = ()
    network: NetworkRef | None = None
    # The file's revision when this project was read (None: not read from a file). Each save
    # increments the file's revision; a save based on an older one is refused.
    revision: int | None = field(default=None, compare=False)
    # Rules of project_problems the file broke when it was read: the project opens anyway so
    # the value can be corrected; a save may keep these but adds no new one.
    problems: tuple[str, ...] = field(default=(), compare=False)


def _year_problem(label: str, day: dt.date | None) -> list[str]:
    if day is None or FIRST_YEAR <= day.year <= LAST_YEAR:
        return []
    return [f"{label} {day.day:02d}/{day.month:02d}/{day.year:04d} : année entre {FIRST_YEAR} "
            f"et {LAST_YEAR} attendue"]


MAX_LABEL_CHARS = 200  # a name or label printed in a document header, a table cell, a GPX name
MAX_NOTE_CHARS = 2000  # a waypoint note


def _clip(text: str) -> str:
    text = " ".join(text[:60].split())
    return text if len(text) <= 40 else text[:39] + "…"


def text_problems(project: Project) -> list[str]:
    """Texts too long to enter a document (a 10 MB label made the roadbook's layout run for
    ever): each one named, its length given."""
    ev = project.event
    fields: list[tuple[str, str, int]] = [
        (f"Événement : {label}", getattr(ev, name), MAX_LABEL_CHARS)
        for name, label in (("name", "nom"), ("place", "lieu"), ("organiser", "organisateur"),
                            ("contact", "contact"), ("author", "auteur"), ("website", "site"))]
    for fmt in ev.formats:
        fields += [(f"Format « {_clip(fmt.name)} » : nom", fmt.name, MAX_LABEL_CHARS),
                   (f"« {_clip(fmt.name)} » : lieu", fmt.venue, MAX_LABEL_CHARS)]
        for wp in fmt.waypoints:
            fields += [(f"« {_clip(fmt.name)} » : point « {_clip(wp.label)} »", wp.label,
                        MAX_LABEL_CHARS),
                       (f"« {_clip(fmt.name)} » : note du point « {_clip(wp.label)} »", wp.note,
                        MAX_NOTE_CHARS)]
    for budget in project.budgets:
        fields.append((f"Budget « {_clip(budget.name)} » : nom", budget.name, MAX_LABEL_CHARS))
    return [f"{where} : texte de {len(text):,} caractères, au plus {limit:,}"
            .replace(",", "\u202f") for where, text, limit in fields if len(text) > limit]


def check_document_inputs(project: Project, error: Callable[[str], Exception]) -> None:
    """Refuse, before any layout, a project whose texts are too long for a document."""
    found = text_problems(project)
    if found:
        shown = " ; ".join(found[:5]) + (f" (et {len(found) - 5} autres)" if len(found) > 5
                                         else "")
        raise error(f"Texte trop long pour un document : {shown} ; raccourcissez-le")


def project_problems(project: Project) -> tuple[str, ...]:
    """Every value of ``project`` that breaks a rule (French, one line each).

    The one set of rules: the loader flags what a file holds with it, :func:`save_project`
    refuses a project that adds a new one, and the commands that take these values check
    the same bounds when they parse them.
    """
    ev = project.event
    found = _year_problem("Date de début", ev.start_date) + _year_problem("Date de fin",
                                                                          ev.end_date)
    if not FIRST_YEAR <= ev.edition_year <= LAST_YEAR - 1:
        found.append(f"Édition {ev.edition_year} : année entre {FIRST_YEAR} et "
                     f"{LAST_YEAR - 1} attendue")
    for fmt in ev.formats:
        found += _year_problem(f"« {_clip(fmt.name)} » : jour", fmt.day)
        for label, value in (("participants au plus", fmt.max_participants),
                             ("participants attendus", fmt.expected_participants),
                             ("signaleurs", fmt.marshals_override)):
            if value is not None and not 0 <= value <= MAX_PEOPLE:
                found.append(f"« {_clip(fmt.name)} » : {label} {value} : entre 0 et "
                             f"{MAX_PEOPLE:,} attendu".replace(",", "\u202f"))
        if not 0 <= fmt.target_distance_km <= MAX_COURSE_KM:
            found.append(f"« {_clip(fmt.name)} » : distance visée {fmt.target_distance_km:g} km : "
                         f"entre 0 et {MAX_COURSE_KM:.0f} km attendue")
    return tuple(found + text_problems(project))


def refuse_new_problems(path: Path, project: Project) -> None:
    """Raise :class:`ProjectValueError` if ``project`` breaks a rule it did not break when read."""
    new = [p for p in project_problems(project) if p not in project.problems]
    if new:
        raise ProjectValueError(f"{path.name} : valeur refusée, rien n'a été enregistré : "
                                + " ; ".join(new))


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
    # 5: the event's place, contact, author of the course files and web site
    """
    ALTER TABLE events ADD COLUMN place TEXT NOT NULL DEFAULT '';
    ALTER TABLE events ADD COLUMN contact TEXT NOT NULL DEFAULT '';
    ALTER TABLE events ADD COLUMN author TEXT NOT NULL DEFAULT '';
    ALTER TABLE events ADD COLUMN website TEXT NOT NULL DEFAULT '';
    """,
    # 6: the elevation models the project's figures are computed with
    "ALTER TABLE network ADD COLUMN dems TEXT NOT NULL DEFAULT '[]';",
    # 7: a multisport stage's legs (a format without legs is one leg: files of schema 6 and
    # before have none)
    """
    CREATE TABLE legs (
        id INTEGER PRIMARY KEY, format_id INTEGER NOT NULL REFERENCES formats(id),
        position INTEGER NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL DEFAULT '',
        start TEXT, via TEXT NOT NULL DEFAULT '[]', end_stop TEXT,
        profile TEXT NOT NULL DEFAULT '', pace TEXT, duration_s INTEGER, limit_s INTEGER,
        hand_drawn INTEGER NOT NULL DEFAULT 0, route_id INTEGER REFERENCES routes(id));
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
_TABLES_IN_DELETE_ORDER = ("waypoints", "legs", "budget_lines", "budgets", "formats", "routes",
                           "events", "network")


def autosave_path(path: Path) -> Path:
    return path.with_name(path.name + ".autosave")


def _connect(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=10.0)
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:  # a damaged header's message
        raise ProjectFileError(
            f"{path} n'est pas un projet Cavalier lisible (fichier endommagé ou d'un autre "
            f"type) : {sqlite_reason(exc)}") from exc
    except sqlite3.Error as exc:
        raise ProjectFileError(
            f"Impossible d'ouvrir le projet {path} : {sqlite_reason(exc)}") from exc
    return conn


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if conn.in_transaction:  # SQLite already rolled back after some errors (disk full)
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def schema_present(conn: sqlite3.Connection) -> int:
    """The number of migrations whose tables and columns the file actually holds.

    ``PRAGMA user_version`` may have been reset (0, -1) by a tool or a damaged header; re-running
    a migration would then fail (« table meta already exists »). The schema itself is the truth.
    """
    tables = {row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}

    def columns(table: str) -> set[str]:
        return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")} \
            if table in tables else set()

    checks = (
        "meta" in tables,
        "actual" in columns("budget_lines"),
        "marshals_override" in columns("formats") and "network" in tables,
        "pace" in columns("formats"),
        "place" in columns("events"),
        "dems" in columns("network"),
        "legs" in tables,
    )
    assert len(checks) == len(MIGRATIONS), "one check per migration"
    version = 0
    while version < len(checks) and checks[version]:
        version += 1
    return version


def migrate(conn: sqlite3.Connection, *, upto: int = SCHEMA_VERSION) -> int:
    """Apply the missing migrations, each in its own transaction. Returns the version reached.

    What is missing is read from the schema present (:func:`schema_present`), not trusted from
    ``user_version``."""
    version = schema_present(conn)
    recorded = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if recorded != version and version >= upto:
        with _transaction(conn):
            conn.execute(f"PRAGMA user_version = {version}")
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
    """Refuse a file that is not ours or comes from a newer Cavalier; return the schema present."""
    try:
        app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        present = schema_present(conn)
    except sqlite3.DatabaseError as exc:
        raise ProjectFileError(
            f"{path} n'est pas un projet Cavalier lisible (fichier endommagé ou d'un autre "
            f"type) : {sqlite_reason(exc)}") from exc
    if app_id != APPLICATION_ID:
        raise ProjectFileError(f"{path} n'est pas un projet Cavalier (base SQLite étrangère)")
    if version > SCHEMA_VERSION:
        raise ProjectFileError(
            f"{path} vient d'une version plus récente de Cavalier (schéma {version}, "
            f"celle-ci lit jusqu'au schéma {SCHEMA_VERSION})")
    return present


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
        "template, stage_race, place, contact, author, website) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (ev.name, ev.edition_year, ev.start_date.isoformat(), ev.end_date.isoformat(),
         ev.organiser, int(ev.is_series), ev.template, int(ev.stage_race), ev.place, ev.contact,
         ev.author, ev.website),
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
        _write_legs(conn, format_id, fmt.legs)
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
            "INSERT INTO network (id, name, source, layers, data, dems) VALUES (1, ?, ?, ?, ?, ?)",
            (net.name, net.source, json.dumps(list(net.layers)), net.data,
             json.dumps(list(net.dems))),
        )
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('saved_at', ?)",
                 (dt.datetime.now(dt.UTC).isoformat(),))
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('application', 'cavalier')")


def _stop_json(stop: Stop | None) -> str | None:
    return None if stop is None else json.dumps([stop.label, stop.lon, stop.lat])


def _pace_json(pace: Pace | None) -> str | None:
    return None if pace is None else json.dumps([pace.speed_kmh, pace.closing_kmh,
                                                 pace.climb_m_per_h])


def _seconds(value: dt.timedelta | None) -> int | None:
    return None if value is None else round(value.total_seconds())


def _write_legs(conn: sqlite3.Connection, format_id: int | None, legs: Sequence[Leg]) -> None:
    for pos, leg in enumerate(legs):
        route_id = _insert_route(conn, leg.route) if leg.route else None
        conn.execute(
            "INSERT INTO legs (format_id, position, kind, name, start, via, end_stop, profile, "
            "pace, duration_s, limit_s, hand_drawn, route_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (format_id, pos, leg.kind.value, leg.name, _stop_json(leg.start),
             json.dumps([[s.label, s.lon, s.lat] for s in leg.via]), _stop_json(leg.end),
             leg.profile, _pace_json(leg.pace), _seconds(leg.duration), _seconds(leg.limit),
             int(leg.hand_drawn), route_id))


def _revision(conn: sqlite3.Connection) -> int:
    if "meta" not in {r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}:
        return 0
    row = conn.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()
    try:
        return int(row[0]) if row else 0
    except (TypeError, ValueError):
        return 0


def _stale(path: Path, current: int, base_revision: int) -> StaleProjectError:
    return StaleProjectError(
        f"{path.name} a été modifié par une autre commande depuis sa lecture (révision "
        f"{current}, lue {base_revision}) : rien n'a été enregistré ; relancez la "
        "commande pour repartir de la version actuelle")


def _check_revision(conn: sqlite3.Connection, path: Path, base_revision: int | None) -> None:
    """Refuse early (before a migration touches the file); checked again in the transaction."""
    if base_revision is not None and (current := _revision(conn)) != base_revision:
        raise _stale(path, current, base_revision)


def _write_checked(conn: sqlite3.Connection, path: Path, project: Project,
                   base_revision: int | None) -> int:
    """Write in one IMMEDIATE transaction, so the revision check and the write are atomic."""
    with _transaction(conn):
        current = _revision(conn)
        if base_revision is not None and current != base_revision:
            raise _stale(path, current, base_revision)
        _write(conn, project)
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('revision', ?)",
                     (str(current + 1),))
    return current + 1


def _backup_before_migrating(conn: sqlite3.Connection, path: Path, version: int) -> None:
    """Keep the file as it was (``P.cavalier.vN.bak``) before its schema is brought up to date."""
    if version < SCHEMA_VERSION:
        with atomic_output(path.with_name(f"{path.name}.v{version}.bak"),
                           error=ProjectFileError, project=True) as temporary, \
                closing(sqlite3.connect(temporary)) as backup:
            conn.backup(backup)


def _save_to(path: Path, project: Project, base_revision: int | None = None, *,
             fresh: bool = False) -> int:
    try:
        if path.exists() and not fresh:
            with closing(_connect(path)) as conn:
                version = _check_ours(conn, path)
                _check_revision(conn, path, base_revision)
                _backup_before_migrating(conn, path, version)
                migrate(conn)
                return _write_checked(conn, path, project, base_revision)
        # A new file is built beside the target and renamed: never a 0-byte or half project, and
        # a file being replaced (``fresh``) stays whole until the rename.
        floor = (file_revision(path) or 0) if fresh else 0
        if fresh and base_revision is not None and floor != base_revision:
            raise _stale(path, floor, base_revision)
        with atomic_output(path, error=ProjectFileError, project=True) as temporary:
            with closing(_connect(temporary)) as conn:
                migrate(conn)
                conn.execute("INSERT INTO meta (key, value) VALUES ('revision', ?)",
                             (str(floor),))
                revision = _write_checked(conn, path, project, None)
            Path(f"{temporary}-journal").unlink(missing_ok=True)
        return revision
    except sqlite3.Error as exc:
        raise ProjectFileError(
            f"Enregistrement de {path} impossible : {sqlite_reason(exc)} ; le projet est resté "
            "tel qu'il était") from exc


class _ReadRevision(enum.Enum):
    """The default of ``base_revision``: the revision the project was read with."""

    READ = "read"


def save_project(path: Path, project: Project, *,
                 base_revision: int | _ReadRevision | None = _ReadRevision.READ,
                 fresh: bool = False) -> int:
    """Write the whole project in one transaction, then drop the autosave (now outdated).

    The save is refused with :class:`StaleProjectError` when another command wrote the file
    since the project was read: ``base_revision`` defaults to the ``revision`` the project was
    read with, so every writer is revision-checked; an explicit None skips the check (saving
    as another file). ``fresh`` builds a new file beside the target and renames it over
    (replacing a file whole, e.g. ``new --force`` or a recovery). Returns the new revision.
    """
    base = project.revision if isinstance(base_revision, _ReadRevision) else base_revision
    refuse_new_problems(path, project)
    revision = _save_to(path, project, base, fresh=fresh)
    autosave_path(path).unlink(missing_ok=True)
    return revision


# --- reading ---------------------------------------------------------------------------------

# Figures of a stored route: (key, largest sensible value). A value out of range is flagged and
# the length recomputed from the stored line, never printed as « -5,0 km » or « 1e308 km ».
_ROUTE_FIGURES = (("length_m", MAX_COURSE_KM * 1000), ("climb_m", 100_000.0),
                  ("unsurveyed_m", MAX_COURSE_KM * 1000))


def _read_route(path: Path, row: sqlite3.Row, flagged: list[str], owner: str) -> RouteRecord:
    rd = RowReader(path, "routes", row)
    geometry = rd.json("geometry", _geometry, "liste de points [lon, lat, altitude] finis")
    stats = dict(rd.json("stats", mapping, "objet JSON"))
    for key, high in _ROUTE_FIGURES:
        value = stats.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int | float) \
                or not math.isfinite(value) or not 0 <= value <= high:
            shown = repr(value)[:40]
            if key == "length_m":
                stats[key] = length_m([(p[1], p[0]) for p in geometry])
                flagged.append(f"« {_clip(owner)} » : longueur enregistrée {shown} invalide, "
                               "recalculée d'après le tracé")
            else:
                del stats[key]
                flagged.append(f"« {_clip(owner)} » : valeur enregistrée « {key} » {shown} "
                               "invalide, ignorée")
    return RouteRecord(
        profile=rd.text("profile"),
        stops=rd.json("stops", lambda v: tuple(Stop(_label(s[0]), *lon_lat(s[1], s[2]))
                                                for s in v), "liste d'arrêts [nom, lon, lat]"),
        geometry=geometry, stats=stats,
    )


def _label(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(value)
    return value


def _geometry(value: Any) -> tuple[tuple[float, ...], ...]:
    points = []
    for point in value:
        if not isinstance(point, list) or not 2 <= len(point) <= 3:
            raise TypeError(point)
        lon, lat = lon_lat(point[0], point[1])
        points.append((lon, lat, *(finite(z, -500.0, 9000.0) for z in point[2:])))
    return tuple(points)


def _targets(value: Any) -> dict[Category, Decimal]:
    targets = {}
    for key, text in mapping(value).items():
        number = Decimal(str(text))
        if not number.is_finite() or abs(number) > 1000:
            raise ValueError(text)
        targets[Category(key)] = number
    return targets


def _read_waypoint(path: Path, w: sqlite3.Row) -> Waypoint:
    rd = RowReader(path, "waypoints", w)
    lon, lat = rd.real("lon", -180.0, 180.0), rd.real("lat", -90.0, 90.0)
    try:
        return Waypoint(rd.enum("kind", WaypointKind), rd.text("label"), lon, lat,
                        rd.opt_enum("discipline", Discipline), rd.text("note", optional=True))
    except ValueError as exc:
        if isinstance(exc, StoredValueError):
            raise
        raise rd.fail("discipline", str(exc)) from None


def _stop(value: Any) -> Stop:
    if not isinstance(value, list) or len(value) != 3:
        raise TypeError(value)
    return Stop(_label(value[0]), *lon_lat(value[1], value[2]))


def _opt_stop(rd: RowReader, field: str) -> Stop | None:
    text = rd.text(field, optional=True)
    return rd.json(field, _stop, "arrêt [nom, lon, lat]") if text else None


def _opt_seconds(rd: RowReader, field: str) -> dt.timedelta | None:
    seconds = rd.opt_integer(field, 0, 14 * 24 * 3600)
    return None if seconds is None else dt.timedelta(seconds=seconds)


def _read_leg(conn: sqlite3.Connection, path: Path, row: sqlite3.Row,
              flagged: list[str]) -> Leg:
    rd = RowReader(path, "legs", row)
    route = None
    if row["route_id"] is not None:
        route_row = conn.execute("SELECT * FROM routes WHERE id = ?",
                                 (row["route_id"],)).fetchone()
        if route_row is None:
            raise rd.fail("route_id", "parcours absent de la table « routes »")
        route = _read_route(path, route_row, flagged, str(row["name"] or row["kind"]))
    try:
        return Leg(rd.enum("kind", LegKind), rd.text("name", optional=True),
                   _opt_stop(rd, "start"),
                   rd.json("via", lambda v: tuple(_stop(s) for s in v),
                           "liste d'arrêts [nom, lon, lat]"),
                   _opt_stop(rd, "end_stop"), rd.text("profile", optional=True),
                   _read_pace(rd, flagged), _opt_seconds(rd, "duration_s"),
                   _opt_seconds(rd, "limit_s"),
                   bool(rd.integer("hand_drawn", 0, 1)), route)
    except LegError as exc:
        raise rd.fail("kind", str(exc)) from None


def _read_format(conn: sqlite3.Connection, path: Path, f: sqlite3.Row,
                 flagged: list[str]) -> Format:
    rd = RowReader(path, "formats", f)
    route = None
    if f["route_id"] is not None:
        route_row = conn.execute("SELECT * FROM routes WHERE id = ?", (f["route_id"],)).fetchone()
        if route_row is None:
            raise rd.fail("route_id", "parcours absent de la table « routes »")
        route = _read_route(path, route_row, flagged, str(f["name"]))
    waypoints = tuple(
        _read_waypoint(path, w)
        for w in conn.execute("SELECT * FROM waypoints WHERE format_id = ? ORDER BY position",
                              (f["id"],)))
    return Format(
        name=rd.text("name"), discipline=rd.enum("discipline", Discipline),
        target_distance_km=rd.real("distance_km", -_WIDE, _WIDE),
        max_participants=rd.integer("max_participants", -_WIDE_INT, _WIDE_INT),
        fee_eur=rd.decimal("fee", MAX_AMOUNT),
        day=rd.opt_date("day"), start_time=rd.opt_time("start_time"),
        expected_participants=rd.opt_integer("expected_participants", -_WIDE_INT, _WIDE_INT),
        route=route, waypoints=waypoints,
        marshals_override=rd.opt_integer("marshals_override", -_WIDE_INT, _WIDE_INT),
        venue=rd.text("venue", optional=True),
        pace=_read_pace(rd, flagged),
        legs=tuple(_read_leg(conn, path, leg, flagged) for leg in conn.execute(
            "SELECT * FROM legs WHERE format_id = ? ORDER BY position", (f["id"],))),
    )


def _read_pace(rd: RowReader, flagged: list[str]) -> Pace | None:
    text = rd.text("pace", optional=True)
    if not text:
        return None
    try:
        values = json.loads(text)
    except (ValueError, RecursionError):
        values = None
    try:
        if not (isinstance(values, list) and len(values) == 3
                and all(isinstance(v, int | float) and math.isfinite(v) for v in values)):
            raise rd.fail("pace", "trois nombres attendus (vitesse, fermeture, D+ horaire)")
        try:
            return Pace(*(float(v) for v in values))
        except PaceError as exc:  # a stored typo: flagged, the discipline's pace stands in
            flagged.append(f"« {_clip(rd.text('name'))} » : allure enregistrée {values} écartée "
                           f"({exc}) ; celle de la discipline est utilisée")
            return None
    except (ValueError, PaceError, OverflowError) as exc:
        if isinstance(exc, StoredValueError):
            raise
        raise rd.fail("pace", "trois nombres attendus (vitesse, fermeture, D+ horaire)") from exc


def _read_line(path: Path, ln: sqlite3.Row) -> BudgetLine:
    rd = RowReader(path, "budget_lines", ln)
    account = rd.text("account")
    if account not in GROUPS_BY_CODE:
        raise rd.fail("account", "compte hors du plan CERFA")
    try:
        return BudgetLine(
            account, rd.text("label"), amount=rd.decimal("amount", MAX_AMOUNT),
            actual=rd.opt_decimal("actual", MAX_AMOUNT),
            quantity=rd.opt_decimal("quantity", MAX_QUANTITY),
            unit_price=rd.opt_decimal("unit_price", MAX_AMOUNT),
            category=rd.enum("category", Category), driver=rd.enum("driver", Driver),
            format_name=rd.text("format_name", optional=True),
        )
    except BudgetError as exc:
        if isinstance(exc, StoredValueError):
            raise
        raise rd.fail("category", str(exc)) from None


def _read_event(path: Path, ev_row: sqlite3.Row, formats: tuple[Format, ...]) -> Event:
    rd = RowReader(path, "events", ev_row)
    start, end = rd.date("start_date"), rd.date("end_date")
    if end < start:
        raise rd.fail("end_date", "la date de fin précède la date de début")
    return Event(
        rd.text("name"), rd.integer("edition_year", -_WIDE_INT, _WIDE_INT), start, end,
        rd.text("organiser"), formats, bool(rd.integer("is_series", 0, 1)),
        rd.text("template", optional=True), bool(rd.integer("stage_race", 0, 1)),
        place=rd.text("place", optional=True), contact=rd.text("contact", optional=True),
        author=rd.text("author", optional=True), website=rd.text("website", optional=True),
    )


def _read(conn: sqlite3.Connection, path: Path) -> Project:
    conn.row_factory = sqlite3.Row
    flagged: list[str] = []
    ev_row = conn.execute("SELECT * FROM events ORDER BY id LIMIT 1").fetchone()
    if ev_row is None:
        raise ProjectFileError(f"{path} ne contient aucun événement")
    formats = tuple(
        _read_format(conn, path, f, flagged)
        for f in conn.execute("SELECT * FROM formats WHERE event_id = ? ORDER BY position",
                              (ev_row["id"],)).fetchall())
    event = _read_event(path, ev_row, formats)
    budgets = []
    for b in conn.execute("SELECT * FROM budgets WHERE event_id = ? ORDER BY position",
                          (ev_row["id"],)).fetchall():
        rd = RowReader(path, "budgets", b)
        lines = tuple(_read_line(path, ln) for ln in conn.execute(
            "SELECT * FROM budget_lines WHERE budget_id = ? ORDER BY position", (b["id"],)))
        budgets.append(Budget(rd.text("name"), lines,
                              rd.json("targets", _targets, "objet {catégorie: part}"),
                              rd.json("format_names", strings, "liste de noms")))
    net_row = conn.execute("SELECT * FROM network WHERE id = 1").fetchone()
    network = None
    if net_row is not None:
        rd = RowReader(path, "network", net_row)
        data = net_row["data"]
        if data is not None and not isinstance(data, bytes):
            raise rd.fail("data", "données binaires attendues")
        network = NetworkRef(rd.text("name"), rd.text("source"),
                             rd.json("layers", strings, "liste de fichiers"), data,
                             rd.json("dems", strings, "liste de fichiers"))
    project = Project(event, tuple(budgets), network, revision=_revision(conn))
    return replace(project, problems=(*flagged, *project_problems(project)))


def _open(path: Path) -> Project:
    """Read a project without writing to it: an older schema is migrated in a copy in memory.

    The file itself is migrated (its old version kept as ``P.cavalier.vN.bak``) by the next
    save only, so a command that fails, or only reads, leaves it exactly as it was."""
    if not path.is_file():
        raise ProjectFileError(f"Projet introuvable : {path}")
    with closing(_connect(path)) as conn:
        version = _check_ours(conn, path)
        if version < SCHEMA_VERSION:
            with closing(sqlite3.connect(":memory:")) as copy:
                try:
                    conn.backup(copy)
                    migrate(copy)
                except sqlite3.Error as exc:
                    raise ProjectFileError(
                        f"{path} est endommagé : {sqlite_reason(exc)}") from exc
                return _read_checked(copy, path)
        return _read_checked(conn, path)


def _read_checked(conn: sqlite3.Connection, path: Path) -> Project:
    try:
        project = _read(conn, path)
    except StoredValueError as exc:
        raise ProjectFileError(str(exc)) from exc
    except sqlite3.Error as exc:
        raise ProjectFileError(f"{path} est endommagé : {sqlite_reason(exc)}") from exc
    except UnicodeDecodeError as exc:
        raise ProjectFileError(
            f"{path} est endommagé : texte enregistré mal encodé (pas de l'UTF-8)") from exc
    except (ValueError, KeyError, TypeError, ArithmeticError, RecursionError) as exc:
        raise ProjectFileError(
            f"{path} est endommagé : valeur invalide ({french_reason(exc)})") from exc
    return project


def open_project(path: Path) -> Project:
    """Read a project; an older file is read through a migrated copy in memory and migrated in
    place by the next save (the old file is then kept as ``.vN.bak``)."""
    try:
        return _open(path)
    except (sqlite3.Error, UnicodeDecodeError) as exc:  # SQLite's own message may not decode
        raise ProjectFileError(f"{path} est endommagé : {sqlite_reason(exc)}") from exc


def saved_at(path: Path) -> dt.datetime | None:
    with closing(_connect(path)) as conn:
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'saved_at'").fetchone()
        except sqlite3.DatabaseError:
            return None
    try:
        moment = dt.datetime.fromisoformat(row[0]) if row else None
    except (TypeError, ValueError):  # a damaged date: as if never saved
        return None
    return moment if moment is None or moment.tzinfo else moment.replace(tzinfo=dt.UTC)


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
    try:
        main_time = saved_at(path) if path.is_file() else None
    except ProjectFileError:  # a damaged project: the autosave is all the better
        main_time = None
    return main_time is None or side_time >= main_time


def file_revision(path: Path) -> int | None:
    """The revision of the project file at ``path`` (None: no such file, or not readable)."""
    if not path.is_file():
        return None
    try:
        with closing(_connect(path)) as conn:
            _check_ours(conn, path)
            return _revision(conn)
    except (ProjectFileError, sqlite3.Error):
        return None


def recover(path: Path) -> Project:
    """The autosaved project, fully checked (the caller then saves it, removing the autosave).

    It stands for the project file, so it carries that file's revision as it is now: a later
    save is refused only if another command writes the file after the recovery."""
    try:
        project = _open(autosave_path(path))
    except ProjectFileError as exc:
        raise ProjectFileError(
            f"La sauvegarde automatique de {path.name} est inutilisable, le projet n'a pas été "
            f"modifié : {exc}") from exc
    return replace(project, revision=file_revision(path))


def previous_path(path: Path) -> Path:
    """Where :func:`restore_autosave` keeps the project it replaced."""
    return path.with_name(path.name + ".avant-recuperation")


def restore_autosave(path: Path) -> Project:
    """Replace the project by its autosave once the autosave reads back whole.

    The project file it replaces is kept as :func:`previous_path`.
    """
    project = recover(path)
    if path.is_file():
        with atomic_output(previous_path(path), error=ProjectFileError,
                           project=True) as temporary:
            try:
                with closing(sqlite3.connect(path)) as source, \
                        closing(sqlite3.connect(temporary)) as copy:
                    source.backup(copy)
            except sqlite3.Error:  # a damaged project: keep its bytes as they are
                shutil.copyfile(path, temporary)
    # The autosave replaces it whole, whatever state it was in, by one rename: killed at any
    # moment, the project file is either the old one or the recovered one, never missing.
    save_project(path, project, fresh=True)
    return open_project(path)


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


def project_network(ref: NetworkRef | None) -> Network:
    """The network the project's routes were computed on (embedded network when none is set),
    with the project's elevation models applied (:func:`apply_project_dems`)."""
    from routes.network.model import load_network
    from routes.network.store import SUFFIX  # the routing core: only when a network is asked for

    if ref is not None and ref.data:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"reseau{SUFFIX}"
            path.write_bytes(ref.data)
            network = load_network(path)
    elif ref is not None and ref.layers:
        network = load_network(layers=list(ref.layers))
    else:
        network = load_network()
    if ref is not None and ref.dems:
        apply_project_dems(network, ref.dems)
    return network


def apply_project_dems(network: Network, dems: Sequence[str]) -> None:
    """Heights of the recorded DEM files on the network; files no longer found are named in
    ``graph["elevation_missing"]`` (the figures then say there are no heights, and why)."""
    from routes.elevation.dem import open_dems
    from routes.elevation.network import set_elevations

    present = [d for d in dems if Path(d).is_file()]
    missing = [d for d in dems if d not in present]
    if missing:
        network.graph.graph["elevation_missing"] = missing
    if present:
        set_elevations(network.graph, open_dems(present), source=", ".join(
            Path(d).name for d in present), allow_partial=True)
