"""Full garbage collections wait for a pause in input, and the desk gives CPython its own
thresholds back when it closes."""

from __future__ import annotations

import gc

from app.ui.app import InterviewDeskApp
from app.ui.idle_collector import IDLE_SECONDS, NEVER, OVERDUE_FACTOR, IdleCollector


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def collector(pending: list[int], clock: Clock, collected: list[float]) -> IdleCollector:
    return IdleCollector(clock=clock, pending=lambda: pending[0],
                         collect=lambda: collected.append(clock.now))


def test_a_due_collection_waits_until_input_has_paused_for_a_second() -> None:
    clock, pending, collected = Clock(), [0], []
    idle = collector(pending, clock, collected)
    idle.start()
    try:
        assert gc.get_threshold()[2] == NEVER  # CPython starts no full collection itself
        pending[0] = 10  # CPython's own spacing: ten middle collections
        idle.input_seen()
        clock.now += IDLE_SECONDS - 0.01
        assert not idle.collect_if_idle()
        idle.input_seen()  # still typing
        clock.now += IDLE_SECONDS - 0.01
        assert not idle.collect_if_idle()
        clock.now += 0.01
        assert idle.collect_if_idle()
        assert collected == [clock.now]
    finally:
        idle.stop()


def test_nothing_is_collected_in_a_pause_before_it_is_due() -> None:
    clock, pending, collected = Clock(), [9], []
    idle = collector(pending, clock, collected)
    idle.start()
    try:
        clock.now += 60
        assert not idle.collect_if_idle()
        assert collected == []
    finally:
        idle.stop()


def test_input_that_never_pauses_still_gets_a_collection_once_long_overdue() -> None:
    clock, pending, collected = Clock(), [10 * OVERDUE_FACTOR - 1], []
    idle = collector(pending, clock, collected)
    idle.start()
    try:
        idle.input_seen()
        assert not idle.collect_if_idle()
        pending[0] += 1
        assert idle.collect_if_idle()
        assert len(collected) == 1
    finally:
        idle.stop()


async def test_the_desk_defers_full_collections_while_open_and_restores_cpython_after(
        make_context) -> None:
    before = gc.get_threshold()
    desk = InterviewDeskApp(make_context(), sync_on_start=False)
    async with desk.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert gc.get_threshold() == (before[0], before[1], NEVER)
        seen = desk._idle_collector.last_input
        await pilot.press("j")
        assert desk._idle_collector.last_input > seen  # a key counts as input
    assert gc.get_threshold() == before

