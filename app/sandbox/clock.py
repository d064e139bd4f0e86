"""The sandbox's own time, which can run faster than real time and be set by tests."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta


class SandboxClock:
    """Now = start + elapsed real time times scale. Scale 0 stands still until told to move."""

    def __init__(self, start: datetime | None = None, scale: float = 1.0) -> None:
        self.scale = scale
        self._lock = threading.Lock()
        self._anchor = start or datetime.now(UTC)
        self._anchored_at = time.monotonic()

    def now(self) -> datetime:
        with self._lock:
            elapsed = (time.monotonic() - self._anchored_at) * self.scale
            return self._anchor + timedelta(seconds=elapsed)

    def set(self, moment: datetime) -> None:
        with self._lock:
            self._anchor = moment
            self._anchored_at = time.monotonic()

    def advance(self, delta: timedelta) -> None:
        self.set(self.now() + delta)
