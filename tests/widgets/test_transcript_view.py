"""The transcript shows server text literally and searches it like a pager."""

from __future__ import annotations

from textual.app import App, ComposeResult

from app.domain.models import TranscriptTurn
from widgets.numbers import timestamp
from widgets.text import speaker_label
from widgets.transcript_view import BODY_INDENT, TranscriptView


def turns(*texts: str) -> list[TranscriptTurn]:
    speakers = ("AGENT", "CANDIDATE")
    return [
        TranscriptTurn(speaker=speakers[index % 2], text=text, start_seconds=index * 37.5)
        for index, text in enumerate(texts)
    ]


class TranscriptApp(App[None]):
    def __init__(self, transcript: list[TranscriptTurn]) -> None:
        super().__init__()
        self.transcript = transcript

        self.hit_moves: list[TranscriptView.HitMoved] = []

    def compose(self) -> ComposeResult:
        yield TranscriptView(self.transcript)

    def on_transcript_view_hit_moved(self, message: TranscriptView.HitMoved) -> None:
        self.hit_moves.append(message)


def shown(app: App[None]) -> list[str]:
    """Each turn as drawn: its header line, then its words (unwrapped again)."""
    view = app.query_one(TranscriptView)
    return ["\n".join(line.plain.strip() for line in view.turn_lines(index) if line.plain)
            for index in range(view.turn_count)]


async def test_markup_and_control_characters_from_the_server_are_shown_as_text() -> None:
    app = TranscriptApp(
        turns("Say [bold]x[/bold] please", "See [link=https://evil.example]here[/link]\x1b[2J!")
    )
    async with app.run_test(size=(80, 20)):
        first, second = shown(app)
        assert "[bold]x[/bold]" in first
        # The whole escape sequence goes, not only its ESC (which would leave "[2J" behind).
        assert "[link=https://evil.example]here[/link]!" in second
        assert "\x1b" not in second
        lines = app.query_one(TranscriptView).turn_lines(1)
        assert all("link" not in str(span.style) for line in lines for span in line.spans)


async def test_speaker_labels_and_timestamps_head_each_turn() -> None:
    app = TranscriptApp(turns("Hello", "Hi there", "How are you?"))
    async with app.run_test(size=(80, 20)):
        lines = [text.splitlines()[0] for text in shown(app)]
        assert lines == ["00:00  Agent", "00:37  Candidate", "01:15  Agent"]
    assert timestamp(None) == "--:--"
    assert timestamp(3725) == "62:05"
    assert speaker_label("USER") == "Candidate"
    assert speaker_label("HIRING_MANAGER") == "Hiring manager"


async def test_search_counts_every_hit_and_n_and_shift_n_wrap() -> None:
    app = TranscriptApp(turns("Python and python", "No match here", "I like PYTHON"))
    async with app.run_test(size=(80, 20)) as pilot:
        view = app.query_one(TranscriptView)
        assert view.search("python") == 3
        assert view.hit_count == 3
        assert view.current_hit == 0
        assert [(hit.turn, hit.start) for hit in view.hits] == [(0, 0), (0, 11), (2, 7)]
        assert view.next_hit() == view.hits[1]
        view.next_hit()
        assert view.current_hit == 2
        view.next_hit()
        assert view.current_hit == 0  # wrapped past the end
        view.previous_hit()
        assert view.current_hit == 2  # wrapped past the start
        await pilot.pause()
        assert view.search("absent") == 0
        assert view.current_hit is None
        assert view.next_hit() is None
        view.clear_search()
        assert view.hit_count == 0


async def test_hits_are_highlighted_and_the_current_one_differs() -> None:
    app = TranscriptApp(turns("alpha beta alpha"))
    async with app.run_test(size=(80, 20)):
        view = app.query_one(TranscriptView)
        view.search("alpha")
        body = view.turn_lines(0)[1]
        styles = {span.start - BODY_INDENT: span.style for span in body.spans}
        assert set(styles) == {0, 11}
        assert styles[0] != styles[11]


async def test_jumping_to_a_turn_or_a_hit_scrolls_it_into_view() -> None:
    texts = [f"Turn number {index} talks about the weather at some length." for index in range(60)]
    texts[45] = "The salary expectation is fifty thousand."
    app = TranscriptApp(turns(*texts))
    async with app.run_test(size=(80, 20)) as pilot:
        view = app.query_one(TranscriptView)
        assert view.scroll_y == 0
        view.search("salary")
        await pilot.pause()
        target = view.line_of_turn(45)
        assert view.scroll_y <= target < view.scroll_y + view.size.height
        assert "salary" in "".join(strip.text for strip in (
            view.render_line(y) for y in range(view.size.height)))  # drawn on screen
        view.scroll_to_turn(10)
        await pilot.pause()
        assert view.scroll_y == view.line_of_turn(10)


async def test_an_empty_transcript_says_so_and_can_be_replaced() -> None:
    app = TranscriptApp([])
    async with app.run_test(size=(80, 20)) as pilot:
        view = app.query_one(TranscriptView)
        assert "No transcript." in view.render_line(0).text
        view.set_turns(turns("Now there is one"))
        await pilot.pause()
        assert view.turn_count == 1
        assert shown(app)[0].endswith("Now there is one")


async def test_n_and_shift_n_keys_move_between_hits() -> None:
    app = TranscriptApp(turns("one fish", "two fish", "red fish"))
    async with app.run_test(size=(80, 20)) as pilot:
        view = app.query_one(TranscriptView)
        view.focus()
        view.search("fish")
        await pilot.press("n", "n")
        assert view.current_hit == 2
        await pilot.press("n")
        assert view.current_hit == 0
        await pilot.press("N")
        assert view.current_hit == 2


def test_every_binding_has_an_id() -> None:
    from widgets.chips import FilterChips
    from widgets.virtual_table import VirtualTable

    for widget in (TranscriptView, VirtualTable, FilterChips):
        bindings = widget._merge_bindings()
        assert all(binding.id for _, binding in bindings), widget


async def test_a_search_can_start_at_a_turn_and_reports_where_it_is() -> None:
    app = TranscriptApp(turns("fish", "bird", "fish", "fish"))
    async with app.run_test(size=(80, 20)) as pilot:
        view = app.query_one(TranscriptView)
        view.search("fish", from_turn=1)
        assert view.current_hit == 1
        assert view.hits[1].turn == 2
        view.next_hit()
        await pilot.pause()
        assert view.search("whale", from_turn=3) == 0
        await pilot.pause()
        moves = [(m.current, m.count) for m in app.hit_moves]
    assert moves == [(1, 3), (2, 3), (None, 0)]


async def test_a_long_turn_wraps_under_its_header_and_the_next_turn_follows() -> None:
    words = " ".join(f"word{n}" for n in range(40))  # about 280 characters
    app = TranscriptApp(turns(words, "Short"))
    async with app.run_test(size=(80, 20)):
        view = app.query_one(TranscriptView)
        first = view.turn_lines(0)
        body = first[1:-1]
        assert len(body) > 3 and all(line.plain.startswith("  ") for line in body)
        assert " ".join(line.plain.strip() for line in body) == words
        assert view.line_of_turn(1) == len(first)  # header, wrapped words, a blank line


async def test_five_thousand_turns_show_and_search_without_a_widget_each() -> None:
    app = TranscriptApp(turns(*(f"Turn {n} about the ledger" for n in range(5000))))
    async with app.run_test(size=(80, 20)) as pilot:
        view = app.query_one(TranscriptView)
        assert len(view.children) == 0  # drawn line by line, not a widget per turn
        assert view.search("ledger", from_turn=4990) == 5000
        await pilot.pause()
        assert view.scroll_y <= view.line_of_turn(4990) < view.scroll_y + view.size.height
        assert view.virtual_size.height == view.line_of_turn(4999) + 3
