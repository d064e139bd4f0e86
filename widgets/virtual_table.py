"""A keyboard-first table that reads only the rows on screen from a row source.

The candidate list holds tens of thousands of rows. Building a widget, or even a Python object
per row up front, makes start-up, filtering and sorting slow; so the table keeps only a count
and a small window of rows around what is visible, and asks its `RowSource` for another window
when the viewport leaves the cached one. Rendering is done line by line (Textual's Line API).

Sorting is the source's business (SQL sorts far better than we could here): the table shows the
sort column and direction, posts `SortChanged`, and the owner re-points the source and calls
`reload()`.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import (
    Any,
    ClassVar,
    Generic,
    Literal,
    NamedTuple,
    Protocol,
    TypeVar,
    cast,
    runtime_checkable,
)

from rich.cells import cell_len, set_cell_size
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.strip import Strip

from widgets.numbers import number
from widgets.private_hooks import (
    QuickScrollBar,
    lines_without_styling_pass,
    own_vertical_scrollbar,
    resize_thumb,
    styling_pass_changes_nothing,
)
from widgets.text import plain_line

RowId = Hashable
Align = Literal["left", "center", "right"]
Formatter = Callable[[Any], "Text | str"]

GUTTER = 2  # the mark sign and a space
SEPARATOR = 1  # a space between columns
FLEX_MIN = 8  # narrowest a flexible column gets
MARK_SIGN = "●"
LINE_CACHE_SIZE = 400  # rendered lines kept, by what they show; cleared when full
CELL_CACHE_SIZE = 4000  # drawn cells kept, by column, value and width; cleared when full
Drawn = TypeVar("Drawn")
# Characters one cell wide, as rich measures them: a text of only these is cut by slicing.
# rich's own one-cell set (printable Latin, Greek and Cyrillic, no combining marks) without
# its box drawing and Braille, and with the dashes, quotes and ellipsis that names and
# search snippets carry, which rich's set lacks (so it walked every snippet's graphemes).
ONE_CELL = frozenset(chr(code) for first, last in (
    (0x20, 0x7E), (0xA0, 0xAC), (0xAE, 0x2FF), (0x370, 0x482), (0x2010, 0x2027))
    for code in range(first, last + 1))


class _Kept(Generic[Drawn]):
    """What was drawn, by what it shows, until `size` are kept; then all go at once (cheaper
    than tracking use, on a path that runs for every line drawn). A key that cannot be hashed
    (a row that is a dict) is drawn every time."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._drawn: dict[tuple[Any, ...], Drawn] = {}

    def get(self, key: tuple[Any, ...], draw: Callable[..., Drawn], *args: Any) -> Drawn:
        try:
            drawn = self._drawn.get(key)
        except TypeError:
            return draw(*args)
        if drawn is None:
            if len(self._drawn) > self._size:
                self._drawn.clear()
            drawn = self._drawn[key] = draw(*args)
        return drawn


class Row(Protocol):
    """A row has an id; its cells are read by column key (attribute or mapping key)."""

    @property
    def id(self) -> RowId: ...


class RowSource(Protocol):
    """Where the rows come from: typically a SQL query over the local cache."""

    def count(self) -> int: ...

    def rows(self, offset: int, limit: int) -> Sequence[Row | Mapping[str, Any]]: ...


@runtime_checkable
class IndexedRowSource(RowSource, Protocol):
    """A source that can say where a row now sits, so the cursor follows it across a re-sort."""

    def index_of(self, row_id: RowId) -> int | None: ...


@runtime_checkable
class CappedRowSource(RowSource, Protocol):
    """A source whose `count()` may stop counting early: every match of a broad filter or a
    common word grows with the cache, and a first screen needs only to know there are many.
    A count that stops does so one past what it counted, so "10,000+" is its count less one.
    `counted_all` says whether `count()` was the whole count; `count_all()` counts the rest,
    which the table asks for once the recruiter goes near the end of what was counted."""

    @property
    def counted_all(self) -> bool: ...

    def count_all(self) -> int: ...


class CappedCounting:
    """The counting of a CappedRowSource, written once for every source that counts so far.

    A source says how to count its matches (`count_matches`: all of them for None, else
    stopping one past `at_most`); this counts up to COUNTED_AT_MOST first and the rest when
    `count_all()` is asked, each at most once."""

    COUNTED_AT_MOST: ClassVar[int] = 10_000
    _count: int | None = None
    _counted_all = False

    def count_matches(self, at_most: int | None) -> int:
        raise NotImplementedError

    def count(self) -> int:
        if self._count is None:
            self._count = self.count_matches(self.COUNTED_AT_MOST)
            self._counted_all = self._count <= self.COUNTED_AT_MOST
        return self._count

    @property
    def counted_all(self) -> bool:
        self.count()
        return self._counted_all

    def count_all(self) -> int:
        if not self.counted_all:
            self._count = self.count_matches(None)
            self._counted_all = True
        return self.count()


def _default_format(value: Any) -> Text | str:
    return "—" if value is None else str(value)


@dataclass(frozen=True)
class Column:
    """How one column reads: `width=None` shares the width left over by the fixed columns.

    `priority` 0 always shows; when the table is too narrow for every column, the highest
    priority goes first (the candidate list at 80 columns keeps name, status, rating, GDPR)."""

    key: str
    title: str
    width: int | None = 10
    align: Align = "left"
    formatter: Formatter = _default_format
    sortable: bool = True
    priority: int = 0


def fit_columns(columns: Sequence[Column], available: int
                ) -> tuple[tuple[Column, ...], tuple[int, ...]]:
    """The columns that fit in `available` cells and their widths: lower-priority columns
    are left out until the rest fit (flexible ones counted at their narrowest); flexible
    columns share what is left, or with none shown the first column takes it."""
    shown = list(columns)

    def needed(kept: list[Column]) -> int:
        return (sum(FLEX_MIN if column.width is None else column.width for column in kept)
                + SEPARATOR * max(0, len(kept) - 1))

    while needed(shown) > available:
        droppable = [column for column in shown if column.priority > 0]
        if not droppable:
            break
        # the highest priority goes; of equals, the rightmost
        shown.remove(max(reversed(droppable), key=lambda column: column.priority))
    fixed = sum(column.width or 0 for column in shown)
    flexible = [column for column in shown if column.width is None]
    left = available - fixed - SEPARATOR * max(0, len(shown) - 1)
    if flexible:
        share = max(FLEX_MIN, left // len(flexible))
        return tuple(shown), tuple(share if column.width is None else column.width
                                   for column in shown)
    widths = [column.width or 0 for column in shown]
    if shown and left > 0 and len(shown) < len(columns):
        widths[0] += left  # columns were left out: the first one reads the room they left
    return tuple(shown), tuple(widths)


def cell_value(row: Any, key: str) -> Any:
    """A cell from a mapping row, a row with keys() (like a database row), or an object row."""
    if isinstance(row, Mapping):
        return row.get(key)
    keys = getattr(row, "keys", None)
    if callable(keys):
        return row[key] if key in keys() else None
    return getattr(row, key, None)


def row_id_of(row: Any) -> RowId:
    return cast(RowId, cell_value(row, "id"))


class ListRowSource:
    """An in-memory source, for small lists (and tests); sorting stays with its owner."""

    def __init__(self, rows: Iterable[Any] = ()) -> None:
        self.items: list[Any] = list(rows)

    def count(self) -> int:
        return len(self.items)

    def rows(self, offset: int, limit: int) -> Sequence[Any]:
        return self.items[offset : offset + limit]

    def index_of(self, row_id: RowId) -> int | None:
        for index, row in enumerate(self.items):
            if row_id_of(row) == row_id:
                return index
        return None


class _Frame(NamedTuple):
    """What every line of one repaint shares (a named tuple: a dataclass's generated methods
    cost the cold start about 5 M instructions to compile, and this one needs none)."""

    base: Style
    widths: tuple[int, ...]
    width: int
    scroll_x: int


# inherit_bindings=False: the scroll container's own bindings carry no ids; ours all do.
class TableMessage(Message):
    """What every table message carries: the table it came from, as its control."""

    def __init__(self, table: VirtualTable) -> None:
        super().__init__()
        self.table = table

    @property
    def control(self) -> VirtualTable:
        return self.table


class VirtualTable(ScrollView, can_focus=True, inherit_bindings=False):
    """Rows from a `RowSource`, one header line, a cursor row and marks kept by row id."""

    HELP_GROUP = "In the list"  # where `?` lists these keys

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "scroll_left", "Scroll left", show=False, id="virtual_table.scroll_left"),
        Binding("right", "scroll_right", "Scroll right", show=False,
                id="virtual_table.scroll_right"),
        Binding("down,j", "cursor_down", "Down", show=False, id="virtual_table.cursor_down"),
        Binding("up,k", "cursor_up", "Up", show=False, id="virtual_table.cursor_up"),
        Binding("home,g", "cursor_first", "First", show=False, id="virtual_table.cursor_first"),
        Binding("end,G", "cursor_last", "Last", show=False, id="virtual_table.cursor_last"),
        Binding("ctrl+d", "half_page_down", "½ page down", show=False,
                id="virtual_table.half_page_down"),
        Binding("ctrl+u", "half_page_up", "½ page up", show=False,
                id="virtual_table.half_page_up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="virtual_table.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="virtual_table.page_up"),
        Binding("enter", "choose", "Open", id="virtual_table.choose"),
        Binding("space", "toggle_mark", "Mark", id="virtual_table.toggle_mark"),
        Binding("greater_than_sign", "sort_next", "Sort →", show=False,
                id="virtual_table.sort_next"),
        Binding("less_than_sign", "sort_previous", "Sort ←", show=False,
                id="virtual_table.sort_previous"),
        Binding("o", "flip_sort", "Order", show=False, id="virtual_table.flip_sort"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "virtual-table--header",
        "virtual-table--cursor",
        "virtual-table--marked",
        "virtual-table--empty",
    }

    DEFAULT_CSS = """
    VirtualTable {
        height: 1fr;
        overflow-x: auto;
        overflow-y: auto;
    }
    VirtualTable > .virtual-table--header {
        text-style: bold;
        background: $panel;
    }
    VirtualTable > .virtual-table--cursor {
        background: $block-cursor-blurred-background;
        text-style: reverse;
    }
    VirtualTable:focus > .virtual-table--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    VirtualTable > .virtual-table--marked {
        color: $accent;
    }
    VirtualTable > .virtual-table--empty {
        color: $text-muted;
        text-style: italic;
    }
    """

    cursor_index: reactive[int] = reactive(0, init=False, always_update=False)
    empty_message: reactive[str] = reactive("Nothing to show.", init=False)

    class CursorMoved(TableMessage):
        """The cursor now sits on another row (None: the table is empty)."""

        def __init__(self, table: VirtualTable, row_id: RowId | None) -> None:
            super().__init__(table)
            self.row_id = row_id

    class RowChosen(TableMessage):
        """The recruiter pressed Enter on a row."""

        def __init__(self, table: VirtualTable, row_id: RowId) -> None:
            super().__init__(table)
            self.row_id = row_id

    class MarksChanged(TableMessage):
        """Rows were marked or unmarked; `count` is how many are marked now."""

        def __init__(self, table: VirtualTable, count: int) -> None:
            super().__init__(table)
            self.count = count

    class CountChanged(TableMessage):
        """A count that had stopped early was made whole (`row_count` is now every row)."""

    class SortChanged(TableMessage):
        """The recruiter picked another sort column or direction; the owner re-sorts the source."""

        def __init__(self, table: VirtualTable, column: str, descending: bool) -> None:
            super().__init__(table)
            self.column = column
            self.descending = descending

    def __init__(
        self,
        columns: Sequence[Column],
        source: RowSource,
        *,
        sort_column: str | None = None,
        descending: bool = False,
        empty_message: str = "Nothing to show.",
        window: int | None = None,
        markable: bool = True,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes, disabled=disabled)
        self.columns: tuple[Column, ...] = tuple(columns)
        self._source = source
        self.sort_column = sort_column
        self.descending = descending
        self._window = window
        self.markable = markable
        self._count = 0
        self._cache_start = 0
        self._cache: list[Any] = []
        self._screenful_first = False  # the next window read is the first screen only
        self._marked: set[RowId] = set()
        self._cursor_id: RowId | None = None
        self._lines: _Kept[Strip] = _Kept(LINE_CACHE_SIZE)
        self._cells: _Kept[list[Segment]] = _Kept(CELL_CACHE_SIZE)
        self._frame: _Frame | None = None
        self._layout: tuple[int, tuple[Column, ...], tuple[int, ...]] | None = None
        self.set_reactive(VirtualTable.empty_message, empty_message)
        self._empty_wrapped: tuple[tuple[str, int], list[Text]] | None = None

    # ---------------------------------------------------------------- reading the source

    @property
    def source(self) -> RowSource:
        return self._source

    @source.setter
    def source(self, source: RowSource) -> None:
        """Point the table at another query (a re-sort, or the same query re-read after a
        sync) and re-read it; the cursor stays on its row."""
        self._source = source
        self.reload()

    def start_over(self, source: RowSource) -> None:
        """Point the table at a new query whose cursor starts on the first row: a new filter
        shows its best matches from the top, not wherever the old row happens to sit."""
        self._source = source
        self._cursor_id = None
        self.cursor_index = 0
        self._screenful_first = True
        self.reload()

    @property
    def row_count(self) -> int:
        """The rows counted: every row once `counted_all`, else the source's count so far."""
        return self._count

    @property
    def counted_all(self) -> bool:
        """Whether `row_count` is every row (see CappedRowSource)."""
        return not isinstance(self._source, CappedRowSource) or self._source.counted_all

    @property
    def count_text(self) -> str:
        """The row count as the recruiter reads it: "1,234", or "10,000+" while the source
        has counted only so far (see CappedRowSource)."""
        return number(self._count) if self.counted_all else f"{number(self._count - 1)}+"

    def _count_all_near(self, index: int) -> None:
        """Near the end of a count that stopped early, count every row: the cursor and the
        scrollbar then reach the true end."""
        if index >= self._count - 2 * self._page_height() and not self.counted_all:
            assert isinstance(self._source, CappedRowSource)
            self._count = self._source.count_all()
            self._update_virtual_size()
            self.post_message(self.CountChanged(self))

    def row_at(self, index: int) -> Any | None:
        """The row at `index`, from the window cache or else by reading a new window."""
        if not 0 <= index < self._count:
            return None
        offset = index - self._cache_start
        if not 0 <= offset < len(self._cache):
            self._fill_window(index)
            offset = index - self._cache_start
        return self._cache[offset] if 0 <= offset < len(self._cache) else None

    def _fill_window(self, index: int) -> None:
        """Read a window around `index`: by default three screenfuls (at least 100 rows), so a
        screen's scrolling either way reads nothing; a source whose rows cost more (search hits
        with snippets) asks for a smaller `window`, never less than a screenful."""
        page = self._page_height()
        limit = max(100, 3 * page) if self._window is None else max(self._window, page + 1)
        if self._screenful_first and page > 1:  # (1: not laid out yet)
            # A new filter is typed a letter at a time, and each letter's list is replaced
            # by the next before anyone scrolls: its first screen is all it needs (a third of
            # the rows to read and draw per keystroke); scrolling on reads a whole window.
            limit = min(limit, page + 1)
        self._screenful_first = False
        start = max(0, min(index - limit // 3, self._count - limit))
        self._cache_start = start
        self._cache = list(self._source.rows(start, limit))

    def reload(self) -> None:
        """Re-read the count and the visible rows; the cursor stays on the same row id."""
        keep = self._cursor_id
        self._count = self._source.count()
        self._cache = []
        self._cache_start = 0
        # A cursor near or past where a re-read's count stopped (the list was counted whole
        # before) needs the whole count to find its row again, not the row at the cap.
        self._count_all_near(self.cursor_index)
        index = self._find(keep, near=self.cursor_index) if keep is not None else None
        if index is None:
            index = min(self.cursor_index, max(self._count - 1, 0))
        self._update_virtual_size()
        self._move(index)
        self.refresh()

    def _find(self, row_id: RowId, *, near: int) -> int | None:
        """Where `row_id` sits now: near its old place if it is there, else ask the source."""
        if self._count == 0:
            return None
        self._fill_window(min(near, self._count - 1))
        for offset, row in enumerate(self._cache):
            if row_id_of(row) == row_id:
                return self._cache_start + offset
        if isinstance(self._source, IndexedRowSource):
            index = self._source.index_of(row_id)
            if index is not None and 0 <= index < self._count:
                return index
        return None

    def row_id_at(self, index: int) -> RowId | None:
        row = self.row_at(index)
        return None if row is None else row_id_of(row)

    @property
    def cursor_row_id(self) -> RowId | None:
        return self._cursor_id

    @property
    def cursor_row(self) -> Any | None:
        return self.row_at(self.cursor_index)

    # ---------------------------------------------------------------- marks

    @property
    def marked(self) -> frozenset[RowId]:
        return frozenset(self._marked)

    @property
    def mark_count(self) -> int:
        return len(self._marked)

    def set_marks(self, row_ids: Iterable[RowId]) -> None:
        self._marked = set(row_ids)
        self.post_message(self.MarksChanged(self, len(self._marked)))
        self.refresh()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Marking is offered only where marked rows are used (not, say, on search hits)."""
        return self.markable or action != "toggle_mark"

    def action_toggle_mark(self) -> None:
        """Mark or unmark the cursor row and step down, so a run of rows is quick to mark."""
        row_id = self._cursor_id
        if row_id is None:
            return
        if row_id in self._marked:
            self._marked.discard(row_id)
        else:
            self._marked.add(row_id)
        self.post_message(self.MarksChanged(self, len(self._marked)))
        self.refresh()
        self._move(self.cursor_index + 1)

    # ---------------------------------------------------------------- cursor

    def _page_height(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def move_cursor(self, index: int) -> None:
        self._move(index)

    def move_cursor_to_id(self, row_id: RowId) -> bool:
        """Put the cursor on `row_id` if the source has it; says whether it did."""
        index = self._find(row_id, near=self.cursor_index)
        if index is None:
            return False
        self._move(index)
        return True

    def _move(self, index: int) -> None:
        self._count_all_near(index)
        index = max(0, min(index, self._count - 1)) if self._count else 0
        new_id = self.row_id_at(index)
        changed = new_id != self._cursor_id
        self._cursor_id = new_id
        self.cursor_index = index
        self._scroll_cursor_into_view()
        self.refresh()
        if changed:
            self.post_message(self.CursorMoved(self, new_id))

    @property
    def cursor_region(self) -> Region | None:
        """Where on the screen the cursor row is drawn now; None when it is scrolled out of
        view or there is no row (the App keeps toasts off it)."""
        if not self._count:
            return None
        content = self.scrollable_content_region
        line = self.cursor_index - round(self.scroll_y) + 1  # line 0 is the header
        if not 1 <= line < content.height:
            return None
        return Region(content.x, content.y + line, content.width, 1)

    def _scroll_cursor_into_view(self) -> None:
        top = round(self.scroll_y)
        page = self._page_height()
        if self.cursor_index < top:
            self.scroll_to(y=self.cursor_index, animate=False, immediate=True)
        elif self.cursor_index >= top + page:
            self.scroll_to(y=self.cursor_index - page + 1, animate=False, immediate=True)

    def action_cursor_down(self) -> None:
        self._move(self.cursor_index + 1)

    def action_cursor_up(self) -> None:
        self._move(self.cursor_index - 1)

    def action_cursor_first(self) -> None:
        self._move(0)

    def action_cursor_last(self) -> None:
        self._count_all_near(self._count)
        self._move(self._count - 1)

    def action_half_page_down(self) -> None:
        self._move(self.cursor_index + max(1, self._page_height() // 2))

    def action_half_page_up(self) -> None:
        self._move(self.cursor_index - max(1, self._page_height() // 2))

    def action_page_down(self) -> None:
        self._move(self.cursor_index + self._page_height())

    def action_page_up(self) -> None:
        self._move(self.cursor_index - self._page_height())

    def action_choose(self) -> None:
        if self._cursor_id is not None:
            self.post_message(self.RowChosen(self, self._cursor_id))

    # ---------------------------------------------------------------- sorting

    def _sortable(self) -> list[Column]:
        return [column for column in self.columns if column.sortable]

    def set_sort(self, column: str, descending: bool = False) -> None:
        """Show `column` as the sort column and tell the owner, who re-sorts the source."""
        self.sort_column = column
        self.descending = descending
        self.refresh()
        self.post_message(self.SortChanged(self, column, descending))

    def _step_sort(self, step: int) -> None:
        keys = [column.key for column in self._sortable()]
        if not keys:
            return
        position = keys.index(self.sort_column) if self.sort_column in keys else -step
        self.set_sort(keys[(position + step) % len(keys)], self.descending)

    def action_sort_next(self) -> None:
        self._step_sort(1)

    def action_sort_previous(self) -> None:
        self._step_sort(-1)

    def action_flip_sort(self) -> None:
        if self.sort_column is None:
            self._step_sort(1)
        else:
            self.set_sort(self.sort_column, not self.descending)

    def on_click(self, event: events.Click) -> None:
        """Mouse as a convenience: a click picks a row (twice opens it) or sorts by a header."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y == 0:
            column = self._column_at(offset.x + round(self.scroll_x))
            if column is not None and column.sortable:
                same = column.key == self.sort_column
                self.set_sort(column.key, not self.descending if same else False)
            return
        self._move(round(self.scroll_y) + offset.y - 1)
        if event.chain == 2:
            self.action_choose()

    def _column_at(self, x: int) -> Column | None:
        left = GUTTER
        for column, width in zip(self.shown_columns, self._widths(), strict=True):
            if left <= x < left + width:
                return column
            left += width + SEPARATOR
        return None

    # ---------------------------------------------------------------- rendering

    def on_mount(self) -> None:
        self.reload()

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        """Textual's vertical scrollbar made on first use, as a QuickScrollBar: the thumb
        moves on most filter keystrokes, and Textual styles all of its lines each time."""
        return own_vertical_scrollbar(self, lambda: QuickScrollBar(
            vertical=True, name="vertical", thickness=self.scrollbar_size_vertical))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Scrolled (the wheel, the scrollbar) near the end of a count that stopped early."""
        super().watch_scroll_y(old_value, new_value)
        if self.is_mounted:
            self._count_all_near(round(new_value) + self._page_height())

    def on_resize(self) -> None:
        self._update_virtual_size()
        self._scroll_cursor_into_view()

    def watch_empty_message(self) -> None:
        self.refresh()

    def _fitted(self) -> tuple[tuple[Column, ...], tuple[int, ...]]:
        """The columns shown at the current width and their widths, worked out again only
        when the width changes (then every cached line and cell is of another layout)."""
        available = self.scrollable_content_region.width - GUTTER
        if self._layout is None or self._layout[0] != available:
            shown, widths = fit_columns(self.columns, available)
            if self._layout is not None and self._layout[1] != shown:
                self._lines = _Kept(LINE_CACHE_SIZE)
                self._cells = _Kept(CELL_CACHE_SIZE)
            self._layout = (available, shown, widths)
        return self._layout[1], self._layout[2]

    @property
    def shown_columns(self) -> tuple[Column, ...]:
        """The columns that fit the table's width now (see `Column.priority`)."""
        return self._fitted()[0]

    def _widths(self) -> list[int]:
        """Widths of the shown columns for the current size."""
        return list(self._fitted()[1])

    def _update_virtual_size(self) -> None:
        widths = self._widths()
        size = Size(GUTTER + sum(widths) + SEPARATOR * max(0, len(widths) - 1), self._count + 1)
        old = self.virtual_size
        if size == old:
            return
        viewport = self.scrollable_content_region.height
        if (self.is_mounted and size.width == old.width and self.show_vertical_scrollbar
                and size.height > viewport and old.height > viewport):
            # The same scrollbars before and after: only the vertical thumb changes. Setting
            # virtual_size re-lays out and redraws the whole screen, a third of a filter
            # keystroke's time, so set it quietly and move the thumb and the scroll limit.
            self.set_reactive(VirtualTable.virtual_size, size)
            resize_thumb(self.vertical_scrollbar, size.height)
            if self.scroll_y > self.max_scroll_y:
                self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)
            return
        self.virtual_size = size

    def _header_text(self, widths: Sequence[int]) -> Text:
        line = Text(" " * GUTTER)
        for position, (column, width) in enumerate(zip(self.shown_columns, widths,
                                                       strict=True)):
            title = Text(column.title)
            if column.key == self.sort_column:
                # The direction must stay visible however narrow the column: cut the title.
                title.truncate(max(0, width - 2), overflow="ellipsis")
                title.append(" ▼" if self.descending else " ▲")
            if position:
                line.append(" " * SEPARATOR)
            line.append_text(_fit(title, width, column.align))
        return line

    def _row_segments(self, row: Any, widths: Sequence[int], marked: bool) -> list[Segment]:
        """A row's segments. Each cell is drawn once per value and width: statuses, ratings,
        counts and days repeat down a list, and formatting a cell was most of drawing a row."""
        console = self.app.console
        segments = [Segment(f"{MARK_SIGN if marked else ' '} ")]
        # The layout the frame's widths came from (worked out once per frame, not per row).
        columns = self._layout[1] if self._layout is not None else self.shown_columns
        for position, (column, width) in enumerate(zip(columns, widths, strict=True)):
            value = cell_value(row, column.key)
            if position:
                segments.append(Segment(" " * SEPARATOR))
            segments += self._cells.get((position, value, width), _draw_cell, column, value,
                                        width, console)
        return segments

    def render_lines(self, crop: Region) -> list[Strip]:
        # Styles and widths are the same for every line of a frame: work them out once.
        self._frame = self._frame_settings()
        try:
            if styling_pass_changes_nothing(self):
                return lines_without_styling_pass(self, crop, self.render_line)
            return super().render_lines(crop)
        finally:
            self._frame = None

    def _frame_settings(self) -> _Frame:
        return _Frame(
            base=self.rich_style,
            widths=tuple(self._widths()),
            width=self.scrollable_content_region.width,
            scroll_x=round(self.scroll_x),
        )

    def render_line(self, y: int) -> Strip:
        frame = self._frame or self._frame_settings()
        base, widths, width, scroll_x = frame.base, frame.widths, frame.width, frame.scroll_x
        if y == 0:
            style = base + self.get_component_rich_style("virtual-table--header")
            return self._strip(self._header_text(widths), style, scroll_x, width)
        if self._count == 0:
            lines = self._empty_lines(width)
            if not 0 <= y - 2 < len(lines):
                return Strip.blank(width, base)
            style = base + self.get_component_rich_style("virtual-table--empty")
            return self._strip(lines[y - 2], style, 0, width)
        index = round(self.scroll_y) + y - 1
        row = self.row_at(index)
        if row is None:
            return Strip.blank(width, base)
        marked = row_id_of(row) in self._marked
        style = base
        if marked:
            style += self.get_component_rich_style("virtual-table--marked")
        if index == self.cursor_index:
            style += self.get_component_rich_style("virtual-table--cursor")
        # Lines are kept by the row they show, not where: moving the cursor repaints every
        # visible line though two change, and a filter typed and deleted again, or narrowed,
        # shows many of the same rows (the filter benchmark's keystroke-to-frame time). Rows
        # are immutable records, so the row itself is the key.
        return self._lines.get((row, marked, style, widths, scroll_x, width), self._draw_row,
                               row, marked, style, widths, scroll_x, width)

    def _draw_row(self, row: Any, marked: bool, style: Style, widths: Sequence[int],
                  scroll_x: int, width: int) -> Strip:
        # Every cell is cut or padded to its column's width, so the row's cells are known:
        # told to the strip, Textual does not measure the row's text again, character by
        # character (a quarter of drawing the list's first screen).
        cells = GUTTER + sum(widths) + SEPARATOR * max(len(widths) - 1, 0)
        return self._row_strip(self._row_segments(row, widths, marked), style, scroll_x, width,
                               cells)

    def _empty_lines(self, width: int) -> list[Text]:
        """The empty message centred, on as many lines as `width` needs: why a first sync
        brought nothing can run past a narrow terminal, and was cut off mid-word."""
        key = (self.empty_message, width)
        if self._empty_wrapped is None or self._empty_wrapped[0] != key:
            wrapped = Text(plain_line(self.empty_message)).wrap(
                self.app.console, max(1, width), justify="center")
            self._empty_wrapped = (key, list(wrapped))
        return self._empty_wrapped[1]

    def _strip(self, text: Text, style: Style, scroll_x: int, width: int) -> Strip:
        """One line: the text over `style`, cropped to the visible columns, padded to `width`."""
        return self._row_strip(text.render(self.app.console), style, scroll_x, width)

    @staticmethod
    def _row_strip(segments: Iterable[Segment], style: Style, scroll_x: int,
                   width: int, cells: int | None = None) -> Strip:
        """`cells`, when the caller knows it, is how many cells the segments take."""
        # Neighbouring cells in the row's own style join into one segment: every segment
        # costs again in each of Textual's steps after this (styles, crop, colour filter).
        strip = Strip(list(Segment.simplify(segments)), cells).apply_style(style)
        return strip.crop_extend(scroll_x, scroll_x + width, style)


def _draw_cell(column: Column, value: Any, width: int, console: Console) -> list[Segment]:
    shown = column.formatter(value)
    cell = shown if isinstance(shown, Text) else Text(plain_line(shown))
    return _cell_segments(cell, width, column.align, console)


def _cell_segments(cell: Text, width: int, align: Align, console: Console) -> list[Segment]:
    """A cell cut (with an ellipsis) or padded to `width` cells: what rich's truncate, align
    and render make of one line of text, without them. Their copies and re-slicing took
    90 µs for a search hit's snippet, most of drawing a row of search results."""
    plain, cells = _cut(cell.plain, width)
    gap = width - cells
    lead = gap if align == "right" else gap // 2 if align == "center" else 0
    padded = " " * lead + plain + " " * (gap - lead)
    null = Style.null()
    base = console.get_style(cell.style, default=null)
    spans = [(span.start + lead, min(span.end, len(plain)) + lead,
              console.get_style(span.style, default=null))
             for span in cell.spans if span.start < len(plain)]
    if not spans:
        return [Segment(padded, base or None)]
    return _styled_runs(padded, base, spans)


def _cut(plain: str, width: int) -> tuple[str, int]:
    """The text in at most `width` cells, an ellipsis marking a cut, and the cells it takes.
    A text of one-cell characters is sliced; anything else goes through rich's grapheme-aware
    cut, which walks it character by character (60 µs for a search hit's snippet)."""
    one_cell = ONE_CELL.issuperset(plain)
    cells = len(plain) if one_cell else cell_len(plain)
    if cells <= width:
        return plain, cells
    if width <= 0:
        return "", 0
    kept = plain[:width - 1] if one_cell else set_cell_size(plain, width - 1)
    return kept + "…", width


def _styled_runs(text: str, base: Style, spans: list[tuple[int, int, Style]]) -> list[Segment]:
    """The text split at every span's edges, each run in the base style plus the spans over
    it in their order, as rich renders styled text."""
    edges = sorted({0, len(text)}.union(*((start, end) for start, end, _ in spans)))
    runs = []
    for start, end in pairwise(edges):
        over = [style for first, last, style in spans if first <= start and end <= last]
        runs.append(Segment(text[start:end], Style.combine([base, *over]) if over else base))
    return runs


def _fit(text: Text, width: int, align: Align) -> Text:
    text.no_wrap = True
    text.truncate(width, overflow="ellipsis")
    text.align(align, width)
    return text

