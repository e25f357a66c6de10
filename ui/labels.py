"""Translatable labels of domain values (profiles, waypoint kinds, map layers)."""

from __future__ import annotations

from ui.qt import QCoreApplication


def profile_labels() -> dict[str, str]:
    return {
        "trail": QCoreApplication.translate("Labels", "Trail running"),
        "vtt": QCoreApplication.translate("Labels", "Mountain bike"),
        "raid": QCoreApplication.translate("Labels", "Multisport raid"),
        "rando": QCoreApplication.translate("Labels", "Hiking"),
        "velo": QCoreApplication.translate("Labels", "Cycling"),
    }


def kind_labels() -> dict[str, str]:
    return {
        "via": QCoreApplication.translate("Labels", "Route point"),
        "ravitaillement": QCoreApplication.translate("Labels", "Aid station"),
        "epreuve": QCoreApplication.translate("Labels", "Challenge"),
        "pointage": QCoreApplication.translate("Labels", "Checkpoint"),
        "secours": QCoreApplication.translate("Labels", "First aid"),
        "signaleur": QCoreApplication.translate("Labels", "Marshal post"),
    }


def layer_labels() -> dict[str, str]:
    return {
        "poles": QCoreApplication.translate("Labels", "Green and blue poles"),
        "terrils": QCoreApplication.translate("Labels", "Spoil tips (terrils)"),
        "cavaliers": QCoreApplication.translate("Labels", "Cavaliers (old mining railways)"),
        "veloroute": QCoreApplication.translate("Labels", "Véloroute"),
        "hiking": QCoreApplication.translate("Labels", "Hiking trails"),
        "ruptures": QCoreApplication.translate("Labels", "Rupture points"),
        "communes": QCoreApplication.translate("Labels", "Communes"),
        "paths": QCoreApplication.translate("Labels", "Other paths and roads"),
        "unsurveyed": QCoreApplication.translate("Labels", "Unsurveyed (straight connectors)"),
        "water": QCoreApplication.translate("Labels", "Water"),
        "natural": QCoreApplication.translate("Labels", "Natural areas"),
    }
