"""Statuses as coloured words, so they read with 16 colours, and with no colour at all.

One table serves interview, call attempt and analysis statuses: the same word always gets the
same colour and sign, wherever it appears. A status the server invents later is shown as it came.
"""

from __future__ import annotations

from enum import StrEnum

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from widgets.text import plain_line

# value -> (sign, style). Only the 16 ANSI colours, so every theme and terminal shows them.
_LOOKS: dict[str, tuple[str, str]] = {
    "SCHEDULED": ("◷", "blue"),
    "IN_PROGRESS": ("▶", "bold yellow"),
    "COMPLETED": ("✔", "green"),
    "FAILED": ("✖", "bold red"),
    "CANCELLED": ("⊘", "magenta"),
    "UNDEFINED": ("?", "dim"),
    "PENDING": ("…", "cyan"),
    "PROCESSING": ("⟳", "yellow"),
}


def status_text(status: StrEnum | str | None) -> Text:
    """`status` as sign and word in its colour: `✔ completed`; unknown values unstyled, as-is."""
    if status is None:
        return Text("—", style="dim")
    value = status.value if isinstance(status, StrEnum) else str(status)
    key = value.strip().upper().replace(" ", "_").replace("-", "_")
    look = _LOOKS.get(key)
    if look is None:
        return Text(plain_line(value))
    sign, style = look
    return Text(f"{sign} {key.replace('_', ' ').lower()}", style=style)


class StatusBadge(Static):
    """A one-line status; set `status` to change it."""

    DEFAULT_CSS = """
    StatusBadge {
        width: auto;
        height: 1;
    }
    """

    status: reactive[StrEnum | str | None] = reactive(None, layout=True)

    def __init__(
        self,
        status: StrEnum | str | None = None,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.set_reactive(StatusBadge.status, status)

    def on_mount(self) -> None:
        self.update(status_text(self.status))

    def watch_status(self, status: StrEnum | str | None) -> None:
        self.update(status_text(status))
