"""The resources of the Interviews API as the app reads them.

Models read the wire's camelCase names and expose Python names. They are lenient in what they
accept (unknown enum values, null where a list is expected, extra fields) because the real
service's documentation contradicts itself; the strict rules for what we *send* live in
`app.domain.requests`.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any, TypeAlias, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
)
from pydantic.alias_generators import to_camel

from app.domain.enums import (
    AnalysisStatus,
    CallAttemptStatus,
    CefrLevel,
    Channel,
    CompanyFit,
    ContractType,
    Education,
    Experience,
    InterviewStatus,
    InterviewType,
    Language,
    SalaryPeriod,
    WorkMode,
    parse_tolerant,
)
from app.domain.labels import NO_NAME

E = TypeVar("E", bound=StrEnum)


def _known(enum: type[E]) -> BeforeValidator:
    """Reads a member of `enum` when the value is known, else keeps the raw text."""
    return BeforeValidator(lambda value: parse_tolerant(enum, value))


_LEFT_FIRST = Field(union_mode="left_to_right")

# Written out one by one (not built by a function) so the type checker sees each type.
TolerantInterviewStatus: TypeAlias = Annotated[
    InterviewStatus | str, _LEFT_FIRST, _known(InterviewStatus)
]
TolerantInterviewType: TypeAlias = Annotated[
    InterviewType | str, _LEFT_FIRST, _known(InterviewType)
]
TolerantChannel: TypeAlias = Annotated[
    Channel | str, _LEFT_FIRST, _known(Channel)
]
TolerantCallAttemptStatus: TypeAlias = Annotated[
    CallAttemptStatus | str, _LEFT_FIRST, _known(CallAttemptStatus)
]
TolerantAnalysisStatus: TypeAlias = Annotated[
    AnalysisStatus | str, _LEFT_FIRST, _known(AnalysisStatus)
]
TolerantCompanyFit: TypeAlias = Annotated[
    CompanyFit | str, _LEFT_FIRST, _known(CompanyFit)
]
TolerantEducation: TypeAlias = Annotated[
    Education | str, _LEFT_FIRST, _known(Education)
]
TolerantExperience: TypeAlias = Annotated[
    Experience | str, _LEFT_FIRST, _known(Experience)
]
TolerantContractType: TypeAlias = Annotated[
    ContractType | str, _LEFT_FIRST, _known(ContractType)
]
TolerantWorkMode: TypeAlias = Annotated[
    WorkMode | str, _LEFT_FIRST, _known(WorkMode)
]
TolerantSalaryPeriod: TypeAlias = Annotated[
    SalaryPeriod | str, _LEFT_FIRST, _known(SalaryPeriod)
]
TolerantLanguage: TypeAlias = Annotated[
    Language | str, _LEFT_FIRST, _known(Language)
]
TolerantCefrLevel: TypeAlias = Annotated[
    CefrLevel | str, _LEFT_FIRST, _known(CefrLevel)
]


def _none_to_list(value: Any) -> Any:
    return [] if value is None else value


def _text_items(value: Any) -> Any:
    """A list of strings; a lone string becomes a one-item list, other items become text."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item if isinstance(item, str) else str(item) for item in value if item is not None]
    return value


TextList = Annotated[list[str], BeforeValidator(_text_items)]


# Counts must fit SQLite's 64-bit integer: one `analysisCount` of 10**30 made every sync fail at
# the insert. Out of range, the record is unreadable (skipped and counted). A pydantic bound, so
# the check runs in pydantic-core rather than in Python for every record.
StorableInt = Annotated[int, Field(ge=-(2**63), le=2**63 - 1)]


def _on_the_scale(value: float | None) -> float | None:
    """A rating outside the API's 0-100 reads as none: `150 strong` at the top of a job's
    ranking, or a rating of 309 digits, is a number nobody can trust. A rating that is not a
    number at all (NaN, infinity) is kept for the wire's check, which skips its record."""
    if value is not None and math.isfinite(value) and not 0 <= value <= 100:
        return None
    return value


# The overall rating of an analysis, and of a candidate in the listings.
Rating = Annotated[float | None, AfterValidator(_on_the_scale)]


class WireModel(BaseModel):
    """Base for every API model: camelCase on the wire, snake_case in Python."""

    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        extra="ignore",
        frozen=False,
    )

    def to_wire(self) -> dict[str, Any]:
        """The JSON-ready dict with the API's field names, leaving out unset optional fields."""
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)

    def to_wire_json(self, *, exclude: set[str] | None = None) -> str:
        """`to_wire` as JSON text, made by pydantic-core in one step rather than a dict and
        then `json.dumps`: the cache stores every record this way, thousands a sync."""
        return self.model_dump_json(by_alias=True, exclude_none=True, exclude=exclude)


class LanguageRequirement(WireModel):
    language: TolerantLanguage
    proficiency: TolerantCefrLevel | None = None


class Location(WireModel):
    work_mode: TolerantWorkMode | None = None
    street: str | None = None
    city: str | None = None
    postal_code: str | None = None
    country_code: str | None = None


class Salary(WireModel):
    min: float | None = None
    max: float | None = None
    currency: str | None = None
    period: TolerantSalaryPeriod | None = None


class Candidate(WireModel):
    id: str
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    phone_number: str | None = None
    status: str | None = None
    job_id: str | None = None
    job_ids: Annotated[list[str], BeforeValidator(_none_to_list)] = Field(default_factory=list)
    gdpr_expiry_date: date | None = None
    overall_rating: Rating = None
    analysis_count: StorableInt | None = None
    interview_count: StorableInt | None = None
    metadata: dict[str, Any] | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @property
    def all_job_ids(self) -> list[str]:
        """Every assigned job: `jobIds`, plus `jobId` when a server sends only that."""
        ids = list(self.job_ids)
        if self.job_id and self.job_id not in ids:
            ids.insert(0, self.job_id)
        return ids

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.first_name, self.last_name) if part) or NO_NAME


class Job(WireModel):
    id: str
    company_id: str | None = None
    title: str = ""
    description: str | None = None
    status: str | None = None
    job_url: str | None = None
    benefits: str | None = None
    required_skills: TextList = Field(default_factory=list)
    nice_to_have_skills: TextList = Field(default_factory=list)
    language_requirements: Annotated[list[LanguageRequirement], BeforeValidator(_none_to_list)] = (
        Field(default_factory=list)
    )
    education: Annotated[list[TolerantEducation], BeforeValidator(_none_to_list)] = Field(
        default_factory=list
    )
    experience: TolerantExperience | None = None
    contract_type: TolerantContractType | None = None
    location: Location | None = None
    salary: Salary | None = None
    metadata: dict[str, Any] | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @field_validator("education", mode="before")
    @classmethod
    def _single_education(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


class Agent(WireModel):
    id: str
    name: str = ""
    type: TolerantChannel | None = None
    focus: TolerantInterviewType | None = None
    language: str | None = None
    duration: StorableInt | None = None
    questions: Any = None
    instructions: str | None = None
    voice_id: str | None = None
    cefr_level: TolerantCefrLevel | None = None
    company_id: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @property
    def channel(self) -> Any:
        """The agent's channel (ONLINE, PHONE); the API calls this field `type`."""
        return self.type


_SPEAKER_PREFIX = re.compile(r"^\s*([^:\n]{1,40}):\s*(.*)$")


class TranscriptTurn(WireModel):
    speaker: str
    text: str
    start_seconds: float | None = None

    @field_validator("speaker", mode="before")
    @classmethod
    def _speaker_text(cls, value: Any) -> str:
        return "UNKNOWN" if value is None else str(value).upper()

    @field_validator("text", mode="before")
    @classmethod
    def _text(cls, value: Any) -> str:
        return "" if value is None else str(value)


def _turn(item: Any) -> TranscriptTurn:
    if isinstance(item, TranscriptTurn):
        return item
    if isinstance(item, dict):
        return TranscriptTurn.model_validate(item)
    return TranscriptTurn(speaker="UNKNOWN", text=str(item))


def parse_transcript(value: Any) -> list[TranscriptTurn] | None:
    """Turns from the canonical list of turns, or from a plain string of "Name: text" lines."""
    if value is None:
        return None
    if isinstance(value, str):
        turns = []
        for line in value.splitlines():
            if not line.strip():
                continue
            match = _SPEAKER_PREFIX.match(line)
            if match:
                turns.append(TranscriptTurn(speaker=match.group(1).strip(), text=match.group(2)))
            elif turns:
                turns[-1].text += "\n" + line
            else:
                turns.append(TranscriptTurn(speaker="UNKNOWN", text=line))
        return turns
    if isinstance(value, list):
        return [_turn(item) for item in value if item is not None]
    return None


Transcript = Annotated[list[TranscriptTurn] | None, BeforeValidator(parse_transcript)]


class CallAttempt(WireModel):
    id: str
    direction: str | None = None
    status: TolerantCallAttemptStatus | None = None
    reason_code: str | None = None
    notes: str | None = None
    retry_number: StorableInt | None = None
    recording_url: str | None = None
    duration: float | None = None
    scheduled_at: datetime | None = None
    called_at: datetime | None = None
    transcript: Transcript = None


class GeneralAnalysis(WireModel):
    overall_rating: Rating = None
    company_fit_rating: TolerantCompanyFit | None = None
    education: TolerantEducation | None = None
    experience: TolerantExperience | None = None
    strong_points: TextList = Field(default_factory=list)
    weak_points: TextList = Field(default_factory=list)
    evaluation: TextList = Field(default_factory=list)
    status: TolerantAnalysisStatus | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


class Analysis(WireModel):
    general: GeneralAnalysis | None = None
    specific: dict[str, Any] | None = None

    @property
    def status(self) -> AnalysisStatus | str | None:
        return self.general.status if self.general else None

    @property
    def is_ready(self) -> bool:
        return self.status == AnalysisStatus.COMPLETED


class Interview(WireModel):
    id: str
    candidate_id: str | None = None
    agent_id: str | None = None
    job_id: str | None = None
    status: TolerantInterviewStatus = InterviewStatus.UNDEFINED
    scheduled_at: datetime | None = None
    duration_minutes: float | None = None
    finished_date: datetime | None = None
    is_test: bool = False
    metadata: dict[str, Any] | None = None
    call_attempts: Annotated[list[CallAttempt], BeforeValidator(_none_to_list)] = Field(
        default_factory=list
    )
    analysis: Analysis | None = None
    transcript: Transcript = None
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @field_validator("is_test", mode="before")
    @classmethod
    def _null_is_false(cls, value: Any) -> Any:
        return False if value is None else value

    @property
    def turns(self) -> list[TranscriptTurn] | None:
        """The transcript, falling back to one found on a call attempt."""
        if self.transcript is not None:
            return self.transcript
        for attempt in reversed(self.call_attempts):
            if attempt.transcript is not None:
                return attempt.transcript
        return None

    @property
    def recording_url(self) -> str | None:
        for attempt in reversed(self.call_attempts):
            if attempt.recording_url:
                return attempt.recording_url
        return None


class BillingUsage(WireModel):
    companies: Annotated[list[Any], BeforeValidator(_none_to_list)] = Field(default_factory=list)
    total_minutes_used: float | None = None
    total_credits_used: float | None = None
    total_interviews: StorableInt | None = None
    breakdown_by_cost_key: Annotated[list[Any], BeforeValidator(_none_to_list)] = Field(
        default_factory=list
    )
    plan: dict[str, Any] | None = None

    @property
    def max_interview_minutes(self) -> float | None:
        """The plan allowance when the server tells it (our sandbox does; upstream may not)."""
        if self.plan and isinstance(self.plan.get("maxInterviewMinutes"), int | float):
            return float(self.plan["maxInterviewMinutes"])
        return None
