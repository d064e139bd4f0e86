"""The details of an interview that has no analysis yet: who, with which agent, when, and how
the calls went."""

from __future__ import annotations

from datetime import UTC, datetime

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from app.domain.enums import label
from app.domain.models import CallAttempt, Interview
from app.paths import MONITOR_STYLES
from app.store.section_rows import MonitorEntry
from app.ui.monitor.rows import agent_column
from widgets.status_badge import status_text
from widgets.text import plain_line


def when(moment: datetime | None) -> str:
    return moment.astimezone(UTC).strftime("%a %d %b %H:%M UTC") if moment else "—"


def attempt_line(attempt: CallAttempt) -> Text:
    number = attempt.retry_number + 1 if attempt.retry_number is not None else None
    line = Text()
    if number is not None:
        line.append(f"#{number}  ", style="bold")
    line.append_text(status_text(attempt.status))
    if attempt.called_at:
        line.append(f"  called {when(attempt.called_at)}")
    elif attempt.scheduled_at:
        line.append(f"  for {when(attempt.scheduled_at)}")
    if attempt.duration:
        seconds = int(attempt.duration)
        line.append(f" · {seconds // 60}:{seconds % 60:02d}")
    if attempt.reason_code:
        line.append(f" · {plain_line(label(attempt.reason_code))}", style="italic")
    return line


def details_table(entry: MonitorEntry, interview: Interview | None) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="dim", no_wrap=True)
    table.add_column()
    table.add_row("status", status_text(entry.status))
    table.add_row("candidate", Text(plain_line(entry.candidate_name)))
    table.add_row("agent", Text(plain_line(agent_column(entry))))
    if entry.duration_minutes:
        table.add_row("duration", Text(f"{entry.duration_minutes:g} min"))
    table.add_row("job", Text(plain_line(entry.job_title or "no job")))
    table.add_row("scheduled", Text(when(entry.scheduled_at)))
    if interview is not None and interview.is_test:
        table.add_row("test", Text("yes: consumes no billing minutes"))
    attempts = interview.call_attempts if interview is not None else []
    if attempts:
        table.add_row("call attempts", Text("\n").join(attempt_line(a) for a in attempts))
    elif entry.is_phone:
        table.add_row("call attempts", Text("none yet", style="dim"))
    return table


class InterviewDetailsScreen(ModalScreen[None]):
    """Read-only; the monitor's keys act on the interview once this is closed."""

    CSS_PATH = MONITOR_STYLES
    BINDINGS = [Binding("escape,enter,q", "dismiss", "Close", id="details.close")]

    def __init__(self, entry: MonitorEntry, interview: Interview | None) -> None:
        super().__init__()
        self._entry = entry
        self._interview = interview

    def compose(self) -> ComposeResult:
        with Vertical(id="interview-details", classes="dialog"):
            yield Label(
                Text(f"Interview with {plain_line(self._entry.candidate_name)}"),
                classes="dialog-title",
            )
            with VerticalScroll():
                yield Static(details_table(self._entry, self._interview))
            yield Label("Esc closes", classes="dialog-hint")
