"""`PATCH /candidates/{id}` and `metadata` over a real loopback socket (API.md section 3): the
sandbox merges metadata key by key, moves `updatedAt`, and refuses a result beyond 10 KB,
5 levels or 50 keys with a 400 VALIDATION_ERROR naming `metadata`, changing nothing."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from app.api.client import InterviewsClient
from app.api.errors import RequestRejected
from app.domain.shared_verdicts import metadata_problem
from app.sandbox import DEMO_KEY, SandboxClock
from tests.loopback import LoopbackSandbox
from tests.sandbox.test_contract import CANDIDATE, served
from tests.sync.conftest import FROZEN_AT, no_sleep


@pytest.fixture
def clock() -> SandboxClock:
    return SandboxClock(start=FROZEN_AT, scale=0.0)


@pytest.fixture
def server(tmp_path: Path, clock: SandboxClock) -> Iterator[LoopbackSandbox]:
    running = served(tmp_path, clock)
    yield running
    running.stop()


@pytest.fixture
async def api(server: LoopbackSandbox) -> AsyncIterator[InterviewsClient]:
    async with InterviewsClient(server.url, DEMO_KEY, sleep=no_sleep, max_per_second=0,
                                timeout=5) as client:
        yield client


async def test_metadata_is_merged_key_by_key_and_moves_updated_at(api, clock) -> None:  # type: ignore[no-untyped-def]
    created = await api.create_candidate({**CANDIDATE, "metadata": {"ats": {"ref": "A-1"}}})
    clock.advance(timedelta(minutes=5))
    updated = await api.update_candidate(created.id, {"metadata": {"interviewDesk": {"v": 1}}})
    assert updated.metadata == {"ats": {"ref": "A-1"}, "interviewDesk": {"v": 1}}
    assert updated.updated_at == FROZEN_AT + timedelta(minutes=5) > created.updated_at
    again = await api.update_candidate(created.id, {"metadata": {"interviewDesk": {"v": 2}}})
    assert again.metadata == {"ats": {"ref": "A-1"}, "interviewDesk": {"v": 2}}
    assert (await api.get_candidate(created.id)).metadata == again.metadata
    assert again.first_name == "Ada"  # the other fields stay


def nested(levels: int) -> dict:  # type: ignore[type-arg]
    """A value that makes metadata `levels` deep (metadata itself the first), with a key
    per level below it."""
    value: dict = {"leaf": 1}  # type: ignore[type-arg]
    for _ in range(levels - 2):
        value = {"down": value}
    return value


@pytest.mark.parametrize(("patch", "words"), [
    ({"big": "x" * (10 * 1024)}, "10 KB"),
    ({"deep": nested(6)}, "5 are allowed"),
    ({f"k{i}": i for i in range(51)}, "50 are allowed"),
    ({"k": 1, "inner": {f"k{i}": i for i in range(49)}}, "50 are allowed"),  # 51 in all
])
async def test_metadata_beyond_the_limits_is_refused_and_changes_nothing(  # type: ignore[no-untyped-def]
        api, patch, words) -> None:
    created = await api.create_candidate({**CANDIDATE, "metadata": {"keep": "me"}})
    with pytest.raises(RequestRejected) as refused:
        await api.update_candidate(created.id, {"metadata": patch, "status": "HIRED"})
    assert refused.value.status == 400 and refused.value.code == "VALIDATION_ERROR"
    assert [problem.field for problem in refused.value.problems] == ["metadata"]
    assert words in refused.value.problems[0].message
    kept = await api.get_candidate(created.id)
    assert kept.metadata == {"keep": "me"} and kept.status == "APPLIED"


async def test_metadata_at_the_limits_is_taken(api) -> None:  # type: ignore[no-untyped-def]
    created = await api.create_candidate(CANDIDATE)
    at_limit = {f"k{i}": i for i in range(45)} | {"deep": nested(5)}  # 46 + 4 = 50 keys
    assert metadata_problem(at_limit) is None
    assert metadata_problem({**at_limit, "k45": 45}) is not None  # the keys inside count
    assert metadata_problem(at_limit) is None
    updated = await api.update_candidate(created.id, {"metadata": at_limit})
    assert updated.metadata == at_limit
    with pytest.raises(RequestRejected):
        await api.update_candidate(created.id, {"metadata": "not an object"})


async def test_metadata_nested_a_thousand_deep_is_refused_not_a_crash(api) -> None:  # type: ignore[no-untyped-def]
    created = await api.create_candidate(CANDIDATE)
    deep: dict = {}  # type: ignore[type-arg]
    for _ in range(900):
        deep = {"d": deep}
    with pytest.raises(RequestRejected) as refused:
        await api.update_candidate(created.id, {"metadata": deep})
    assert "5 are allowed" in refused.value.problems[0].message
