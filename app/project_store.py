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
from routes.errors import CavalierError

if TYPE_CHECKING:
    from routes.network.model import Network

APPLICATION_ID = 0x43415641  # "CAVA", PRAGMA application_id marks our files
SUFFIX = ".cavalier"
MAX_PEOPLE = 1_000_000  # participants or marshals of one format


class ProjectFileError(CavalierError, OSError):
    """A project file cannot be opened, read or written."""


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


_SQLITE_REASONS = {
    5: "le projet est occupé par une autre commande ; réessayez",  # SQLITE_BUSY
    6: "le projet est verrouillé par une autre commande ; réessayez",  # SQLITE_LOCKED
    8: "fichier en lecture seule",  # SQLITE_READONLY
    10: "erreur d'entrée-sortie du disque",  # SQLITE_IOERR
    11: "fichier endommagé",  # SQLITE_CORRUPT
    13: "disque plein",  # SQLITE_FULL
    14: "fichier impossible à ouvrir (dossier absent ou droits insuffisants)",  # SQLITE_CANTOPEN
    26: "ce n'est pas une base SQLite",  # SQLITE_NOTADB
}


def sqlite_reason(exc: sqlite3.Error) -> str:
    """A French reason for an SQLite error (its own messages are English)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF in _SQLITE_REASONS:
        return _SQLITE_REASONS[code & 0xFF]
    if "full" in str(exc):
        return "disque plein"
    return f"erreur SQLite ({type(exc).__name__})"


def _connect(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=10.0)
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as exc:
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
            f"type) : {sqlite_reason(exc)}") from exc
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
    row = conn.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()
    try:
        return int(row[0]) if row else 0
    except (TypeError, ValueError):
        return 0


def _write_checked(conn: sqlite3.Connection, path: Path, project: Project,
                   base_revision: int | None) -> int:
    """Write in one IMMEDIATE transaction, so the revision check and the write are atomic."""
    with _transaction(conn):
        current = _revision(conn)
        if base_revision is not None and current != base_revision:
            raise StaleProjectError(
                f"{path.name} a été modifié par une autre commande depuis sa lecture (révision "
                f"{current}, lue {base_revision}) : rien n'a été enregistré ; relancez la "
                "commande pour repartir de la version actuelle")
        _write(conn, project)
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('revision', ?)",
                     (str(current + 1),))
    return current + 1


def _save_to(path: Path, project: Project, base_revision: int | None = None) -> int:
    try:
        if path.exists():
            with closing(_connect(path)) as conn:
                _check_ours(conn, path)
                migrate(conn)
                return _write_checked(conn, path, project, base_revision)
        # A new file is built beside the target and renamed: never a 0-byte or half project.
        with atomic_output(path, error=ProjectFileError) as temporary:
            with closing(_connect(temporary)) as conn:
                migrate(conn)
                revision = _write_checked(conn, path, project, None)
            Path(f"{temporary}-journal").unlink(missing_ok=True)
        return revision
    except sqlite3.Error as exc:
        raise ProjectFileError(
            f"Enregistrement de {path} impossible : {sqlite_reason(exc)} ; le projet est resté "
            "tel qu'il était") from exc


def save_project(path: Path, project: Project, *, base_revision: int | None = None) -> int:
    """Write the whole project in one transaction, then drop the autosave (now outdated).

    With ``base_revision`` (the ``revision`` of the project as it was read), the save is refused
    with :class:`StaleProjectError` when another command wrote the file since. Returns the new
    revision.
    """
    revision = _save_to(path, project, base_revision)
    autosave_path(path).unlink(missing_ok=True)
    return revision


# --- reading ---------------------------------------------------------------------------------

def _read_route(path: Path, row: sqlite3.Row) -> RouteRecord:
    rd = RowReader(path, "routes", row)
    return RouteRecord(
        profile=rd.text("profile"),
        stops=rd.json("stops", lambda v: tuple(Stop(_label(s[0]), *lon_lat(s[1], s[2]))
                                                for s in v), "liste d'arrêts [nom, lon, lat]"),
        geometry=rd.json("geometry", _geometry, "liste de points [lon, lat, altitude] finis"),
        stats=rd.json("stats", mapping, "objet JSON"),
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


def _read_leg(conn: sqlite3.Connection, path: Path, row: sqlite3.Row) -> Leg:
    rd = RowReader(path, "legs", row)
    route = None
    if row["route_id"] is not None:
        route_row = conn.execute("SELECT * FROM routes WHERE id = ?",
                                 (row["route_id"],)).fetchone()
        if route_row is None:
            raise rd.fail("route_id", "parcours absent de la table « routes »")
        route = _read_route(path, route_row)
    try:
        return Leg(rd.enum("kind", LegKind), rd.text("name", optional=True),
                   _opt_stop(rd, "start"),
                   rd.json("via", lambda v: tuple(_stop(s) for s in v),
                           "liste d'arrêts [nom, lon, lat]"),
                   _opt_stop(rd, "end_stop"), rd.text("profile", optional=True),
                   _read_pace(rd), _opt_seconds(rd, "duration_s"), _opt_seconds(rd, "limit_s"),
                   bool(rd.integer("hand_drawn", 0, 1)), route)
    except LegError as exc:
        raise rd.fail("kind", str(exc)) from None


def _read_format(conn: sqlite3.Connection, path: Path, f: sqlite3.Row) -> Format:
    rd = RowReader(path, "formats", f)
    route = None
    if f["route_id"] is not None:
        route_row = conn.execute("SELECT * FROM routes WHERE id = ?", (f["route_id"],)).fetchone()
        if route_row is None:
            raise rd.fail("route_id", "parcours absent de la table « routes »")
        route = _read_route(path, route_row)
    waypoints = tuple(
        _read_waypoint(path, w)
        for w in conn.execute("SELECT * FROM waypoints WHERE format_id = ? ORDER BY position",
                              (f["id"],)))
    return Format(
        name=rd.text("name"), discipline=rd.enum("discipline", Discipline),
        target_distance_km=rd.real("distance_km", 0.0, 10_000.0),
        max_participants=rd.integer("max_participants", 0, MAX_PEOPLE),
        fee_eur=rd.decimal("fee", MAX_AMOUNT),
        day=rd.opt_date("day"), start_time=rd.opt_time("start_time"),
        expected_participants=rd.opt_integer("expected_participants", 0, MAX_PEOPLE),
        route=route, waypoints=waypoints,
        marshals_override=rd.opt_integer("marshals_override", 0, MAX_PEOPLE),
        venue=rd.text("venue", optional=True),
        pace=_read_pace(rd),
        legs=tuple(_read_leg(conn, path, leg) for leg in conn.execute(
            "SELECT * FROM legs WHERE format_id = ? ORDER BY position", (f["id"],))),
    )


def _read_pace(rd: RowReader) -> Pace | None:
    text = rd.text("pace", optional=True)
    if not text:
        return None
    try:
        values = json.loads(text)
        if not (isinstance(values, list) and len(values) == 3
                and all(isinstance(v, int | float) and math.isfinite(v) for v in values)):
            raise rd.fail("pace", "trois nombres attendus (vitesse, fermeture, D+ horaire)")
        return Pace(*(float(v) for v in values))
    except (ValueError, PaceError) as exc:
        if isinstance(exc, StoredValueError):
            raise
        raise rd.fail("pace", str(exc)) from exc


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
        rd.text("name"), rd.integer("edition_year", FIRST_YEAR, LAST_YEAR - 1), start, end,
        rd.text("organiser"), formats, bool(rd.integer("is_series", 0, 1)),
        rd.text("template", optional=True), bool(rd.integer("stage_race", 0, 1)),
        place=rd.text("place", optional=True), contact=rd.text("contact", optional=True),
        author=rd.text("author", optional=True), website=rd.text("website", optional=True),
    )


def _read(conn: sqlite3.Connection, path: Path) -> Project:
    conn.row_factory = sqlite3.Row
    ev_row = conn.execute("SELECT * FROM events ORDER BY id LIMIT 1").fetchone()
    if ev_row is None:
        raise ProjectFileError(f"{path} ne contient aucun événement")
    formats = tuple(
        _read_format(conn, path, f)
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
    return Project(event, tuple(budgets), network, revision=_revision(conn))


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
        except StoredValueError as exc:
            raise ProjectFileError(str(exc)) from exc
        except sqlite3.Error as exc:
            raise ProjectFileError(f"{path} est endommagé : {sqlite_reason(exc)}") from exc
        except (ValueError, KeyError, TypeError, ArithmeticError) as exc:
            raise ProjectFileError(
                f"{path} est endommagé : valeur invalide ({type(exc).__name__})") from exc


def open_project(path: Path) -> Project:
    """Read a project, migrating an older file in place (the old file is kept as ``.vN.bak``)."""
    return _open(path, backup_before_migrating=True)


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
        project = _open(autosave_path(path), backup_before_migrating=False)
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
        with atomic_output(previous_path(path), error=ProjectFileError) as temporary:
            try:
                with closing(sqlite3.connect(path)) as source, \
                        closing(sqlite3.connect(temporary)) as copy:
                    source.backup(copy)
            except sqlite3.Error:  # a damaged project: keep its bytes as they are
                shutil.copyfile(path, temporary)
        path.unlink()  # the autosave replaces it whole, whatever state it was in
    save_project(path, project)
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
