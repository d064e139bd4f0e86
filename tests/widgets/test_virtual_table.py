"""The virtual table reads only visible windows, and moves, marks and sorts from the keyboard."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.segment import Segment
from rich.style import Style
from rich.text import Span, Text
from textual.app import App, ComposeResult
from textual.message import Message

from widgets.virtual_table import Column, ListRowSource, VirtualTable


@dataclass
class Person:
    id: int
    name: str
    rating: int | None


class CountingSource:
    """50,000 people made on demand, recording every window the table asks for."""

    def __init__(self, size: int = 50_000) -> None:
        self.size = size
        self.requests: list[tuple[int, int]] = []
        self.count_calls = 0

    def count(self) -> int:
        self.count_calls += 1
        return self.size

    def rows(self, offset: int, limit: int) -> Sequence[Person]:
        self.requests.append((offset, limit))
        end = min(offset + limit, self.size)
        return [Person(index, f"Person {index}", index % 101) for index in range(offset, end)]


COLUMNS = [
    Column("name", "Name", width=None),
    Column("rating", "Rating", width=9, align="right"),
    Column("id", "Id", width=6, align="right", sortable=False),
]


def line(table: VirtualTable, y: int) -> str:
    """What the table shows on screen line `y` (0 is the header)."""
    return "".join(segment.text for segment in table.render_line(y))


class TableApp(App[None]):
    def __init__(self, source: object, columns: Sequence[Column] = COLUMNS,
                 **table_options: object) -> None:
        super().__init__()
        self.source = source
        self.columns = columns
        self.table_options = table_options
        self.messages: list[Message] = []

    def compose(self) -> ComposeResult:
        yield VirtualTable(self.columns, self.source, **self.table_options)  # type: ignore[arg-type]

    def on_virtual_table_cursor_moved(self, message: VirtualTable.CursorMoved) -> None:
        self.messages.append(message)

    def on_virtual_table_row_chosen(self, message: VirtualTable.RowChosen) -> None:
        self.messages.append(message)

    def on_virtual_table_marks_changed(self, message: VirtualTable.MarksChanged) -> None:
        self.messages.append(message)

    def on_virtual_table_sort_changed(self, message: VirtualTable.SortChanged) -> None:
        self.messages.append(message)

    def on_virtual_table_count_changed(self, message: VirtualTable.CountChanged) -> None:
        self.messages.append(message)

    def last(self, kind: type[Message]) -> Message:
        return [message for message in self.messages if isinstance(message, kind)][-1]


async def test_only_visible_windows_are_read_even_after_jumping_to_the_end() -> None:
    source = CountingSource()
    app = TableApp(source)
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(VirtualTable)
        table.focus()
        await pilot.press("j", "j", "ctrl+d", "G")
        await pilot.pause()
        assert table.cursor_row_id == 49_999
        assert table.row_count == 50_000
        assert max(limit for _, limit in source.requests) <= 200
        assert len(source.requests) <= 10
        assert sum(limit for _, limit in source.requests) < 1_000
        rendered = "\n".join(line(table, y) for y in range(table.size.height))
        assert "Person 49999" in rendered
        assert "Person 0 " not in rendered


async def test_cursor_keys_post_cursor_moved_and_enter_chooses_the_row() -> None:
    app = TableApp(CountingSource(size=100))
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(VirtualTable)
        table.focus()
        await pilot.press("j", "j", "k")
        assert app.last(VirtualTable.CursorMoved).row_id == 1
        await pilot.press("G")
        assert app.last(VirtualTable.CursorMoved).row_id == 99
        await pilot.press("g")
        assert app.last(VirtualTable.CursorMoved).row_id == 0
        await pilot.press("ctrl+d")
        half = table.cursor_row_id
        assert half is not None and 5 <= half <= 15
        await pilot.press("ctrl+u")
        assert table.cursor_row_id == 0
        await pilot.press("pagedown")
        assert table.cursor_row_id is not None and table.cursor_row_id >= 20
        await pilot.press("up", "enter")
        await pilot.pause()
        assert app.last(VirtualTable.RowChosen).row_id == table.cursor_row_id


async def test_space_marks_rows_and_marks_survive_a_reload() -> None:
    app = TableApp(CountingSource(size=100))
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(VirtualTable)
        table.focus()
        await pilot.press("space", "space", "space")
        await pilot.pause()
        assert table.marked == {0, 1, 2}
        assert app.last(VirtualTable.MarksChanged).count == 3
        await pilot.press("k", "space")
        await pilot.pause()
        assert table.marked == {0, 1}
        assert app.last(VirtualTable.MarksChanged).count == 2
        table.reload()
        assert table.mark_count == 2
        assert "●" in line(table, 1)


async def test_sort_keys_cycle_sortable_columns_flip_direction_and_show_in_header() -> None:
    app = TableApp(CountingSource(size=10), sort_column="name")
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(VirtualTable)
        table.focus()
        header = line(table, 0)
        assert "Name ▲" in header
        await pilot.press("greater_than_sign")
        sort = app.last(VirtualTable.SortChanged)
        assert (sort.column, sort.descending) == ("rating", False)
        await pilot.press("o")
        sort = app.last(VirtualTable.SortChanged)
        assert (sort.column, sort.descending) == ("rating", True)
        await pilot.pause()
        header = line(table, 0)
        assert "Rating ▼" in header and "Name ▲" not in header
        await pilot.press("greater_than_sign")  # "id" is not sortable: wraps to name
        assert app.last(VirtualTable.SortChanged).column == "name"
        await pilot.press("less_than_sign")
        assert app.last(VirtualTable.SortChanged).column == "rating"


async def test_reload_keeps_the_cursor_on_the_same_row_id_when_rows_move() -> None:
    people = [Person(index, f"Person {index}", index) for index in range(300)]
    source = ListRowSource(people)
    app = TableApp(source)
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(VirtualTable)
        table.focus()
        for _ in range(5):
            await pilot.press("j")
        assert table.cursor_row_id == 5
        source.items.reverse()  # a re-sort: id 5 is now far away
        table.reload()
        await pilot.pause()
        assert table.cursor_row_id == 5
        assert table.cursor_index == 294
        source.items.insert(0, Person(1_000, "Newcomer", None))  # a row arrives above
        table.reload()
        assert table.cursor_row_id == 5
        source.items = [person for person in source.items if person.id != 5]
        table.reload()  # the row is gone: the cursor stays at about the same place
        assert table.cursor_index == 295


async def test_updating_a_row_in_place_does_not_move_the_cursor() -> None:
    people = [Person(index, f"Person {index}", index) for index in range(50)]
    source = ListRowSource(people)
    app = TableApp(source)
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(VirtualTable)
        table.focus()
        await pilot.press("j", "j", "j")
        assert "Person 3 " in line(table, 4)  # rendered (and cached) before the update
        moves = len([m for m in app.messages if isinstance(m, VirtualTable.CursorMoved)])
        source.items[3] = Person(3, "Person 3 (renamed)", 99)
        table.reload()
        await pilot.pause()
        assert table.cursor_index == 3
        assert table.cursor_row.name == "Person 3 (renamed)"
        assert "Person 3 (renamed)" in line(table, 4)
        after = len([m for m in app.messages if isinstance(m, VirtualTable.CursorMoved)])
        assert after == moves


async def test_empty_source_shows_the_settable_empty_message() -> None:
    app = TableApp(ListRowSource([]), empty_message="No candidates yet.")
    async with app.run_test(size=(80, 24)):
        table = app.query_one(VirtualTable)
        lines = [line(table, y) for y in range(5)]
        assert any("No candidates yet." in line for line in lines)
        table.empty_message = "No candidate matches the filter."
        lines = [line(table, y) for y in range(5)]
        assert any("No candidate matches the filter." in line for line in lines)
        assert table.cursor_row_id is None


async def test_an_empty_message_longer_than_the_table_is_wide_is_shown_whole() -> None:
    """Why a first sync brought nothing can run past 80 columns: it goes on the next line,
    never cut off mid-word ("…refused the key sk_…0000 (Invali")."""
    why = ("Nothing is cached yet: the sync failed. The API refused the key sk_…0000 (Invalid "
           "API key). Check INSTAVIEW_API_KEY. r tries again.")
    app = TableApp(ListRowSource([]), empty_message=why)
    async with app.run_test(size=(80, 24)):
        table = app.query_one(VirtualTable)
        shown = " ".join(line(table, y).strip() for y in range(2, 6))
        assert " ".join(shown.split()) == why
        assert line(table, 1).strip() == ""  # it starts where a short one does


async def test_server_text_in_cells_is_shown_literally() -> None:
    people = [Person(1, "[bold]Ann[/bold]\x1b[31m", 5)]
    app = TableApp(ListRowSource(people))
    async with app.run_test(size=(80, 24)):
        table = app.query_one(VirtualTable)
        shown = line(table, 1)
        # Markup stays literal; the colour sequence goes whole, not only its ESC.
        assert "[bold]Ann[/bold] " in shown
        assert "[31m" not in shown
        assert "\x1b" not in shown


def test_formatter_may_return_rich_text() -> None:
    column = Column("rating", "Rating", formatter=lambda value: Text(f"{value}%"))
    assert column.formatter(7).plain == "7%"


async def test_clicks_pick_a_row_open_it_twice_and_sort_by_a_header() -> None:
    app = TableApp(CountingSource(size=100), sort_column="name")
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(VirtualTable)
        await pilot.click(VirtualTable, offset=(4, 3))
        assert table.cursor_row_id == 2
        await pilot.double_click(VirtualTable, offset=(4, 5))
        await pilot.pause()
        assert app.last(VirtualTable.RowChosen).row_id == 4
        rating_x = len(line(table, 0)) - 12  # inside the Rating title
        await pilot.click(VirtualTable, offset=(rating_x, 0))
        assert app.last(VirtualTable.SortChanged).column == "rating"
        await pilot.click(VirtualTable, offset=(rating_x, 0))
        assert app.last(VirtualTable.SortChanged).descending is True


async def test_when_rows_vanish_the_cursor_and_scroll_stay_on_rows_that_exist() -> None:
    source = ListRowSource([Person(index, f"Person {index}", index) for index in range(300)])
    app = TableApp(source)
    async with app.run_test(size=(60, 12)) as pilot:
        table = app.query_one(VirtualTable)
        table.focus()
        await pilot.press("G")
        source.items = source.items[:10]
        table.reload()
        await pilot.pause()
        assert (table.cursor_index, table.cursor_row_id) == (9, 9)
        assert table.scroll_y == 0
        assert line(table, 1).strip().startswith("Person 0")
        source.items = []
        table.reload()
        await pilot.pause()
        assert table.cursor_row_id is None
        assert app.last(VirtualTable.CursorMoved).row_id is None


def test_cells_come_from_objects_mappings_and_database_rows() -> None:
    import sqlite3

    from widgets.virtual_table import cell_value

    database = sqlite3.connect(":memory:")
    database.row_factory = sqlite3.Row
    row = database.execute("select 7 as id, 'Ann' as name").fetchone()
    assert (cell_value(row, "id"), cell_value(row, "name"), cell_value(row, "email")) == (
        7, "Ann", None)
    assert cell_value({"id": 3}, "id") == 3
    assert cell_value(Person(5, "Bo", None), "name") == "Bo"


@pytest.mark.parametrize(("text", "align", "shown"), [
    ("abc", "left", "abc"),  # exactly the width: kept whole
    ("abcd", "left", "ab…"),  # one past: cut with an ellipsis
    ("ab", "right", " ab"),
    ("a", "center", " a "),
    ("日本語", "left", "日…"),  # wide characters count two cells
])
def test_a_plain_cell_is_cut_or_padded_to_its_width(text: str, align: str, shown: str) -> None:
    from rich.console import Console

    from widgets.virtual_table import _cell_segments

    segments = _cell_segments(Text(text, style="bold"), 3, align, Console())  # type: ignore[arg-type]
    assert "".join(segment.text for segment in segments) == shown
    assert all(segment.style and segment.style.bold for segment in segments)


STYLES = ("", "bold", "bold reverse", "not bold", "repr.number", Style(italic=True),
          Style(color="red", underline=True), Style(color="blue"))


def test_the_characters_a_cell_slices_are_each_one_cell_wide() -> None:
    from rich.cells import cell_len

    from widgets.virtual_table import ONE_CELL

    assert "…" in ONE_CELL and "a" in ONE_CELL and "\u0301" not in ONE_CELL
    assert [hex(ord(c)) for c in sorted(ONE_CELL) if cell_len(c) != 1] == []


@settings(max_examples=400, deadline=None)
@given(text=st.text(alphabet="ab …–éЖ日\u0301🙂", max_size=24),
       base=st.sampled_from(STYLES),
       spans=st.lists(st.tuples(st.integers(0, 24), st.integers(0, 24),
                                st.sampled_from(STYLES[1:])), max_size=4),
       width=st.integers(0, 26), align=st.sampled_from(("left", "center", "right")))
def test_a_cell_is_drawn_as_rich_draws_it_cut_and_aligned(
        text: str, base: str | Style, spans: list[tuple[int, int, str | Style]], width: int,
        align: str) -> None:
    """Cells skip rich's truncate, align and render for speed; they must look the same:
    wide and combining characters, cuts inside and past highlights, overlapping highlights."""
    from rich.console import Console

    from widgets.virtual_table import _cell_segments, _fit

    console = Console()
    cell = Text(text, style=base)
    for start, end, style in spans:
        cell.stylize(style, start, end)
    expected = _fit(cell.copy(), width, align)  # type: ignore[arg-type]
    # rich drops the base style of a text left without highlights; a cell keeps it.
    expected.spans.insert(0, Span(0, len(expected), expected.style))

    def shown(segments: Iterable[Segment]) -> list[tuple[str, Style | None]]:
        return [(segment.text, segment.style or None) for segment in segments if segment.text]

    assert shown(_cell_segments(cell, width, align, console)) == shown(  # type: ignore[arg-type]
        expected.render(console))


async def test_each_drawn_row_says_the_cells_its_text_takes() -> None:
    """A row's strip is told its cells (the columns' widths) instead of measuring its text:
    with wide, combining and emoji characters cut at every width, marked and unmarked, the
    figure must still be what its text takes, or Textual would crop and pad the line wrong."""
    from rich.cells import cell_len

    names = ["日本語の名前です", "Zoë\u0301 Łukasiewicz", "🙂🙂 smile", "ab", "", "a…–b"]
    people = [Person(index, names[index % len(names)], index) for index in range(24)]
    for width in (30, 31, 37, 44):
        app = TableApp(ListRowSource(people),
                       [Column("name", "Name", width=None), Column("id", "Id", width=3),
                        Column("rating", "Rating", width=5, formatter=lambda v: "日" * v)])
        async with app.run_test(size=(width, 30)) as pilot:
            table = app.query_one(VirtualTable)
            table.focus()
            await pilot.press("space", "down", "down", "space")
            strips = [table.render_line(y) for y in range(1, 25)]
            assert [strip.cell_length for strip in strips] == [
                sum(cell_len(segment.text) for segment in strip) for strip in strips]
            assert {strip.cell_length for strip in strips} == {
                table.scrollable_content_region.width}


async def test_a_table_without_marking_neither_offers_nor_takes_a_mark() -> None:
    app = TableApp(ListRowSource([{"id": 1, "name": "Ada"}]), markable=False)
    async with app.run_test(size=(60, 10)) as pilot:
        table = app.query_one(VirtualTable)
        table.focus()
        await pilot.press("space")
        assert table.mark_count == 0
        assert "toggle_mark" not in {b.binding.action for b in app.screen.active_bindings.values()
                                     if b.enabled}


async def test_a_cell_is_formatted_once_per_value_and_any_value_still_shows() -> None:
    calls: list[object] = []

    def grade(value: object) -> str:
        calls.append(value)
        return f"grade {value}"

    columns = [Column("name", "Name", width=12),
               Column("rating", "Grade", width=12, formatter=grade)]
    people = [Person(index, f"P{index}", index % 3) for index in range(12)]
    people.append(Person(99, "Listy", [1, 2]))  # type: ignore[arg-type]  # not hashable
    app = TableApp(ListRowSource(people), columns)
    async with app.run_test(size=(40, 20)):
        table = app.query_one(VirtualTable)
        shown = [line(table, y) for y in range(1, 14)]
        assert all(f"grade {index % 3}" in shown[index] for index in range(12))
        assert "grade [1, 2]" in shown[12]
        assert [calls.count(value) for value in (0, 1, 2)] == [1, 1, 1]
        drawn = calls.count([1, 2])
        line(table, 13)
        assert calls.count([1, 2]) == drawn + 1  # a value that cannot be kept is drawn again


def test_narrow_tables_leave_out_the_highest_priority_columns_first() -> None:
    from widgets.virtual_table import fit_columns

    columns = [Column("name", "Name", width=20), Column("email", "Email", width=None, priority=2),
               Column("count", "Count", width=5, priority=3), Column("days", "Days", width=6)]
    shown, widths = fit_columns(columns, 100)
    assert [c.key for c in shown] == ["name", "email", "count", "days"]
    assert widths == (20, 100 - 20 - 5 - 6 - 3, 5, 6)  # the flexible column takes the rest
    shown, widths = fit_columns(columns, 38)  # 20+8+5+6 and 3 separators = 42: count goes
    assert [c.key for c in shown] == ["name", "email", "days"]
    shown, widths = fit_columns(columns, 30)  # email goes too; name reads the room left
    assert [c.key for c in shown] == ["name", "days"] and widths == (23, 6)
    shown, _ = fit_columns(columns, 10)  # priority 0 always stays, even when it cannot fit
    assert [c.key for c in shown] == ["name", "days"]


async def test_a_new_query_reads_its_first_screen_then_whole_windows_as_it_scrolls() -> None:
    """A filter typed a letter at a time shows each letter's first screen only: it reads one
    screenful, not three; scrolling on past it reads (and shows) the rows below."""
    app = TableApp(CountingSource())
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(VirtualTable)
        table.focus()
        await pilot.pause()
        page = table.size.height - 1  # below the header
        fresh = CountingSource(1_000)
        table.start_over(fresh)
        await pilot.pause()
        assert sum(limit for _, limit in fresh.requests) <= page + 1
        assert "Person 0 " in line(table, 1)
        await pilot.press(*["j"] * (page + 3))
        await pilot.pause()
        assert table.cursor_row_id == page + 3
        shown = "\n".join(line(table, y) for y in range(1, table.size.height))
        assert f"Person {page + 3} " in shown
        assert max(limit for _, limit in fresh.requests) >= 100  # then whole windows


class CappedSource(CountingSource):
    """Counts only to `cap` until asked for all (a CappedRowSource), recording that it was."""

    def __init__(self, size: int, cap: int) -> None:
        super().__init__(size)
        self.cap = cap
        self.counted_all = size <= cap
        self.counted_in_full = 0

    def count(self) -> int:
        self.count_calls += 1
        return self.size if self.counted_all else self.cap + 1

    def count_all(self) -> int:
        self.counted_in_full += 1
        self.counted_all = True
        return self.size


async def test_a_count_that_stopped_early_is_made_whole_near_its_end_and_says_so() -> None:
    """A broad match shows its first screen from a count that stopped at the cap; G, or
    stepping or scrolling near the cap, counts the rest, so every row can be reached."""
    for reach in ("G", "step", "scroll"):
        source = CappedSource(5_000, cap=100)
        app = TableApp(source)
        async with app.run_test(size=(80, 24)) as pilot:
            table = app.query_one(VirtualTable)
            table.focus()
            await pilot.pause()
            assert (table.row_count, table.counted_all, source.counted_in_full) == (101, False, 0)
            await pilot.press("ctrl+d", "ctrl+d")  # well inside what was counted: no count
            assert source.counted_in_full == 0
            if reach == "G":
                await pilot.press("G")
            elif reach == "step":
                table.move_cursor(80)
            else:
                table.scroll_to(y=90, animate=False, immediate=True)
            await pilot.pause()
            assert (table.row_count, table.counted_all, source.counted_in_full) == (5_000, True, 1)
            assert sum(isinstance(m, VirtualTable.CountChanged) for m in app.messages) == 1
            await pilot.press("G")
            await pilot.pause()
            assert table.cursor_row_id == 4_999
            assert source.counted_in_full == 1
