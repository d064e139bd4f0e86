"""Only SQLite opens the cache file, its log and its shared memory in the desk's process: a
plain open and close of any of them would drop SQLite's locks (issue 17). The desk still reads
its cache ahead once the first screen is up, through a SQLite connection of its own."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from app.ui.app import InterviewDeskApp
from tests.ui.conftest import MakeContext

_watched: list[tuple[Path, list[str]]] = []


def _audit(event: str, arguments: tuple) -> None:
    if event == "open" and arguments and isinstance(arguments[0], str | Path):
        for cache, opened in _watched:
            if str(arguments[0]).startswith(str(cache)):
                opened.append(str(arguments[0]))


# Python's open(), io.open and os.open all report to audit hooks; SQLite's own C calls do not.
sys.addaudithook(_audit)


async def test_nothing_but_sqlite_opens_the_cache_files_while_the_desk_works(
        make_context: MakeContext) -> None:
    context = make_context()
    opened: list[str] = []
    _watched.append((context.store.path, opened))
    try:
        desk = InterviewDeskApp(context)  # syncs on start, reads ahead, filters, searches
        async with desk.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            await desk.workers.wait_for_complete()
            for thread in threading.enumerate():
                if thread.name == "cache-warm-up":
                    thread.join(10)
            await pilot.press("slash", "a", "d", "backspace", "escape", "f")
            await pilot.pause()
            desk.screen.run_search("python")
            await pilot.press("r")
            await pilot.pause()
            await desk.workers.wait_for_complete()
    finally:
        _watched.pop()
    assert opened == []


async def test_the_desk_reads_its_cache_ahead_once_the_first_screen_is_drawn(
        make_context: MakeContext, monkeypatch) -> None:
    context = make_context()
    warmed = threading.Event()
    monkeypatch.setattr(context.store, "warm_up", warmed.set)
    desk = InterviewDeskApp(context, sync_on_start=False)
    async with desk.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert warmed.wait(5)
