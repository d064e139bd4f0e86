"""Client-side pacing: as fast as the API allows, never over it, so normal use meets no 429.

The API counts requests per key per minute and per hour and reports what is left in the
X-RateLimit-* headers. Once a response has said so, the limiter spaces requests evenly over what
is left of the current minute, and over the hour once the hour is nearly spent, so a long sync
slows down smoothly instead of running into the wall; a small reserve in each window stays for
the recruiter's own actions, and requests still on the wire count as spent. There is no fixed
cap: a plan of 600 a minute is used at 600 a minute (a fixed 5 a second made a first sync on the
fast plans take twice as long as the server allowed). `max_per_second` (the docs' "about 5 a
second") paces only before the first answer and for a server that sends no rate-limit headers.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass

log = logging.getLogger(__name__)
DEFAULT_MAX_PER_SECOND = 5.0
RESERVE = 2  # requests kept back for the recruiter's own actions, at least
RESERVE_SHARE = 0.02  # and on a large plan, this share of the window (12 of 600 a minute)


MINUTE = 60.0
HOUR = 3600.0
MOST_REQUESTS = 10**9  # above any plan: a larger count is as good as unlimited
ANNOUNCE_WAIT_SECONDS = 2.0  # shorter pauses are ordinary pacing, not worth a word


@dataclass(frozen=True)
class RateLimitState:
    """What the last response said about the budget (None until a response told us)."""

    limit_minute: int | None = None
    limit_hour: int | None = None
    remaining_minute: int | None = None
    remaining_hour: int | None = None
    reset_minute: float | None = None  # Unix seconds, never more than a minute from now
    reset_hour: float | None = None  # Unix seconds, never more than an hour from now

    @classmethod
    def from_headers(cls, headers: Mapping[str, str], previous: RateLimitState,
                     now: float) -> tuple[RateLimitState, list[str]]:
        """The new state and the headers that were implausible (clamped or ignored).

        A server's numbers are not trusted: a reset stamped in milliseconds, or far in the
        future, made a sync sleep for decades. A reset lies between now and one window from
        now; a count is a whole number from 0 to MOST_REQUESTS; NaN and text are ignored."""
        implausible: list[str] = []

        def number(name: str) -> float | None:
            value = headers.get(name)
            try:
                parsed = float(value) if value is not None else None
            except ValueError:
                parsed = None
            if value is not None and (parsed is None or math.isnan(parsed)):
                implausible.append(name)
                return None
            return parsed

        def count(name: str, old: int | None) -> int | None:
            value = number(name)
            if value is None:
                return old
            if not 0 <= value <= MOST_REQUESTS:
                implausible.append(name)
            return int(min(max(value, 0), MOST_REQUESTS))

        def reset(name: str, window: float, old: float | None) -> float | None:
            value = number(name)
            if not value:
                return old
            if not now - window <= value <= now + window:
                implausible.append(name)
            return min(max(value, now), now + window)

        state = cls(
            limit_minute=count("x-ratelimit-limit-minute", previous.limit_minute),
            limit_hour=count("x-ratelimit-limit-hour", previous.limit_hour),
            remaining_minute=count("x-ratelimit-remaining-minute", previous.remaining_minute),
            remaining_hour=count("x-ratelimit-remaining-hour", previous.remaining_hour),
            reset_minute=reset("x-ratelimit-reset-minute", MINUTE, previous.reset_minute),
            reset_hour=reset("x-ratelimit-reset-hour", HOUR, previous.reset_hour),
        )
        return state, implausible


def reserve(limit: int | None) -> int:
    """Requests of a window kept back for the recruiter's own actions."""
    return max(RESERVE, math.ceil((limit or 0) * RESERVE_SHARE))


class RateLimiter:
    """Waits before each request as long as the budget asks.

    `on_wait`, when set, hears of every pause long enough to notice, so a sync can say why it
    stands still ("waiting 42 s for the API's rate limit") instead of looking hung."""

    def __init__(
        self,
        *,
        max_per_second: float = DEFAULT_MAX_PER_SECOND,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.state = RateLimitState()
        self._min_gap = 1.0 / max_per_second if max_per_second > 0 else 0.0
        self._clock = clock
        self._wall_clock = wall_clock
        self._sleep = sleep
        self._next_at = 0.0
        self._blocked_until = 0.0
        self._lock = asyncio.Lock()
        self._told_implausible = False
        self._in_flight = 0  # requests sent and not yet answered
        self.on_wait: Callable[[float], None] | None = None

    def gap(self) -> float:
        """Seconds to leave between requests given the budget left in each window.

        What is left of the minute is spread over the rest of the minute. The hour restrains
        only once less than a minute's allowance of it is left: spreading a trial key's 500
        requests an hour evenly made every request of a 24-request sync wait 7 seconds, though
        the minute's pacing alone could never have run the hour dry before its last minute.
        Before any response said what the key may send, `max_per_second` paces."""
        state = self.state
        if not self.told:
            return self._min_gap
        now = self._wall_clock()
        gap = 0.0
        minute_reserve = reserve(state.limit_minute)
        windows = [(state.remaining_minute, state.reset_minute, state.limit_minute, MINUTE)]
        if (state.limit_minute is None or state.remaining_hour is None
                or state.remaining_hour - reserve(state.limit_hour) < state.limit_minute):
            windows.append((state.remaining_hour, state.reset_hour, state.limit_hour, HOUR))
        for remaining, reset, limit, window in windows:
            if remaining is None or reset is None:
                continue
            if reset <= now and limit is not None:
                # The window the count was for has ended: a new one has all of its limit.
                remaining, reset = limit, now + window
            window_left = max(0.0, reset - now)
            usable = remaining - self._in_flight - (minute_reserve if window == MINUTE
                                                    else reserve(limit))
            gap = max(gap, window_left / usable if usable > 0 else window_left)
        return gap

    @property
    def told(self) -> bool:
        """Whether a response has said anything of the key's budget."""
        state = self.state
        return any(value is not None for value in (
            state.limit_minute, state.limit_hour, state.remaining_minute, state.remaining_hour))

    def per_minute(self) -> float | None:
        """Requests a minute at the pace the budget allows (the minute's limit less its
        reserve), or None when the server has not said."""
        state = self.state
        if state.limit_minute is not None:
            return float(max(1, state.limit_minute - reserve(state.limit_minute)))
        if state.limit_hour is not None:
            return max(1, state.limit_hour - reserve(state.limit_hour)) / 60.0
        if self._min_gap > 0:
            return 60.0 / self._min_gap
        return None

    def hour_left(self) -> int | None:
        """Requests left of this hour's quota for a sync (the reserve kept back)."""
        state = self.state
        if state.remaining_hour is None:
            return None
        return max(0, state.remaining_hour - reserve(state.limit_hour))

    def seconds_for(self, requests: int) -> float | None:
        """How long `requests` more take at the pace the budget allows: at the minute's
        rate while the hour's quota lasts, then a wait for the hour to reset and a new
        hour's quota at a time. None when nothing says how fast the key may go."""
        rate = self.per_minute()
        if rate is None:
            return None
        per_second = rate / 60.0
        hour_left = self.hour_left()
        state = self.state
        if hour_left is None or requests <= hour_left or state.limit_hour is None:
            return requests / per_second
        now = self._wall_clock()
        reset = state.reset_hour if state.reset_hour is not None else now + HOUR
        seconds = max(hour_left / per_second, reset - now)
        left = requests - hour_left
        per_hour = max(1, state.limit_hour - reserve(state.limit_hour))
        while left > per_hour:
            seconds += HOUR
            left -= per_hour
        return seconds + left / per_second

    def waits_for_the_hour(self) -> bool:
        """Whether the hour's quota, not the minute's, is what holds the next request."""
        hour_left = self.hour_left()
        return hour_left is not None and hour_left - self._in_flight <= 0

    async def wait(self) -> None:
        async with self._lock:
            now = self._clock()
            start = max(now, self._next_at, self._blocked_until)
            if start > now:
                if self.on_wait is not None and start - now >= ANNOUNCE_WAIT_SECONDS:
                    self.on_wait(start - now)
                await self._sleep(start - now)
            self._next_at = max(start, self._clock()) + self.gap()
            self._in_flight += 1

    def answered(self) -> None:
        """A request granted by `wait` is over (answered, failed or cancelled)."""
        self._in_flight = max(0, self._in_flight - 1)

    def observe(self, headers: Mapping[str, str]) -> None:
        told = self.told
        self.state, implausible = RateLimitState.from_headers(headers, self.state,
                                                              self._wall_clock())
        if not told and self.told:
            # The gentle start is over: the next request goes at the pace the budget allows,
            # not after the gentle gap set before anyone knew it.
            self._next_at = min(self._next_at, self._clock() + self.gap())
        if implausible and not self._told_implausible:
            self._told_implausible = True  # once: the same server says the same every time
            log.warning("the API sent implausible rate-limit headers (%s); clamped to their "
                        "windows", ", ".join(sorted(set(implausible))))

    def block_for(self, seconds: float) -> None:
        """After a 429: nobody sends before `Retry-After` has passed."""
        self._blocked_until = max(self._blocked_until, self._clock() + seconds)
