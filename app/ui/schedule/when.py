"""When an interview starts: what the recruiter types, read as a time in their own zone, and
said back in words for them and for the candidate.

The day takes a date (2026-12-03), `today`, `tomorrow` or a weekday (`mon` is the next
Monday, never today); the time takes 14:30, 9:30 or 9. Nothing here raises: a day no clock
can hold (0001-01-01 east of UTC) is a problem under the field, like any other typing slip.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from app.domain.requests import Problem

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
SOCIAL_HOURS = (time(8, 0), time(20, 0))  # a call outside these is a call at an odd hour
SHORT_NOTICE = timedelta(minutes=15)
FIELD = "scheduleTime"
HOW = ("Write the day as YYYY-MM-DD, today, tomorrow or a weekday (mon), and the time as HH:MM, "
       "e.g. tomorrow and 14:30.")


def read_day(text: str, today: date) -> date | None:
    """A typed day, or None when it is not one."""
    word = text.strip().lower()
    if word == "today":
        return today
    if word in ("tomorrow", "tmrw"):
        return today + timedelta(days=1)
    for index, name in enumerate(WEEKDAYS):
        if len(word) >= 3 and name.startswith(word):
            ahead = (index - today.weekday()) % 7 or 7
            return today + timedelta(days=ahead)
    try:
        return date.fromisoformat(word)
    except ValueError:
        return None


def read_clock(text: str) -> time | None:
    """A typed time of day: 14:30, 9:30 or 9."""
    word = text.strip()
    hours, _, minutes = word.partition(":")
    if not hours.isdigit() or (minutes and not minutes.isdigit()) or len(minutes) not in (0, 2):
        return None
    try:
        return time(int(hours), int(minutes or 0))
    except ValueError:
        return None


STEP = timedelta(minutes=15)  # what an arrow key moves the time by


def step_day(text: str, steps: int, *, today: date) -> str:
    """The day `steps` days after the typed one (today when none is typed), never before
    today, as YYYY-MM-DD: the arrow keys' picker."""
    day = read_day(text, today) or today
    try:
        stepped = day + timedelta(days=steps)
    except OverflowError:
        stepped = day
    return max(stepped, today).isoformat()


def step_clock(text: str, steps: int) -> str:
    """The time `steps` quarters of an hour after the typed one (09:00 when none is typed),
    landing on a quarter, within the day."""
    clock = read_clock(text) or time(9, 0)
    quarter = STEP.seconds // 60
    minutes = clock.hour * 60 + clock.minute
    if steps and minutes % quarter:  # the first step reaches the next quarter that way
        minutes -= minutes % quarter
        minutes += quarter if steps > 0 else 0
        steps -= 1 if steps > 0 else -1
    minutes = min(max(minutes + quarter * steps, 0), 24 * 60 - quarter)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def start_time(day: str, at: str, *, today: date) -> tuple[datetime | None, list[Problem]]:
    """The start in the recruiter's own zone with its UTC offset, or the problem with it.
    The day field may carry the time too (`tomorrow 10:00`) when the time field is empty."""
    if not at.strip() and " " in day.strip():
        day, at = day.strip().rsplit(" ", 1)
    chosen_day, clock = read_day(day, today), read_clock(at)
    if chosen_day is None or clock is None:
        return None, [Problem(FIELD, HOW)]
    try:
        return datetime.combine(chosen_day, clock).astimezone(), []
    except (OverflowError, ValueError):  # the first or last day of the calendar, off UTC
        return None, [Problem(FIELD, "Choose a day within the next 30 days.")]


@dataclass(frozen=True)
class SpokenTime:
    """A start said for people: `Thu 3 Dec, 10:00 your time · 11:00 for the candidate`."""

    text: str
    warnings: tuple[str, ...] = ()


def speak(when: datetime | None, *, now: datetime, zone: str | None) -> SpokenTime:
    """The start in words, with the warnings that do not block it (an odd hour for the
    candidate, or a start too soon for them to be ready)."""
    if when is None:
        return SpokenTime("now")
    mine = when.astimezone()
    text = f"{_day_and_time(mine, now.astimezone())} your time (UTC{_offset(mine)})"
    warnings = []
    theirs = _in_zone(when, zone)
    if theirs is not None:
        text += f" · {_day_and_time(theirs, mine, only_time=True)} for the candidate ({zone})"
        if not SOCIAL_HOURS[0] <= theirs.time() <= SOCIAL_HOURS[1]:
            warnings.append(f"That is {theirs:%H:%M} for the candidate, outside "
                            f"{SOCIAL_HOURS[0]:%H:%M}–{SOCIAL_HOURS[1]:%H:%M}: they may not "
                            "answer.")
    if timedelta(0) < when - now < SHORT_NOTICE:
        minutes = int((when - now).total_seconds() // 60)
        warnings.append(f"It starts in {minutes} minutes: give the candidate time to be ready.")
    return SpokenTime(text, tuple(warnings))


def _in_zone(when: datetime, zone: str | None) -> datetime | None:
    if zone is None:
        return None
    try:
        return when.astimezone(ZoneInfo(zone))
    except (OverflowError, ValueError, KeyError):
        return None


def _day_and_time(moment: datetime, other: datetime, *, only_time: bool = False) -> str:
    """`Thu 3 Dec, 10:00` (the year only when it is not the other's; the day only when it
    differs, for the second of two)."""
    clock = f"{moment:%H:%M}"
    if only_time and moment.date() == other.date():
        return clock
    day = f"{moment:%a} {moment.day} {moment:%b}"
    if moment.year != other.year:
        day += f" {moment.year}"
    return f"{day}, {clock}"


def _offset(moment: datetime) -> str:
    offset = moment.isoformat()[-6:]
    return offset if offset[0] in "+-" else "+00:00"
