"""Cached data as files: candidates as JSON or CSV (the `export` command) and one interview's
analysis and transcript as Markdown or JSON (the analysis viewer). Reads the cache only.

Exports often go straight to a terminal (`export | less`, `cat x.md`) or into a spreadsheet,
and everything in them came from a server: CSV and Markdown text goes through
`widgets.text.clean` (and CSV cells through the formula guard); JSON keeps every character but
writes the ones a terminal would obey as `\\uXXXX` escapes, which JSON readers read back as the
same text.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from datetime import UTC
from typing import Any

from app.domain.enums import label
from app.domain.models import Interview
from app.store.rows import CandidateQuery
from app.store.section_rows import InterviewView
from app.store.store import Store
from app.store.verdicts import UNDECIDED, Decision
from widgets.numbers import timestamp
from widgets.text import csv_cell, plain_line, speaker_label

# What `json.dumps` leaves raw that a terminal would obey or that reorders text: DEL, C1
# controls, bidi controls, and the two line separators JavaScript treats as line ends. They
# can only stand inside JSON strings, where `\uXXXX` means the same character.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_FILE_NAME_UNSAFE = re.compile(r"[^a-z0-9]+")

CSV_COLUMNS = ("id", "firstName", "lastName", "email", "phoneNumber", "status", "jobs",
               "gdprExpiryDate", "interviewCount", "latestInterviewStatus", "latestRating",
               "verdict", "verdictNote", "decidedBy", "decidedAt")


def json_text(data: Any, *, indent: int | None = None) -> str:
    """`data` as JSON that is safe to print to a terminal and reads back unchanged."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return _JSON_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def file_stem(view: InterviewView) -> str:
    """`ada-lovelace-1f2e3d4c`: a file name from the candidate's name and the interview id
    that is safe whatever they hold (no `/`, `..`, controls or spaces)."""
    name = view.candidate.full_name if view.candidate else ""
    safe_name = _FILE_NAME_UNSAFE.sub("-", name.lower()).strip("-")[:60].strip("-")
    safe_id = _FILE_NAME_UNSAFE.sub("", view.interview.id.lower())[:8]
    return "-".join(part for part in (safe_name or "candidate", safe_id) if part)


def interview_object(view: InterviewView, *, with_transcript: bool) -> dict[str, Any]:
    """One interview the way the API names things, plus the agent focus and job title."""
    interview = view.interview
    data: dict[str, Any] = {
        "id": interview.id,
        "status": label(interview.status).upper().replace(" ", "_"),
        "scheduledAt": interview.scheduled_at.isoformat() if interview.scheduled_at else None,
        "finishedDate": (interview.finished_date.isoformat() if interview.finished_date
                         else None),
        "isTest": interview.is_test,
        "agent": {"id": interview.agent_id, "name": view.agent.name if view.agent else None,
                  "focus": str(view.agent.focus) if view.agent and view.agent.focus else None},
        "job": {"id": interview.job_id, "title": view.job.title if view.job else None},
        "analysis": interview.analysis.to_wire() if interview.analysis else None,
    }
    if with_transcript:
        turns = interview.turns
        data["transcript"] = None if turns is None else [turn.to_wire() for turn in turns]
    return data


def decision_object(decision: Decision, store: Store) -> dict[str, Any]:
    """A verdict as exports write it: for which job, what, the note, who and when."""
    job = store.job(decision.job_id) if decision.job_id else None
    return {"jobId": decision.job_id or None, "jobTitle": job.title if job else None,
            "verdict": decision.label, "note": decision.note,
            "decidedBy": decision.decided_by, "decidedAt": decision.decided_at.isoformat()}


def _verdicts_by_candidate(store: Store, job_id: str | None) -> dict[str, list[Decision]]:
    """Each candidate's current verdicts (for `job_id` only, when given), newest first."""
    found: dict[str, list[Decision]] = {}
    for decision in store.verdicts.decisions():
        if job_id is None or decision.job_id == job_id:
            found.setdefault(decision.candidate_id, []).append(decision)
    return found


def _wanted(decisions: list[Decision], verdict: str | None) -> bool:
    """Whether a candidate with these verdicts passes `--verdict` (undecided: none at all)."""
    if verdict is None:
        return True
    if verdict == UNDECIDED:
        return not decisions
    return any(decision.label == verdict for decision in decisions)


def candidates_json(store: Store, query: CandidateQuery, *, with_transcripts: bool,
                    verdict: str | None = None) -> Iterator[dict[str, Any]]:
    decided = _verdicts_by_candidate(store, query.job_id)
    total = store.count_candidates(query)
    for offset in range(0, total, 500):
        for row in store.candidate_rows(query, offset=offset, limit=500):
            decisions = decided.get(row.id, [])
            if not _wanted(decisions, verdict):
                continue
            candidate = store.candidate(row.id)
            if candidate is None:
                continue
            data = candidate.to_wire()
            data["jobTitles"] = row.job_titles
            data["verdicts"] = [decision_object(d, store) for d in decisions]
            views = [store.interview(i.id) for i in store.interviews_of(row.id)]
            data["interviews"] = [interview_object(view, with_transcript=with_transcripts)
                                  for view in views if view is not None]
            yield data


def candidates_csv(store: Store, query: CandidateQuery, *, verdict: str | None = None) -> str:
    """One row per candidate; the verdict columns hold their latest verdict (for the query's
    job when it has one)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    decided = _verdicts_by_candidate(store, query.job_id)
    total = store.count_candidates(query)
    for offset in range(0, total, 500):
        for row in store.candidate_rows(query, offset=offset, limit=500):
            decisions = decided.get(row.id, [])
            if not _wanted(decisions, verdict):
                continue
            latest = decisions[0] if decisions else None
            candidate = store.candidate(row.id)
            writer.writerow([csv_cell(value) for value in (
                row.id, candidate.first_name if candidate else "",
                candidate.last_name if candidate else "", row.email or "",
                candidate.phone_number if candidate else "", row.status or "", row.job_titles,
                candidate.gdpr_expiry_date.isoformat() if candidate and
                candidate.gdpr_expiry_date else "",
                row.interview_count, row.latest_interview_status or "",
                "" if row.latest_rating is None else f"{row.latest_rating:g}",
                latest.label if latest else UNDECIDED, latest.note if latest else "",
                latest.decided_by if latest else "",
                latest.decided_at.isoformat() if latest else "",
            )])
    return out.getvalue()


def shortlist_markdown(store: Store, *, job_id: str | None = None) -> str:
    """For a hiring manager: every advanced candidate (of `job_id`, when given), grouped by
    job, with the rating, company fit, strong and weak points of the analysis the verdict was
    given on, and the recruiter's note. Cleaned like every Markdown export."""
    advanced = [d for d in store.verdicts.decisions()
                if d.label == "advance" and (job_id is None or d.job_id == job_id)]
    lines = ["# Shortlist", "", f"{len(advanced)} advanced candidate"
             f"{'' if len(advanced) == 1 else 's'}.", ""]
    by_job: dict[str, list[Decision]] = {}
    for decision in advanced:
        by_job.setdefault(decision.job_id, []).append(decision)
    for job_key, decisions in by_job.items():
        job = store.job(job_key) if job_key else None
        lines += [f"## {plain_line(job.title) if job else 'No job'}", ""]
        for decision in decisions:
            lines += _shortlist_entry(store, decision)
    return "\n".join(lines).rstrip("\n") + "\n"


def _shortlist_entry(store: Store, decision: Decision) -> list[str]:
    candidate = store.candidate(decision.candidate_id)
    name = candidate.full_name if candidate else "Unknown candidate"
    interview_id = decision.interview_id or store.latest_interview_id(
        decision.candidate_id, analysed=True)
    view = store.interview(interview_id) if interview_id else None
    general = view.interview.analysis.general if view and view.interview.analysis else None
    lines = [f"### {plain_line(name)}", ""]
    if general is None:
        lines.append("- No analysis in the cache.")
    else:
        rating = "—" if general.overall_rating is None else f"{general.overall_rating:g}"
        lines += [f"- Rating: {rating} / 100",
                  plain_line(f"- Company fit: {label(general.company_fit_rating)}"),
                  "- Strong points: " + "; ".join(
                      plain_line(p) for p in general.strong_points or ["—"]),
                  "- Weak points: " + "; ".join(
                      plain_line(p) for p in general.weak_points or ["—"])]
    lines.append(f"- Note: {plain_line(decision.note) or '—'}")
    lines.append(plain_line(f"- Advanced by {decision.decided_by} on "
                            f"{decision.decided_at:%Y-%m-%d}"))
    return [*lines, ""]


def analysis_markdown(view: InterviewView) -> str:
    """The analysis and transcript as Markdown; every server text in it is cleaned and stays
    on its line, a transcript turn's too, so none can add a heading or a list item."""
    interview: Interview = view.interview
    name = view.candidate.full_name if view.candidate else "Unknown candidate"
    lines = [f"# {plain_line(name)}", ""]
    if view.job:
        lines.append(f"- Job: {plain_line(view.job.title)}")
    if view.agent:
        lines.append(plain_line(f"- Interview: {label(view.agent.focus)} with {view.agent.name}"))
    when = interview.scheduled_at or interview.finished_date  # an interview started at once
    if when:
        lines.append(f"- When: {when.astimezone(UTC):%Y-%m-%d %H:%M} UTC")
    lines.append(plain_line(f"- Status: {label(interview.status)}"))
    general = interview.analysis.general if interview.analysis else None
    if general is not None:
        rating = "—" if general.overall_rating is None else f"{general.overall_rating:g}"
        lines += ["", "## Analysis", "",
                  f"- Overall rating: {rating} / 100",
                  plain_line(f"- Company fit: {label(general.company_fit_rating)}"),
                  plain_line(f"- Education: {label(general.education)}"),
                  plain_line(f"- Experience: {label(general.experience)}")]
        for title, points in (("Strong points", general.strong_points),
                              ("Weak points", general.weak_points),
                              ("Evaluation", general.evaluation)):
            lines += ["", f"### {title}", ""] + [f"- {plain_line(point)}"
                                                 for point in points or ["—"]]
    if interview.analysis and interview.analysis.specific:
        lines += ["", "### Details", ""]
        lines += [f"- {field_title(key)}: {field_value(value, key)}"
                  for key, value in interview.analysis.specific.items()]
    turns = interview.turns
    lines += ["", "## Transcript", ""]
    if turns is None:
        lines.append("(not synced)")
    for turn in turns or []:
        at = "" if turn.start_seconds is None else f"[{timestamp(turn.start_seconds)}] "
        # On its line: a turn's line breaks could start a heading or a list of its own (a
        # second "## Analysis" with another rating).
        lines.append(f"**{at}{speaker_label(turn.speaker)}:** {plain_line(turn.text)}  ")
    return "\n".join(lines) + "\n"


# The type-specific fields as the analysis viewer names them; others are split into words.
FIELD_TITLES = {
    "interestLevel": "Interest", "availability": "Availability",
    "salaryExpectation": "Salary expectation", "noticePeriod": "Notice period",
    "followUpRecommended": "Follow up", "cefrLevel": "Language level (CEFR)",
    "pronunciationScores": "Pronunciation", "grammarScore": "Grammar",
    "vocabularyScore": "Vocabulary", "summary": "Summary", "topics": "Topics",
}
ENUM_FIELDS = frozenset({"interestLevel"})  # values such as MEDIUM read as words ("medium")


def field_title(key: Any) -> str:
    """`interestLevel` as a person says it: `Interest`; an unknown `stressTest`: `Stress test`."""
    text = plain_line(str(key))
    if text in FIELD_TITLES:
        return FIELD_TITLES[text]
    words = "".join(f" {ch.lower()}" if ch.isupper() else ch for ch in text).replace("_", " ")
    words = " ".join(words.split())
    return words[:1].upper() + words[1:]


def field_value(value: Any, key: Any = None) -> str:
    """A type-specific value on one line in words (yes/no, `medium`, `accuracy: 81`), each
    text in it cleaned (not Python's repr, which would print a server's escape sequences as
    readable `\\x1b]0;…`)."""
    if isinstance(value, dict):
        return "; ".join(f"{field_title(k).lower()}: {field_value(v, k)}"
                         for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(field_value(item) for item in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None:
        return "—"
    if key in ENUM_FIELDS:
        return plain_line(label(str(value)))
    return plain_line(str(value))
