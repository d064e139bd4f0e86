"""Each rule of API.md section 4 at its boundary: accepted at the limit, rejected one past it."""

from __future__ import annotations

from copy import deepcopy
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from app.domain.models import Agent, Candidate
from app.domain.requests import (
    CandidateDraft,
    InterviewRequest,
    JobDraft,
    Problem,
    RuleViolation,
    check_candidate,
    check_interview_request,
    check_job,
)

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
SCREENING = Agent(id="agent-s", name="Screener", focus="SCREENING", type="ONLINE", duration=15)
GENERIC = Agent(id="agent-g", name="Chat", focus="GENERIC", type="PHONE", duration=10)


def inline_candidate(**changes: Any) -> dict[str, Any]:
    candidate = {
        "firstName": "Jana",
        "lastName": "Kováčová",
        "email": "jana.kovacova@example.com",
        "phoneNumber": "+421915123456",
        "gdprExpiryDate": "2027-06-30",
    }
    candidate.update(changes)
    return candidate


def inline_job(**changes: Any) -> dict[str, Any]:
    job = {"title": "Backend developer", "requiredSkills": ["Python"]}
    job.update(changes)
    return job


def body(**changes: Any) -> dict[str, Any]:
    request = {"candidate": inline_candidate(), "agentId": SCREENING.id, "job": inline_job()}
    request.update(changes)
    return {key: value for key, value in request.items() if value is not None}


def problems(request: dict[str, Any], **context: Any) -> list[Problem]:
    context.setdefault("agent", SCREENING)
    return check_interview_request(request, now=NOW, **context)


def fields(request: dict[str, Any], **context: Any) -> list[str]:
    return [problem.field for problem in problems(request, **context)]


def with_job(**changes: Any) -> dict[str, Any]:
    return body(job=inline_job(**changes))


def test_a_complete_request_has_no_problems() -> None:
    assert problems(body()) == []


@pytest.mark.parametrize(("length", "ok"), [(4, False), (5, True), (200, True), (201, False)])
def test_job_title_is_5_to_200_characters(length: int, ok: bool) -> None:
    found = problems(with_job(title="x" * length))
    assert (found == []) is ok
    if not ok:
        assert found[0].field == "job.title"
        assert "characters" in found[0].message


def test_guide_spelling_jobtitle_is_checked_as_title() -> None:
    request = body(job={"jobTitle": "Dev"})
    assert fields(request) == ["job.title"]


@pytest.mark.parametrize(("length", "ok"), [(9, False), (10, True), (5000, True), (5001, False)])
def test_description_is_10_to_5000_when_given(length: int, ok: bool) -> None:
    assert (fields(with_job(description="d" * length)) == []) is ok


@pytest.mark.parametrize(("length", "ok"), [(128, True), (129, False)])
def test_a_skill_has_at_most_128_characters(length: int, ok: bool) -> None:
    found = fields(with_job(requiredSkills=["Python", "s" * length]))
    assert found == ([] if ok else ["job.requiredSkills[1]"])


def test_an_empty_skill_is_rejected_at_its_index() -> None:
    found = problems(with_job(niceToHaveSkills=["Go", "  "]))
    assert [p.field for p in found] == ["job.niceToHaveSkills[1]"]
    assert "empty" in found[0].message


@pytest.mark.parametrize("name", ["requiredSkills", "niceToHaveSkills"])
def test_each_skill_list_takes_at_most_10(name: str) -> None:
    at_limit = {"requiredSkills": [], "niceToHaveSkills": []} | {name: [f"s{i}" for i in range(10)]}
    assert fields(with_job(**at_limit)) == []
    past = {name: [f"s{i}" for i in range(11)]}
    found = problems(with_job(**({"requiredSkills": []} | past)))
    assert [p.field for p in found] == [f"job.{name}"]
    assert "remove 1" in found[0].message


def test_both_skill_lists_together_take_at_most_10() -> None:
    assert fields(with_job(requiredSkills=["a"] * 6, niceToHaveSkills=["b"] * 4)) == []
    found = problems(with_job(requiredSkills=["a"] * 6, niceToHaveSkills=["b"] * 5))
    assert [p.field for p in found] == ["job.niceToHaveSkills"]
    assert "together" in found[0].message and "(now 11)" in found[0].message


def test_at_most_five_language_requirements() -> None:
    five = [{"language": code, "proficiency": "B2"} for code in ("EN", "DE", "FR", "SK", "CS")]
    assert fields(with_job(languageRequirements=five)) == []
    six = [*five, {"language": "PL", "proficiency": "A1"}]
    assert fields(with_job(languageRequirements=six)) == ["job.languageRequirements"]


def test_language_and_level_must_be_known_codes() -> None:
    found = fields(with_job(languageRequirements=[{"language": "XX", "proficiency": "D9"}]))
    assert found == [
        "job.languageRequirements[0].language",
        "job.languageRequirements[0].proficiency",
    ]


def test_job_enums_location_and_salary_are_checked() -> None:
    found = fields(
        with_job(
            education=["MASTER_LEVEL", "WIZARD"],
            experience="FOREVER",
            contractType="GIG",
            location={"workMode": "ONSITE", "countryCode": "sk"},
            salary={"min": 5000, "max": 4000, "currency": "euro", "period": "WEEKLY"},
        )
    )
    assert found == [
        "job.education[1]",
        "job.experience",
        "job.contractType",
        "job.location.countryCode",
        "job.salary.max",
        "job.salary.currency",
        "job.salary.period",
    ]


@pytest.mark.parametrize(
    "missing", ["firstName", "lastName", "email", "phoneNumber", "gdprExpiryDate"]
)
def test_inline_candidate_fields_are_required(missing: str) -> None:
    candidate = inline_candidate()
    del candidate[missing]
    found = problems(body(candidate=candidate))
    assert [p.field for p in found] == [f"candidate.{missing}"]
    assert "required" in found[0].message


@pytest.mark.parametrize("email", ["jana", "jana@", "jana@@example.com", "a b@example.com"])
def test_email_must_be_valid(email: str) -> None:
    assert fields(body(candidate=inline_candidate(email=email))) == ["candidate.email"]


@pytest.mark.parametrize(
    ("phone", "ok"),
    [
        ("+421915123456", True),
        ("+1234567", True),
        ("+123456789012345", True),
        ("+1234567890123456", False),
        ("0915123456", False),
        ("+421 915 123 456", False),
        ("+0915123456", False),
    ],
)
def test_phone_must_be_e164(phone: str, ok: bool) -> None:
    found = problems(body(candidate=inline_candidate(phoneNumber=phone)))
    assert (found == []) is ok
    if not ok:
        assert found[0].field == "candidate.phoneNumber" and "E.164" in found[0].message


@pytest.mark.parametrize(("phone", "said"), [("+1234567890123456", "(now 16)"),
                                             ("+123456", "(now 6)")])
def test_a_phone_with_too_many_or_too_few_digits_says_how_many(phone: str, said: str) -> None:
    """Written in E.164 form but one digit past the limits: the message counts the digits,
    rather than repeating the form the recruiter already used."""
    found = problems(body(candidate=inline_candidate(phoneNumber=phone)))
    assert [p.field for p in found] == ["candidate.phoneNumber"]
    assert "7 to 15 digits" in found[0].message and said in found[0].message


@pytest.mark.parametrize("value", ["2027-02-30", "30.06.2027", "2027-6-30", "tomorrow"])
def test_gdpr_date_must_be_a_real_iso_date(value: str) -> None:
    assert fields(body(candidate=inline_candidate(gdprExpiryDate=value))) == [
        "candidate.gdprExpiryDate"
    ]


def test_gdpr_date_today_is_accepted_yesterday_is_rejected() -> None:
    assert fields(body(candidate=inline_candidate(gdprExpiryDate="2026-11-28"))) == []
    found = problems(body(candidate=inline_candidate(gdprExpiryDate="2026-11-27")))
    assert "passed" in found[0].message


def test_gdpr_date_before_the_interview_is_rejected_with_the_reason() -> None:
    start = "2026-12-10T09:00:00+01:00"
    ok = body(candidate=inline_candidate(gdprExpiryDate="2026-12-10"), scheduleTime=start)
    assert problems(ok) == []
    late = body(candidate=inline_candidate(gdprExpiryDate="2026-12-09"), scheduleTime=start)
    found = problems(late)
    assert [p.field for p in found] == ["candidate.gdprExpiryDate"]
    assert "before the interview" in found[0].message


def test_schedule_time_at_most_30_days_ahead() -> None:
    limit = (NOW + timedelta(days=30)).isoformat()
    assert fields(body(scheduleTime=limit)) == []
    past = (NOW + timedelta(days=30, seconds=1)).isoformat()
    found = problems(body(scheduleTime=past))
    assert [p.field for p in found] == ["scheduleTime"] and "30 days" in found[0].message


def test_schedule_time_must_be_in_the_future() -> None:
    assert fields(body(scheduleTime=(NOW + timedelta(seconds=1)).isoformat())) == []
    assert fields(body(scheduleTime=NOW.isoformat())) == ["scheduleTime"]


def test_schedule_time_needs_an_explicit_offset() -> None:
    found = problems(body(scheduleTime="2026-12-01T09:00:00"))
    assert found[0].field == "scheduleTime" and "offset" in found[0].message
    assert fields(body(scheduleTime="2026-12-01T09:00:00Z")) == []


def test_changelog_spelling_scheduledat_is_checked_too() -> None:
    assert fields(body(scheduledAt="2026-12-01T09:00:00")) == ["scheduledAt"]


def test_job_id_and_inline_job_are_exclusive() -> None:
    assert "jobId" in fields(body(jobId="job-1"))


def test_compact_job_id_never_with_job_id_or_job() -> None:
    with_job_id = body(candidate=inline_candidate(jobId="job-1"), job=None, jobId="job-2")
    assert fields(with_job_id) == ["candidate.jobId"]
    with_inline = body(candidate=inline_candidate(jobId="job-1"))
    assert fields(with_inline) == ["candidate.jobId"]
    alone = body(candidate=inline_candidate(jobId="job-1"), job=None)
    assert fields(alone) == []


def test_candidate_id_and_inline_candidate_are_exclusive_and_one_is_required() -> None:
    assert fields(body(candidateId="c-1")) == ["candidate"]
    assert fields(body(candidate=None)) == ["candidateId"]


def test_an_agent_is_required() -> None:
    assert fields(body(agentId=None)) == ["agentId"]


def test_generic_interview_takes_no_job() -> None:
    found = problems(body(agentId=GENERIC.id), agent=GENERIC)
    assert [p.field for p in found] == ["job"]
    assert "GENERIC" in found[0].message
    assert problems(body(agentId=GENERIC.id, job=None), agent=GENERIC) == []


def test_generic_interview_needs_a_candidate_without_jobs() -> None:
    request = {"candidateId": "c-1", "agentId": GENERIC.id}
    free = Candidate(id="c-1", jobIds=[])
    assigned = Candidate(id="c-1", jobIds=["job-1"])
    assert problems(request, agent=GENERIC, candidate=free) == []
    assert fields(request, agent=GENERIC, candidate=assigned) == ["candidateId"]


def test_screening_needs_a_job() -> None:
    found = problems(body(job=None))
    assert [p.field for p in found] == ["jobId"] and "needs a job" in found[0].message


def test_a_candidate_with_one_job_resolves_it() -> None:
    request = {"candidateId": "c-1", "agentId": SCREENING.id}
    assert problems(request, candidate=Candidate(id="c-1", jobIds=["job-1"])) == []


def test_a_candidate_with_several_jobs_needs_one_of_them() -> None:
    candidate = Candidate(id="c-1", jobIds=["job-1", "job-2"])
    request = {"candidateId": "c-1", "agentId": SCREENING.id}
    found = problems(request, candidate=candidate)
    assert [p.field for p in found] == ["jobId"] and "2 jobs" in found[0].message
    assert problems(request | {"jobId": "job-2"}, candidate=candidate) == []
    assert fields(request | {"jobId": "job-9"}, candidate=candidate) == ["jobId"]


@pytest.mark.parametrize(("their_jobs", "said"), [
    (["job-1"], "choose their job, or assign"),
    (["job-1", "job-2"], "choose one of their 2 jobs, or assign"),
])
def test_a_job_the_candidate_is_not_on_names_their_jobs_in_words(their_jobs: list[str],
                                                                 said: str) -> None:
    candidate = Candidate(id="c-1", jobIds=their_jobs)
    request = {"candidateId": "c-1", "agentId": SCREENING.id, "jobId": "job-9"}
    [found] = problems(request, candidate=candidate)
    assert said in found.message and "1 jobs" not in found.message


def test_inline_job_with_existing_candidate_is_variant_three() -> None:
    request = {"candidateId": "c-1", "agentId": SCREENING.id, "job": inline_job()}
    assert problems(request, candidate=Candidate(id="c-1", jobIds=["a", "b"])) == []


def test_every_problem_of_a_bad_request_is_reported_at_once() -> None:
    request = body(
        candidate=inline_candidate(email="nope", phoneNumber="123"),
        job=inline_job(title="Dev", requiredSkills=[""]),
        scheduleTime="2026-12-01T09:00:00",
    )
    assert set(fields(request)) == {
        "candidate.email",
        "candidate.phoneNumber",
        "job.title",
        "job.requiredSkills[0]",
        "scheduleTime",
    }


def test_post_jobs_and_post_candidates_share_the_inline_rules() -> None:
    assert [p.field for p in check_job({"title": "Dev"})] == ["title"]
    assert check_job(inline_job()) == []
    bad = check_candidate(inline_candidate(phoneNumber="12"), today=NOW.date())
    assert [p.field for p in bad] == ["phoneNumber"]


def test_the_request_model_sends_the_offset_and_validates() -> None:
    when = datetime(
        2026, 12, 1, 9, 0, tzinfo=datetime.fromisoformat("2026-01-01T00:00+01:00").tzinfo
    )
    request = InterviewRequest(
        candidate=CandidateDraft.model_validate(inline_candidate()),
        agent_id=SCREENING.id,
        job=JobDraft(title="Backend developer", required_skills=["Python"]),
        schedule_time=when,
    )
    wire = request.to_wire()
    assert wire["scheduleTime"] == "2026-12-01T09:00:00+01:00"
    assert wire["candidate"]["gdprExpiryDate"] == "2027-06-30"
    assert "isTest" not in wire and "niceToHaveSkills" not in wire["job"]
    assert request.validated(now=NOW, agent=SCREENING) is request
    broken = deepcopy(request)
    broken.job = JobDraft(title="Dev")
    with pytest.raises(RuleViolation) as raised:
        broken.validated(now=NOW, agent=SCREENING)
    assert raised.value.problems[0].field == "job.title"


@pytest.mark.parametrize("field", ["phoneNumber", "gdprExpiryDate"])
def test_a_trailing_newline_is_not_hidden_by_the_anchor(field: str) -> None:
    """`$` matches before a final newline: the whole text must match."""
    good = inline_candidate()[field]
    assert f"candidate.{field}" in fields(body(candidate=inline_candidate(**{field: good + "\n"})))


def test_a_currency_with_a_trailing_newline_is_refused() -> None:
    salary = {"min": 1, "currency": "EUR\n"}
    assert "job.salary.currency" in fields(body(job=inline_job(salary=salary)))


@pytest.mark.parametrize("amount", [float("nan"), float("inf"), float("-inf"), 1e999])
def test_a_salary_that_is_not_a_finite_number_is_refused(amount: float) -> None:
    """nan passed `< 0` and crashed the send (JSON has no nan or infinity)."""
    assert "job.salary.min" in fields(body(job=inline_job(salary={"min": amount})))


@pytest.mark.parametrize("value", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:00-12:00"])
def test_a_time_at_the_calendars_ends_is_a_problem_not_a_crash(value: str) -> None:
    assert "scheduleTime" in fields(body(scheduleTime=value))
