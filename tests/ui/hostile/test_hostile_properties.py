"""Arbitrary text and numbers, read through the wire models as a sync reads them, into every
screen and every export: nothing crashes, and no control, escape or bidi character reaches the
output (Hypothesis; few examples, since each one starts the app)."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import math
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.screen import Screen
from textual.widgets import Select

from app.api.wire import parse_page
from app.config import load_settings
from app.domain.models import Agent, Candidate, Interview, Job
from app.factory import build_context
from app.sandbox import SandboxClock, SandboxSettings
from app.store import CandidateQuery, Store
from app.store.export import analysis_markdown, candidates_csv, candidates_json, json_text
from app.ui.app import InterviewDeskApp
from app.ui.screens.analysis import AnalysisScreen
from app.ui.screens.candidate_detail import CandidateDetailScreen
from app.ui.screens.compare import CompareScreen
from app.ui.screens.job import JobScreen
from tests.conftest import NewCaches
from tests.textual_hooks import drawn
from tests.ui.conftest import as_for_a_first_start
from tests.ui.hostile.world import START, control_characters, wire_world

# Pieces a terminal or Rich would act on, mixed into arbitrary text.
TRICKS = st.sampled_from([
    "\x1b]0;t\x07", "\x1b[2J", "\x1b[?1049l", "\x1b]52;c;eA==\x07", "\x1b", "\x9b", "\x9d",
    "\u202e", "\u2066", "\u200f", "[/]", "[b]", "[@click=app.quit]", "[link=x]", "\n", "\t",
    "\r", "\x00", "\x07", "\x7f", "\u2028", "…", "山", "🙂", "\u0301",
])
TEXT = st.lists(st.one_of(st.text(max_size=12), TRICKS), max_size=5).map("".join)
EXTREMES = st.sampled_from([math.nan, math.inf, -math.inf, 10 ** 30, -(10 ** 30), 2 ** 63, 1e308,
                           -1, 0, 0.5, 101])
NUMBER = st.one_of(EXTREMES, st.none(), st.booleans(), st.integers(), st.integers(-2, 200),
                   st.floats(), st.floats(0, 100), TEXT)
MOMENT = st.one_of(
    st.sampled_from(["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00", "soon", None,
                     "2026-12-01T10:00:00", "2026-12-01T10:00:00+14:00", 17]),
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30),
                 timezones=st.just(UTC)).map(datetime.isoformat),
)
DAY = st.sampled_from(["9999-12-31", "0001-01-01", "2026-02-30", "", None])
# The scheduling form's selects whose choices the server names (agents, job titles); the
# others list the app's own labels, which no example changes, so opening them shows nothing new.
SERVER_CHOICES = ("f-agent_id", "f-job_id")
ID_KEYS = {"id", "candidateId", "agentId", "jobId", "jobIds"}  # tests/api/test_ids.py
MOMENT_KEYS = {"scheduledAt", "finishedDate"}


def mostly(value: Any, other: st.SearchStrategy[Any], *, keep: int) -> st.SearchStrategy[Any]:
    """`value` about `keep` times in `keep + 1`, else something drawn from `other`."""
    return st.one_of(*[st.just(value)] * keep, other)


def arbitrary(template: Any, key: str | None = None) -> st.SearchStrategy[Any]:
    """Records shaped like `template` with every text arbitrary, and numbers and times
    arbitrary often enough to be skipped now and then but to leave most records readable (an
    unreadable record shows nothing); ids stay, so records still point at each other."""
    if isinstance(template, dict):
        return st.fixed_dictionaries({k: arbitrary(v, k) for k, v in template.items()})
    if isinstance(template, list):
        return st.tuples(*(arbitrary(item, key) for item in template)).map(list)
    if key in ID_KEYS:
        return st.just(template)
    if key in MOMENT_KEYS:
        return mostly(template, MOMENT, keep=3)
    if key == "gdprExpiryDate":
        return mostly(template, DAY, keep=3)
    if isinstance(template, bool | int | float):
        return mostly(template, NUMBER, keep=2)
    return TEXT


def read_into(store: Store, world: dict[str, list[dict[str, Any]]]) -> None:
    """The world as a sync reads it: through the wire parsing, which skips what it cannot read."""
    def parsed(model: type, records: list[dict[str, Any]]) -> list[Any]:
        return parse_page(model, {"items": records}, page=1, limit=100).items

    with store.transaction():
        store.save_agents(parsed(Agent, world["agents"]))
        store.save_jobs(parsed(Job, world["jobs"]))
        store.save_candidates(parsed(Candidate, world["candidates"]))
        store.save_interviews(parsed(Interview, world["interviews"]))
        store.set_last_synced_at(START)


async def shown(app: InterviewDeskApp, pilot: Any, where: str) -> None:  # type: ignore[misc]
    await pilot.pause()
    assert control_characters(drawn(app)) == [], where


async def walk(app: InterviewDeskApp) -> None:
    """Every section and the screens behind it, with each select opened. The screens opened
    from the list replace one another (`switch_screen`) instead of each going back to the list:
    the list is checked once, and going back to it would repaint all of it every time.

    One candidate page shows both candidates, and one analysis screen every interview, in
    turn: each reloads for the next as it does when a sync changes the cache, which redraws
    everything that depends on the candidate or interview (card and interviews; header,
    verdict, analysis and transcript) without composing, restyling and laying out the rest of
    the screen again. Drawn, each is the same text either way (checked on generated worlds: 192
    analysis screens, 59 candidate pages), and a reload costs half as much or less."""
    store = app.context.store
    async with app.run_test(size=(140, 45), notifications=True) as pilot:
        await shown(app, pilot, "candidate list")
        candidate_ids = sorted(store.ids("candidates"))
        interview_ids = sorted(store.ids("interviews"))
        screens: list[tuple[Screen[Any], str]] = [
            *((CandidateDetailScreen(i), f"candidate page {i}") for i in candidate_ids[:1]),
            *((AnalysisScreen(i), f"analysis {i}") for i in interview_ids[:1]),
            (CompareScreen(candidate_ids[:3]), "compare"),
            *((JobScreen(job.id), "job view") for job in store.jobs()),
        ]
        for number, (screen, where) in enumerate(screens):
            await (app.switch_screen(screen) if number else app.push_screen(screen))
            if isinstance(screen, AnalysisScreen):
                await pilot.pause()
            await shown(app, pilot, where)
            if isinstance(screen, CandidateDetailScreen):
                for candidate_id in candidate_ids[1:2]:
                    screen.candidate_id = candidate_id
                    screen.on_cache_changed()
                    await shown(app, pilot, f"candidate page {candidate_id}")
            if isinstance(screen, AnalysisScreen):
                for interview_id in interview_ids[1:]:
                    screen.interview_id = interview_id
                    screen.on_cache_changed()
                    await app.workers.wait_for_complete()
                    await shown(app, pilot, f"analysis {interview_id}")
        await app.switch_mode("search")
        await pilot.press(*"a", "enter")
        await shown(app, pilot, "search")
        await app.switch_mode("monitor")
        await shown(app, pilot, "monitor")
        await app.action_schedule(candidate_ids[:1])
        await shown(app, pilot, "scheduling form")
        for select_id in SERVER_CHOICES:
            select = app.screen.query_one(f"#{select_id}", Select)
            select.expanded = True
            await shown(app, pilot, f"select {select.id}")
            select.expanded = False
        for candidate in (store.candidate(i) for i in candidate_ids[:1]):
            app.notify(candidate.full_name if candidate else "", title="Toast")
        await shown(app, pilot, "toasts")


def exports(store: Store) -> None:
    out = candidates_csv(store, CandidateQuery())
    assert control_characters(out.replace("\r\n", "\n")) == []
    assert all(not cell.startswith(("=", "+", "-", "@"))
               for row in list(csv.reader(io.StringIO(out)))[1:] for cell in row)
    for candidate in candidates_json(store, CandidateQuery(), with_transcripts=True):
        text = json_text(candidate)
        assert control_characters(text) == []
        assert json.loads(text) == json.loads(json.dumps(candidate))
    for interview_id in store.ids("interviews"):
        view = store.interview(interview_id)
        if view is not None:
            assert control_characters(analysis_markdown(view)) == []


@settings(max_examples=int(os.environ.get("HOSTILE_EXAMPLES", "15")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(world=arbitrary(wire_world()))
def test_arbitrary_server_data_never_crashes_a_screen_or_reaches_the_terminal(
        new_caches: NewCaches, world: dict[str, list[dict[str, Any]]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder)
        app_settings = load_settings(
            data_dir=data_dir / "data", env={"INTERVIEW_DESK_CONFIG": str(data_dir / "c.toml")})
        clock = SandboxClock(start=START, scale=0.0)
        sandbox = SandboxSettings(db_path=app_settings.sandbox_path, empty=True,
                                  plan="unlimited", time_scale=0.0)
        as_for_a_first_start(app_settings, sandbox, clock, new_caches)
        context = build_context(app_settings, sandbox_clock=clock, sandbox_settings=sandbox)
        try:
            read_into(context.store, world)
            exports(context.store)
            asyncio.run(walk(InterviewDeskApp(context, sync_on_start=False)))
        finally:
            context.store.close()
