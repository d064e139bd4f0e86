"""The last guard before the terminal: a line filter that takes every control and bidi
character out of what the app draws.

Every widget shows server text through `widgets.text` already; this catches any place that
forgets (a new widget, a framework-built label), so one slip shows `]0;title` as harmless text
instead of retitling the window. It removes characters one by one (all zero cells wide), never
whole sequences: the line is laid out by then, and a shorter line would shift its neighbours.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from widgets.text import strip_unsafe_characters


class TerminalGuard(LineFilter):
    """Removes C0/C1 controls, DEL and bidi controls from drawn segments' text."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        guarded = segments
        for index, segment in enumerate(segments):
            text = strip_unsafe_characters(segment.text)
            if text != segment.text and segment.control is None:
                if guarded is segments:
                    guarded = list(segments)
                guarded[index] = Segment(text, segment.style)
        return guarded
