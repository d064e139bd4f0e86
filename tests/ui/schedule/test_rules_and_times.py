"""The form's pure rules without a screen: which job choices are offered (and why not the
others), who may be chosen, times typed as people type them and said back in words, a review
in words, field labels in place of request paths."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from app.domain.models import Agent, Candidate, Job
from app.domain.requests import Problem
from app.domain.zones import candidate_zone
from app.services.scheduling import minutes_text
from app.ui.schedule.draft import ScheduleDraft, field_label, problem_text
from app.ui.schedule.review import review
from app.ui.schedule.rules import EXISTING, NEW, NONE, job_choice, why_not_schedulable
from app.ui.schedule.when import read_clock, read_day, speak, start_time

TODAY = date(2026, 12, 1)  # a Tuesday
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
JOBS = [Job(id=f"job-{n}", title=title) for n, title in enumerate(("Accountant", "Nurse",
                                                                    "Barista"))]


def agent(focus: str) -> Agent:
    return Agent(id="agent", name="Eva", focus=focus, type="ONLINE", duration=15)


def person(*jobs: str, **changes: object) -> Candidate:
    values = {"id": "cand-7f3", "firstName": "Ema", "lastName": "Kral", "email": "ema@example.com",
              "phoneNumber": "+421900000009", "gdprExpiryDate": "2027-01-01",
              "jobIds": list(jobs)}
    return Candidate.model_validate({**values, **changes})


def test_generic_takes_no_job_and_says_why() -> None:
    choice = job_choice(JOBS, agent=agent("GENERIC"), candidate=None, bulk=False,
                        mode=EXISTING, job_id="job-0")
    assert choice.modes == {NONE} and choice.mode == NONE and choice.offered == ()
    assert "take no job" in choice.note


def test_a_candidate_with_two_jobs_is_offered_only_those() -> None:
    choice = job_choice(JOBS, agent=agent("SCREENING"), candidate=person("job-1", "job-2"),
                        bulk=False, mode=EXISTING, job_id="")
    assert [job.title for job in choice.offered] == ["Nurse", "Barista"]
    assert "Only this candidate's 2 jobs are offered." in choice.note
    assert "needs a job" in choice.note
    assert NONE not in choice.modes  # an agent with a focus needs a job


def test_hints_go_when_their_reason_goes() -> None:
    new_person = job_choice(JOBS, agent=agent("SCREENING"), candidate=None, bulk=False,
                            mode=EXISTING, job_id="job-0")
    assert new_person.note == ""  # no candidate with two jobs, and a job is chosen
    new_job = job_choice(JOBS, agent=agent("SCREENING"), candidate=person("job-1", "job-2"),
                         bulk=False, mode=NEW, job_id="")
    assert new_job.note == "" and new_job.mode == NEW


def test_the_only_job_is_preset_and_bulk_offers_no_new_job() -> None:
    only = job_choice(JOBS, agent=agent("SCREENING"), candidate=person("job-2"), bulk=False,
                      mode=EXISTING, job_id="")
    assert only.preset == "job-2" and "needs a job" not in only.note
    bulk = job_choice(JOBS, agent=agent("SCREENING"), candidate=None, bulk=True, mode=NEW,
                      job_id="")
    assert bulk.modes == {EXISTING} and bulk.mode == EXISTING
    assert "several candidates" in bulk.note


def test_purged_expired_and_deleted_candidates_cannot_be_chosen() -> None:
    assert why_not_schedulable(person(), today=TODAY) is None
    assert "deleted" in why_not_schedulable(None, today=TODAY)
    expired = person(gdprExpiryDate="2026-11-30")
    assert "purged" in why_not_schedulable(expired, today=TODAY)
    purged = Candidate.model_validate({"id": "cand", "gdprExpiryDate": "2027-01-01"})
    assert "purged" in why_not_schedulable(purged, today=TODAY)


@pytest.mark.parametrize(("typed", "day"), [
    ("2026-12-03", date(2026, 12, 3)), ("today", TODAY), ("tomorrow", date(2026, 12, 2)),
    ("mon", date(2026, 12, 7)), ("Thursday", date(2026, 12, 3)),
    ("tue", date(2026, 12, 8)),  # a weekday is never today: next week's
    ("next blue moon", None), ("2026-02-30", None), ("mo", None),
])
def test_days_as_people_type_them(typed: str, day: date | None) -> None:
    assert read_day(typed, TODAY) == day


@pytest.mark.parametrize(("typed", "clock"), [
    ("14:30", (14, 30)), ("9:30", (9, 30)), ("9", (9, 0)), ("24:00", None), ("9:5", None),
    ("nine", None), ("", None),
])
def test_times_as_people_type_them(typed: str, clock: tuple[int, int] | None) -> None:
    read = read_clock(typed)
    assert (None if read is None else (read.hour, read.minute)) == clock


def test_a_time_may_ride_in_the_day_field() -> None:
    when, problems = start_time("tomorrow 10:00", "", today=TODAY)
    assert problems == [] and when is not None
    assert when.isoformat().startswith("2026-12-02T10:00:00")


@pytest.mark.parametrize(("day", "at"), [("0001-01-01", "00:00"), ("9999-12-31", "23:59")])
def test_the_calendars_ends_are_a_problem_not_a_crash(day: str, at: str,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    for zone in ("Asia/Tokyo", "America/New_York", "UTC"):
        monkeypatch.setenv("TZ", zone)
        time.tzset()
        when, problems = start_time(day, at, today=TODAY)
        if when is None:
            assert problems and problems[0].field == "scheduleTime"
        spoken = speak(when, now=NOW, zone="Pacific/Kiritimati")  # UTC+14, far east
        assert spoken.text
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


def test_the_start_in_words_for_both_zones_with_warnings() -> None:
    when = datetime(2026, 12, 3, 10, 0, tzinfo=UTC)
    spoken = speak(when, now=NOW, zone="Europe/Bratislava")
    assert spoken.text == ("Thu 3 Dec, 10:00 your time (UTC+00:00) · 11:00 for the candidate "
                           "(Europe/Bratislava)")
    assert spoken.warnings == ()
    late = speak(datetime(2026, 12, 3, 13, 0, tzinfo=UTC), now=NOW, zone="Asia/Tokyo")
    assert "22:00 for the candidate" in late.text
    assert any("outside 08:00–20:00" in warning for warning in late.warnings)
    soon = speak(NOW + timedelta(minutes=10), now=NOW, zone=None)
    assert any("starts in 10 minutes" in warning for warning in soon.warnings)
    next_year = speak(datetime(2027, 1, 1, 10, 0, tzinfo=UTC), now=NOW, zone=None)
    assert next_year.text.startswith("Fri 1 Jan 2027, 10:00")


def test_the_zone_comes_from_an_unambiguous_phone_only() -> None:
    assert candidate_zone("+421915123456") == "Europe/Bratislava"
    assert candidate_zone("+12025550123") is None or "America" in candidate_zone("+12025550123")
    assert candidate_zone("not a phone") is None


def test_the_review_reads_as_words() -> None:
    draft = ScheduleDraft(candidate_id="cand-7f3", agent_id="agent", job_id="job-1",
                          start_now=False, day="thu", at="10:00")
    text = review(draft, agent=agent("SCREENING"), candidate=person("job-1"), job=JOBS[1],
                  now=NOW, zone="Europe/Bratislava").plain
    assert "Ema Kral · ema@example.com" in text
    assert "Nurse" in text and "Eva (online, 15 minutes)" in text
    assert "screening interview" in text
    assert "Thu 3 Dec, 10:00 your time (UTC+00:00) · 11:00 for the candidate" in text
    assert "job-1" not in text and "2026-12-03T" not in text and "cand-7f3" not in text


@pytest.mark.parametrize("typed", ["52,000", "52.000", "1,250,000", "52,000.50"])
def test_a_salary_with_thousands_separators_is_asked_about_never_read_as_a_fraction(
        typed: str) -> None:
    """"52,000" is fifty-two thousand to one recruiter and 52 to Python once the comma is a
    decimal point: the job (kept for good) would say 52 a year. It is refused with a message,
    never guessed."""
    draft = ScheduleDraft(job_mode=NEW, title="Night nurse", salary_min=typed)
    body, problems = draft.body(TODAY)
    assert [p.field for p in problems] == ["job.salary.min"]
    assert "52000" in problems[0].message and "separator" in problems[0].message
    assert "salary" not in body["job"]  # no amount guessed


@pytest.mark.parametrize(("typed", "amount"), [("52000", 52000), ("52 000", 52000),
                                               ("52,5", 52.5), ("52.5", 52.5),
                                               ("1250.50", 1250.5)])
def test_a_salary_is_read_as_typed(typed: str, amount: float) -> None:
    body, problems = ScheduleDraft(job_mode=NEW, title="Night nurse",
                                   salary_min=typed).body(TODAY)
    assert problems == [] and body["job"]["salary"]["min"] == amount


def test_problems_are_named_by_their_field_label() -> None:
    assert field_label("candidate.phoneNumber") == "Phone"
    assert field_label("job.requiredSkills[3]") == "Required skills"
    assert field_label("job.salary.min") == "Salary"
    assert problem_text(Problem("candidate.email", "Not valid.")) == "Email: Not valid."
    assert problem_text(Problem("", "Refused.")) == "Refused."


def test_minutes_read_as_numbers() -> None:
    assert minutes_text(1_000_000.0) == "1,000,000"
    assert minutes_text(7.5) == "7.5"
    assert minutes_text(45) == "45"


def test_the_draft_is_one_list_of_fields() -> None:
    """Every field a control edits names its kind and where its problems go."""
    from app.ui.schedule.draft import CONTROLS

    names = {f.name for f in CONTROLS}
    assert {"first_name", "agent_id", "required_skills", "day", "is_test",
            "job_mode"} <= names
    assert all("kind" in f.metadata for f in CONTROLS)
    assert all("path" in f.metadata for f in CONTROLS if f.metadata["kind"] != "radio")


def test_the_arrow_keys_step_days_from_today_and_times_by_quarters() -> None:
    from app.ui.schedule.when import step_clock, step_day

    assert step_day("", 1, today=TODAY) == "2026-12-02"
    assert step_day("tomorrow", -1, today=TODAY) == "2026-12-01"
    assert step_day("", -1, today=TODAY) == "2026-12-01"  # never before today
    assert step_day("9999-12-31", 1, today=TODAY) == "9999-12-31"  # the calendar's end holds
    assert step_clock("9:00", 1) == "09:15"
    assert step_clock("9:07", 1) == "09:15" and step_clock("9:07", -1) == "09:00"
    assert step_clock("10:30", -2) == "10:00"
    assert step_clock("23:45", 1) == "23:45" and step_clock("00:00", -1) == "00:00"
    assert step_clock("", 1) == "09:15"
