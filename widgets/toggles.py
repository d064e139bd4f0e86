"""A radio button and a check box whose state shows without colour.

Textual draws both states of its radio button as `●` and of its check box as `X`, told apart
only by colour: on a 16-colour or NO_COLOR terminal every option looks chosen. These draw the
mark only when on.
"""

from __future__ import annotations

from textual.widgets import Checkbox, RadioButton


class MarkedRadioButton(RadioButton):
    """A radio button showing `●` when chosen and nothing when not."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # a class constant in Textual
        return "●" if self.value else " "


class MarkedCheckbox(Checkbox):
    """A check box showing `✔` when ticked and nothing when not."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # a class constant in Textual
        return "✔" if self.value else " "
