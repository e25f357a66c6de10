"""``--cues`` and ``--appareil``: turn cues and device presets of the participants' files."""

from __future__ import annotations

import argparse

from app.exports.devices import DEVICES


def add_cue_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--cues", action="store_true",
                        help="indications de direction aux carrefours aussi dans les GPX "
                             "(<wpt> « À gauche »… ; le FIT et le TCX les ont toujours)")
    parser.add_argument("--appareil", dest="device", choices=sorted(DEVICES), default=None,
                        metavar="APPAREIL",
                        help="fichiers « compatibles » pour un appareil : "
                             + ", ".join(f"{d.key} ({d.note})" for d in DEVICES.values()))
