"""Sharing verdicts with the team against the sandbox over a real loopback socket: what lands in
the candidate's metadata, the offline queue across a restart, the conflict check against
another recruiter's newer verdict, and a refusal that keeps verdicts local and is said once."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from app.api.client import InterviewsClient
from app.config import load_settings
from app.domain.shared_verdicts import NAMESPACE, team_verdicts
from app.factory import AppContext
from app.sandbox import DEMO_KEY, SandboxClock
from app.services.sharing import Conflict, queue_unshared, send_queued
from app.store import Store
from app.store.shares import ShareState
from app.store.verdicts import Verdict
from app.sync.replication import Replicator
from tests.loopback import LoopbackSandbox
from tests.sync.conftest import no_sleep

NO_WRITE = "sk_nowrite_00000000000000000000001"


def desk(client: InterviewsClient, store: Store, clock: SandboxClock, tmp_path: Path,
         name: str) -> AppContext:
    settings = load_settings(data_dir=tmp_path / name,
                             env={"INTERVIEW_DESK_CONFIG": str(tmp_path / "none.toml"),
                                  "INTERVIEW_DESK_NAME": name})
    return AppContext(settings, store, lambda: client, clock.now)


@pytest.fixture
def dana_store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "dana" / "cache.sqlite3")
    yield opened
    opened.close()


def a_candidate_with_a_job(store: Store) -> tuple[str, str]:
    for candidate_id in sorted(store.ids("candidates")):
        candidate = store.candidate(candidate_id)
        if candidate is not None and candidate.all_job_ids:
            return candidate.id, candidate.all_job_ids[0]
    raise AssertionError("the seed has candidates with jobs")


def shared_on_server(server: LoopbackSandbox, candidate_id: str) -> dict:  # type: ignore[type-arg]
    return server.sandbox.storage.get("candidates", candidate_id).get("metadata") or {}


async def test_a_shared_verdict_lands_in_the_metadata_beside_what_was_there(
        server, client, store, clock, replicator, tmp_path) -> None:  # type: ignore[no-untyped-def]
    await replicator.sync()
    ana = desk(client, store, clock, tmp_path, "Ana")
    candidate_id, job_id = a_candidate_with_a_job(store)
    await client.update_candidate(candidate_id, {"metadata": {"ats": {"ref": "A-17"}}})
    store.verdicts.decide(candidate_id, job_id, Verdict.ADVANCE, note="Strong SQL")
    assert queue_unshared(ana) == 1
    report = await send_queued(ana, ask=None)
    assert report.shared == 1 and "Shared 1 verdict" in report.line()
    metadata = shared_on_server(server, candidate_id)
    assert metadata["ats"] == {"ref": "A-17"}  # the rest of the metadata is kept
    assert set(metadata) == {"ats", NAMESPACE}  # one key of the desk's own
    entry = metadata[NAMESPACE]["verdicts"][job_id]
    assert (entry["verdict"], entry["note"], entry["by"]) == ("advance", "Strong SQL", "Ana")
    assert entry["at"] == "2026-12-01T09:00:00Z"
    cached = store.candidate(candidate_id)  # the cache holds the answer at once
    assert cached is not None and team_verdicts(cached.metadata)[job_id].by == "Ana"
    assert queue_unshared(ana) == 0  # shared as it stands: nothing new
    store.verdicts.decide(candidate_id, job_id, Verdict.HOLD)
    assert queue_unshared(ana) == 1  # changed since: unshared again
    store.verdicts.undo_last()
    await send_queued(ana, ask=None)
    assert shared_on_server(server, candidate_id)[NAMESPACE]["verdicts"][job_id][
        "verdict"] == "advance"  # what stands after the undo is what went


async def test_offline_shares_wait_in_the_verdict_file_across_a_restart(
        server, client, store, clock, replicator, tmp_path) -> None:  # type: ignore[no-untyped-def]
    await replicator.sync()
    candidate_id, job_id = a_candidate_with_a_job(store)
    store.verdicts.decide(candidate_id, job_id, Verdict.REJECT)
    server.stop()
    ana = desk(client, store, clock, tmp_path, "Ana")
    assert queue_unshared(ana) == 1
    report = await send_queued(ana, ask=None)
    assert report.shared == 0 and report.waiting == 1 and report.trouble == "offline"
    assert "1 verdict queued: offline" in report.line()
    store.close()  # the desk quits; a new one opens the same files
    reopened = Store.open(tmp_path / "cache.sqlite3")
    try:
        assert [s.candidate_id for s in reopened.shares.waiting()] == [candidate_id]
        server.start()
        async with InterviewsClient(server.url, DEMO_KEY, sleep=no_sleep, max_per_second=0,
                                    timeout=5.0) as online:
            again = desk(online, reopened, clock, tmp_path, "Ana")
            assert queue_unshared(again) == 0  # already queued, not twice
            report = await send_queued(again, ask=None)
        assert report.shared == 1 and reopened.shares.waiting() == []
        assert shared_on_server(server, candidate_id)[NAMESPACE]["verdicts"][job_id][
            "verdict"] == "reject"
    finally:
        reopened.close()


async def test_a_newer_verdict_from_someone_else_is_never_replaced_without_asking(
        server, client, store, dana_store, clock, replicator, tmp_path) -> None:  # type: ignore[no-untyped-def]
    await replicator.sync()
    await Replicator(client, dana_store, clock.now).sync()
    ana = desk(client, store, clock, tmp_path, "Ana")
    dana = desk(client, dana_store, clock, tmp_path, "Dana")
    candidate_id, job_id = a_candidate_with_a_job(store)
    store.verdicts.decide(candidate_id, job_id, Verdict.REJECT)  # Ana, offline, at 9:00
    queue_unshared(ana)
    clock.advance(timedelta(minutes=10))
    dana_store.verdicts.decide(candidate_id, job_id, Verdict.ADVANCE, note="Meet the team")
    queue_unshared(dana)
    assert (await send_queued(dana, ask=None)).shared == 1  # Dana's, at 9:10, is newer

    # The command line: says so and leaves it for the desk to ask.
    report = await send_queued(ana, ask=None)
    assert report.shared == 0 and [c.theirs.by for c in report.asking] == ["Dana"]
    assert "someone else shared a newer one" in report.line()
    assert [s.state for s in store.shares.waiting()] == [ShareState.ASKING]
    assert shared_on_server(server, candidate_id)[NAMESPACE]["verdicts"][job_id]["by"] == "Dana"

    asked: list[Conflict] = []

    async def keep_theirs(conflict: Conflict) -> bool:
        asked.append(conflict)
        return False

    report = await send_queued(ana, ask=keep_theirs)
    assert report.kept_theirs == 1 and asked[0].theirs.verdict == "advance"
    assert asked[0].mine.verdict is Verdict.REJECT and asked[0].theirs.note == "Meet the team"
    assert shared_on_server(server, candidate_id)[NAMESPACE]["verdicts"][job_id]["by"] == "Dana"
    assert queue_unshared(ana) == 0  # answered: not asked again

    clock.advance(timedelta(minutes=5))
    store.verdicts.decide(candidate_id, job_id, Verdict.HOLD)  # a new decision, after Dana's
    queue_unshared(ana)

    async def never(_conflict: Conflict) -> bool:
        raise AssertionError("Ana's hold is newer than Dana's advance: nothing to ask")

    assert (await send_queued(ana, ask=never)).shared == 1
    entry = shared_on_server(server, candidate_id)[NAMESPACE]["verdicts"][job_id]
    assert (entry["by"], entry["verdict"]) == ("Ana", "hold")


async def test_a_verdict_shared_after_the_desk_looked_is_asked_about_by_updated_at(
        server, client, store, dana_store, clock, replicator, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Dana decided first but shared late (she was offline): Ana decided without seeing it.
    The candidate's updatedAt moved since Ana's desk saw it, so Ana is asked."""
    await replicator.sync()
    await Replicator(client, dana_store, clock.now).sync()
    ana = desk(client, store, clock, tmp_path, "Ana")
    dana = desk(client, dana_store, clock, tmp_path, "Dana")
    candidate_id, job_id = a_candidate_with_a_job(store)
    dana_store.verdicts.decide(candidate_id, job_id, Verdict.ADVANCE)  # 9:00, not shared yet
    clock.advance(timedelta(minutes=10))
    store.verdicts.decide(candidate_id, job_id, Verdict.REJECT)  # 9:10
    queue_unshared(ana)
    clock.advance(timedelta(minutes=10))
    queue_unshared(dana)
    await send_queued(dana, ask=None)  # reaches the server at 9:20

    async def share_mine(conflict: Conflict) -> bool:
        return True

    asked = await send_queued(ana, ask=None)
    assert [c.theirs.by for c in asked.asking] == ["Dana"]
    report = await send_queued(ana, ask=share_mine)
    assert report.shared == 1
    assert shared_on_server(server, candidate_id)[NAMESPACE]["verdicts"][job_id]["by"] == "Ana"

    # Seen before deciding (synced after Dana's share): replaced without asking.
    await Replicator(client, dana_store, clock.now).sync()
    clock.advance(timedelta(minutes=1))
    dana_store.verdicts.decide(candidate_id, job_id, Verdict.HOLD)
    queue_unshared(dana)

    async def never(_conflict: Conflict) -> bool:
        raise AssertionError("Dana had seen Ana's verdict before deciding")

    assert (await send_queued(dana, ask=never)).shared == 1


async def test_a_refusal_keeps_the_verdict_local_and_is_said_once(
        server, client, store, clock, replicator, tmp_path) -> None:  # type: ignore[no-untyped-def]
    await replicator.sync()
    ana = desk(client, store, clock, tmp_path, "Ana")
    ids = sorted(store.ids("candidates"))
    full, other = ids[0], ids[1]
    # Another tool filled this candidate's metadata to 48 keys: the desk's 7 would break 50.
    await client.update_candidate(full, {"metadata": {f"tool{i}": i for i in range(48)}})
    store.verdicts.decide(full, None, Verdict.ADVANCE)
    # A key without write:candidates: the server itself refuses (403).
    server.sandbox.settings.keys[NO_WRITE] = frozenset(
        {"read:candidates", "read:jobs", "read:agents", "read:interviews"})
    store.verdicts.decide(other, None, Verdict.HOLD)
    queue_unshared(ana)
    async with InterviewsClient(server.url, NO_WRITE, sleep=no_sleep, max_per_second=0,
                                timeout=5.0) as reader:
        report = await send_queued(replace(ana, connect=lambda: reader), ask=None)
    assert report.shared == 0 and len(report.refused) == 2
    assert "2 verdicts stay on this desk only" in report.line()
    assert "50" in report.refused[0] and "write:candidates" in report.refused[1]
    assert NAMESPACE not in shared_on_server(server, full)
    assert NAMESPACE not in shared_on_server(server, other)
    assert store.verdicts.current(full, None).verdict is Verdict.ADVANCE  # kept here
    assert store.shares.count(ShareState.REFUSED) == 2
    # Said once: the next share neither re-sends nor repeats it.
    assert queue_unshared(ana) == 0
    again = await send_queued(ana, ask=None)
    assert not again.anything and "refused" not in again.line()


async def test_the_teams_verdicts_come_back_with_a_sync(
        server, client, store, dana_store, clock, replicator, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.ui.verdict_lines import team_verdict

    await replicator.sync()
    await Replicator(client, dana_store, clock.now).sync()
    dana = desk(client, dana_store, clock, tmp_path, "Dana")
    candidate_id, job_id = a_candidate_with_a_job(store)
    clock.advance(timedelta(minutes=3))
    dana_store.verdicts.decide(candidate_id, job_id, Verdict.ADVANCE, note="Meet the team")
    queue_unshared(dana)
    await send_queued(dana, ask=None)
    assert team_verdict(store, candidate_id, job_id, None) is None  # Ana has not synced
    await replicator.sync()
    shown = team_verdict(store, candidate_id, job_id, None)
    assert shown is not None and (shown.by, shown.verdict, shown.note) == (
        "Dana", "advance", "Meet the team")
    assert shown.at == clock.now()
