"""The measurements of issue 9, each returning one number (see README.md for what each means)."""

from __future__ import annotations

import asyncio
import math
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.factory import AppContext, build_context
from app.sandbox import SandboxClock, SandboxSettings
from app.store.connection import with_side_files
from bench import words
from bench.setting import NOW, settings_for

ROOT = Path(__file__).resolve().parent.parent
SCREEN = (120, 36)


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]


# ── cold start and memory: fresh processes ──────────────────────────────────────────────

def probe_env() -> dict[str, str]:
    """The environment a probe runs in. As on a recruiter's machine, modules load from bytecode
    caches that an untimed warm-up wrote: a shell that sets PYTHONDONTWRITEBYTECODE would
    otherwise time compiling instead."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(ROOT)
    return env


def run_probe(*args: str) -> tuple[float, float]:
    """Seconds from spawning the probe to its exit, and its peak RSS in KiB (as it reports)."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "bench.probe", *args], cwd=ROOT,
                            env=probe_env(), capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"probe {args} failed ({result.returncode}): {result.stderr[-2000:]}")
    return elapsed, float(result.stdout.split()[-1])


def cold_starts(data_dir: Path, repeat: int = 5, *, warm_up: bool = True) -> dict[str, float]:
    """`warm_up`: one untimed start of each probe first, which fills the OS file cache and
    writes the bytecode caches (a smoke test that asserts no time leaves it out)."""
    if warm_up:
        run_probe("bare")
        run_probe("desk", str(data_dir))
    # Alternated, so that the machine speeding up or slowing down during the run (it does, by
    # a third on this shared one) falls on both probes alike instead of on one set of five.
    pairs = [(run_probe("bare"), run_probe("desk", str(data_dir))) for _ in range(repeat)]
    bare = [pair[0] for pair in pairs]
    desk = [pair[1] for pair in pairs]
    bare_s = statistics.median(t for t, _ in bare)
    desk_s = statistics.median(t for t, _ in desk)
    bare_rss = max(r for _, r in bare)
    desk_rss = max(r for _, r in desk)
    return {
        "startup_ratio": desk_s / bare_s, "startup_desk_ms": desk_s * 1000,
        "startup_bare_ms": bare_s * 1000, "rss_ratio": desk_rss / bare_rss,
        "rss_desk_mib": desk_rss / 1024, "rss_bare_mib": bare_rss / 1024,
    }


# ── in the app, with Pilot ──────────────────────────────────────────────────────────────

def desk_context(data_dir: Path) -> AppContext:
    settings = settings_for(data_dir)
    clock = SandboxClock(start=NOW, scale=0.0)
    return build_context(settings, sandbox_clock=clock, sandbox_settings=SandboxSettings(
        db_path=settings.sandbox_path, empty=True, plan="unlimited", time_scale=0.0))


def filter_keys(rng: random.Random, count: int) -> list[str]:
    """Typing name prefixes and deleting them again, as a recruiter hunting for someone."""
    keys: list[str] = []
    while len(keys) < count:
        name = rng.choice(words.FIRST + words.LAST).lower()
        typed = [ch for ch in name[: rng.randint(2, 5)] if ch.isalpha()]
        keys += typed + ["backspace"] * len(typed)
    return keys[:count]


def search_queries(rng: random.Random, count: int) -> list[str]:
    pools = (words.NOUNS, words.SKILLS, words.VERBS, words.ADJECTIVES)
    out = []
    for _ in range(count):
        picked = [rng.choice(rng.choice(pools)) for _ in range(rng.choice((1, 1, 2, 2, 3)))]
        out.append(" ".join(picked))
    return out


FRAME_WAITS = 200  # pauses for the frame an action asks for, before giving up


class Frames:
    """When the screen first showed the final render of a watched widget.

    Pilot's own waits sleep in 20 ms steps, so timing around `pilot.press` + `pilot.pause` would
    measure Pilot. Instead the key is sent through Pilot, every frame the compositor hands to
    `App._display` is recorded with what the watched widget (the table, or the search results)
    rendered in it, and the latency runs from sending the key to the first frame that already
    shows what the widget finally shows: the refreshed screen. Later identical repaints (Textual
    repaints on cursor moves and Pilot's forced updates) do not count.
    """

    def __init__(self, app: Any) -> None:
        self.painted: list[tuple[float, int]] = []
        self._content: int | None = None
        self._widgets: dict[int, int] = {}
        display = app._display

        def recording_display(screen: Any, renderable: Any) -> None:
            display(screen, renderable)
            if renderable is not None and self._content is not None:
                self.painted.append((time.perf_counter(), self._content))
                self._content = None

        app._display = recording_display

    def watch(self, widget: Any) -> None:
        render_lines = widget.render_lines

        shown: dict[int, str] = {}  # the widget's lines on screen, by y

        def recording_render_lines(crop: Any) -> Any:
            lines = render_lines(crop)
            for offset, line in enumerate(lines):
                shown[crop.y + offset] = line.text
            self._widgets[id(widget)] = hash(tuple(sorted(shown.items())))
            self._content = hash(tuple(sorted(self._widgets.items())))
            return lines

        widget.render_lines = recording_render_lines

    async def latency_ms(self, pilot: Any, started: float, action: Any) -> float:
        """Run `action` (begun at `started`) and time the first frame showing its result.
        Pilot's pauses are waits for a quiet moment, which can come before the frame (the test
        suite shortens them), so it waits for a frame drawn since `started`, then settles."""
        await action()
        for _ in range(FRAME_WAITS):
            await pilot.pause()
            if self.painted and self.painted[-1][0] >= started:
                break
        await pilot.pause()
        await pilot.pause()
        after = [(t, content) for t, content in self.painted if t >= started]
        if not after:
            raise RuntimeError("the screen never repainted the watched widget")
        final = after[-1][1]
        first = next(t for t, content in after if content == final)
        return (first - started) * 1000


async def _in_app(data_dir: Path, keystrokes: int, sorts: int, jumps: int,
                  queries: int) -> dict[str, float]:
    from textual.widgets import Input

    from app.ui.app import InterviewDeskApp
    from app.ui.screens.search import SearchScreen
    from widgets.virtual_table import VirtualTable

    rng = random.Random(9)
    context = desk_context(data_dir)
    app = InterviewDeskApp(context, sync_on_start=False)
    clock = time.perf_counter
    try:
        async with app.run_test(size=SCREEN) as pilot:
            await pilot.pause()
            frames = Frames(app)
            table = app.screen.query_one(VirtualTable)
            assert table.row_count > 0, "the benchmark cache is empty"
            frames.watch(table)
            for field in app.screen.query(Input):
                field.cursor_blink = False  # no repaints of their own while we time

            async def timed(key: str) -> float:
                started = clock()
                return await frames.latency_ms(pilot, started, lambda: pilot.press(key))

            await pilot.press("slash")
            filter_ms = [await timed(key) for key in filter_keys(rng, keystrokes)]
            await pilot.press("escape")
            await pilot.pause()

            sort_ms = [await timed("greater_than_sign") for _ in range(sorts)]
            jump_ms = []
            for _ in range(jumps):
                jump_ms.append(await timed("G"))
                await pilot.press("g")
                await pilot.pause()

            await pilot.press("f")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, SearchScreen)
            results = screen.query_one("#search-results", VirtualTable)
            frames.watch(results)
            screen.query_one(Input).cursor_blink = False
            search_ms, hits = [], 0
            for query in search_queries(rng, queries):

                async def search(query: str = query) -> None:
                    screen.run_search(query)

                search_ms.append(await frames.latency_ms(pilot, clock(), search))
                hits += results.row_count
    finally:
        context.store.close()
        await context.client.aclose()
    return {
        "filter_p95_ms": p95(filter_ms), "filter_median_ms": statistics.median(filter_ms),
        "sort_ms": statistics.median(sort_ms), "jump_end_ms": statistics.median(jump_ms),
        "search_p95_ms": p95(search_ms), "search_median_ms": statistics.median(search_ms),
        "search_hits_mean": hits / max(1, queries),
    }


def in_app(data_dir: Path, *, keystrokes: int = 200, sorts: int = 24, jumps: int = 20,
           queries: int = 100) -> dict[str, float]:
    forget_cached_pages(settings_for(data_dir).cache_path)
    return asyncio.run(_in_app(data_dir, keystrokes, sorts, jumps, queries))


def forget_cached_pages(cache_path: Path) -> None:
    """The OS drops what it holds in memory of the cache file and its log, so the in-app step
    starts as the first open after a boot does, whatever ran before it. This machine's kernel
    also pages out file pages left idle for a minute (DAMON), which made the first run after
    a pause slower than the next (filter p95 31-36 ms cold, 25-28 ms warm, before the desk
    read its file ahead).

    This opens the files itself, which only the bench may: here no connection to them is
    open (the desk opens the cache afterwards), whereas in the desk a plain open and close of
    the file would drop SQLite's locks on it (app/store/connection.py)."""
    advise, forget = getattr(os, "posix_fadvise", None), getattr(os, "POSIX_FADV_DONTNEED", None)
    if advise is None or forget is None:
        return  # macOS, Windows: no such advice; the run starts as warm as it is
    for file_path in with_side_files(cache_path):
        try:
            with open(file_path, "rb") as file:
                advise(file.fileno(), 0, 0, forget)  # length 0: to the end of the file
        except FileNotFoundError:
            continue


def timed_step(name: str, step: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    print(f"{name}…", flush=True)
    started = time.perf_counter()
    result = step()
    shown = ", ".join(f"{key}={value:.2f}" for key, value in result.items())
    print(f"  {name} done in {time.perf_counter() - started:.1f} s: {shown}", flush=True)
    return result
