"""The loopback sandbox the network tests rely on: `stop()` really takes the network away, at
once, and never cuts an answer already on its way; a sandbox started from a copy of a seeded
file holds exactly what seeding writes."""

from __future__ import annotations

import contextlib
import socket
import sqlite3
import threading
import time
from dataclasses import replace
from pathlib import Path

import httpx
import pytest

from app.sandbox import DEMO_KEY, SandboxClock, SandboxSettings, create_sandbox_app
from app.sandbox.storage import TABLES
from tests.loopback import LoopbackSandbox, free_port, seeded_sandbox_app
from tests.sync.conftest import FROZEN_AT

AUTH = {"Authorization": f"Bearer {DEMO_KEY}"}


def served(tmp_path: Path, latency_ms: int = 0) -> LoopbackSandbox:
    settings = SandboxSettings(db_path=tmp_path / "sandbox.sqlite3", empty=True, time_scale=0.0,
                               plan="unlimited", latency_ms=latency_ms)
    server = LoopbackSandbox(settings, SandboxClock(start=FROZEN_AT, scale=0.0), free_port())
    server.start()
    return server


def test_stop_closes_the_socket_and_its_open_connections_at_once(tmp_path: Path) -> None:
    server = served(tmp_path)
    with httpx.Client(base_url=server.url, headers=AUTH) as http:
        assert http.get("/agents").status_code == 200  # a keep-alive connection stays open
        server.stop()
        with pytest.raises(httpx.TransportError):
            http.get("/agents")
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", server.port), timeout=2).close()

    server.start()  # the same port and file again, as a restarted server
    try:
        with httpx.Client(base_url=server.url, headers=AUTH) as http:
            assert http.get("/agents").status_code == 200
    finally:
        server.stop()


def test_an_answer_in_flight_is_finished_before_the_network_goes(tmp_path: Path) -> None:
    server = served(tmp_path, latency_ms=300)
    answers: list[int] = []
    person = {"firstName": "Ada", "lastName": "Lovelace", "email": "ada@example.com",
              "phoneNumber": "+421900000001", "gdprExpiryDate": "2030-06-30"}
    with httpx.Client(base_url=server.url, headers=AUTH, timeout=5) as http:
        asking = threading.Thread(target=lambda: answers.append(
            http.post("/candidates", json=person).status_code))
        asking.start()
        while not server.sandbox.storage.all("candidates"):  # created; the answer waits
            time.sleep(0.005)
        server.stop()
        asking.join(5)
    assert answers == [201]



def stored(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return {table: sorted(connection.execute(f"SELECT * FROM {table}").fetchall())
                for table in (*TABLES, "meta")}


def test_a_sandbox_started_from_a_copied_seed_holds_what_a_fresh_seed_writes(
        tmp_path: Path) -> None:
    settings = SandboxSettings(db_path=tmp_path / "fresh.sqlite3", candidates=40,
                               interviews=30, time_scale=0.0)
    clock = SandboxClock(start=FROZEN_AT, scale=0.0)
    create_sandbox_app(settings, clock).state.sandbox.storage.close()
    for name in ("first", "copied"):
        seeded = seeded_sandbox_app(replace(settings, db_path=tmp_path / f"{name}.sqlite3"),
                                    clock)
        seeded.state.sandbox.storage.close()
    fresh = stored(tmp_path / "fresh.sqlite3")
    assert all(fresh.values())
    assert stored(tmp_path / "first.sqlite3") == fresh
    assert stored(tmp_path / "copied.sqlite3") == fresh
