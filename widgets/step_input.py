"""A text box whose value the arrow keys step: a keyboard picker for days and times.

The box knows nothing of what it holds: up and down post `Stepped` with +1 or -1, and the
owner decides what the next value is (tomorrow, a quarter of an hour later) and sets it. Typing
works as in any text box.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message

from widgets.quick_input import QuickInput


class StepInput(QuickInput):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "step(1)", "Later", show=False, id="step.later"),
        Binding("down", "step(-1)", "Earlier", show=False, id="step.earlier"),
    ]

    class Stepped(Message):
        """Up (+1) or down (-1) was pressed in `step_input`."""

        def __init__(self, step_input: StepInput, steps: int) -> None:
            super().__init__()
            self.step_input = step_input
            self.steps = steps

        @property
        def control(self) -> StepInput:
            return self.step_input

    def action_step(self, steps: int) -> None:
        self.post_message(self.Stepped(self, steps))

    def show(self, value: str) -> None:
        """Set the value the owner stepped to, with the cursor at its end."""
        self.value = value
        self.cursor_position = len(value)
