"""An Input for fields whose every keystroke does something: a filter, a form's field."""

from __future__ import annotations

from textual import events
from textual.actions import SkipAction
from textual.geometry import Size
from textual.widgets import Input

from widgets.private_hooks import EarlyValueHookInput


class QuickInput(EarlyValueHookInput):
    """Textual's Input sets its virtual size to its text's width on every change, and a change
    of virtual size re-lays out the whole screen: for a filter that re-reads a list on each
    keystroke that was a third of the keystroke's time. While the text fits the field (nothing
    to scroll before or after), the size is set without that layout pass.

    Its own keys (End, Home, the arrows, Backspace, Enter) act in the order they were typed.
    Its ctrl+x cuts only a selection: with nothing selected the key goes on to the screen, as
    ctrl+c goes on to the App (the form's ctrl+x is "Discard draft", which asks first)."""

    def before_value_watch(self, value: str) -> None:
        room = self.scrollable_content_region.width
        if self.is_mounted and max(self.content_width, self.virtual_size.width) <= room:
            self.set_reactive(Input.virtual_size, Size(self.content_width, 1))

    async def on_key(self, event: events.Key) -> None:
        """Run this box's own binding for `event` here, in turn with the letters. Textual runs
        a widget's bindings only once the key has bubbled back up to the App, behind every key
        already queued there: typed fast (a paste, tmux send-keys, keys queued while the desk
        was busy), the letters after End reached the box first, and with the text a focus move
        had selected, replaced it instead of following it."""
        if event.is_printable:
            return  # Input's own handler types it
        active = self.screen.active_bindings.get(event.key)
        if active is None or active.node is not self or not active.enabled:
            return  # not this box's key: it goes up to the form and the App as before
        if await self.app.run_action(active.binding.action, self):
            event.stop()  # done here: not again once the key is back up
        # Skipped (ctrl+c's copy or ctrl+x's cut with nothing selected): the key goes up as
        # before, to the screen's or the App's binding.

    def action_cut(self) -> None:
        """Textual's cut, with nothing selected, cuts nothing and keeps the key: the form's
        ctrl+x never reached its "Discard draft" from a text box, where the form's focus
        mostly is."""
        if not self.selected_text:
            raise SkipAction()
        super().action_cut()
