"""The GDPR purge deletes personal data, leaves no bytes behind, and logs only ids and counts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.cli import main
from app.domain.enums import AnalysisStatus, InterviewStatus
from app.domain.models import Analysis, Candidate, GeneralAnalysis, Interview, TranscriptTurn
from app.store import CandidateQuery, Store
from tests.caches import cache_of
from tests.store.reader import read_rows, run
from tests.ui.candidates.world import AGENT, START, TODAY

SECRET_EMAIL = "expired.person@example.org"
SECRET_PHRASE = "my grandmother's maiden name is Zebulon"


def file_bytes(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


def test_expired_candidates_lose_their_personal_data_bytes_included(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    store = Store.open(path)
    with store.transaction():
        store.save_agents([AGENT])
        store.save_candidates([
            Candidate(id="gone", first_name="Expired", last_name="Person", email=SECRET_EMAIL,
                      phone_number="+421900111222", gdpr_expiry_date=TODAY - timedelta(days=1)),
            Candidate(id="kept", first_name="Kept", last_name="Person",
                      email="kept@example.org", gdpr_expiry_date=TODAY),
        ])
        store.save_interviews([Interview(
            id="i-gone", candidate_id="gone", agent_id=AGENT.id,
            status=InterviewStatus.COMPLETED, scheduled_at=START,
            transcript=[TranscriptTurn(speaker="CANDIDATE", text=SECRET_PHRASE)],
            analysis=Analysis(general=GeneralAnalysis(
                status=AnalysisStatus.COMPLETED, overall_rating=70,
                strong_points=[f"Mentioned {SECRET_PHRASE}"])),
        )])
    run(store.path, "PRAGMA wal_checkpoint(TRUNCATE)")
    assert SECRET_EMAIL.encode() in file_bytes(path)

    report = store.purge_expired(TODAY)

    assert (report.candidates, report.interviews, report.transcript_turns) == (1, 1, 1)
    assert store.candidate("kept").email == "kept@example.org"  # expiring today is still kept
    assert store.candidate("gone") is None  # withheld: no screen reads what is left
    row = read_rows(store.path, "SELECT first_name, last_name, name, email, phone_number, raw "
                    "FROM candidates WHERE id = 'gone'")[0]
    assert (row["first_name"], row["last_name"], row["name"], row["email"],
            row["phone_number"]) == (None, None, "", None, None)
    assert "Expired" not in row["raw"] and SECRET_EMAIL not in row["raw"]
    assert store.interview("i-gone") is None  # its interview reads as removed
    assert store.ids("interviews") == set()
    assert store.search("Zebulon") == []
    assert store.count_candidates(CandidateQuery(text="expired"), today=TODAY) == 0
    log = store.purge_log()
    assert [(row["candidate_id"], row["interviews"]) for row in log] == [("gone", 1)]
    assert SECRET_EMAIL not in str(log)
    store.close()
    data = file_bytes(path)
    assert SECRET_EMAIL.encode() not in data
    assert b"Zebulon" not in data
    assert b"+421900111222" not in data


def test_a_second_purge_finds_nothing_new(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "c.sqlite3")
    store.save_candidates([Candidate(id="x", first_name="X", email="x@example.org",
                                     gdpr_expiry_date=TODAY - timedelta(days=3))])
    assert store.purge_expired(TODAY).candidates == 1
    assert store.purge_expired(TODAY).candidates == 0
    store.close()


@pytest.mark.parametrize("format", ["json", "csv"])
def test_export_leaves_out_a_candidate_past_the_date_before_the_purge(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    format: str,
) -> None:
    monkeypatch.setenv("INTERVIEW_DESK_CONFIG", str(tmp_path / "config.toml"))
    for name in ("INSTAVIEW_API_KEY", "INSTAVIEW_API_URL", "INTERVIEW_DESK_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)
    data = tmp_path / "data"
    data.mkdir()
    today = datetime.now(UTC).date()
    store = Store.open(cache_of(data))  # no purge has run since yesterday's date passed
    with store.transaction():
        store.save_candidates([
            Candidate(id="gone", first_name="Expired", email=SECRET_EMAIL,
                      gdpr_expiry_date=today - timedelta(days=1)),
            Candidate(id="kept", first_name="Kept", email="kept@example.org",
                      gdpr_expiry_date=today + timedelta(days=1))])
    store.close()

    assert main(["--data-dir", str(data), "export", "--format", format]) == 0

    out = capsys.readouterr().out
    assert "kept@example.org" in out
    assert SECRET_EMAIL not in out and "Expired" not in out


def test_a_candidate_sent_without_a_name_is_not_said_to_be_removed(tmp_path: Path) -> None:
    """The list shows a row without a name as removed under GDPR: a candidate the server sent
    with empty names, their GDPR date months ahead, read '(removed: GDPR)'."""
    store = Store.open(tmp_path / "cache.sqlite3")
    store.save_candidates([
        Candidate(id="nameless", first_name="", last_name=None,
                  gdpr_expiry_date=TODAY + timedelta(days=200)),
        Candidate(id="undated", first_name=None, last_name=None),
        Candidate(id="gone", first_name="Expired", last_name="Person",
                  gdpr_expiry_date=TODAY - timedelta(days=1))])
    store.purge_expired(TODAY)
    names = {row.id: row.name for row in store.candidate_rows(CandidateQuery(), today=TODAY)}
    assert names == {"nameless": "(no name)", "undated": "(no name)", "gone": ""}
