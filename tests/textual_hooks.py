"""The suite's every use of Textual's private names, in one place.

The product keeps its own in widgets/private_hooks.py; these four serve only the tests, and
each checks the name it needs before using it, so a Textual upgrade that renames one fails here,
loudly, rather than leave the suite silently slower, flaky or blind:

- `quicken_the_pilot`: Pilot's wait after a key and the frame interval
  (`textual._wait.wait_for_idle` as `textual.app` and `textual.pilot` imported it, the active
  app, asyncio's loop insides, `textual.screen.UPDATE_PERIOD`);
- `share_parsed_css`: parsed stylesheet sources shared by the apps of one process
  (`Stylesheet._parse_rules`);
- `steady_the_cursors`: text boxes whose cursor does not blink (`Input._toggle_cursor`);
- `drawn`: what a repaint writes to the terminal (`Screen._compositor`).

tests/conftest.py applies the first three to every test process.
"""

from __future__ import annotations

import asyncio
from time import process_time
from typing import Any

import textual._wait
import textual.app
import textual.pilot
import textual.screen
from textual._compositor import LayoutUpdate
from textual._context import active_app
from textual.app import App
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet
from textual.widgets import Input

WINDOW_SECONDS = 0.004
QUIET_CPU_SECONDS = WINDOW_SECONDS / 20  # Textual's own share: under it, a window was quiet
SOON_SECONDS = 0.012  # a timer due sooner than this is work still to come
PATIENCE_SECONDS = 10.0  # the longest wait: Textual's 1 s was too short on a busy machine
TEXTUALS_WAIT_FOR_IDLE = getattr(textual._wait, "wait_for_idle", None)
TEXTUALS_PARSE_RULES = getattr(Stylesheet, "_parse_rules", None)
_PARSED: dict[tuple[Any, ...], list[RuleSet]] = {}


def _gone(name: str) -> RuntimeError:
    return RuntimeError(f"textual's {name} is gone: see tests/textual_hooks.py")


def quicken_the_pilot() -> None:
    """Make Pilot wait after each key (and on every `pause()`) only until the app has nothing
    left to do, and set the screens' frame interval to WINDOW_SECONDS, for every app this
    process tests (each screen reads the interval when it first draws).

    After every key it presses (twice per key) and on every `pause()`, Pilot calls Textual's
    `wait_for_idle`: it sleeps a window of time, and goes on when the process used less than
    a twentieth of it in CPU, else it sleeps another. Textual's window is 20 ms, just over its
    frame interval (1/60 s, the most a change waits to be drawn), so a quiet window also means
    that the frame a key asked for has been drawn and what waits for that frame
    (`call_after_refresh`) has run. But a key then costs at least 40 ms of waiting even when the
    app answers it in 5 ms, and the screen tests press keys by the thousand.

    The suite first shortened both to 4 ms, keeping their order (a shorter window alone let
    tests assert before a frame was drawn; at 1 ms the event loop's own turns counted as work
    and the waits grew again). That still slept a whole window after every answer, and another
    whenever the loop's own overhead (0.2-0.4 ms) crossed the threshold: 4,205 waits over
    tests/ui and tests/widgets spent 33 s of both workers' time asleep, a fifth of those tests'
    time; a key cost 22 ms for 10 ms of work.

    `until_the_app_is_done` looks instead of guessing: it returns as soon as the event loop
    has nothing left that could change the screen soon; see there. Where it cannot see
    everything (a worker running, a socket open) it also keeps the quiet window above. Over
    tests/ui and tests/widgets (-n 2, 4,205 waits) the time the waits spent asleep went from
    42.5 s to 5.4 s, summed over both workers, and their CPU from 64 s to 58 s. None
    of this replaces waiting for a result: tests that need a worker's result wait for the
    workers. A higher threshold (an eighth of the window) was quicker but still a guess, and
    the one that a loaded machine fools most easily. The frame interval is a module constant
    with no public setting that a test run can reach in time (TEXTUAL_FPS is read when Textual
    is imported, before this suite's conftest)."""
    if not isinstance(getattr(textual.screen, "UPDATE_PERIOD", None), float):
        raise _gone("textual.screen.UPDATE_PERIOD")
    for module in (textual._wait, textual.app, textual.pilot):  # (a second call finds ours)
        if getattr(module, "wait_for_idle", None) not in (TEXTUALS_WAIT_FOR_IDLE,
                                                          until_the_app_is_done):
            raise _gone(f"{module.__name__}.wait_for_idle")
    for module in (textual._wait, textual.app, textual.pilot):
        module.wait_for_idle = until_the_app_is_done  # type: ignore[attr-defined]
    textual.screen.UPDATE_PERIOD = WINDOW_SECONDS


async def until_the_app_is_done(min_sleep: float = WINDOW_SECONDS,
                                max_sleep: float = PATIENCE_SECONDS) -> None:
    """Pilot's wait (in place of Textual's `wait_for_idle(min_sleep, max_sleep)`): return,
    after `min_sleep` and at most `max_sleep`, once the event loop has nothing left to do soon:

    - nothing ready to run but this wait (every message posted, every task woken, every
      callback handed over from a thread lands there first), and
    - no timer due within SOON_SECONDS: a frame that a change asked for is one (the
      screen's frame timer waits at most its interval, WINDOW_SECONDS, so that must stay
      shorter), and so is any short timer of the app or the test. With only the frame
      interval as the horizon, a toast moving to the section just opened was drawn by a timer
      about 10 ms later, after the wait had returned: the search results' snapshot lost its
      toast in 12 of 20 runs; with 12 ms, in none of 60. A longer horizon costs: at 25 ms the
      hostile, schedule and analysis tests took a quarter more time and CPU, waiting on the
      app's short timers (42.5 s wall and 70.8 s CPU against 36.2 s and 61.0 s at 12 ms).

    That is enough where the loop sees every source of work: the app has no worker pending or
    running (a thread worker works where the loop does not look) and the loop waits on no
    socket or pipe but its own wake-up pipe (an answer may be on its way). Otherwise the
    process must also have been quiet for the window that just ended: under a twentieth of it
    in CPU, Textual's own rule, which sees a thread or a local server working.

    Textual's rule alone is also fooled by a busy machine: a window in which the process was
    not given the CPU looks quiet even when a frame was due, which the timer check sees. And
    Textual gives up after 1 s: with other work on the machine, the app's own work (composing
    the scheduling form, a restart) took longer than that in wall time, and the test went on
    in the middle of it (the loop still had dozens of callbacks ready and timers overdue by
    0.3 s); PATIENCE_SECONDS is the ceiling instead. Once the app has stopped (ctrl+c in a
    test), the wait returns at once: a task of the closing run woke the loop again and again,
    and each wait after the quit ran to the ceiling (test_ctrl_c_quits took 30 s)."""
    loop = asyncio.get_running_loop()
    ready, scheduled, selector, wake_up = _loop_insides(loop)
    app = active_app.get(None)
    start = loop.time()
    window_start, window_cpu = start, process_time()
    pause = 0.0
    while True:
        await asyncio.sleep(pause)
        now = loop.time()
        waited = now - start
        if waited >= max_sleep or (app is not None and not app.is_running):
            return  # given up, or the app has stopped: nothing of it is left to wait for
        window_was_quiet = False
        if now - window_start >= WINDOW_SECONDS:
            cpu = process_time()
            window_was_quiet = waited > min_sleep and cpu - window_cpu < QUIET_CPU_SECONDS
            window_start, window_cpu = now, cpu
        if ready:
            pause = 0.0
            continue
        next_timer = min((handle.when() for handle in scheduled if not handle.cancelled()),
                         default=now + max_sleep)
        if waited >= min_sleep and next_timer >= now + SOON_SECONDS and (
                window_was_quiet or (
                    selector.get_map().keys() <= {wake_up}
                    and app is not None and all(worker.is_finished for worker in app.workers))):
            return
        wake = min(next_timer, window_start + WINDOW_SECONDS)
        if waited < min_sleep:
            wake = min(wake, start + min_sleep)
        pause = max(0.0, wake - now)


def _loop_insides(loop: asyncio.AbstractEventLoop) -> tuple[Any, list[Any], Any, int]:
    """What `until_the_app_is_done` reads of asyncio's selector loop: its ready callbacks, its
    timers (a heap that may still hold cancelled ones), its selector and its wake-up pipe."""
    names = ("_ready", "_scheduled", "_selector", "_ssock")
    insides = [getattr(loop, name, None) for name in names]
    for name, inside in zip(names, insides, strict=True):
        if inside is None:
            raise RuntimeError(f"asyncio's {name} is gone: see tests/textual_hooks.py")
    ready, scheduled, selector, wake_up = insides
    return ready, scheduled, selector, wake_up.fileno()


def share_parsed_css() -> None:
    """Make every stylesheet of this process look up a source's rules in one shared cache
    before parsing it.

    Textual keeps the rules it parsed from each CSS source (the app's styles.tcss and every
    widget's DEFAULT_CSS) in a cache that belongs to one stylesheet, so each App parses them
    all again. The desk starts one app per process and pays this once; a test process starts
    hundreds of apps, and parsing was about 5% of the CPU of the screen tests (1.9 s of 35 s in
    tests/ui/analysis, monitor, review, test_keys_and_cursor.py and test_screen_sizes.py).
    The key is everything a parse reads: the source's text, where it came from, whether it is a
    widget's default CSS, its tie breaker and scope, and the CSS variables (the theme). A
    source that fails to parse raises as before and is not kept. Textual reuses parsed rules
    the same way within one app (`Stylesheet._parse_cache`). A test that counts Textual's own
    parses (tests/widgets/test_private_hooks.py) puts `TEXTUALS_PARSE_RULES` back."""
    parse_rules = TEXTUALS_PARSE_RULES
    if parse_rules is None:
        raise _gone("Stylesheet._parse_rules")

    def shared_parse_rules(self: Stylesheet, css: str, read_from: Any,
                           is_default_rules: bool = False, tie_breaker: int = 0,
                           scope: str = "") -> list[RuleSet]:
        key = (css, read_from, is_default_rules, tie_breaker, scope,
               tuple(self._variables.items()))
        rules = _PARSED.get(key)
        if rules is None:
            rules = parse_rules(self, css, read_from, is_default_rules, tie_breaker, scope)
            _PARSED[key] = rules
        return rules

    Stylesheet._parse_rules = shared_parse_rules  # type: ignore[method-assign]


def steady_the_cursors() -> None:
    """Make every Input of this process keep its cursor as it is instead of blinking it.

    Textual's Input turns its cursor off and on every half second while it has focus, headless
    or not. A snapshot of a screen with a focused box therefore showed the cursor or not
    depending on how long the machine took between the last key and the screenshot: the
    call-time dialog's snapshot (tests/ui/test_screen_sizes.py) came out different when taken
    0.8 s after the dialog opened instead of at once, and failed twice in six runs slowed down
    by a profiler. The stored snapshots show the cursor, as a recruiter sees it right after
    typing or focusing. Nothing in the suite is about the blink itself (the tmux tests, which
    run the real desk, see it blink)."""
    if not callable(getattr(Input, "_toggle_cursor", None)):
        raise _gone("Input._toggle_cursor")

    def keep_the_cursor(self: Input) -> None:
        """The blink timer's tick: the cursor stays as focus and typing left it."""

    Input._toggle_cursor = keep_the_cursor  # type: ignore[method-assign]


def drawn(app: App[object]) -> str:
    """The characters a full repaint of the current screen would write, other than Textual's
    own cursor moves and style codes: each row's segment texts, then the row's link targets
    (one per line, so a row's text stays whole for searching).

    When the desk repaints, Textual writes a full update of the screen's compositor: for each
    row, a cursor move, then each segment's text wrapped in the escape codes of its style, and
    a hyperlink's target (OSC 8) around any segment whose style carries a link. The text and the
    link targets are the only characters a server could choose. An SVG screenshot
    (`App.export_screenshot`) renders the same update and then lays it out as a picture, which
    costs several times more and leaves the link targets out."""
    update = app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens)
    if not isinstance(update, LayoutUpdate):
        raise _gone("Compositor.render_update(full=True) as a LayoutUpdate")
    rows = []
    for line in update.strips:
        segments = [segment for strip in line for segment in strip if segment.control is None]
        rows.append("".join(segment.text for segment in segments))
        rows.extend(segment.style.link for segment in segments
                    if segment.style is not None and segment.style.link)
    return "\n".join(rows)
