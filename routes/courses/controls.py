"""Who asks for a course, and how they change each setting: a refusal names only what the person
reading it can do where they are (the command line's flags, or the window's controls)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Controls:
    """How each generation setting is changed, as the message names it."""

    length: str
    tolerance: str
    max_reuse: str
    recce_tracks: str


#: The command line (``cavalier loop``): its flags and commands.
CLI_CONTROLS = Controls(
    length="--length",
    tolerance="--length-tolerance",
    max_reuse="--max-reuse",
    recce_tracks="cavalier network add-tracks TRACES.gpx… --network RESEAU.cavnet "
                 "--out RESEAU-TRACES.cavnet")
