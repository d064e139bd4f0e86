"""Histogram figures, removable chips, and typing skills as chips with a shared counter."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Hashable

import pytest
from textual import events
from textual.app import App, ComposeResult
from textual.containers import Vertical

from widgets.chips import FilterChips
from widgets.histogram import RatingHistogram, bucket_label, rating_summary
from widgets.skills_input import SkillCounter, SkillEntry, SkillsInput


def test_summary_buckets_by_ten_and_leaves_unrated_out() -> None:
    summary = rating_summary([0, 9, 10, 55, 59, 100, 90, None])
    assert summary.count == 7
    assert summary.buckets == (2, 1, 0, 0, 0, 2, 0, 0, 0, 2)
    assert summary.mean == (0 + 9 + 10 + 55 + 59 + 100 + 90) / 7
    assert summary.median == 55
    assert bucket_label(9) == "90-100"
    empty = rating_summary([None])
    assert (empty.count, empty.mean, empty.median) == (0, None, None)


def test_ratings_off_the_scale_are_left_out_of_every_figure() -> None:
    """A server's 1e308 once overflowed the mean's sum and crashed the job view (found by
    tests/ui/hostile/test_hostile_properties.py), then read as a mean of 1e308: a rating off
    the 0-100 scale is no rating, so the figures are those of the others."""
    summary = rating_summary([1e308, 1e308, None])
    assert (summary.count, summary.mean, summary.median) == (0, None, None)
    assert sum(summary.buckets) == 0
    summary = rating_summary([1e308, -1e308, 150, 50, 70])
    assert (summary.count, summary.mean, summary.median) == (2, 60, 60)


class HistogramApp(App[None]):
    def compose(self) -> ComposeResult:
        yield RatingHistogram([42, 45, 88, 61, None])


async def test_histogram_shows_each_bucket_and_the_figures() -> None:
    app = HistogramApp()
    async with app.run_test(size=(50, 15)) as pilot:
        histogram = app.query_one(RatingHistogram)
        lines = histogram.render().plain.splitlines()
        assert len(lines) == 11
        assert lines[0].startswith("90-100") and lines[0].endswith(" 0")
        forties = next(line for line in lines if line.lstrip().startswith("40-49"))
        assert forties.endswith(" 2") and "█" in forties
        assert lines[-1] == "count 4 · mean 59 · median 53 (fair)"
        histogram.set_ratings([])
        await pilot.pause()
        assert histogram.render().plain.splitlines()[-1] == "count 0 · mean — · median —"


class ChipsApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.removed: list[Hashable] = []

    def compose(self) -> ComposeResult:
        yield FilterChips([("job", "job: Data engineer"), ("status", "status: new"),
                           ("rating", "rating ≥ 60")])

    def on_filter_chips_chip_removed(self, event: FilterChips.ChipRemoved) -> None:
        self.removed.append(event.key)


async def test_backspace_removes_the_last_or_the_picked_chip() -> None:
    app = ChipsApp()
    async with app.run_test(size=(80, 5)) as pilot:
        chips = app.query_one(FilterChips)
        chips.focus()
        assert "job: Data engineer ✕" in chips.render().plain
        await pilot.press("backspace")
        await pilot.pause()
        assert app.removed == ["rating"]
        await pilot.press("left", "left", "delete")
        await pilot.pause()
        assert app.removed == ["rating", "job"]
        assert chips.keys == ["status"]
        chips.set_chips([])
        await pilot.press("backspace")
        await pilot.pause()
        assert app.removed == ["rating", "job"]  # set_chips posts nothing, empty removes nothing


class SkillsApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.changes: list[tuple[str, ...]] = []

    def on_skills_input_skills_changed(self, event: SkillsInput.SkillsChanged) -> None:
        self.changes.append(event.skills)

    def compose(self) -> ComposeResult:
        required = SkillsInput(["Python"], id="required")
        nice = SkillsInput(id="nice")
        with Vertical():
            yield required
            yield nice
            yield SkillCounter([required, nice], maximum=10)


async def test_comma_and_enter_add_skills_and_backspace_takes_the_last_back() -> None:
    app = SkillsApp()
    async with app.run_test(size=(80, 12)) as pilot:
        required = app.query_one("#required", SkillsInput)
        counter = app.query_one(SkillCounter)
        required.query_one(SkillEntry).focus()
        await pilot.press(*"sql, docker,")
        await pilot.pause()
        assert required.skills == ("Python", "sql", "docker")
        await pilot.press(*"PYTHON", "enter")  # a repeat, ignoring case
        await pilot.press(*"Kafka", "enter")
        await pilot.pause()
        assert required.skills == ("Python", "sql", "docker", "Kafka")
        assert str(counter.render()) == "4 of 10 skills"
        await pilot.press("backspace")
        await pilot.pause()
        assert required.skills == ("Python", "sql", "docker")
        await pilot.press(*"go", "backspace")  # not empty: deletes a character only
        await pilot.pause()
        assert required.skills == ("Python", "sql", "docker")
        assert required.query_one(SkillEntry).value == "g"


async def test_counter_adds_both_lists_and_says_how_many_to_remove() -> None:
    app = SkillsApp()
    async with app.run_test(size=(80, 12)) as pilot:
        nice = app.query_one("#nice", SkillsInput)
        counter = app.query_one(SkillCounter)
        assert str(counter.render()) == "1 of 10 skills"
        nice.add_skills(f"skill {index}" for index in range(11))
        await pilot.pause()
        assert str(counter.render()) == "12 of 10 skills: remove 2"
        assert counter.has_class("-over")
        nice.remove_skill("skill 0")
        nice.remove_skill("skill 1")
        await pilot.pause()
        assert str(counter.render()) == "10 of 10 skills"
        assert not counter.has_class("-over")


async def test_tab_passes_an_empty_skill_row_so_typed_skills_reach_the_box() -> None:
    """Tab from the field before lands in the skills' text box, not on the empty row of chips
    (which took the focus and dropped every letter typed there: "sql," vanished)."""
    app = SkillsApp()
    async with app.run_test(size=(80, 12)) as pilot:
        required = app.query_one("#required", SkillsInput)
        nice = app.query_one("#nice", SkillsInput)
        required.query_one(SkillEntry).focus()
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is nice.query_one(SkillEntry)
        await pilot.press(*"sql,")
        await pilot.pause()
        assert nice.skills == ("sql",)
        await pilot.press("shift+tab")  # a row holding skills is still reached
        await pilot.pause()
        assert app.focused is nice.query_one(FilterChips)


async def test_removing_a_skill_chip_updates_the_list() -> None:
    app = SkillsApp()
    async with app.run_test(size=(80, 12)) as pilot:
        required = app.query_one("#required", SkillsInput)
        required.query_one(FilterChips).focus()
        await pilot.press("backspace")
        await pilot.pause()
        assert required.skills == ()
        assert app.changes[-1] == ()


@pytest.mark.parametrize("seed", range(10))
async def test_keys_arriving_while_skills_are_taken_stay_in_order(seed: int) -> None:
    """A paste without bracketed paste: the keys come as fast as the terminal sends them, some
    while the comma before them is still being handled. Handling the comma later, from the
    message's old value, gave "netes ✕ KuberLinux ✕"."""
    gaps = random.Random(seed)
    app = SkillsApp()
    async with app.run_test(size=(80, 12)) as pilot:
        nice = app.query_one("#nice", SkillsInput)
        nice.query_one(SkillEntry).focus()
        await pilot.pause()
        for character in "Python,SQL,Docker,Kubernetes,Linux,Git,":
            app.post_message(events.Key(character, character))
            if gaps.random() < 0.3:
                await asyncio.sleep(gaps.choice([0, 0.0005, 0.002]))
        await pilot.pause()
        await pilot.pause()
        assert nice.skills == ("Python", "SQL", "Docker", "Kubernetes", "Linux", "Git")
