"""The key footer: the keys that work on the screen now, as one line."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.screen import Screen

PALETTE_SEPARATOR = "▏"  # Textual's footer sets the palette key apart with this edge
DIMMED = Style(dim=True)


class FooterItem(NamedTuple):
    key: str
    shown_as: str
    description: str
    enabled: bool
    optional: bool = False  # the app's own keys (not help): the first to go when narrow


class KeyFooter(Widget):
    """The focused screen's keys as Textual's Footer shows them (key, then what it does; the
    command palette's key on the right; a disabled key dimmed; a click on a key presses
    it), drawn as one line of text. Textual's Footer is a container of one widget per key,
    mounted and styled again on every focus change: a dozen widgets before the desk's first
    frame, about a tenth of its cold start."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-footer--key", "key-footer--description", "key-footer--edge"}
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        width: 1fr;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .key-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .key-footer--edge {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self, *, hides: Callable[[Binding], bool] | None = None) -> None:
        """`hides`: the screen's say on keys Textual would offer that do not work as keys now
        (a letter while a text box has the focus takes it as text)."""
        super().__init__()
        self._hides = hides
        self._items: tuple[FooterItem, ...] = ()
        self._palette: FooterItem | None = None
        self._spans: list[tuple[int, int, FooterItem]] = []  # cells each drawn key covers

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        """Redraw only when the keys shown change: focus moves often, the keys less so."""
        app = self.app
        items: list[FooterItem] = []
        palette: FooterItem | None = None
        actions: set[str] = set()
        for key, (node, binding, enabled, _tooltip) in screen.active_bindings.items():
            if self._hides is not None and self._hides(binding):
                continue
            optional = node is app and binding.action not in ("help", "app.help")
            item = FooterItem(binding.key, app.get_key_display(binding), binding.description,
                              enabled, optional)
            if app.ENABLE_COMMAND_PALETTE and key == app.COMMAND_PALETTE_BINDING:
                palette = item
            elif binding.show and binding.action not in actions:
                actions.add(binding.action)  # one key an action, as Textual's footer does
                items.append(item)
        if (tuple(items), palette) != (self._items, self._palette):
            self._items, self._palette = tuple(items), palette
            self.refresh()

    def _fitting(self) -> list[FooterItem]:
        """The items that fit on the line: when they do not all fit, the app's own keys
        (sections, refresh; help stays) give way to the screen's, from the right."""
        items = list(self._items)
        room = self.size.width
        while sum(self._item_text(item).cell_len for item in items) > room:
            optional = [index for index, item in enumerate(items) if item.optional]
            if not optional:
                break
            del items[optional[-1]]
        return items

    def render(self) -> Text:
        line = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []
        for item in self._fitting():
            self._append(line, item)
        if self._palette is not None:
            palette = self._item_text(self._palette, padded=False)
            gap = self.size.width - line.cell_len - len(PALETTE_SEPARATOR) - palette.cell_len
            if gap >= 0:
                line.append(" " * gap)
                line.append(PALETTE_SEPARATOR,
                            style=self.get_component_rich_style("key-footer--edge"))
                self._append(line, self._palette, palette)
        return line

    def _append(self, line: Text, item: FooterItem, text: Text | None = None) -> None:
        """Add the item (drawn as `text`, or as usual) to the line, noting which cells it
        covers, for clicks."""
        start = line.cell_len
        line.append_text(text or self._item_text(item))
        self._spans.append((start, line.cell_len, item))

    def _item_text(self, item: FooterItem, *, padded: bool = True) -> Text:
        """` key what-it-does `; the palette's key sits against its edge: `▏^p palette `."""
        key_style = self.get_component_rich_style("key-footer--key")
        description_style = self.get_component_rich_style("key-footer--description")
        if not item.enabled:
            key_style, description_style = key_style + DIMMED, description_style + DIMMED
        text = Text()
        text.append(f" {item.shown_as} " if padded else item.shown_as, style=key_style)
        if item.description:
            text.append(f"{item.description} " if padded else f" {item.description} ",
                        style=description_style)
        return text

    def on_click(self, event: events.Click) -> None:
        """A click on a key presses it; on a disabled key, the bell."""
        for start, end, item in self._spans:
            if start <= event.x < end:
                if item.enabled:
                    self.app.simulate_key(item.key)
                else:
                    self.app.bell()
                return
