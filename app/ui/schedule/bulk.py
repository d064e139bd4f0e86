"""Scheduling one interview for each of many marked candidates: a billing check first, then a
paced queue with a result row per candidate, retry of the failed ones, and a cancel that keeps
the record of what was already sent."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, ProgressBar, Static

from app.actions import NotCreated, schedule_interview
from app.api.errors import ApiError, BillingLimitError
from app.domain.requests import InterviewRequest, RuleViolation
from app.ui.schedule.summary import SummaryScreen
from widgets.text import line_text

if TYPE_CHECKING:
    from app.ui.screens.schedule import ScheduleScreen

SENT, FAILED, WAITING, CANCELLED = "scheduled", "failed", "waiting", "not sent (cancelled)"


@dataclass
class BulkRow:
    candidate_id: str
    name: str
    state: str = WAITING
    detail: str = ""


class BulkPanel(Vertical, can_focus=True):
    BINDINGS = [
        Binding("x", "cancel", "Cancel the rest", id="bulk.cancel"),
        Binding("R", "retry", "Retry failed", id="bulk.retry"),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.rows: list[BulkRow] = []
        self.cancelled = False
        self.running = False
        self._form: ScheduleScreen | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="bulk-status")
        yield ProgressBar(id="bulk-progress", show_eta=False)
        yield DataTable(id="bulk-results", cursor_type="row")

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns("Candidate", "Result", "Detail")

    def start(self, form: ScheduleScreen, candidate_ids: list[str]) -> None:
        store = form.context.store
        self._form = form
        self.rows = []
        for candidate_id in candidate_ids:
            candidate = store.candidate(candidate_id)
            self.rows.append(BulkRow(candidate_id, candidate.full_name if candidate
                                     else candidate_id))
        self.display = True
        self._check_billing()

    @work(exclusive=True, group="bulk")
    async def _check_billing(self) -> None:
        form = self._form
        assert form is not None
        agent = form._agent()
        minutes = len(self.rows) * float(agent.duration or 0 if agent else 0)
        lines = [f"{len(self.rows)} interviews with {agent.name if agent else '?'}",
                 f"Estimated minutes: {len(self.rows)} × {agent.duration if agent else '?'} = "
                 f"{minutes:g}"]
        if not form.draft.is_test:
            try:
                usage = await form.context.client.billing_usage()
            except ApiError as error:
                lines.append(f"Billing could not be checked ({error}); the API will still "
                             "refuse what exceeds the plan.")
            else:
                allowance = usage.max_interview_minutes or form.context.settings.plan_minutes
                used = usage.total_minutes_used or 0
                if allowance is not None:
                    left = allowance - used
                    lines.append(f"Allowance left: {left:g} of {allowance:g} minutes")
                    if minutes > left:
                        self._status(f"Refused: {minutes:g} minutes needed but only {left:g} "
                                     "left on the plan. Unmark some candidates or raise the "
                                     "plan.", error=True)
                        form.notify("Not enough billing minutes for this batch.",
                                    title="Billing", severity="error")
                        return
                    if minutes > 0.8 * left:
                        lines.append("Warning: this uses most of what is left.")
                else:
                    lines.append("The plan's allowance is unknown (set plan_minutes in the "
                                 "config file to have it checked).")
        else:
            lines.append("Test interviews use no minutes.")

        def answer(send: bool | None) -> None:
            if send:
                self.run_queue()
            else:
                self.display = False

        form.app.push_screen(SummaryScreen("Schedule all of these?", lines,
                                           send_label="Send all"), answer)

    @work(exclusive=True, group="bulk")
    async def run_queue(self, only_failed: bool = False) -> None:
        form = self._form
        assert form is not None
        self.cancelled = False
        self.running = True
        self.focus()
        todo = [row for row in self.rows if row.state in ((FAILED, CANCELLED) if only_failed
                                                          else (WAITING,))]
        progress = self.query_one(ProgressBar)
        progress.update(total=len(todo), progress=0)
        agent = form._agent()
        body, _ = form.draft.body()
        body.pop("candidate", None)
        for row in todo:
            if self.cancelled:
                row.state, row.detail = CANCELLED, ""
                continue
            row.state, row.detail = "sending", ""
            self._render_rows()
            request = InterviewRequest.model_validate({**body, "candidateId": row.candidate_id})
            try:
                result = await schedule_interview(
                    form.context, request, agent=agent,
                    candidate=form.context.store.candidate(row.candidate_id))
            except RuleViolation as violation:
                row.state, row.detail = FAILED, str(violation.problems[0])
            except BillingLimitError as error:
                row.state, row.detail = FAILED, str(error)
                self.cancelled = True
            except (ApiError, NotCreated) as error:
                row.state, row.detail = FAILED, str(error)
            else:
                row.state = SENT
                row.detail = "reconciled after a lost answer" if result.reconciled else ""
            progress.advance(1)
            self._render_rows()
        self.running = False
        form.desk.cache_version += 1
        self._render_rows()

    def _render_rows(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for row in self.rows:
            style = {SENT: "green", FAILED: "red"}.get(row.state, "")
            table.add_row(line_text(row.name), Text(row.state, style=style),
                          line_text(row.detail))
        sent = sum(row.state == SENT for row in self.rows)
        failed = sum(row.state == FAILED for row in self.rows)
        waiting = sum(row.state in (WAITING, "sending") for row in self.rows)
        keys = "x cancels the rest" if self.running else (
            "R retries the failed ones" if failed else "done")
        self._status(f"{sent} scheduled · {failed} failed · {waiting} to go · {keys}",
                     error=bool(failed))

    def _status(self, text: str, *, error: bool = False) -> None:
        self.query_one("#bulk-status", Static).update(Text(text, style="bold red" if error
                                                           else "bold"))

    def action_cancel(self) -> None:
        if self.running:
            self.cancelled = True
            self._status("Cancelling: what was sent stays scheduled; the rest is not sent.")

    def action_retry(self) -> None:
        if not self.running and any(row.state in (FAILED, CANCELLED) for row in self.rows):
            self.run_queue(only_failed=True)
