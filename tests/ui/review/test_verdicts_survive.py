"""Verdicts recorded by keyboard (Pilot) survive what the cache goes through: a sync that
rewrites it, a restart of the desk, and a damaged cache rebuilt from scratch."""

from __future__ import annotations

from app.store.verdicts import Verdict
from app.ui.app import InterviewDeskApp
from app.ui.screens.review import ReviewScreen
from tests.store.damage import damage_header
from tests.ui.review.world import fill
from widgets.virtual_table import VirtualTable

SIZE = (120, 40)


def shown_verdicts(desk: InterviewDeskApp) -> dict[str, str | None]:
    source = desk.screen.query_one(VirtualTable).source
    return {row.id: row.verdict for row in source.rows(0, source.count())}


async def decide_two_by_keys(desk: InterviewDeskApp) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        await pilot.press("w", "enter")  # the queue, its newest analysis: Ada's
        await pilot.pause()
        await pilot.press("a")  # Ada advanced; Ben is next
        await pilot.pause()
        await pilot.press("t", *"call back", "enter", "x")  # a note, then Ben rejected
        await pilot.pause()


async def after_restart(make_context) -> tuple[InterviewDeskApp, dict[str, str | None], str]:  # type: ignore[no-untyped-def]
    desk = InterviewDeskApp(make_context(), sync_on_start=False)
    async with desk.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = shown_verdicts(desk)
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(desk.screen, ReviewScreen)
        title = str(desk.screen.query_one("#review-title").render())
    return desk, shown, title


async def test_verdicts_by_keys_survive_a_restart_and_a_rebuilt_cache(make_context) -> None:  # type: ignore[no-untyped-def]
    first = make_context()
    fill(first.store)
    await decide_two_by_keys(InterviewDeskApp(first, sync_on_start=False))
    first.store.close()

    _, shown, title = await after_restart(make_context)  # the desk started again
    assert shown == {"cand-ada": "advance", "cand-ben": "reject", "cand-cleo": None,
                     "cand-dan": None}
    assert title.startswith("2 to review")

    damage_header(first.settings.cache_path)  # a failing disk: the cache is rebuilt empty
    rebuilt = make_context()
    assert [notice.title for notice in rebuilt.notices] == ["Cache rebuilt"]
    assert rebuilt.store.candidate("cand-ada") is None
    fill(rebuilt.store)  # what the next sync brings back
    rebuilt.store.close()
    desk, shown, title = await after_restart(make_context)
    assert shown["cand-ada"] == "advance" and shown["cand-ben"] == "reject"
    assert title.startswith("2 to review")
    note = desk.context.store.verdicts.current("cand-ben", "job-data")
    assert note is not None and note.note == "call back"


async def test_verdicts_survive_a_sync_that_rewrites_the_cache(make_context) -> None:  # type: ignore[no-untyped-def]
    """A sync against the sandbox company (which has none of these candidates) empties the
    cache's candidates; the verdicts stay, and show again when the candidates come back."""
    context = make_context()
    fill(context.store)
    desk = InterviewDeskApp(context, sync_on_start=False)
    await decide_two_by_keys(desk)
    desk = InterviewDeskApp(context, sync_on_start=False)
    async with desk.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await desk.workers.wait_for_complete()
        await pilot.pause()
        assert context.store.candidate("cand-ada") is None  # the sync removed them
        fill(context.store)
        desk.cache_written()
        await pilot.pause()
        assert shown_verdicts(desk)["cand-ada"] == "advance"
    assert context.store.verdicts.current("cand-ben", "job-data").verdict is Verdict.REJECT
