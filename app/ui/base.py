"""What every top-level screen shares: the status bar on top, the footer below, and a re-read
whenever sync changes the cache."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING, ClassVar, NamedTuple, cast

from textual.actions import parse as parse_action
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from app.ui.focus import takes_input, typed_key
from app.ui.status_bar import Connection, StatusBar
from app.ui.styling import RestyledWhenStale
from app.ui.toasts import keep_toasts_off_the_cursor
from widgets.footer import KeyFooter
from widgets.virtual_table import VirtualTable

if TYPE_CHECKING:
    from app.factory import AppContext
    from app.ui.app import InterviewDeskApp


class PaletteAction(NamedTuple):
    """One of a screen's actions as the command palette offers it, by a recruiter's words."""

    title: str
    help: str
    action: str  # an action of the screen, written as a key binding writes it


class DeskScreen(RestyledWhenStale):
    """A top-level section. Subclasses compose their body and re-read in `on_cache_changed`."""

    HELP_TITLE = "Interview Desk"
    BINDINGS: ClassVar[list[BindingType]] = [
        # Textual's own, described as it works here: with nothing selected the App's ctrl+c
        # quits.
        Binding("ctrl+c", "screen.copy_text", "Copy the selection, else quit", show=False,
                id="screen.copy"),
    ]
    # What ctrl+p offers on this screen; each only where `check_action` allows it now.
    PALETTE: ClassVar[tuple[PaletteAction, ...]] = ()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A character typed into a focused box is text: none of the screen's keys runs on it
        (those that lead into a box are checked before the box sees the key: `into_text`).
        Screens that ask more end with this."""
        return not self.desk.key_is_text()

    def offers(self, action: str, parameters: tuple[object, ...]) -> bool:
        """Whether the palette offers `action` now: what the keys allow, and a screen may ask
        more (its key may still work, to say why it does nothing here)."""
        return self.check_action(action, parameters) is True

    def typed_into_a_box(self, binding: Binding) -> bool:
        """Whether `binding`'s key is a character the box with the focus takes as text: the
        footer and help do not offer it there (in the filter, "/ Filter" named a key that
        types a slash). Only the offer: the palette still runs the action by name."""
        return typed_key(binding.key) and takes_input(self.app.focused)

    def palette_commands(self) -> Iterator[SystemCommand]:
        """This screen's actions that apply now (a recording link only where there is one,
        compare only with 2-5 marked), each with its key when one is bound."""
        keys = {active.binding.action: self.app.get_key_display(active.binding)
                for active in self.active_bindings.values()}
        for entry in self.PALETTE:
            _namespace, name, parameters = parse_action(entry.action)
            if not self.offers(name, parameters):
                continue
            key = keys.get(entry.action)
            yield SystemCommand(entry.title, f"{entry.help} ({key})" if key else entry.help,
                                partial(self.run_action, entry.action))

    @property
    def desk(self) -> InterviewDeskApp:
        return cast("InterviewDeskApp", self.app)

    @property
    def context(self) -> AppContext:
        return self.desk.context

    def compose(self) -> ComposeResult:
        yield StatusBar(self.context.clock, id="status-bar")
        yield from self.compose_body()
        yield KeyFooter(hides=self.typed_into_a_box)

    def compose_body(self) -> ComposeResult:
        raise NotImplementedError

    def on_mount(self) -> None:
        # Textual calls the `on_mount` of every class along the MRO (this one after the
        # subclass's), so subclasses must not call `super().on_mount()`: it would run twice.
        self.watch(self.app, "connection", self._show_connection)
        self.desk.cache_changed.subscribe(self, self._cache_changed)
        # A toast arrived or left, or the panels moved: keep the toasts off the cursor row.
        self.screen_layout_refresh_signal.subscribe(self, self._keep_toasts_off_the_cursor)

    def _keep_toasts_off_the_cursor(self, _screen: Screen) -> None:
        keep_toasts_off_the_cursor(self, self.focused)

    def _show_connection(self, connection: Connection | None) -> None:
        self.query_one(StatusBar).connection = connection

    def _cache_changed(self, _: None) -> None:
        self.on_cache_changed()

    def chosen_candidate_ids(self) -> list[str]:
        """The candidates s schedules from here (none unless a section says which)."""
        return []

    def on_cache_changed(self) -> None:
        """Sync wrote to the cache: re-read what this screen shows (cursor stays by id)."""


class ListScreen(DeskScreen):
    """A desk screen around one list whose Enter opens the row under the cursor (what opening
    means is the screen's `RowChosen` handler), so the palette offers "open" only while a row
    is there."""

    def offers(self, action: str, parameters: tuple[object, ...]) -> bool:
        if action == "open":
            return self.query_one(VirtualTable).cursor_row_id is not None
        return super().offers(action, parameters)

    def action_open(self) -> None:
        self.query_one(VirtualTable).action_choose()
