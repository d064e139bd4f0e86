"""The top line of every screen: where the data comes from, how fresh it is, what budget is left."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from widgets.numbers import number
from widgets.showing import show

if TYPE_CHECKING:
    from app.sync.progress import SyncProgress


@dataclass(frozen=True)
class Connection:
    """What the status bar shows; the App replaces it whenever something changes."""

    backend: str  # SANDBOX or the API host
    online: bool | None = None  # None: not tried yet
    last_synced_at: datetime | None = None
    requests_left_minute: int | None = None
    requests_limit_minute: int | None = None
    sync: SyncProgress | None = None  # a running sync's progress, worded to fit the line
    sync_text: str | None = None  # what a stopped sync left: "interviews of 26 … still to come"
    offline_since: datetime | None = None  # when the API was first found unreachable
    syncing: bool = False  # a sync is running now: the bar's spinner turns


def ago(moment: datetime | None, now: datetime, *, exact: bool = False) -> str:
    """`just now`, `5 min ago`, `3 h ago`, `2 d ago`, or `never`; `exact` keeps the minutes
    past the hour and counts hours past a day (`26 h 05 min ago`), for the monitor's rows."""
    if moment is None:
        return "never"
    minutes = max(0, int((now - moment).total_seconds()) // 60)
    if minutes < 1:
        return "just now"
    if minutes < 60:
        return f"{minutes} min ago"
    if exact:
        return f"{minutes // 60} h {minutes % 60:02d} min ago"
    if minutes < 1440:
        return f"{minutes // 60} h ago"
    return f"{minutes // 1440} d ago"


def clock_text(moment: datetime, now: datetime) -> str:
    """`10:42` today, `Nov 29 10:42` before, in the recruiter's own zone."""
    local = moment.astimezone()
    return f"{local:%H:%M}" if local.date() == now.astimezone().date() else f"{local:%b %d %H:%M}"


def offline_text(connection: Connection, now: datetime) -> str:
    """`offline since 10:42 · cache from 10:31`: how long the API has been out of reach and
    how old what the screens show is; true for as long as the desk is offline."""
    since = (f"offline since {clock_text(connection.offline_since, now)}"
             if connection.offline_since else "offline")
    cache = (f"cache from {clock_text(connection.last_synced_at, now)}"
             if connection.last_synced_at else "nothing cached yet")
    return f"{since} · {cache}"


SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"  # turns while a sync runs: the desk is working, not stuck
SPIN_SECONDS = 0.2


class StatusBar(Static):
    """One line: title, backend badge, sync freshness and progress, rate-limit budget."""

    connection: reactive[Connection | None] = reactive(None, layout=False)

    def __init__(self, now: Callable[[], datetime], **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._now = now
        self._frame = 0

    def on_mount(self) -> None:
        self.set_interval(30, self.refresh_text)
        self._spinner = self.set_interval(SPIN_SECONDS, self._spin, pause=True)

    def on_resize(self) -> None:
        self.refresh_text()  # a running sync says more, or less, in the new width

    def watch_connection(self) -> None:
        if not self.is_mounted:
            return
        if self.connection is not None and self.connection.syncing:
            self._spinner.resume()
        else:
            self._spinner.pause()
        self.refresh_text()

    def _spin(self) -> None:
        self._frame = (self._frame + 1) % len(SPINNER)
        self.refresh_text()

    def refresh_text(self) -> None:
        """The line, within the bar's width: a line that runs over is cut off at the edge, so
        a running sync says as much as the room left by the rest allows (its counts always)."""
        connection = self.connection
        if connection is None:
            return
        line = Text(" Interview Desk ", style="bold")
        if connection.online is False:
            line.append(" OFFLINE ", style="bold reverse")
            line.append(f" {connection.backend} · {offline_text(connection, self._now())}"
                        " · r retries")
        else:
            line.append(f" {connection.backend} ", style="bold reverse")
            line.append(f" · synced {ago(connection.last_synced_at, self._now())}")
        if connection.sync_text:
            line.append(f" · {connection.sync_text}")
        # A wait is counted down as the spinner turns: "waiting 42 s for the API's rate limit"
        sync = connection.sync.at(self._now()) if connection.sync is not None else None
        after = Text()
        if sync is not None and sync.waiting:
            after.append(f" · {sync.waiting}", style="bold")
        if connection.requests_left_minute is not None and sync is None:
            # (a running sync says the budget itself, with the pace and the hour's quota)
            limit = connection.requests_limit_minute
            budget = (
                f"{number(connection.requests_left_minute)}/{number(limit)}"
                if limit
                else number(connection.requests_left_minute)
            )
            after.append(f" · API budget {budget} per min")
        spinner = f"{SPINNER[self._frame]} " if connection.syncing else ""
        if sync is not None:
            room = self.size.width - line.cell_len - after.cell_len - len(" · ") - len(spinner)
            line.append(" · ").append(spinner, style="bold")
            line.append(sync.short(room if self.size.width else None))
        elif spinner:  # until the first page says how much there is
            line.append(" · ").append(spinner, style="bold").append("syncing…")
        line.append_text(after)
        # One line at any width (styles.tcss): its size never follows its text, so no layout.
        show(self, line, layout=False)
