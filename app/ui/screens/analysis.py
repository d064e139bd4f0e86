"""One interview: the analysis on the left, the transcript on the right, from the cache.

Everything here reads the store, so it works on a train; only the PDF export asks the API.
Server text is always shown through rich Text, so markup in it is displayed, not obeyed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Input, Static

from app.api.errors import ApiError, OfflineError
from app.domain.enums import AnalysisStatus, InterviewStatus, label
from app.paths import VIEWER_STYLES
from app.services.analysis import Withheld, analysis_pdf
from app.store import StoreError
from app.store.export import analysis_markdown, file_stem, interview_object, json_text
from app.store.review import undecided
from app.store.section_rows import InterviewView
from app.store.verdicts import NOTE_LIMIT, Verdict
from app.ui.analysis.specific import SpecificAnalysis
from app.ui.base import DeskScreen, PaletteAction
from app.ui.browse import BrowseList, job_browse
from app.ui.focus import focus_now, into_text
from app.ui.status_bar import offline_text
from app.ui.verdict_lines import team_line, team_verdict, verdict_line
from app.ui.verdicts import VERDICT_WORDS
from widgets.numbers import number
from widgets.quick_input import QuickInput
from widgets.rating import RatingGauge
from widgets.status_badge import status_text
from widgets.text import line_text, plain_line
from widgets.transcript_view import TranscriptView

WAITING = {
    AnalysisStatus.PENDING: "The analysis is queued: it starts shortly after the interview.",
    AnalysisStatus.PROCESSING: "The analysis is being written; it appears here when ready.",
    AnalysisStatus.FAILED: "The analysis failed on the platform; there is nothing to show.",
}


def points_text(title: str, points: list[str], style: str) -> Text:
    text = Text(f"{title}\n", style=f"bold {style}")
    for point in points or ["—"]:
        text.append("• ").append(plain_line(point)).append("\n")
    return text


class AnalysisScreen(DeskScreen):
    CSS_PATH = VIEWER_STYLES
    HELP_TITLE = "Analysis"
    AUTO_FOCUS = "#transcript"  # never a text field: the verdict letters work at once
    BINDINGS = [
        Binding("escape", "back", "Back", id="analysis.back"),
        # Letters, so a focused text field (the note, the transcript search) takes them as text.
        Binding("a", "decide('advance')", "Advance", id="analysis.advance"),
        Binding("h", "decide('hold')", "Hold", id="analysis.hold"),
        Binding("x", "decide('reject')", "Reject", id="analysis.reject"),
        Binding("u", "undo_verdict", "Undo", id="analysis.undo"),
        into_text("t", "note", "Note", id="analysis.note"),
        into_text("slash", "search", "Search", show=False, id="analysis.search"),
        # The footer keeps its room for the verdict keys and Markdown: the recording line and
        # the header ("4 of 17 … ([ ] move)") say their own keys; ? and the palette list all.
        Binding("left_square_bracket", "sibling(-1)", "Previous candidate", show=False,
                id="analysis.previous"),
        Binding("right_square_bracket", "sibling(1)", "Next candidate", show=False,
                id="analysis.next"),
        Binding("y", "copy_recording", "Copy link", show=False, id="analysis.copy"),
        Binding("o", "open_recording", "Play", show=False, id="analysis.open"),
        Binding("p", "export_pdf", "PDF", show=False, id="analysis.pdf"),
        Binding("e", "export('md')", "Markdown", id="analysis.markdown"),
        Binding("E", "export('json')", "JSON", show=False, id="analysis.json"),
        Binding("J", "job", "Job view", show=False, id="analysis.job"),
    ]

    PALETTE = (
        PaletteAction("Advance this candidate", "Verdict for this job; then the next to review",
                      "decide('advance')"),
        PaletteAction("Hold this candidate", "Verdict for this job; then the next to review",
                      "decide('hold')"),
        PaletteAction("Reject this candidate", "Verdict for this job; then the next to review",
                      "decide('reject')"),
        PaletteAction("Undo the last verdict", "Back to what it was before", "undo_verdict"),
        PaletteAction("Write a note", "A short note with the verdict (Enter saves)", "note"),
        PaletteAction("Export as Markdown", "The analysis and transcript in words, to exports/",
                      "export('md')"),
        PaletteAction("Export as JSON", "The interview with the API's field names, to exports/",
                      "export('json')"),
        PaletteAction("Export the analysis PDF", "The API's PDF and a Markdown summary beside it "
                      "(needs the API)",
                      "export_pdf"),
        PaletteAction("Copy the recording link", "To the clipboard", "copy_recording"),
        PaletteAction("Open the recording", "In the system's player or browser",
                      "open_recording"),
        PaletteAction("Next candidate", "The next analysis in the list you came from",
                      "sibling(1)"),
        PaletteAction("Previous candidate", "The previous analysis in the list you came from",
                      "sibling(-1)"),
        PaletteAction("Search the transcript", "Words in this conversation", "search"),
        PaletteAction("Schedule an interview for this candidate", "The scheduling form",
                      "schedule_candidate"),
        PaletteAction("Job view", "The job's rating distribution and ranking", "job"),
    )

    def __init__(self, interview_id: str, *, search: str | None = None,
                 turn: int | None = None, browse: BrowseList | None = None) -> None:
        super().__init__()
        self.interview_id = interview_id
        self.browse = browse  # the list the recruiter came from, for [ and ]
        self._initial_search = search
        self._initial_turn = turn
        self.view: InterviewView | None = None
        self._note_kept = ""  # the note as last shown or saved, to tell the recruiter's edit
        # The cursor goes to the end of a kept note: selected whole, the first letter typed
        # replaced it.
        self._note = QuickInput(placeholder="t: a short note (Enter saves)", id="verdict-note",
                                max_length=NOTE_LIMIT, compact=True, select_on_focus=False)

    def compose_body(self) -> ComposeResult:
        yield Static(id="analysis-header")
        with Horizontal(id="verdict-row"):
            yield Static(id="analysis-verdict")
            yield self._note
        with Horizontal(id="analysis-panes"):
            yield VerticalScroll(id="analysis-body")
            with Vertical(id="transcript-pane"):
                yield QuickInput(placeholder="search the transcript (Enter)",
                                 id="transcript-search")
                yield Static("", id="transcript-hits")
                yield TranscriptView([], empty_message="", id="transcript")

    async def on_mount(self) -> None:
        await self._load()
        transcript = self.query_one(TranscriptView)
        transcript.focus()
        if self._initial_search:
            self.query_one("#transcript-search", Input).value = self._initial_search
            transcript.search(self._initial_search, from_turn=self._initial_turn)
        elif self._initial_turn is not None:
            transcript.scroll_to_turn(self._initial_turn)

    def on_cache_changed(self) -> None:
        self.run_worker(self._load(), exclusive=True, group="analysis-load")

    def chosen_candidate_ids(self) -> list[str]:
        """s schedules the candidate on screen, by id: never another person of the same name."""
        view = self.view
        return [view.interview.candidate_id] if view and view.interview.candidate_id else []

    async def _load(self) -> None:
        self.view = view = self.context.store.interview(self.interview_id)
        header = self.query_one("#analysis-header", Static)
        body = self.query_one("#analysis-body", VerticalScroll)
        await body.remove_children()
        transcript = self.query_one(TranscriptView)
        if view is None:
            header.update(Text("This interview is not in the cache: it was deleted, or never "
                               "synced. Press r to sync, Esc to go back."))
            return
        header.update(self._header(view).append_text(self._position_text(view)))
        self._show_verdict()
        await body.mount_all(self._analysis_widgets(view))
        turns = view.interview.turns
        if turns is None:
            transcript.empty_message = self._missing_transcript(view)
        transcript.set_turns(turns or [])
        term = self.query_one("#transcript-search", Input).value
        if term:
            transcript.search(term)

    def _header(self, view: InterviewView) -> Text:
        interview = view.interview
        text = Text()
        text.append(plain_line(view.candidate.full_name) if view.candidate
                    else "(unknown candidate)", style="bold")
        if view.job:
            text.append(" · ").append(plain_line(view.job.title))
        if view.agent:
            text.append(plain_line(f" · {label(view.agent.focus)} by {view.agent.name} "
                                   f"({label(view.agent.type)})"))
        if interview.scheduled_at:
            text.append(f" · {interview.scheduled_at.astimezone():%Y-%m-%d %H:%M}")
        text.append(" · ").append_text(status_text(interview.status))
        if interview.is_test:
            text.append(" · test", style="italic")
        return text

    def _missing_transcript(self, view: InterviewView) -> str:
        status = view.interview.status
        if status in (InterviewStatus.SCHEDULED, InterviewStatus.IN_PROGRESS):
            return f"No transcript yet: the interview is {label(status)}."
        if status in (InterviewStatus.FAILED, InterviewStatus.CANCELLED):
            return f"No transcript: the interview {label(status)}."
        return ("The transcript is not in the cache (never synced). Connect and press r to "
                "fetch it.")

    def _analysis_widgets(self, view: InterviewView) -> list[Widget]:
        interview = view.interview
        analysis = interview.analysis
        general = analysis.general if analysis else None
        if general is None:
            if interview.status in (InterviewStatus.SCHEDULED, InterviewStatus.IN_PROGRESS):
                message = (f"The interview is {label(interview.status)}; the analysis follows "
                           "once it is completed.")
            elif interview.status == InterviewStatus.COMPLETED:
                message = "No analysis in the cache yet. Press r to sync."
            else:  # a status of the server's own words: cleaned
                message = f"The interview {label(interview.status)}: there is no analysis."
            return [Static(line_text(message), classes="analysis-waiting")]
        if general.status in WAITING:
            return [Static(Text(WAITING[general.status]), classes="analysis-waiting")]
        facts = Text()
        for title, value in (("Company fit", general.company_fit_rating),
                             ("Education", general.education),
                             ("Experience", general.experience)):
            facts.append(f"{title}: ", style="bold").append(f"{plain_line(label(value))}\n")
        widgets: list[Widget] = [
            Static(Text("Overall rating", style="bold")),
            RatingGauge(general.overall_rating, id="analysis-rating"),
            Static(facts, classes="analysis-facts"),
            Static(points_text("Strong points", general.strong_points, "green"),
                   id="analysis-strong"),
            Static(points_text("Weak points", general.weak_points, "red"), id="analysis-weak"),
            Static(points_text("Evaluation", general.evaluation, ""), id="analysis-evaluation"),
        ]
        if analysis and analysis.specific:
            focus = str(view.agent.focus) if view.agent and view.agent.focus else None
            widgets.append(SpecificAnalysis(focus, analysis.specific))
        if interview.recording_url:
            widgets.append(Static(Text(f"Recording: {plain_line(interview.recording_url)}\n"
                                       "y copies the link · o opens it"), id="analysis-recording"))
        return widgets

    # ── transcript search ────────────────────────────────────────────────────────────────

    def action_search(self) -> None:
        focus_now(self.query_one("#transcript-search", Input))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "verdict-note":
            self._save_note(event.value)
            self.query_one(TranscriptView).focus()
        elif event.input.id == "transcript-search":
            transcript = self.query_one(TranscriptView)
            found = transcript.search(event.value.strip()) if event.value.strip() else 0
            if not event.value.strip():
                transcript.clear_search()
            elif not found:
                self.notify(f"“{event.value.strip()}” is not in this transcript.")
            transcript.focus()

    def on_transcript_view_hit_moved(self, event: TranscriptView.HitMoved) -> None:
        shown = "" if not event.count else (
            f"hit {number((event.current or 0) + 1)} of {number(event.count)} · n/N")
        self.query_one("#transcript-hits", Static).update(shown)

    def action_back(self) -> None:
        search = self.query_one("#transcript-search", Input)
        if search.has_focus or self.query_one("#verdict-note", Input).has_focus:
            self.query_one(TranscriptView).focus()
            return
        self.dismiss()

    # ── neighbours in the list the recruiter came from ───────────────────────────────────

    def _browse(self, view: InterviewView) -> BrowseList | None:
        """The list [ and ] step through: the one the recruiter came from, else the job's."""
        if self.browse is None and view.interview.job_id:
            self.browse = job_browse(self.context.store, view.interview.job_id)
        return self.browse

    def _position_text(self, view: InterviewView) -> Text:
        browse = self._browse(view)
        if browse is None:
            return Text()
        where = browse.position(self.interview_id, view.interview.candidate_id)
        return Text(plain_line(f" · {where} ([ ] move)"), style="dim")

    def action_sibling(self, step: int) -> None:
        view = self.view
        browse = self._browse(view) if view is not None else None
        if view is None or browse is None:
            self.notify("This interview has no job and was not opened from a list, so there "
                        "are no neighbours to move to.")
            return
        interview_id = browse.step(self.interview_id, view.interview.candidate_id, step)
        if interview_id is None:
            end = "last" if step > 0 else "first"
            self.notify(f"This is the {end} analysed one of the {number(len(browse.analysed))} "
                        f"{browse.name}.")
            return
        self.app.switch_screen(AnalysisScreen(interview_id, browse=browse))

    # ── verdicts ─────────────────────────────────────────────────────────────────────────

    def _subject(self) -> tuple[str, str | None] | None:
        """The candidate and job a verdict here is about; None without a candidate."""
        interview = self.view.interview if self.view else None
        if interview is None or not interview.candidate_id:
            return None
        return interview.candidate_id, interview.job_id

    def _show_verdict(self) -> None:
        subject = self._subject()
        decision = self.context.store.verdicts.current(*subject) if subject else None
        line = verdict_line(decision, self.context.store.shares.state_of(decision)
                            if decision else None)
        shared = team_verdict(self.context.store, *subject, decision) if subject else None
        if shared is not None:
            line.append("   ").append_text(team_line(shared))
        self.query_one("#analysis-verdict", Static).update(line)
        if not self._note.has_focus:
            self._note.value = self._note_kept = decision.note if decision else ""

    def action_decide(self, verdict: str) -> None:
        subject = self._subject()
        if subject is None:
            self.notify("This interview has no candidate in the cache: there is no one to "
                        "decide on.", severity="warning")
            return
        note = self.query_one("#verdict-note", Input).value
        try:
            decision = self.context.store.verdicts.decide(
                *subject, Verdict(verdict), interview_id=self.interview_id, note=note)
        except StoreError as error:
            self.notify(str(error), title="Verdict not recorded", severity="warning")
            return
        self.query_one(TranscriptView).focus()
        self.desk.cache_written()
        name = self.view.candidate.full_name if self.view and self.view.candidate else "them"
        said = f"{VERDICT_WORDS[decision.label]} {plain_line(name)}"
        following = self._next_undecided()
        if following is None:
            self._show_verdict()
            self.notify(f"{said}. Nothing left to decide in this list (u undoes).",
                        title="Verdict")
            return
        self.notify(f"{said} (u undoes).", title="Verdict")
        self.app.switch_screen(AnalysisScreen(following, browse=self.browse))

    def _next_undecided(self) -> str | None:
        """The next analysis of the list the recruiter is working through that still has no
        verdict, after this one (round to the start): the queue moves on by itself."""
        view = self.view
        browse = self._browse(view) if view is not None else None
        if browse is None:
            return None
        order = browse.analysed
        start = order.index(self.interview_id) + 1 if self.interview_id in order else 0
        ahead = [i for i in order[start:] + order[:start] if i != self.interview_id]
        still_open = undecided(self.context.store, ahead)
        return next((i for i in ahead if i in still_open), None)

    def action_undo_verdict(self) -> None:
        try:
            decision = self.context.store.verdicts.undo_last()
        except StoreError as error:
            self.notify(str(error), title="Nothing undone", severity="warning")
            return
        if decision is None:
            self.notify("There is no verdict to undo.")
            return
        self.desk.cache_written()
        self.notify(f"Undone: back to {decision.label}.", title="Verdict")
        target = decision.interview_id
        if target and target != self.interview_id and \
                self.context.store.holds_interview(target):
            self.app.switch_screen(AnalysisScreen(target, browse=self.browse))
        else:
            self._show_verdict()

    def action_note(self) -> None:
        if self._subject() is None:
            self.notify("This interview has no candidate in the cache to note.")
            return
        focus_now(self.query_one("#verdict-note", Input))

    def on_input_blurred(self, event: Input.Blurred) -> None:
        """Esc, Tab or the palette leave the note with its words still in the field, which
        looks kept: it is, or the next sync's reload would empty the field."""
        if event.input.id == "verdict-note":
            self._keep_note(event.value)

    def on_unmount(self) -> None:
        """The desk quitting (ctrl+c works inside the field) keeps the note being written."""
        self._keep_note(self._note.value, quietly=True)  # its field may be gone already

    def _keep_note(self, text: str, *, quietly: bool = False) -> None:
        """Save the note when the recruiter changed it: leaving the field unchanged writes
        nothing (each save is a row of the verdict's history, and an undo's note stays)."""
        if text != self._note_kept:
            self._save_note(text, quietly=quietly)

    def _save_note(self, text: str, *, quietly: bool = False) -> None:
        subject = self._subject()
        if subject is not None:
            try:
                self.context.store.verdicts.note(*subject, text, interview_id=self.interview_id)
                self._note_kept = text
            except StoreError as error:
                if not quietly:
                    self.notify(str(error), title="Note not saved", severity="warning")
                return
            if quietly:
                return
            self.desk.cache_written()
            self.notify("Note saved.", title="Verdict")
        self._show_verdict()

    def offers(self, action: str, parameters: tuple[object, ...]) -> bool:
        interview = self.view.interview if self.view else None
        if action in ("decide", "note"):
            return self._subject() is not None
        if action in ("copy_recording", "open_recording"):
            return interview is not None and interview.recording_url is not None
        if action == "job":
            return interview is not None and interview.job_id is not None
        if action == "schedule_candidate":
            return interview is not None and interview.candidate_id is not None
        if action in ("export", "export_pdf"):
            return interview is not None
        return super().offers(action, parameters)

    async def action_schedule_candidate(self) -> None:
        if self.view is not None and self.view.interview.candidate_id:
            await self.desk.action_schedule([self.view.interview.candidate_id])

    def action_job(self) -> None:
        if self.view is None or not self.view.interview.job_id:
            self.notify("This interview has no job.")
            return
        self.desk.open_job(self.view.interview.job_id,
                           candidate_id=self.view.interview.candidate_id)

    # ── recording and exports ────────────────────────────────────────────────────────────

    def action_copy_recording(self) -> None:
        url = self.view.interview.recording_url if self.view else None
        if url is None:
            self.notify("This interview has no recording.")
            return
        self.app.copy_to_clipboard(plain_line(url))
        self.notify("Recording link copied.")

    def action_open_recording(self) -> None:
        url = self.view.interview.recording_url if self.view else None
        if url is None:
            self.notify("This interview has no recording.")
            return
        url = plain_line(url)
        if not url.lower().startswith(("https://", "http://")):
            # The server chose this link: only a web address goes to the desktop's opener.
            self.notify("The recording link is not a web address; copy it with y instead.",
                        severity="warning")
            return
        self._open(url)

    @work(thread=True)
    def _open(self, url: str) -> None:
        opener = "open" if sys.platform == "darwin" else "xdg-open"
        try:
            subprocess.run([opener, url], check=True, capture_output=True, timeout=10)
        except (OSError, subprocess.SubprocessError) as error:
            self.app.call_from_thread(
                self.notify, f"Could not open the recording ({error}). Copy it with y instead.",
                severity="warning")

    def _exports_dir(self) -> Path:
        directory = self.context.settings.data_dir / "exports"
        directory.mkdir(parents=True, exist_ok=True)
        return directory

    def _not_saved(self, error: OSError) -> None:
        """A read-only data dir or a full disk: say where and why, and keep the screen."""
        self.notify(f"Cannot save in {self.context.settings.data_dir / 'exports'}: "
                    f"{error.strerror or error}.", title="Not saved", severity="error")

    def action_export(self, kind: str) -> None:
        if self.view is None or not self.context.store.holds_interview(self.interview_id):
            return  # gone, or its candidate's data removed under GDPR since it was shown
        try:
            path = self._exports_dir() / f"{file_stem(self.view)}.{kind}"
            if kind == "md":
                self._write_summary(path, self.view)
            else:
                data = interview_object(self.view, with_transcript=True)
                path.write_text(json_text(data, indent=2), encoding="utf-8")
        except OSError as error:
            self._not_saved(error)
            return
        self.notify(f"Saved {path}", title="Exported")

    @staticmethod
    def _write_summary(path: Path, view: InterviewView) -> None:
        """The analysis in words with the job, the date and the transcript, as Markdown."""
        path.write_text(analysis_markdown(view), encoding="utf-8")

    def _pdf_offline(self) -> None:
        connection = self.desk.connection
        since = offline_text(connection, self.context.clock()) if connection else "offline"
        self.notify(f"The PDF is made by the API, which cannot be reached ({since}). "
                    "e saves the analysis and transcript as Markdown from the cache.",
                    title="No PDF offline", severity="warning")

    @work(exclusive=True, group="pdf")
    async def action_export_pdf(self) -> None:
        if self.view is None:
            return
        view = self.view
        stem = file_stem(view)
        connection = self.desk.connection
        if connection is not None and connection.online is False:
            self._pdf_offline()  # known offline: say so now, not after a request times out
            return
        try:
            pdf = await analysis_pdf(self.context, view.interview.id)
        except OfflineError:
            self.desk.went_offline()
            self._pdf_offline()
            return
        except (ApiError, Withheld) as error:
            self.notify(str(error), title="No PDF", severity="warning")
            return
        try:
            path = self._exports_dir() / f"{stem}.pdf"
            path.write_bytes(pdf)
            # The API's PDF is laid out for print and may leave out the transcript: beside it,
            # the summary a recruiter can search, quote and paste.
            summary = path.with_suffix(".md")
            self._write_summary(summary, view)
        except OSError as error:
            self._not_saved(error)
            return
        self.notify(f"Saved {path}, and beside it {summary.name}: the analysis in words with "
                    "the job, the date and the transcript.", title="Analysis PDF")
