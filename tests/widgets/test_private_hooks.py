"""Each hook of widgets/private_hooks.py against the public path it stands in for.

These are the tests a Textual or Rich upgrade must pass: a hook that leans on how either works
inside must still show exactly what the public way would.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.css import stylesheet as textual_stylesheet
from textual.geometry import Region
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.widgets import Input, Static

from tests.textual_hooks import TEXTUALS_PARSE_RULES
from widgets.private_hooks import ParsedOnceStylesheet, QuickScrollBar, wrapped_line_count
from widgets.quick_input import QuickInput
from widgets.virtual_table import Column, VirtualTable


@dataclass
class Person:
    id: int
    name: str


class Numbered:
    """`size` people made on demand."""

    def __init__(self, size: int) -> None:
        self.size = size

    def count(self) -> int:
        return self.size

    def rows(self, offset: int, limit: int) -> Sequence[Person]:
        return [Person(index, f"Person {index}") for index in range(offset,
                                                                   min(offset + limit, self.size))]


class TableApp(App[None]):
    def __init__(self, source: Numbered) -> None:
        super().__init__()
        self.source = source

    def compose(self) -> ComposeResult:
        yield VirtualTable([Column("name", "Name", width=None), Column("id", "Id", width=6)],
                           self.source)


@settings(max_examples=300, deadline=None)
@given(text=st.text(st.sampled_from("ab cd\t\n日本-"), max_size=60),
       width=st.integers(min_value=1, max_value=12))
def test_the_wrapped_line_count_is_the_number_of_lines_rich_wraps_to(text: str,
                                                                     width: int) -> None:
    assert wrapped_line_count(text, width) == len(Text(text).wrap(Console(width=80), width))


class FieldApp(App[None]):
    CSS = "Input { width: 12; }"

    def __init__(self, field: Input) -> None:
        super().__init__()
        self.field = field

    def compose(self) -> ComposeResult:
        yield self.field


@pytest.mark.parametrize("keys", [list("abc"), list("abcdefghijklmnopqrstu"),
                                  [*"abcdefghijklmnopq", *["backspace"] * 14, "home", "x"]])
async def test_the_quick_input_sizes_and_scrolls_like_textuals_input(keys: list[str]) -> None:
    seen = []
    for field in (Input(), QuickInput()):
        app = FieldApp(field)
        async with app.run_test(size=(30, 5)) as pilot:
            field.focus()
            await pilot.press(*keys)
            await pilot.pause()
            seen.append((field.value, field.virtual_size, field.scroll_x, field.cursor_position))
    assert seen[0] == seen[1]


async def test_the_scrollbar_looks_exactly_like_textuals_wherever_the_thumb_is() -> None:
    """The table's scrollbar styles each kind of line once; what it shows must not change."""
    app = TableApp(Numbered(1_000))
    async with app.run_test(size=(60, 20)) as pilot:
        table = app.query_one(VirtualTable)
        bar = table.vertical_scrollbar
        assert isinstance(bar, QuickScrollBar)
        seen = set()
        for hovered, rows, target in ((False, 1_000, 0), (False, 1_000, 517), (True, 1_000, 999),
                                      (False, 40, 10), (False, 1_000_000, 400_000),
                                      # a count that changes what the bar draws, or not
                                      (False, 50_000, 0), (False, 40_000, 0), (False, 300, 0),
                                      (False, 250, 0), (False, 200, 0), (False, 50_000, 0)):
            table.source = Numbered(rows)
            table.move_cursor(target)
            bar.mouse_over = hovered
            await pilot.pause()
            whole = bar.size.region
            quick = bar.render_lines(whole)
            bar.refresh()
            assert quick == ScrollBar.render_lines(bar, whole)
            middle = Region(0, 3, bar.size.width, 5)
            assert bar.render_lines(middle) == ScrollBar.render_lines(bar, middle)
            seen.add(tuple(tuple(strip) for strip in quick))
        assert len(seen) == 8  # the cases drew eight different bars


@pytest.mark.parametrize("no_color", [False, True])
async def test_the_table_shows_what_textuals_styling_would_make_of_its_lines(
        no_color: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """The table hands its lines to the screen without Textual's per-line styling pass when
    that pass would change nothing; the screen must show the same either way, colour filters
    (NO_COLOR) included."""
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = TableApp(Numbered(1_000))
    async with app.run_test(size=(60, 20)) as pilot:
        table = app.query_one(VirtualTable)
        table.focus()
        await pilot.press("j", "space", "j")  # a marked row above the cursor row

        def both(crop: Region) -> tuple[list[object], list[object]]:
            quick = [tuple(strip) for strip in table.render_lines(crop)]
            table.refresh()
            table._frame = table._frame_settings()
            try:
                styled = [tuple(strip) for strip in ScrollView.render_lines(table, crop)]
            finally:
                table._frame = None
            return quick, styled

        for crop in (table.size.region, Region(0, 2, table.size.width, 4),
                     Region(3, 0, 20, table.size.height)):
            quick, styled = both(crop)
            assert quick == styled
        table.source = Numbered(0)  # the empty message, centred
        await pilot.pause()
        quick, styled = both(table.size.region)
        assert quick == styled
        table.styles.padding = (0, 1)  # padded: Textual's styling changes the lines again
        await pilot.pause()
        quick, styled = both(table.size.region)
        assert quick == styled


class ListScreen(Screen[None]):
    def compose(self) -> ComposeResult:
        with Horizontal():
            yield QuickInput(placeholder="filter")
            yield Static("chips", classes="chips")
        yield VirtualTable([Column("name", "Name", width=None)], Numbered(50))
        yield Static("summary", id="summary")


class ModesApp(App[None]):
    """Like the desk: a mode's first screen shown before the first frame, CSS of its own."""

    CSS = """
    .chips { background: $accent; color: $text; }
    #summary { background: $panel; text-style: bold; }
    VirtualTable:focus { border: round $primary; }
    """
    MODES = {"list": ListScreen}
    DEFAULT_MODE = "list"

    def __init__(self, parsed_once: bool) -> None:
        super().__init__()
        if parsed_once:
            self.stylesheet = ParsedOnceStylesheet(variables=self.get_css_variables())


def styles_of(app: App[None]) -> list[tuple[str, str]]:
    return [(repr(node), node.styles.css) for node in app.screen.walk_children(with_self=True)]


async def test_a_stylesheet_parsed_once_styles_every_widget_as_textuals_own_does(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The same styles as Textual's stylesheet gives, before and after a theme changes the
    variables; and each source parsed once up to the first frame, not three times."""
    parsed: list[object] = []
    parse = textual_stylesheet.parse

    def counted(scope: str, css: str, read_from: object, **kwargs: object):  # type: ignore[no-untyped-def]
        parsed.append((scope, read_from, kwargs.get("tie_breaker")))
        return parse(scope, css, read_from, **kwargs)

    monkeypatch.setattr(textual_stylesheet, "parse", counted)
    # Each app parses for itself here, as the desk does: not from the suite's shared rules.
    monkeypatch.setattr(textual_stylesheet.Stylesheet, "_parse_rules", TEXTUALS_PARSE_RULES)
    seen = []
    parses = []
    for parsed_once in (False, True):
        parsed.clear()
        app = ModesApp(parsed_once)
        async with app.run_test(size=(60, 20)) as pilot:
            await pilot.pause()
            parses.append(len(parsed))
            shown = styles_of(app)
            app.query_one(VirtualTable).focus()
            app.theme = "textual-light"
            await pilot.pause()
            seen.append((shown, styles_of(app)))
    assert seen[0] == seen[1]
    assert seen[0][0] != seen[0][1]  # the theme did change what the widgets show
    assert parses[1] < parses[0]
    assert len(set(parsed[: parses[1]])) == parses[1]  # each source (as a class reads it) once


def test_a_stylesheet_counts_only_the_parses_that_change_its_rules() -> None:
    """`generation` moves when a source is added or the variables change, and stays when a
    re-parse gives back the same rules: a screen styled under it is then styled as it would be
    again (app/ui/styling.py skips that restyle)."""
    sheet = ParsedOnceStylesheet(variables={"accent": "#ff0000"})
    sheet.add_source(".chips { background: $accent; }", read_from=("test", "chips"))
    sheet.parse()
    first = sheet.generation
    rules = list(sheet.rules)
    sheet.reparse()
    sheet.set_variables({"accent": "#ff0000"})
    sheet.reparse()
    assert sheet.generation == first
    assert sheet.rules == rules
    sheet.add_source("#summary { text-style: bold; }", read_from=("test", "summary"))
    sheet.parse()
    assert sheet.generation == first + 1
    sheet.set_variables({"accent": "#00ff00"})
    sheet.reparse()
    assert sheet.generation == first + 2
    assert sheet.rules[0].styles.background != rules[0].styles.background
