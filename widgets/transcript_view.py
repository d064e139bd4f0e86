"""A transcript to read and search: who spoke, when, and what they said.

What was said comes from the server and is shown as text: it is never parsed as markup, and
control characters are dropped, so a candidate who says "[bold]" or pastes an escape sequence
cannot restyle the screen. Search works like `/` in a pager: every hit is highlighted, one hit is
current, and n/N move between hits (wrapping at the ends).

Only the lines on screen are drawn (Textual's line API): a widget per turn took 12 s to show a
5,000-turn transcript and 5 s to search it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Protocol

from rich.segment import Segment
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip

from widgets.numbers import timestamp
from widgets.private_hooks import wrapped_line_count
from widgets.text import clean, plain_line, speaker_label


class Turn(Protocol):
    """What the view needs of a transcript turn (app.domain.models.TranscriptTurn fits)."""

    speaker: str
    text: str
    start_seconds: float | None


@dataclass(frozen=True)
class Hit:
    """Where a search term was found: which turn, and the span inside its text."""

    turn: int
    start: int
    end: int


BODY_INDENT = 2


TURN_CACHE_SIZE = 200  # turns kept wrapped and styled


@dataclass(frozen=True)
class _Turn:
    index: int
    speaker: str
    at: float | None
    text: str  # cleaned: never markup, no control characters


# inherit_bindings=False: the scroll view's own bindings carry no ids; ours all do.
class TranscriptView(ScrollView, can_focus=True, inherit_bindings=False):
    """Turns of a transcript with `search`, `next_hit`/`previous_hit` and `scroll_to_turn`.

    Each turn is a header line (time and speaker), the words wrapped and indented under it,
    and a blank line."""

    HELP_GROUP = "In the transcript"  # where `?` lists these keys

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "scroll_down", "Down", show=False, id="transcript.scroll_down"),
        Binding("up,k", "scroll_up", "Up", show=False, id="transcript.scroll_up"),
        Binding("pagedown,space", "page_down", "Page down", show=False,
                id="transcript.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="transcript.page_up"),
        Binding("home,g", "scroll_home", "Start", show=False, id="transcript.scroll_home"),
        Binding("end,G", "scroll_end", "End", show=False, id="transcript.scroll_end"),
        # Shown beside the hits ("hit 1 of 4 · n/N") rather than in the footer.
        Binding("n", "next_hit", "Next hit", show=False, id="transcript.next_hit"),
        Binding("N", "previous_hit", "Previous hit", show=False, id="transcript.previous_hit"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "transcript-view--speaker",
        "transcript-view--time",
        "transcript-view--hit",
        "transcript-view--current-hit",
        "transcript-view--empty",
    }

    DEFAULT_CSS = """
    TranscriptView {
        height: 1fr;
        scrollbar-gutter: stable;  /* the width to wrap at stays put when a scrollbar appears */
    }
    TranscriptView > .transcript-view--speaker {
        text-style: bold;
    }
    TranscriptView > .transcript-view--time {
        color: $text-muted;
    }
    TranscriptView > .transcript-view--hit {
        text-style: underline;
        background: $warning 30%;
    }
    TranscriptView > .transcript-view--current-hit {
        text-style: bold reverse;
    }
    TranscriptView > .transcript-view--empty {
        color: $text-muted;
        text-style: italic;
    }
    """

    empty_message: reactive[str] = reactive("No transcript.", init=False)

    class HitMoved(Message):
        """A search ran or n/N moved: `current` hit (from 0, None if no hits) of `count`."""

        def __init__(self, view: TranscriptView, current: int | None, count: int) -> None:
            super().__init__()
            self.view = view
            self.current = current
            self.count = count

        @property
        def control(self) -> TranscriptView:
            return self.view

    def __init__(
        self,
        turns: Sequence[Turn] = (),
        *,
        empty_message: str = "No transcript.",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._turns: list[_Turn] = []
        self._term = ""
        self._hits: list[Hit] = []
        self._current: int | None = None
        self._starts: list[int] = []  # the first line of each turn at `_laid_out_for` width
        self._laid_out_for = -1
        self._wrapped: dict[int, list[Text]] = {}
        self._pending_view: tuple[int, int | None] | None = None
        self.set_reactive(TranscriptView.empty_message, empty_message)
        self.set_turns(turns)

    def set_turns(self, turns: Sequence[Turn]) -> None:
        """Show another transcript; a search in progress is run again over it."""
        self._turns = [_Turn(index, turn.speaker, turn.start_seconds, clean(turn.text))
                       for index, turn in enumerate(turns)]
        self._laid_out_for = -1
        self._find(self._term)
        if self.is_mounted:
            self._lay_out()
        self._repaint()

    def watch_empty_message(self, _message: str) -> None:
        self.refresh()

    @property
    def turn_count(self) -> int:
        return len(self._turns)

    # ---------------------------------------------------------------- search

    @property
    def hit_count(self) -> int:
        return len(self._hits)

    @property
    def current_hit(self) -> int | None:
        """Which hit is current, counted from 0; None when there are no hits."""
        return self._current

    @property
    def hits(self) -> tuple[Hit, ...]:
        return tuple(self._hits)

    @property
    def search_term(self) -> str:
        return self._term

    def search(self, term: str, *, from_turn: int | None = None) -> int:
        """Highlight every case-insensitive match of `term` and make one current.

        The current hit is the first one, or with `from_turn` the first at or after that turn
        (a global search result jumps there; without a hit the turn itself is shown).
        Returns how many hits there are; an empty term clears the search.
        """
        self._find(term)
        if from_turn is not None and self._hits:
            self._current = next(
                (number for number, hit in enumerate(self._hits) if hit.turn >= from_turn), 0
            )
        self._repaint()
        if from_turn is not None and not self._hits:
            self.scroll_to_turn(from_turn)
        else:
            self._scroll_to_current()
        self.post_message(self.HitMoved(self, self._current, len(self._hits)))
        return len(self._hits)

    def clear_search(self) -> None:
        self.search("")

    def next_hit(self) -> Hit | None:
        """Make the next hit current (after the last comes the first) and scroll to it."""
        return self._step(1)

    def previous_hit(self) -> Hit | None:
        """Make the previous hit current (before the first comes the last) and scroll to it."""
        return self._step(-1)

    def action_next_hit(self) -> None:
        self.next_hit()

    def action_previous_hit(self) -> None:
        self.previous_hit()

    def _step(self, step: int) -> Hit | None:
        if not self._hits:
            return None
        before = self._hits[self._current or 0].turn
        self._current = ((self._current or 0) + step) % len(self._hits)
        self._repaint(before, self._hits[self._current].turn)
        self._scroll_to_current()
        self.post_message(self.HitMoved(self, self._current, len(self._hits)))
        return self._hits[self._current]

    def _find(self, term: str) -> None:
        self._term = term
        self._hits = []
        needle = term.lower()
        if needle:
            for turn in self._turns:
                # lower() rather than casefold(): it keeps lengths (ß stays ß), so the spans
                # found line up with the text shown.
                haystack = turn.text.lower()
                start = haystack.find(needle)
                while start != -1:
                    self._hits.append(Hit(turn.index, start, start + len(needle)))
                    start = haystack.find(needle, start + len(needle))
        self._current = 0 if self._hits else None

    # ---------------------------------------------------------------- layout and drawing

    def _repaint(self, *turns: int) -> None:
        """Draw `turns` again (all when none are named) with the current highlights."""
        if turns:
            for index in turns:
                self._wrapped.pop(index, None)
        else:
            self._wrapped.clear()
        self.refresh()

    def _body_width(self) -> int:
        return max(1, self.scrollable_content_region.width - BODY_INDENT)

    def _lay_out(self) -> None:
        """Where each turn starts at the current width; wrapping is what takes time, so it is
        done again only when the width changes."""
        width = self.scrollable_content_region.width
        if width == self._laid_out_for or width <= 0:
            return
        self._laid_out_for = width
        self._wrapped.clear()
        body_width = self._body_width()
        line = 0
        self._starts = []
        for turn in self._turns:
            self._starts.append(line)
            line += 2 + wrapped_line_count(turn.text, body_width)
        self.virtual_size = Size(width, line if self._turns else 1)
        if self._pending_view is not None:
            pending, self._pending_view = self._pending_view, None
            self.call_after_refresh(self._bring_into_view, *pending)

    def on_resize(self) -> None:
        self._lay_out()

    def line_of_turn(self, index: int) -> int:
        """The line of the view where turn `index` starts (its header)."""
        self._lay_out()
        return self._starts[index]

    def turn_lines(self, index: int) -> list[Text]:
        """Turn `index` as drawn: header, the words wrapped and indented with their search
        highlights, and a blank line."""
        lines = self._wrapped.get(index)
        if lines is None:
            if len(self._wrapped) > TURN_CACHE_SIZE:
                self._wrapped.clear()
            turn = self._turns[index]
            header = Text.assemble(
                (timestamp(turn.at), self.get_component_rich_style("transcript-view--time")),
                "  ",
                (speaker_label(turn.speaker),
                 self.get_component_rich_style("transcript-view--speaker")),
            )
            body = Text(turn.text)
            hit_style = self.get_component_rich_style("transcript-view--hit")
            current_style = self.get_component_rich_style("transcript-view--current-hit")
            current = self._hits[self._current] if self._current is not None else None
            for hit in self._hits:
                if hit.turn == index:
                    body.stylize(current_style if hit == current else hit_style,
                                 hit.start, hit.end)
            indent = " " * BODY_INDENT
            lines = [header, *(Text(indent) + line for line in
                               body.wrap(self.app.console, self._body_width())), Text()]
            self._wrapped[index] = lines
        return lines

    def render_line(self, y: int) -> Strip:
        self._lay_out()
        width = self.scrollable_content_region.width
        base = self.rich_style
        line = round(self.scroll_y) + y
        if not self._turns:
            # Wrapped: at 80 columns the pane is narrower than the sentence that says why.
            said = Text(plain_line(self.empty_message)).wrap(self.app.console, max(1, width))
            if line >= len(said):
                return Strip.blank(width, base)
            style = base + self.get_component_rich_style("transcript-view--empty")
            return Strip([Segment(said[line].plain, style)]).crop_extend(0, width, base)
        turn = bisect_right(self._starts, line) - 1
        lines = self.turn_lines(turn) if turn >= 0 else []
        offset = line - self._starts[turn] if turn >= 0 else -1
        if not 0 <= offset < len(lines):
            return Strip.blank(width, base)
        text = lines[offset]
        selection = self.text_selection
        span = selection.get_span(line) if selection is not None else None
        if span is not None:
            start, end = span
            text = text.copy()
            text.stylize(self.screen.get_component_rich_style("screen--selection"), start,
                         len(text) if end == -1 else end)
        segments = list(text.render(self.app.console))
        # The offsets tell Textual which line and column the mouse is over, for selecting.
        return Strip(segments).apply_style(base).crop_extend(0, width, base).apply_offsets(0, line)

    # ---------------------------------------------------------------- selecting and copying

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The selected words as drawn (a mouse drag over the view), which ctrl+c copies."""
        if not self._turns:
            return None
        self._lay_out()
        drawn = [line.plain.rstrip() for index in range(len(self._turns))
                 for line in self.turn_lines(index)]
        return selection.extract("\n".join(drawn)), "\n"

    # ---------------------------------------------------------------- scrolling

    def _scroll_to_current(self) -> None:
        if self._current is not None:
            hit = self._hits[self._current]
            self._bring_into_view(hit.turn, hit.start)

    def scroll_to_turn(self, index: int) -> None:
        """Bring turn `index` to the top of the view (e.g. from a global search result)."""
        self._bring_into_view(index, None)

    def _bring_into_view(self, index: int, offset: int | None) -> None:
        if not 0 <= index < len(self._turns):
            return
        self._lay_out()
        if self._laid_out_for <= 0:  # no width yet (just mounted): once there is one
            self._pending_view = (index, offset)
            return
        top = self._starts[index]
        if offset is None:
            self.scroll_to(y=top, animate=False, immediate=True)
            return
        # Centre the line holding the hit, not just the turn's first line.
        consumed, line = 0, 1
        for wrapped in self.turn_lines(index)[1:-1]:
            consumed += len(wrapped.plain) - BODY_INDENT
            if offset < consumed:
                break
            line += 1
        self.scroll_to(y=max(0, top + line - self.scrollable_content_region.height // 2),
                       animate=False, immediate=True)
