"""What the recruiter typed into the scheduling form, and the request body it makes.

The form keeps raw text (so a draft on disk restores exactly what was typed); turning it into
the `POST /interviews` body is the only parsing done here. Every rule is then checked by
`app.domain.requests.check_interview_request`, the same function the sandbox runs.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime, time
from typing import Any

from app.domain.requests import Problem

EXISTING, NEW, NONE = "existing", "new", "none"


@dataclass
class ScheduleDraft:
    candidate_mode: str = EXISTING
    candidate_id: str = ""
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    phone: str = ""
    gdpr_expiry: str = ""
    agent_id: str = ""
    job_mode: str = EXISTING
    job_id: str = ""
    title: str = ""
    description: str = ""
    required_skills: list[str] = field(default_factory=list)
    nice_skills: list[str] = field(default_factory=list)
    education: str = ""
    experience: str = ""
    contract_type: str = ""
    languages: str = ""
    work_mode: str = ""
    country: str = ""
    salary_min: str = ""
    salary_max: str = ""
    currency: str = ""
    period: str = ""
    start_now: bool = True
    day: str = ""
    at: str = ""
    is_test: bool = False

    def values(self) -> dict[str, Any]:
        return asdict(self)

    def is_blank(self) -> bool:
        """Nothing typed and no candidate picked: the choices alone are not work to keep."""
        choices = {"agent_id", "job_id", "job_mode", "candidate_mode", "start_now", "is_test"}
        blank = asdict(ScheduleDraft())
        return all(value == blank[name] for name, value in asdict(self).items()
                   if name not in choices)

    @classmethod
    def from_values(cls, values: dict[str, Any]) -> ScheduleDraft:
        names = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in values.items() if key in names})

    def start_time(self) -> tuple[datetime | None, list[Problem]]:
        """The chosen start in the recruiter's own zone, with its UTC offset; None is now."""
        if self.start_now:
            return None, []
        try:
            day = date.fromisoformat(self.day.strip())
            clock = time.fromisoformat(self.at.strip())
        except ValueError:
            return None, [Problem("scheduleTime", "Write the date as YYYY-MM-DD and the time as "
                                                  "HH:MM, e.g. 2026-12-03 and 14:30.")]
        return datetime.combine(day, clock).astimezone(), []

    def body(self) -> tuple[dict[str, Any], list[Problem]]:
        """The request body, and the problems found while reading the typed text."""
        problems: list[Problem] = []
        body: dict[str, Any] = {"agentId": self.agent_id or None}
        if self.candidate_mode == NEW:
            candidate = {"firstName": self.first_name, "lastName": self.last_name,
                         "email": self.email.strip(), "phoneNumber": self.phone.strip(),
                         "gdprExpiryDate": self.gdpr_expiry.strip()}
            if self.job_mode == EXISTING and self.job_id:
                candidate["jobId"] = self.job_id  # the compact form of naming the job
            body["candidate"] = candidate
        else:
            body["candidateId"] = self.candidate_id or None
            if self.job_mode == EXISTING and self.job_id:
                body["jobId"] = self.job_id
        if self.job_mode == NEW:
            body["job"] = self._job(problems)
        when, when_problems = self.start_time()
        problems += when_problems
        if when is not None:
            body["scheduleTime"] = when.isoformat()
        if self.is_test:
            body["isTest"] = True
        return {key: value for key, value in body.items() if value is not None}, problems

    def _job(self, problems: list[Problem]) -> dict[str, Any]:
        job: dict[str, Any] = {"title": self.title}
        if self.description.strip():
            job["description"] = self.description
        if self.required_skills:
            job["requiredSkills"] = list(self.required_skills)
        if self.nice_skills:
            job["niceToHaveSkills"] = list(self.nice_skills)
        for key, value in (("experience", self.experience),
                           ("contractType", self.contract_type)):
            if value:
                job[key] = value
        if self.education:
            job["education"] = [self.education]
        if self.languages.strip():
            job["languageRequirements"] = self._languages(problems)
        location = {key: value for key, value in (("workMode", self.work_mode),
                                                  ("countryCode", self.country.strip()))
                    if value}
        if location:
            job["location"] = location
        salary: dict[str, Any] = {}
        for key, text in (("min", self.salary_min), ("max", self.salary_max)):
            if text.strip():
                try:
                    salary[key] = float(text.replace(" ", "").replace(",", "."))
                except ValueError:
                    problems.append(Problem(f"job.salary.{key}", "Write the amount as a number, "
                                                                 "e.g. 52000."))
        if self.currency.strip():
            salary["currency"] = self.currency.strip()
        if self.period:
            salary["period"] = self.period
        if salary:
            job["salary"] = salary
        return job

    def _languages(self, problems: list[Problem]) -> list[dict[str, str]]:
        """`EN:B2, DE:A1` into language requirements."""
        requirements = []
        for item in self.languages.replace(";", ",").split(","):
            if not item.strip():
                continue
            language, _, level = item.strip().partition(":")
            if not level:
                problems.append(Problem("job.languageRequirements",
                                        "Write each language with its level, e.g. EN:B2, DE:A2."))
                continue
            requirements.append({"language": language.strip(), "proficiency": level.strip()})
        return requirements
