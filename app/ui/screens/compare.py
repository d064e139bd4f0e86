"""Two to five candidates side by side: each one's latest analysed interview."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from app.domain.enums import label
from app.domain.shared_verdicts import TeamVerdict
from app.paths import VIEWER_STYLES
from app.store.export import field_title, field_value
from app.store.section_rows import InterviewRow, InterviewView
from app.store.verdicts import UNDECIDED, Decision
from app.ui.base import DeskScreen, PaletteAction
from app.ui.verdict_lines import team_line, team_verdict, verdict_line
from app.ui.verdicts import next_filter, verdict_counts
from widgets.rating import rating_text
from widgets.text import line_text, plain_line

COMPARE_MIN, COMPARE_MAX = 2, 5


def open_compare(app: App, candidate_ids: list[str]) -> None:
    """Push the comparison, or say why not (the recruiter marks 2 to 5 with space)."""
    if not COMPARE_MIN <= len(candidate_ids) <= COMPARE_MAX:
        app.notify(f"Mark {COMPARE_MIN} to {COMPARE_MAX} candidates with space to compare them "
                   f"(now {len(candidate_ids)}).", severity="warning")
        return
    app.push_screen(CompareScreen(candidate_ids))


class CompareScreen(DeskScreen):
    CSS_PATH = VIEWER_STYLES
    HELP_TITLE = "Compare"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="compare.back"),
        Binding("d", "verdict_filter", "Verdict filter", id="compare.verdict_filter"),
    ]
    PALETTE = (
        PaletteAction("Filter by verdict", "Advance, hold, reject, undecided, then all",
                      "verdict_filter"),
    )

    def __init__(self, candidate_ids: list[str]) -> None:
        super().__init__()
        self.candidate_ids = candidate_ids
        self.verdict_filter: str | None = None  # only the candidates with this verdict (d)

    def compose_body(self) -> ComposeResult:
        yield Static(id="compare-title")
        yield Horizontal(id="compare-columns")

    def on_mount(self) -> None:
        self.on_cache_changed()

    def on_cache_changed(self) -> None:
        store = self.context.store
        analysed = {candidate_id: [row for row in store.interviews_of(candidate_id)
                                   if row.rating is not None]
                    for candidate_id in self.candidate_ids}
        kind = common_type(analysed.values())
        views: list[tuple[str, InterviewView | None]] = []
        verdicts: list[Decision | None] = []
        for candidate_id in self.candidate_ids:
            rows = analysed[candidate_id]  # newest first
            chosen = next((row for row in rows if row.focus == kind), rows[0] if rows else None)
            candidate = store.candidate(candidate_id)
            name = candidate.full_name if candidate else "(removed)"
            view = store.interview(chosen.id) if chosen else None
            views.append((name, view))
            verdicts.append(store.verdicts.current(candidate_id, view.interview.job_id)
                            if view else None)
        shared = [team_verdict(store, candidate_id, view.interview.job_id, verdict)
                  if view else None
                  for candidate_id, (_, view), verdict in zip(self.candidate_ids, views,
                                                               verdicts, strict=True)]
        ratings = [self._rating(view) for _, view in views]
        best = max((r for r in ratings if r is not None), default=None)
        labels = [verdict.label if verdict else UNDECIDED for verdict in verdicts]
        shown = [column for column, label in zip(
            zip(views, ratings, verdicts, shared, strict=True), labels, strict=True)
            if self.verdict_filter in (None, label)]
        columns = self.query_one("#compare-columns", Horizontal)
        columns.remove_children()
        columns.mount_all(
            VerticalScroll(Static(self._column(name, view, rating is not None and rating == best,
                                               verdict, team)),
                           classes="compare-column")
            for (name, view), rating, verdict, team in shown
        )
        if not shown:
            columns.mount(Static(Text(f"None of these candidates is {self.verdict_filter}: "
                                      "d shows the next verdict.", style="italic")))
        title = _title(views, kind)
        if self.verdict_filter is not None:  # each column says its own verdict otherwise
            title.append_text(verdict_counts(labels, self.verdict_filter))
        self.query_one("#compare-title", Static).update(title)

    def action_verdict_filter(self) -> None:
        self.verdict_filter = next_filter(self.verdict_filter)
        self.on_cache_changed()

    @staticmethod
    def _rating(view: InterviewView | None) -> float | None:
        general = view.interview.analysis.general if view and view.interview.analysis else None
        return general.overall_rating if general else None

    @staticmethod
    def _column(name: str, view: InterviewView | None, best: bool,
                decision: Decision | None, shared: TeamVerdict | None) -> Text:
        text = Text()
        text.append(("★ " if best else "") + plain_line(name) + "\n", style="bold")
        text.append_text(verdict_line(decision)).append("\n")
        if decision and decision.note:
            text.append_text(line_text(decision.note, style="italic")).append("\n")
        if shared is not None:
            text.append_text(team_line(shared)).append("\n")
        general = view.interview.analysis.general if view and view.interview.analysis else None
        if view is None or general is None:
            return text.append("No analysed interview in the cache.\n", style="italic")
        kind = view.agent.focus if view.agent else None
        text.append(f"{plain_line(label(kind)) if kind else 'unknown type'}", style="bold")
        if view.job:
            text.append(f" · {plain_line(view.job.title)}", style="dim")
        text.append("\n")
        text.append("Rating: ").append_text(rating_text(general.overall_rating)).append("\n")
        for title, value in (("Fit", general.company_fit_rating),
                             ("Education", general.education),
                             ("Experience", general.experience)):
            text.append(f"{title}: {plain_line(label(value))}\n")
        specific = view.interview.analysis.specific if view.interview.analysis else None
        for key, value in (specific or {}).items():
            text.append(f"{field_title(key)}: {field_value(value, key)}\n")
        for title, points, style in (("Strong", general.strong_points, "green"),
                                     ("Weak", general.weak_points, "red"),
                                     ("Evaluation", general.evaluation, "")):
            text.append(f"\n{title}\n", style=f"bold {style}".strip())
            for point in points or ["—"]:
                text.append(f"• {plain_line(point)}\n")
        return text


def common_type(analysed: Iterable[list[InterviewRow]]) -> str | None:
    """The interview type to compare on: the one most of the candidates have an analysed
    interview of (of equals, the first candidate's), so screening meets screening."""
    having = Counter(focus for rows in analysed
                     for focus in dict.fromkeys(row.focus for row in rows) if focus)
    return having.most_common(1)[0][0] if having else None


def _title(views: list[tuple[str, InterviewView | None]], kind: str | None) -> Text:
    """What is compared, and which candidate's interview is of another type."""
    title = Text(style="bold")
    shown = [(name, view) for name, view in views if view is not None]
    title.append(f"{len(views)} candidates on their latest analysed "
                 f"{plain_line(label(kind)) + ' ' if kind else ''}interview")
    other = [(name, view.agent.focus if view.agent else None) for name, view in shown
             if (view.agent.focus if view.agent else None) != kind]
    if other:
        title.append(" · types differ: ", style="bold yellow")
        title.append(", ".join(f"{plain_line(name)}'s is "
                               f"{plain_line(label(focus)) if focus else 'of unknown type'}"
                               for name, focus in other), style="yellow")
    return title.append(" · ★ the best rating", style="")
