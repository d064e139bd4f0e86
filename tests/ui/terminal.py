"""What a screen sends to the terminal, read without drawing a picture of it.

When the desk repaints, Textual writes a full update of the screen's compositor: for each row,
a cursor move, then each segment's text wrapped in the escape codes of its style, and a
hyperlink's target (OSC 8) around any segment whose style carries a link. The cursor moves and
style codes are Textual's own; the text and the link targets are the only characters a server
could choose. `drawn` returns exactly those, row by row.

An SVG screenshot (`App.export_screenshot`) renders the same update and then lays it out as a
picture, which costs several times more and leaves the link targets out.
"""

from __future__ import annotations

from textual._compositor import LayoutUpdate
from textual.app import App


def drawn(app: App[object]) -> str:
    """The characters a full repaint of the current screen would write, other than Textual's
    own cursor moves and style codes: each row's segment texts, then the row's link targets
    (one per line, so a row's text stays whole for searching)."""
    update = app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens)
    assert isinstance(update, LayoutUpdate), "a full update of the screen"
    rows = []
    for line in update.strips:
        segments = [segment for strip in line for segment in strip if segment.control is None]
        rows.append("".join(segment.text for segment in segments))
        rows.extend(segment.style.link for segment in segments
                    if segment.style is not None and segment.style.link)
    return "\n".join(rows)
