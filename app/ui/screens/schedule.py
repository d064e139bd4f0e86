"""The scheduling form: existing or new candidate, an agent, the job in one of its allowed
forms, a time with its UTC offset, and a summary before anything is sent.

Every keystroke rebuilds the request body and runs the shared domain rules, so each message
sits under its field as you type and the send key says why it is not ready. The form is saved
as a draft on every change and restored on start, so nothing typed is lost.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import phonenumbers
from phonenumbers import timezone as phone_zones
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import (
    Checkbox,
    Input,
    Label,
    OptionList,
    RadioButton,
    RadioSet,
    Select,
    Static,
)
from textual.widgets.option_list import Option
from textual.widgets.select import InvalidSelectValueError

from app.actions import (
    NotCreated,
    Scheduled,
    find_created_interview,
    remember_interview,
    schedule_interview,
)
from app.api.errors import (
    ApiError,
    BillingLimitError,
    MissingScopeError,
    OfflineError,
    OutcomeUnknownError,
    RequestRejected,
)
from app.domain.enums import (
    ContractType,
    Education,
    Experience,
    InterviewType,
    SalaryPeriod,
    WorkMode,
    label,
)
from app.domain.models import Agent, Candidate
from app.domain.requests import InterviewRequest, Problem, RuleViolation, check_interview_request
from app.drafts import Drafts
from app.paths import SCHEDULE_STYLES
from app.store import CandidateQuery
from app.ui.base import DeskScreen
from app.ui.schedule.bulk import BulkPanel
from app.ui.schedule.draft import EXISTING, NEW, NONE, ScheduleDraft
from app.ui.schedule.summary import SummaryScreen
from widgets.skills_input import SkillCounter, SkillsInput
from widgets.text import line_text, plain_line

TEXT_FIELDS = {
    "f-first_name": "first_name", "f-last_name": "last_name", "f-email": "email",
    "f-phone": "phone", "f-gdpr_expiry": "gdpr_expiry", "f-title": "title",
    "f-description": "description", "f-languages": "languages", "f-country": "country",
    "f-salary_min": "salary_min", "f-salary_max": "salary_max", "f-currency": "currency",
    "f-day": "day", "f-at": "at",
}
SELECT_FIELDS = {
    "f-agent_id": "agent_id", "f-job_id": "job_id", "f-education": "education",
    "f-experience": "experience", "f-contract_type": "contract_type",
    "f-work_mode": "work_mode", "f-period": "period",
}
SENT_AT = "sent_at"  # in a draft: when it was sent without an answer yet
ERROR_LABELS = (
    "candidateId", "candidate", "candidate.firstName", "candidate.lastName", "candidate.email",
    "candidate.phoneNumber", "candidate.gdprExpiryDate", "candidate.jobId", "agentId", "jobId",
    "job", "job.title", "job.description", "job.requiredSkills", "job.niceToHaveSkills",
    "job.languageRequirements", "job.education", "job.experience", "job.contractType",
    "job.location", "job.salary", "scheduleTime", "isTest",
)


def error_id(path: str) -> str:
    return "e-" + path.replace(".", "-")


def label_for(path: str) -> str:
    """The error label that shows a problem: its own, else its nearest parent's."""
    bare = re.sub(r"\[\d+\]", "", path)
    parts = bare.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in ERROR_LABELS:
            return candidate
        parts.pop()
    return "candidate" if path.startswith("candidate") else "job" if path.startswith(
        "job") else "agentId"


def show_error(target: Label, messages: list[str]) -> None:
    """Messages under a field; an empty error line takes no room."""
    target.update(Text("\n".join(plain_line(message) for message in dict.fromkeys(messages))))
    target.display = bool(messages)


def choose(select: Select, value: object) -> bool:
    """Select `value` if it is one of the options; says whether it was."""
    if value is Select.NULL or not value:
        return False
    try:
        select.value = value
    except InvalidSelectValueError:
        return False
    return True


def options(enum: type) -> list[tuple[str, str]]:
    return [(label(member), member.value) for member in enum]


def candidate_zone(phone: str | None) -> str | None:
    """The candidate's time zone when their phone number tells it unambiguously."""
    try:
        number = phonenumbers.parse(phone or "")
    except phonenumbers.NumberParseException:
        return None
    zones = [zone for zone in phone_zones.time_zones_for_number(number) if zone != "Etc/Unknown"]
    return zones[0] if len(zones) == 1 else None


class ScheduleScreen(DeskScreen):
    CSS_PATH = SCHEDULE_STYLES
    HELP_TITLE = "Schedule an interview"
    BINDINGS = [
        Binding("ctrl+r", "review", "Review & send", id="schedule.review"),
        Binding("ctrl+x", "discard", "Discard draft", id="schedule.discard"),
        Binding("escape", "leave", "Back", show=False, id="schedule.leave"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.draft = ScheduleDraft()
        self.problems: list[Problem] = []
        self.bulk_ids: list[str] = []

    @property
    def drafts(self) -> Drafts:
        return Drafts(self.context.settings.drafts_dir)

    # ── layout ───────────────────────────────────────────────────────────────────────────

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="schedule-form"):
            yield Static("Candidate", classes="form-section")
            with RadioSet(id="candidate-mode"):
                yield RadioButton("Existing candidate", value=True, id="candidate-existing")
                yield RadioButton("New candidate", id="candidate-new")
            with Vertical(id="existing-candidate"):
                yield Input(placeholder="type a name or email to find the candidate",
                            id="candidate-search")
                yield OptionList(id="candidate-matches")
                yield Static("No candidate chosen.", id="candidate-chosen")
                yield Label("", id=error_id("candidateId"), classes="field-error")
            with Vertical(id="new-candidate"):
                for widget_id, title, placeholder, path in (
                    ("f-first_name", "First name", "", "candidate.firstName"),
                    ("f-last_name", "Last name", "", "candidate.lastName"),
                    ("f-email", "Email", "e.g. jana.novak@example.com", "candidate.email"),
                    ("f-phone", "Phone (E.164)", "e.g. +421915123456", "candidate.phoneNumber"),
                    ("f-gdpr_expiry", "Keep personal data until (GDPR)", "YYYY-MM-DD",
                     "candidate.gdprExpiryDate"),
                ):
                    yield Label(title, classes="field-label")
                    yield Input(placeholder=placeholder, id=widget_id)
                    yield Label("", id=error_id(path), classes="field-error")
                yield Label("", id=error_id("candidate"), classes="field-error")
            yield Static(id="bulk-candidates")
            yield Static("Agent", classes="form-section")
            yield Select([], prompt="choose the agent", id="f-agent_id")
            yield Static("", id="agent-info")
            yield Label("", id=error_id("agentId"), classes="field-error")
            yield Static("Job", classes="form-section")
            with RadioSet(id="job-mode"):
                yield RadioButton("Existing job", value=True, id="job-existing")
                yield RadioButton("New job", id="job-new")
                yield RadioButton("No job", id="job-none")
            yield Static("", id="job-mode-note")
            with Vertical(id="existing-job"):
                yield Select([], prompt="choose the job", id="f-job_id")
                yield Label("", id=error_id("jobId"), classes="field-error")
                yield Label("", id=error_id("candidate.jobId"), classes="field-error")
            with Vertical(id="new-job"):
                yield from self._new_job_fields()
            yield Label("", id=error_id("job"), classes="field-error")
            yield Static("When", classes="form-section")
            with RadioSet(id="when-mode"):
                yield RadioButton("Start now", value=True, id="when-now")
                yield RadioButton("At a time (your time zone)", id="when-later")
            with Horizontal(id="when-fields"):
                yield Input(placeholder="YYYY-MM-DD", id="f-day")
                yield Input(placeholder="HH:MM", id="f-at")
                yield Static("", id="when-offset")
            yield Label("", id=error_id("scheduleTime"), classes="field-error")
            yield Checkbox("Test interview (completes at once, uses no minutes)",
                           id="f-is_test")
            yield Label("", id=error_id("isTest"), classes="field-error")
        yield BulkPanel(id="bulk-panel")
        yield Static(id="schedule-status")

    def _new_job_fields(self) -> ComposeResult:
        yield Label("Job title", classes="field-label")
        yield Input(placeholder="5-200 characters", id="f-title")
        yield Label("", id=error_id("job.title"), classes="field-error")
        yield Input(placeholder="description (optional, 10-5000 characters)",
                    id="f-description")
        yield Label("", id=error_id("job.description"), classes="field-error")
        required = SkillsInput(id="f-required_skills")
        nice = SkillsInput(id="f-nice_skills")
        yield Label("Required skills (comma or Enter adds one)")
        yield required
        yield Label("", id=error_id("job.requiredSkills"), classes="field-error")
        yield Label("Nice-to-have skills")
        yield nice
        yield Label("", id=error_id("job.niceToHaveSkills"), classes="field-error")
        yield SkillCounter([required, nice], id="skill-counter")
        with Horizontal(classes="form-row"):
            yield Select(options(Education), prompt="education", id="f-education")
            yield Select(options(Experience), prompt="experience", id="f-experience")
            yield Select(options(ContractType), prompt="contract", id="f-contract_type")
        for path in ("job.education", "job.experience", "job.contractType"):
            yield Label("", id=error_id(path), classes="field-error")
        yield Input(placeholder="languages with CEFR level, e.g. EN:B2, DE:A2 (up to 5)",
                    id="f-languages")
        yield Label("", id=error_id("job.languageRequirements"), classes="field-error")
        with Horizontal(classes="form-row"):
            yield Select(options(WorkMode), prompt="work mode", id="f-work_mode")
            yield Input(placeholder="country, e.g. SK", id="f-country")
        yield Label("", id=error_id("job.location"), classes="field-error")
        with Horizontal(classes="form-row"):
            yield Input(placeholder="salary from", id="f-salary_min")
            yield Input(placeholder="salary to", id="f-salary_max")
            yield Input(placeholder="currency, e.g. EUR", id="f-currency")
            yield Select(options(SalaryPeriod), prompt="period", id="f-period")
        yield Label("", id=error_id("job.salary"), classes="field-error")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#bulk-panel", BulkPanel).display = False
        self.query_one("#candidate-matches", OptionList).display = False
        self.on_cache_changed()
        saved = self.drafts.load()
        if saved:
            self._restore(ScheduleDraft.from_values(saved))
            if saved.get(SENT_AT):
                self._check_interrupted_send(saved[SENT_AT])
            else:
                self.notify("Your unsent draft is back. ctrl+x discards it.",
                            title="Draft restored")
        self._refresh()

    def on_cache_changed(self) -> None:
        agents = self.context.store.agents()
        select = self.query_one("#f-agent_id", Select)
        current = select.value
        select.set_options(
            (line_text(f"{a.name} — {label(a.focus)}, {label(a.type)}, {a.language or '?'}, "
                       f"{a.duration or '?'} min"), a.id) for a in agents)
        choose(select, current)
        self._job_options()

    # ── reading and restoring the form ───────────────────────────────────────────────────

    def _read(self) -> None:
        draft = self.draft
        for widget_id, name in TEXT_FIELDS.items():
            setattr(draft, name, self.query_one(f"#{widget_id}", Input).value)
        for widget_id, name in SELECT_FIELDS.items():
            value = self.query_one(f"#{widget_id}", Select).value
            setattr(draft, name, "" if value is Select.NULL else str(value))
        draft.required_skills = list(self.query_one("#f-required_skills", SkillsInput).skills)
        draft.nice_skills = list(self.query_one("#f-nice_skills", SkillsInput).skills)
        draft.candidate_mode = NEW if self.query_one("#candidate-new", RadioButton).value \
            else EXISTING
        draft.job_mode = (NEW if self.query_one("#job-new", RadioButton).value else NONE
                          if self.query_one("#job-none", RadioButton).value else EXISTING)
        draft.start_now = self.query_one("#when-now", RadioButton).value
        draft.is_test = self.query_one("#f-is_test", Checkbox).value

    def _restore(self, draft: ScheduleDraft) -> None:
        """Put a draft's values back into the widgets without treating them as typing."""
        quiet = (Input.Changed, Select.Changed, Checkbox.Changed, RadioSet.Changed,
                 SkillsInput.SkillsChanged)
        with self.prevent(*quiet):
            for widget_id, name in TEXT_FIELDS.items():
                self.query_one(f"#{widget_id}", Input).value = getattr(draft, name)
            self.draft = draft
            self.query_one("#candidate-new" if draft.candidate_mode == NEW
                           else "#candidate-existing", RadioButton).value = True
            self.query_one({NEW: "#job-new", NONE: "#job-none"}.get(draft.job_mode,
                           "#job-existing"), RadioButton).value = True
            self.query_one("#when-now" if draft.start_now else "#when-later",
                           RadioButton).value = True
            self.query_one("#f-is_test", Checkbox).value = draft.is_test
            self.query_one("#f-required_skills", SkillsInput).skills = tuple(
                draft.required_skills)
            self.query_one("#f-nice_skills", SkillsInput).skills = tuple(draft.nice_skills)
            for widget_id, name in SELECT_FIELDS.items():
                select = self.query_one(f"#{widget_id}", Select)
                if not choose(select, getattr(draft, name)) and widget_id != "f-agent_id":
                    select.clear()
            self._job_options()
            choose(self.query_one("#f-job_id", Select), draft.job_id)
            self._show_chosen()

    # ── reacting to input ────────────────────────────────────────────────────────────────

    @on(Input.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    @on(RadioSet.Changed)
    @on(SkillsInput.SkillsChanged)
    def _changed(self, event: Any) -> None:
        control = getattr(event, "control", None)
        if isinstance(control, Input) and control.id == "candidate-search":
            self._find_candidates(control.value)
            return
        if isinstance(control, Select) and control.id == "f-agent_id":
            self._job_options()
        self._refresh()
        self._save_draft()

    def _find_candidates(self, text: str) -> None:
        matches = self.query_one("#candidate-matches", OptionList)
        matches.clear_options()
        matches.display = bool(text.strip())
        if not text.strip():
            return
        store = self.context.store
        rows = store.candidate_rows(CandidateQuery(text=text), limit=8,
                                    today=self.context.clock().date())
        matches.add_options(
            Option(line_text(f"{row.name}  {row.email or ''}  · {row.job_titles or 'no job'}"),
                   id=row.id) for row in rows)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "candidate-matches" and event.option.id:
            self.draft.candidate_id = event.option.id
            self._show_chosen()
            self._job_options()
            self._refresh()
            self._save_draft()
            self.query_one("#f-agent_id", Select).focus()

    def use_candidates(self, candidate_ids: list[str]) -> None:
        """Called by the App when the recruiter pressed s on chosen candidates."""
        self.bulk_ids = candidate_ids if len(candidate_ids) > 1 else []
        if len(candidate_ids) == 1:
            self.query_one("#candidate-existing", RadioButton).value = True
            self.draft.candidate_id = candidate_ids[0]
            self._show_chosen()
        self._job_options()
        self._refresh()

    def _show_chosen(self) -> None:
        candidate = self._candidate()
        chosen = self.query_one("#candidate-chosen", Static)
        if candidate is None:
            chosen.update("No candidate chosen.")
            return
        jobs = {job.id: job.title for job in self.context.store.jobs()}
        titles = [jobs.get(job_id, job_id) for job_id in candidate.all_job_ids]
        text = Text("Chosen: ", style="bold").append(plain_line(candidate.full_name),
                                                     style="bold")
        text.append(plain_line(f"  {candidate.email or ''}") + "\nJobs: "
                    + plain_line(f"{', '.join(titles) if titles else 'none (talent pool)'}"))
        zone = candidate_zone(candidate.phone_number)
        if zone:
            text.append(f"\nLocal time zone (from the phone): {zone}")
        chosen.update(text)

    def _agent(self) -> Agent | None:
        return self.context.store.agent(self.draft.agent_id) if self.draft.agent_id else None

    def _candidate(self) -> Candidate | None:
        if self.draft.candidate_mode != EXISTING or not self.draft.candidate_id:
            return None
        return self.context.store.candidate(self.draft.candidate_id)

    def _job_options(self) -> None:
        """Offer only the job choices the rules allow, and say why the others are not."""
        self._read()
        agent = self._agent()
        candidate = self._candidate()
        generic = agent is not None and agent.focus == InterviewType.GENERIC
        jobs = self.context.store.jobs()
        if candidate is not None and len(candidate.all_job_ids) > 1:
            jobs = [job for job in jobs if job.id in candidate.all_job_ids]
        select = self.query_one("#f-job_id", Select)
        current = select.value
        select.set_options((line_text(job.title), job.id) for job in jobs)
        if not choose(select, current) and candidate is not None and len(
                candidate.all_job_ids) == 1:
            choose(select, candidate.all_job_ids[0])
        note = self.query_one("#job-mode-note", Static)
        existing = self.query_one("#job-existing", RadioButton)
        new = self.query_one("#job-new", RadioButton)
        none = self.query_one("#job-none", RadioButton)
        if generic:
            existing.disabled = new.disabled = True
            none.disabled = False
            none.value = True
            note.update("GENERIC interviews take no job; the candidate must have none.")
        else:
            existing.disabled = False
            new.disabled = bool(self.bulk_ids)
            none.disabled = agent is not None
            if none.value and agent is not None:
                existing.value = True
            reasons = []
            if agent is not None:
                reasons.append(f"A {label(agent.focus)} interview needs a job.")
            if self.bulk_ids:
                reasons.append("For several candidates, pick an existing job (a new job would "
                               "be created once per candidate).")
            if candidate is not None and len(candidate.all_job_ids) > 1:
                reasons.append(f"Only this candidate's {len(candidate.all_job_ids)} jobs are "
                               "offered.")
            note.update(" ".join(reasons))
        self._read()

    # ── checking ─────────────────────────────────────────────────────────────────────────

    def _refresh(self) -> None:
        self._read()
        draft = self.draft
        bulk = bool(self.bulk_ids)
        self.query_one("#existing-candidate").display = not bulk and draft.candidate_mode == \
            EXISTING
        self.query_one("#new-candidate").display = not bulk and draft.candidate_mode == NEW
        self.query_one("#candidate-mode").display = not bulk
        bulk_line = self.query_one("#bulk-candidates", Static)
        bulk_line.display = bulk
        bulk_line.update(Text(f"{len(self.bulk_ids)} marked candidates: one agent, job and time "
                              "for all of them.", style="bold"))
        self.query_one("#existing-job").display = draft.job_mode == EXISTING
        self.query_one("#new-job").display = draft.job_mode == NEW
        self.query_one("#when-fields").display = not draft.start_now
        self._show_agent()
        self._show_offset()
        self.problems = self._check()
        shown: dict[str, list[str]] = {}
        for problem in self.problems:
            shown.setdefault(label_for(problem.field), []).append(problem.message)
        for path in ERROR_LABELS:
            show_error(self.query_one(f"#{error_id(path)}", Label), shown.get(path, []))
        status = self.query_one("#schedule-status", Static)
        if self.problems:
            first = self.problems[0]
            status.update(Text(f"Not ready to send: {len(self.problems)} to fix — first: "
                               f"{first}", style="bold"))
        else:
            status.update(Text("Ready: ctrl+r shows what will be created, Enter sends it.",
                               style="bold"))

    def _check(self) -> list[Problem]:
        body, problems = self.draft.body()
        now = self.context.clock()
        if self.bulk_ids:
            body = {key: value for key, value in body.items() if key != "candidate"}
            body["candidateId"] = self.bulk_ids[0]
            found = check_interview_request(body, now=now, agent=self._agent())
            return problems + [p for p in found if not p.field.startswith("candidate")]
        return problems + check_interview_request(body, now=now, agent=self._agent(),
                                                  candidate=self._candidate())

    def _show_agent(self) -> None:
        agent = self._agent()
        info = self.query_one("#agent-info", Static)
        if agent is None:
            info.update("")
            return
        info.update(Text(f"{label(agent.focus)} interview · {label(agent.type)} · language "
                         f"{agent.language or '—'} · {agent.duration or '?'} minutes"))

    def _show_offset(self) -> None:
        when, _ = self.draft.start_time()
        shown = self.query_one("#when-offset", Static)
        if when is None:
            shown.update("")
            return
        text = f"{when:%Y-%m-%d %H:%M} (UTC{when.isoformat()[-6:]})"
        zone = candidate_zone(self._candidate().phone_number if self._candidate() else
                              self.draft.phone)
        if zone:
            from zoneinfo import ZoneInfo

            local = when.astimezone(ZoneInfo(zone))
            text += f" · candidate's time {local:%H:%M} ({zone})"
        shown.update(text)

    def _save_draft(self) -> None:
        if self.bulk_ids:
            return
        if self.draft.is_blank():
            self.drafts.discard()
        else:
            self.drafts.save(self.draft.values())

    # ── sending ──────────────────────────────────────────────────────────────────────────

    def action_review(self) -> None:
        self._refresh()
        if self.problems:
            self.notify(f"Fix {len(self.problems)} problem(s) first: {self.problems[0]}",
                        title="Not ready", severity="warning")
            return
        if self.bulk_ids:
            self.query_one(BulkPanel).start(self, self.bulk_ids)
            return

        def answer(send: bool | None) -> None:
            if send:
                self._send()

        self.app.push_screen(SummaryScreen("Schedule this interview?", self._summary()), answer)

    def _summary(self) -> list[str]:
        draft = self.draft
        agent = self._agent()
        lines = []
        if draft.candidate_mode == NEW:
            lines.append(f"New candidate: {draft.first_name} {draft.last_name} <{draft.email}>, "
                         f"{draft.phone}, data kept until {draft.gdpr_expiry}")
        else:
            candidate = self._candidate()
            lines.append(f"Candidate: {candidate.full_name if candidate else draft.candidate_id}")
        if draft.job_mode == NEW:
            skills = len(draft.required_skills) + len(draft.nice_skills)
            lines.append(f"New job: {draft.title} ({skills} skills) — created and kept")
        elif draft.job_mode == EXISTING and draft.job_id:
            job = self.context.store.job(draft.job_id)
            lines.append(f"Job: {job.title if job else draft.job_id}")
        elif draft.job_mode == EXISTING:
            lines.append("Job: the candidate's only job")
        else:
            lines.append("Job: none")
        if agent:
            lines.append(f"Agent: {agent.name} ({label(agent.focus)}, {label(agent.type)}, "
                         f"{agent.duration} min)")
        when, _ = draft.start_time()
        lines.append("When: now" if when is None else f"When: {when.isoformat()}")
        if draft.is_test:
            lines.append("Test interview: completes at once, no minutes used")
        return lines

    def request(self) -> InterviewRequest:
        body, _ = self.draft.body()
        return InterviewRequest.model_validate(body)

    @work(exclusive=True, group="schedule-send")
    async def _check_interrupted_send(self, sent_at: str) -> None:
        """The app stopped while this draft was being sent: look before anyone sends it again."""
        try:
            found = await find_created_interview(self.context, self.request(),
                                                 sent_after=datetime.fromisoformat(sent_at))
        except ApiError as error:
            self.notify(f"This draft was being sent when the app stopped, and the API cannot be "
                        f"asked yet whether it arrived ({error}). Check the candidate's "
                        "interviews before sending it again.", title="Unsure", timeout=20,
                        severity="warning")
            return
        if found is None:
            self.drafts.save(self.draft.values())
            self.notify("The app stopped while sending this draft, and the API shows no such "
                        "interview: nothing was created. Send it again when ready.",
                        title="Draft restored", timeout=15)
            return
        await remember_interview(self.context, found)
        self.drafts.discard()
        self._reset()
        self.desk.cache_version += 1
        self.notify("The interview sent just before the app stopped was created; it is in "
                    "the monitor.", title="Already scheduled", timeout=15)

    @work(exclusive=True, group="schedule-send")
    async def _send(self) -> None:
        status = self.query_one("#schedule-status", Static)
        status.update(Text("Sending…", style="bold"))
        # If the app dies before the answer, the next start checks instead of sending again.
        self.drafts.save({**self.draft.values(), SENT_AT: self.context.clock().isoformat()})
        try:
            result = await schedule_interview(self.context, self.request(),
                                              agent=self._agent(), candidate=self._candidate())
        except RuleViolation as violation:
            self._server_problems(violation.problems)
        except RequestRejected as rejected:
            self._server_problems(rejected.problems or [Problem("", rejected.message)])
        except BillingLimitError as error:
            await self._billing_refused(error)
        except MissingScopeError as error:
            self.notify(str(error), title="Missing permission", severity="error", timeout=15)
            self._refresh()
        except OfflineError as error:
            self.notify(f"{error} Nothing was sent; your draft is kept.", title="Offline",
                        severity="warning", timeout=12)
            self._refresh()
        except NotCreated as error:
            self.notify(str(error), title="Not created", severity="warning", timeout=15)
            self._refresh()
        except OutcomeUnknownError as error:
            self.notify(str(error), title="Unsure", severity="warning", timeout=20)
            return  # the sent mark stays, so the next start checks before anything is resent
        except ApiError as error:
            self.notify(f"{error} Your draft is kept.", title="Not sent", severity="error",
                        timeout=15)
            self._refresh()
        else:
            self.drafts.discard()
            await self._announce_scheduled(result)
            return
        self._save_draft()  # a definite "no": the draft stays, without the sent mark

    async def _announce_scheduled(self, result: Scheduled) -> None:
        note = " (its answer was lost, but it exists: not sent twice)" if \
            result.reconciled else ""
        self.notify(f"Interview scheduled{note}.", title="Scheduled")
        self.desk.cache_version += 1
        self._reset()
        await self.desk.show_interview(result.interview.id)

    def _server_problems(self, problems: list[Problem]) -> None:
        self._refresh()
        for problem in problems:
            show_error(self.query_one(f"#{error_id(label_for(problem.field))}", Label),
                       [problem.message])
        self.query_one("#schedule-status", Static).update(Text(
            f"The API refused it: {problems[0]}", style="bold"))

    async def _billing_refused(self, error: BillingLimitError) -> None:
        try:
            usage = await self.context.client.billing_usage()
            allowance = usage.max_interview_minutes or self.context.settings.plan_minutes
            used = usage.total_minutes_used or 0
            left = f"{max(0, allowance - used):g} of {allowance:g}" if allowance else "unknown"
            detail = f" Used {used:g} minutes; left {left} minutes."
        except ApiError:
            detail = ""
        self.notify(f"{error}{detail}", title="Billing limit", severity="error", timeout=15)
        self._refresh()

    def _reset(self) -> None:
        self._restore(ScheduleDraft(agent_id=self.draft.agent_id))
        self.bulk_ids = []
        self._refresh()

    def action_discard(self) -> None:
        from app.ui.modals import ConfirmScreen

        def answer(discard: bool | None) -> None:
            if discard:
                self.drafts.discard()
                self._reset()
                self.notify("Draft discarded.")

        self.app.push_screen(ConfirmScreen("Discard this draft?",
                                           "Everything typed in the form is cleared.",
                                           confirm_label="Discard"), answer)

    def action_leave(self) -> None:
        self.desk.action_section("candidates")

    def now(self) -> datetime:
        return self.context.clock()
