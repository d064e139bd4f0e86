"""`interview-desk share` run the way a user runs it, against the sandbox on a loopback socket:
it shares, says when someone else's newer verdict stops it (and skips), and keeps the queue
when offline (exit 1)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.cli import main
from app.config import load_settings
from app.domain.shared_verdicts import NAMESPACE
from app.sandbox import DEMO_KEY
from app.store import Store
from app.store.verdicts import Verdict
from tests.loopback import LoopbackSandbox


@pytest.fixture(autouse=True)
def private(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("INTERVIEW_DESK_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("INTERVIEW_DESK_NAME", "Ana Novak")


def run(server: LoopbackSandbox, data_dir: Path, command: str) -> int:
    return main(["--api-url", server.url, "--api-key", DEMO_KEY, "--data-dir", str(data_dir),
                 command])


def decide(data_dir: Path, server: LoopbackSandbox, verdict: Verdict,
           which: int = 0) -> tuple[str, str]:
    settings = load_settings(api_url=server.url, api_key=DEMO_KEY, data_dir=data_dir)
    store = Store.open(settings.cache_path)
    try:
        candidate = [c for c in (store.candidate(i) for i in sorted(store.ids("candidates")))
                     if c is not None and c.all_job_ids][which]
        store.verdicts.decide(candidate.id, candidate.all_job_ids[0], verdict)
        return candidate.id, candidate.all_job_ids[0]
    finally:
        store.close()


def test_share_shares_skips_a_newer_one_and_queues_offline(
        server: LoopbackSandbox, clock, tmp_path: Path,  # type: ignore[no-untyped-def]
        capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = tmp_path / "data"
    assert run(server, data_dir, "sync") == 0
    candidate_id, job_id = decide(data_dir, server, Verdict.ADVANCE)
    capsys.readouterr()
    assert run(server, data_dir, "share") == 0
    assert "Shared 1 verdict with the team." in capsys.readouterr().out
    doc = server.sandbox.storage.get("candidates", candidate_id)
    entry = doc["metadata"][NAMESPACE]["verdicts"][job_id]
    assert (entry["by"], entry["verdict"]) == ("Ana Novak", "advance")

    # Dana shares a newer verdict; Ana's change of mind, decided before it, is skipped.
    decide(data_dir, server, Verdict.REJECT)
    dana_at = (datetime.now(UTC) + timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    entry = {**entry, "by": "Dana", "verdict": "hold", "at": dana_at}
    doc["metadata"][NAMESPACE]["verdicts"][job_id] = entry
    server.sandbox.storage.put("candidates", doc)
    assert run(server, data_dir, "share") == 0
    out = capsys.readouterr().out
    assert "someone else shared a newer one" in out
    assert "skipped" in out and "Dana shared hold" in out and "your reject" in out
    assert server.sandbox.storage.get("candidates", candidate_id)["metadata"][NAMESPACE][
        "verdicts"][job_id]["by"] == "Dana"

    decide(data_dir, server, Verdict.HOLD)  # changed again: still waits for the desk's question
    assert run(server, data_dir, "share") == 0
    assert "1 verdict wait for your answer" in capsys.readouterr().out

    server.stop()
    decide(data_dir, server, Verdict.HOLD, which=1)
    assert run(server, data_dir, "share") == 1
    assert "1 verdict queued: offline" in capsys.readouterr().out
