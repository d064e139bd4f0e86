"""The last look before sending: exactly what will be created, and Enter to confirm."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from widgets.text import line_text


class SummaryScreen(ModalScreen[bool]):
    BINDINGS = [
        Binding("enter", "answer(True)", "Send", id="summary.send"),
        Binding("escape", "answer(False)", "Back to the form", id="summary.back"),
    ]

    def __init__(self, title: str, lines: list[str], *, send_label: str = "Send") -> None:
        super().__init__()
        self._title = title
        self._lines = lines
        self._send_label = send_label

    def compose(self) -> ComposeResult:
        with Vertical(id="schedule-summary", classes="dialog"):
            yield Label(line_text(self._title), classes="dialog-title")
            yield Static(Text("\n").join(line_text(line) for line in self._lines),
                         classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self._send_label} (Enter)", variant="primary", id="send")
                yield Button("Back (Esc)", id="back")

    def on_mount(self) -> None:
        self.query_one("#send", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "send")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
