"""The client does not trust impossible rate-limit headers (issue 17, point 6; issue 20,
point 3): a reset in milliseconds or far in the future made `sync` sleep for decades.

A reset is never more than its window away (60 s, 3,600 s); anything else is clamped and logged
once; `1e309`, `nan`, negative values and text never raise; Retry-After is bounded. A sync that
has to wait says so, in the CLI's progress line and in the desk's status bar. No test sleeps:
the client's clock is fake.
"""

from __future__ import annotations

import logging
import re
import time
from pathlib import Path

import httpx
import pytest

from app.api.client import RETRY_AFTER_CAP
from app.api.limiter import RateLimiter
from app.cli import main
from app.store import Store
from tests.caches import cache_of
from tests.standin import KEY, URL, FakeTime, StandIn, patch_cli

IMPOSSIBLE = ["1e309", "-1e309", "nan", "inf", "-5", "not a number", "", "1" + "0" * 40]


def observed(headers: dict[str, str]) -> RateLimiter:
    limiter = RateLimiter(max_per_second=0, wall_clock=lambda: 1_000_000.0)
    limiter.observe(httpx.Headers(headers))
    return limiter


@pytest.mark.parametrize("value", IMPOSSIBLE)
@pytest.mark.parametrize("name", ["Limit-Minute", "Limit-Hour", "Remaining-Minute",
                                  "Remaining-Hour", "Reset-Minute", "Reset-Hour"])
def test_no_header_value_raises(name: str, value: str) -> None:
    headers = {"X-RateLimit-Remaining-Minute": "10", "X-RateLimit-Reset-Minute": "1000030",
               "X-RateLimit-Remaining-Hour": "10", "X-RateLimit-Reset-Hour": "1000030"}
    limiter = observed({**headers, f"X-RateLimit-{name}": value})
    assert 0 <= limiter.gap() <= 3600


@pytest.mark.parametrize(("reset", "window"), [
    ("1000000000000", 60.0),     # milliseconds: 31,000 years away if read as seconds
    ("99999999999", 60.0),       # the year 5138
    ("1e309", 60.0),
])
def test_a_minute_reset_is_at_most_a_minute_away(reset: str, window: float) -> None:
    limiter = observed({"X-RateLimit-Remaining-Minute": "0", "X-RateLimit-Reset-Minute": reset})
    assert limiter.state.reset_minute == 1_000_000.0 + window
    assert limiter.gap() == pytest.approx(window)


def test_an_hour_reset_is_at_most_an_hour_away() -> None:
    limiter = observed({"X-RateLimit-Remaining-Hour": "0",
                        "X-RateLimit-Reset-Hour": "1000000000000"})
    assert limiter.state.reset_hour == 1_000_000.0 + 3600
    assert limiter.gap() == pytest.approx(3600)


def test_a_plausible_reset_is_kept() -> None:
    limiter = observed({"X-RateLimit-Remaining-Minute": "12",
                        "X-RateLimit-Reset-Minute": "1000030"})
    assert limiter.state.reset_minute == 1_000_030.0
    assert limiter.gap() == pytest.approx(30 / 10)


def test_implausible_headers_are_logged_once(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="app.api.limiter")
    limiter = RateLimiter(max_per_second=0, wall_clock=lambda: 1_000_000.0)
    for _ in range(5):
        limiter.observe(httpx.Headers({"X-RateLimit-Reset-Minute": "1000000000000",
                                       "X-RateLimit-Remaining-Minute": "nan"}))
    warnings = [r for r in caplog.records if "implausible rate-limit" in r.getMessage()]
    assert len(warnings) == 1
    assert "x-ratelimit-reset-minute" in warnings[0].getMessage()


@pytest.mark.parametrize("header", ["1e309", "nan", "-5", "Wed, 21 Oct 2095 07:28:00 GMT"])
@pytest.mark.parametrize("body_value", [10**400, "nan", None, 1e308],
                         ids=["10**400", "nan", "none", "1e308"])
async def test_retry_after_is_bounded(header: str, body_value: object) -> None:
    answers = iter([429, 200])

    def handler(request: httpx.Request) -> httpx.Response:
        if next(answers) == 429:
            return httpx.Response(429, headers={"Retry-After": header}, json={
                "statusCode": 429, "message": "Rate limit exceeded", "retryAfter": body_value})
        return httpx.Response(200, json={"id": "j1", "title": "Cook"})

    time_ = FakeTime()
    standin = StandIn(answer=handler)
    async with standin.client(time_) as client:
        assert (await client.get_job("j1")).title == "Cook"
    assert all(0 <= pause <= RETRY_AFTER_CAP for pause in time_.sleeps)


def stamped_in_milliseconds() -> dict[str, str]:
    """A server that sends its resets in milliseconds and has one request left each minute."""
    now_ms = str(int(time.time() * 1000))
    return {"X-RateLimit-Limit-Minute": "60", "X-RateLimit-Remaining-Minute": "1",
            "X-RateLimit-Reset-Minute": now_ms, "X-RateLimit-Limit-Hour": "2000",
            "X-RateLimit-Remaining-Hour": "1500", "X-RateLimit-Reset-Hour": now_ms}


@pytest.fixture
def private_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("INTERVIEW_DESK_CONFIG", str(tmp_path / "config.toml"))
    for name in ("INSTAVIEW_API_KEY", "INSTAVIEW_API_URL", "INTERVIEW_DESK_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.usefixtures("private_environment")
def test_sync_finishes_and_says_it_waits_for_the_rate_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    standin = StandIn(headers=stamped_in_milliseconds)
    time_ = FakeTime()
    argv = [*patch_cli(monkeypatch, standin, time_), "--data-dir", str(tmp_path), "sync"]

    assert main(argv) == 0

    out, err = capsys.readouterr()
    assert out.startswith("Synced: 30 new")
    assert re.search(r"\b[1-9]\d* requests · waiting 60 s for the API's rate limit", err)
    assert time_.sleeps and max(time_.sleeps) <= 60.0
    store = Store.open(cache_of(tmp_path, URL, KEY))
    assert len(store.ids("candidates")) == 30
    store.close()
