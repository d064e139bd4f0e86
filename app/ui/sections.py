"""The top-level sections of the app, each a Textual mode with its single-letter key."""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import Screen


def _sections() -> dict[str, Callable[[], Screen]]:
    from app.ui.screens.candidates import CandidatesScreen
    from app.ui.screens.monitor import MonitorScreen
    from app.ui.screens.schedule import ScheduleScreen
    from app.ui.screens.search import SearchScreen

    return {
        "candidates": CandidatesScreen,
        "schedule": ScheduleScreen,
        "monitor": MonitorScreen,
        "search": SearchScreen,
    }


SECTIONS = _sections
