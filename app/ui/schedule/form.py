"""The scheduling form as one widget: the controls of every field of `ScheduleDraft`, the
candidate search, the job choices the rules allow, and the start said back in words.

The form knows what was typed and what the cache holds (agents, jobs, candidates); it does not
check, save or send. On every change it reads its controls into a draft and posts
`DraftChanged`; the screen checks the draft and hands the problems back with `show_problems`.

The new candidate's and the new job's fields (78 of the form's 137 widgets) are composed only
when the recruiter chooses that part, or a restored draft holds something in it, and are kept
from then on: opening the form took 0.25-0.30 s of CPU with them. Until then the draft holds
their empty values, which is what their controls would hold.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widget import AwaitMount, Widget
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

from app.domain.enums import ContractType, Education, Experience, SalaryPeriod, WorkMode, label
from app.domain.models import Agent, Candidate
from app.domain.requests import SKILLS_MAX, Problem
from app.domain.zones import candidate_zone
from app.store import CandidateQuery
from app.ui.focus import FORM_CLASS
from app.ui.schedule.draft import (
    CHECK,
    CONTROLS,
    RADIO,
    SELECT,
    SKILLS,
    TEXT,
    ScheduleDraft,
    control,
)
from app.ui.schedule.rules import EXISTING, NEW, job_choice, why_not_schedulable
from app.ui.schedule.when import speak, step_clock, step_day
from widgets.numbers import number
from widgets.quick_input import QuickInput
from widgets.showing import show
from widgets.skills_input import SkillCounter, SkillsInput
from widgets.step_input import StepInput
from widgets.text import line_text, plain_line
from widgets.toggles import MarkedCheckbox, MarkedRadioButton

if TYPE_CHECKING:
    from app.factory import AppContext

SECTION_PROBLEMS = ("candidateId", "candidate", "agent", "job")  # problems of a whole part
QUIET = (Input.Changed, Select.Changed, Checkbox.Changed, RadioSet.Changed,
         SkillsInput.SkillsChanged)
MATCHES_SHOWN = 8


def error_id(path: str) -> str:
    return "e-" + path.replace(".", "-")


def show_error(target: Label, messages: list[str]) -> None:
    """Messages under a field; an empty error line takes no room."""
    show(target, Text("\n".join(plain_line(message) for message in dict.fromkeys(messages))))
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


def _error(path: str) -> Label:
    return Label("", id=error_id(path), classes="field-error")


class FieldRow(Horizontal):
    """Fields side by side. `compose_section` mounts them right after the row, so they exist
    (to be typed into, restored, read) as soon as their part of the form is chosen, not one
    composition of the row later."""

    def __init__(self, *fields: Widget) -> None:
        super().__init__(classes="form-row")
        self.fields = fields


@dataclass(frozen=True)
class Section:
    """A part of the form composed only when first needed: the container always there (shown
    or hidden), its fields added once."""

    id: str  # its container
    mode: str  # the draft's choice whose NEW shows it
    fields: tuple[str, ...]  # the draft fields its controls edit
    parts: tuple[str, ...] = ()  # the problems of the whole part, shown at its end

    @property
    def button(self) -> str:
        """The radio button that chooses it."""
        return str(control(self.mode).metadata["buttons"][NEW])

    def used_by(self, draft: ScheduleDraft) -> bool:
        """Whether `draft` chose this part, or holds something typed into it before the
        recruiter chose the other (kept, to be there when they come back)."""
        blank = ScheduleDraft()
        return getattr(draft, self.mode) == NEW or any(
            getattr(draft, name) != getattr(blank, name) for name in self.fields)

    @property
    def error_paths(self) -> frozenset[str]:
        """Where its problems are shown: one place per field's path, and its parts."""
        return frozenset({control(name).metadata["path"] for name in self.fields} | {
            *self.parts})


NEW_CANDIDATE = Section("new-candidate", "candidate_mode",
                        ("first_name", "last_name", "email", "phone", "gdpr_expiry"),
                        ("candidate",))
NEW_JOB = Section("new-job", "job_mode",
                  ("title", "description", "required_skills", "nice_skills", "education",
                   "experience", "contract_type", "languages", "work_mode", "country",
                   "salary_min", "salary_max", "currency", "period"))
SECTIONS = (NEW_CANDIDATE, NEW_JOB)
SECTION_OF = {name: section for section in SECTIONS for name in section.fields}


def compose_section(container: Widget, parts: Iterable[Widget]) -> list[AwaitMount]:
    """Mount `parts` into `container` now, with the fields of each `FieldRow` in it: every
    control is in the DOM when this returns (mounting itself finishes later)."""
    parts = list(parts)
    mounting = [container.mount(*parts)]
    mounting += [part.mount(*part.fields) for part in parts if isinstance(part, FieldRow)]
    return mounting


class ScheduleForm(VerticalScroll, can_focus=False):
    """Every field of an interview request, with its problems under it. The form itself is
    no focus stop (a scroll container would be one, showing nothing): its controls are."""

    class DraftChanged(Message):
        """The recruiter changed something; `draft` is the whole form now."""

        def __init__(self, draft: ScheduleDraft) -> None:
            super().__init__()
            self.draft = draft

    def __init__(self) -> None:
        super().__init__(id="schedule-form", classes=FORM_CLASS)
        self.draft = ScheduleDraft()
        self.bulk_names: list[str] = []
        self.warnings: tuple[str, ...] = ()
        self._jobs_offered: tuple[tuple[str, str], ...] | None = None
        self._agents_offered: tuple[tuple[str, str], ...] | None = None
        self._composed: set[Section] = set()  # the sections whose fields exist
        # Where each problem is shown (None: in a section not composed yet).
        self._error_paths: dict[str, Label | None] = {}

    @property
    def context(self) -> AppContext:
        return self.app.context  # type: ignore[attr-defined, no-any-return]

    # ── layout ───────────────────────────────────────────────────────────────────────────

    def _text(self, name: str, *, titled: bool = False, stepped: bool = False) -> ComposeResult:
        details = control(name).metadata
        if titled:
            yield Label(details["title"], classes="field-label")
        # Typed into: a box whose every keystroke lays the form out again would cost each key a
        # second layout pass (widgets/quick_input.py).
        kind = StepInput if stepped else QuickInput
        yield kind(placeholder=details["placeholder"], id=f"f-{name}")

    def _select(self, name: str, choices: list[tuple[str, str]]) -> Select[str]:
        return Select(choices, prompt=control(name).metadata["title"], id=f"f-{name}")

    def _radios(self, name: str, titles: list[str], set_id: str) -> ComposeResult:
        details = control(name)
        with RadioSet(id=set_id):
            for (value, button_id), title in zip(details.metadata["buttons"].items(), titles,
                                                 strict=True):
                yield MarkedRadioButton(title, value=value == details.default, id=button_id)

    def compose(self) -> ComposeResult:
        yield Static("Candidate", classes="form-section")
        yield from self._radios("candidate_mode", ["Existing candidate", "New candidate"],
                                "candidate-mode")
        with Vertical(id="existing-candidate"):
            yield QuickInput(placeholder="type a name or email to find the candidate",
                             id="candidate-search")
            yield OptionList(id="candidate-matches")
            yield Static("No candidate chosen.", id="candidate-chosen")
            yield _error("candidateId")
        yield Vertical(id=NEW_CANDIDATE.id)  # its fields: `open_section`
        yield Static(id="bulk-candidates")
        yield Static("Agent", classes="form-section")
        yield Select([], prompt=control("agent_id").metadata["title"], id="f-agent_id")
        yield Static("", id="agent-info")
        yield _error("agentId")
        yield Static("Job", classes="form-section")
        yield from self._radios("job_mode", ["Existing job", "New job", "No job"], "job-mode")
        yield Static("", id="job-mode-note")
        with Vertical(id="existing-job"):
            yield Select([], prompt=control("job_id").metadata["title"], id="f-job_id")
            yield _error("jobId")
            yield _error("candidate.jobId")
        yield Vertical(id=NEW_JOB.id)
        yield _error("job")
        yield Static("When", classes="form-section")
        yield from self._radios("start_now", ["Start now", "At a time (your time zone)"],
                                "when-mode")
        with Horizontal(id="when-fields"):
            yield from self._text("day", stepped=True)
            yield from self._text("at", stepped=True)
            yield Static("↑ ↓ change them", classes="field-hint")
        yield Static("", id="when-said")
        yield _error("scheduleTime")
        yield Static("", id="when-warning", classes="field-warning")
        yield MarkedCheckbox(control("is_test").metadata["title"], id="f-is_test")
        yield _error("isTest")

    def _new_candidate_fields(self) -> ComposeResult:
        for name in NEW_CANDIDATE.fields:
            yield from self._text(name, titled=True)
            yield _error(control(name).metadata["path"])
        yield _error("candidate")

    def _new_job_fields(self) -> ComposeResult:
        yield from self._text("title", titled=True)
        yield _error("job.title")
        yield from self._text("description")
        yield _error("job.description")
        required = SkillsInput(id="f-required_skills")
        nice = SkillsInput(id="f-nice_skills")
        yield Label(control("required_skills").metadata["title"])
        yield required
        yield _error("job.requiredSkills")
        yield Label(control("nice_skills").metadata["title"])
        yield nice
        yield _error("job.niceToHaveSkills")
        yield SkillCounter([required, nice], maximum=SKILLS_MAX, id="skill-counter")
        yield FieldRow(self._select("education", options(Education)),
                       self._select("experience", options(Experience)),
                       self._select("contract_type", options(ContractType)))
        for path in ("job.education", "job.experience", "job.contractType"):
            yield _error(path)
        yield from self._text("languages")
        yield _error("job.languageRequirements")
        yield FieldRow(self._select("work_mode", options(WorkMode)), *self._text("country"))
        yield _error("job.location")
        yield FieldRow(*(box for name in ("salary_min", "salary_max", "currency")
                         for box in self._text(name)),
                       self._select("period", options(SalaryPeriod)))
        yield _error("job.salary")

    def on_mount(self) -> None:
        self.query_one("#candidate-matches", OptionList).display = False
        for section in SECTIONS:
            self._error_paths.update(dict.fromkeys(section.error_paths))
            # Composed the moment its button is turned on (by a key, a click or a restore),
            # before the radio set says so: keys typed right after the choice find the fields.
            self.watch(self.query_one(f"#{section.button}", RadioButton), "value",
                       self._opener(section), init=False)
        self._add_error_labels(self)
        self.refresh_choices()  # and shows what follows from the controls (`_update`)

    def _add_error_labels(self, within: Widget) -> None:
        self._error_paths.update({label.id[2:].replace("-", "."): label
                                  for label in within.query(".field-error").results(Label)
                                  if label.id})

    def _opener(self, section: Section) -> Callable[[bool], None]:
        def chosen(on: bool) -> None:
            if on:
                self.open_section(section)

        return chosen

    def open_section(self, section: Section) -> None:
        """Compose a section's fields, once: from then on they keep what was typed, shown or
        not. The draft holds their empty values until then, which the new controls hold.

        Never called under `prevent`: a widget made there keeps those messages prevented while
        it mounts, and Textual's stack of prevented messages is one for every task (the radio
        set's Changed, posted meanwhile, was lost)."""
        if section in self._composed:
            return
        self._composed.add(section)
        container = self.query_one(f"#{section.id}")
        parts = self._new_candidate_fields() if section is NEW_CANDIDATE else \
            self._new_job_fields()
        mounting = compose_section(container, parts)
        self._add_error_labels(container)
        # Its problems were placed by these paths before it was composed (`_label_path`).
        assert {label.id for label in container.query(".field-error")} == {
            error_id(path) for path in section.error_paths}, section.id
        self.call_later(self._show_chosen_options, mounting, container)

    async def _show_chosen_options(self, mounting: list[AwaitMount], container: Widget) -> None:
        """A Select given its value before it was mounted (a restored draft) is drawn with its
        prompt: Textual draws a value when it changes. Drawn again once mounted."""
        for mounted in mounting:
            await mounted
        with self.prevent(*QUIET):
            for select in container.query(Select):
                if select.value is not Select.NULL:
                    select.mutate_reactive(Select.value)

    def _control(self, name: str) -> Any:
        """The control of a draft field, or None while its section is not composed."""
        section = SECTION_OF.get(name)
        if section is not None and section not in self._composed:
            return None
        return self.query_one(f"#f-{name}")

    def refresh_choices(self) -> None:
        """Re-read the agents and jobs offered (after a sync), keeping what is chosen."""
        offered = tuple((agent.id, f"{agent.name} — {label(agent.focus)}, {label(agent.type)}, "
                                   f"{agent.language or '?'}, {agent.duration or '?'} min")
                        for agent in self.context.store.agents())
        # Only when they changed: re-filling the list closes it and forgets the highlighted
        # agent, and the first sync commits every half second while the recruiter chooses.
        if offered != self._agents_offered:
            self._agents_offered = offered
            select = self.query_one("#f-agent_id", Select)
            current = select.value
            select.set_options((line_text(line), agent_id) for agent_id, line in offered)
            choose(select, current)
        self._update()

    # ── reading and restoring ────────────────────────────────────────────────────────────

    def _read(self) -> None:
        draft = self.draft
        for details in CONTROLS:
            kind, name = details.metadata["kind"], details.name
            if kind == RADIO:
                buttons = details.metadata["buttons"]
                chosen = [value for value, button_id in buttons.items()
                          if self.query_one(f"#{button_id}", RadioButton).value]
                # Two are on while a radio set is still turning off the one set before: the
                # form's own choice (already in the draft) is then the one that stands.
                current = getattr(draft, name)
                setattr(draft, name, current if current in chosen and len(chosen) > 1
                        else chosen[0] if chosen else details.default)
                continue
            widget = self._control(name)
            if widget is None:  # a section not composed yet: the draft holds its empty values
                continue
            if kind == TEXT:
                setattr(draft, name, widget.value)
            elif kind == SELECT:
                setattr(draft, name, "" if widget.value is Select.NULL else str(widget.value))
            elif kind == SKILLS:
                setattr(draft, name, list(widget.skills))
            elif kind == CHECK:
                setattr(draft, name, bool(widget.value))

    def restore(self, draft: ScheduleDraft) -> None:
        """Put a draft's values into the controls without treating them as typing."""
        for section in SECTIONS:
            if section.used_by(draft):
                self.open_section(section)
        with self.prevent(*QUIET):
            self.draft = draft
            for details in sorted(CONTROLS, key=lambda f: f.metadata["kind"] == RADIO):
                kind, value = details.metadata["kind"], getattr(draft, details.name)
                if kind == RADIO:
                    buttons = details.metadata["buttons"]
                    button_id = buttons.get(value, buttons[details.default])
                    self.query_one(f"#{button_id}", RadioButton).value = True
                    setattr(draft, details.name, value if value in buttons else details.default)
                    continue
                widget = self._control(details.name)
                if widget is None:  # its empty value, as it is in the draft
                    continue
                if kind == SELECT:
                    if not choose(widget, value) and details.name != "agent_id":
                        widget.clear()
                elif kind == SKILLS:
                    widget.skills = tuple(value)
                else:
                    widget.value = value
            self.query_one("#candidate-search", Input).value = ""
            self._update()
            choose(self.query_one("#f-job_id", Select), draft.job_id)
            self._read()

    def choose_candidate(self, candidate_id: str) -> None:
        """An existing candidate, chosen by id (from the matches, or by s on their row)."""
        with self.prevent(*QUIET):
            self.query_one("#candidate-existing", RadioButton).value = True
            self.draft.candidate_id = candidate_id
        self._changed()

    def take_typed_skills(self) -> None:
        """A skill typed without its comma counts before the review reads the draft (leaving
        the box by a key keeps it too, but a review opens before the box hears of it)."""
        for skills in self.query(SkillsInput):
            skills.take_typed()
        self._read()

    def set_bulk(self, names: list[str]) -> None:
        """One agent, job and time for every marked candidate (`names`); [] ends it."""
        self.bulk_names = names
        self._update()

    # ── reacting to input ────────────────────────────────────────────────────────────────

    @on(Input.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    @on(RadioSet.Changed)
    @on(SkillsInput.SkillsChanged)
    def _control_changed(self, event: Message) -> None:
        event.stop()
        control_widget = getattr(event, "control", None)
        if isinstance(control_widget, Input) and control_widget.id == "candidate-search":
            self._find_candidates(control_widget.value)
            return
        self._changed()

    def on_step_input_stepped(self, event: StepInput.Stepped) -> None:
        """The arrow keys' picker: a day later or earlier, a quarter of an hour later or
        earlier."""
        event.stop()
        box = event.step_input
        if box.id == "f-day":
            box.show(step_day(box.value, event.steps,
                              today=self.context.clock().astimezone().date()))
        elif box.id == "f-at":
            box.show(step_clock(box.value, event.steps))

    def _changed(self) -> None:
        self._update()
        self.post_message(self.DraftChanged(self.draft))

    def _find_candidates(self, text: str) -> None:
        matches = self.query_one("#candidate-matches", OptionList)
        matches.clear_options()
        matches.display = bool(text.strip())
        if not text.strip():
            return
        today = self.context.clock().date()
        rows = self.context.store.candidate_rows(CandidateQuery(text=text), limit=MATCHES_SHOWN,
                                                 today=today)
        # A candidate whose data is purged or due to be can never be chosen, so is not offered.
        rows = [row for row in rows if row.name and (row.gdpr_days_left is None
                                                     or row.gdpr_days_left >= 0)]
        matches.add_options(
            Option(line_text(f"{row.name}  {row.email or ''}  · {row.job_titles or 'no job'}"),
                   id=row.id)
            for row in rows)
        if not rows:
            matches.add_option(Option(Text("No candidate matches."), disabled=True))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_list.id == "candidate-matches" and event.option.id:
            self.choose_candidate(event.option.id)
            self.query_one("#f-agent_id", Select).focus()

    # ── showing ──────────────────────────────────────────────────────────────────────────

    @property
    def agent(self) -> Agent | None:
        return self.context.store.agent(self.draft.agent_id) if self.draft.agent_id else None

    @property
    def candidate(self) -> Candidate | None:
        """The existing candidate chosen, if any (None for a new one or in bulk)."""
        if self.draft.candidate_mode != EXISTING or not self.draft.candidate_id:
            return None
        return self.context.store.candidate(self.draft.candidate_id)

    def _update(self) -> None:
        """Read the controls, then show what follows from them: the parts in use, the job
        choices the rules allow, the chosen candidate, the agent and the start in words."""
        self._read()
        bulk = bool(self.bulk_names)
        draft = self.draft
        self._apply_job_choice()
        self.query_one("#candidate-mode").display = not bulk
        self.query_one("#existing-candidate").display = not bulk and \
            draft.candidate_mode == EXISTING
        self.query_one("#new-candidate").display = not bulk and draft.candidate_mode == NEW
        bulk_line = self.query_one("#bulk-candidates", Static)
        bulk_line.display = bulk
        show(bulk_line, Text(f"{number(len(self.bulk_names))} marked candidates: one agent, "
                             "job and "
                             f"time for all of them: {', '.join(self.bulk_names)}.",
                             style="bold"))
        self.query_one("#existing-job").display = draft.job_mode == EXISTING
        self.query_one("#new-job").display = draft.job_mode == NEW
        self.query_one("#when-fields").display = not draft.start_now
        self._show_chosen()
        self._show_agent()
        self._show_start()

    def _apply_job_choice(self) -> None:
        draft = self.draft
        choice = job_choice(self.context.store.jobs(), agent=self.agent,
                            candidate=self.candidate, bulk=bool(self.bulk_names),
                            mode=draft.job_mode, job_id=draft.job_id)
        with self.prevent(*QUIET):
            select = self.query_one("#f-job_id", Select)
            current = select.value
            offered = tuple((job.id, job.title) for job in choice.offered)
            if offered != self._jobs_offered:  # not on every keystroke: it rebuilds the list
                self._jobs_offered = offered
                select.set_options((line_text(title), job_id) for job_id, title in offered)
            if not choose(select, current) and choice.preset is not None:
                choose(select, choice.preset)
            buttons = control("job_mode").metadata["buttons"]
            for mode, button_id in buttons.items():
                self.query_one(f"#{button_id}", RadioButton).disabled = mode not in choice.modes
            draft.job_mode = choice.mode
            self.query_one(f"#{buttons[choice.mode]}", RadioButton).value = True
            self._read()
        show(self.query_one("#job-mode-note", Static), line_text(choice.note))  # names a focus

    def _show_chosen(self) -> None:
        chosen = self.query_one("#candidate-chosen", Static)
        if not self.draft.candidate_id:
            show(chosen, "No candidate chosen.")
            return
        candidate = self.candidate
        reason = why_not_schedulable(candidate, today=self.context.clock().date())
        if candidate is None or reason is not None:
            show(chosen, line_text(f"Cannot be scheduled: {reason}", style="bold"))
            return
        jobs = {job.id: job.title for job in self.context.store.jobs()}
        titles = [jobs.get(job_id, job_id) for job_id in candidate.all_job_ids]
        text = Text("Chosen: ", style="bold").append(plain_line(candidate.full_name),
                                                     style="bold")
        text.append(plain_line(f"  {candidate.email or candidate.phone_number or ''}"))
        text.append("\nJobs: ").append(
            plain_line(", ".join(titles)) if titles else "none (talent pool)")
        zone = candidate_zone(candidate.phone_number)
        if zone:
            text.append(f"\nLocal time zone (from the phone): {zone}")
        show(chosen, text)

    def _show_agent(self) -> None:
        agent = self.agent
        info = self.query_one("#agent-info", Static)
        show(info, "" if agent is None else line_text(
            f"{label(agent.focus)} interview · {label(agent.type)} · language "
            f"{agent.language or '—'} · {agent.duration or '?'} minutes"))

    def candidate_zone(self) -> str | None:
        """The candidate's time zone, from the phone of the chosen or typed candidate."""
        candidate = self.candidate
        return candidate_zone(candidate.phone_number if candidate is not None
                              else self.draft.phone if self.draft.candidate_mode == NEW
                              else None)

    def _show_start(self) -> None:
        now = self.context.clock()
        when, _ = self.draft.start_time(now.astimezone().date())
        spoken = speak(when, now=now, zone=self.candidate_zone())
        self.warnings = spoken.warnings if not self.draft.start_now else ()
        said = self.query_one("#when-said", Static)
        said.display = when is not None
        show(said, spoken.text)
        warning = self.query_one("#when-warning", Static)
        warning.display = bool(self.warnings)
        show(warning, Text("\n".join(f"Note: {line}" for line in self.warnings)))

    def show_problems(self, problems: list[Problem]) -> None:
        """Each problem under its field (or its nearest part); the rest are cleared."""
        shown: dict[str, list[str]] = {}
        for problem in problems:
            shown.setdefault(self._label_path(problem.field), []).append(problem.message)
        for path, target in self._error_paths.items():
            if target is not None:  # a section not composed yet has nothing to show
                show_error(target, shown.get(path, []))

    def _label_path(self, path: str) -> str:
        """The error label that shows a problem: its own, else its nearest parent's."""
        parts = re.sub(r"\[\d+\]", "", path).split(".")
        while parts:
            candidate = ".".join(parts)
            if candidate in self._error_paths:
                return candidate
            parts.pop()
        return "candidate" if path.startswith("candidate") else "job" if path.startswith(
            "job") else "agentId"

    def focus_first_needed(self) -> None:
        """Focus what needs input first, once the form is laid out: focused before (as the
        section opens), Textual finds the control not yet in view and centres it, scrolling
        the form's first heading away."""

        def focus() -> None:
            widget = self.first_needing_input()
            widget.focus(scroll_visible=False)
            self.scroll_to_widget(widget, animate=False)

        self.call_after_refresh(focus)

    def first_needing_input(self) -> Widget:
        """The control to focus when the form opens: the candidate search (or the first empty
        part of a new candidate), else the first empty required choice."""
        draft = self.draft
        if not self.bulk_names:
            if draft.candidate_mode == NEW:
                for name in NEW_CANDIDATE.fields:
                    if not getattr(draft, name).strip():
                        return self.query_one(f"#f-{name}")
            elif not draft.candidate_id:
                return self.query_one("#candidate-search")
        if not draft.agent_id:
            return self.query_one("#f-agent_id")
        if draft.job_mode == EXISTING and not draft.job_id:
            return self.query_one("#f-job_id")
        if draft.job_mode == NEW and not draft.title.strip():
            return self.query_one("#f-title")
        if not draft.start_now and not draft.day.strip():
            return self.query_one("#f-day")
        return self.query_one("#candidate-mode" if not self.bulk_names else "#f-agent_id")
