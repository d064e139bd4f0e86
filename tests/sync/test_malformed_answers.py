"""Malformed data from the API is a skipped record or one clear line, never a crash and never
a sync that fails forever (issue 20, point 3).

Against the stand-in API of `tests/standin.py`: an integer beyond 64 bits, a body whose
Content-Encoding lies, and a `GET /interviews/{id}` that answers with another interview.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from app.cli import main
from app.domain.models import Candidate, Interview
from app.store import Store
from app.sync.watcher import LiveWatcher
from tests.caches import cache_of
from tests.standin import KEY, URL, StandIn, patch_cli

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def private_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("INTERVIEW_DESK_CONFIG", str(tmp_path / "config.toml"))
    for name in ("INSTAVIEW_API_KEY", "INSTAVIEW_API_URL", "INTERVIEW_DESK_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize("field", ["analysisCount", "interviewCount"])
@pytest.mark.parametrize("number", [10**30, 2**63, -(2**63) - 1])
def test_an_integer_beyond_64_bits_skips_its_record_not_the_sync(
    field: str, number: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    standin = StandIn()
    standin.candidates[7][field] = number
    sync = [*patch_cli(monkeypatch, standin), "--data-dir", str(tmp_path), "sync"]

    for _ in range(2):  # it once failed every sync, forever
        assert main(sync) == 0
        assert "1 unreadable records skipped" in capsys.readouterr().out

    store = Store.open(cache_of(tmp_path, URL, KEY))
    assert len(store.ids("candidates")) == 29 and store.candidate("c7") is None
    store.close()


def test_a_body_whose_content_encoding_lies_is_one_clear_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    def lying(request: httpx.Request) -> httpx.Response | None:
        if request.url.path != "/candidates":
            return None
        return httpx.Response(200, content=b"this is not gzip at all",
                              headers={"Content-Encoding": "gzip",
                                       "Content-Type": "application/json"})

    standin = StandIn(answer=lying)
    code = main([*patch_cli(monkeypatch, standin), "--data-dir", str(tmp_path), "sync"])

    err = capsys.readouterr().err.splitlines()[-1]
    assert code == 1
    assert err == ("interview-desk: sync failed: The API sent a body that cannot be decoded "
                   "(its Content-Encoding does not match it) for /candidates.")


def live(interview_id: str) -> Interview:
    return Interview(id=interview_id, candidate_id="c1", agent_id="a1", status="IN_PROGRESS",
                     scheduled_at=NOW)


async def test_an_answer_about_another_interview_is_skipped_by_the_watcher(
    store: Store,
) -> None:
    with store.transaction():
        store.save_candidates([Candidate(id="c1", first_name="Ann")])
        store.save_interviews([live("i1"), live("i2")])

    def answers(request: httpx.Request) -> httpx.Response | None:
        wanted = request.url.path.rsplit("/", 1)[-1]
        sent = "someone-else" if wanted == "i1" else wanted
        return httpx.Response(200, content=json.dumps({
            "id": sent, "candidateId": "c1", "agentId": "a1", "status": "COMPLETED"}))

    async with StandIn(answer=answers).client() as client:
        result = await LiveWatcher(client, store, lambda: NOW).poll_once()

    assert result.polled == 2
    assert [(e.interview_id, e.new_status) for e in result.events] == [("i2", "COMPLETED")]
    assert store.interview("someone-else") is None
    kept = store.interview("i1")
    assert kept is not None and str(kept.interview.status) == "IN_PROGRESS"
