"""Translatable labels of domain values (profiles, waypoint kinds, map layers)."""

from __future__ import annotations

from ui.qt import QCoreApplication


def _t(text: str) -> str:
    return QCoreApplication.translate("Labels", text)


def profile_labels() -> dict[str, str]:
    return {"trail": _t("Trail running"), "vtt": _t("Mountain bike"),
            "raid": _t("Multisport raid"), "rando": _t("Hiking"), "velo": _t("Cycling")}


def kind_labels() -> dict[str, str]:
    return {"via": _t("Route point"), "ravitaillement": _t("Aid station"),
            "epreuve": _t("Challenge"), "pointage": _t("Checkpoint"),
            "secours": _t("First aid"), "signaleur": _t("Marshal post")}


def layer_labels() -> dict[str, str]:
    return {"poles": _t("Green and blue poles"), "terrils": _t("Spoil tips (terrils)"),
            "cavaliers": _t("Cavaliers (old mining railways)"), "veloroute": _t("Véloroute"),
            "hiking": _t("Hiking trails"), "ruptures": _t("Rupture points"),
            "communes": _t("Communes"), "paths": _t("Other paths and roads")}
