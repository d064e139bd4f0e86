"""What a recruiter must be able to trust: faults converge without duplicates, a damaged or
newer cache is handled, two instances share a cache, and the API key is written nowhere."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import threading
from datetime import timedelta
from pathlib import Path

import pytest

from app.api.client import InterviewsClient
from app.api.errors import ApiError
from app.cli import main
from app.config import load_settings
from app.domain.models import Candidate
from app.domain.requests import CandidateDraft, InterviewRequest
from app.factory import build_context
from app.sandbox import SandboxSettings
from app.services.scheduling import NotCreated, schedule_interview
from app.store import SCHEMA_VERSION, CandidateQuery, Store
from app.sync.replication import Replicator
from app.ui.launch import configure_logging
from tests.loopback import LoopbackSandbox, free_port
from tests.store.damage import integrity
from tests.sync.conftest import FROZEN_AT, no_sleep

SECRET = "sk_live_TOPSECRETkey0123456789abcdefWXYZ"


def sandbox(tmp_path: Path, clock, **faults) -> LoopbackSandbox:  # type: ignore[no-untyped-def]
    settings = SandboxSettings(db_path=tmp_path / "sandbox.sqlite3", candidates=120,
                               interviews=150, time_scale=0.0, plan="unlimited",
                               keys={SECRET: "*"}, **faults)
    served = LoopbackSandbox(settings, clock, free_port())
    served.start()
    return served


async def test_sync_converges_through_errors_throttling_and_drops(tmp_path, clock) -> None:
    calm = sandbox(tmp_path / "calm", clock)
    stormy = sandbox(tmp_path / "stormy", clock, error_rate=0.15, throttle_rate=0.1,
                     drop_rate=0.05)
    try:
        stores = {}
        for name, served in (("calm", calm), ("stormy", stormy)):
            store = Store.open(tmp_path / f"{name}.sqlite3")
            async with InterviewsClient(served.url, SECRET, sleep=no_sleep, max_per_second=0,
                                        max_retries=8, timeout=5) as client:
                failure: ApiError | None = None
                for _ in range(3):  # a sync that gives up midway is simply run again
                    try:
                        await Replicator(client, store, clock.now).sync()
                    except ApiError as error:  # only the API's faults; anything else is a bug
                        failure = error
                    else:
                        failure = None
                        break
                assert failure is None, f"the last of three syncs failed too: {failure!r}"
            stores[name] = store
        query = CandidateQuery()
        assert stores["stormy"].count_candidates(query) == stores["calm"].count_candidates(query)
        assert stores["stormy"].ids("interviews") == stores["calm"].ids("interviews")
    finally:
        calm.stop()
        stormy.stop()


async def test_creates_through_dropped_answers_are_never_duplicated(tmp_path, clock) -> None:
    served = sandbox(tmp_path, clock)
    settings = load_settings(api_url=served.url, api_key=SECRET, data_dir=tmp_path / "data",
                             env={"INTERVIEW_DESK_CONFIG": str(tmp_path / "config.toml")})
    context = build_context(settings, client_sleep=no_sleep)
    context.clock = clock.now
    try:
        agents = [a async for a in context.client.iter_agents()]
        agent = next(a for a in agents if str(a.focus) == "GENERIC")
        served.settings.drop_rate = 0.4  # answers lost from here on, work still done
        for number in range(6):
            request = InterviewRequest(
                candidate=CandidateDraft(first_name="Drop", last_name=f"Test{number}",
                                         email=f"drop{number}@example.com",
                                         phone_number="+421900000123",
                                         gdpr_expiry_date=(FROZEN_AT + timedelta(days=90)).date()),
                agent_id=agent.id,
            )
            for _attempt in range(10):
                try:
                    await schedule_interview(context, request, agent=agent, candidate=None)
                    break
                except (NotCreated, ApiError):
                    continue  # a recruiter sends again; reconciliation keeps it single
        served.settings.drop_rate = 0.0
        for number in range(6):
            page = await context.client.list_candidates(search=f"drop{number}@example.com")
            assert len(page.items) == 1
            interviews = [i async for i in context.client.iter_interviews(page.items[0].id)]
            assert len(interviews) == 1, f"candidate {number} has {len(interviews)} interviews"
    finally:
        await context.aclose()
        served.stop()


async def test_the_key_is_written_nowhere(tmp_path, clock, caplog) -> None:
    served = sandbox(tmp_path, clock)
    data_dir = tmp_path / "data"
    env = {"INTERVIEW_DESK_CONFIG": str(tmp_path / "config.toml")}
    settings = load_settings(api_url=served.url, api_key=SECRET, data_dir=data_dir, env=env)
    configure_logging(settings)
    caplog.set_level(logging.DEBUG)
    context = build_context(settings)
    context.clock = clock.now
    try:
        await Replicator(context.client, context.store, clock.now).sync()
        agents = [a async for a in context.client.iter_agents()]
        agent = next(a for a in agents if str(a.focus) == "GENERIC")
        request = InterviewRequest(
            candidate=CandidateDraft(first_name="Key", last_name="Safe",
                                     email="key.safe@example.com", phone_number="+421900000777",
                                     gdpr_expiry_date=(FROZEN_AT + timedelta(days=90)).date()),
            agent_id=agent.id)
        await schedule_interview(context, request, agent=agent, candidate=None)
        try:
            raise RuntimeError(f"simulated crash with {context.client!r} and {settings!r}")
        except RuntimeError:
            logging.getLogger("app").exception("the app crashed")
    finally:
        await context.aclose()
        served.stop()
    # The export reads the cache of the API it is given (each API has its own).
    assert main(["--data-dir", str(data_dir), "--api-url", served.url, "--api-key", SECRET,
                 "export", "--out", str(data_dir / "export.json")]) == 0
    for handler in list(logging.getLogger().handlers):
        if isinstance(handler, logging.FileHandler) and str(tmp_path) in handler.baseFilename:
            handler.close()
            logging.getLogger().removeHandler(handler)
    written = [p for p in tmp_path.rglob("*") if p.is_file() and "sandbox" not in p.name]
    assert any(p.name == "interview-desk.log" for p in written)
    assert any(p.name == "export.json" for p in written)
    for path in written:
        assert SECRET.encode() not in path.read_bytes(), f"the key leaked into {path.name}"
    assert SECRET not in caplog.text
    assert "sk_…WXYZ" in caplog.text  # the crash report names the key only by its hint


def test_a_damaged_cache_is_moved_aside_and_rebuilt(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path,
                             env={"INTERVIEW_DESK_CONFIG": str(tmp_path / "c.toml")})
    settings.cache_path.write_bytes(b"\x00garbage, not a database" * 200)
    context = build_context(settings)
    try:
        assert context.notices and "moved aside" in context.notices[0].text
        assert list(tmp_path.glob(f"{settings.cache_path.name}.damaged-*"))
        assert context.store.count_candidates(CandidateQuery()) == 0
    finally:
        asyncio.run(context.aclose())


def test_a_cache_from_a_newer_app_is_refused_in_one_line(tmp_path: Path, capsys) -> None:
    connection = sqlite3.connect(tmp_path / "cache.sqlite3")
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    connection.close()
    assert main(["--data-dir", str(tmp_path), "export"]) == 1
    error = capsys.readouterr().err
    assert "newer Interview Desk" in error and error.count("\n") == 1


def test_two_instances_write_one_cache_without_corrupting_it(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite3"
    first, second = Store.open(path), Store.open(path)
    failures: list[BaseException] = []

    def write(store: Store, prefix: str) -> None:
        try:
            for batch in range(20):
                with store.transaction():
                    store.save_candidates([
                        Candidate(id=f"{prefix}-{batch}-{n}", first_name=prefix,
                                  email=f"{prefix}{batch}{n}@example.com") for n in range(25)])
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=write, args=(store, name))
               for store, name in ((first, "one"), (second, "two"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert first.count_candidates(CandidateQuery()) == 1000
    assert integrity(first.path) == "ok"
    first.close()
    second.close()


@pytest.fixture
def clock():  # type: ignore[no-untyped-def]
    from app.sandbox import SandboxClock

    return SandboxClock(start=FROZEN_AT, scale=0.0)
