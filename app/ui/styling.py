"""Screens restyled when they come to the front only if their styles may have gone stale.

Textual restyles a screen and every widget on it each time the screen comes to the front
(`ScreenResume`), in case the stylesheet or the App's own classes changed while it was away.
That pass was a twentieth of the whole test suite's CPU and the largest single part of opening
the scheduling form: a section opened for the first time is brought to the front twice
(Textual's `_init_mode` and `switch_mode` each say so), and every switch between sections
restyled the whole section again, though nothing about its styles had changed.

A widget's styles follow from the stylesheet's rules and from the classes and pseudo-classes
of the widget and its ancestors. Textual restyles a widget itself whenever its own classes or
pseudo-classes change, shown or not; what a screen away from the front misses is a change of
the rules (another section's stylesheet read, the theme changed) or of the App's classes (the
theme, the terminal's focus), which Textual applies to the screens in front only. So the App
counts those changes (`styling_state`), each screen remembers the count it was last styled
under, and a screen that comes back under the same count tells Textual to skip the pass. Any
change in between, or an App that does not count, and Textual restyles as before.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from textual import events, on
from textual.app import App
from textual.dom import DOMNode
from textual.screen import Screen
from textual.types import NoActiveAppError

from widgets.private_hooks import ParsedOnceStylesheet


class CountsRestyles(App[None]):
    """An App that counts what can leave a screen away from the front styled by old rules."""

    _app_restyles = 0

    def styling_state(self) -> Hashable | None:
        """Changes only when every screen's styles may need to be worked out again: the rules
        were parsed again, or the App's own classes or pseudo-classes changed. None when the
        stylesheet does not count its parses."""
        stylesheet = self.stylesheet
        if not isinstance(stylesheet, ParsedOnceStylesheet):
            return None
        return (stylesheet.generation, self._app_restyles, frozenset(self.classes),
                frozenset(self.get_pseudo_classes()))

    def update_styles(self, node: DOMNode, animate: bool = True) -> None:
        if node is self:  # the App's classes changed (the theme's among them)
            self._app_restyles += 1
        super().update_styles(node, animate=animate)

    def watch_app_focus(self) -> None:
        """The terminal's focus came or went (the App's :focus and :blur)."""
        self._app_restyles += 1


class RestyledWhenStale(Screen[None]):
    """A screen that skips Textual's restyle when it comes back to the front, if nothing that
    decides its styles changed since its widgets were last styled (see the module's docstring).

    Its widgets are styled as they mount, under the state of the moment the screen was made
    (a screen is made, then mounted, then its stylesheet read, all in one step), so that is the
    state it starts with; reading its own stylesheet changes the state, and its first resume
    restyles it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._styled_under = self._styling_state()

    def _styling_state(self) -> Hashable | None:
        try:
            app = self.app
        except NoActiveAppError:
            return None
        return app.styling_state() if isinstance(app, CountsRestyles) else None

    @on(events.ScreenResume)
    def _restyle_only_when_stale(self, event: events.ScreenResume) -> None:
        """Runs before Textual's own handler of the same event (a subclass's handlers come
        first), which restyles when `refresh_styles` says so."""
        if not event.refresh_styles or not self.is_attached:
            return  # no restyle now: the widgets keep what they were styled under
        state = self._styling_state()
        if state is not None and state == self._styled_under:
            event.refresh_styles = False
        self._styled_under = state
