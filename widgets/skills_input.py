"""Typing a job's skills as chips, and counting them against the limit of the API.

The limit and its wording of the rule live in the domain; the owner passes the limit in, so this
package knows nothing of the app. This input only collects the list (trimmed, without
case-insensitive duplicates) and the counter only shows where the recruiter stands, so they see
"11 of 10 skills" before the form refuses to send.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual.app import ComposeResult
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Input, Static

from widgets.chips import FilterChips, SkillChips
from widgets.text import plain_line

SEPARATOR = ","


class SkillEntry(Input):
    """The text box of a SkillsInput: a comma ends a skill, and backspace on an empty box takes
    back the last skill.

    The comma is handled here, as the character goes in, not later by the owner on
    `Input.Changed`: by the time such a message arrives, a fast typist (or a paste without
    bracketed paste, which arrives as keys) has typed more, and setting the box from the
    message's old value scrambled the next skills ("Kubernetes,Linux" became "LinKubux")."""

    class EmptyBackspace(Message):
        """Backspace was pressed with nothing typed."""

    class SkillsTyped(Message):
        """Skills ended by a comma (in the order typed)."""

        def __init__(self, skills: list[str]) -> None:
            super().__init__()
            self.skills = skills

    def insert_text_at_cursor(self, text: str) -> None:
        super().insert_text_at_cursor(text)
        self._take_finished_skills()

    def replace(self, text: str, start: int, end: int) -> None:
        super().replace(text, start, end)
        self._take_finished_skills()

    def _take_finished_skills(self) -> None:
        if SEPARATOR not in self.value:
            return
        *done, rest = self.value.split(SEPARATOR)
        self.value = rest.lstrip()
        self.cursor_position = len(self.value)
        self.post_message(self.SkillsTyped(done))

    def action_delete_left(self) -> None:
        if not self.value:
            self.post_message(self.EmptyBackspace())
            return
        super().action_delete_left()


class SkillsInput(Widget):
    """Skills as chips plus a box to type the next one; comma or Enter adds it."""

    DEFAULT_CSS = """
    SkillsInput {
        height: auto;
    }
    SkillsInput > FilterChips {
        padding: 0 1;
    }
    """

    skills: reactive[tuple[str, ...]] = reactive((), init=False)

    class SkillsChanged(Message):
        """The list of skills changed; `skills` is the whole list now."""

        def __init__(self, skills_input: SkillsInput, skills: tuple[str, ...]) -> None:
            super().__init__()
            self.skills_input = skills_input
            self.skills = skills

        @property
        def control(self) -> SkillsInput:
            return self.skills_input

    def __init__(
        self,
        skills: Iterable[str] = (),
        *,
        placeholder: str = "Type a skill, then comma or Enter",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.placeholder = placeholder
        self.set_reactive(SkillsInput.skills, _distinct((), skills))

    def compose(self) -> ComposeResult:
        yield SkillChips(((skill, skill) for skill in self.skills), empty_message="no skills yet")
        yield SkillEntry(placeholder=self.placeholder)

    def add_skills(self, texts: Iterable[str]) -> None:
        """Add skills as typed; blanks and repeats (ignoring case) are dropped."""
        self.skills = _distinct(self.skills, texts)

    def remove_skill(self, skill: str) -> None:
        self.skills = tuple(existing for existing in self.skills if existing != skill)

    def watch_skills(self, skills: tuple[str, ...]) -> None:
        for chips in self.query(FilterChips):  # none yet when skills are added before mounting
            chips.set_chips((skill, skill) for skill in skills)
        self.post_message(self.SkillsChanged(self, skills))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()

    def on_skill_entry_skills_typed(self, event: SkillEntry.SkillsTyped) -> None:
        event.stop()
        self.add_skills(event.skills)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.add_skills([event.value])
            event.input.value = ""

    def on_input_blurred(self, event: Input.Blurred) -> None:
        """Leaving the box keeps what was typed in it: a skill needs no comma to count."""
        event.stop()
        self.take_typed()

    def take_typed(self) -> None:
        """The text still in the box, added as a skill (before a review reads the list)."""
        for entry in self.query(SkillEntry):
            if entry.value.strip():
                self.add_skills([entry.value])
                entry.value = ""

    def on_skill_entry_empty_backspace(self, event: SkillEntry.EmptyBackspace) -> None:
        event.stop()
        if self.skills:
            self.skills = self.skills[:-1]

    def on_filter_chips_chip_removed(self, event: FilterChips.ChipRemoved) -> None:
        event.stop()
        self.remove_skill(str(event.key))


def _distinct(existing: Sequence[str], texts: Iterable[str]) -> tuple[str, ...]:
    seen = {skill.casefold() for skill in existing}
    result = list(existing)
    for text in texts:
        skill = plain_line(text).strip()
        if skill and skill.casefold() not in seen:
            seen.add(skill.casefold())
            result.append(skill)
    return tuple(result)


class SkillCounter(Static):
    """Shows "n of <maximum> skills" over one or more SkillsInputs (required and nice-to-have)."""

    DEFAULT_CSS = """
    SkillCounter {
        width: auto;
        color: $text-muted;
    }
    SkillCounter.-over {
        color: $error;
        text-style: bold;
    }
    """

    def __init__(
        self,
        inputs: Sequence[SkillsInput],
        *,
        maximum: int,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes, markup=False)
        self.inputs = tuple(inputs)
        self.maximum = maximum

    @property
    def total(self) -> int:
        return sum(len(skills_input.skills) for skills_input in self.inputs)

    def on_mount(self) -> None:
        for skills_input in self.inputs:
            self.watch(skills_input, "skills", self._recount, init=False)
        self._recount()

    def _recount(self) -> None:
        total = self.total
        over = total - self.maximum
        text = f"{total} of {self.maximum} skills"
        if over > 0:
            text += f": remove {over}"
        self.set_class(over > 0, "-over")
        self.update(text)
