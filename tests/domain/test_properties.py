"""Property-based tests: the response parsers survive any JSON, and the sandbox accepts exactly
what the request rules accept, rejecting the rest with the same field paths."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.api.wire import error_details, parse_page
from app.domain.models import Agent, Candidate, Interview, Job
from app.domain.requests import check_interview_request
from app.sandbox import DEMO_KEY, SandboxClock, SandboxSettings, create_sandbox_app

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
records = st.one_of(
    json_values,
    st.fixed_dictionaries({"id": st.text(min_size=1, max_size=5)},
                          optional={"status": json_values, "analysis": json_values,
                                    "transcript": json_values, "callAttempts": json_values,
                                    "jobIds": json_values, "title": json_values}),
)


@given(st.lists(records, max_size=6), st.sampled_from([Interview, Candidate, Job, Agent]))
@settings(max_examples=300, deadline=None)
def test_a_page_of_anything_never_crashes_and_counts_what_it_skipped(items, model) -> None:
    for body in ({"success": True, "data": {"items": items, "pagination": {"total": 99}}},
                 {"data": items, "total": 99, "page": 1, "limit": 20, "totalPages": 5}):
        page = parse_page(model, body, page=1, limit=20)
        assert len(page.items) + page.skipped == len(items)


@given(json_values)
@settings(max_examples=300, deadline=None)
def test_error_bodies_of_any_shape_are_read(body) -> None:
    _code, message, problems, _details = error_details(body)
    assert isinstance(message, str) and isinstance(problems, list)


lengths = st.integers(min_value=0, max_value=12)


@st.composite
def interview_bodies(draw: st.DrawFn) -> dict[str, Any]:
    """Requests near the rules' edges: titles, skills, phones, dates, times, job choice."""
    title = "T" * draw(st.sampled_from([0, 4, 5, 200, 201]))
    required = [f"skill{n}" for n in range(draw(lengths))]
    nice = [draw(st.sampled_from(["ok", "", "x" * 129, "nice"])) for _ in range(draw(lengths))]
    candidate = {
        "firstName": draw(st.sampled_from(["Jana", "", "  "])),
        "lastName": "Novak",
        "email": draw(st.sampled_from(["jana@example.com", "jana@", "not an email"])),
        "phoneNumber": draw(st.sampled_from(["+421915123456", "0915123456", "+1"])),
        "gdprExpiryDate": draw(st.sampled_from(["2027-06-30", "2026-11-30", "2027-02-30"])),
    }
    body: dict[str, Any] = {"candidate": candidate, "agentId": "AGENT"}
    choice = draw(st.sampled_from(["job", "jobId", "both", "compact", "none"]))
    if choice in ("job", "both"):
        body["job"] = {"title": title, "requiredSkills": required, "niceToHaveSkills": nice}
    if choice in ("jobId", "both"):
        body["jobId"] = "JOB"
    if choice == "compact":
        candidate["jobId"] = "JOB"
    offset = draw(st.sampled_from([None, -60, 60, 30 * 86400, 30 * 86400 + 60]))
    if offset is not None:
        body["scheduleTime"] = (NOW + timedelta(seconds=offset)).isoformat()
    return body


def _fields(response: httpx.Response) -> set[str]:
    return {item["field"] for item in response.json()["error"]["details"]["fields"]}


@given(interview_bodies())
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
def test_the_sandbox_accepts_exactly_what_the_rules_accept(tmp_path: Path, body) -> None:
    asyncio.run(_compare(tmp_path, body))


async def _compare(tmp_path: Path, body: dict[str, Any]) -> None:
    clock = SandboxClock(start=NOW, scale=0.0)
    app = create_sandbox_app(SandboxSettings(db_path=tmp_path / "rules.sqlite3", empty=True,
                                             plan="unlimited"), clock)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://sandbox.invalid",
                                 headers={"Authorization": f"Bearer {DEMO_KEY}"}) as http:
        agents = (await http.get("/agents")).json()["data"]["items"]
        jobs = (await http.get("/jobs")).json()["data"]["items"]
        agent = next(a for a in agents if a["focus"] == "SCREENING")
        wire = _resolve(body, agent["id"], jobs[0]["id"])
        expected = check_interview_request(wire, now=NOW, agent=Agent.model_validate(agent))
        response = await http.post("/interviews", json=wire)
    if expected:
        assert response.status_code == 400, response.text
        assert _fields(response) == {p.field for p in expected}
    else:
        assert response.status_code == 201, response.text


def _resolve(body: dict[str, Any], agent_id: str, job_id: str) -> dict[str, Any]:
    wire = {**body, "agentId": agent_id, "candidate": dict(body["candidate"])}
    if wire.get("jobId") == "JOB":
        wire["jobId"] = job_id
    if wire["candidate"].get("jobId") == "JOB":
        wire["candidate"]["jobId"] = job_id
    return wire
