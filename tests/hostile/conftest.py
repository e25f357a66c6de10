"""The fuzz run's count and seed in the terminal summary, whatever ``-s`` or ``-q`` says."""

from __future__ import annotations

from typing import Any


def pytest_terminal_summary(terminalreporter: Any) -> None:
    from hostile import fuzz

    if fuzz.LAST_RUN:
        terminalreporter.section("fuzz des lecteurs")
        for line in fuzz.LAST_RUN["lines"]:
            terminalreporter.write_line(line)
