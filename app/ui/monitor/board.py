"""The monitor's three groups as one scrolling list with a cursor that belongs to an interview.

Rows are widgets kept by interview id. A new read of the cache updates rows in place, moves a
row to its new group, adds and removes rows, and never touches the cursor, the scroll position
or the focus: the cursor is an interview id, not a line number.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from itertools import pairwise

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.message import Message
from textual.widget import Widget

from app.store.section_rows import MonitorEntry
from app.ui.monitor.entries import Group, arrange
from app.ui.monitor.rows import FULL_WIDTHS, GroupHeading, MonitorLine, widths_for

PAGE = 10  # rows a page key moves
GROUP_LIMIT = 200  # rows per group: a glance, not an archive (filters narrow the rest)
FAR = 1_000_000  # a move this long lands on the first or last row


class MonitorBoard(VerticalScroll, can_focus=True):
    """Headings and interview rows; up/down (j/k), home/end (g/G), page keys move the cursor."""

    HELP_GROUP = "In the list"  # where `?` lists these keys

    BINDINGS = [
        Binding("up,k", "move(-1)", "Up", show=False, id="monitor.up"),
        Binding("down,j", "move(1)", "Down", show=False, id="monitor.down"),
        Binding("pageup,ctrl+u", f"move(-{PAGE})", "Page up", show=False, id="monitor.pgup"),
        Binding("pagedown,ctrl+d", f"move({PAGE})", "Page down", show=False, id="monitor.pgdn"),
        Binding("home,g", f"move(-{FAR})", "First", show=False, id="monitor.first"),
        Binding("end,G", f"move({FAR})", "Last", show=False, id="monitor.last"),
    ]

    class CursorMoved(Message):
        """The cursor is on another interview (or on none)."""

        def __init__(self, interview_id: str | None) -> None:
            super().__init__()
            self.interview_id = interview_id

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._headings = {group: GroupHeading(group) for group in Group}
        self._rows: dict[str, MonitorLine] = {}
        self._order: list[str] = []
        self.cursor_id: str | None = None
        self._widths = FULL_WIDTHS

    def compose(self):  # type: ignore[no-untyped-def]
        yield from self._headings.values()

    # ── reading ──────────────────────────────────────────────────────────────────────────

    @property
    def interview_ids(self) -> list[str]:
        """The interviews in the order they appear on screen."""
        return list(self._order)

    def entry(self, interview_id: str | None) -> MonitorEntry | None:
        row = self._rows.get(interview_id) if interview_id else None
        return row.entry if row else None

    def row(self, interview_id: str) -> MonitorLine | None:
        return self._rows.get(interview_id)

    # ── updating ─────────────────────────────────────────────────────────────────────────

    def show(self, entries: Sequence[MonitorEntry], now: datetime, *, later: int = 0) -> None:
        """Make the board show exactly `entries`, changing only what differs; `later` counts the
        scheduled interviews left out because they start after the next 24 hours."""
        groups = arrange(entries)
        totals = {group: len(members) for group, members in groups.items()}
        groups = {group: members[:GROUP_LIMIT] for group, members in groups.items()}
        wanted = {entry.interview_id for members in groups.values() for entry in members}
        gone = [row for interview_id, row in self._rows.items() if interview_id not in wanted]
        for row in gone:
            del self._rows[row.interview_id]
            row.remove()
        desired: list[Widget] = []
        fresh: list[MonitorLine] = []
        for group, members in groups.items():
            heading = self._headings[group]
            heading.show_count(
                totals[group], shown=len(members), later=later if group is Group.SCHEDULED else 0
            )
            desired.append(heading)
            for entry in members:
                row = self._rows.get(entry.interview_id)
                if row is None:
                    row = self._rows[entry.interview_id] = MonitorLine(entry, now,
                                                                        self._widths)
                    fresh.append(row)
                else:
                    row.show(entry, now)
                desired.append(row)
        if fresh:
            self.mount(*fresh)
        self._put_in_order(desired, set(gone))
        old_order = self._order
        self._order = [row.interview_id for row in desired if isinstance(row, MonitorLine)]
        self._keep_cursor(old_order)

    def _put_in_order(self, desired: list[Widget], leaving: set[MonitorLine]) -> None:
        """Move children so they follow `desired`; rows being removed are ignored."""
        current = [child for child in self.children if child not in leaving]
        if current == desired:
            return
        for before, widget in pairwise(desired):
            self.move_child(widget, after=before)

    def _keep_cursor(self, old_order: list[str]) -> None:
        """The cursor stays on its interview; if that one left, it takes the nearest survivor."""
        cursor = self.cursor_id
        if cursor in self._rows:
            self._mark_cursor(cursor)
            return
        if cursor is not None and cursor in old_order:
            position = old_order.index(cursor)
            later = [i for i in old_order[position + 1 :] if i in self._rows]
            earlier = [i for i in reversed(old_order[:position]) if i in self._rows]
            self._set_cursor((later or earlier or [None])[0])
        else:
            self._set_cursor(self._order[0] if self._order else None)

    def on_resize(self) -> None:
        """At 80 columns the agent and job give way; the start or elapsed time stays."""
        widths = widths_for(self.scrollable_content_region.width)
        if widths != self._widths:
            self._widths = widths
            for widget in (*self._headings.values(), *self._rows.values()):
                widget.fit(widths)

    def tick(self, now: datetime) -> None:
        """Repaint the time columns: countdowns and elapsed bars move without a store query."""
        for row in self._rows.values():
            row.tick(now)

    # ── the cursor ───────────────────────────────────────────────────────────────────────

    def move_to(self, interview_id: str) -> bool:
        """Put the cursor on `interview_id` and scroll to it; False when it is not shown."""
        if interview_id not in self._rows:
            return False
        self._set_cursor(interview_id)
        self._scroll_to_cursor()
        return True

    def action_move(self, delta: int) -> None:
        if not self._order:
            return
        position = self._order.index(self.cursor_id) if self.cursor_id in self._order else 0
        target = max(0, min(len(self._order) - 1, position + delta))
        self.move_to(self._order[target])

    def _set_cursor(self, interview_id: str | None) -> None:
        if interview_id == self.cursor_id and (interview_id is None or self._marked(interview_id)):
            return
        previous = self._rows.get(self.cursor_id) if self.cursor_id else None
        if previous is not None:
            previous.remove_class("-cursor")
        self.cursor_id = interview_id
        if interview_id is not None:
            self._mark_cursor(interview_id)
        self.post_message(self.CursorMoved(interview_id))

    def _marked(self, interview_id: str) -> bool:
        row = self._rows.get(interview_id)
        return row is not None and row.has_class("-cursor")

    def _mark_cursor(self, interview_id: str) -> None:
        self._rows[interview_id].add_class("-cursor")

    @property
    def cursor_region(self) -> Region | None:
        """Where on the screen the cursor's row is drawn now, the part of it in view; None
        when it is scrolled out of view (the App keeps toasts off it)."""
        row = self._rows.get(self.cursor_id) if self.cursor_id else None
        if row is None:
            return None
        shown = row.region.intersection(self.scrollable_content_region)
        return shown or None

    def _scroll_to_cursor(self) -> None:
        row = self._rows.get(self.cursor_id) if self.cursor_id else None
        if row is None:
            return
        if self._order and row.interview_id == self._order[0]:
            self.scroll_home(animate=False)
        else:
            self.scroll_to_widget(row, animate=False)

    def on_monitor_line_clicked(self, event: MonitorLine.Clicked) -> None:
        self.focus()
        self.move_to(event.interview_id)
