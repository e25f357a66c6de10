"""FIT course file (written with fit-tool): track records with their distance and a course point
per waypoint at its distance along the course, so Garmin's « Up Ahead » lists them.

Record timestamps follow the format's pace model from its start time: the watch's virtual partner
then runs at the expected pace. Every timestamp derives from the course, so the same project
always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from fit_tool.fit_file_builder import FitFileBuilder
from fit_tool.profile.messages.course_message import CourseMessage
from fit_tool.profile.messages.course_point_message import CoursePointMessage
from fit_tool.profile.messages.event_message import EventMessage
from fit_tool.profile.messages.file_id_message import FileIdMessage
from fit_tool.profile.messages.lap_message import LapMessage
from fit_tool.profile.messages.record_message import RecordMessage
from fit_tool.profile.profile_type import (
    CoursePoint,
    Event,
    EventType,
    FileType,
    Manufacturer,
    Sport,
)

from app.exports.courses import Course
from app.exports.files import write_atomic
from app.exports.pace import FALLBACK_PACE, LOCAL_TIME, NO_START, Pace
from routes.gpx.model import WAYPOINT_KINDS

NAME_SIZE = 48  # bytes kept of a course point name (watches show about 15 characters)


def _ms(moment: dt.datetime) -> int:
    return round(moment.timestamp() * 1000)


def _start(course: Course) -> dt.datetime:
    if course.start is None:
        return NO_START
    start = course.start
    return start.replace(tzinfo=LOCAL_TIME) if start.tzinfo is None else start


def _header(course: Course, start: dt.datetime) -> list[Any]:
    file_id = FileIdMessage()
    file_id.type = FileType.COURSE
    file_id.manufacturer = Manufacturer.DEVELOPMENT.value
    file_id.product = 0
    file_id.time_created = _ms(start)
    file_id.serial_number = 0x0CA7A11E
    header = CourseMessage()
    header.course_name = course.name[:NAME_SIZE]
    sport = course.sport.upper()
    header.sport = Sport[sport] if sport in Sport.__members__ else Sport.GENERIC
    return [file_id, header]


def _timer(kind: Any, timestamp: int) -> EventMessage:
    event = EventMessage()
    event.event = Event.TIMER
    event.event_type = kind
    event.timestamp = timestamp
    return event


def _records(course: Course, times: list[int]) -> list[Any]:
    records = []
    for i, (lat, lon, ele) in enumerate(course.track.points):
        record = RecordMessage()
        record.position_lat = lat
        record.position_long = lon
        record.distance = float(course.cumulative_m[i])
        if ele is not None:
            record.altitude = ele
        record.timestamp = times[i]
        records.append(record)
    return records


def _course_points(course: Course, pace: Pace, start: dt.datetime) -> list[Any]:
    messages = []
    for point in course.points:
        message = CoursePointMessage()
        head = point.head if point.head is not None else pace.expected(point.distance_m,
                                                                       point.climb_m)
        message.timestamp = _ms(start + head)
        message.position_lat = point.lat
        message.position_long = point.lon
        message.distance = point.distance_m
        message.type = CoursePoint[WAYPOINT_KINDS[point.kind].fit]
        message.course_point_name = point.name.encode("utf-8")[:NAME_SIZE - 1].decode(
            "utf-8", "ignore")
        messages.append(message)
    return messages


def _lap(course: Course, times: list[int]) -> LapMessage:
    lap = LapMessage()
    lap.timestamp = times[-1]
    lap.start_time = times[0]
    lap.total_elapsed_time = (times[-1] - times[0]) / 1000
    lap.total_timer_time = (times[-1] - times[0]) / 1000
    lap.start_position_lat = course.track.points[0][0]
    lap.start_position_long = course.track.points[0][1]
    lap.end_position_lat = course.track.points[-1][0]
    lap.end_position_long = course.track.points[-1][1]
    lap.total_distance = course.distance_m
    if course.climb_m is not None:
        lap.total_ascent = round(course.climb_m)
    return lap


def fit_bytes(course: Course) -> bytes:
    pace = course.pace or FALLBACK_PACE
    start = _start(course)
    climb = course.climb_profile_m
    times = [_ms(start + pace.expected(float(d), None if climb is None else float(climb[i])))
             for i, d in enumerate(course.cumulative_m)]
    builder = FitFileBuilder(auto_define=True, min_string_size=NAME_SIZE)
    builder.add_all(_header(course, start))
    builder.add(_timer(EventType.START, times[0]))
    builder.add_all(_records(course, times))
    builder.add_all(_course_points(course, pace, start))
    builder.add(_timer(EventType.STOP_ALL, times[-1]))
    builder.add(_lap(course, times))
    data: bytes = builder.build().to_bytes()
    return data


def write_fit_file(path: Path, course: Course) -> Path:
    return write_atomic(path, fit_bytes(course))
