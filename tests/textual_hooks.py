"""The suite's every use of Textual's private names, in one place.

The product keeps its own in widgets/private_hooks.py; these four serve only the tests, and
each checks the name it needs before using it, so a Textual upgrade that renames one fails here,
loudly, rather than leave the suite silently slower, flaky or blind:

- `quicken_the_pilot`: Pilot's quiet window and the frame interval (`textual._wait`,
  `textual.screen.UPDATE_PERIOD`);
- `share_parsed_css`: parsed stylesheet sources shared by the apps of one process
  (`Stylesheet._parse_rules`);
- `steady_the_cursors`: text boxes whose cursor does not blink (`Input._toggle_cursor`);
- `drawn`: what a repaint writes to the terminal (`Screen._compositor`).

tests/conftest.py applies the first three to every test process.
"""

from __future__ import annotations

from typing import Any

import textual._wait
import textual.screen
from textual._compositor import LayoutUpdate
from textual.app import App
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet
from textual.widgets import Input

WINDOW_SECONDS = 0.004
QUIET_SHARE = 1 / 20  # Textual's own: quiet means under this share of the window in CPU
TEXTUALS_PARSE_RULES = getattr(Stylesheet, "_parse_rules", None)
_PARSED: dict[tuple[Any, ...], list[RuleSet]] = {}


def _gone(name: str) -> RuntimeError:
    return RuntimeError(f"textual's {name} is gone: see tests/textual_hooks.py")


def quicken_the_pilot() -> None:
    """Set Pilot's quiet window and the screens' frame interval to WINDOW_SECONDS for every
    app this process tests (each screen reads the interval when it first draws).

    After every key it presses (twice per key) and on every `pause()`, Pilot waits until the
    app has been quiet for one window of time: it sleeps a window, and goes on when the process
    used less than a twentieth of it in CPU, else it sleeps another. Textual's window is 20 ms,
    just over its frame interval (1/60 s, the most a change waits to be drawn), so a quiet
    window also means that the frame a key asked for has been drawn and what waits for that
    frame (`call_after_refresh`) has run. But a key then costs at least 40 ms of waiting even
    when the app answers it in 5 ms; the screen tests press keys by the thousand, and this
    waiting was most of their time (tests/ui/schedule/test_trust.py spent 49 s of its 70 s in
    it, with other work on the machine).

    So the suite shortens both, keeping their order: a 4 ms frame interval and a 4 ms quiet
    window. A shorter window alone let tests assert before a frame was drawn (a sync started
    after the first paint was not yet running). A 1 ms window is too short: the event loop's
    own turns then count as work, and the waits grow again. None of this replaces waiting for
    a result: tests that need a worker's result wait for the workers. Both are module constants
    with no public setting that a test run can reach in time (TEXTUAL_FPS is read when Textual
    is imported, before this suite's conftest)."""
    constants = [(textual._wait, "SLEEP_GRANULARITY"), (textual._wait, "SLEEP_IDLE"),
                 (textual.screen, "UPDATE_PERIOD")]
    for module, name in constants:
        if not isinstance(getattr(module, name, None), float):
            raise _gone(f"{module.__name__}.{name}")
    textual._wait.SLEEP_GRANULARITY = WINDOW_SECONDS
    textual._wait.SLEEP_IDLE = WINDOW_SECONDS * QUIET_SHARE
    textual.screen.UPDATE_PERIOD = WINDOW_SECONDS


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
