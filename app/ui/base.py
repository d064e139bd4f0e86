"""What every top-level screen shares: the status bar on top, the footer below, and a re-read
whenever sync changes the cache."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.screen import Screen

from app.ui.status_bar import Connection, StatusBar
from widgets.footer import KeyFooter

if TYPE_CHECKING:
    from app.factory import AppContext
    from app.ui.app import InterviewDeskApp


class DeskScreen(Screen[None]):
    """A top-level section. Subclasses compose their body and re-read in `on_cache_changed`."""

    HELP_TITLE = "Interview Desk"

    @property
    def desk(self) -> InterviewDeskApp:
        return cast("InterviewDeskApp", self.app)

    @property
    def context(self) -> AppContext:
        return self.desk.context

    def compose(self) -> ComposeResult:
        yield StatusBar(self.context.clock, id="status-bar")
        yield from self.compose_body()
        yield KeyFooter()

    def compose_body(self) -> ComposeResult:
        raise NotImplementedError

    def on_mount(self) -> None:
        self._cache_version_shown = self.desk.cache_version
        self.watch(self.app, "connection", self._show_connection)
        self.watch(self.app, "cache_version", self._cache_version_changed, init=False)

    def _show_connection(self, connection: Connection | None) -> None:
        self.query_one(StatusBar).connection = connection

    def _cache_version_changed(self, version: int) -> None:
        # The first section mounts before the App initialises its reactives, which then calls
        # every watcher once with the value this screen has already read.
        if version != self._cache_version_shown:
            self._cache_version_shown = version
            self.on_cache_changed()

    def on_cache_changed(self) -> None:
        """Sync wrote to the cache: re-read what this screen shows (cursor stays by id)."""
