"""An Input for fields whose every keystroke does something: a filter, a form's field."""

from __future__ import annotations

from textual.geometry import Size
from textual.widgets import Input

from widgets.private_hooks import EarlyValueHookInput


class QuickInput(EarlyValueHookInput):
    """Textual's Input sets its virtual size to its text's width on every change, and a change
    of virtual size re-lays out the whole screen: for a filter that re-reads a list on each
    keystroke that was a third of the keystroke's time. While the text fits the field (nothing
    to scroll before or after), the size is set without that layout pass."""

    def before_value_watch(self, value: str) -> None:
        room = self.scrollable_content_region.width
        if self.is_mounted and max(self.content_width, self.virtual_size.width) <= room:
            self.set_reactive(Input.virtual_size, Size(self.content_width, 1))
