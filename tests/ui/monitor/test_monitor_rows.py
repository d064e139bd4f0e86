"""What a row says about time, and which group and order an interview lands in."""

from __future__ import annotations

from datetime import timedelta, timezone

from app.domain.enums import AnalysisStatus, InterviewStatus
from app.store.section_rows import MonitorEntry
from app.ui.monitor.call_time import read_time, written
from app.ui.monitor.entries import Group, MonitorFilter, arrange
from app.ui.monitor.rows import analysis_text, countdown, elapsed_bar
from app.ui.screens.monitor import delete_consequence
from tests.ui.monitor.world import START


def entry(key: str, status: InterviewStatus, **fields: object) -> MonitorEntry:
    return MonitorEntry(interview_id=key, status=status, candidate_name=key, **fields)  # type: ignore[arg-type]


def test_countdown_reads_in_seconds_minutes_hours_and_days() -> None:
    assert countdown(START + timedelta(seconds=42), START).plain.startswith("in 42 s")
    assert countdown(START + timedelta(minutes=4, seconds=5), START).plain.startswith(
        "in 4 min 05 s"
    )
    assert countdown(START + timedelta(hours=2, minutes=10), START).plain.startswith(
        "in 2 h 10 min"
    )
    assert countdown(START + timedelta(days=3, hours=4), START).plain.startswith("in 3 d 4 h")
    assert countdown(START - timedelta(seconds=5), START).plain == "starting now"


def test_start_times_read_in_utc_whatever_offset_they_came_with() -> None:
    in_prague = START.astimezone(timezone(timedelta(hours=1)))
    assert countdown(in_prague + timedelta(hours=2), START).plain.endswith("Tue 11:00 UTC")


def test_elapsed_bar_fills_with_the_agents_duration_and_says_when_it_overruns() -> None:
    half = elapsed_bar(START - timedelta(minutes=7, seconds=30), START, 15).plain
    assert half.count("█") == 8 and "7:30 / 15 min" in half
    over = elapsed_bar(START - timedelta(minutes=20), START, 15).plain
    assert "░" not in over and "overrunning" in over


def test_analysis_state_in_words() -> None:
    done = entry("a", InterviewStatus.COMPLETED, analysis_status=AnalysisStatus.COMPLETED)
    working = entry("b", InterviewStatus.COMPLETED, analysis_status=AnalysisStatus.PROCESSING)
    cancelled = entry("c", InterviewStatus.CANCELLED)
    assert analysis_text(done).plain == "analysis ready"
    assert analysis_text(working).plain == "analysing…"
    assert analysis_text(cancelled).plain == "no analysis"


def test_groups_and_their_order() -> None:
    later = entry("later", InterviewStatus.SCHEDULED, scheduled_at=START + timedelta(hours=2))
    sooner = entry("sooner", InterviewStatus.SCHEDULED, scheduled_at=START + timedelta(hours=1))
    running = entry("running", InterviewStatus.IN_PROGRESS, scheduled_at=START)
    old = entry("old", InterviewStatus.FAILED, finished_at=START - timedelta(hours=3))
    new = entry("new", InterviewStatus.COMPLETED, finished_at=START - timedelta(hours=1))
    odd = entry("odd", "PAUSED_BY_HUMAN")
    groups = arrange([later, old, running, sooner, new, odd])
    assert [e.interview_id for e in groups[Group.SCHEDULED]] == ["sooner", "later"]
    assert [e.interview_id for e in groups[Group.IN_PROGRESS]] == ["running"]
    assert [e.interview_id for e in groups[Group.FINISHED]] == ["new", "old", "odd"]


def test_filter_by_status_job_and_agent() -> None:
    one = entry("one", InterviewStatus.FAILED, job_id="j1", agent_id="a1")
    two = entry("two", InterviewStatus.FAILED, job_id="j2", agent_id="a1")
    assert MonitorFilter(status=InterviewStatus.FAILED, job_id="j1").matches(one)
    assert not MonitorFilter(status=InterviewStatus.FAILED, job_id="j1").matches(two)
    assert not MonitorFilter(agent_id="a2").matches(one)
    assert not MonitorFilter().active


def test_delete_consequence_depends_on_the_status() -> None:
    _, running, _ = delete_consequence(entry("Ann", InterviewStatus.IN_PROGRESS))
    assert "no transcript and no analysis" in running
    title, scheduled, button = delete_consequence(
        entry("Ann", InterviewStatus.SCHEDULED, scheduled_at=START)
    )
    assert title.startswith("Cancel") and button == "Cancel the interview"
    assert "will not be called" in scheduled and "reminders stop" in scheduled


def test_call_time_is_read_with_its_offset() -> None:
    assert read_time(" 2026-12-01  09:30  +01:00 ") == "2026-12-01 09:30+01:00"
    assert read_time("2026-12-01 09:30 UTC") == "2026-12-01 09:30+00:00"
    assert read_time("2026-12-01T09:30Z") == "2026-12-01T09:30+00:00"


def test_a_suggested_time_reads_back_unchanged() -> None:
    assert written(START) == "2026-12-01 09:00 +00:00"
    assert read_time(written(START)) == "2026-12-01 09:00+00:00"
