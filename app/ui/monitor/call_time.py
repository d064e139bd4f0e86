"""Ask when a phone call should happen, as a time with its UTC offset."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from app.domain.requests import check_schedule_time
from app.paths import MONITOR_STYLES
from widgets.quick_input import QuickInput
from widgets.text import line_text


def read_time(text: str) -> str:
    """What the recruiter typed, as ISO 8601: `2026-12-01 09:30 +01:00` -> `…09:30+01:00`."""
    cleaned = " ".join(text.upper().replace("UTC", "+00:00").replace("Z", "+00:00").split())
    for sign in ("+", "-"):
        cleaned = cleaned.replace(f" {sign}", sign)
    return cleaned


def written(moment: datetime) -> str:
    """`2026-12-01 09:30 +01:00`: how the dialog shows a time, and how it reads back."""
    offset = moment.strftime("%z") or "+0000"
    return f"{moment:%Y-%m-%d %H:%M} {offset[:3]}:{offset[3:]}"


class CallTimeScreen(ModalScreen[datetime | None]):
    """Returns the chosen instant, or None when the recruiter changes their mind.

    The time must carry its offset: it decides the hour the candidate's phone rings."""

    CSS_PATH = MONITOR_STYLES
    BINDINGS = [Binding("escape", "dismiss(None)", "Back", id="call_time.back")]

    def __init__(self, title: str, suggestion: datetime, now: Callable[[], datetime]) -> None:
        super().__init__()
        self._title = title
        self._suggestion = suggestion
        self._now = now

    def compose(self) -> ComposeResult:
        with Vertical(id="call-time", classes="dialog"):
            yield Label(line_text(self._title), classes="dialog-title")
            yield Static(
                "When should the agent call? Write the date and time with the candidate's UTC "
                "offset, e.g. 2026-12-01 09:30 +01:00.",
                classes="dialog-body",
            )
            yield QuickInput(
                written(self._suggestion),
                id="call-time-input",
            )
            yield Static("", id="call-time-problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Schedule the call", variant="primary", id="call-time-ok")
                yield Button("Back (esc)", id="call-time-back")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self) -> None:
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "call-time-ok":
            self._submit()
        else:
            self.dismiss(None)

    def _submit(self) -> None:
        text = self.query_one(Input).value
        when, problems = check_schedule_time(read_time(text), now=self._now())
        if when is None:
            message = problems[0].message if problems else "Write a date and a time."
            self.query_one("#call-time-problem", Static).update(Text(message, style="bold red"))
            return
        self.dismiss(when)
