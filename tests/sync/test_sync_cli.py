"""`interview-desk sync` and `interview-desk export`, run the way a user runs them."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.cli import main
from app.commands import sync as sync_command
from app.sandbox import SandboxClock
from app.sandbox.settings import ALL_SCOPES
from app.store import Store
from app.store.export import CSV_COLUMNS
from app.sync.progress import SyncProgress
from tests.loopback import LoopbackSandbox, free_port

LIMITED_KEY = "sk_limited000000000000000000000000000000000000"


def keep_private(patch: pytest.MonkeyPatch, config: Path) -> None:
    """No user config file or key from the machine running the tests."""
    patch.setenv("INTERVIEW_DESK_CONFIG", str(config))
    for name in ("INSTAVIEW_API_KEY", "INSTAVIEW_API_URL", "INTERVIEW_DESK_DATA_DIR"):
        patch.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def private_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    keep_private(monkeypatch, tmp_path / "config.toml")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture(scope="module")
def synced(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir whose cache was filled by `sync` from the built-in sandbox (shared: the
    export tests only read it)."""
    root = tmp_path_factory.mktemp("synced")
    with pytest.MonkeyPatch.context() as patch:
        keep_private(patch, root / "config.toml")
        assert main(["--data-dir", str(root / "data"), "sync"]) == 0
    return root / "data"


def cached_count(data_dir: Path) -> int:
    store = Store.open(data_dir / "cache-sandbox.sqlite3")
    try:
        return len(store.ids("candidates"))
    finally:
        store.close()


def test_sync_draws_progress_then_prints_a_summary(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(data_dir), "sync"]) == 0

    out, err = capsys.readouterr()
    count = cached_count(data_dir)
    assert out.startswith(f"Synced: {count} new, 0 updated, 0 deleted")
    assert "requests" in out
    assert "\rSyncing [" in err
    assert "candidates 300/300" in err  # the candidates first, then their interviews
    assert re.search(r"\] interviews of ([1-9]\d*)/\1 candidates", err.splitlines()[-1])

    assert main(["--data-dir", str(data_dir), "sync", "--full"]) == 0
    assert capsys.readouterr().out.startswith("Synced: 0 new")


def test_sync_names_a_missing_scope(
    server: LoopbackSandbox, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server.settings.keys[LIMITED_KEY] = ALL_SCOPES - {"read:agents"}

    code = main(["--api-url", server.url, "--api-key", LIMITED_KEY, "--data-dir",
                 str(data_dir), "sync"])

    err = capsys.readouterr().err
    assert code == 1
    assert "read:agents" in err and err.count("\n") == 1
    assert LIMITED_KEY not in err


def test_sync_offline_is_one_clear_line(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("app.api.client.BACKOFF_BASE", 0.0)
    url = f"http://127.0.0.1:{free_port()}"  # nothing listens there

    code = main(["--api-url", url, "--api-key", LIMITED_KEY, "--data-dir", str(data_dir),
                 "sync"])

    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("interview-desk: offline: Cannot reach the API at " + url)
    assert err.count("\n") == 1


def test_export_json_has_candidates_with_their_interviews(
    synced: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_network(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("export must not build an API client")

    monkeypatch.setattr("app.api.client.InterviewsClient.__init__", no_network)

    assert main(["--data-dir", str(synced), "export", "--format", "json"]) == 0

    exported = json.loads(capsys.readouterr().out)
    assert len(exported) == cached_count(synced)
    interviews = [i for candidate in exported for i in candidate["interviews"]]
    assert interviews and all("transcript" not in i for i in interviews)
    assert {i["status"] for i in interviews} <= {"SCHEDULED", "IN_PROGRESS", "COMPLETED",
                                                 "CANCELLED", "FAILED"}
    assert all(candidate["id"] and "firstName" in candidate for candidate in exported)
    analysed = [i for i in interviews if i["analysis"] and i["analysis"]["general"]]
    assert analysed and all(i["agent"]["focus"] for i in analysed)


def test_export_json_with_transcripts(synced: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(synced), "export", "--with-transcripts"]) == 0

    exported = json.loads(capsys.readouterr().out)
    turns = [turn for candidate in exported for i in candidate["interviews"]
             for turn in i["transcript"] or []]
    assert turns and {"speaker", "text"} <= set(turns[0])


def test_export_csv_one_row_per_candidate(
    synced: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(synced), "export", "--format", "csv"]) == 0

    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) - 1 == cached_count(synced)


def test_export_filters_by_job_and_status(
    synced: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = Store.open(synced / "cache-sandbox.sqlite3")
    job = store.jobs()[0]
    of_job = set(store.candidates_of_job(job.id))
    store.close()

    assert main(["--data-dir", str(synced), "export", "--job", job.id]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert exported and {candidate["id"] for candidate in exported} == of_job

    assert main(["--data-dir", str(synced), "export", "--job", job.title.upper()]) == 0
    by_title = json.loads(capsys.readouterr().out)
    assert {candidate["id"] for candidate in by_title} == of_job  # a title works as the id

    assert main(["--data-dir", str(synced), "export", "--job", job.id, "--status",
                 "interviewing"]) == 0  # in any case, as the cache spells it
    chosen = json.loads(capsys.readouterr().out)
    assert chosen and {candidate["status"] for candidate in chosen} == {"INTERVIEWING"}


def test_an_unknown_status_is_a_usage_error_listing_the_statuses(
    synced: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(synced), "export", "--status", "BOGUS"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "'BOGUS'" in captured.err and "the statuses are: INTERVIEWING" in captured.err
    assert captured.err.count("\n") == 1


def test_a_title_that_names_two_jobs_lists_them(
    synced: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = Store.open(synced / "cache-sandbox.sqlite3")
    job = store.jobs()[0]
    with store.transaction():
        store.save_jobs([job.model_copy(update={"id": "job-twin"})])
    store.close()
    assert main(["--data-dir", str(synced), "export", "--job", job.title]) == 2
    err = capsys.readouterr().err
    assert "2 jobs are titled" in err and "job-twin" in err and job.id in err


def test_export_to_a_private_file(synced: Path, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "exports" / "candidates.csv"
    assert main(["--data-dir", str(synced), "export", "--format", "csv"]) == 0
    printed = capsys.readouterr().out

    assert main(["--data-dir", str(synced), "export", "--format", "csv", "--out",
                 str(target)]) == 0

    assert capsys.readouterr().out == ""
    assert target.read_bytes().decode("utf-8") == printed
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in target.parent.iterdir()] == ["candidates.csv"]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["export"], "run `interview-desk sync` (or open the app) first"),
        (["export", "--format", "csv", "--with-transcripts"], "--format json only"),
    ],
)
def test_export_mistakes_are_one_line(
    data_dir: Path, capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    assert main(["--data-dir", str(data_dir), *arguments]) == 1
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_export_of_an_unknown_job_says_so(
    synced: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(synced), "export", "--job", "nope"]) == 2
    assert "no job with the id or title 'nope' in the cache" in capsys.readouterr().err


def test_the_sync_line_counts_a_wait_down(monkeypatch: pytest.MonkeyPatch) -> None:
    """While the rate limit holds the sync no progress comes, yet the line's "waiting 60 s"
    (or an hour quota's "waiting 25 min") must not stand still: it is redrawn as it runs out."""
    monkeypatch.setattr(sync_command, "WAIT_REDRAW_SECONDS", 0.01)
    clock = SandboxClock(start=datetime(2026, 12, 1, 9, 0, tzinfo=UTC), scale=0.0)
    stream = io.StringIO()
    bar = sync_command.ProgressBar(stream, clock=clock.now)

    async def held_by_the_rate_limit() -> None:
        bar(SyncProgress(0, None, waiting_seconds=60.0,
                         waiting_until=clock.now() + timedelta(seconds=60)))
        clock.advance(timedelta(seconds=25))
        await asyncio.sleep(0.1)

    asyncio.run(held_by_the_rate_limit())
    bar.finish()
    drawn = stream.getvalue().split("\r")
    assert "waiting 60 s for the API's rate limit" in drawn[1]
    assert "waiting 35 s for the API's rate limit" in drawn[-1]
