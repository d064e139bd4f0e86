"""Full garbage collections moved into the recruiter's pauses.

CPython runs a full collection after every tenth middle one, whatever the desk is doing, and a
full collection walks every object the desk keeps (cached lines and cells, rows, Textual's
widgets): 20-36 ms on the benchmark machine, nine times in one run of issue 9's filter, sort
and search benchmark, each inside a keystroke. Here a full collection waits until input has
paused for a second, or, should input never pause, until it is ten times overdue. Young and
middle collections, which find almost all garbage and take well under a millisecond, are left
to CPython.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

IDLE_SECONDS = 1.0  # no key or mouse input for this long: a collection now goes unnoticed
CHECK_SECONDS = 0.5  # how often the app asks `collect_if_idle`
OVERDUE_FACTOR = 10  # busy for this many times CPython's spacing: collect anyway
NEVER = 1 << 30  # a full-collection threshold CPython never reaches


def _middle_collections_since_full() -> int:
    return gc.get_count()[2]


class IdleCollector:
    """Takes over CPython's full collections from `start()` to `stop()`."""

    def __init__(self, *, clock: Callable[[], float] = time.monotonic,
                 pending: Callable[[], int] = _middle_collections_since_full,
                 collect: Callable[[], object] = gc.collect) -> None:
        self._clock = clock
        self._pending = pending
        self._collect = collect
        self._thresholds: tuple[int, int, int] | None = None
        self._due = gc.get_threshold()[2]
        self.last_input = clock()

    def start(self) -> None:
        if self._thresholds is None:
            self._thresholds = gc.get_threshold()
            self._due = self._thresholds[2]
            gc.set_threshold(self._thresholds[0], self._thresholds[1], NEVER)

    def stop(self) -> None:
        """CPython's own thresholds again (tests run many apps in one process)."""
        if self._thresholds is not None:
            gc.set_threshold(*self._thresholds)
            self._thresholds = None

    def input_seen(self) -> None:
        self.last_input = self._clock()

    def collect_if_idle(self) -> bool:
        """A full collection if one is due and input has paused, or if it is long overdue."""
        pending = self._pending()
        idle = self._clock() - self.last_input >= IDLE_SECONDS
        if (idle and pending >= self._due) or pending >= self._due * OVERDUE_FACTOR:
            self._collect()
            return True
        return False
