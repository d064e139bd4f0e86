"""One line per interview, and the heading above each group.

A row keeps its entry and repaints its time column from the clock on every tick, so the
countdowns and elapsed bars move without a store query. Server text is always plain `Text`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import NamedTuple

from rich.text import Text
from textual.events import Click
from textual.message import Message
from textual.widgets import Static

from app.domain.enums import AnalysisStatus, InterviewStatus, label
from app.store.section_rows import MonitorEntry
from app.ui.monitor.entries import Group, group_of
from app.ui.status_bar import ago
from widgets.numbers import number
from widgets.status_badge import status_text
from widgets.text import plain_line

STATUS_WIDTH = 14
CANDIDATE_WIDTH = 24
JOB_WIDTH = 24
AGENT_WIDTH = 22
BAR_WIDTH = 16
TIME_WIDTH = 34  # the longest time column: a bar, "6:12 / 15 min" and "overrunning"
CANDIDATE_MIN = 14
FLASH_SECONDS = 1.0


class ColumnWidths(NamedTuple):
    """The widths of the columns before the time column; 0 leaves a column out."""

    status: int = STATUS_WIDTH
    candidate: int = CANDIDATE_WIDTH
    job: int = JOB_WIDTH
    agent: int = AGENT_WIDTH


FULL_WIDTHS = ColumnWidths()


def widths_for(width: int) -> ColumnWidths:
    """What fits beside the time column (start, elapsed or finished), which always stays:
    the agent goes first, then the job, and the candidate's name takes what is left."""
    room = width - STATUS_WIDTH - TIME_WIDTH
    if room >= CANDIDATE_WIDTH + JOB_WIDTH + AGENT_WIDTH:
        return FULL_WIDTHS
    if room >= CANDIDATE_WIDTH + JOB_WIDTH:
        return ColumnWidths(candidate=room - JOB_WIDTH, job=JOB_WIDTH, agent=0)
    if room >= CANDIDATE_MIN + CANDIDATE_MIN:
        return ColumnWidths(candidate=room - room // 2, job=room // 2, agent=0)
    return ColumnWidths(candidate=max(CANDIDATE_MIN, room), job=0, agent=0)

_TIME_TITLE = {
    Group.SCHEDULED: "starts",
    Group.IN_PROGRESS: "elapsed of the agent's duration",
    Group.FINISHED: "finished · analysis",
}


def cell(text: str | Text, width: int) -> Text:
    """`text` cut or padded to exactly `width` cells, with one space after it."""
    content = Text(plain_line(text)) if isinstance(text, str) else text.copy()
    content.truncate(width - 1, overflow="ellipsis", pad=True)
    return Text.assemble(content, " ")


def clock_time(moment: datetime) -> str:
    """`Sat 21:30 UTC`: weekday and time, in UTC so every recruiter reads the same instant."""
    return moment.astimezone(UTC).strftime("%a %H:%M UTC")


def _minutes_seconds(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def countdown(start: datetime | None, now: datetime) -> Text:
    """Time until a scheduled interview starts: `in 4 min 05 s`, `in 2 h 10 min`, `in 3 d 4 h`."""
    if start is None:
        return Text("no start time", style="dim")
    seconds = int((start - now).total_seconds())
    if seconds <= 0:
        return Text("starting now", style="bold")
    if seconds < 60:
        text = f"in {seconds} s"
    elif seconds < 3600:
        text = f"in {seconds // 60} min {seconds % 60:02d} s"
    elif seconds < 86400:
        text = f"in {seconds // 3600} h {seconds % 3600 // 60:02d} min"
    else:
        text = f"in {seconds // 86400} d {seconds % 86400 // 3600} h"
    return Text(f"{text:<16}") + Text(clock_time(start), style="dim")


def elapsed_bar(started: datetime | None, now: datetime, duration_minutes: float | None) -> Text:
    """Time talked against the agent's duration as a bar: `██████░░░░ 6:12 / 15 min`."""
    if started is None:
        return Text("started, time unknown", style="dim")
    elapsed = max(0, int((now - started).total_seconds()))
    if not duration_minutes:
        return Text(f"{_minutes_seconds(elapsed)} so far")
    total = duration_minutes * 60
    filled = min(BAR_WIDTH, round(BAR_WIDTH * elapsed / total))
    over = elapsed > total
    bar = Text("█" * filled, style="bold red" if over else "bold green")
    bar.append("░" * (BAR_WIDTH - filled), style="dim")
    bar.append(f" {_minutes_seconds(elapsed)} / {duration_minutes:g} min")
    if over:
        bar.append(" overrunning", style="bold red")
    return bar


def analysis_text(entry: MonitorEntry) -> Text:
    """The analysis state in words; cancelled and failed interviews have none to wait for."""
    if entry.status != InterviewStatus.COMPLETED and entry.analysis_status is None:
        return Text("no analysis", style="dim")
    if entry.analysis_status is None:
        return Text("analysis not started", style="dim")
    word = {
        AnalysisStatus.COMPLETED: "analysis ready",
        AnalysisStatus.PROCESSING: "analysing…",
        AnalysisStatus.PENDING: "analysis pending",
        AnalysisStatus.FAILED: "analysis failed",
    }.get(entry.analysis_status, f"analysis {plain_line(label(entry.analysis_status))}")
    style = {
        AnalysisStatus.COMPLETED: "bold green",
        AnalysisStatus.FAILED: "bold red",
    }.get(entry.analysis_status, "yellow")
    return Text(word, style=style)


def time_column(entry: MonitorEntry, now: datetime) -> Text:
    if group_of(entry) is Group.SCHEDULED:
        return countdown(entry.scheduled_at, now)
    if group_of(entry) is Group.IN_PROGRESS:  # counted from the time it was scheduled for
        return elapsed_bar(entry.scheduled_at, now, entry.duration_minutes)
    finished = ago(entry.finished_at, now, exact=True) if entry.finished_at else "finished"
    return Text(f"{finished:<16}") + analysis_text(entry)


def agent_column(entry: MonitorEntry) -> str:
    name = entry.agent_name or "unknown agent"
    return f"{name} · {label(entry.channel)}" if entry.channel else name


def row_prefix(entry: MonitorEntry, widths: ColumnWidths = FULL_WIDTHS) -> Text:
    """The columns that change only when the entry does: status, candidate, job, agent."""
    line = Text(no_wrap=True, overflow="ellipsis")
    for text, width in ((status_text(entry.status), widths.status),
                        (entry.candidate_name, widths.candidate),
                        (entry.job_title or "no job", widths.job),
                        (agent_column(entry), widths.agent)):
        if width:
            line.append_text(cell(text, width))
    return line


def heading_text(group: Group, count: int, shown: int | None = None, later: int = 0,
                 widths: ColumnWidths = FULL_WIDTHS) -> Text:
    title = Text(group.title, style="bold")
    title.append(f"  {number(count)}" if count else "  none", style="dim")
    if later:
        title.append(f" in the next 24 hours · {number(later)} later"
                     " (/ status scheduled shows them)", style="dim")
    if shown is not None and shown < count:
        title.append(f"  (the first {number(shown)} shown: / filters)", style="dim")
    if not count:
        return title
    titles = Text("\n", style="dim")
    for name, width in zip(("status", "candidate", "job", "agent"), widths, strict=True):
        if width:
            titles.append_text(cell(name, width))
    titles.append(_TIME_TITLE[group])
    return title + titles


class GroupHeading(Static):
    """The title of a group with its count, and the column names below it."""

    def __init__(self, group: Group) -> None:
        super().__init__(heading_text(group, 0), classes="monitor-heading")
        self.group = group
        self._shown: tuple[int, int, int] = (0, 0, 0)
        self._widths = FULL_WIDTHS

    def show_count(self, count: int, *, shown: int, later: int = 0) -> None:
        self._shown = (count, shown, later)
        self.update(heading_text(self.group, count, shown, later, self._widths))

    def fit(self, widths: ColumnWidths) -> None:
        """Show the column names that fit the board's width."""
        if widths != self._widths:
            self._widths = widths
            self.update(heading_text(self.group, *self._shown, widths))


class MonitorLine(Static):
    """One interview; `-cursor` marks the recruiter's row, `-changed` flashes after an update."""

    class Clicked(Message):
        def __init__(self, interview_id: str) -> None:
            super().__init__()
            self.interview_id = interview_id

    def __init__(self, entry: MonitorEntry, now: datetime,
                 widths: ColumnWidths = FULL_WIDTHS) -> None:
        super().__init__(classes="monitor-row", markup=False)
        self.entry = entry
        self._widths = widths
        self._prefix = row_prefix(entry, widths)
        self._time = time_column(entry, now)
        self.update(self._prefix + self._time)

    @property
    def interview_id(self) -> str:
        return self.entry.interview_id

    def show(self, entry: MonitorEntry, now: datetime) -> None:
        """Take a newer entry; flash when something the recruiter can see has changed."""
        if entry == self.entry:
            self.tick(now)
            return
        self.entry = entry
        self._prefix = row_prefix(entry, self._widths)
        self._time = time_column(entry, now)
        self.update(self._prefix + self._time)
        self.add_class("-changed")
        self.set_timer(FLASH_SECONDS, lambda: self.remove_class("-changed"))

    def fit(self, widths: ColumnWidths) -> None:
        """Show the columns that fit the board's width (the time column always stays)."""
        if widths != self._widths:
            self._widths = widths
            self._prefix = row_prefix(self.entry, widths)
            self.update(self._prefix + self._time)

    def tick(self, now: datetime) -> None:
        """Repaint the time column when its words changed (most rows: once a minute)."""
        time = time_column(self.entry, now)
        if time != self._time:
            self._time = time
            self.update(self._prefix + time)

    def on_click(self, event: Click) -> None:
        event.stop()
        self.post_message(self.Clicked(self.interview_id))
