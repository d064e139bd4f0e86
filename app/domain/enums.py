"""Enumerations of the Interviews API, tolerant of values the server adds later.

The real service documents some enums only partly (candidate status) and spells others in
several ways (interview status in upper and lower case, CANCELLED and CANCELED). A value we do
not know must never break parsing: it is kept as plain text and shown as it came.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, TypeVar

# How a value reads on screen, in a module of its own (see labels.py for why); here too, for
# the screens that read enums and their labels together.
from app.domain.labels import label as label


class InterviewStatus(StrEnum):
    UNDEFINED = "UNDEFINED"
    SCHEDULED = "SCHEDULED"
    IN_PROGRESS = "IN_PROGRESS"
    COMPLETED = "COMPLETED"
    CANCELLED = "CANCELLED"
    FAILED = "FAILED"

    @property
    def is_final(self) -> bool:
        return self in (
            InterviewStatus.COMPLETED,
            InterviewStatus.CANCELLED,
            InterviewStatus.FAILED,
        )


class InterviewType(StrEnum):
    """An agent's focus: what kind of interview it conducts."""

    SCREENING = "SCREENING"
    OUTREACH = "OUTREACH"
    GENERIC = "GENERIC"
    LANGUAGE_TEST = "LANGUAGE_TEST"


class Channel(StrEnum):
    """How an agent reaches the candidate (the API calls this the agent's `type`)."""

    ONLINE = "ONLINE"
    PHONE = "PHONE"
    UNDEFINED = "UNDEFINED"


class CallAttemptStatus(StrEnum):
    SCHEDULED = "SCHEDULED"
    IN_PROGRESS = "IN_PROGRESS"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"
    CANCELLED = "CANCELLED"


class AnalysisStatus(StrEnum):
    """The API sends these as numbers 1-4; names are accepted too."""

    PENDING = "PENDING"
    PROCESSING = "PROCESSING"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"


class CompanyFit(StrEnum):
    UNDEFINED = "UNDEFINED"
    LOW = "LOW"
    MEDIUM = "MEDIUM"
    HIGH = "HIGH"


class Education(StrEnum):
    UNDEFINED = "UNDEFINED"
    PRIMARY_EDUCATION = "PRIMARY_EDUCATION"
    SECONDARY_SCHOOL_STUDENT = "SECONDARY_SCHOOL_STUDENT"
    SECONDARY_WITHOUT_DIPLOMA = "SECONDARY_WITHOUT_DIPLOMA"
    SECONDARY_WITH_DIPLOMA = "SECONDARY_WITH_DIPLOMA"
    POST_SECONDARY_VOCATIONAL = "POST_SECONDARY_VOCATIONAL"
    UNIVERSITY_STUDENT = "UNIVERSITY_STUDENT"
    BACHELOR_LEVEL = "BACHELOR_LEVEL"
    MASTER_LEVEL = "MASTER_LEVEL"
    POSTGRADUATE = "POSTGRADUATE"


class Experience(StrEnum):
    UNDEFINED = "UNDEFINED"
    NO_EXPERIENCE = "NO_EXPERIENCE"
    LESS_THAN_1_YEAR = "LESS_THAN_1_YEAR"
    ONE_TO_3_YEARS = "ONE_TO_3_YEARS"
    THREE_TO_5_YEARS = "THREE_TO_5_YEARS"
    FIVE_TO_10_YEARS = "FIVE_TO_10_YEARS"
    TEN_TO_15_YEARS = "TEN_TO_15_YEARS"
    MORE_THAN_15_YEARS = "MORE_THAN_15_YEARS"


class ContractType(StrEnum):
    FULL_TIME = "FULL_TIME"
    PART_TIME = "PART_TIME"
    CONTRACT = "CONTRACT"
    INTERNSHIP = "INTERNSHIP"
    TEMPORARY = "TEMPORARY"
    FREELANCE = "FREELANCE"


class WorkMode(StrEnum):
    REMOTE = "REMOTE"
    HYBRID = "HYBRID"
    ONSITE = "ONSITE"


class SalaryPeriod(StrEnum):
    YEARLY = "YEARLY"
    MONTHLY = "MONTHLY"
    HOURLY = "HOURLY"


class Language(StrEnum):
    UNDEFINED = "UNDEFINED"
    EN = "EN"
    JA = "JA"
    ZH = "ZH"
    DE = "DE"
    HI = "HI"
    FR = "FR"
    KO = "KO"
    PT = "PT"
    IT = "IT"
    ES = "ES"
    ID = "ID"
    NL = "NL"
    TR = "TR"
    FIL = "FIL"
    PL = "PL"
    SV = "SV"
    BG = "BG"
    RO = "RO"
    AR = "AR"
    CS = "CS"
    EL = "EL"
    FI = "FI"
    HR = "HR"
    MS = "MS"
    SK = "SK"
    DA = "DA"
    TA = "TA"
    UK = "UK"
    RU = "RU"
    HU = "HU"
    NO = "NO"
    VI = "VI"


class CefrLevel(StrEnum):
    A1 = "A1"
    A2 = "A2"
    B1 = "B1"
    B2 = "B2"
    C1 = "C1"
    C2 = "C2"


_ALIASES: dict[str, str] = {"CANCELED": "CANCELLED"}
_ANALYSIS_STATUS_NUMBERS = {1: "PENDING", 2: "PROCESSING", 3: "COMPLETED", 4: "FAILED"}

E = TypeVar("E", bound=StrEnum)


def parse_tolerant(enum: type[E], value: Any) -> E | str | None:
    """The enum member for `value` (case-insensitive, known aliases), else the value as text."""
    if value is None or isinstance(value, enum):
        return value
    if enum is AnalysisStatus and isinstance(value, int) and not isinstance(value, bool):
        value = _ANALYSIS_STATUS_NUMBERS.get(value, str(value))
    text = str(value).strip()
    key = text.upper().replace("-", "_").replace(" ", "_")
    key = _ALIASES.get(key, key)
    try:
        return enum(key)
    except ValueError:
        return text
