"""Toasts stay off the row the recruiter is on.

Textual stacks toasts in the bottom-right corner, over whatever is drawn there: at 80x24, with
the cursor on one of the last rows of a list, a toast hid the very row being read. When the
stack at the bottom would cover the focused list's cursor row, it moves to the top of the screen
(below the status bar), and back down once the cursor has left the top.

A focused widget tells where its cursor row is through a `cursor_region` property (the screen
region of that row, or None when none is shown): the candidate lists, the job ranking and the
monitor have one.
"""

from __future__ import annotations

from textual.css.query import NoMatches
from textual.geometry import Region
from textual.screen import Screen
from textual.widget import Widget

TOASTS_AT_TOP = "-toasts-at-top"  # the screen class that styles.tcss docks the toasts by
RACK_ID = "textual-toastrack"  # the id Textual gives each screen's toast container
STATUS_BAR_HEIGHT = 1  # what the stack keeps clear above it when at the top
FOOTER_HEIGHT = 1  # and below it, at the bottom


def cursor_region(focused: Widget | None) -> Region | None:
    """The screen region of the focused widget's cursor row, if it has one on screen."""
    region = getattr(focused, "cursor_region", None)
    return region if isinstance(region, Region) and region else None


def toasts_at_top(screen_height: int, stack_height: int, cursor: Region | None) -> bool:
    """Whether the stack goes to the top: only when at the bottom it would cover the cursor
    row and at the top it would not (a stack taller than both halves stays where it is)."""
    if cursor is None or stack_height <= 0:
        return False
    bottom = Region(cursor.x, screen_height - FOOTER_HEIGHT - stack_height, cursor.width,
                    stack_height)
    top = Region(cursor.x, STATUS_BAR_HEIGHT, cursor.width, stack_height)
    return bottom.overlaps(cursor) and not top.overlaps(cursor)


def keep_toasts_off_the_cursor(screen: Screen, focused: Widget | None) -> None:
    """Put the screen's toasts where they leave the focused row readable."""
    try:
        rack = screen.get_widget_by_id(RACK_ID)
    except NoMatches:
        return
    # Textual lays out the toasts, not their holders (which it leaves unmapped).
    shown = [toast.region for holder in rack.children for toast in holder.children
             if toast.region] if rack.display else []
    stack_height = max(r.bottom for r in shown) - min(r.y for r in shown) if shown else 0
    screen.set_class(toasts_at_top(screen.size.height, stack_height, cursor_region(focused)),
                     TOASTS_AT_TOP)
