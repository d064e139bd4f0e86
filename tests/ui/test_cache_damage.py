"""The desk and a damaged cache (issue 17): damage found while it runs, or at its first read
after a start, is said on screen, the file is set aside, a fresh cache is opened and a sync
fills it. The desk never crashes, and the next start is clean."""

from __future__ import annotations

from pathlib import Path

from app.config import Settings
from app.store import CandidateQuery, Store
from app.ui.app import InterviewDeskApp
from tests.store.damage import damage_tables, integrity
from tests.ui.candidates.world import fill
from tests.ui.conftest import MakeContext


def notifications(app: InterviewDeskApp) -> str:
    return "\n".join(f"{n.title}: {n.message}" for n in app._notifications)


def filled_cache(settings: Settings) -> Path:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    store = Store.open(settings.cache_path)
    fill(store)
    store.close()
    return settings.cache_path


def set_aside(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.damaged-*"))


async def until_synced(desk: InterviewDeskApp, pilot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(100):
        await desk.workers.wait_for_complete()
        await pilot.pause()
        if desk.context.store.agents():
            return
    raise AssertionError("the desk never synced the fresh cache")


async def test_damage_found_while_the_desk_runs_is_said_set_aside_and_rebuilt(
        make_context: MakeContext, settings: Settings) -> None:
    path = filled_cache(settings)
    context = make_context()
    desk = InterviewDeskApp(context, sync_on_start=False)
    async with desk.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert desk.context.store.count_candidates(CandidateQuery()) > 0
        damage_tables(path)  # under the running desk, as a failing disk would
        await pilot.press("f")
        await pilot.pause()
        desk.screen.run_search("python")  # pages the desk has not read yet
        await pilot.pause()
        await until_synced(desk, pilot)
        shown = notifications(desk)
        assert "Cache damaged" in shown and "is damaged (" in shown and "moved aside" in shown
        assert desk.is_running
    assert len(set_aside(path)) == 1
    assert integrity(path) == "ok"


async def test_a_start_on_a_damaged_cache_rebuilds_it_once_and_the_next_start_is_clean(
        make_context: MakeContext, settings: Settings) -> None:
    path = filled_cache(settings)
    damage_tables(path)  # the file opens; its first read fails
    desk = InterviewDeskApp(make_context())
    async with desk.run_test(size=(120, 36)) as pilot:
        await until_synced(desk, pilot)
        assert "Cache damaged" in notifications(desk)
    assert len(set_aside(path)) == 1

    again = InterviewDeskApp(make_context(), sync_on_start=False)
    async with again.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert "Cache" not in notifications(again)
        assert again.context.store.agents()  # what the sync after the rebuild brought
    assert len(set_aside(path)) == 1
