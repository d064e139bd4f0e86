"""Modal screens that return a value: confirmation, help, the copyable error report, and the
base of the dialogs that hold a form."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, ScreenResultType
from textual.widgets import Button, Label, Static

from widgets.text import block_text, clean, line_text


class FormDialog(ModalScreen[ScreenResultType]):
    """A dialog of fields in a `.dialog` container, which scrolls at 80x24 (styles.tcss).

    Focusing the first field scrolled the dialog past its own title; it opens at the top,
    and Tab scrolls to each field after."""

    def on_screen_resume(self) -> None:
        self.call_after_refresh(self.query_one(".dialog").scroll_home, animate=False)


class ConfirmScreen(ModalScreen[bool]):
    """One yes/no question that states what will happen: y answers yes, n or Esc no.

    A question whose yes cannot be undone (delete, discard) has "no" under Enter; a question
    whose yes is the next step (send what was reviewed) has yes under Enter (`enter_says_yes`).
    """

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(
        self,
        title: str,
        consequence: str | Text,
        *,
        confirm_label: str = "Yes",
        keep_label: str = "Keep it",
        enter_says_yes: bool = False,
    ) -> None:
        super().__init__()
        self._title = title
        # Text is built by the caller from cleaned parts (and may be styled); a string is
        # cleaned here.
        self._consequence = consequence if isinstance(consequence, Text) else block_text(
            consequence)
        self._confirm_label = confirm_label
        self._keep_label = keep_label
        self._enter_says_yes = enter_says_yes

    def compose(self) -> ComposeResult:
        yes_keys, no_keys = ("Enter, y", "Esc, n") if self._enter_says_yes else ("y", "n")
        with Vertical(id="dialog", classes="dialog"):
            yield Label(line_text(self._title), classes="dialog-title")
            yield Static(self._consequence, classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                # Labels may name a candidate: text, never markup (a `[/]` crashed here).
                yield Button(line_text(f"{self._confirm_label} ({yes_keys})"),
                             variant="primary" if self._enter_says_yes else "error", id="yes")
                yield Button(line_text(f"{self._keep_label} ({no_keys})"), id="no")

    def on_mount(self) -> None:
        self.query_one("#yes" if self._enter_says_yes else "#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class HelpScreen(ModalScreen[None]):
    """Every key of the screen it was opened from, with what it does."""

    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close", id="help.close")]

    def __init__(self, screen_title: str,
                 groups: list[tuple[str, list[tuple[str, str]]]]) -> None:
        super().__init__()
        self._screen_title = screen_title
        self._groups = groups  # (where the keys work, [(keys, what they do)])

    def compose(self) -> ComposeResult:
        table = Text()
        width = max((len(key) for _, keys in self._groups for key, _ in keys), default=0) + 2
        for position, (context, keys) in enumerate(self._groups):
            table.append(("\n" if position else "") + context + "\n", style="bold underline")
            for key, description in keys:
                table.append(key.ljust(width), style="bold")
                table.append(description + "\n")
        with Vertical(id="help", classes="dialog"):
            yield Label(Text(f"Keys — {self._screen_title}"), classes="dialog-title")
            with VerticalScroll():
                yield Static(table, id="help-keys")
            yield Label("Esc closes · ctrl+p finds any action by name", classes="dialog-hint")


class ErrorScreen(ModalScreen[None]):
    """An unexpected error, shown whole so it can be copied into a bug report."""

    BINDINGS = [
        Binding("escape,enter", "dismiss", "Close", id="error.close"),
        Binding("y", "copy", "Copy", id="error.copy"),
    ]

    def __init__(self, title: str, details: str) -> None:
        super().__init__()
        self._title = title
        self._details = details

    def compose(self) -> ComposeResult:
        with Vertical(id="error", classes="dialog"):
            yield Label(line_text(self._title), classes="dialog-title")
            with VerticalScroll():
                yield Static(block_text(self._details), id="error-details")
            yield Label("y copies the details · Esc closes", classes="dialog-hint")

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(clean(self._details))
        self.notify("Error details copied to the clipboard.")
