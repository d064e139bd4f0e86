"""The key footer: the keys that work where the focus is, disabled ones dimmed, clickable."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Input

from widgets.footer import KeyFooter


class Field(Input):
    BINDINGS = [Binding("ctrl+k", "clear_field", "Clear field")]


class FooterApp(App[None]):
    BINDINGS = [
        Binding("o", "open", "Open"),
        Binding("enter", "open", "Open too"),  # the same action: shown once
        Binding("d", "delete", "Delete"),
        Binding("z", "secret", "Secret", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.opened = 0
        self.can_delete = False

    def compose(self) -> ComposeResult:
        yield Field()
        yield KeyFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "delete" and not self.can_delete:
            return None  # shown, but disabled
        return True

    def action_open(self) -> None:
        self.opened += 1


def footer_line(app: FooterApp) -> str:
    return app.screen.query_one(KeyFooter).render().plain


async def test_shows_each_action_once_and_the_palette_on_the_right() -> None:
    app = FooterApp()
    async with app.run_test(size=(80, 6)) as pilot:
        app.set_focus(None)
        await pilot.pause()
        line = footer_line(app)
        assert line.startswith(" o Open  d Delete ")
        assert "Open too" not in line and "Secret" not in line
        assert line.endswith("▏^p palette ") and len(line) == 80


async def test_follows_the_focus() -> None:
    app = FooterApp()
    async with app.run_test(size=(80, 6)) as pilot:
        app.query_one(Field).focus()
        await pilot.pause()
        assert "^k Clear field" in footer_line(app)
        app.set_focus(None)
        await pilot.pause()
        assert "Clear field" not in footer_line(app)


async def test_a_disabled_key_is_dimmed_and_enabled_again() -> None:
    app = FooterApp()
    async with app.run_test(size=(80, 6)) as pilot:
        app.set_focus(None)
        await pilot.pause()
        text = app.screen.query_one(KeyFooter).render()
        start = text.plain.index(" d ")
        assert text.get_style_at_offset(app.console, start + 1).dim
        app.can_delete = True
        app.refresh_bindings()
        await pilot.pause()
        text = app.screen.query_one(KeyFooter).render()
        assert not text.get_style_at_offset(app.console, start + 1).dim


async def test_a_click_on_a_key_presses_it() -> None:
    app = FooterApp()
    async with app.run_test(size=(80, 6)) as pilot:
        app.set_focus(None)
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        await pilot.click(KeyFooter, offset=(footer_line(app).index("Open"), 0))
        await pilot.pause()
        assert app.opened == 1
        await pilot.click(KeyFooter, offset=(footer.size.width // 2, 0))  # between keys
        await pilot.pause()
        assert app.opened == 1
