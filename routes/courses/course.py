"""What every generated course (loop or race) carries: its path, the length asked for, and the
figures measured on it."""

from __future__ import annotations

from dataclasses import dataclass

from routes.search.engine import PathResult


@dataclass(frozen=True, kw_only=True)
class CourseOnPath:
    path: PathResult
    target_m: float
    reused_m: float  # ridden twice
    cavalier_share: float
    terril_share: float
    unsurveyed_m: float = 0.0  # on edges nobody surveyed (straight connectors, access spurs)

    @property
    def length_m(self) -> float:
        return self.path.length_m

    @property
    def length_error(self) -> float:
        """Signed relative error on the length (0.01 = 1 % too long)."""
        return (self.path.length_m - self.target_m) / self.target_m if self.target_m else 0.0

    @property
    def reused_share(self) -> float:
        return self.reused_m / self.path.length_m if self.path.length_m else 0.0
