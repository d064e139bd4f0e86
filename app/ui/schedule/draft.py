"""What the recruiter typed into the scheduling form, and the request body it makes.

`ScheduleDraft` is the one list of the form's fields: each field's metadata says which kind of
control edits it (the control's id is `f-<name>`, or one radio button per value) and which part
of the request its messages belong to. The form reads, restores and labels its controls from
this list; nothing else lists them.

The form keeps raw text (so a draft on disk restores exactly what was typed); turning it into
the `POST /interviews` body is the only parsing done here. Every rule is then checked by
`app.domain.requests.check_interview_request`, the same function the sandbox runs.
"""

from __future__ import annotations

import re
from dataclasses import Field, asdict, dataclass, field, fields
from datetime import date, datetime
from typing import Any

from app.domain.requests import Problem
from app.ui.schedule import when as start
from app.ui.schedule.rules import EXISTING, NEW, NONE

TEXT, SELECT, SKILLS, CHECK, RADIO = "text", "select", "skills", "check", "radio"
# A comma or point before exactly three digits: a thousands separator, or a decimal point?
THOUSANDS = re.compile(r"[,.][0-9]{3}(?![0-9])")


def _control(kind: str, default: Any, **details: Any) -> Any:
    if isinstance(default, list):
        return field(default_factory=list, metadata={"kind": kind, **details})
    return field(default=default, metadata={"kind": kind, **details})


def text(path: str, title: str, placeholder: str = "") -> Any:
    return _control(TEXT, "", path=path, title=title, placeholder=placeholder)


def select(path: str, prompt: str) -> Any:
    return _control(SELECT, "", path=path, title=prompt, placeholder=prompt)


def skills(path: str, title: str) -> Any:
    return _control(SKILLS, [], path=path, title=title)


def tick(path: str, title: str) -> Any:
    return _control(CHECK, False, path=path, title=title)


def radio(default: Any, buttons: dict[Any, str]) -> Any:
    """A choice made with one radio button per value (`buttons`: value to the button's id)."""
    return _control(RADIO, default, buttons=buttons)


@dataclass
class ScheduleDraft:
    candidate_mode: str = radio(EXISTING, {EXISTING: "candidate-existing",
                                           NEW: "candidate-new"})
    candidate_id: str = ""  # chosen from the search's matches, or by s on a candidate
    first_name: str = text("candidate.firstName", "First name")
    last_name: str = text("candidate.lastName", "Last name")
    email: str = text("candidate.email", "Email", "e.g. jana.novak@example.com")
    phone: str = text("candidate.phoneNumber", "Phone (E.164)", "e.g. +421915123456")
    gdpr_expiry: str = text("candidate.gdprExpiryDate", "Keep personal data until (GDPR)",
                            "YYYY-MM-DD")
    agent_id: str = select("agentId", "choose the agent")
    job_mode: str = radio(EXISTING, {EXISTING: "job-existing", NEW: "job-new",
                                     NONE: "job-none"})
    job_id: str = select("jobId", "choose the job")
    title: str = text("job.title", "Job title", "5-200 characters")
    description: str = text("job.description", "Description",
                            "description (optional, 10-5000 characters)")
    required_skills: list[str] = skills(  # noqa: RUF009 (a field with a default factory)
        "job.requiredSkills", "Required skills (comma or Enter adds one)")
    nice_skills: list[str] = skills(  # noqa: RUF009 (a field with a default factory)
        "job.niceToHaveSkills", "Nice-to-have skills")
    education: str = select("job.education", "education")
    experience: str = select("job.experience", "experience")
    contract_type: str = select("job.contractType", "contract")
    languages: str = text("job.languageRequirements", "Languages",
                          "languages with CEFR level, e.g. EN:B2, DE:A2 (up to 5)")
    work_mode: str = select("job.location", "work mode")
    country: str = text("job.location", "Country", "country, e.g. SK")
    salary_min: str = text("job.salary", "Salary from", "salary from")
    salary_max: str = text("job.salary", "Salary to", "salary to")
    currency: str = text("job.salary", "Currency", "currency, e.g. EUR")
    period: str = select("job.salary", "period")
    start_now: bool = radio(True, {True: "when-now", False: "when-later"})
    day: str = text("scheduleTime", "Day", "YYYY-MM-DD, tomorrow, mon")
    at: str = text("scheduleTime", "Time", "HH:MM")
    is_test: bool = tick("isTest", "Test interview (completes at once, uses no minutes)")

    def values(self) -> dict[str, Any]:
        return asdict(self)

    def is_blank(self) -> bool:
        """Nothing typed and no candidate picked: the choices alone are not work to keep."""
        choices = {"agent_id", "job_id", "job_mode", "candidate_mode", "start_now", "is_test"}
        blank = asdict(ScheduleDraft())
        return all(value == blank[name] for name, value in asdict(self).items()
                   if name not in choices)

    def has_candidate(self) -> bool:
        """Whether the draft is already for someone: a chosen candidate or a typed one."""
        if self.candidate_mode == EXISTING:
            return bool(self.candidate_id)
        return any((self.first_name, self.last_name, self.email, self.phone))

    @classmethod
    def from_values(cls, values: dict[str, Any]) -> ScheduleDraft:
        names = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in values.items() if key in names})

    def start_time(self, today: date) -> tuple[datetime | None, list[Problem]]:
        """The chosen start in the recruiter's own zone, with its UTC offset; None is now."""
        if self.start_now:
            return None, []
        return start.start_time(self.day, self.at, today=today)

    def body(self, today: date) -> tuple[dict[str, Any], list[Problem]]:
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
        when, when_problems = self.start_time(today)
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
        for key, typed in (("min", self.salary_min), ("max", self.salary_max)):
            if not typed.strip():
                continue
            amount = typed.replace(" ", "")
            if THOUSANDS.search(amount):
                # 52,000 is 52 thousand to some and 52 to others: asked, never guessed.
                problems.append(Problem(f"job.salary.{key}", "Write the amount without "
                                        "thousands separators, e.g. 52000 (52.5 for a "
                                        "fraction)."))
                continue
            try:
                salary[key] = float(amount.replace(",", "."))
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


CONTROLS: tuple[Field[Any], ...] = tuple(f for f in fields(ScheduleDraft) if f.metadata)


def control(name: str) -> Field[Any]:
    """The form's description of one draft field (its kind, title, placeholder, problem path)."""
    return next(f for f in CONTROLS if f.name == name)


PART_NAMES = {
    "candidateId": "Candidate", "candidate": "New candidate", "candidate.jobId": "Job",
    "agentId": "Agent", "agent": "Agent", "jobId": "Job", "job": "New job",
    "job.location": "Location", "job.salary": "Salary", "job.languageRequirements": "Languages",
    "scheduleTime": "When", "isTest": "Test interview",
}


def field_label(path: str) -> str:
    """The name a recruiter sees for a problem's place: `Email`, not `candidate.email`."""
    parts = path.split("[")[0].split(".")
    while parts:
        joined = ".".join(parts)
        if joined in PART_NAMES:
            return PART_NAMES[joined]
        for details in CONTROLS:
            if details.metadata.get("path") == joined:
                return str(details.metadata["title"]).split(" (")[0]
        parts.pop()
    return ""


def problem_text(problem: Problem) -> str:
    """A problem as one line for the status bar or a toast, named by its field's label."""
    where = field_label(problem.field)
    return f"{where}: {problem.message}" if where else problem.message
