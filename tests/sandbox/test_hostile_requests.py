"""Bad requests get a 400 naming the field, never a 500 or a corrupted record; bodies have a
size limit read with a bound; the key needs its Bearer scheme, in any case (issue 20.6)."""

from __future__ import annotations

import asyncio
import json
import shutil
import socket
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.sandbox import DEMO_KEY, SandboxClock, SandboxSettings, create_sandbox_app
from app.sandbox.server import MAX_BODY_BYTES
from tests.loopback import LoopbackSandbox, free_port, seeded_sandbox_app

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
AUTH = {"Authorization": f"Bearer {DEMO_KEY}"}
PERSON = {"firstName": "Ada", "lastName": "Lovelace", "email": "ada@example.com",
          "phoneNumber": "+421900000001", "gdprExpiryDate": "2030-06-30"}
TOMORROW = (NOW + timedelta(days=1)).isoformat()


def sandbox_settings(tmp_path: Path) -> SandboxSettings:
    return SandboxSettings(db_path=tmp_path / "sandbox.sqlite3", empty=True, plan="unlimited",
                           time_scale=0.0)


@pytest.fixture
async def http(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    app = seeded_sandbox_app(sandbox_settings(tmp_path), SandboxClock(start=NOW, scale=0.0))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://sandbox.invalid", headers=AUTH) as client:
        yield client


async def world(http: httpx.AsyncClient) -> dict[str, Any]:
    """Ids the cases refer to: agents by focus and channel, a job, a jobless candidate."""
    agents = (await http.get("/agents")).json()["data"]["items"]
    jobless = await http.post("/candidates", json=PERSON)
    return {
        "screening": next(a["id"] for a in agents if a["focus"] == "SCREENING"),
        "generic": next(a["id"] for a in agents if a["focus"] == "GENERIC"),
        "phone": next(a["id"] for a in agents
                      if a["focus"] == "GENERIC" and a["type"] == "PHONE"),
        "job": (await http.get("/jobs")).json()["data"]["items"][0]["id"],
        "jobless": jobless.json()["data"]["id"],
    }


def fields_of(response: httpx.Response) -> list[str]:
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["code"] == "VALIDATION_ERROR"
    return [item["field"] for item in error["details"]["fields"]]


def with_job(**job: Any) -> dict[str, Any]:
    return {"title": "Night Nurse", **job}


# (name, body built from the world's ids, the field the answer must name)
INTERVIEW_CASES = [
    ("candidateId a number", lambda w: {"candidateId": 5, "agentId": w["screening"]},
     "candidateId"),
    ("candidateId a list", lambda w: {"candidateId": [w["jobless"]], "agentId": w["generic"]},
     "candidateId"),
    ("agentId a number", lambda w: {"candidate": PERSON, "agentId": 7}, "agentId"),
    ("agentId an object", lambda w: {"candidateId": w["jobless"], "agentId": {}}, "agentId"),
    ("jobId an object", lambda w: {"candidate": PERSON, "agentId": w["screening"], "jobId": {}},
     "jobId"),
    ("isTest a word", lambda w: {"candidateId": w["jobless"], "agentId": w["generic"],
                                 "isTest": "yes"}, "isTest"),
    ("an offset of +99:00", lambda w: {"candidate": PERSON, "agentId": w["generic"],
                                       "scheduleTime": "2026-12-02T09:00:00+99:00"},
     "scheduleTime"),
    ("scheduledAt a number", lambda w: {"candidateId": w["jobless"], "agentId": w["generic"],
                                        "scheduledAt": 17}, "scheduledAt"),
    ("a salary of abc", lambda w: {"candidate": PERSON, "agentId": w["screening"],
                                   "job": with_job(salary={"min": "abc"})}, "job.salary.min"),
    ("a salary of 1e400", lambda w: {"candidate": PERSON, "agentId": w["screening"],
                                     "job": with_job(salary={"max": 1e400})}, "job.salary.max"),
    ("skills that are not text", lambda w: {
        "candidate": PERSON, "agentId": w["screening"],
        "job": with_job(requiredSkills=[3, {"a": 1}])}, "job.requiredSkills[0]"),
    ("skills as one text", lambda w: {"candidate": PERSON, "agentId": w["screening"],
                                      "job": with_job(niceToHaveSkills="Python")},
     "job.niceToHaveSkills"),
    ("a location as text", lambda w: {"candidate": PERSON, "agentId": w["screening"],
                                      "job": with_job(location="Bratislava")}, "job.location"),
    ("candidate.jobId a number", lambda w: {"candidate": {**PERSON, "jobId": 4},
                                            "agentId": w["screening"]}, "candidate.jobId"),
    ("the candidate as text", lambda w: {"candidate": "Ada", "agentId": w["screening"]},
     "candidate"),
]


@pytest.mark.parametrize(("name", "body", "field"), INTERVIEW_CASES,
                         ids=[case[0] for case in INTERVIEW_CASES])
async def test_a_bad_interview_request_names_its_field(http, name, body, field) -> None:  # type: ignore[no-untyped-def]
    ids = await world(http)
    answer = await http.post("/interviews", content=json.dumps(body(ids)).replace(
        "Infinity", "1e400"), headers={"content-type": "application/json"})
    assert field in fields_of(answer)


async def test_a_numeric_job_for_a_jobless_candidate_is_refused_and_harms_nothing(http) -> None:  # type: ignore[no-untyped-def]
    ids = await world(http)
    refused = await http.post("/interviews", json={
        "candidateId": ids["jobless"], "agentId": ids["screening"], "jobId": 12})
    assert fields_of(refused) == ["jobId"]
    missing = await http.post("/interviews", json={
        "candidateId": ids["jobless"], "agentId": ids["screening"], "jobId": "no-such-job"})
    assert "jobId" in fields_of(missing)
    candidate = await http.get(f"/candidates/{ids['jobless']}")
    assert candidate.status_code == 200 and candidate.json()["data"]["jobIds"] == []
    made = await http.post("/interviews", json={
        "candidateId": ids["jobless"], "agentId": ids["screening"], "jobId": ids["job"]})
    assert made.status_code == 201, made.text


async def test_candidate_job_links_must_be_ids(http) -> None:  # type: ignore[no-untyped-def]
    ids = await world(http)
    assert fields_of(await http.post("/candidates", json={**PERSON, "jobId": {}})) == ["jobId"]
    assert fields_of(await http.post("/candidates", json={**PERSON, "jobIds": [1]})) == [
        "jobIds[0]"]
    assert fields_of(await http.patch(f"/candidates/{ids['jobless']}",
                                      json={"jobIds": 5})) == ["jobIds"]
    assert (await http.get(f"/candidates/{ids['jobless']}")).json()["data"]["jobIds"] == []


@pytest.mark.parametrize("when", [17, "2026-12-02T09:00:00+99:00", "2026-12-02T09:00:00",
                                  "tomorrow", ["2026-12-02T09:00:00Z"]])
async def test_a_bad_call_time_names_its_field(http, when) -> None:  # type: ignore[no-untyped-def]
    ids = await world(http)
    call = (await http.post("/interviews", json={
        "candidate": PERSON, "agentId": ids["phone"], "scheduleTime": TOMORROW})).json()["data"]
    new = await http.post(f"/interviews/{call['id']}/call-attempts", json={"scheduledAt": when})
    assert fields_of(new) == ["scheduledAt"]
    attempt = call["callAttempts"][0]["id"]
    moved = await http.patch(f"/interviews/{call['id']}/call-attempts/{attempt}",
                             json={"scheduledAt": when})
    assert fields_of(moved) == ["scheduledAt"]


async def test_a_body_over_the_limit_is_refused_without_being_read_whole(http) -> None:  # type: ignore[no-untyped-def]
    sent = 0

    async def endless() -> AsyncIterator[bytes]:
        nonlocal sent
        yield b'{"candidate": "'
        while sent < 200 * MAX_BODY_BYTES:
            sent += 64 * 1024
            yield b"x" * (64 * 1024)

    answer = await http.post("/interviews", content=endless())  # chunked: no Content-Length
    assert answer.status_code == 413
    assert answer.json()["error"]["code"] == "PAYLOAD_TOO_LARGE"
    assert sent <= MAX_BODY_BYTES + 128 * 1024  # it stopped reading at the limit
    declared = await http.post("/candidates", content=b"{}",
                               headers={"content-length": str(MAX_BODY_BYTES + 1)})
    assert declared.status_code == 413
    just_under = await http.post("/candidates", json={**PERSON, "metadata": {
        "note": "x" * (MAX_BODY_BYTES - 1024)}})
    assert just_under.status_code == 201


@pytest.mark.parametrize(("header", "status"), [
    (f"Bearer {DEMO_KEY}", 200), (f"bearer {DEMO_KEY}", 200), (f"BEARER {DEMO_KEY}", 200),
    (DEMO_KEY, 401), (f"Basic {DEMO_KEY}", 401), ("Bearer", 401), ("Bearer ", 401), ("", 401),
])
async def test_the_key_needs_its_bearer_scheme_in_any_case(http, header, status) -> None:  # type: ignore[no-untyped-def]
    answer = await http.get("/agents", headers={"Authorization": header})
    assert answer.status_code == status
    if status == 401:
        assert answer.json()["error"]["code"] == "INVALID_API_KEY"


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner,
                                                                max_size=3),
    max_leaves=8)
FIELDS = ["candidateId", "agentId", "jobId", "candidate", "agent", "job", "scheduleTime",
          "scheduledAt", "isTest", "jobIds", "firstName", "email", "gdprExpiryDate", "title",
          "requiredSkills", "location", "salary", "metadata", "status"]
BODIES = st.dictionaries(st.sampled_from(FIELDS), JSON, max_size=6) | JSON


TARGETS = ["POST /interviews", "POST /candidates", "POST /jobs", "PATCH /candidates/{c}",
           "PATCH /jobs/{j}", "POST /interviews/{i}/call-attempts"]


@dataclass(frozen=True)
class World:
    """A sandbox file holding the world's ids and a phone call, as `world` and one create
    leave it."""

    file: Path
    ids: dict[str, Any]
    call_id: str


@pytest.fixture(scope="module")
def made_world(tmp_path_factory: pytest.TempPathFactory) -> World:
    """The company every example below starts from, made once: the requests that make it are
    the same for every example, and each example sends its body to a copy of it."""
    folder = tmp_path_factory.mktemp("world")

    async def make() -> World:
        app = seeded_sandbox_app(sandbox_settings(folder), SandboxClock(start=NOW, scale=0.0))
        try:
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                         base_url="http://sandbox.invalid",
                                         headers=AUTH) as http:
                ids = await world(http)
                call = (await http.post("/interviews", json={
                    "candidate": PERSON | {"email": "c@example.com"}, "agentId": ids["phone"],
                    "scheduleTime": TOMORROW})).json()["data"]
        finally:
            app.state.sandbox.storage.close()
        return World(folder / "sandbox.sqlite3", ids, call["id"])

    return asyncio.run(make())


@given(body=BODIES, target=st.sampled_from(TARGETS))
@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_no_body_makes_the_sandbox_answer_500(tmp_path_factory, made_world, body, target) -> None:  # type: ignore[no-untyped-def]
    asyncio.run(_send_anything(tmp_path_factory.mktemp("any"), made_world, body, target))


async def _send_anything(folder: Path, made: World, body: Any, target: str) -> None:
    shutil.copyfile(made.file, folder / "sandbox.sqlite3")
    app = create_sandbox_app(sandbox_settings(folder), SandboxClock(start=NOW, scale=0.0))
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                     base_url="http://sandbox.invalid", headers=AUTH) as http:
            ids = made.ids
            method, path = target.split(" ")
            path = path.format(c=ids["jobless"], j=ids["job"], i=made.call_id)
            wire = json.dumps(body).replace("Infinity", "1e400")  # what JSON has for an infinity
            answer = await http.request(method, path, content=wire,
                                        headers={"content-type": "application/json"})
            assert answer.status_code < 500, answer.text
            # Whatever was accepted, the company can still be read.
            for read in ("/candidates", "/jobs", f"/interviews?candidateId={ids['jobless']}",
                         f"/interviews/{made.call_id}"):
                assert (await http.get(read)).status_code == 200
    finally:
        app.state.sandbox.storage.close()


@pytest.fixture
def loopback(tmp_path: Path) -> Iterator[LoopbackSandbox]:
    served = LoopbackSandbox(sandbox_settings(tmp_path), SandboxClock(start=NOW, scale=0.0),
                             free_port())
    served.start()
    yield served
    served.stop()


def test_over_a_real_socket_bad_types_limits_and_schemes(loopback: LoopbackSandbox) -> None:
    with httpx.Client(base_url=loopback.url, headers=AUTH, timeout=10) as http:
        agent = next(a["id"] for a in http.get("/agents").json()["data"]["items"]
                     if a["focus"] == "SCREENING")
        assert fields_of(http.post("/interviews", json={"candidate": PERSON, "agentId": agent,
                                                        "jobId": {}})) == ["jobId"]
        assert http.get("/agents", headers={"Authorization": f"bearer {DEMO_KEY}"}
                        ).status_code == 200
        assert http.get("/agents", headers={"Authorization": DEMO_KEY}).status_code == 401
    # A client announcing 200 MB gets its 413 after the headers, with nothing more read.
    with socket.create_connection(("127.0.0.1", loopback.port), timeout=10) as raw:
        raw.sendall((f"POST /interviews HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                     f"{DEMO_KEY}\r\nContent-Type: application/json\r\n"
                     f"Content-Length: {200 * MAX_BODY_BYTES}\r\n\r\n").encode())
        raw.sendall(b'{"candidate": "' + b"x" * 4096)
        head = raw.recv(4096).decode("latin-1")
    assert head.startswith("HTTP/1.1 413"), head
