"""The filter field: typing keeps its size in step with its text, and long text scrolls."""

from __future__ import annotations

from textual.app import App, ComposeResult

from widgets.quick_input import QuickInput


class FieldApp(App[None]):
    CSS = "QuickInput { width: 20; }"

    def compose(self) -> ComposeResult:
        yield QuickInput()


async def test_typing_keeps_the_size_in_step_and_long_text_scrolls_to_the_cursor() -> None:
    app = FieldApp()
    async with app.run_test(size=(40, 5)) as pilot:
        field = app.query_one(QuickInput)
        field.focus()
        await pilot.press(*"abc")
        assert field.value == "abc"
        assert field.virtual_size.width == 4  # the text and the cursor
        await pilot.press(*"defghijklmnopqrstuvwxyz")
        await pilot.pause()
        assert field.virtual_size.width == 27
        assert field.scroll_x > 0  # past the field's width: scrolled to keep the cursor seen
        await pilot.press(*["backspace"] * 23)
        await pilot.pause()
        assert field.value == "abc" and field.virtual_size.width == 4
