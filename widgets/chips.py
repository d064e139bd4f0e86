"""Removable chips: the filters in force, or the skills typed so far.

One line of chips in a single focusable widget rather than a widget per chip: left/right pick a
chip, backspace or delete removes it (the last one when none is picked), and the owner hears
`ChipRemoved(key)` and drops that filter.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import ClassVar, NamedTuple

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from widgets.text import plain_line

REMOVE_SIGN = "✕"


class Chip(NamedTuple):
    """One chip (a named tuple: a frozen dataclass's generated methods cost the cold start
    about 5 M instructions, and the candidate list holds a row of chips)."""

    key: Hashable
    label: str


class FilterChips(Widget, can_focus=True):
    """Chips in a row; `selected` is the chip that backspace/delete removes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "select(-1)", "Previous chip", show=False, id="chips.previous"),
        Binding("right", "select(1)", "Next chip", show=False, id="chips.next"),
        Binding("backspace,delete", "remove_chip", "Remove filter", id="chips.remove"),
    ]
    HELP_GROUP = "In the filters"

    COMPONENT_CLASSES: ClassVar[set[str]] = {"filter-chips--chip", "filter-chips--selected"}

    DEFAULT_CSS = """
    FilterChips {
        height: auto;
        width: 1fr;
    }
    FilterChips > .filter-chips--chip {
        background: $boost;
    }
    FilterChips:focus > .filter-chips--selected {
        text-style: reverse bold;
    }
    """

    selected: reactive[int | None] = reactive(None)

    class ChipRemoved(Message):
        """A chip was removed by the recruiter (not by `set_chips`)."""

        def __init__(self, chips: FilterChips, key: Hashable) -> None:
            super().__init__()
            self.chips = chips
            self.key = key

        @property
        def control(self) -> FilterChips:
            return self.chips

    def __init__(
        self,
        chips: Iterable[tuple[Hashable, str]] = (),
        *,
        empty_message: str = "",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._chips: list[Chip] = [Chip(key, label) for key, label in chips]
        self.empty_message = empty_message

    @property
    def chips(self) -> tuple[Chip, ...]:
        return tuple(self._chips)

    @property
    def keys(self) -> list[Hashable]:
        return [chip.key for chip in self._chips]

    def allow_focus(self) -> bool:
        """An empty row has no chip to pick or remove: Tab passes it by. Focused, it took
        every letter typed after the Tab and dropped it (a job's skills typed after its
        description vanished), where the next field, the skills' text box, takes them."""
        return bool(self._chips) and super().allow_focus()

    def set_chips(self, chips: Iterable[tuple[Hashable, str]]) -> None:
        """Show exactly these chips (the owner's filters changed); posts no message."""
        self._chips = [Chip(key, label) for key, label in chips]
        self.selected = None
        self.refresh(layout=True)

    def remove_chip(self, key: Hashable) -> bool:
        """Remove the chip with `key` and post `ChipRemoved`; says whether there was one."""
        for index, chip in enumerate(self._chips):
            if chip.key == key:
                del self._chips[index]
                if self.selected is not None:
                    last = len(self._chips) - 1
                    self.selected = min(self.selected, last) if self._chips else None
                self.refresh(layout=True)
                self.post_message(self.ChipRemoved(self, key))
                return True
        return False

    def action_select(self, step: int) -> None:
        if not self._chips:
            return
        start = len(self._chips) if self.selected is None else self.selected
        self.selected = max(0, min(start + step, len(self._chips) - 1))

    def action_remove_chip(self) -> None:
        """Remove the picked chip, or the last one when none is picked."""
        if not self._chips:
            return
        index = len(self._chips) - 1 if self.selected is None else self.selected
        self.remove_chip(self._chips[index].key)

    def watch_selected(self) -> None:
        self.refresh()

    def render(self) -> Text:
        if not self._chips:
            return Text(plain_line(self.empty_message), style="dim")
        chip_style = self.get_component_rich_style("filter-chips--chip")
        selected_style = self.get_component_rich_style("filter-chips--selected")
        text = Text()
        for index, chip in enumerate(self._chips):
            style = chip_style + selected_style if index == self.selected else chip_style
            if index:
                text.append(" ")
            text.append(f" {plain_line(chip.label)} {REMOVE_SIGN} ", style=style)
        return text


class SkillChips(FilterChips, inherit_bindings=False):
    """The skills typed so far: the same chips, but removing one removes a skill (the form's
    footer said "Remove filter")."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "select(-1)", "Previous skill", show=False, id="skills.previous"),
        Binding("right", "select(1)", "Next skill", show=False, id="skills.next"),
        Binding("backspace,delete", "remove_chip", "Remove skill", id="skills.remove"),
    ]
    HELP_GROUP = "In the skills"
