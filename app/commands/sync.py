"""`interview-desk sync [--full]`: a progress line on stderr, then one summary line on stdout.

The line (a bar, done/total, the requests left and an ETA from the key's budget; see
app/sync/progress.py) is redrawn in place with a carriage return, so it needs no terminal
library; the summary goes to stdout so scripts can keep it while the line stays on the terminal.
"""

from __future__ import annotations

import asyncio
import shutil
import sys
from collections.abc import Callable
from datetime import datetime
from typing import TextIO

from app.api.errors import ApiError, MissingScopeError, OfflineError
from app.commands import CommandError
from app.config import Settings
from app.factory import build_context, say_upgrade, utc_now
from app.store import CacheUnwritable, StoreDamaged, StoreError
from app.sync.replication import SyncProgress, SyncSummary

WAIT_REDRAW_SECONDS = 1.0  # while the rate limit holds the sync, its wait counts down


class ProgressBar:
    """Redraws its line in place; the padding wipes what a longer previous line left.

    No progress comes while the rate limit holds the sync (up to an hour for the hour's
    quota), so the line redraws itself each second of a wait, counting it down."""

    def __init__(self, stream: TextIO, clock: Callable[[], datetime] = utc_now) -> None:
        self.stream = stream
        self.clock = clock  # the sync's clock, on which it says when a wait ends
        self.width = 0
        self._latest: SyncProgress | None = None
        self._redraw: asyncio.TimerHandle | None = None

    def __call__(self, progress: SyncProgress) -> None:
        self._latest = progress
        self._draw()

    def _draw(self) -> None:
        if self._redraw is not None:
            self._redraw.cancel()
            self._redraw = None
        if self._latest is None:
            return
        progress = self._latest.at(self.clock())
        text = progress.line(shutil.get_terminal_size().columns - 1)
        self.stream.write("\r" + text.ljust(self.width))
        self.stream.flush()
        self.width = len(text)
        if progress.waiting_seconds is not None:
            self._redraw = asyncio.get_running_loop().call_later(WAIT_REDRAW_SECONDS,
                                                                 self._draw)

    def finish(self) -> None:
        if self._redraw is not None:
            self._redraw.cancel()
            self._redraw = None
        if self.width:
            self.stream.write("\n")
            self.stream.flush()


def run_sync_command(settings: Settings, *, full: bool) -> int:
    """Sync the cache; failures become one CommandError line (offline, key, missing scope)."""
    bar = ProgressBar(sys.stderr)
    try:
        try:
            summary = asyncio.run(_sync(settings, full=full, progress=bar))
        except StoreDamaged as damaged:
            # The damaged file is already set aside, and a fresh one in its place: fill it.
            bar.finish()
            print(f"interview-desk: {damaged}", file=sys.stderr)
            summary = asyncio.run(_sync(settings, full=True, progress=bar))
    except OfflineError as error:
        raise CommandError(f"offline: {error}") from None
    except MissingScopeError as error:
        scope = error.scope or "unknown"
        raise CommandError(f"missing scope {scope}: {error}") from None
    except ApiError as error:
        raise CommandError(f"sync failed: {error}") from None
    except StoreError as error:
        raise CommandError(str(error)) from None
    finally:
        bar.finish()
    print(f"Synced: {summary.line()}.")
    return 0


async def _sync(settings: Settings, *, full: bool, progress: ProgressBar) -> SyncSummary:
    context = build_context(settings, on_upgrade=say_upgrade)
    try:
        if context.store.unwritable is not None:
            raise CacheUnwritable(context.store.unwritable)  # before any request is spent
        for notice in context.notices:  # a damaged cache set aside, an old cache adopted
            print(f"interview-desk: {notice.text}", file=sys.stderr)
        progress.clock = context.clock  # the sandbox's, without a key
        return await context.replicator().sync(full=full, progress=progress)
    finally:
        await context.aclose()
