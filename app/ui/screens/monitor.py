"""The live monitor: what is scheduled, what is running, what finished today.

A recruiter leaves it open and glances at it. It reads the store only when the cache changes
(the App says `cache_written` after every poll that changed something); between reads a
one-second tick repaints the countdowns and elapsed bars from the clock. Rows are kept by
interview id, so an update never moves the cursor, the scroll position or the focus.
"""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import datetime, timedelta

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from app.api.errors import ApiError, MissingScopeError, OfflineError
from app.domain.enums import CallAttemptStatus, InterviewStatus, label
from app.domain.models import CallAttempt
from app.paths import MONITOR_STYLES
from app.services import calls, interviews
from app.services.budget import api_budget
from app.store import StoreError
from app.store.section_rows import MonitorEntry
from app.ui.base import DeskScreen, PaletteAction
from app.ui.focus import into_text
from app.ui.modals import ConfirmScreen
from app.ui.monitor.board import MonitorBoard
from app.ui.monitor.call_time import CallTimeScreen
from app.ui.monitor.details import InterviewDetailsScreen
from app.ui.monitor.entries import Group, MonitorFilter, group_of, is_later
from app.ui.monitor.filters import MonitorFilterScreen, choices
from app.ui.monitor.rows import clock_time
from app.ui.status_bar import offline_text
from widgets.numbers import number
from widgets.showing import show
from widgets.text import plain_line

TICK_SECONDS = 1.0
PLANNED_SLACK = timedelta(minutes=1)  # a call due within this is "now" already
PHONE_ACTIONS = frozenset({"call_again", "reschedule_call", "cancel_call"})


def delete_consequence(entry: MonitorEntry) -> tuple[str, str, str]:
    """Title, consequence and button label for deleting `entry`, by what its status means."""
    who = plain_line(entry.candidate_name)
    if entry.status == InterviewStatus.IN_PROGRESS:
        return (
            f"Delete the running interview with {who}?",
            "The call finishes, but there will be no transcript and no analysis. The interview "
            "disappears from every list.",
            "Delete",
        )
    if entry.status == InterviewStatus.SCHEDULED:
        when = f" at {clock_time(entry.scheduled_at)}" if entry.scheduled_at else ""
        return (
            f"Cancel the interview with {who}?",
            f"{who} will not be called{when} and the reminders stop. The interview disappears "
            "from every list.",
            "Cancel the interview",
        )
    if entry.status == InterviewStatus.COMPLETED:
        return (
            f"Delete the interview with {who}?",
            "Its transcript and analysis are deleted with it, for good.",
            "Delete",
        )
    return (
        f"Delete the {label(entry.status)} interview with {who}?",
        "It and its call history are deleted for good.",
        "Delete",
    )


def phone_only_reason(entry: MonitorEntry) -> str:
    """Why call attempts are not available for `entry` (they exist for phone interviews only)."""
    who = plain_line(entry.candidate_name)
    if entry.channel is None:
        return (
            f"The agent of {who}'s interview is not in the cache, so it is not known to be a "
            "phone interview. Refresh (r) and try again."
        )
    return (
        f"{who}'s interview is {label(entry.channel)}: call attempts exist only for phone "
        "interviews. The candidate joins an online interview through their link."
    )


def waiting_call(attempts: list[CallAttempt]) -> CallAttempt | None:
    """The latest call attempt that has not happened yet."""
    waiting = [a for a in attempts if a.status == CallAttemptStatus.SCHEDULED]
    return waiting[-1] if waiting else None


class MonitorScreen(DeskScreen):
    """Scheduled, in progress and finished interviews, live."""

    CSS_PATH = MONITOR_STYLES
    HELP_TITLE = "Live monitor"
    AUTO_FOCUS = "MonitorBoard"
    BINDINGS = [
        Binding("enter", "open", "Open", id="monitor.open"),
        Binding("d,delete", "delete", "Delete", id="monitor.delete"),
        Binding("n", "call_again", "Call now", id="monitor.call_again"),
        Binding("t", "reschedule_call", "Move call", id="monitor.reschedule_call"),
        Binding("x", "cancel_call", "Cancel call", id="monitor.cancel_call"),
        Binding("p", "pause", "Pause", id="monitor.pause"),
        into_text("slash", "filter", "Filter", show=False, id="monitor.filter"),
        Binding("escape", "clear_filter", "Show all", show=False, id="monitor.clear_filter"),
        # Pressed while the call-attempt keys above are disabled (an online interview), the
        # same keys fall through to these and say why instead of doing nothing.
        Binding("n,t,x", "why_phone_only", show=False, id="monitor.phone_only"),
    ]

    PALETTE = (
        PaletteAction("Open this interview", "Its analysis, or the details of one to come",
                      "open"),
        PaletteAction("Call now", "The agent calls the candidate right away", "call_again"),
        PaletteAction("Call at another time", "Move the waiting call, or plan one",
                      "reschedule_call"),
        PaletteAction("Cancel the call", "The waiting call; the interview stays", "cancel_call"),
        PaletteAction("Delete this interview", "Or cancel it, if it has not started; asks first",
                      "delete"),
        PaletteAction("Filter the monitor by status, job or agent", "Show only some", "filter"),
        PaletteAction("Show all interviews", "Drop the monitor's filter", "clear_filter"),
    )

    def __init__(self) -> None:
        super().__init__()
        self.filter = MonitorFilter()
        self._entries: list[MonitorEntry] = []
        self._pending_highlight: str | None = None

    def compose_body(self) -> ComposeResult:
        yield Static(id="monitor-info")
        yield Static(id="monitor-filter-line")
        yield MonitorBoard(id="monitor-board")

    def on_mount(self) -> None:
        self.watch(self.app, "connection", self._connection_changed, init=False)
        self.set_interval(TICK_SECONDS, self._tick)
        self.reload()
        if self._pending_highlight is not None:
            self.highlight_interview(self._pending_highlight)

    @property
    def board(self) -> MonitorBoard:
        return self.query_one(MonitorBoard)

    @property
    def now(self) -> datetime:
        return self.context.clock()

    # ── reading the cache ────────────────────────────────────────────────────────────────

    def on_cache_changed(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Read the monitor's interviews from the store and show those the filter lets through."""
        now = self.now
        self._entries = self.context.store.monitor_entries(now)
        shown = [e for e in self._entries if self.filter.matches(e)]
        later = 0
        if self.filter.status != InterviewStatus.SCHEDULED:
            later = sum(1 for e in shown if is_later(e, now))
            shown = [e for e in shown if not is_later(e, now)]
        self.board.show(shown, now, later=later)
        self._show_filter()
        self._show_info()
        self.refresh_bindings()

    def on_screen_resume(self) -> None:
        self._tick()

    def _tick(self) -> None:
        if self.is_current:
            self.board.tick(self.now)
            self._show_info()

    def _connection_changed(self) -> None:
        self._show_info()

    def _show_info(self) -> None:
        """Whether the monitor is live, paused or offline, how often it checks, what budget is
        left."""
        desk = self.desk
        connection = desk.connection
        offline = connection is not None and connection.online is False
        line = Text()
        if offline and connection is not None:
            line.append(" OFFLINE ", style="bold reverse")
            # What matters first: at 80 columns the end of the line gives way.
            line.append(" nothing is checked until the API answers · the last known state, "
                        f"{offline_text(connection, self.now)}")
        elif desk.watch_problem is not None:
            line.append(" NOT CHECKING ", style="bold reverse")
            line.append(f" the last check failed: {plain_line(desk.watch_problem)} · "
                        "r retries")
        elif not desk.watching:
            line.append(" PAUSED ", style="bold reverse")
            line.append(" live updates paused: p resumes, r refreshes once · ")
            line.append_text(self._budget_text())
        else:
            line.append(" LIVE ", style="bold reverse")
            interval = desk.watch_interval
            line.append(f" checks every {interval:.0f} s" if interval else " first check pending")
            line.append(" · p pauses · r refreshes · ")
            line.append_text(self._budget_text())
        # Said again every second: redrawn when its words change, never laid out (one line).
        show(self.query_one("#monitor-info", Static), line, layout=False)
        self.set_class(offline, "-offline")
        self.set_class(not desk.watching, "-paused")

    def _budget_text(self) -> Text:
        state = api_budget(self.context)
        parts = []
        if state.remaining_minute is not None:
            limit = f"/{number(state.limit_minute)}" if state.limit_minute else ""
            parts.append(f"{number(state.remaining_minute)}{limit} per minute")
        if state.remaining_hour is not None:
            limit = f"/{number(state.limit_hour)}" if state.limit_hour else ""
            parts.append(f"{number(state.remaining_hour)}{limit} per hour")
        if not parts:
            return Text("API budget not known yet", style="dim")
        return Text("API budget " + ", ".join(parts))

    def _show_filter(self) -> None:
        line = Text()
        if not self._entries:
            line.append(
                "Nothing scheduled, running or finished in the last 24 hours.", style="bold"
            )
            line.append("  s schedules an interview, r syncs with the API", style="dim")
        elif not self.filter.active:
            line.append("All interviews", style="bold")
            line.append("  / filters by status, job or agent", style="dim")
        else:
            jobs, agents = (dict((v, k) for k, v in pairs) for pairs in choices(self._entries))
            parts = []
            if self.filter.status is not None:
                parts.append(f"status {label(self.filter.status)}")
            if self.filter.job_id is not None:
                parts.append(f"job {jobs.get(self.filter.job_id, 'not on the monitor')}")
            if self.filter.agent_id is not None:
                parts.append(f"agent {agents.get(self.filter.agent_id, 'not on the monitor')}")
            line.append("Only " + " · ".join(parts), style="bold")
            line.append("  / changes, Esc shows all", style="dim")
        show(self.query_one("#monitor-filter-line", Static), line, layout=False)  # one line

    # ── the cursor ───────────────────────────────────────────────────────────────────────

    def highlight_interview(self, interview_id: str) -> None:
        """Put the cursor on an interview, e.g. the one the scheduling form just created.

        The cache is read again first (the interview may be newer than the last read), and a
        filter that hides it is cleared."""
        if not self.is_mounted:
            self._pending_highlight = interview_id
            return
        self._pending_highlight = None
        self.reload()
        if not self.board.move_to(interview_id) and self.filter.active:
            self.filter = MonitorFilter()
            self.reload()
            self.board.move_to(interview_id)
        self.board.focus()

    def on_monitor_board_cursor_moved(self, _event: MonitorBoard.CursorMoved) -> None:
        self.refresh_bindings()

    @property
    def cursor_entry(self) -> MonitorEntry | None:
        return self.board.entry(self.board.cursor_id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("open", "delete"):
            return True if self.cursor_entry is not None else None
        if action in PHONE_ACTIONS:
            entry = self.cursor_entry
            return True if entry is not None and entry.is_phone else None
        if action == "clear_filter":
            return self.filter.active
        return super().check_action(action, parameters)

    # ── keys ─────────────────────────────────────────────────────────────────────────────

    def action_pause(self) -> None:
        self.desk.toggle_watching()
        self._show_info()

    def action_filter(self) -> None:
        def chosen(choice: MonitorFilter | None) -> None:
            if choice is not None:
                self.filter = choice
                self.reload()

        self.app.push_screen(MonitorFilterScreen(self.filter, self._entries), chosen)

    def action_clear_filter(self) -> None:
        self.filter = MonitorFilter()
        self.reload()

    def action_open(self) -> None:
        """The analysis of a finished interview; the details of one still to come or running."""
        entry = self.cursor_entry
        if entry is None:
            return
        if group_of(entry) is Group.FINISHED:
            self.desk.open_analysis(entry.interview_id)
        else:
            view = self.context.store.interview(entry.interview_id)
            self.app.push_screen(InterviewDetailsScreen(entry, view.interview if view else None))

    def _waiting_call(self, entry: MonitorEntry) -> CallAttempt | None:
        view = self.context.store.interview(entry.interview_id)
        return waiting_call(view.interview.call_attempts) if view else None

    def _planned_call(self, entry: MonitorEntry) -> datetime | None:
        """When the next call is planned, if that is later than now (a waiting call attempt,
        else the scheduled interview's own time); None when nothing waits for later."""
        waiting = self._waiting_call(entry)
        planned = waiting.scheduled_at if waiting is not None else (
            entry.scheduled_at if entry.status == InterviewStatus.SCHEDULED else None)
        return planned if planned is not None and planned > self.now + PLANNED_SLACK else None

    def action_why_phone_only(self) -> None:
        entry = self.cursor_entry
        if entry is not None and not entry.is_phone:
            self.notify(phone_only_reason(entry), title="Phone interviews only", severity="warning")

    @work(group="monitor-action")
    async def action_delete(self) -> None:
        entry = self.cursor_entry
        if entry is None:
            return
        title, consequence, confirm = delete_consequence(entry)
        if not await self.app.push_screen_wait(
            ConfirmScreen(title, consequence, confirm_label=confirm)
        ):
            return
        if await self._call_api(
            "Deleting the interview", interviews.delete_interview(self.context, entry.interview_id)
        ):
            verb = "cancelled" if entry.status == InterviewStatus.SCHEDULED else "deleted"
            self.notify(f"The interview with {plain_line(entry.candidate_name)} is {verb}.")

    @work(group="monitor-action")
    async def action_call_again(self) -> None:
        entry = self.cursor_entry
        if entry is None or not entry.is_phone:
            return
        planned = self._planned_call(entry)
        if planned is not None:
            who = plain_line(entry.candidate_name)
            if not await self.app.push_screen_wait(ConfirmScreen(
                f"Call {who} now instead of at {clock_time(planned)}?",
                f"The call to {who} is planned for {clock_time(planned)}. Calling now replaces "
                "that call: the agent calls right away.",
                confirm_label="Call now",
            )):
                return
        if await self._call_api(
            "Calling again", calls.call_again(self.context, entry.interview_id)
        ):
            self.notify(f"The agent calls {plain_line(entry.candidate_name)} now.")

    @work(group="monitor-action")
    async def action_reschedule_call(self) -> None:
        """Move the waiting call to a new time; with no call waiting, plan one at that time."""
        entry = self.cursor_entry
        if entry is None or not entry.is_phone:
            return
        waiting = self._waiting_call(entry)
        suggestion = (waiting.scheduled_at if waiting and waiting.scheduled_at else None) or (
            self.now + timedelta(hours=1)
        ).replace(second=0, microsecond=0)
        who = plain_line(entry.candidate_name)
        at = await self.app.push_screen_wait(
            CallTimeScreen(f"Call {who} at another time", suggestion, self.context.clock)
        )
        if at is None:
            return
        if waiting is not None:
            operation = calls.reschedule_call(self.context, entry.interview_id, waiting.id, at)
        else:
            operation = calls.call_again(self.context, entry.interview_id, at)
        if await self._call_api("Rescheduling the call", operation):
            self.notify(f"The agent calls {who} at {at.isoformat(sep=' ', timespec='minutes')}.")

    @work(group="monitor-action")
    async def action_cancel_call(self) -> None:
        entry = self.cursor_entry
        if entry is None or not entry.is_phone:
            return
        waiting = self._waiting_call(entry)
        who = plain_line(entry.candidate_name)
        if waiting is None:
            self.notify(
                f"No call to {who} is waiting: there is nothing to cancel. n calls now.",
                title="No call planned",
            )
            return
        when = f" at {clock_time(waiting.scheduled_at)}" if waiting.scheduled_at else ""
        if not await self.app.push_screen_wait(
            ConfirmScreen(
                f"Cancel the call to {who}{when}?",
                f"The agent will not call {who}{when}. The interview stays; n calls again "
                "now and t plans a new call.",
                confirm_label="Cancel the call",
            )
        ):
            return
        operation = calls.cancel_call(self.context, entry.interview_id, waiting.id)
        if await self._call_api("Cancelling the call", operation):
            self.notify(f"The call to {who} is cancelled.")

    async def _call_api(self, doing: str, operation: Awaitable[object]) -> bool:
        """Run an action against the API; trouble becomes a toast titled by its cause.

        True when it went through (the cache is re-read then)."""
        try:
            await operation
        except MissingScopeError as error:
            needs = f"needs {error.scope}" if error.scope else "needs a permission"
            self.notify(
                f"{doing} {needs}, and this API key does not have it. Ask for a key with "
                "that scope.",
                title="Missing permission",
                severity="error",
                timeout=12,
            )
        except OfflineError:
            self.desk.went_offline()
            self.notify(
                f"{doing} needs the API, which cannot be reached. Nothing was changed.",
                title="Offline",
                severity="warning",
            )
        except ApiError as error:
            self.notify(str(error), title=f"{doing} failed", severity="error", timeout=12)
        except StoreError as error:  # the API did it; a read-only cache or a full disk did not
            self.notify(f"The API did it, but the cache does not show it yet: {error}",
                        title=f"{doing}: cache not updated", severity="warning", timeout=15)
        else:
            self.desk.cache_written()
            return True
        return False
