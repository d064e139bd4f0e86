"""A section that comes back to the front is restyled only when its styles may have gone stale
(app/ui/styling.py): each check compares what the section shows with what Textual's own full
restyle gives, and counts the full restyles."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest
from textual.dom import DOMNode
from textual.screen import Screen

from app.ui.app import InterviewDeskApp
from app.ui.screens.schedule import ScheduleScreen
from tests.ui.conftest import MakeContext

SIZE = (120, 40)


def styles_of(screen: Screen[Any]) -> list[tuple[str, str]]:
    return [(repr(node), node.styles.css) for node in screen.walk_children(with_self=True)]


def restyled_whole(app: InterviewDeskApp, screen: Screen[Any]) -> list[tuple[str, str]]:
    """The screen's styles after Textual's full restyle, the pass a resume may skip."""
    app.stylesheet.update(screen)
    return styles_of(screen)


def count_full_restyles(app: InterviewDeskApp, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The screens that get a pass over all their widgets, by class name, as they get it."""
    passes: list[str] = []
    update_nodes = app.stylesheet.update_nodes

    def counted(nodes: Iterable[DOMNode], animate: bool = False) -> None:
        nodes = list(nodes)
        if nodes and isinstance(nodes[0], Screen):
            passes.append(type(nodes[0]).__name__)
        update_nodes(nodes, animate=animate)

    monkeypatch.setattr(app.stylesheet, "update_nodes", counted)
    return passes


async def test_a_section_back_unchanged_keeps_its_styles_and_a_stale_one_is_restyled(
        make_context: MakeContext, monkeypatch: pytest.MonkeyPatch) -> None:
    app = InterviewDeskApp(make_context(), sync_on_start=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        passes = count_full_restyles(app, monkeypatch)
        await app.switch_mode("schedule")
        await pilot.pause()
        schedule = app.screen
        assert isinstance(schedule, ScheduleScreen)
        # Brought to the front twice as it opens (Textual says so twice): styled once, after
        # its stylesheet was read.
        assert passes.count("ScheduleScreen") == 1
        opened = styles_of(schedule)
        assert opened == restyled_whole(app, schedule)

        for _ in range(2):  # the first return may find rules re-read (Textual re-parses then)
            await app.switch_mode("candidates")
            await pilot.pause()
            passes.clear()
            await app.switch_mode("schedule")
            await pilot.pause()
        assert passes == []  # nothing changed while it was away
        assert styles_of(schedule) == opened == restyled_whole(app, schedule)

        await app.switch_mode("candidates")
        await pilot.pause()
        app.theme = "textual-light"  # Textual restyles the section in front, not the other
        await pilot.pause()
        passes.clear()
        await app.switch_mode("schedule")
        await pilot.pause()
        assert "ScheduleScreen" in passes
        back = styles_of(schedule)
        assert back != opened  # the theme changed what it shows
        assert back == restyled_whole(app, schedule)


async def test_a_section_away_while_the_terminal_lost_focus_is_restyled(
        make_context: MakeContext, monkeypatch: pytest.MonkeyPatch) -> None:
    """The App's own pseudo-classes (:focus, :blur) change without a new stylesheet."""
    app = InterviewDeskApp(make_context(), sync_on_start=False)
    async with app.run_test(size=SIZE) as pilot:
        await app.switch_mode("schedule")
        await pilot.pause()
        await app.switch_mode("candidates")
        await pilot.pause()
        passes = count_full_restyles(app, monkeypatch)
        app.app_focus = False
        await pilot.pause()
        app.app_focus = True
        await pilot.pause()
        passes.clear()
        await app.switch_mode("schedule")
        await pilot.pause()
        assert passes == ["ScheduleScreen"]
