"""The one function that makes server text safe for a terminal, and what is built on it."""

from __future__ import annotations

import pytest
from rich.segment import Segment
from rich.style import Style
from textual.color import Color

from widgets.terminal_guard import TerminalGuard
from widgets.text import block_text, clean, csv_cell, line_text, plain_line


@pytest.mark.parametrize(("hostile", "shown"), [
    ("\x1b]0;pwned\x07Eve", "Eve"),  # sets the window title
    ("\x1b]0;pwned\x1b\\Eve", "Eve"),  # the same, ended by ST
    ("\x1b[2JEve", "Eve"),  # clears the screen
    ("\x1b[?1049lEve", "Eve"),  # leaves the alternate screen
    ("\x1b]52;c;cHduZWQ=\x07Eve", "Eve"),  # writes the clipboard
    ("\x1b]8;;https://evil.example\x1b\\Eve\x1b]8;;\x1b\\", "Eve"),  # a hidden hyperlink
    ("\x9b31mEve\x9b0m", "Eve"),  # 8-bit CSI
    ("\x9d0;pwned\x9cEve", "Eve"),  # 8-bit OSC ended by 8-bit ST
    ("\x1bP1$qm\x1b\\Eve", "Eve"),  # DCS
    ("\x1bcEve", "Eve"),  # resets the terminal
    ("\x1b(0Eve", "Eve"),  # switches to line drawing
    ("E\x07v\x08e\x00\x7f", "Eve"),  # bell, backspace, NUL, DEL
    ("E\u202ev\u2066e\u2069\u200f", "Eve"),  # bidi override, isolate, mark
])
def test_whole_escape_sequences_and_controls_go(hostile: str, shown: str) -> None:
    assert clean(hostile) == shown


def test_an_unterminated_sequence_leaves_nothing_a_terminal_obeys() -> None:
    cleaned = clean("Eve\x1b]0;no end")
    assert cleaned.startswith("Eve") and "\x1b" not in cleaned


def test_text_lines_and_tabs() -> None:
    assert clean("a\r\nb\u2028c\td") == "a\nb\nc    d"
    assert plain_line("first\nsecond\r\nthird\tend") == "first second third    end"
    assert clean("Zoë 山田 🙂 ok") == "Zoë 山田 🙂 ok"  # everything printable stays


def test_text_objects_never_read_markup() -> None:
    line = line_text("[bold red]x[/] [@click=app.quit]q[/]\x1b[2J", style="bold")
    assert line.plain == "[bold red]x[/] [@click=app.quit]q[/]"
    assert [span for span in line.spans] == [] and str(line.style) == "bold"
    assert block_text("a\nb[/]").plain == "a\nb[/]"


@pytest.mark.parametrize(("value", "cell"), [
    ("=HYPERLINK(\"https://evil.example\")", "'=HYPERLINK(\"https://evil.example\")"),
    ("+1 555", "'+1 555"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\x1b[2J=cmd", "'=cmd"), ("Ann", "Ann"), (7, "7"), (None, ""),
])
def test_csv_cells_cannot_be_formulas_or_escapes(value: object, cell: str) -> None:
    assert csv_cell(value) == cell


def test_the_guard_strips_controls_without_moving_anything() -> None:
    bold = Style(bold=True)
    segments = [Segment("a\x1bb\u202e", bold), Segment("plain"), Segment("\x9bc")]
    guarded = TerminalGuard().apply(segments, Color(0, 0, 0))
    assert [segment.text for segment in guarded] == ["ab", "plain", "c"]
    assert guarded[0].style == bold
    assert sum(s.cell_length for s in guarded) == sum(s.cell_length for s in segments)
    clean_line = [Segment("nothing to do")]
    assert TerminalGuard().apply(clean_line, Color(0, 0, 0)) is clean_line
