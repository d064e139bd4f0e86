"""The sandbox as an ASGI app: every endpoint of API.md with its rules, scopes, rate limits,
both dialects, and injectable faults. It depends on app.domain only, never on the UI or cache."""

from __future__ import annotations

import asyncio
import json
import logging
import math
import random
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable
from datetime import datetime
from typing import Any

import pydantic_core
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from app.domain.models import Candidate
from app.domain.requests import Problem
from app.sandbox.clock import SandboxClock
from app.sandbox.lifecycle import Lookup, Moments, interview_view, iso, parse, status_at
from app.sandbox.seed import seed_company
from app.sandbox.settings import PLANS, SandboxSettings
from app.sandbox.storage import SandboxStorage
from app.sandbox.timekeeper import Timekeeper
from app.sandbox.traffic import DemoTraffic

log = logging.getLogger(__name__)
MAX_PAGE, MAX_LIMIT = 10_000, 100
MAX_BODY_BYTES = 1 << 20  # a request body's limit: the largest valid one is a few KB


class Json(JSONResponse):
    """Encoded by pydantic-core: a listing of interviews with their transcripts is most of
    the sandbox's answer, and the standard library took four times as long to write it."""

    def render(self, content: Any) -> bytes:
        return pydantic_core.to_json(content)


class ApiProblem(Exception):
    def __init__(self, status: int, code: str, message: str,
                 details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.details = status, code, message, details


class ConnectionDropped(Exception):
    """Fault injection: the connection closes before the response is complete."""


class DroppedResponse(Response):
    """Starts the response, then breaks off: the server did the work, the client never learns."""

    def __init__(self, response: Response) -> None:
        super().__init__(status_code=response.status_code, headers=dict(response.headers))
        self.headers["content-length"] = str(len(response.body) + 10)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": self.status_code,
                    "headers": self.raw_headers})
        raise ConnectionDropped("injected dropped connection")


def not_json() -> ApiProblem:
    return ApiProblem(400, "VALIDATION_ERROR", "The body is not valid JSON.",
                      {"fields": [{"field": "", "message": "Send a JSON object."}]})


def too_large() -> ApiProblem:
    return ApiProblem(413, "PAYLOAD_TOO_LARGE",
                      f"The request body is larger than {MAX_BODY_BYTES // 1024} KB.")


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _infinite_numbers(data: Any) -> list[str]:
    """Dotted paths of numbers too large for a float (JSON's 1e400 reads as infinity)."""
    found, pending = [], [("", data)]
    while pending:
        path, value = pending.pop()
        if isinstance(value, float) and not math.isfinite(value):
            found.append(path)
        elif isinstance(value, dict):
            pending += [(f"{path}.{key}" if path else str(key), item)
                        for key, item in value.items()]
        elif isinstance(value, list):
            pending += [(f"{path}[{index}]", item) for index, item in enumerate(value)]
    return sorted(found)


def bearer_key(header: str) -> str | None:
    """The key of an `Authorization: Bearer <key>` header; the scheme is required, in any
    case (RFC 9110 makes it case-insensitive)."""
    scheme, _, key = header.strip().partition(" ")
    if scheme.lower() != "bearer":
        return None
    return key.strip() or None


def not_found(kind: str, resource_id: str) -> ApiProblem:
    return ApiProblem(404, "RESOURCE_NOT_FOUND", f"{kind} {resource_id} not found",
                      {"resourceType": kind, "resourceId": resource_id})


def rejected(problems: list[Problem]) -> ApiProblem:
    return ApiProblem(400, "VALIDATION_ERROR", "Validation failed: " + "; ".join(
        str(problem) for problem in problems),
        {"fields": [{"field": p.field, "message": p.message} for p in problems]})


class RateWindows:
    """Per key, per minute and per hour counters in real time (clients pace in real time)."""

    def __init__(self) -> None:
        self.counts: dict[tuple[str, str, int], int] = defaultdict(int)

    def take(self, key: str, per_minute: int | None, per_hour: int | None,
             now: float) -> tuple[dict[str, str], float | None]:
        minute, hour = int(now // 60), int(now // 3600)
        used_minute = self.counts[(key, "m", minute)]
        used_hour = self.counts[(key, "h", hour)]
        limit_minute = per_minute or 1_000_000
        limit_hour = per_hour or 100_000_000
        retry_after = None
        if used_minute >= limit_minute:
            retry_after = (minute + 1) * 60 - now
        elif used_hour >= limit_hour:
            retry_after = (hour + 1) * 3600 - now
        else:
            self.counts[(key, "m", minute)] = used_minute = used_minute + 1
            self.counts[(key, "h", hour)] = used_hour = used_hour + 1
        headers = {
            "X-RateLimit-Limit-Minute": str(limit_minute),
            "X-RateLimit-Limit-Hour": str(limit_hour),
            "X-RateLimit-Remaining-Minute": str(max(0, limit_minute - used_minute)),
            "X-RateLimit-Remaining-Hour": str(max(0, limit_hour - used_hour)),
            "X-RateLimit-Reset-Minute": str((minute + 1) * 60),
            "X-RateLimit-Reset-Hour": str((hour + 1) * 3600),
        }
        return headers, retry_after


Handler = Callable[[Request], Awaitable[Any]]


class Sandbox:
    def __init__(self, settings: SandboxSettings, clock: SandboxClock) -> None:
        self.settings = settings
        self.clock = clock
        self.storage = SandboxStorage(settings.db_path)
        self.windows = RateWindows()
        self.random = random.Random(settings.seed)
        self.traffic = DemoTraffic(self.storage, settings.seed) if settings.lively else None
        if settings.reset or self.storage.meta("seeded") is None:
            self.storage.wipe()
            people = seed_company(self.storage, seed=settings.seed, now=clock.now(),
                                  empty=settings.empty, candidates=settings.candidates,
                                  interviews=settings.interviews,
                                  short_calls=settings.lively)
            self.storage.set_meta("seeded", iso(clock.now()) or "")
            if self.traffic is not None:
                self.traffic.remember_people(people)
        self.timekeeper = Timekeeper(self.storage, clock,
                                     follows_wall_clock=settings.follows_wall_clock)
        if self.timekeeper.start() and self.traffic is not None:
            self.traffic.forget_slots()

    # ── plumbing: faults, auth, rate limits, dialects ────────────────────────────────────

    def endpoint(self, scopes: tuple[str, ...], handler: Handler,
                 created: bool = False) -> Callable[[Request], Awaitable[Response]]:
        async def run(request: Request) -> Response:
            response = await answer(request)
            if self.settings.latency_ms:
                # A slow answer, not a slow arrival: the request is handled at once and only
                # the reply waits, so a client that gives up (or dies) meanwhile has still
                # created what it sent, as with a real server.
                await asyncio.sleep(self.settings.latency_ms / 1000)
            return response

        async def answer(request: Request) -> Response:
            settings = self.settings
            headers: dict[str, str] = {}
            self.keep_time()
            try:
                key = bearer_key(request.headers.get("authorization", ""))
                granted = None if key is None else settings.scopes_of(key)
                if key is None or granted is None:
                    raise ApiProblem(401, "INVALID_API_KEY", "Invalid API key")
                plan = PLANS[settings.plan]
                headers, retry_after = self.windows.take(key, plan.per_minute, plan.per_hour,
                                                         time.time())
                if retry_after is None and self.random.random() < settings.throttle_rate:
                    retry_after = 1 + self.random.random() * 2
                if retry_after is not None:
                    return self.too_many(retry_after, headers)
                if self.random.random() < settings.error_rate:
                    status = self.random.choice([500, 503])
                    raise ApiProblem(status, "INTERNAL_ERROR" if status == 500
                                     else "SERVICE_UNAVAILABLE", "Injected server failure")
                for scope in scopes:
                    if scope not in granted:
                        raise ApiProblem(403, "INSUFFICIENT_PERMISSIONS",
                                         f"This API key does not have the required scope: "
                                         f"{scope}")
                try:
                    result = await handler(request)
                except (TypeError, ValueError, KeyError, AttributeError, OverflowError):
                    if request.method not in ("POST", "PATCH"):
                        raise
                    # A shape the rules did not foresee: the body's fault, not the server's.
                    log.exception("a request body the rules let through broke its handler")
                    raise ApiProblem(400, "VALIDATION_ERROR", "The body has a value of a type "
                                     "or size this endpoint cannot take.", {"fields": [
                                         {"field": "", "message": "Check the values' types."}]},
                                     ) from None
                response = self.ok(result, 201 if created else 200, headers)
                if self.random.random() < settings.drop_rate:
                    return DroppedResponse(response)
                return response
            except ApiProblem as problem:
                return self.error(problem, headers)

        return run

    def envelope(self, data: Any) -> Any:
        if self.settings.dialect == "bare":
            return data
        return {"success": True, "data": data, "error": None, "timestamp": iso(self.clock.now())}

    def ok(self, result: Any, status: int, headers: dict[str, str]) -> Response:
        if isinstance(result, Response):
            result.headers.update(headers)
            return result
        if isinstance(result, ListResult):
            body = result.render(self.settings.dialect, self.envelope)
        else:
            body = self.envelope(result)
        return Json(body, status_code=status, headers=headers)

    def error(self, problem: ApiProblem, headers: dict[str, str]) -> Response:
        if self.settings.dialect == "bare":
            fields = (problem.details or {}).get("fields")
            message: Any = ([f"{f['field']} {f['message']}" for f in fields] if fields
                            else problem.message)
            body: dict[str, Any] = {"statusCode": problem.status, "message": message,
                                    "error": problem.code, "code": problem.code}
        else:
            body = {"success": False, "data": None, "timestamp": iso(self.clock.now()),
                    "error": {"code": problem.code, "message": problem.message,
                              "details": problem.details}}
        return Json(body, status_code=problem.status, headers=headers)

    def too_many(self, retry_after: float, headers: dict[str, str]) -> Response:
        seconds = max(1, round(retry_after))
        body = {"statusCode": 429, "message": "Rate limit exceeded",
                "error": "Too Many Requests", "retryAfter": seconds,
                "limit": int(headers.get("X-RateLimit-Limit-Minute", 0)),
                "remaining": 0, "reset": int(headers.get("X-RateLimit-Reset-Minute", 0))}
        return Json(body, status_code=429, headers={**headers, "Retry-After": str(seconds)})

    # ── shared helpers ───────────────────────────────────────────────────────────────────

    def now(self) -> datetime:
        return self.clock.now()

    def keep_time(self) -> None:
        """Before each answer: renew the clock's mark and, in the demo, its coming interviews."""
        now = self.now()
        self.timekeeper.note(now)
        if self.traffic is not None:
            self.traffic.top_up(now)

    def lookup(self, table: str, resource_id: str | None) -> dict[str, Any] | None:
        return None if resource_id is None else self.storage.get(table, resource_id)

    def require(self, table: str, kind: str, resource_id: str) -> dict[str, Any]:
        doc = self.storage.get(table, resource_id)
        if doc is None:
            raise not_found(kind, resource_id)
        return doc

    @staticmethod
    async def body(request: Request) -> Any:
        """The request's JSON, read at most MAX_BODY_BYTES far: a larger body is refused
        (413) before it is all in memory, by its Content-Length or as it arrives."""
        declared = request.headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY_BYTES):
            raise too_large() if declared.isdigit() else not_json()
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > MAX_BODY_BYTES:
                raise too_large()
            chunks.append(chunk)
        try:
            data = json.loads(b"".join(chunks), parse_constant=_no_constant)
        except (ValueError, RecursionError):
            raise not_json() from None
        not_finite = [Problem(path, "Give a finite number.") for path in _infinite_numbers(data)]
        if not_finite:
            raise rejected(not_finite)
        return data

    @staticmethod
    def paging(request: Request) -> tuple[int, int]:
        problems = []
        values = {}
        for name, default, top in (("page", 1, MAX_PAGE), ("limit", 20, MAX_LIMIT)):
            text = request.query_params.get(name)
            try:
                value = default if text is None else int(text)
            except ValueError:
                value = -1
            if not 1 <= value <= top:
                problems.append(Problem(name, f"{name} must be a whole number from 1 to {top}."))
            values[name] = value
        if problems:
            raise rejected(problems)
        return values["page"], values["limit"]

    def reader(self, candidates: Iterable[dict[str, Any]] = ()) -> Lookup:
        """A lookup for one answer: each document is read from the file once, and the
        candidates the answer already holds not at all (a listing's views share them)."""
        read: dict[tuple[str, str | None], dict[str, Any] | None] = {
            ("candidates", doc["id"]): doc for doc in candidates}

        def lookup(table: str, resource_id: str | None) -> dict[str, Any] | None:
            if (table, resource_id) not in read:
                read[table, resource_id] = self.lookup(table, resource_id)
            return read[table, resource_id]

        return lookup

    def view_interviews(self, docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The interviews as the API shows them now."""
        now, lookup = self.now(), self.reader()
        return [interview_view(doc, now, seed=self.settings.seed, lookup=lookup)
                for doc in docs]

    def view_interview(self, doc: dict[str, Any]) -> dict[str, Any]:
        return self.view_interviews([doc])[0]

    def view_candidates(self, docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The candidates as the API shows them now, with the counts and latest rating of
        their interviews (read in one query for the lot)."""
        owned = self.storage.by_owner("interviews", [doc["id"] for doc in docs])
        now, lookup = self.now(), self.reader(docs)
        return [self._candidate_view(doc, owned[doc["id"]], now, lookup) for doc in docs]

    def view_candidate(self, doc: dict[str, Any]) -> dict[str, Any]:
        return self.view_candidates([doc])[0]

    def _candidate_view(self, doc: dict[str, Any], interviews: list[dict[str, Any]],
                        now: datetime, lookup: Lookup) -> dict[str, Any]:
        moments = [Moments(interview, now) for interview in interviews]
        changed = [parse(doc.get("updatedAt")), *(m.updated for m in moments)]
        rated = [i for i, m in zip(interviews, moments, strict=True)
                 if m.analysis_status == "COMPLETED"]
        rating = None
        if rated:
            latest = max(rated, key=lambda i: i["scheduledAt"])
            view = interview_view(latest, now, seed=self.settings.seed, lookup=lookup)
            rating = view["analysis"]["general"].get("overallRating")
        return {**doc, "interviewCount": len(interviews), "analysisCount": len(rated),
                "overallRating": rating, "links": {"self": f"/candidates/{doc['id']}"},
                "updatedAt": iso(max((m for m in changed if m is not None), default=None))}

    def candidate_model(self, doc: dict[str, Any]) -> Candidate:
        return Candidate.model_validate(self.view_candidate(doc))


class ListResult:
    def __init__(self, items: list[Any], total: int, page: int, limit: int) -> None:
        self.items, self.total, self.page, self.limit = items, total, page, limit

    def render(self, dialect: str, envelope: Callable[[Any], Any]) -> Any:
        pages = max(1, -(-self.total // self.limit))
        if dialect == "bare":
            return {"data": self.items, "total": self.total, "page": self.page,
                    "limit": self.limit, "totalPages": pages}
        return envelope({"items": self.items, "pagination": {
            "total": self.total, "page": self.page, "limit": self.limit, "totalPages": pages,
            "hasNextPage": self.page < pages, "hasPreviousPage": self.page > 1}})


def page_of(items: list[Any], page: int, limit: int) -> ListResult:
    return ListResult(items[(page - 1) * limit : page * limit], len(items), page, limit)


def minutes_used(sandbox: Sandbox) -> float:
    return sum(float(doc.get("durationMinutes") or 0) for doc in sandbox.storage.all("interviews")
               if not doc.get("isTest") and status_at(doc, sandbox.now()) != "CANCELLED")
