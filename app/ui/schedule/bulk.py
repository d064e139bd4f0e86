"""Scheduling one interview for each of many marked candidates: the review with the minutes
against what the plan has left, then a paced queue with a result row per candidate, retry of
the failed ones, and a cancel that keeps the record of what was already sent.

The panel is given what it needs (the names, the request body, the agent); every send goes
through `app.services.scheduling`, the same never-twice path as the form's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, ProgressBar, Static

from app.api.errors import ApiError, OutcomeUnknownError
from app.domain.models import Agent
from app.services.scheduling import minutes_left, minutes_text, send_one_of_batch
from app.ui.modals import ConfirmScreen
from widgets.numbers import number
from widgets.text import line_text, plain_line

if TYPE_CHECKING:
    from app.factory import AppContext

SENT, FAILED, WAITING, CANCELLED = "scheduled", "failed", "waiting", "not sent (cancelled)"
# Sent, its answer lost, and the API could not be asked whether it arrived: never sent again
# from here (not retried, not kept in the batch); the recruiter checks after a sync.
UNSURE = "unsure (answer lost)"


@dataclass
class BulkRow:
    candidate_id: str
    name: str
    state: str = WAITING
    detail: str = ""


@dataclass(frozen=True)
class Batch:
    """What a batch sends: the same body (agent, job, time) for each candidate."""

    rows: list[BulkRow]
    body: dict[str, Any]
    agent: Agent | None
    is_test: bool
    summary: Text  # the job, the agent and the time, in words


class BulkPanel(Vertical, can_focus=True):
    BINDINGS = [
        Binding("x", "cancel", "Cancel the rest", id="bulk.cancel"),
        Binding("R", "retry", "Retry failed", id="bulk.retry"),
    ]

    class Sending(Message):
        """The recruiter said send: the batch is on its way."""

    class Checked(Message):
        """The plan's minutes were asked for (the review or the refusal is on screen)."""

    class Finished(Message):
        """A run of the queue ended; `scheduled` are the candidates scheduled so far, `unsure`
        those whose interview may exist (sent, the answer lost, the API unreachable)."""

        def __init__(self, scheduled: list[str], unsure: list[str]) -> None:
            super().__init__()
            self.scheduled = scheduled
            self.unsure = unsure

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.rows: list[BulkRow] = []
        self.cancelled = False
        self.running = False
        # The plan's minutes are being asked for: on a small plan whose rate limit a sync is
        # spending, the answer can take many seconds.
        self.checking = False
        self._batch: Batch | None = None

    @property
    def context(self) -> AppContext:
        return self.app.context  # type: ignore[attr-defined, no-any-return]

    async def _show(self) -> None:
        """Show the panel, its parts mounted the first time: until a batch is sent or refused
        it is hidden, and composing its status, progress bar and table (nine widgets with the
        bar's own) cost every opening of the scheduling form about a tenth of its CPU."""
        if not self.children:
            table = DataTable(id="bulk-results", cursor_type="row")
            await self.mount(Static(id="bulk-status"),
                             ProgressBar(id="bulk-progress", show_eta=False), table)
            table.add_columns("Candidate", "Result", "Detail")
        self.display = True

    def start(self, batch: Batch) -> None:
        """Review the batch (with the plan's minutes), then send it when the recruiter says so."""
        self._batch = batch
        self.rows = batch.rows
        self.checking = not batch.is_test
        self._review()

    @work(exclusive=True, group="bulk")
    async def _review(self) -> None:
        try:
            await self._check_and_ask()
        finally:
            self.checking = False
            self.post_message(self.Checked())

    async def _check_and_ask(self) -> None:
        batch = self._batch
        assert batch is not None
        duration = float(batch.agent.duration or 0) if batch.agent else 0.0
        minutes = len(self.rows) * duration
        text = Text()
        text.append(f"{number(len(self.rows))} interview{'' if len(self.rows) == 1 else 's'}: ",
                    style="bold")
        text.append(", ".join(row.name for row in self.rows) + "\n")
        text.append_text(batch.summary)
        text.append(f"\nEstimated minutes: {number(len(self.rows))} × {minutes_text(duration)} = "
                    f"{minutes_text(minutes)}\n")
        if batch.is_test:
            text.append("Test interviews use no minutes.")
        else:
            try:
                plan = await minutes_left(self.context)
            except ApiError as error:
                text.append(f"The plan's minutes could not be checked "
                            f"({plain_line(str(error))}); the API will still refuse what "
                            "exceeds the plan.")
            else:
                if plan.left is None:
                    text.append("The plan's allowance is unknown (set plan_minutes in the "
                                "config file to have it checked).")
                elif minutes > plan.left:
                    await self._show()
                    self._status(f"Refused: {minutes_text(minutes)} minutes needed but only "
                                 f"{minutes_text(plan.left)} left on the plan. Unmark some "
                                 "candidates or raise the plan.", error=True)
                    self.notify("Not enough billing minutes for this batch.", title="Billing",
                                severity="error")
                    return
                else:
                    assert plan.allowance is not None
                    text.append(f"Allowance left: {minutes_text(plan.left)} of "
                                f"{minutes_text(plan.allowance)} minutes")
                    if minutes > 0.8 * plan.left:
                        text.append("\nWarning: this uses most of what is left.", style="bold")

        def answer(send: bool | None) -> None:
            if send:
                self.running = True  # from now: the queue's worker starts a moment later
                self.run_queue()

        self.app.push_screen(ConfirmScreen("Schedule all of these?", text,
                                           confirm_label="Send all",
                                           keep_label="Back to the form",
                                           enter_says_yes=True), answer)

    @work(exclusive=True, group="bulk")
    async def run_queue(self, only_failed: bool = False) -> None:
        batch = self._batch
        assert batch is not None
        self.cancelled = False
        self.running = True
        await self._show()
        self.post_message(self.Sending())
        self.focus()
        todo = [row for row in self.rows if row.state in ((FAILED, CANCELLED) if only_failed
                                                          else (WAITING,))]
        progress = self.query_one(ProgressBar)
        progress.update(total=len(todo), progress=0)
        for row in todo:
            if self.cancelled:
                row.state, row.detail = CANCELLED, ""
                continue
            row.state, row.detail = "sending", ""
            self._render_rows()
            result = await send_one_of_batch(self.context, batch.body, row.candidate_id,
                                             agent=batch.agent)
            if result.scheduled is not None:
                row.state = SENT
                row.detail = "reconciled after a lost answer" if result.scheduled.reconciled \
                    else ""
            elif isinstance(result.error, OutcomeUnknownError):
                row.state, row.detail = UNSURE, str(result.error)
            else:
                row.state, row.detail = FAILED, str(result.error)
                self.cancelled = self.cancelled or result.stops_the_batch
            progress.advance(1)
            self._render_rows()
        self.running = False
        self._render_rows()
        self.post_message(self.Finished(
            [row.candidate_id for row in self.rows if row.state == SENT],
            [row.candidate_id for row in self.rows if row.state == UNSURE]))

    def _render_rows(self) -> None:
        self.refresh_bindings()  # x and R follow the queue's state
        table = self.query_one(DataTable)
        table.clear()
        for row in self.rows:
            style = {SENT: "green", FAILED: "red", UNSURE: "yellow"}.get(row.state, "")
            table.add_row(line_text(row.name), Text(row.state, style=style),
                          line_text(row.detail))
        sent = sum(row.state == SENT for row in self.rows)
        failed = sum(row.state == FAILED for row in self.rows)
        waiting = sum(row.state in (WAITING, "sending") for row in self.rows)
        unsure = sum(row.state == UNSURE for row in self.rows)
        keys = "x cancels the rest" if self.running else (
            "R retries the failed ones" if failed else "done")
        said = f"{sent} scheduled · {failed} failed · {waiting} to go · {keys}"
        if unsure:
            said += (f" · {unsure} unsure: sync, then look for their interview in the monitor "
                     "before sending again")
        self._status(said, error=bool(failed or unsure))

    def _status(self, text: str, *, error: bool = False) -> None:
        self.query_one("#bulk-status", Static).update(Text(text, style="bold red" if error
                                                           else "bold"))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """x only while the queue runs, R only when something failed: the footer offers what
        would do something now."""
        if action == "cancel":
            return self.running
        if action == "retry":
            return not self.running and any(row.state in (FAILED, CANCELLED)
                                            for row in self.rows)
        return True

    def action_cancel(self) -> None:
        if self.running:
            self.cancelled = True
            self._status("Cancelling: what was sent stays scheduled; the rest is not sent.")

    def action_retry(self) -> None:
        if not self.running and any(row.state in (FAILED, CANCELLED) for row in self.rows):
            self.running = True
            self.run_queue(only_failed=True)
