"""Every rule for what we send to `POST /interviews` (API.md section 4), in one place.

The scheduling form, the bulk scheduler, the CLI and the sandbox server all call
`check_interview_request` on the same JSON-shaped dict, so the client and our server can never
disagree about what is valid. Each problem names its field by the dotted path into the request
body (`job.requiredSkills[3]`) and says how to fix it, so a form can put the message under the
field and a server can return it in `details.fields`.

phonenumbers and email-validator are imported when a request is checked, not with the module:
the API client, its errors and every sync import this module for its types, and the two
libraries were about a tenth of such a process's start (the `sync` and `share` commands, the
desk's first sync), for rules only a create needs.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from pydantic import Field

from app.domain.enums import (
    CefrLevel,
    Channel,
    ContractType,
    Education,
    Experience,
    InterviewType,
    Language,
    SalaryPeriod,
    WorkMode,
    parse_tolerant,
)
from app.domain.models import Agent, Candidate, LanguageRequirement, Location, Salary, WireModel

TITLE_MIN, TITLE_MAX = 5, 200
DESCRIPTION_MIN, DESCRIPTION_MAX = 10, 5000
SKILL_MAX_CHARS = 128
SKILLS_MAX = 10  # per list, and across both lists together
LANGUAGES_MAX = 5
NAME_MAX = 100
AGENT_NAME_MIN, AGENT_NAME_MAX = 2, 100
AGENT_DURATION_MIN, AGENT_DURATION_MAX = 1, 180
SCHEDULE_MAX_AHEAD = timedelta(days=30)
# Matched whole with fullmatch: a `$` anchor also matches before a trailing newline.
E164 = re.compile(r"\+[1-9][0-9]{6,14}")
CURRENCY = re.compile(r"[A-Z]{3}")
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@functools.cache
def country_codes() -> frozenset[str]:
    """The ISO 3166 alpha-2 codes a job's location may name (phonenumbers' regions)."""
    import phonenumbers

    return frozenset(phonenumbers.SUPPORTED_REGIONS)


@dataclass(frozen=True)
class Problem:
    """One broken rule: where (dotted path into the request body) and what to do about it."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


class RuleViolation(ValueError):
    """A request that breaks one or more rules; `problems` lists every one of them."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(str(problem) for problem in self.problems))


def _join(prefix: str, name: str) -> str:
    return f"{prefix}.{name}" if prefix else name


def _enum_names(enum: type[StrEnum]) -> str:
    return ", ".join(member.value for member in enum)


class _Checker:
    """Collects problems while walking a JSON-shaped request."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, field: str, message: str) -> None:
        self.problems.append(Problem(field, message))

    def text(
        self,
        data: Mapping[str, Any],
        name: str,
        path: str,
        *,
        label: str,
        required: bool,
        min_len: int = 1,
        max_len: int | None = None,
    ) -> str | None:
        value = data.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.add(path, f"{label} is required.")
            return None
        if not isinstance(value, str):
            self.add(path, f"{label} must be text.")
            return None
        length = len(value.strip())
        if length < min_len:
            self.add(path, f"{label} needs at least {min_len} characters (now {length}).")
        elif max_len is not None and length > max_len:
            self.add(
                path,
                f"{label} takes at most {max_len} characters (now {length}): "
                f"shorten it by {length - max_len}.",
            )
        return value

    def enum(self, value: Any, enum: type[StrEnum], path: str, label: str) -> None:
        if value is None:
            return
        if not isinstance(value, str) or value not in enum._value2member_map_:
            self.add(path, f"{label} must be one of {_enum_names(enum)}.")

    def check_job(self, job: Any, path: str) -> None:
        """The rules of an inline job, which are also the rules of `POST /jobs`."""
        if not isinstance(job, Mapping):
            self.add(path, "The job must be an object with at least a title.")
            return
        title_key = "title" if "title" in job or "jobTitle" not in job else "jobTitle"
        self.text(
            job,
            title_key,
            _join(path, "title"),
            label="Job title",
            required=True,
            min_len=TITLE_MIN,
            max_len=TITLE_MAX,
        )
        self.text(
            job,
            "description",
            _join(path, "description"),
            label="Description",
            required=False,
            min_len=DESCRIPTION_MIN,
            max_len=DESCRIPTION_MAX,
        )
        counts = [
            self._skills(job.get(name), _join(path, name), label)
            for name, label in (
                ("requiredSkills", "Required skills"),
                ("niceToHaveSkills", "Nice-to-have skills"),
            )
        ]
        if all(count <= SKILLS_MAX for count in counts) and sum(counts) > SKILLS_MAX:
            self.add(
                _join(path, "niceToHaveSkills"),
                f"Required and nice-to-have skills together are at most {SKILLS_MAX} "
                f"(now {sum(counts)}): remove {sum(counts) - SKILLS_MAX}.",
            )
        self._languages(job.get("languageRequirements"), _join(path, "languageRequirements"))
        education = job.get("education")
        if education is not None:
            items = [education] if isinstance(education, str) else education
            if not isinstance(items, list):
                self.add(_join(path, "education"), "Education must be a list of levels.")
            else:
                for index, item in enumerate(items):
                    self.enum(item, Education, f"{path}.education[{index}]", "Education")
        self.enum(job.get("experience"), Experience, _join(path, "experience"), "Experience")
        self.enum(
            job.get("contractType"), ContractType, _join(path, "contractType"), "Contract type"
        )
        self._location(job.get("location"), _join(path, "location"))
        self._salary(job.get("salary"), _join(path, "salary"))

    def _skills(self, skills: Any, path: str, label: str) -> int:
        if skills is None:
            return 0
        if not isinstance(skills, list):
            self.add(path, f"{label} must be a list of skills.")
            return 0
        if len(skills) > SKILLS_MAX:
            self.add(
                path,
                f"{label} take at most {SKILLS_MAX} (now {len(skills)}): "
                f"remove {len(skills) - SKILLS_MAX}.",
            )
        for index, skill in enumerate(skills):
            item = f"{path}[{index}]"
            if not isinstance(skill, str) or not skill.strip():
                self.add(item, "A skill cannot be empty: type it or remove the entry.")
            elif len(skill) > SKILL_MAX_CHARS:
                self.add(
                    item,
                    f"A skill takes at most {SKILL_MAX_CHARS} characters (now {len(skill)}).",
                )
        return len(skills)

    def _languages(self, languages: Any, path: str) -> None:
        if languages is None:
            return
        if not isinstance(languages, list):
            self.add(path, "Language requirements must be a list.")
            return
        if len(languages) > LANGUAGES_MAX:
            self.add(
                path,
                f"At most {LANGUAGES_MAX} language requirements (now {len(languages)}): "
                f"remove {len(languages) - LANGUAGES_MAX}.",
            )
        for index, requirement in enumerate(languages):
            item = f"{path}[{index}]"
            if not isinstance(requirement, Mapping):
                self.add(item, 'Write a requirement as {"language": "EN", "proficiency": "B2"}.')
                continue
            if requirement.get("language") is None:
                self.add(f"{item}.language", "Choose the language.")
            self.enum(requirement.get("language"), Language, f"{item}.language", "Language")
            self.enum(
                requirement.get("proficiency"),
                CefrLevel,
                f"{item}.proficiency",
                "Proficiency (CEFR level)",
            )

    def _location(self, location: Any, path: str) -> None:
        if location is None:
            return
        if not isinstance(location, Mapping):
            self.add(path, "Location must be an object.")
            return
        self.enum(location.get("workMode"), WorkMode, f"{path}.workMode", "Work mode")
        country = location.get("countryCode")
        if country is not None and (not isinstance(country, str) or country not in country_codes()):
            self.add(
                f"{path}.countryCode",
                "Country must be an ISO 3166 alpha-2 code in capitals, such as SK or DE.",
            )

    def _salary(self, salary: Any, path: str) -> None:
        if salary is None:
            return
        if not isinstance(salary, Mapping):
            self.add(path, "Salary must be an object.")
            return
        bounds = {}
        for name in ("min", "max"):
            value = salary.get(name)
            if value is None:
                continue
            if (isinstance(value, bool) or not isinstance(value, int | float)
                    or not math.isfinite(value) or value < 0):
                self.add(f"{path}.{name}", "Salary amounts are numbers of 0 or more.")
            else:
                bounds[name] = value
        if "min" in bounds and "max" in bounds and bounds["min"] > bounds["max"]:
            self.add(f"{path}.max", "The maximum salary cannot be below the minimum.")
        currency = salary.get("currency")
        if currency is not None and (
            not isinstance(currency, str) or not CURRENCY.fullmatch(currency)
        ):
            self.add(f"{path}.currency", "Currency is an ISO 4217 code in capitals, such as EUR.")
        self.enum(salary.get("period"), SalaryPeriod, f"{path}.period", "Salary period")

    def check_candidate(
        self, candidate: Any, path: str, *, today: date, interview_day: date | None
    ) -> None:
        """The rules of an inline candidate, which are also the rules of `POST /candidates`."""
        if not isinstance(candidate, Mapping):
            self.add(path, "The candidate must be an object with name, email, phone and GDPR date.")
            return
        for name, label in (("firstName", "First name"), ("lastName", "Last name")):
            self.text(
                candidate, name, _join(path, name), label=label, required=True, max_len=NAME_MAX
            )
        email = self.text(candidate, "email", _join(path, "email"), label="Email", required=True)
        if email is not None:
            from email_validator import EmailNotValidError, validate_email

            try:
                validate_email(email, check_deliverability=False)
            except EmailNotValidError as error:
                self.add(_join(path, "email"), f"This is not a valid email address: {error}")
        phone = self.text(
            candidate,
            "phoneNumber",
            _join(path, "phoneNumber"),
            label="Phone number",
            required=True,
        )
        if phone is not None and not E164.fullmatch(phone):
            digits = phone[1:] if phone.startswith("+") else ""
            if digits.isascii() and digits.isdigit() and not digits.startswith("0"):
                # The form is right, the count is not: say the count, not the form again.
                self.add(
                    _join(path, "phoneNumber"),
                    f"An E.164 phone number has 7 to 15 digits after the + (now {len(digits)}): "
                    "check it against the candidate's number.",
                )
            else:
                self.add(
                    _join(path, "phoneNumber"),
                    "Write the phone in E.164 form: + then country code and number, no spaces "
                    "(e.g. +421915123456).",
                )
        self._gdpr_date(
            candidate.get("gdprExpiryDate"),
            _join(path, "gdprExpiryDate"),
            today=today,
            interview_day=interview_day,
        )

    def _gdpr_date(self, value: Any, path: str, *, today: date, interview_day: date | None) -> None:
        if value is None or value == "":
            self.add(path, "The GDPR expiry date is required (YYYY-MM-DD).")
            return
        if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
            self.add(path, "Write the GDPR expiry date as YYYY-MM-DD, e.g. 2027-06-30.")
            return
        try:
            expiry = date.fromisoformat(value)
        except ValueError:
            self.add(path, f"{value} is not a real calendar date.")
            return
        if expiry < today:
            self.add(path, f"The GDPR expiry date {value} has passed: choose a later date.")
        elif interview_day is not None and expiry < interview_day:
            self.add(
                path,
                f"The GDPR expiry date {value} is before the interview "
                f"({interview_day.isoformat()}): the data would be gone by then. "
                "Choose a later date.",
            )

    def schedule_time(self, value: Any, path: str, now: datetime) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, datetime):
            when = value
        elif isinstance(value, str):
            try:
                when = datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                self.add(
                    path,
                    "Write the time as ISO 8601 with its offset, e.g. 2026-12-01T09:30:00+01:00.",
                )
                return None
        else:
            self.add(path, "The time must be an ISO 8601 text.")
            return None
        if when.tzinfo is None or when.utcoffset() is None:
            self.add(
                path,
                "Add the UTC offset to the time (e.g. +01:00) so the call lands in the right hour.",
            )
            return None
        if when <= now:
            self.add(path, "The time has passed: choose a time in the future, or start now.")
        elif when - now > SCHEDULE_MAX_AHEAD:
            self.add(
                path,
                f"Schedule at most {SCHEDULE_MAX_AHEAD.days} days ahead "
                f"(latest {(now + SCHEDULE_MAX_AHEAD):%Y-%m-%d %H:%M} UTC).",
            )
        return when

    def check_agent(self, agent: Any, path: str) -> None:
        if not isinstance(agent, Mapping):
            self.add(path, "The agent must be an object.")
            return
        self.text(
            agent,
            "name",
            _join(path, "name"),
            label="Agent name",
            required=True,
            min_len=AGENT_NAME_MIN,
            max_len=AGENT_NAME_MAX,
        )
        if agent.get("focus") is None:
            self.add(_join(path, "focus"), f"Choose the focus: {_enum_names(InterviewType)}.")
        self.enum(agent.get("focus"), InterviewType, _join(path, "focus"), "Focus")
        self.enum(agent.get("type"), Channel, _join(path, "type"), "Channel")
        duration = agent.get("duration")
        if duration is not None and (
            isinstance(duration, bool)
            or not isinstance(duration, int)
            or not AGENT_DURATION_MIN <= duration <= AGENT_DURATION_MAX
        ):
            self.add(
                _join(path, "duration"),
                f"Duration is {AGENT_DURATION_MIN}-{AGENT_DURATION_MAX} whole minutes.",
            )

    def identifier(self, data: Mapping[str, Any], name: str, path: str) -> None:
        """An id, when given, is the text of one: a number or an object names nothing."""
        value = data.get(name)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            self.add(path, f"{name} is the id of an existing record, as text.")

    def job_links(self, candidate: Mapping[str, Any], path: str) -> None:
        """A candidate's `jobId` and `jobIds`, when given: ids of jobs."""
        self.identifier(candidate, "jobId", _join(path, "jobId"))
        job_ids = candidate.get("jobIds")
        if job_ids is None:
            return
        if not isinstance(job_ids, list):
            self.add(_join(path, "jobIds"), "jobIds is a list of job ids.")
            return
        for index, job_id in enumerate(job_ids):
            if not isinstance(job_id, str) or not job_id.strip():
                self.add(f"{_join(path, 'jobIds')}[{index}]", "A job id is text.")


def _interview_focus(payload: Mapping[str, Any], agent: Agent | None) -> Any:
    if isinstance(payload.get("agent"), Mapping):
        return parse_tolerant(InterviewType, payload["agent"].get("focus"))
    return agent.focus if agent is not None else None


def _their_jobs(count: int) -> str:
    """The candidate's jobs as a person says them: "their job", never "their 1 jobs"."""
    return "their job" if count == 1 else f"one of their {count} jobs"


def _check_job_choice(
    checker: _Checker,
    payload: Mapping[str, Any],
    *,
    agent: Agent | None,
    candidate: Candidate | None,
) -> None:
    """Which job the interview is for: the XOR rules, then GENERIC versus the other focuses."""
    inline_candidate = payload.get("candidate")
    compact_job = inline_candidate.get("jobId") if isinstance(inline_candidate, Mapping) else None
    job, job_id = payload.get("job"), payload.get("jobId")
    if job is not None and job_id is not None:
        checker.add("jobId", "Give either jobId or an inline job, not both.")
    if compact_job is not None and (job is not None or job_id is not None):
        checker.add(
            "candidate.jobId",
            "Leave candidate.jobId empty when jobId or an inline job is given: "
            "the job would be ambiguous.",
        )
    focus = _interview_focus(payload, agent)
    known_jobs = candidate.all_job_ids if candidate is not None else None
    if focus == InterviewType.GENERIC:
        for field, value in (("job", job), ("jobId", job_id), ("candidate.jobId", compact_job)):
            if value is not None:
                checker.add(field, "A GENERIC interview takes no job: remove it.")
        if known_jobs:
            checker.add(
                "candidateId",
                f"A GENERIC interview needs a candidate with no job assignments; this one has "
                f"{len(known_jobs)}. Choose another agent or candidate.",
            )
        return
    if focus is None or (isinstance(focus, str) and not isinstance(focus, InterviewType)):
        return
    if job is not None or compact_job is not None:
        return
    kind = focus.value
    if job_id is not None:
        if known_jobs and job_id not in known_jobs:
            checker.add(
                "jobId",
                "The candidate is not assigned to this job: choose "
                f"{_their_jobs(len(known_jobs))}, or assign the job to the candidate first.",
            )
        return
    if known_jobs is not None and len(known_jobs) == 1:
        return  # resolved automatically from the candidate's only job
    if known_jobs:
        checker.add(
            "jobId",
            f"This candidate has {len(known_jobs)} jobs: choose which one the {kind} "
            "interview is for.",
        )
    elif candidate is not None or isinstance(inline_candidate, Mapping):
        checker.add("jobId", f"A {kind} interview needs a job: choose one or define a new job.")


def check_interview_request(
    payload: Mapping[str, Any],
    *,
    now: datetime,
    agent: Agent | None = None,
    candidate: Candidate | None = None,
) -> list[Problem]:
    """Every problem with a `POST /interviews` body, empty when it may be sent.

    `agent` and `candidate` are the existing resources the body names, when the caller knows
    them: with them the focus and job-assignment rules apply too.
    """
    checker = _Checker()
    if not isinstance(payload, Mapping):
        return [Problem("", "The request body must be a JSON object.")]
    for name in ("candidateId", "agentId", "jobId"):
        checker.identifier(payload, name, name)
    has_candidate_id = payload.get("candidateId") is not None
    has_inline_candidate = payload.get("candidate") is not None
    if has_candidate_id and has_inline_candidate:
        checker.add("candidate", "Give either candidateId or an inline candidate, not both.")
    elif not has_candidate_id and not has_inline_candidate:
        checker.add("candidateId", "Choose an existing candidate or describe a new one.")
    if payload.get("agentId") is not None and payload.get("agent") is not None:
        checker.add("agent", "Give either agentId or an inline agent, not both.")
    elif payload.get("agentId") is None and payload.get("agent") is None:
        checker.add("agentId", "Choose the agent who conducts the interview.")
    elif payload.get("agent") is not None:
        checker.check_agent(payload["agent"], "agent")

    time_field = "scheduleTime" if "scheduleTime" in payload else "scheduledAt"
    start = checker.schedule_time(payload.get(time_field), time_field, now) or now
    if has_inline_candidate:
        checker.check_candidate(
            payload["candidate"], "candidate", today=now.date(), interview_day=start.date()
        )
        if isinstance(payload["candidate"], Mapping):
            checker.job_links(payload["candidate"], "candidate")
    if payload.get("job") is not None:
        checker.check_job(payload["job"], "job")
    is_test = payload.get("isTest")
    if is_test is not None and not isinstance(is_test, bool):
        checker.add("isTest", "isTest is true or false.")
    _check_job_choice(checker, payload, agent=agent, candidate=candidate)
    return checker.problems


def check_job(payload: Any) -> list[Problem]:
    """Problems with a `POST /jobs` body (the same rules as an inline job)."""
    checker = _Checker()
    checker.check_job(payload, "")
    return checker.problems


def check_candidate(payload: Any, *, today: date) -> list[Problem]:
    """Problems with a `POST /candidates` body (the same rules as an inline candidate)."""
    checker = _Checker()
    checker.check_candidate(payload, "", today=today, interview_day=None)
    if isinstance(payload, Mapping):
        checker.job_links(payload, "")
    return checker.problems


def check_schedule_time(
    value: Any, *, now: datetime, field: str = "scheduledAt"
) -> tuple[datetime | None, list[Problem]]:
    """A start time as the interview rules accept it (ISO 8601 with an offset, in the future, at
    most 30 days ahead), for the places that ask for a time alone, such as a call attempt."""
    checker = _Checker()
    when = checker.schedule_time(value, field, now)
    return (None if checker.problems else when), checker.problems


class JobDraft(WireModel):
    """An inline job as the form builds it; `check_job` decides whether it may be sent."""

    title: str
    description: str | None = None
    required_skills: list[str] = Field(default_factory=list)
    nice_to_have_skills: list[str] = Field(default_factory=list)
    language_requirements: list[LanguageRequirement] = Field(default_factory=list)
    education: list[Education] = Field(default_factory=list)
    experience: Experience | None = None
    contract_type: ContractType | None = None
    location: Location | None = None
    salary: Salary | None = None
    job_url: str | None = None
    benefits: str | None = None


class CandidateDraft(WireModel):
    """An inline candidate as the form builds it."""

    first_name: str
    last_name: str
    email: str
    phone_number: str
    gdpr_expiry_date: date
    job_id: str | None = None


class InterviewRequest(WireModel):
    """A `POST /interviews` body. Build it, then `validated()` before sending."""

    candidate_id: str | None = None
    candidate: CandidateDraft | None = None
    agent_id: str | None = None
    job_id: str | None = None
    job: JobDraft | None = None
    schedule_time: datetime | None = None
    is_test: bool = False

    def to_wire(self) -> dict[str, Any]:
        body = super().to_wire()
        if not self.is_test:
            body.pop("isTest", None)
        if "job" in body:
            body["job"] = {key: value for key, value in body["job"].items() if value != []}
        return body

    def problems(
        self, *, now: datetime, agent: Agent | None = None, candidate: Candidate | None = None
    ) -> list[Problem]:
        return check_interview_request(self.to_wire(), now=now, agent=agent, candidate=candidate)

    def validated(
        self, *, now: datetime, agent: Agent | None = None, candidate: Candidate | None = None
    ) -> InterviewRequest:
        """This request, or `RuleViolation` listing every broken rule."""
        problems = self.problems(now=now, agent=agent, candidate=candidate)
        if problems:
            raise RuleViolation(problems)
        return self
