"""Every place the app leans on how Textual or Rich work inside, in one module.

Textual is pinned to one version (pyproject.toml; the README says why). What is here uses a
private name (`rich._wrap`, `Input._watch_value`, `Widget._vertical_scrollbar`,
`App._start_widget`, `Stylesheet._variables`, `Stylesheet._rules`), or reproduces a private
pass of Textual's (its per-line styling, the arguments `ScrollBar._render_bar` draws with) to
skip it where it would change nothing. Each was measured to matter (the docstrings say by how
much), and none has a public API that serves: where one did, it replaced
the hook. The equivalence tests in tests/widgets/test_private_hooks.py compare each hook with
the public path it stands in for, so an upgrade that changes those insides fails there, in one
place, and not on a recruiter's screen.
"""

from __future__ import annotations

from collections.abc import Callable
from math import ceil

from rich._wrap import divide_line
from rich.text import Text
from textual.css.stylesheet import Stylesheet
from textual.geometry import Region
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.strip import Strip
from textual.style import Style as TextualStyle
from textual.widget import Widget
from textual.widgets import Input


def wrapped_line_count(text: str, width: int) -> int:
    """How many lines `Text(text).wrap(console, width)` makes, without building the Text
    objects. A transcript counts every turn's lines to size itself (5,000 turns in the bench);
    Rich's public wrap builds a Text per line to answer, its line division alone is private."""
    return sum(len(divide_line(_tabs_expanded(paragraph), width, fold=True)) + 1
               for paragraph in text.split("\n"))


def _tabs_expanded(paragraph: str) -> str:
    """Tabs to spaces as Rich's wrap expands them: by cells, so a wide character before a tab
    counts twice (`str.expandtabs` counts characters, and miscounted such lines)."""
    if "\t" not in paragraph:
        return paragraph
    text = Text(paragraph)
    text.expand_tabs(8)
    return text.plain


class EarlyValueHookInput(Input):
    """An Input that runs `before_value_watch(value)` ahead of Textual's own watcher of `value`.

    Textual's watcher (`Input._watch_value`) sets the virtual size, which re-lays out the whole
    screen; a public `watch_value` runs only after it, too late to make that assignment a no-op.
    """

    def before_value_watch(self, value: str) -> None:
        """Called with the new value before Textual's watcher sees it."""

    def _watch_value(self, value: str) -> None:
        self.before_value_watch(value)
        super()._watch_value(value)


class ParsedOnceStylesheet(Stylesheet):
    """A stylesheet that parses each source once while the CSS variables stay the same.

    Showing the first screen of an app's mode (the desk's candidate list, before the first
    frame) runs `App.refresh_css`, which sets the same variables again, and that empties the
    cache of parsed sources; its `reparse` then parses every source afresh into a new
    stylesheet and keeps none of it, so the next widget class with CSS of its own parsed all
    of them a third time: the app's stylesheet and every default one, 68 M of the desk's
    1,480 M instructions to its first frame (about 11 ms). Here the same variables keep the
    cache, and a re-parse goes through it: a source whose text changed is parsed again, and
    new variables (another theme) still empty the cache, so everything is parsed with them.

    `generation` counts the parses that changed the rules: a screen styled under the same
    count needs no restyle for them (app/ui/styling.py). A re-parse through the cache gives
    back the very rule objects it gave before, so a parse that changed nothing is told by
    identity (Textual re-parses on every first return to a section).
    """

    generation = 0

    def set_variables(self, variables: dict[str, str]) -> None:
        if variables != self._variables:
            super().set_variables(variables)

    def parse(self) -> None:
        before = self._rules
        super().parse()
        after = self._rules
        if len(after) != len(before) or any(
                new is not old for new, old in zip(after, before, strict=True)):
            self.generation += 1

    def reparse(self) -> None:
        self.parse()


def own_vertical_scrollbar(widget: Widget, make: Callable[[], ScrollBar]) -> ScrollBar:
    """What `Widget.vertical_scrollbar` does, with a scrollbar from `make()`: Textual builds its
    own in that property and offers no public way to choose the class."""
    if widget._vertical_scrollbar is None:
        bar = make()
        bar.display = False
        widget._vertical_scrollbar = bar
        widget.app._start_widget(widget, bar)
    return widget._vertical_scrollbar


class QuickScrollBar(ScrollBar):
    """A vertical scrollbar that styles each distinct line once.

    Textual styles every line of a scrollbar separately, and repaints the whole bar whenever the
    thumb moves or changes size, which a filtered list does on nearly every keystroke. A bar has
    only a handful of different lines (track above, thumb, track below, the two partial ends),
    so this one asks Textual to style one line of each kind and repeats it: what shows is
    Textual's own rendering, line for line. In issue 9's filter benchmark the bar's share of a
    keystroke went from 2.1 ms to 1.0 ms."""

    def render_lines(self, crop: Region) -> list[Strip]:
        styles = self.styles
        if not self.vertical or styles.gutter or any(edge for edge, _ in styles.outline):
            return super().render_lines(crop)  # a line's look would depend on where it is
        style_line = super().render_lines
        first_seen: dict[tuple[object, ...], int] = {}
        kinds = [first_seen.setdefault(tuple(self.render_line(y)), y)
                 for y in crop.line_range]
        styled = {y: style_line(Region(crop.x, y, crop.width, 1))[0]
                  for y in first_seen.values()}
        return [styled[y] for y in kinds]


def resize_thumb(bar: ScrollBar, virtual_size: int) -> None:
    """Set a vertical bar's `window_virtual_size`, repainting the bar only when that changes
    what it draws.

    A filter's count changes on every keystroke, and Textual repaints the bar whenever it
    does, though with a screenful of rows or more per cell of bar the thumb stays the same one
    cell at the top (the bar was 8% of a filter keystroke's frame). Textual's own drawing of
    the bar decides: `ScrollBarRender.render_bar` with the old size and with the new, given
    what `ScrollBar._render_bar` gives it; when both draw the same, the size is set quietly."""
    height = bar.size.height

    def drawn(size: int) -> list[object]:
        window = bar.window_size if bar.window_size < size else 0
        return list(ScrollBarRender.render_bar(
            size=height, virtual_size=ceil(size), window_size=ceil(window),
            position=bar.position, thickness=bar.thickness, vertical=True).segments)

    if bar.vertical and height and drawn(bar.window_virtual_size) == drawn(virtual_size):
        bar.set_reactive(ScrollBar.window_virtual_size, virtual_size)
    else:
        bar.window_virtual_size = virtual_size


def styling_pass_changes_nothing(widget: Widget) -> bool:
    """No border, padding, outline, tint, opacity or hatch: Textual's per-line styling pass
    leaves each of the widget's lines as it is, so `lines_without_styling_pass` may skip it."""
    styles = widget.styles
    return (not styles.gutter and not any(edge for edge, _ in styles.outline)
            and not styles.tint.a and styles.text_opacity == 1 and widget.opacity == 1
            and not (styles.has_rule("hatch") and styles.hatch != "none"))


def lines_without_styling_pass(widget: Widget, crop: Region,
                               render_line: Callable[[int], Strip]) -> list[Strip]:
    """What Textual's styles cache makes of a plainly styled widget's lines, without it.

    The cache builds a new strip for every line of every repaint and runs the app's colour
    filters over it again, 47 µs a line even when the line itself came from a cache of ours
    (issue 9's filter benchmark repaints the whole table on each keystroke). Passing our strips
    on keeps them, and the filters' results cached on them, from frame to frame."""
    width = widget.region.width
    content_width, content_height = widget.content_region.size
    base_background, background = widget.background_colors
    blank_style = TextualStyle(background=base_background + background).rich_style
    filters = widget.get_line_filters()
    strips: list[Strip] = []
    for y in crop.line_range:
        if y < content_height:
            line = render_line(y).adjust_cell_length(content_width, blank_style)
        else:
            line = Strip.blank(content_width, blank_style)
        for line_filter in filters:
            line = line.apply_filter(line_filter, background)
        strips.append(line)
    if crop.column_span != (0, width):
        x1, x2 = crop.column_span
        strips = [strip.crop(x1, x2) for strip in strips]
    return strips
