"""The sandbox clock across restarts: it never goes back, and no stored time is ahead of it.

A sandbox serving at 30 times real time gets hours ahead of the wall clock; a new process starts
its clock from the wall clock again, and every time stored meanwhile would lie in the future.
So the sandbox keeps a mark in its file: a moment no time it has handed out goes beyond. While
it serves it renews the mark a lease ahead (every LEASE_SECONDS of real time at most, so a busy
server writes a few times a minute, not on every request). On start, a clock behind the mark
is either moved forward to it (a sandbox served on request at its own pace: `interview-desk
sandbox`), or, for the embedded demo that shows the recruiter the wall clock, the stored world
is moved back in time to the clock, all of its times by the same amount.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from app.sandbox.clock import SandboxClock
from app.sandbox.lifecycle import iso, parse
from app.sandbox.storage import TABLES, SandboxStorage

log = logging.getLogger(__name__)

MARK_KEY = "clock_mark"
LEASE_SECONDS = 2.0  # real seconds a mark runs ahead of the clock
WALL_CLOCK_SLACK = timedelta(minutes=1)  # the demo's world may be this far ahead unmoved
STORED_TIMES = ("createdAt", "updatedAt", "changedAt", "cancelledAt", "scheduledAt")
CHANGE_TIMES = ("createdAt", "updatedAt", "changedAt", "cancelledAt")  # never ahead when written


class Timekeeper:
    """Keeps the mark of one sandbox's file; `start` once, `note` on every request."""

    def __init__(self, storage: SandboxStorage, clock: SandboxClock, *,
                 follows_wall_clock: bool) -> None:
        self.storage = storage
        self.clock = clock
        self.follows_wall_clock = follows_wall_clock
        self._until: datetime | None = None

    def start(self) -> bool:
        """Reconcile the clock with the file, then mark where it stands; True when the stored
        world was moved back in time."""
        mark = self._stored_mark()
        now = self.clock.now()
        shifted = False
        if mark is not None and mark > now:
            if not self.follows_wall_clock:
                self.clock.set(mark)
            elif mark - now > WALL_CLOCK_SLACK:
                log.warning("the demo's stored times run %s ahead of the clock; moving them "
                            "back", mark - now)
                shift_world(self.storage, now - mark)
                shifted = True
        self._until = None
        self.note(self.clock.now())
        return shifted

    def note(self, now: datetime) -> None:
        """Before answering at `now`: renew the mark when `now` has reached it."""
        if self._until is not None and now <= self._until:
            return
        self._until = now + timedelta(seconds=LEASE_SECONDS * self.clock.scale)
        self.storage.set_meta(MARK_KEY, iso(self._until) or "")

    def _stored_mark(self) -> datetime | None:
        text = self.storage.meta(MARK_KEY)
        if text:
            return parse(text)
        # A file from before marks were kept: the latest change any document records.
        return max((moment for _, doc in _documents(self.storage)
                    for moment in _times(doc, CHANGE_TIMES)), default=None)


def _documents(storage: SandboxStorage) -> Iterator[tuple[str, dict[str, Any]]]:
    for table in TABLES:
        for doc in storage.all(table):
            yield table, doc


def _moment(value: Any) -> datetime | None:
    try:
        return parse(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _times(doc: dict[str, Any], names: tuple[str, ...]) -> Iterator[datetime]:
    for name in names:
        moment = _moment(doc.get(name))
        if moment is not None:
            yield moment


def shift_world(storage: SandboxStorage, delta: timedelta) -> None:
    """Move every stored time by `delta`: interviews keep their order, gaps and outcomes, and
    what was about to start is still about to start."""

    def moved(value: Any) -> Any:
        moment = _moment(value)
        return value if moment is None else iso(moment + delta)

    for table in TABLES:
        docs = storage.all(table)
        for doc in docs:
            for name in STORED_TIMES:
                if name in doc:
                    doc[name] = moved(doc[name])
            for attempt in doc.get("attempts") or ():
                attempt["scheduledAt"] = moved(attempt.get("scheduledAt"))
        storage.rewrite(table, docs)
