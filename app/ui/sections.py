"""The top-level sections of the app, each a Textual mode with its single-letter key.

A section's module is imported when the recruiter first opens it, not at start: the scheduling
form alone brings in the request rules with phonenumbers and email-validator.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from textual.screen import Screen

_SECTION_SCREENS = {
    "candidates": ("app.ui.screens.candidates", "CandidatesScreen"),
    "schedule": ("app.ui.screens.schedule", "ScheduleScreen"),
    "monitor": ("app.ui.screens.monitor", "MonitorScreen"),
    "search": ("app.ui.screens.search", "SearchScreen"),
    "review": ("app.ui.screens.review", "ReviewScreen"),
}


def _opener(module: str, name: str) -> Callable[[], Screen]:
    def open_section() -> Screen:
        screen_class: type[Screen] = getattr(import_module(module), name)
        return screen_class()

    return open_section


def section_modes() -> dict[str, Callable[[], Screen]]:
    """Textual's MODES: each section's name and how to open it."""
    return {mode: _opener(module, name) for mode, (module, name) in _SECTION_SCREENS.items()}
