"""How long Textual's test pilot waits for the app to go quiet, shortened for this suite.

After every key it presses (twice per key) and on every `pause()`, Pilot waits until the app
has been quiet for one window of time: it sleeps a window, and goes on when the process used
less than a twentieth of it in CPU, else it sleeps another. Textual's window is 20 ms, just
over its frame interval (1/60 s, the most a change waits to be drawn), so a quiet window also
means that the frame a key asked for has been drawn and what waits for that frame
(`call_after_refresh`) has run. But a key then costs at least 40 ms of waiting even when the
app answers it in 5 ms; the screen tests press keys by the thousand, and this waiting was
most of their time (tests/ui/schedule/test_trust.py spent 49 s of its 70 s in it, with other
work on the machine).

So the suite shortens both, keeping their order: a 4 ms frame interval and a 4 ms quiet
window. A shorter window alone let tests assert before a frame was drawn (a sync started
after the first paint was not yet running). A 1 ms window is too short: the event loop's own
turns then count as work, and the waits grow again. None of this replaces waiting for a
result: tests that need a worker's result wait for the workers.

Both are module constants of Textual's (`textual._wait`, `textual.screen`) with no public
setting that a test run can reach in time (TEXTUAL_FPS is read when Textual is imported,
before this suite's conftest). This is the suite's only use of them: if an upgrade renames
one, `quicken_the_pilot` fails loudly rather than leave the suite silently slow.
"""

from __future__ import annotations

import textual._wait
import textual.screen

WINDOW_SECONDS = 0.004
QUIET_SHARE = 1 / 20  # Textual's own: quiet means under this share of the window in CPU


def quicken_the_pilot() -> None:
    """Set Pilot's quiet window and the screens' frame interval to WINDOW_SECONDS for every
    app this process tests (each screen reads the interval when it first draws)."""
    constants = [(textual._wait, "SLEEP_GRANULARITY"), (textual._wait, "SLEEP_IDLE"),
                 (textual.screen, "UPDATE_PERIOD")]
    for module, name in constants:
        if not isinstance(getattr(module, name, None), float):
            raise RuntimeError(f"{module.__name__}.{name} is gone: see tests/pilot_pace.py")
    textual._wait.SLEEP_GRANULARITY = WINDOW_SECONDS
    textual._wait.SLEEP_IDLE = WINDOW_SECONDS * QUIET_SHARE
    textual.screen.UPDATE_PERIOD = WINDOW_SECONDS
