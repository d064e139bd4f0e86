"""`show` puts content into a Static as `Static.update` does, and skips only an update that
would draw exactly what is drawn already."""

from __future__ import annotations

import pytest
from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import Static

from widgets.showing import show


class One(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("[b]start[/b]", id="line")


def refreshes_of(line: Static) -> list[bool]:
    """Each refresh of `line` from now on, as whether it asked for a layout."""
    asked: list[bool] = []
    refresh = line.refresh

    def counted(*regions: object, layout: bool = False, **kwargs: object) -> Static:
        asked.append(layout)
        return refresh(*regions, layout=layout, **kwargs)  # type: ignore[arg-type]

    line.refresh = counted  # type: ignore[method-assign]
    return asked


@pytest.mark.parametrize(("first", "second", "updated"), [
    (Text("Ready", style="bold"), Text("Ready", style="bold"), False),
    (Text("Ready", style="bold"), Text("Ready"), True),  # Text's == says these are equal
    (Text("Ready", justify="right"), Text("Ready"), True),
    (Text("Ready").append("!", style="red"), Text("Ready").append("!", style="blue"), True),
    ("Ready", "Ready", False),
    ("Ready", Text("Ready"), True),
    ("[b]Ready[/b]", "[i]Ready[/i]", True),
])
async def test_only_what_draws_the_same_is_skipped(first: object, second: object,
                                                   updated: bool) -> None:
    app = One()
    async with app.run_test() as pilot:
        line = app.query_one("#line", Static)
        show(line, first)  # type: ignore[arg-type]
        await pilot.pause()
        refreshes = refreshes_of(line)
        show(line, second)  # type: ignore[arg-type]
        assert bool(refreshes) == updated
        assert line.content is (second if updated else first)


async def test_a_line_of_fixed_size_is_updated_without_a_layout() -> None:
    app = One()
    async with app.run_test() as pilot:
        line = app.query_one("#line", Static)
        await pilot.pause()
        layouts = refreshes_of(line)
        show(line, Text("Sending…"), layout=False)
        show(line, Text("Sent"))
        assert layouts == [False, True]
