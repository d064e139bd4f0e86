"""The wire models accept every documented variant and never fail on the unknown."""

from __future__ import annotations

import pytest

from app.domain.enums import AnalysisStatus, InterviewStatus, label
from app.domain.models import Candidate, Interview, Job


@pytest.mark.parametrize(
    ("wire", "expected"),
    [
        ("IN_PROGRESS", InterviewStatus.IN_PROGRESS),
        ("in_progress", InterviewStatus.IN_PROGRESS),
        ("scheduled", InterviewStatus.SCHEDULED),
        ("CANCELED", InterviewStatus.CANCELLED),
        ("cancelled", InterviewStatus.CANCELLED),
    ],
)
def test_interview_status_is_case_insensitive_with_both_spellings(wire: str, expected) -> None:
    assert Interview.model_validate({"id": "i", "status": wire}).status is expected


def test_an_unknown_status_is_kept_as_text() -> None:
    interview = Interview.model_validate({"id": "i", "status": "ON_HOLD"})
    assert interview.status == "ON_HOLD"
    assert label(interview.status) == "on hold"


@pytest.mark.parametrize(
    ("wire", "expected"), [(1, "PENDING"), (3, "COMPLETED"), ("failed", "FAILED")]
)
def test_analysis_status_numbers_and_names(wire, expected: str) -> None:
    interview = Interview.model_validate({"id": "i", "analysis": {"general": {"status": wire}}})
    assert interview.analysis.status == AnalysisStatus(expected)


def test_nulls_where_lists_are_expected_become_empty_lists() -> None:
    job = Job.model_validate(
        {
            "id": "j",
            "title": "Dev",
            "requiredSkills": None,
            "education": None,
            "languageRequirements": None,
        }
    )
    assert job.required_skills == [] and job.education == [] and job.language_requirements == []
    interview = Interview.model_validate(
        {"id": "i", "callAttempts": None, "analysis": {"general": {"strongPoints": None}}}
    )
    assert interview.call_attempts == [] and interview.analysis.general.strong_points == []


def test_free_text_education_in_an_analysis_is_shown_as_is() -> None:
    interview = Interview.model_validate(
        {"id": "i", "analysis": {"general": {"education": "Master in CS", "experience": "5y"}}}
    )
    assert interview.analysis.general.education == "Master in CS"


def test_a_plain_string_transcript_is_split_into_speaker_turns() -> None:
    interview = Interview.model_validate(
        {"id": "i", "transcript": "Agent: Hello Jana\nCandidate: Hi!\nand more\n\n"}
    )
    assert [(t.speaker, t.text) for t in interview.turns] == [
        ("AGENT", "Hello Jana"),
        ("CANDIDATE", "Hi!\nand more"),
    ]


def test_a_transcript_on_a_call_attempt_is_found() -> None:
    interview = Interview.model_validate(
        {
            "id": "i",
            "callAttempts": [
                {
                    "id": "a",
                    "recordingUrl": "https://r/1",
                    "transcript": [{"speaker": "agent", "text": "Hi"}],
                }
            ],
        }
    )
    assert interview.turns[0].speaker == "AGENT"
    assert interview.recording_url == "https://r/1"


def test_extra_fields_and_company_id_are_ignored() -> None:
    candidate = Candidate.model_validate(
        {
            "id": "c",
            "firstName": "A",
            "companyId": "x",
            "brandNew": {"deep": 1},
            "jobId": "j1",
            "jobIds": None,
        }
    )
    assert candidate.all_job_ids == ["j1"]
    assert candidate.full_name == "A"


def test_models_write_the_wire_names() -> None:
    wire = Candidate(id="c", first_name="A", gdpr_expiry_date="2027-01-02").to_wire()
    assert wire["firstName"] == "A" and wire["gdprExpiryDate"] == "2027-01-02"


@pytest.mark.parametrize("off_the_scale", [150, 100.5, -20, -0.5, 1e308, -1e308])
def test_a_rating_off_the_0_to_100_scale_reads_as_not_rated(off_the_scale: float) -> None:
    """`150 strong` at the top of a job's ranking, or a rating of 309 digits, would be a
    number nobody can trust: a rating outside the API's 0-100 reads as not rated, in the
    analysis and in the candidate listing alike."""
    interview = Interview.model_validate(
        {"id": "i", "analysis": {"general": {"overallRating": off_the_scale}}})
    assert interview.analysis.general.overall_rating is None
    assert Candidate.model_validate({"id": "c", "overallRating": off_the_scale}) \
        .overall_rating is None


@pytest.mark.parametrize("on_the_scale", [0, 0.5, 73, "73", 99.6, 100])
def test_a_rating_on_the_scale_is_kept(on_the_scale: float | str) -> None:
    interview = Interview.model_validate(
        {"id": "i", "analysis": {"general": {"overallRating": on_the_scale}}})
    assert interview.analysis.general.overall_rating == float(on_the_scale)
    assert Candidate.model_validate({"id": "c", "overallRating": on_the_scale}) \
        .overall_rating == float(on_the_scale)
