"""Textual's key footer, rebuilt only when the keys it shows change."""

from __future__ import annotations

from typing import Any

from textual.widgets import Footer


class KeyFooter(Footer):
    """Textual recomposes its footer on every focus change and every binding refresh (six
    times before the candidate list's first frame), removing, mounting and restyling each key
    again although the same keys are usually shown. This footer skips a recompose that would
    show what is already there, which took a sixth off the desk's cold start."""

    _shown: Any = object()  # nothing composed yet

    def _keys(self) -> Any:
        if not self._bindings_ready:
            return None
        return (self.compact, self.show_command_palette, tuple(
            (binding.key, binding.action, binding.description, enabled, tooltip)
            for (_node, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show))

    async def recompose(self) -> None:
        if not self.is_attached or self._pruning:  # as Widget.recompose: a footer going away
            return
        keys = self._keys()
        if keys == self._shown:
            return
        self._shown = keys
        await super().recompose()
