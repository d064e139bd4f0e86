"""The Interview Desk application: sections as modes, background sync, live watching, toasts.

Workers never touch widgets: they update the App's `connection`, post messages, or say the cache
changed (`cache_written`), and screens re-read from the store when told.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections import deque
from collections.abc import Iterable, Sequence
from datetime import datetime
from functools import cached_property, partial
from typing import TYPE_CHECKING

from textual import events, work
from textual.app import ScreenStackError, SystemCommand
from textual.binding import ActiveBinding, Binding
from textual.filter import LineFilter
from textual.markup import escape as escape_markup
from textual.message import Message
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen
from textual.signal import Signal
from textual.timer import Timer

from app.api.errors import ApiError, OfflineError
from app.factory import AppContext
from app.paths import STYLES_PATH
from app.services.budget import api_budget
from app.store import StoreError
from app.ui.base import DeskScreen
from app.ui.crash import StopsQuietly
from app.ui.focus import takes_input, typed_actions
from app.ui.idle_collector import CHECK_SECONDS, IdleCollector
from app.ui.live_news import live_news
from app.ui.status_bar import Connection
from app.ui.styling import CountsRestyles
from app.ui.toasts import keep_toasts_off_the_cursor
from widgets.private_hooks import ParsedOnceStylesheet
from widgets.terminal_guard import TerminalGuard
from widgets.text import clean, plain_line

if TYPE_CHECKING:
    from app.sync.replication import SyncProgress
    from app.sync.watcher import LiveWatcher
    from app.ui.browse import BrowseList

log = logging.getLogger(__name__)

WATCH_RETRY_OFFLINE_SECONDS = 30.0
# A desk left open syncs by itself this long after its last sync (interviews colleagues
# schedule reach the monitor), and sooner while the API cannot be reached (a network that
# comes back is noticed without r).
SYNC_AGAIN_SECONDS = 300.0
SYNC_RETRY_OFFLINE_SECONDS = 30.0
PURGE_EVERY_SECONDS = 3600.0


class CacheRebuilt(Message):
    """The cache file was found damaged while the desk ran, moved aside and replaced by an
    empty one (posted from whichever thread was reading)."""

    def __init__(self, notice: str) -> None:
        super().__init__()
        self.notice = notice


class InterviewDeskApp(StopsQuietly, CountsRestyles):
    """Built from an `AppContext` (`app.factory.build_context`); tests inject a sandbox, a
    temporary store and a clock."""

    CSS_PATH = STYLES_PATH
    TITLE = "Interview Desk"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("c", "section('candidates')", "Candidates", show=False, id="go.candidates"),
        Binding("s", "schedule", "Schedule", id="go.schedule"),
        Binding("m", "section('monitor')", "Monitor", show=False, id="go.monitor"),
        Binding("f", "section('search')", "Search", show=False, id="go.search"),
        Binding("w", "section('review')", "To review", show=False, id="go.review"),
        Binding("r", "refresh", "Refresh", show=False, id="app.refresh"),
        Binding("S", "share_verdicts", "Share verdicts", show=False, id="app.share"),
        Binding("question_mark", "help", "Help", id="app.help"),
        # Help from inside a form, where ? is typed as text.
        Binding("f1", "help", "Help", show=False, id="app.help_anywhere"),
        Binding("q", "quit", "Quit", show=False, id="app.quit"),
        # In place of Textual's ctrl+c, which only said how to quit. A focused input or the
        # screen copies a selection first: their own ctrl+c bindings come before this one.
        Binding("ctrl+c", "quit_unless_copied", "Quit", show=False, system=True,
                id="app.ctrl_c"),
        # Textual's own Tab and shift+Tab, run as the App reads the key: as an ordinary binding
        # the key went first to the focused field and the focus moved only once it came back
        # up, so what was typed fast after it ("Ada<Tab>Lovelace", or keys queued while the
        # desk was busy) landed in the field being left.
        Binding("tab", "focus_next", "Focus Next", show=False, priority=True,
                id="app.next_field"),
        Binding("shift+tab", "focus_previous", "Focus Previous", show=False, priority=True,
                id="app.previous_field"),
    ]
    MODES: dict = {}
    # Opened while the app composes, before the first stylesheet pass; switching to it from
    # on_mount parsed the whole stylesheet twice more (a fifth of the cold start).
    DEFAULT_MODE = "candidates"

    _key_in_flight: events.Key | None = None

    connection: reactive[Connection | None] = reactive(None)

    def __init__(self, context: AppContext, *, sync_on_start: bool = True) -> None:
        from app.ui.sections import section_modes

        self.MODES = section_modes()
        super().__init__()
        # Each stylesheet source parsed once before the first frame, not three times.
        self.stylesheet = ParsedOnceStylesheet(variables=self.get_css_variables())
        self.context = context
        self.sync_on_start = sync_on_start
        self.watching = True
        self.watch_interval: float | None = None  # seconds between live polls, for the monitor
        self.watch_problem: str | None = None  # why the last live poll failed, for the monitor
        self._watch_timer: Timer | None = None
        self._sync_timer: Timer | None = None
        # Why the last sync failed (None once one went through): for the screens, and so a
        # sync of the desk's own says a failure once.
        self.sync_problem: str | None = None
        self._idle_collector = IdleCollector()
        # Keys handed to a screen's widgets, with that screen, until they come back up (a key
        # a widget keeps never comes back: the oldest make room).
        self._keys_handed_on: deque[tuple[events.Key, Screen]] = deque(maxlen=64)
        self._terminal_guard = TerminalGuard()
        # Before the first screen reads the cache: damage found by any read is said and rebuilt.
        context.store.on_rebuilt = lambda notice: self.post_message(CacheRebuilt(notice))
        # Candidates scheduled in bulk, or left out of a batch: the lists unmark them.
        self.candidates_unmarked: Signal[list[str]] = Signal(self, "candidates-unmarked")
        # Something wrote to the cache: every open section re-reads (`DeskScreen.on_cache_changed`).
        self.cache_changed: Signal[None] = Signal(self, "cache-changed")
        self.connection = Connection(
            backend=context.settings.backend_label,
            last_synced_at=context.store.last_synced_at(),
        )

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters, then the guard that keeps controls out of every drawn line."""
        return [*super().get_line_filters(), self._terminal_guard]

    def notify(self, message: str, *, title: str = "", severity: str = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Every toast, from any screen: its text is never markup (a `[/]` in an error from
        the API or in a candidate's name would crash the app) and never terminal codes, so
        `markup` is accepted for Textual's callers and ignored."""
        super().notify(clean(message), title=plain_line(title),
                       severity=severity,  # type: ignore[arg-type]
                       timeout=timeout, markup=False)

    def _place_toasts(self) -> None:
        """Toasts never cover the focused row (app/ui/toasts.py); the screens place them
        when their layout changes, this when a key or the mouse moved the cursor."""
        try:
            screen = self.screen
        except ScreenStackError:  # quitting
            return
        keep_toasts_off_the_cursor(screen, self.focused)


    def on_mount(self) -> None:
        self.theme = "textual-dark"
        self._settled_sections: set[str] = set()
        self.mode_change_signal.subscribe(self, self._section_opened)
        self._idle_collector.start()
        self.set_interval(CHECK_SECONDS, self._idle_collector.collect_if_idle)
        self._section_opened(self.current_mode)
        self._purge()
        self.set_interval(PURGE_EVERY_SECONDS, self._purge)
        for notice in self.context.notices:
            self.notify(notice.text, title=notice.title, severity="warning", timeout=20)
        for warning in self.context.settings.warnings:
            self.notify(warning, title="Config file", severity="warning", timeout=15)
        if self.context.settings.uses_sandbox and self.context.store.last_synced_at() is None:
            self.notify(
                "This is the sandbox: a demo company served by Interview Desk itself. To use "
                "your company, set INSTAVIEW_API_KEY, or api_key in config.toml (the README "
                "says where it lives).",
                title="Demo data",
                timeout=20,
            )
        # After the first paint, which reads only the first screenful of the list.
        self.call_after_refresh(self._warm_up_cache)
        if self.sync_on_start and not self.context.store.read_only:
            # After the first paint: the sync brings in the API client, which the list from
            # the cache does not need.
            self.call_after_refresh(self.action_refresh)

    def _warm_up_cache(self) -> None:
        threading.Thread(target=self.context.store.warm_up, name="cache-warm-up",
                         daemon=True).start()

    def on_cache_rebuilt(self, message: CacheRebuilt) -> None:
        self.notify(message.notice, title="Cache damaged", severity="error", timeout=30)
        self.cache_written()
        # Re-read everything: a sync that was running had read its state from the old file.
        self._sync(full=True)

    def on_unmount(self) -> None:
        self._idle_collector.stop()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self._idle_collector.input_seen()
            self.call_after_refresh(self._place_toasts)  # the cursor may have moved
        if not isinstance(event, events.Key):
            await super().on_event(event)
            return
        if not event.is_forwarded:
            self._keys_handed_on.append((event, self.screen))
        elif self._typed_for_a_gone_screen(event):
            event.stop()
            return
        # The key's bindings run inside this call (Textual checks them when the key reaches
        # the App), so `check_action` can tell a typed character from a chord.
        self._key_in_flight = event
        try:
            await super().on_event(event)
        finally:
            self._key_in_flight = None

    def _typed_for_a_gone_screen(self, key: events.Key) -> bool:
        """Whether `key`, back up from the widget it was handed to, was typed on a screen that
        is no longer in front. The App hands each key on as it reads it, and runs its
        ordinary bindings when the key comes back up: keys typed fast after one that opens a
        screen (`s`, then a name) come back after that screen opened, where they would run as
        its commands (`c` left the form, `q` quit). They run nothing."""
        for handed in self._keys_handed_on:
            if handed[0] is key:
                self._keys_handed_on.remove(handed)
                return handed[1] is not self.screen
        return False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Letters are commands only where nothing takes input: while a form control has
        focus, a typed character never leaves the form or runs a global command (Esc first
        leaves the field). Chords such as ctrl+q and ctrl+p keep working."""
        if action == "schedule" and self.current_mode == "schedule":
            return False  # on the scheduling form itself: `s` has nothing to open
        if not takes_input(self.focused):
            return True
        if self._key_in_flight is not None:
            return not self.key_is_text()
        return action not in typed_actions(type(self))  # what the footer and help offer now

    def key_is_text(self) -> bool:
        """Whether the key being handled now is a character typed where text is taken (a box
        or a form control has focus): then it runs no letter command, the App's or a screen's."""
        key = self._key_in_flight
        return key is not None and key.is_printable and takes_input(self.focused)

    # ── sections and help ────────────────────────────────────────────────────────────────

    def _section_opened(self, mode: str) -> None:
        """Once a section is first drawn, what it and the app hold for good (modules, widgets,
        styles) leaves the garbage collector's view (gc.freeze): a full collection walked all
        of it and stalled the screen for 60-80 ms every few searches or keystrokes."""
        if mode not in self._settled_sections:
            self._settled_sections.add(mode)
            # Through a Python function: Textual counts a callback's parameters, and for a
            # builtin such as gc.freeze that parses its text signature (3 ms the first time).
            self.call_after_refresh(lambda: gc.freeze())

    def action_section(self, name: str) -> None:
        """Open a section; pressed within it (on a candidate, a job view), back to its list."""
        if self.current_mode != name:
            self.switch_mode(name)
            return
        while len(self.screen_stack) > 1:
            self.pop_screen()

    async def action_quit_unless_copied(self) -> None:
        """ctrl+c quits, as in k9s and htop (reached only when nothing was copied)."""
        await self.action_quit()

    async def action_schedule(self, candidate_ids: list[str] | None = None) -> None:
        """Open the scheduling section, for the candidates chosen on the current screen if any
        (the marked rows, else the one under the cursor: `DeskScreen.chosen_candidate_ids`)."""
        from app.ui.screens.schedule import ScheduleScreen

        if not candidate_ids and isinstance(self.screen, DeskScreen):
            candidate_ids = self.screen.chosen_candidate_ids()
        await self.switch_mode("schedule")
        if candidate_ids and isinstance(self.screen, ScheduleScreen):
            self.screen.use_candidates(candidate_ids)

    def unmark_candidates(self, candidate_ids: list[str]) -> None:
        if candidate_ids:
            self.candidates_unmarked.publish(candidate_ids)

    # ── navigation: screens open one another through the App, never by importing each other
    # (each import is here, inside its method, so start-up loads only the first section) ─────

    async def show_interview(self, interview_id: str) -> None:
        """Open the monitor with this interview under the cursor (after scheduling it)."""
        from app.ui.screens.monitor import MonitorScreen

        await self.switch_mode("monitor")
        if isinstance(self.screen, MonitorScreen):
            self.screen.highlight_interview(interview_id)

    def open_analysis(self, interview_id: str, *, browse: BrowseList | None = None,
                      search: str | None = None, turn: int | None = None) -> None:
        """An interview's analysis and transcript; `browse` is the list the recruiter came
        from (for [ and ]), `search` and `turn` where the transcript opens."""
        from app.ui.screens.analysis import AnalysisScreen

        self.push_screen(AnalysisScreen(interview_id, search=search, turn=turn, browse=browse))

    def open_job(self, job_id: str, *, candidate_id: str | None = None) -> None:
        """A job's ranking, with the candidate the recruiter came from under the cursor."""
        from app.ui.screens.job import JobScreen

        self.push_screen(JobScreen(job_id, candidate_id=candidate_id))

    def open_candidate(self, candidate_id: str, *, browse: BrowseList | None = None) -> None:
        """A candidate's card and interviews."""
        from app.ui.screens.candidate_detail import CandidateDetailScreen

        self.push_screen(CandidateDetailScreen(candidate_id, browse=browse))

    def cache_written(self) -> None:
        """The one way to say the cache changed (a sync, a poll, a verdict, a send, a purge):
        every open section re-reads what it shows, its cursor staying on its row."""
        self.cache_changed.publish(None)

    def action_help(self) -> None:
        # The dialogs are imported when first shown: their module (buttons, labels, scrolling
        # containers) cost the cold start 11 M instructions, 2 ms.
        from app.ui.modals import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        title = self.screen.HELP_TITLE if isinstance(self.screen, DeskScreen) else self.TITLE
        self.push_screen(HelpScreen(title, self._keys_by_context(self.screen)))

    def _keys_by_context(self, screen: Screen) -> list[tuple[str, list[tuple[str, str]]]]:
        """The keys that work now, grouped by where they work: the screen's own first, then
        the focused panel's (the list's j k g G), then everywhere; every key of an action on
        one line (`↓ j  Down`)."""
        groups: dict[str, dict[tuple[str, str], list[str]]] = {}

        def context(active: ActiveBinding) -> tuple[int, str]:
            if active.node is self or active.binding.id is None:  # Textual's own have no id
                return 2, "Everywhere"
            if active.node is screen:
                return 0, "On this screen"
            return 1, getattr(active.node, "HELP_GROUP", "Where the cursor is")

        actives = [active for active in screen.active_bindings.values()
                   if active.binding.description and not (
                       isinstance(screen, DeskScreen) and screen.typed_into_a_box(active.binding))]
        for active in sorted(actives, key=lambda active: context(active)[0]):
            binding = active.binding
            keys = groups.setdefault(context(active)[1], {}).setdefault(
                (binding.action, binding.description), [])
            shown = binding.key_display or self.get_key_display(binding)
            if shown not in keys:
                keys.append(shown)
        return [(name, [(" ".join(keys), description)
                        for (_action, description), keys in actions.items()])
                for name, actions in groups.items()]

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand(
            "Candidates", "The candidate list", lambda: self.action_section("candidates")
        )
        yield SystemCommand(
            "Schedule an interview", "Open the scheduling form", self.action_schedule
        )
        yield SystemCommand(
            "Monitor", "Live interview status", lambda: self.action_section("monitor")
        )
        yield SystemCommand(
            "Search",
            "Full-text search over transcripts and analyses",
            lambda: self.action_section("search"),
        )
        yield SystemCommand(
            "To review",
            "Completed analyses without a verdict, newest first",
            lambda: self.action_section("review"),
        )
        for job in self.context.store.jobs():
            # Any job's ratings and ranking, by its title (a recruiter's way to choose it).
            # The palette reads its titles as markup: a job's title is the server's text.
            yield SystemCommand(f"Job view: {escape_markup(plain_line(job.title))}",
                                "Its rating histogram and candidates ranked",
                                partial(self.open_job, job.id))
        yield SystemCommand("Refresh", "Sync the cache with the API now", self.action_refresh)
        yield SystemCommand(
            "Share my verdicts with the team",
            "Into each candidate's metadata; queued while offline",
            self.action_share_verdicts,
        )
        yield SystemCommand(
            "Pause or resume live updates", "Stop or restart polling", self.toggle_watching
        )
        if isinstance(screen, DeskScreen):
            yield from screen.palette_commands()

    # ── sync and live watching ───────────────────────────────────────────────────────────

    def action_refresh(self) -> None:
        self._sync()

    def _sync_by_itself(self) -> None:
        """The desk's own sync; never over a running one (which it would cancel), whose end
        arms the next."""
        if self.connection is None or not self.connection.syncing:
            self._sync(asked=False)

    def _sync_again_in(self, seconds: float) -> None:
        if self._sync_timer is not None:
            self._sync_timer.stop()
        self._sync_timer = self.set_timer(seconds, self._sync_by_itself, name="sync-again")

    def _say_sync_problem(self, message: str, *, asked: bool, title: str,
                          severity: str, timeout: float | None = None) -> None:
        """A failed sync's toast: always for the recruiter's own r, and for the desk's own
        syncs only when it says something new (not "Offline" every 30 seconds)."""
        if asked or message != self.sync_problem:
            self.notify(message, title=title, severity=severity, timeout=timeout)
        self.sync_problem = message

    @work(exclusive=True, group="sync")
    async def _sync(self, full: bool = False, *, asked: bool = True) -> None:
        if self.context.store.unwritable is not None:
            self.notify(self.context.store.unwritable, title="Sync is off", severity="warning",
                        timeout=15)
            return
        replicator = self.context.replicator()
        self._set_connection(syncing=True)
        try:
            await replicator.sync(full=full, progress=self._sync_progressed)
        except StoreError as error:  # a full disk, a file that became unwritable or damaged
            self._set_connection(sync=None, sync_text=replicator.latest.unfinished())
            self._say_sync_problem(str(error), asked=asked, title="Sync stopped",
                                   severity="error", timeout=30)
        except OfflineError:
            self._set_connection(online=False, sync=None,
                                 sync_text=replicator.latest.unfinished())
            self._say_sync_problem(
                "Working from the cache. The desk tries again by itself; r tries now.",
                asked=asked, title="Offline", severity="warning",
            )
        except ApiError as error:  # the API answered, with a refusal
            self._set_connection(online=True, sync=None,
                                 sync_text=replicator.latest.unfinished())
            self._say_sync_problem(str(error), asked=asked, title=type(error).__name__,
                                   severity="error", timeout=12)
        else:
            self.sync_problem = None
            self._set_connection(
                online=True,
                last_synced_at=self.context.store.last_synced_at(),
                sync=None,
                sync_text=None,
            )
            if self.context.store.shares.waiting(asking=False):
                self._share(include_asking=False)  # back online: the queue goes
        finally:
            self._set_connection(syncing=False)
        self.cache_written()
        self._schedule_watch(0)
        offline = self.connection is not None and self.connection.online is False
        self._sync_again_in(SYNC_RETRY_OFFLINE_SECONDS if offline else SYNC_AGAIN_SECONDS)

    # ── sharing verdicts ─────────────────────────────────────────────────────────────────

    def action_share_verdicts(self) -> None:
        """Queue every verdict changed since it was last shared, and send the queue."""
        from app.services.sharing import queue_unshared

        try:
            queue_unshared(self.context)
        except StoreError as error:
            self.notify(str(error), title="Not shared", severity="warning")
            return
        if not self.context.store.shares.waiting():
            self.notify("Nothing new to share: every verdict is shared as it stands, or stays "
                        "on this desk because the server refused it.", title="Sharing")
            return
        self._share(include_asking=True)

    @work(exclusive=True, group="share")
    async def _share(self, include_asking: bool) -> None:
        """Send the queue; a conflict asks the recruiter (yes shares theirs over, no keeps
        theirs). After a sync only what was queued goes, and only a result is said."""
        from app.services.sharing import send_queued
        from app.ui.sharing import conflict_question, report_severity

        async def ask(conflict):  # type: ignore[no-untyped-def]
            return bool(await self.push_screen_wait(conflict_question(conflict)))

        try:
            report = await send_queued(self.context, ask=ask, include_asking=include_asking)
        except StoreError as error:
            self.notify(str(error), title="Sharing stopped", severity="error", timeout=15)
            return
        if report.trouble == "offline":
            self.went_offline()
        if report.anything:
            self.cache_written()  # the team's verdicts, and what became of the shares
        if include_asking or report.anything:
            self.notify(report.line(), title="Sharing", severity=report_severity(report),
                        timeout=10)

    def _sync_progressed(self, progress: SyncProgress) -> None:
        self._set_connection(online=True, sync=progress, sync_text=None, syncing=True)
        self._note_rate_limit()
        self.cache_written()

    def _set_connection(self, **changes: object) -> None:
        current = self.connection or Connection(backend=self.context.settings.backend_label)
        if changes.get("online") is False and current.online is not False:
            changes["offline_since"] = self.context.clock()
        elif changes.get("online") is True:
            changes["offline_since"] = None
        self.connection = Connection(**{**current.__dict__, **changes})

    def went_offline(self) -> None:
        """A request from a screen found the API unreachable: the header says so at once."""
        self._set_connection(online=False)

    def _note_rate_limit(self) -> None:
        state = api_budget(self.context)
        self._set_connection(
            requests_left_minute=state.remaining_minute, requests_limit_minute=state.limit_minute
        )

    def toggle_watching(self) -> None:
        self.watching = not self.watching
        self.notify("Live updates resumed." if self.watching else "Live updates paused.")
        if self.watching:
            self._schedule_watch(0)

    def _schedule_watch(self, delay: float) -> None:
        """Arm the one watch timer; a pending one is replaced, so resuming or refreshing never
        starts a second polling loop."""
        if self._watch_timer is not None:
            self._watch_timer.stop()
        # Textual's one-shot timer divides by its delay when it fires late: never arm it with 0.
        self._watch_timer = self.set_timer(max(delay, 0.01), self._watch_once, name="watch")

    @work(exclusive=True, group="watch")
    async def _watch_once(self) -> None:
        if self.context.store.read_only:
            return  # what the watcher learns could not be kept
        screens = self.screen_stack
        if not screens:
            return  # the desk is closing: Textual took its screens down before this tick ran
        if not self.watching or isinstance(screens[-1], ModalScreen):
            self._schedule_watch(5)
            return
        self._schedule_watch(await self.poll_live())

    @cached_property
    def _watcher(self) -> LiveWatcher:
        return self.context.live_watcher()

    async def poll_live(self) -> float:
        """Poll the live interviews once, announce what changed, and return the seconds until
        the next poll (the watch loop re-arms with it; tests call this directly)."""
        try:
            result = await self._watcher.poll_once()
        except OfflineError:
            self.watch_interval = None
            self._set_connection(online=False)
            return WATCH_RETRY_OFFLINE_SECONDS
        except (ApiError, StoreError) as error:
            log.warning("live watch failed: %s", error)
            self.watch_interval = None
            self.watch_problem = str(error)
            return WATCH_RETRY_OFFLINE_SECONDS
        self.watch_problem = None
        if result.polled:  # only an answer proves the API is there: an idle poll asks nothing
            self._set_connection(online=True)
            self._note_rate_limit()
        self.watch_interval = result.next_delay_seconds
        if result.events:
            self.cache_written()
            news = live_news(result.events)
            if news is not None:
                self.notify(news.message, title=news.title, severity=news.severity)
        return result.next_delay_seconds

    def _purge(self) -> None:
        if self.context.store.read_only:
            return
        try:
            report = self.context.store.purge_expired(self.context.clock().date())
        except StoreError as error:  # a full disk: the next hour tries again
            log.warning("the GDPR purge failed: %s", error)
            return
        if report.candidates:
            self.cache_written()

    def now(self) -> datetime:
        return self.context.clock()

    def show_error(self, title: str, details: str) -> None:
        from app.ui.modals import ErrorScreen

        self.push_screen(ErrorScreen(title, details))
