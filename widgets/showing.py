"""Put content into a Static only when it changes what the Static shows.

Textual's `Static.update` turns the content into a visual again, throws the widget's drawn
lines away and asks for a layout of the whole screen, even when the content is the one already
shown. The scheduling form shows again a dozen lines on every keystroke (the chosen candidate,
the agent, the start in words, each field's problems, the status line), nearly always the
same ones: that was one of the two layout passes of every keystroke in the form, a quarter of
its CPU.
"""

from __future__ import annotations

from collections.abc import Hashable

from rich.text import Text
from textual.visual import VisualType
from textual.widgets import Static


def _shown_as(content: object) -> Hashable | None:
    """Everything that decides how `content` is drawn, for a str or a Rich Text (Text's own
    equality leaves its style and justification out); None for anything else."""
    if isinstance(content, str):
        return content
    if isinstance(content, Text):
        return ("text", content.plain, tuple(content.spans), str(content.style),
                content.justify, content.overflow, content.no_wrap, content.end,
                content.tab_size)
    return None


def show(static: Static, content: VisualType, *, layout: bool = True) -> None:
    """`static.update(content, layout=layout)`, unless `static` shows exactly that already."""
    now = _shown_as(static.content)
    if now is not None and now == _shown_as(content):
        return
    static.update(content, layout=layout)
