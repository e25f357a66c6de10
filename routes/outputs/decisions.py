"""Where a participant has to choose: the junctions a course passes, as instructions.

:func:`course_decisions` takes the network and a course's geometry (lon, lat[, ele] vertices, as a
project stores it: network nodes sit on geometry vertices, a stored route keeps no edge list) and
returns, in course order, every junction where the course leaves the straight-on continuation or
where another way could mislead, with its distance along the geometry (WGS84 geodesic, the same sum
as the participants' files), the turn, its angle and the name of the way taken. Out-and-back
sections and sections shared with the event's other formats are listed with the km of each
passage.

Rules (tested on a T, a cross, a Y and an out-and-back):

- the direction of a way is its bearing from the junction to the point :data:`BEARING_M` metres
  along it (not its first, often tiny, segment); the course's own directions are measured the
  same way along the course;
- « demi-tour » when the course goes back the way it came (a hairpin onto another way is a
  sharp « à gauche » / « à droite »);
- when the course takes the way nearest to straight on (within :data:`STRAIGHT_DEG`) it gets a
  cue only if another way could mislead: one within :data:`FORK_DEG` of the way taken (a fork:
  « à gauche » / « à droite » when the course bears that way, else « tout droit »), ways on both
  sides (a crossroads: « tout droit »), or a way another format of the event takes there; a side
  branch on one side only gets no cue;
- otherwise (another way is straighter, or none is straight, as at the stem of a T) « à gauche »
  or « à droite » by the side of the way taken;
- only ways someone surveyed count as misleading (straight connectors and access spurs drawn by
  the software are not on the ground), and a junction without another way gets no cue;
- cues within :data:`MERGE_M` of a first one merge into it (an offset crossroads: « à droite puis à
  gauche »).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any, Literal

import numpy as np

from routes.network.model import Network
from routes.outputs.stats import geodesic_steps
from routes.provenance import is_surveyed

Turn = Literal["left", "right", "straight", "u_turn"]
Direction = Literal["same", "opposite", "crossing"]

#: French instruction of each turn (marking plan, cue names).
TURN_TEXT: dict[str, str] = {"left": "à gauche", "right": "à droite", "straight": "tout droit",
                             "u_turn": "demi-tour"}

BEARING_M = 25.0  # a way's direction: towards its point this far from the junction
MATCH_M = 0.5  # a geometry vertex this close to a node is the node
STRAIGHT_DEG = 35.0  # the straight-on continuation deviates less than this
FORK_DEG = 60.0  # another way this close to the way taken could mislead
U_TURN_DEG = 150.0
SAME_WAY_DEG = 8.0  # two edges leaving a node this close are one way on the ground
MERGE_M = 30.0
_EARTH_M_PER_DEG = math.radians(1.0) * 6_371_008.8

Coords = Sequence[Sequence[float]]


@dataclass(frozen=True)
class Way:
    """A way leaving a junction, as seen from it."""

    bearing_deg: float  # 0 = north, clockwise
    name: str
    role: Literal["arrival", "taken", "other"]
    #: (lon, lat) points from the junction, about 60 m of the way (for a junction map).
    line: tuple[tuple[float, float], ...]
    other_formats: tuple[str, ...] = ()  # other formats of the event that use this way here


@dataclass(frozen=True)
class Passage:
    """Another format of the event at the same junction."""

    format_name: str
    distance_m: float  # along that format's geometry
    turn: Turn | None  # None when that format goes straight through with nothing to say
    direction: Direction  # relative to this course's passage
    parts: bool  # arrives by this course's way and leaves by another one
    joins: bool  # arrives by another way and leaves by this course's way


@dataclass(frozen=True)
class Decision:
    distance_m: float  # along the given geometry, from its first vertex
    lon: float
    lat: float
    node: int  # network node (the first one when several merged)
    turn: Turn
    angle_deg: float  # signed turn, right positive
    instruction: str  # « à droite », « à droite puis à gauche »
    way_name: str  # name of the way taken, "" when unknown
    ways: tuple[Way, ...]
    others: tuple[Passage, ...] = ()
    merged: tuple[int, ...] = ()  # further nodes merged into this cue
    reason: str = ""  # why a straight-on junction is a decision: « fourche », « carrefour »…
    bearing_deg: float = 0.0  # direction the course leaves in (0 = north, clockwise)

    @property
    def text(self) -> str:
        return TURN_TEXT[self.turn]


@dataclass(frozen=True)
class SectionPassage:
    format_name: str
    start_m: float
    end_m: float
    reverse: bool  # travelled against the first passage


@dataclass(frozen=True)
class Section:
    """A stretch travelled more than once: out and back by one format, or shared by several."""

    kind: Literal["out_and_back", "shared"]
    passages: tuple[SectionPassage, ...]

    @property
    def length_m(self) -> float:
        first = self.passages[0]
        return first.end_m - first.start_m


@dataclass(frozen=True)
class CourseDecisions:
    decisions: tuple[Decision, ...]
    sections: tuple[Section, ...]
    length_m: float  # of the given geometry, the unit of every distance above


# -- geometry -------------------------------------------------------------------------------------

class _Frame:
    """A local flat projection in metres around a latitude."""

    def __init__(self, lat0: float) -> None:
        self.kx = math.cos(math.radians(lat0)) * _EARTH_M_PER_DEG

    def xy(self, lonlat: np.ndarray) -> np.ndarray:
        return np.column_stack([lonlat[:, 0] * self.kx, lonlat[:, 1] * _EARTH_M_PER_DEG])


def _bearing(dx: float, dy: float) -> float:
    return math.degrees(math.atan2(dx, dy)) % 360.0


def _signed(angle: float) -> float:
    """An angle in (-180, 180]."""
    angle = (angle + 180.0) % 360.0 - 180.0
    return 180.0 if angle == -180.0 else angle


def _point_along(xy: np.ndarray, distance: float) -> np.ndarray:
    """The point ``distance`` metres along a polyline (its end when shorter)."""
    steps = np.hypot(*np.diff(xy, axis=0).T)
    done = 0.0
    for i, step in enumerate(steps):
        if done + step >= distance and step > 0:
            t = (distance - done) / step
            return np.asarray(xy[i] + (xy[i + 1] - xy[i]) * t)
        done += step
    return np.asarray(xy[-1])


def _line_bearing(xy: np.ndarray) -> float:
    target = _point_along(xy, BEARING_M)
    return _bearing(float(target[0] - xy[0][0]), float(target[1] - xy[0][1]))


def _cut(xy: np.ndarray, lonlat: np.ndarray, length: float) -> tuple[tuple[float, float], ...]:
    """The first ``length`` metres of a line, in lon/lat."""
    steps = np.hypot(*np.diff(xy, axis=0).T)
    out = [(float(lonlat[0][0]), float(lonlat[0][1]))]
    done = 0.0
    for i, step in enumerate(steps):
        if done + step >= length and step > 0:
            t = (length - done) / step
            p = lonlat[i] + (lonlat[i + 1] - lonlat[i]) * t
            out.append((float(p[0]), float(p[1])))
            break
        done += step
        out.append((float(lonlat[i + 1][0]), float(lonlat[i + 1][1])))
    return tuple(out)


# -- a course on the network ----------------------------------------------------------------------

@dataclass
class _Track:
    """A geometry with its cumulative distances and the network nodes on its vertices."""

    name: str
    lonlat: np.ndarray
    xy: np.ndarray
    cumulative: np.ndarray
    stops: list[tuple[int, int]]  # (vertex index, node) in course order, consecutive nodes distinct

    def heading_back(self, vertex: int) -> tuple[float, np.ndarray] | None:
        """Bearing from a vertex back along the course, and that stretch (from the vertex)."""
        if vertex == 0:
            return None
        back = self.xy[vertex::-1]
        return _line_bearing(back), back

    def heading_ahead(self, vertex: int) -> tuple[float, np.ndarray] | None:
        if vertex >= len(self.xy) - 1:
            return None
        ahead = self.xy[vertex:]
        return _line_bearing(ahead), ahead


def _lonlat(geometry: Coords) -> np.ndarray:
    return np.asarray([(float(p[0]), float(p[1])) for p in geometry], dtype=float)


def _cumulative(lonlat: np.ndarray) -> np.ndarray:
    """WGS84 geodesic metres from the start at each vertex: the course sheet's own axis."""
    return np.concatenate([[0.0], np.cumsum(geodesic_steps(lonlat))])


class _NodeIndex:
    def __init__(self, network: Network, frame: _Frame, box: tuple[float, float, float, float]):
        graph = network.graph
        west, south, east, north = box
        ids = [n for n, d in graph.nodes(data=True)
               if west <= d["x"] <= east and south <= d["y"] <= north]
        self.ids = ids
        coords = np.asarray([(graph.nodes[n]["x"], graph.nodes[n]["y"]) for n in ids], dtype=float)
        from scipy.spatial import cKDTree  # scipy loads when a course is read, not at start-up

        self.tree = cKDTree(frame.xy(coords)) if ids else None

    def match(self, xy: np.ndarray) -> list[int | None]:
        if self.tree is None:
            return [None] * len(xy)
        distance, index = self.tree.query(xy, distance_upper_bound=MATCH_M)
        return [self.ids[int(i)] if math.isfinite(d) else None
                for d, i in zip(distance, index, strict=True)]


def _track(name: str, geometry: Coords, frame: _Frame, index: _NodeIndex) -> _Track:
    lonlat = _lonlat(geometry)
    xy = frame.xy(lonlat)
    stops: list[tuple[int, int]] = []
    for vertex, node in enumerate(index.match(xy)):
        if node is not None and (not stops or stops[-1][1] != node):
            stops.append((vertex, node))
    return _Track(name, lonlat, xy, _cumulative(lonlat), stops)


# -- the ways at a junction -----------------------------------------------------------------------

@dataclass
class _Branch:
    neighbour: int
    length: float
    bearing: float
    name: str
    surveyed: bool
    xy: np.ndarray
    lonlat: np.ndarray


def _branches(network: Network, node: int, frame: _Frame) -> list[_Branch]:
    """The ways leaving a node (one per way on the ground: overlapping edges count once)."""
    found: list[_Branch] = []
    for _, v, data in network.graph.out_edges(node, data=True):
        geom = data.get("geometry")
        if geom is None:
            graph = network.graph
            coords = np.asarray([(graph.nodes[node]["x"], graph.nodes[node]["y"]),
                                 (graph.nodes[v]["x"], graph.nodes[v]["y"])], dtype=float)
        else:
            coords = np.asarray(geom.coords, dtype=float)[:, :2]
        xy = frame.xy(coords)
        if float(np.hypot(*(xy[-1] - xy[0]))) < 1e-6 and len(xy) < 3:
            continue
        branch = _Branch(v, float(data.get("length", 0.0)), _line_bearing(xy),
                         str(data.get("name") or ""), is_surveyed(data), xy, coords)
        same = next((b for b in found if abs(_signed(b.bearing - branch.bearing)) < SAME_WAY_DEG),
                    None)
        if same is None:
            found.append(branch)
            continue
        same.name = same.name or branch.name
        same.surveyed = same.surveyed or branch.surveyed
    return found


def _nearest(branches: list[_Branch], bearing: float, neighbour: int | None) -> int | None:
    """Index of the branch the course follows: towards its next node, else by bearing."""
    best: tuple[float, int] | None = None
    for i, b in enumerate(branches):
        gap = abs(_signed(b.bearing - bearing))
        score = gap - (1000.0 if b.neighbour == neighbour and gap < 45.0 else 0.0)
        if gap < 45.0 and (best is None or score < best[0]):
            best = (score, i)
    return None if best is None else best[1]


@dataclass
class _Junction:
    """What one passage sees at a node."""

    track: _Track
    stop: int  # index in track.stops
    vertex: int
    node: int
    arrival: float  # bearing from the node back along the way the course came
    leave: float  # bearing of the way the course takes
    arrival_branch: int | None
    taken_branch: int | None
    branches: list[_Branch]

    @property
    def distance_m(self) -> float:
        return float(self.track.cumulative[self.vertex])

    def deviation(self, bearing: float) -> float:
        """Signed deviation of a direction from straight on (right positive)."""
        return _signed(bearing - (self.arrival + 180.0))

    @property
    def angle(self) -> float:
        return self.deviation(self.leave)

    def others(self) -> list[int]:
        return [i for i in range(len(self.branches))
                if i not in (self.arrival_branch, self.taken_branch)]


def _junction(track: _Track, stop: int, network: Network, frame: _Frame,
              cache: dict[int, list[_Branch]]) -> _Junction | None:
    vertex, node = track.stops[stop]
    back = track.heading_back(vertex)
    ahead = track.heading_ahead(vertex)
    if back is None or ahead is None:
        return None
    if node not in cache:
        cache[node] = _branches(network, node, frame)
    branches = cache[node]
    previous = track.stops[stop - 1][1] if stop > 0 else None
    following = track.stops[stop + 1][1] if stop + 1 < len(track.stops) else None
    return _Junction(track, stop, vertex, node, back[0], ahead[0],
                     _nearest(branches, back[0], previous), _nearest(branches, ahead[0], following),
                     branches)


def _is_u_turn(j: _Junction) -> bool:
    """Back the way it came (a hairpin onto another way is a sharp turn, not a U-turn)."""
    if j.arrival_branch is not None and j.arrival_branch == j.taken_branch:
        return True
    distinct = j.taken_branch is not None and j.taken_branch != j.arrival_branch
    return not distinct and abs(j.angle) >= U_TURN_DEG


def _classify(j: _Junction, marked: Iterable[int] = ()) -> tuple[Turn, str] | None:
    """The turn at a junction and why, or None when it needs no cue; ``marked``: indices of
    branches another format takes there."""
    if _is_u_turn(j):
        return "u_turn", "demi-tour"
    others = [i for i in j.others() if j.branches[i].surveyed or i in marked]
    if not others:
        return None
    angle = j.angle
    side: Turn = "left" if angle < 0 else "right"
    straightest = min([*others, -1], key=lambda i: abs(
        j.deviation(j.branches[i].bearing) if i >= 0 else angle))
    forks = [i for i in others
             if abs(_signed(j.branches[i].bearing - j.leave)) < FORK_DEG]
    if forks and abs(angle) < STRAIGHT_DEG:
        if straightest == -1 and abs(angle) < 10.0:
            return "straight", "fourche"
        return side, "fourche"
    if straightest != -1 or abs(angle) >= STRAIGHT_DEG:
        return side, "virage"
    sides = {math.copysign(1.0, j.deviation(j.branches[i].bearing)) for i in others
             if STRAIGHT_DEG <= abs(j.deviation(j.branches[i].bearing)) < U_TURN_DEG}
    if len(sides) == 2:
        return "straight", "carrefour"
    if any(i in marked for i in others):
        return "straight", "autre format"
    return None


# -- other formats, sections ----------------------------------------------------------------------

def _edge_key(a: int, b: int, length: float) -> tuple[int, int, int]:
    return (min(a, b), max(a, b), round(length))


def _traversals(track: _Track) -> list[tuple[tuple[int, int, int], bool, float, float]]:
    """(undirected edge, forward, start_m, end_m) for each step between two consecutive nodes."""
    out = []
    for (va, a), (vb, b) in pairwise(track.stops):
        start, end = float(track.cumulative[va]), float(track.cumulative[vb])
        out.append((_edge_key(a, b, end - start), a < b, start, end))
    return out


def _runs(flags: Sequence[bool]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    start = None
    for i, flag in enumerate([*flags, False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            runs.append((start, i - 1))
            start = None
    return runs


def _sections(track: _Track, others: Sequence[_Track]) -> list[Section]:
    steps = _traversals(track)
    sections: list[Section] = []
    seen: dict[tuple[int, int, int], list[int]] = {}
    for i, (key, _forward, _s, _e) in enumerate(steps):
        seen.setdefault(key, []).append(i)
    partner = [next((j for j in seen[key] if j != i and steps[j][1] != forward), None)
               for i, (key, forward, _s, _e) in enumerate(steps)]
    paired: set[int] = set()
    for first, last in _runs([p is not None for p in partner]):
        if first in paired:
            continue
        # the outward leg runs until the step whose partner comes before it (the turnaround)
        end = first
        while end + 1 <= last and (partner[end + 1] or 0) > end + 1:
            end += 1
        back_first, back_last = partner[end], partner[first]
        if back_first is None or back_last is None or back_first < end:
            continue
        paired.update(range(back_first, back_last + 1))
        sections.append(Section("out_and_back", (
            SectionPassage(track.name, steps[first][2], steps[end][3], False),
            SectionPassage(track.name, steps[back_first][2], steps[back_last][3], True))))
    for other in others:
        theirs: dict[tuple[int, int, int], list[tuple[bool, float, float]]] = {}
        for key, forward, begin, finish in _traversals(other):
            theirs.setdefault(key, []).append((forward, begin, finish))
        for first, last in _runs([s[0] in theirs for s in steps]):
            passages = [SectionPassage(track.name, steps[first][2], steps[last][3], False)]
            for reverse in (False, True):  # their passages along ours, then against
                spans = [(start, end) for key, forward, _s, _e in steps[first:last + 1]
                         for f, start, end in theirs[key] if (f != forward) == reverse]
                if spans:
                    passages.append(SectionPassage(other.name, min(s for s, _e in spans),
                                                   max(e for _s, e in spans), reverse))
            sections.append(Section("shared", tuple(passages)))
    sections.sort(key=lambda s: s.passages[0].start_m)
    return sections


def _same(a: float, b: float) -> bool:
    return abs(_signed(a - b)) < 20.0


def _passages_at(j: _Junction, others: Sequence[_Track], network: Network, frame: _Frame,
                 cache: dict[int, list[_Branch]]) -> list[tuple[Passage, _Junction]]:
    found = []
    for other in others:
        for stop, (_vertex, node) in enumerate(other.stops):
            if node != j.node:
                continue
            theirs = _junction(other, stop, network, frame, cache)
            if theirs is None:
                continue
            if _same(theirs.leave, j.leave) or _same(theirs.arrival, j.arrival):
                direction: Direction = "same"
            elif _same(theirs.leave, j.arrival) or _same(theirs.arrival, j.leave):
                direction = "opposite"
            else:
                direction = "crossing"
            turn = _classify(theirs)
            parts = _same(theirs.arrival, j.arrival) and not _same(theirs.leave, j.leave)
            joins = _same(theirs.leave, j.leave) and not _same(theirs.arrival, j.arrival)
            found.append((Passage(other.name, theirs.distance_m, turn[0] if turn else None,
                                  direction, parts, joins), theirs))
    return found


def _ways(j: _Junction, passages: Sequence[tuple[Passage, _Junction]]) -> tuple[Way, ...]:
    ways = []
    for i, b in enumerate(j.branches):
        role: Literal["arrival", "taken", "other"] = (
            "taken" if i == j.taken_branch else "arrival" if i == j.arrival_branch else "other")
        users = tuple(sorted({p.format_name for p, theirs in passages
                              if i in (theirs.arrival_branch, theirs.taken_branch)}))
        if role == "other" and not b.surveyed and not users:
            continue
        ways.append(Way(round(b.bearing, 1), b.name, role, _cut(b.xy, b.lonlat, 60.0), users))
    return tuple(ways)


# -- the function ---------------------------------------------------------------------------------

def course_decisions(network: Network, geometry: Coords, *, name: str = "",
                     others: Mapping[str, Coords] | None = None) -> CourseDecisions:
    """The decisions along a course, in course order, and its repeated sections.

    ``geometry``: the course's (lon, lat[, ele]) vertices; ``others``: the event's other formats'
    geometries by format name. Every distance is metres along ``geometry`` (haversine between
    its vertices, as the participants' files measure it)."""
    lonlat = _lonlat(geometry)
    if len(lonlat) < 2:
        return CourseDecisions((), (), 0.0)
    other_coords = {n: _lonlat(g) for n, g in (others or {}).items() if len(g) >= 2}
    every = np.vstack([lonlat, *other_coords.values()])
    margin = 0.01
    box = (float(every[:, 0].min()) - margin, float(every[:, 1].min()) - margin,
           float(every[:, 0].max()) + margin, float(every[:, 1].max()) + margin)
    frame = _Frame(float(lonlat[:, 1].mean()))
    index = _NodeIndex(network, frame, box)
    track = _track(name, geometry, frame, index)
    other_tracks = [_track(n, g, frame, index) for n, g in (others or {}).items() if len(g) >= 2]
    cache: dict[int, list[_Branch]] = {}
    found: list[tuple[_Junction, Turn, str, list[tuple[Passage, _Junction]]]] = []
    for stop in range(1, len(track.stops) - 1):
        j = _junction(track, stop, network, frame, cache)
        if j is None:
            continue
        passages = _passages_at(j, other_tracks, network, frame, cache)
        marked = {i for _p, theirs in passages
                  for i in (theirs.arrival_branch, theirs.taken_branch) if i is not None}
        verdict = _classify(j, marked)
        if verdict is not None:
            found.append((j, verdict[0], verdict[1], passages))
    decisions = [_merged(group) for group in _groups(found)]
    return CourseDecisions(tuple(decisions), tuple(_sections(track, other_tracks)),
                           float(track.cumulative[-1]))


def _groups(found: list[Any]) -> list[list[Any]]:
    groups: list[list[Any]] = []
    for item in found:
        if groups and item[0].distance_m - groups[-1][0][0].distance_m < MERGE_M:
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def _merged(group: list[tuple[_Junction, Turn, str, list[tuple[Passage, _Junction]]]]
            ) -> Decision:
    first, last = group[0][0], group[-1][0]
    angle = _signed(last.leave - (first.arrival + 180.0))
    turns = [t for _j, t, _r, _p in group]
    words: list[str] = []  # the turns in order, straight-ons said only when nothing else is
    said: list[Turn] = [t for t in turns if t != "straight"] or ["straight"]
    for t in said:
        if not words or words[-1] != TURN_TEXT[t]:
            words.append(TURN_TEXT[t])
    if len(group) == 1:
        turn = turns[0]
    elif "u_turn" in turns:
        turn = "u_turn"
    elif abs(angle) < STRAIGHT_DEG:
        turn = next((t for t in turns if t != "straight"), "straight")
    else:
        turn = "left" if angle < 0 else "right"
    taken = last.branches[last.taken_branch].name if last.taken_branch is not None else ""
    passages = [p for item in group for p in item[3]]
    lon, lat = first.track.lonlat[first.vertex]
    return Decision(
        distance_m=round(first.distance_m, 1), lon=float(lon), lat=float(lat), node=first.node,
        turn=turn, angle_deg=round(angle, 1), instruction=" puis ".join(words), way_name=taken,
        ways=_ways(first, group[0][3]),
        others=tuple(p for p, _theirs in passages),
        merged=tuple(j.node for j, _t, _r, _p in group[1:]),
        reason=", ".join(dict.fromkeys(r for _j, _t, r, _p in group)),
        bearing_deg=round(last.leave if len(group) == 1 else first.leave, 1))
