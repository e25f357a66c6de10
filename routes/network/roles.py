"""Role mapping: which file, or which attribute value, is which layer kind.

Rules are tried in order; the first that matches a feature gives its kind. A rule names a file
pattern (glob on the file name without extension) and optionally an attribute and the values it must
take. Features that match no rule are left out, and the import report says how many.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from routes.errors import LayerFileError
from routes.network.layers import LayerKind


@dataclass(frozen=True)
class RoleRule:
    kind: LayerKind
    file_pattern: str = "*"
    attribute: str | None = None
    values: frozenset[str] | None = None

    def matches(self, file_stem: str, props: Mapping[str, Any]) -> bool:
        if not fnmatch.fnmatch(file_stem.casefold(), self.file_pattern.casefold()):
            return False
        if self.attribute is None:
            return True
        value = props.get(self.attribute)
        if value is None:
            return False
        return self.values is None or str(value).casefold() in self.values

    def describe(self) -> str:
        where = f"fichier « {self.file_pattern} »"
        if self.attribute:
            values = ", ".join(sorted(self.values)) if self.values else "toute valeur"
            where += f", attribut {self.attribute} = {values}"
        return f"{where} → {self.kind.label}"


def _by_layer_attribute() -> list[RoleRule]:
    return [RoleRule(kind, "*", "layer", frozenset({kind.value})) for kind in LayerKind]


#: Mining heritage buildings that are event sites (start villages, épreuves).
_SITE_TYPES = frozenset({"fosse", "chevalement", "équipement de loisirs", "grands bureaux"})

#: Files of the Mission Bassin Minier / UNESCO layers, then any file carrying a "layer" attribute.
DEFAULT_RULES: tuple[RoleRule, ...] = (
    RoleRule(LayerKind.CAVALIER, "zt-cavaliers"),
    RoleRule(LayerKind.TERRIL, "terrils"),
    RoleRule(LayerKind.TERRIL, "zt-terrils"),
    RoleRule(LayerKind.POLE, "espace-neonaturel"),
    RoleRule(LayerKind.POLE, "zt-espaces-neonaturels"),
    RoleRule(LayerKind.POLE, "batis", "typologie", _SITE_TYPES),
    RoleRule(LayerKind.COMMUNE, "communes-mbm"),
    # rivers, canals and lakes a canoe leg follows (lines); BD TOPO « cours d'eau » exports
    RoleRule(LayerKind.WATER, "eau"),
    RoleRule(LayerKind.WATER, "cours*eau*"),
    RoleRule(LayerKind.WATER, "waterway*"),
    # osm2pgsql-style exports of OpenStreetMap (highway_line, route_line…)
    RoleRule(LayerKind.PATH, "highway_line", "highway"),
    RoleRule(LayerKind.VELOROUTE, "route_line", "route", frozenset({"bicycle"})),
    RoleRule(LayerKind.HIKING, "route_line", "route", frozenset({"hiking", "foot"})),
    *_by_layer_attribute(),
)


@dataclass(frozen=True)
class RoleMapping:
    rules: tuple[RoleRule, ...] = DEFAULT_RULES

    def kind_of(self, file_stem: str, props: Mapping[str, Any]) -> LayerKind | None:
        for rule in self.rules:
            if rule.matches(file_stem, props):
                return rule.kind
        return None

    def for_file(self, file_stem: str) -> RoleMapping:
        """The rules that can match features of this file (the file pattern is tested once, not
        once per feature)."""
        stem = file_stem.casefold()
        return RoleMapping(tuple(rule for rule in self.rules
                                 if fnmatch.fnmatch(stem, rule.file_pattern.casefold())))

    def with_rules_first(self, extra: Sequence[RoleRule]) -> RoleMapping:
        return RoleMapping((*extra, *self.rules))


def parse_role(text: str) -> RoleRule:
    """Parse a user rule: ``PATTERN=KIND`` or ``PATTERN:ATTRIBUT=VALEUR[,VALEUR]=KIND``.

    Examples: ``mes-sentiers=hiking``, ``*:type=gr,pr=hiking``.
    """
    head, sep, kind_text = text.rpartition("=")
    kinds = {k.value: k for k in LayerKind}
    if not sep or kind_text.strip() not in kinds:
        raise LayerFileError(
            f"Règle de rôle invalide « {text} » : attendu MOTIF=TYPE ou "
            f"MOTIF:ATTRIBUT=VALEURS=TYPE, TYPE parmi {', '.join(kinds)}."
        )
    kind = kinds[kind_text.strip()]
    pattern, colon, condition = head.partition(":")
    if not colon:
        return RoleRule(kind, pattern.strip() or "*")
    attribute, eq, values = condition.partition("=")
    if not attribute.strip():
        raise LayerFileError(f"Règle de rôle invalide « {text} » : attribut manquant.")
    value_set = (frozenset(v.strip().casefold() for v in values.split(",") if v.strip())
                 if eq else None)
    return RoleRule(kind, pattern.strip() or "*", attribute.strip(), value_set)
