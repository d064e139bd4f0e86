"""A transcript to read and search: who spoke, when, and what they said.

What was said comes from the server and is shown as text: it is never parsed as markup, and
control characters are dropped, so a candidate who says "[bold]" or pastes an escape sequence
cannot restyle the screen. Search works like `/` in a pager: every hit is highlighted, one hit is
current, and n/N move between hits (wrapping at the ends).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Protocol

from rich.console import Group
from rich.padding import Padding
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from widgets.text import clean, plain_line


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
_SPEAKERS = {"AGENT": "Agent", "CANDIDATE": "Candidate", "USER": "Candidate", "AI": "Agent"}


def speaker_label(speaker: str) -> str:
    """How a speaker reads: AGENT -> Agent, USER -> Candidate, others as sent, capitalised."""
    known = _SPEAKERS.get(speaker.upper())
    return known or plain_line(speaker).replace("_", " ").capitalize() or "Unknown"


def timestamp(seconds: float | None) -> str:
    """mm:ss from the start of the call (minutes keep counting past an hour); --:-- if unknown."""
    if seconds is None or seconds < 0:
        return "--:--"
    minutes, rest = divmod(int(seconds), 60)
    return f"{minutes:02d}:{rest:02d}"


class TurnView(Static):
    """One turn: a header line with time and speaker, then the words, indented."""

    DEFAULT_CSS = """
    TurnView {
        padding: 0 0 1 0;
    }
    """

    def __init__(self, index: int, speaker: str, at: float | None, text: str) -> None:
        super().__init__(markup=False, classes=f"speaker-{speaker_label(speaker).lower()}")
        self.index = index
        self.speaker = speaker
        self.at = at
        self.text = clean(text)
        self.shown = Text()

    def show(self, header: Text, body: Text) -> None:
        """Show the header flush left and the words indented under it (also when wrapped)."""
        self.shown = Text("\n").join([header, body])
        self.update(Group(header, Padding(body, (0, 0, 0, BODY_INDENT))))


# inherit_bindings=False: the scroll container's own bindings carry no ids; ours all do.
class TranscriptView(VerticalScroll, can_focus=True, inherit_bindings=False):
    """Turns of a transcript with `search`, `next_hit`/`previous_hit` and `scroll_to_turn`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "scroll_down", "Down", show=False, id="transcript.scroll_down"),
        Binding("up,k", "scroll_up", "Up", show=False, id="transcript.scroll_up"),
        Binding("pagedown,space", "page_down", "Page down", show=False,
                id="transcript.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="transcript.page_up"),
        Binding("home,g", "scroll_home", "Start", show=False, id="transcript.scroll_home"),
        Binding("end,G", "scroll_end", "End", show=False, id="transcript.scroll_end"),
        Binding("n", "next_hit", "Next hit", id="transcript.next_hit"),
        Binding("N", "previous_hit", "Previous hit", id="transcript.previous_hit"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "transcript-view--speaker",
        "transcript-view--time",
        "transcript-view--hit",
        "transcript-view--current-hit",
    }

    DEFAULT_CSS = """
    TranscriptView {
        height: 1fr;
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
    TranscriptView > #transcript-empty {
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
        self._turns: list[Turn] = list(turns)
        self._term = ""
        self._hits: list[Hit] = []
        self._current: int | None = None
        self.set_reactive(TranscriptView.empty_message, empty_message)

    def compose(self) -> ComposeResult:
        yield from self._turn_views()

    def _turn_views(self) -> list[Static]:
        if not self._turns:
            return [Static(Text(plain_line(self.empty_message)), id="transcript-empty")]
        return [
            TurnView(index, turn.speaker, turn.start_seconds, turn.text)
            for index, turn in enumerate(self._turns)
        ]

    def on_mount(self) -> None:
        self._paint()

    async def set_turns(self, turns: Sequence[Turn]) -> None:
        """Show another transcript; a search in progress is run again over it."""
        self._turns = list(turns)
        await self.remove_children()
        await self.mount_all(self._turn_views())
        self._find(self._term)
        self._paint()

    def watch_empty_message(self, message: str) -> None:
        for empty in self.query("#transcript-empty").results(Static):
            empty.update(Text(plain_line(message)))

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
        self._paint()
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
        self._current = ((self._current or 0) + step) % len(self._hits)
        self._paint()
        self._scroll_to_current()
        self.post_message(self.HitMoved(self, self._current, len(self._hits)))
        return self._hits[self._current]

    def _find(self, term: str) -> None:
        self._term = term
        self._hits = []
        needle = term.lower()
        if needle:
            for view in self.query(TurnView):
                # lower() rather than casefold(): it keeps lengths (ß stays ß), so the spans
                # found line up with the text shown.
                haystack = view.text.lower()
                start = haystack.find(needle)
                while start != -1:
                    self._hits.append(Hit(view.index, start, start + len(needle)))
                    start = haystack.find(needle, start + len(needle))
        self._current = 0 if self._hits else None

    # ---------------------------------------------------------------- painting and scrolling

    def _paint(self) -> None:
        """Render every turn with its hits; only text objects, never markup strings."""
        speaker_style = self.get_component_rich_style("transcript-view--speaker")
        time_style = self.get_component_rich_style("transcript-view--time")
        hit_style = self.get_component_rich_style("transcript-view--hit")
        current_style = self.get_component_rich_style("transcript-view--current-hit")
        current = self._hits[self._current] if self._current is not None else None
        by_turn: dict[int, list[Hit]] = {}
        for hit in self._hits:
            by_turn.setdefault(hit.turn, []).append(hit)
        for view in self.query(TurnView):
            body = Text(view.text)
            for hit in by_turn.get(view.index, ()):
                body.stylize(current_style if hit == current else hit_style, hit.start, hit.end)
            header = Text.assemble(
                (timestamp(view.at), time_style),
                "  ",
                (speaker_label(view.speaker), speaker_style),
            )
            view.show(header, body)

    def _scroll_to_current(self) -> None:
        if self._current is not None:
            hit = self._hits[self._current]
            self._bring_into_view(hit.turn, hit.start)

    def scroll_to_turn(self, index: int) -> None:
        """Bring turn `index` to the top of the view (e.g. from a global search result)."""
        self._bring_into_view(index, None)

    def _bring_into_view(self, index: int, offset: int | None) -> None:
        views = list(self.query(TurnView))
        if not 0 <= index < len(views):
            return
        view = views[index]
        if offset is None or not view.region.width:
            self.scroll_to_widget(view, animate=False, top=True, immediate=True)
            return
        # Bring the line holding the hit into view, not just the turn's first line.
        line = _line_of(view, offset)
        region = view.virtual_region_with_margin
        target = Region(region.x, region.y + line, region.width, 1)
        self.scroll_to_region(target, animate=False, center=True, immediate=True)


def _line_of(view: TurnView, offset: int) -> int:
    """Which rendered line of `view` holds character `offset` of its text (header is line 0)."""
    width = max(1, view.content_region.width - BODY_INDENT)
    lines = 1
    consumed = 0
    for paragraph in view.text.split("\n"):
        if offset <= consumed + len(paragraph):
            return lines + (offset - consumed) // width
        lines += max(1, -(-len(paragraph) // width))
        consumed += len(paragraph) + 1
    return lines
