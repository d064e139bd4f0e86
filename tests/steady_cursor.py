"""Text boxes in tests keep their cursor shown instead of blinking.

Textual's Input turns its cursor off and on every half second while it has focus, headless or
not. A snapshot of a screen with a focused box therefore showed the cursor or not depending on
how long the machine took between the last key and the screenshot: the call-time dialog's
snapshot (tests/ui/test_screen_sizes.py) came out different when taken 0.8 s after the dialog
opened instead of at once, and failed twice in six runs slowed down by a profiler. The stored
snapshots show the cursor, as a recruiter sees it right after typing or focusing; with the
blink stopped every snapshot shows it that way however slow the machine is. Nothing in the
suite is about the blink itself (the tmux tests, which run the real desk, see it blink).

`Input._toggle_cursor` is a private method of Textual's; if an upgrade renames it,
`steady_the_cursors` fails loudly rather than let the snapshots turn flaky again.
"""

from __future__ import annotations

from textual.widgets import Input


def steady_the_cursors() -> None:
    """Make every Input of this process keep its cursor as it is instead of blinking it."""
    if not callable(getattr(Input, "_toggle_cursor", None)):
        raise RuntimeError("textual's Input._toggle_cursor is gone: see tests/steady_cursor.py")

    def keep_the_cursor(self: Input) -> None:
        """The blink timer's tick: the cursor stays as focus and typing left it."""

    Input._toggle_cursor = keep_the_cursor  # type: ignore[method-assign]
