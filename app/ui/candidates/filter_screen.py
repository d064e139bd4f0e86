"""A modal where the recruiter sets the candidate list's structured filters."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select

from app.domain.enums import InterviewStatus, InterviewType, label
from app.ui.candidates.filters import EXPIRING_SOON_DAYS, CandidateFilters
from app.ui.modals import FormDialog
from widgets.quick_input import QuickInput
from widgets.text import line_text
from widgets.toggles import MarkedCheckbox


def _rating(text: str) -> float | None:
    text = text.strip()
    return float(text) if text else None


class CandidateFilterScreen(FormDialog[CandidateFilters | None]):
    """Returns the new filters, or None when the recruiter backs out."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="filters.cancel"),
        Binding("ctrl+a", "apply", "Apply", id="filters.apply"),
    ]

    def __init__(
        self,
        current: CandidateFilters,
        jobs: list[tuple[str, str]],
        statuses: list[str],
    ) -> None:
        super().__init__()
        self._current = current
        self._jobs = jobs
        self._statuses = statuses

    def compose(self) -> ComposeResult:
        current = self._current
        with Vertical(id="filters", classes="dialog"):
            yield Label("Filter candidates", classes="dialog-title")
            # The buttons that say these keys sit below the fold at 120x40 and 80x24.
            yield Label("Enter or ctrl+a applies · Esc cancels", classes="dialog-hint")
            yield Label("Job")
            yield Select(
                [(line_text(title), job_id) for job_id, title in self._jobs],
                value=current.job_id or Select.NULL, prompt="any job", id="filter-job",
            )
            yield Label("Candidate status")
            yield Select(
                [(line_text(label(status)), status) for status in self._statuses],
                value=current.status or Select.NULL, prompt="any status", id="filter-status",
            )
            yield Label("Latest interview")
            yield Select(
                [(label(status), status.value) for status in InterviewStatus],
                value=current.interview_status or Select.NULL, prompt="any state",
                id="filter-interview-status",
            )
            yield Label("Interview type")
            yield Select(
                [(label(kind), kind.value) for kind in InterviewType],
                value=current.interview_type or Select.NULL, prompt="any type",
                id="filter-type",
            )
            yield Label("Latest rating (0–100)")
            with Horizontal(classes="rating-range"):
                yield QuickInput(
                    "" if current.rating_min is None else f"{current.rating_min:g}",
                    placeholder="from", type="number", id="filter-rating-min",
                )
                yield QuickInput(
                    "" if current.rating_max is None else f"{current.rating_max:g}",
                    placeholder="to", type="number", id="filter-rating-max",
                )
            yield MarkedCheckbox(
                f"GDPR expires within {EXPIRING_SOON_DAYS} days", current.expiring_soon,
                id="filter-expiring",
            )
            yield Label("", id="filter-error", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Apply (ctrl+a)", variant="primary", id="apply")
                yield Button("Cancel (esc)", id="cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "apply":
            self.action_apply()
        else:
            self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in a rating box applies, as a form's Enter does."""
        event.stop()
        self.action_apply()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_apply(self) -> None:
        try:
            low = _rating(self.query_one("#filter-rating-min", Input).value)
            high = _rating(self.query_one("#filter-rating-max", Input).value)
        except ValueError:
            self._error("Ratings are numbers from 0 to 100.")
            return
        if any(value is not None and not 0 <= value <= 100 for value in (low, high)):
            self._error("Ratings are numbers from 0 to 100.")
            return
        if low is not None and high is not None and low > high:
            self._error("The lower rating must not exceed the upper one.")
            return

        def chosen(widget_id: str) -> str | None:
            value = self.query_one(widget_id, Select).value
            return None if value is Select.NULL else str(value)

        job_id = chosen("#filter-job")
        self.dismiss(
            CandidateFilters(
                job_id=job_id,
                job_title=dict(self._jobs).get(job_id) if job_id else None,
                status=chosen("#filter-status"),
                interview_status=chosen("#filter-interview-status"),
                interview_type=chosen("#filter-type"),
                rating_min=low,
                rating_max=high,
                expiring_soon=self.query_one("#filter-expiring", MarkedCheckbox).value,
            )
        )

    def _error(self, message: str) -> None:
        self.query_one("#filter-error", Label).update(message)
