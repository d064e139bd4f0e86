"""The scheduling section: the form, the status line that says whether it may be sent, the
review before sending, and the bulk panel for marked candidates.

Every change rebuilds the request body and runs the shared domain rules, so each message sits
under its field as you type and the status line says why it is not ready. The form is saved as
a draft on every change and restored on start, so nothing typed is lost; leaving the section
keeps it too.
"""

from __future__ import annotations

import contextlib
from datetime import datetime

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from app.api.errors import (
    ApiError,
    BillingLimitError,
    MissingScopeError,
    OfflineError,
    OutcomeUnknownError,
    RequestRejected,
)
from app.domain.requests import InterviewRequest, Problem, RuleViolation, check_interview_request
from app.drafts import BULK_DRAFT_NAME, Drafts
from app.paths import SCHEDULE_STYLES
from app.services.scheduling import (
    SENT_AT,
    NotCreated,
    Scheduled,
    minutes_left,
    minutes_text,
    recover_interrupted_send,
    send_draft,
)
from app.ui.base import DeskScreen
from app.ui.modals import ConfirmScreen
from app.ui.schedule.bulk import Batch, BulkPanel, BulkRow
from app.ui.schedule.draft import ScheduleDraft, problem_text
from app.ui.schedule.form import ScheduleForm
from app.ui.schedule.review import review
from app.ui.schedule.rules import EXISTING, why_not_schedulable
from widgets.numbers import number
from widgets.showing import show
from widgets.text import line_text, plain_line


class ScheduleScreen(DeskScreen):
    CSS_PATH = SCHEDULE_STYLES
    HELP_TITLE = "Schedule an interview"
    AUTO_FOCUS = ""  # none: the form focuses what needs input first, once laid out
    BINDINGS = [
        Binding("ctrl+r", "review", "Review & send", id="schedule.review"),
        Binding("ctrl+x", "discard", "Discard draft", id="schedule.discard"),
        # One key, said as what it does now (check_action shows the one that applies).
        Binding("escape", "leave_field", "Leave the field", id="schedule.leave_field"),
        Binding("escape", "leave_form", "Leave the form", id="schedule.leave_form"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[Problem] = []
        self.bulk_ids: list[str] = []
        self.bulk_refusals: dict[str, list[Problem]] = {}
        self._draft_refused = False  # the data dir refused a draft: said once
        # Said when the recruiter would send, discard or replace the draft meanwhile: its
        # interview is on its way, or being looked for after a send the app did not see end.
        self._draft_under_way = ""

    @property
    def drafts(self) -> Drafts:
        return Drafts(self.context.settings.drafts_dir)

    @property
    def bulk_drafts(self) -> Drafts:
        """The batch's choices (who, agent, job, time), saved like the one-candidate draft."""
        return Drafts(self.context.settings.drafts_dir, BULK_DRAFT_NAME)

    @property
    def form(self) -> ScheduleForm:
        return self.query_one(ScheduleForm)

    @property
    def draft(self) -> ScheduleDraft:
        return self.form.draft

    def compose_body(self) -> ComposeResult:
        yield ScheduleForm()
        yield BulkPanel(id="bulk-panel")
        yield Static(id="schedule-status")

    def on_mount(self) -> None:
        self.query_one(BulkPanel).display = False
        saved = self.drafts.load()
        if saved:
            self.form.restore(ScheduleDraft.from_values(saved))
            if saved.get(SENT_AT):
                self._draft_under_way = ("The API is still being asked whether this draft, "
                                         "sent as the app stopped, arrived")
                self._check_interrupted_send(saved[SENT_AT])
            else:
                self.notify("Your unsent draft is back. ctrl+x discards it.",
                            title="Draft restored")
        if not (saved and saved.get(SENT_AT)):  # an interrupted send is checked first
            self._restore_batch()
        self._check_and_show()
        self.form.focus_first_needed()

    def _restore_batch(self) -> None:
        """The batch being prepared when the app stopped, for those still schedulable (a batch
        is never saved once it is being sent, so nothing here was sent)."""
        saved = self.bulk_drafts.load()
        if not saved:
            return
        today = self.context.clock().date()
        ids = [candidate_id for candidate_id in saved.get("candidates", [])
               if isinstance(candidate_id, str) and why_not_schedulable(
                   self.context.store.candidate(candidate_id), today=today) is None]
        values = saved.get("values")
        if len(ids) < 2 or not isinstance(values, dict):
            self.bulk_drafts.discard()
            return
        self._start_bulk(ids, focus=False)
        self.form.restore(ScheduleDraft.from_values(values))
        self.notify(f"Your unsent batch for {number(len(ids))} candidates is back. Esc twice "
                    "leaves it (it is kept); ctrl+x discards it.", title="Batch restored")

    def on_screen_resume(self) -> None:
        """Back in the section (s from elsewhere): typing goes where input is needed."""
        if self.focused is None:
            self.form.focus_first_needed()

    def on_cache_changed(self) -> None:
        self.form.refresh_choices()
        self._check_and_show()

    def on_schedule_form_draft_changed(self, _event: ScheduleForm.DraftChanged) -> None:
        self._check_and_show()
        self._save_draft()

    # ── who the interview is for ─────────────────────────────────────────────────────────

    def use_candidates(self, candidate_ids: list[str]) -> None:
        """The recruiter pressed s on chosen candidates (by id: the marked rows, the row under
        the cursor, or the candidate on screen). A draft that is already for someone is never
        changed without asking; a candidate who cannot be scheduled is never taken."""
        if self._refused_while_sending():
            return
        today = self.context.clock().date()
        usable = []
        for candidate_id in candidate_ids:
            reason = why_not_schedulable(self.context.store.candidate(candidate_id), today=today)
            if reason is None:
                usable.append(candidate_id)
            else:
                self.notify(reason, title="Cannot be scheduled", severity="warning", timeout=12)
        if len(usable) > 1:
            self._start_bulk(usable)
        elif usable:
            self._use_candidate(usable[0])

    def _use_candidate(self, candidate_id: str) -> None:
        if self.bulk_ids:
            self._ask_to_leave_the_batch(candidate_id)
            return
        draft = self.draft
        if draft.candidate_mode == EXISTING and draft.candidate_id == candidate_id:
            return
        if not draft.has_candidate():  # nobody to replace: the rest of the draft is kept
            self.form.choose_candidate(candidate_id)
            self.form.focus_first_needed()
            return
        candidate = self.context.store.candidate(candidate_id)
        name = plain_line(candidate.full_name) if candidate is not None else "this candidate"

        def answer(start_new: bool | None) -> None:
            if start_new:
                self.drafts.discard()
                self.form.restore(ScheduleDraft(candidate_id=candidate_id))
                self._check_and_show()
                self._save_draft()
                self.form.focus_first_needed()
                self.notify(f"A new draft for {name}.")

        self.app.push_screen(ConfirmScreen(
            f"Your draft is for {self._draft_for()}. Schedule {name} instead?",
            f"A new draft for {name} replaces the one for {self._draft_for()}, which is then "
            f"discarded. Keep the draft to finish it first; {name} can be chosen afterwards.",
            confirm_label=f"New draft for {name}", keep_label="Keep the draft"), answer)

    def _ask_to_leave_the_batch(self, candidate_id: str) -> None:
        """A batch being prepared is never dropped for one candidate without asking."""
        candidate = self.context.store.candidate(candidate_id)
        name = plain_line(candidate.full_name) if candidate is not None else "this candidate"
        count = len(self.bulk_ids)

        def answer(alone: bool | None) -> None:
            if alone:
                self._end_bulk()
                self.query_one(BulkPanel).display = False  # its results went with it
                self._use_candidate(candidate_id)

        self.app.push_screen(ConfirmScreen(
            f"You are preparing {number(count)} interviews at once. Schedule {name} alone instead?",
            f"The agent, job and time chosen for the {number(count)} marked candidates are then "
            "discarded. Keep the batch to send it first.",
            confirm_label=f"Schedule {name} alone", keep_label="Keep the batch"), answer)

    def _draft_for(self) -> str:
        """Whom the current draft is for, in words."""
        draft = self.draft
        if draft.candidate_mode == EXISTING:
            candidate = self.form.candidate
            return plain_line(candidate.full_name) if candidate is not None else \
                "no candidate yet"
        name = f"{draft.first_name.strip()} {draft.last_name.strip()}".strip()
        return plain_line(f"{name} (new)") if name else "a new candidate"

    def _start_bulk(self, candidate_ids: list[str], *, focus: bool = True) -> None:
        """One agent, job and time for every marked candidate. The draft on disk is left as it
        is, and comes back when the batch is done."""
        store = self.context.store
        people = sorted((candidate.full_name.casefold(), candidate.id, candidate.full_name)
                        for candidate in map(store.candidate, candidate_ids)
                        if candidate is not None)
        self.bulk_ids = [candidate_id for _, candidate_id, _ in people]  # as a person reads
        self.form.set_bulk([plain_line(name) for _, _, name in people])
        self._check_and_show()
        if focus:
            self.form.focus_first_needed()

    def _end_bulk(self) -> None:
        if not self.bulk_ids:
            return
        self.bulk_ids = []
        self.form.set_bulk([])
        with contextlib.suppress(OSError):  # a data dir that refuses it was said already
            self.bulk_drafts.discard()
        saved = self.drafts.load()
        self.form.restore(ScheduleDraft.from_values(saved) if saved else ScheduleDraft(
            agent_id=self.draft.agent_id))
        self._check_and_show()

    # ── checking ─────────────────────────────────────────────────────────────────────────

    def _check(self) -> list[Problem]:
        now = self.context.clock()
        body, problems = self.draft.body(now.astimezone().date())
        agent = self.form.agent
        if self.bulk_ids:
            return problems + self._check_bulk(body, now)
        candidate = self.form.candidate
        if self.draft.candidate_mode == EXISTING and self.draft.candidate_id:
            reason = why_not_schedulable(candidate, today=now.date())
            if reason is not None:
                return [*problems, Problem("candidateId", reason)]
        return problems + check_interview_request(body, now=now, agent=agent,
                                                  candidate=candidate)

    def _check_bulk(self, body: dict, now: datetime) -> list[Problem]:
        """The rules for every marked candidate with the chosen agent, job and time: the
        problems all share, and (in `bulk_refusals`) who else would be refused and why."""
        store, agent = self.context.store, self.form.agent
        body = {key: value for key, value in body.items() if key != "candidate"}
        shared: list[Problem] = []
        self.bulk_refusals = {}
        for candidate_id in self.bulk_ids:
            found = check_interview_request({**body, "candidateId": candidate_id}, now=now,
                                            agent=agent, candidate=store.candidate(candidate_id))
            personal = [p for p in found if p.field.startswith("candidate") or (
                p.field == "jobId" and "candidate" in p.message)]
            shared += [p for p in found if p not in personal and p not in shared]
            if personal:
                self.bulk_refusals[candidate_id] = personal
        return shared

    def _check_and_show(self) -> None:
        self.problems = self._check()
        self.form.show_problems(self.problems)
        if self.query_one(BulkPanel).running:
            self._status(Text("Sending the batch: each candidate's result is in the list "
                              "below.", style="bold"))
        elif self.query_one(BulkPanel).checking:
            self._status(Text("Checking the plan's minutes left with the API before the "
                              "review…", style="bold"))
        elif self.problems:
            # One line (its end gives way at 80 columns): each problem is beside its field.
            # A rule's message can name the candidate (server text): cleaned like any.
            self._status(line_text(f"Not ready to send: {len(self.problems)} to fix: "
                                   f"{problem_text(self.problems[0])}", style="bold"))
        elif self.bulk_refusals:
            self._status(Text(f"Not ready: {number(len(self.bulk_refusals))} of "
                              f"{number(len(self.bulk_ids))} marked candidates would be "
                              "refused; ctrl+r lists them",
                              style="bold"))
        else:
            self._status(Text("Ready: ctrl+r shows what will be sent; the draft is saved",
                              style="bold"))

    def _status(self, line: Text) -> None:
        """The status line, said again on every change of the form: redrawn only when its
        words change, and with no layout (one line at any width: its size never follows its
        text)."""
        show(self.query_one("#schedule-status", Static), line, layout=False)

    def _save_draft(self) -> None:
        try:
            if self.bulk_ids:
                if not self.query_one(BulkPanel).running:  # what is on its way is not kept
                    self.bulk_drafts.save({"candidates": self.bulk_ids,
                                           "values": self.draft.values()})
            elif self.draft.is_blank():
                self.drafts.discard()
            else:
                self.drafts.save(self.draft.values())
        except OSError as error:  # a read-only data dir, a full disk: say so once, keep typing
            if not self._draft_refused:
                self._draft_refused = True
                self.notify(f"The draft cannot be saved in {self.drafts.directory} "
                            f"({error.strerror or error}): it is lost if the app stops.",
                            title="Draft not saved", severity="warning", timeout=15)

    # ── reviewing and sending ────────────────────────────────────────────────────────────

    def _refused_while_sending(self) -> bool:
        """Nothing is reviewed, sent, discarded or replaced while a send is on its way: a
        second send would cancel the first, whose interview the API may have created already,
        and send it again."""
        if self.query_one(BulkPanel).running:
            said = "The batch is still being sent: wait for its results (x cancels the rest)."
        elif self._draft_under_way:
            said = f"{self._draft_under_way}: wait for the answer."
        else:
            return False
        self.notify(said, title="Sending", severity="warning")
        return True

    def action_review(self) -> None:
        if self._refused_while_sending():
            return
        self.form.take_typed_skills()
        self._check_and_show()
        if self.problems:
            self.notify(f"Fix {len(self.problems)} problem(s) first: "
                        f"{problem_text(self.problems[0])}", title="Not ready",
                        severity="warning")
            return
        if self.bulk_ids:
            if self.bulk_refusals:
                self._offer_to_leave_out()
            else:
                self.query_one(BulkPanel).start(self._batch())
                self._check_and_show()  # "Checking the plan's minutes"
            return

        def answer(send: bool | None) -> None:
            if send:
                # From now: the worker starts a moment later.
                self._draft_under_way = "The interview is still being sent"
                self._send()

        form = self.form
        job = self.context.store.job(self.draft.job_id) if self.draft.job_id else None
        text = review(self.draft, agent=form.agent, candidate=form.candidate, job=job,
                      now=self.context.clock(), zone=form.candidate_zone(),
                      warnings=form.warnings)
        self.app.push_screen(ConfirmScreen("Schedule this interview?", text,
                                           confirm_label="Send", keep_label="Back to the form",
                                           enter_says_yes=True), answer)

    def _offer_to_leave_out(self) -> None:
        """Who would be refused and why; leave them out (the others stay marked), or, when
        none could be sent, unmark them all and go back to the draft."""
        store = self.context.store
        text = Text()
        for candidate_id, problems in self.bulk_refusals.items():
            candidate = store.candidate(candidate_id)
            name = plain_line(candidate.full_name) if candidate is not None else "(gone)"
            text.append(f"{name}: ", style="bold").append(
                plain_line("; ".join(problem.message for problem in problems)) + "\n")
        refused = list(self.bulk_refusals)
        kept = [candidate_id for candidate_id in self.bulk_ids if candidate_id not in refused]
        if kept:
            title = f"{number(len(refused))} of {number(len(self.bulk_ids))} would be refused"
            text.append(f"\nLeave them out and unmark them? The other {number(len(kept))} "
                        f"stay marked.")
            confirm = "Leave them out"
        else:
            title = f"None of the {number(len(refused))} can be scheduled like this"
            text.append("\nChange the agent, the job or the time for all of them, or unmark "
                        "them and go back to your draft.")
            confirm = "Unmark them all"

        def answer(leave_out: bool | None) -> None:
            if not leave_out:
                return
            self.desk.unmark_candidates(refused)
            if len(kept) == 1:
                self._end_bulk()  # one left: the one-candidate form, for them
            if kept:
                self.use_candidates(kept)
            else:
                self._end_bulk()
                self.form.focus_first_needed()

        self.app.push_screen(ConfirmScreen(title, text, confirm_label=confirm,
                                           keep_label="Back to the form", enter_says_yes=True),
                             answer)

    def _batch(self) -> Batch:
        store, form = self.context.store, self.form
        rows = []
        for candidate_id in self.bulk_ids:
            candidate = store.candidate(candidate_id)
            rows.append(BulkRow(candidate_id, plain_line(candidate.full_name) if candidate
                                else candidate_id))
        body, _ = self.draft.body(self.context.clock().astimezone().date())
        body.pop("candidate", None)
        body.pop("candidateId", None)
        summary = review(self.draft, agent=form.agent, candidate=None,
                         job=store.job(self.draft.job_id) if self.draft.job_id else None,
                         now=self.context.clock(), zone=None)
        return Batch(rows, body, form.agent, self.draft.is_test, summary)

    def on_bulk_panel_finished(self, event: BulkPanel.Finished) -> None:
        """The bulk panel sent its queue: the scheduled are unmarked; when none is left to
        retry, the form returns to the draft."""
        scheduled = event.scheduled
        self.desk.unmark_candidates(scheduled)
        self.desk.cache_written()
        # The unsure may have an interview already: they leave the batch too, never resent.
        gone = {*scheduled, *event.unsure}
        left = [candidate_id for candidate_id in self.bulk_ids if candidate_id not in gone]
        if not left:
            self._end_bulk()
        elif left != self.bulk_ids:
            # The scheduled leave the batch: a new review (ctrl+r) must never send them again.
            self._start_bulk(left, focus=False)  # the results keep the focus (R retries)
        if left:
            self._save_draft()  # the unsent, to send later
        self._check_and_show()  # no longer "Sending"

    def on_bulk_panel_checked(self, _event: BulkPanel.Checked) -> None:
        self._check_and_show()  # no longer "Checking"

    def on_bulk_panel_sending(self, _event: BulkPanel.Sending) -> None:
        """A batch on its way is no longer a draft: after a crash it must not come back to be
        sent again (its results are in the API; a sync shows them)."""
        with contextlib.suppress(OSError):
            self.bulk_drafts.discard()
        self._check_and_show()  # "Sending", no longer "Ready"

    def request(self) -> InterviewRequest:
        body, _ = self.draft.body(self.context.clock().astimezone().date())
        return InterviewRequest.model_validate(body)

    @work(exclusive=True, group="schedule-send")
    async def _check_interrupted_send(self, sent_at: str) -> None:
        """The app stopped while this draft was being sent: look before anyone sends it again."""
        try:
            await self._look_for_interrupted_send(sent_at)
        finally:
            self._draft_under_way = ""

    async def _look_for_interrupted_send(self, sent_at: str) -> None:
        try:
            found = await recover_interrupted_send(self.context, self.drafts,
                                                   self.draft.values(), self.request(), sent_at)
        except ApiError as error:
            self.notify(f"This draft was being sent when the app stopped, and the API cannot be "
                        f"asked yet whether it arrived ({error}). Check the candidate's "
                        "interviews before sending it again.", title="Unsure", timeout=20,
                        severity="warning")
            return
        if found is None:
            self.notify("The app stopped while sending this draft, and the API shows no such "
                        "interview: nothing was created. Send it again when ready.",
                        title="Draft restored", timeout=15)
            return
        self._reset()
        self.desk.cache_written()
        self.notify("The interview sent just before the app stopped was created; it is in "
                    "the monitor.", title="Already scheduled", timeout=15)

    @work(exclusive=True, group="schedule-send")
    async def _send(self) -> None:
        try:
            await self._send_draft()
        finally:
            self._draft_under_way = ""

    async def _send_draft(self) -> None:
        if self.context.store.unwritable is not None:
            # The new interview could not be kept, nor the draft marked as on its way.
            self.notify(self.context.store.unwritable, title="Sending is off", severity="error")
            return
        self._status(Text("Sending…", style="bold"))
        try:
            result = await send_draft(self.context, self.drafts, self.draft.values(),
                                      self.request(), agent=self.form.agent,
                                      candidate=self.form.candidate)
        except RuleViolation as violation:
            self._server_problems(violation.problems)
        except RequestRejected as rejected:
            self._server_problems(rejected.problems or [Problem("", rejected.message)])
        except BillingLimitError as error:
            await self._billing_refused(error)
        except MissingScopeError as error:
            self.notify(str(error), title="Missing permission", severity="error", timeout=15)
            self._check_and_show()
        except OfflineError as error:
            self.notify(f"{error} Nothing was sent; your draft is kept.", title="Offline",
                        severity="warning", timeout=12)
            self._check_and_show()
        except NotCreated as error:
            self.notify(str(error), title="Not created", severity="warning", timeout=15)
            self._check_and_show()
        except OutcomeUnknownError as error:
            self.notify(str(error), title="Unsure", severity="warning", timeout=20)
            return  # the sent mark stays, so the next start checks before anything is resent
        except ApiError as error:
            self.notify(f"{error} Your draft is kept.", title="Not sent", severity="error",
                        timeout=15)
            self._check_and_show()
        else:
            await self._announce_scheduled(result)

    async def _announce_scheduled(self, result: Scheduled) -> None:
        note = " (its answer was lost, but it exists: not sent twice)" if \
            result.reconciled else ""
        self.notify(f"Interview scheduled{note}.", title="Scheduled")
        self.desk.cache_written()
        self._reset()
        await self.desk.show_interview(result.interview.id)

    def _server_problems(self, problems: list[Problem]) -> None:
        self._check_and_show()
        self.form.show_problems(problems)
        self._status(line_text(f"The API refused it: {problem_text(problems[0])}",
                               style="bold"))

    async def _billing_refused(self, error: BillingLimitError) -> None:
        try:
            plan = await minutes_left(self.context)
        except ApiError:
            detail = ""
        else:
            left = "unknown" if plan.left is None or plan.allowance is None else \
                f"{minutes_text(plan.left)} of {minutes_text(plan.allowance)}"
            detail = f" Used {minutes_text(plan.used)} minutes; left {left} minutes."
        # The API's words end without a stop ("Company billing limit reached").
        self.notify(f"{str(error).rstrip('.')}.{detail}", title="Billing limit",
                    severity="error", timeout=15)
        self._check_and_show()

    def _reset(self) -> None:
        self.form.restore(ScheduleDraft(agent_id=self.draft.agent_id))
        self._end_bulk()
        self._check_and_show()

    def action_discard(self) -> None:
        if self._refused_while_sending():
            return
        if self.bulk_ids:
            self._discard_batch()
            return

        def answer(discard: bool | None) -> None:
            if discard:
                self.drafts.discard()
                self._reset()
                self.notify("Draft discarded.")

        self.app.push_screen(ConfirmScreen("Discard this draft?",
                                           "Everything typed in the form is cleared.",
                                           confirm_label="Discard"), answer)

    def _discard_batch(self) -> None:
        """ctrl+x on a batch discards the batch; the one-candidate draft it left alone stays."""
        count = len(self.bulk_ids)

        def answer(discard: bool | None) -> None:
            if discard:
                self._end_bulk()  # the draft of before comes back
                self.query_one(BulkPanel).display = False  # its results went with it
                self.form.focus_first_needed()
                self.notify(f"Batch for {number(count)} discarded.")

        self.app.push_screen(ConfirmScreen(
            f"Discard this batch of {number(count)}?",
            f"The agent, job and time chosen for the {number(count)} marked candidates are "
            "cleared. The draft you had for one candidate comes back as it was.",
            confirm_label="Discard the batch"), answer)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave_field":
            return self.focused is not None
        if action == "leave_form":
            return self.focused is None
        return super().check_action(action, parameters)

    def action_leave_field(self) -> None:
        """Esc leaves the field first: letters are commands again."""
        self.set_focus(None)
        self.notify("Letters are commands again (c candidates, m monitor, …). Your draft "
                    "is saved.", title="Left the field", timeout=4)

    def action_leave_form(self) -> None:
        """From no field, Esc leaves the form for the candidate list, keeping the draft."""
        if not self.draft.is_blank():
            self.notify("Your draft is kept: s brings it back.", title="Draft saved")
        self.desk.action_section("candidates")

    def now(self) -> datetime:
        return self.context.clock()
