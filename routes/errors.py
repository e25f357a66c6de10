"""Cavalier's own error types.

Every error a user can cause (bad file, unknown place, unreachable point) is raised as a subclass of
:class:`CavalierError` whose message is French and names the file or the place at fault. Each also
subclasses the closest built-in so callers may catch it generically.
"""

from __future__ import annotations


class CavalierError(Exception):
    """Base of every error Cavalier reports to a user (message in French)."""


class LayerFileError(CavalierError, ValueError):
    """A GIS file could not be read or has no usable geometry."""


class NetworkBuildError(CavalierError, ValueError):
    """The layers do not make a network (nothing routable left after cleaning)."""


class UnknownPlaceError(CavalierError, LookupError):
    """A place name or reference matches nothing; the message lists the closest names."""

    def __init__(self, message: str, suggestions: list[str] | None = None) -> None:
        super().__init__(message)
        self.suggestions = suggestions or []


class UnreachableError(CavalierError):
    """Two stops are on parts of the network that no usable path joins."""


class ProfileError(CavalierError, ValueError):
    """An unknown routing profile was asked for."""


class RouteRequestError(CavalierError, ValueError):
    """A route request that makes no sense (same start and finish with nothing between)."""
