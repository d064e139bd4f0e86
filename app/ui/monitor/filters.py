"""Choose which interviews the monitor shows: by status, job and agent."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, Select
from textual.widgets.select import NULL

from app.domain.enums import InterviewStatus, label
from app.paths import MONITOR_STYLES
from app.store.section_rows import MonitorEntry
from app.ui.modals import FormDialog
from app.ui.monitor.entries import FILTER_STATUSES, MonitorFilter
from widgets.text import plain_line

Choice = tuple[Text, str]


def choices(entries: Sequence[MonitorEntry]) -> tuple[list[Choice], list[Choice]]:
    """The jobs and agents that appear on the monitor, by name: only choices that match.
    Names are `Text`, so a select never reads a server's `[/]` as markup."""
    jobs = {e.job_id: plain_line(e.job_title or e.job_id) for e in entries if e.job_id}
    agents = {e.agent_id: plain_line(e.agent_name or e.agent_id) for e in entries if e.agent_id}
    by_name = lambda item: (item[1].lower(), item[0])  # noqa: E731
    return (
        [(Text(name), key) for key, name in sorted(jobs.items(), key=by_name)],
        [(Text(name), key) for key, name in sorted(agents.items(), key=by_name)],
    )


class MonitorFilterScreen(FormDialog[MonitorFilter | None]):
    """Returns the new filter, or None when nothing should change."""

    CSS_PATH = MONITOR_STYLES
    BINDINGS = [Binding("escape", "dismiss(None)", "Back", id="monitor_filter.back")]

    def __init__(self, current: MonitorFilter, entries: Sequence[MonitorEntry]) -> None:
        super().__init__()
        self._current = current
        self._jobs, self._agents = choices(entries)

    def compose(self) -> ComposeResult:
        current = self._current
        with Vertical(id="monitor-filter", classes="dialog"):
            yield Label(Text("Show interviews"), classes="dialog-title")
            yield Label("Status")
            yield Select(
                [(label(status), status.value) for status in FILTER_STATUSES],
                value=current.status.value if current.status else NULL,
                prompt="any status",
                id="filter-status",
            )
            yield Label("Job")
            yield Select(
                self._jobs,
                value=current.job_id if current.job_id in {key for _, key in self._jobs} else NULL,
                prompt="any job",
                id="filter-job",
            )
            yield Label("Agent")
            yield Select(
                self._agents,
                value=(
                    current.agent_id if current.agent_id in {key for _, key in self._agents}
                    else NULL
                ),
                prompt="any agent",
                id="filter-agent",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Show", variant="primary", id="filter-apply")
                yield Button("Show all", id="filter-clear")
            yield Label("Tab moves · Esc keeps the current filter", classes="dialog-hint")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "filter-clear":
            self.dismiss(MonitorFilter())
            return
        status = self._chosen("#filter-status")
        self.dismiss(
            MonitorFilter(
                status=InterviewStatus(status) if status else None,
                job_id=self._chosen("#filter-job"),
                agent_id=self._chosen("#filter-agent"),
            )
        )

    def _chosen(self, selector: str) -> str | None:
        value = self.query_one(selector, Select).value
        return None if value is NULL else str(value)
