"""The Interviews API client: typed methods over httpx, and the only code that speaks HTTP.

Reads and deletes are retried with backoff and jitter on 5xx and network errors; a 429 is
retried after its Retry-After for any method, since the server did not process it. A create
whose answer is lost after sending is never re-sent: it raises OutcomeUnknownError so the
caller can look before sending again.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import math
import random
import ssl
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from datetime import datetime
from typing import Any, TypeVar
from urllib.parse import quote

import httpx
import pydantic_core
from pydantic import BaseModel, ValidationError

from app.api.errors import (
    ApiError,
    AuthenticationError,
    BillingLimitError,
    ConflictError,
    ForbiddenError,
    MissingScopeError,
    NotFoundError,
    OfflineError,
    OutcomeUnknownError,
    RateLimitedError,
    RequestRejected,
    ServerError,
    UnreadableAnswerError,
    missing_scope_message,
)
from app.api.limiter import RateLimiter, RateLimitState
from app.api.wire import Page, error_details, impossible_field, parse_page, unwrap
from app.domain.models import Agent, BillingUsage, CallAttempt, Candidate, Interview, Job
from app.domain.requests import InterviewRequest

log = logging.getLogger(__name__)
T = TypeVar("T", bound=BaseModel)
PAGE_LIMIT = 100
MAX_PAGE = 10_000  # the API takes page 1 to 10,000 (API.md, section 2)
IDEMPOTENT = {"GET", "DELETE", "PATCH"}
BACKOFF_BASE = 0.5
BACKOFF_CAP = 30.0
RETRY_AFTER_CAP = 120.0


@functools.cache
def certificate_check() -> ssl.SSLContext:
    """How every client checks an https server's certificate: httpx's own default (the CA
    bundle of certifi, or the one SSL_CERT_FILE or SSL_CERT_DIR names), with the
    hostname checked and a certificate required.

    Made once per process, when the first client that speaks to the network needs it: loading
    the CA bundle takes 15-20 ms, which httpx otherwise spends on every client it makes, and
    a desk makes one per sync, per command and per screen that calls the API."""
    return httpx.create_ssl_context()


def key_hint(api_key: str) -> str:
    return f"sk_…{api_key[-4:]}" if len(api_key) > 8 else "sk_…"


class InterviewsClient:
    """Async client; use as `async with InterviewsClient(url, key) as client:` or aclose()."""

    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: float = 10.0,
        max_retries: int = 4,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
        max_per_second: float = 5.0,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.key_hint = key_hint(api_key)
        self.max_retries = max_retries
        self.requests_sent = 0
        self._sleep = sleep
        self.limiter = RateLimiter(max_per_second=max_per_second, clock=clock,
                                   wall_clock=wall_clock, sleep=sleep)
        self._http = httpx.AsyncClient(
            base_url=self.base_url,
            transport=transport,
            # A transport of the caller's (the in-process sandbox, a test's) makes no TLS
            # connection: httpx then uses no context, so none is made for it.
            verify=certificate_check() if transport is None else True,
            timeout=timeout,
            headers={"Authorization": f"Bearer {api_key}", "Accept": "application/json"},
        )

    def __repr__(self) -> str:
        return f"InterviewsClient({self.base_url!r}, key={self.key_hint})"

    async def __aenter__(self) -> InterviewsClient:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    @property
    def rate_limit(self) -> RateLimitState:
        return self.limiter.state

    # ── the request loop ─────────────────────────────────────────────────────────────────

    async def _request(
        self, method: str, path: str, *, params: Mapping[str, Any] | None = None,
        json: Any = None,
    ) -> Any:
        """The unwrapped body of a successful response, or a typed error."""
        query = {key: value for key, value in (params or {}).items() if value is not None}
        attempt = 0
        while True:
            await self.limiter.wait()
            self.requests_sent += 1
            try:
                response = await self._on_the_wire(method, path, query, json)
            except httpx.DecodingError:
                if method not in IDEMPOTENT:
                    raise OutcomeUnknownError(
                        f"The API's answer to the {method} to {path} could not be decoded; it "
                        "may or may not have been carried out.") from None
                raise UnreadableAnswerError(
                    f"The API sent a body that cannot be decoded (its Content-Encoding does not "
                    f"match it) for {path}.") from None
            except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as error:
                failure: ApiError = OfflineError(
                    f"Cannot reach the API at {self.base_url} ({type(error).__name__}). "
                    "Check the connection; cached data stays available."
                )
                # Refused or unroutable is offline now: retrying it only kept the recruiter
                # waiting 6-10 s to learn so. A connection that timed out may yet come.
                retry = not isinstance(error, httpx.ConnectError)
            except (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError) as error:
                if method not in IDEMPOTENT:
                    raise OutcomeUnknownError(
                        f"The API did not answer the {method} to {path} "
                        f"({type(error).__name__}); it may or may not have been carried out."
                    ) from None
                failure = OfflineError(
                    f"The API at {self.base_url} stopped answering ({type(error).__name__})."
                )
                retry = True
            else:
                self.limiter.observe(response.headers)
                if 200 <= response.status_code < 300:
                    return self._body(response)
                if response.status_code < 400:
                    # httpx does not follow redirects for us: a 3xx's body is no answer.
                    raise ApiError(
                        f"The API answered {response.status_code} (a redirect) to {path}: "
                        "check the API URL.", status=response.status_code)
                failure = self._error(response)
                if isinstance(failure, RateLimitedError):
                    self.limiter.block_for(failure.retry_after)
                    retry = True
                elif isinstance(failure, ServerError):
                    if method not in IDEMPOTENT:
                        raise OutcomeUnknownError(
                            f"The API failed while handling the {method} to {path} "
                            f"({response.status_code}); it may or may not have been carried out."
                        )
                    retry = True
                else:
                    retry = False
            if not retry or attempt >= self.max_retries:
                raise failure
            attempt += 1
            if not isinstance(failure, RateLimitedError):
                delay = min(BACKOFF_CAP, BACKOFF_BASE * 2 ** (attempt - 1))
                await self._sleep(delay * random.uniform(0.5, 1.0))
            log.info("retrying %s %s (attempt %d): %s", method, path, attempt + 1,
                     type(failure).__name__)

    async def _on_the_wire(self, method: str, path: str, query: Mapping[str, Any],
                           json: Any) -> httpx.Response:
        """One request; the limiter hears when it is over, however it ended, so it counts
        what is still on the wire against the budget."""
        try:
            return await self._http.request(method, path, params=query, json=json)
        finally:
            self.limiter.answered()

    @staticmethod
    def _body(response: httpx.Response) -> Any:
        if response.status_code == 204 or not response.content:
            return None
        try:
            # Invalid UTF-8 in one record's text becomes U+FFFD rather than losing the page.
            # pydantic-core: 0.09 s per bench sync against the standard library's 0.12 s.
            return unwrap(pydantic_core.from_json(
                response.content.decode("utf-8", errors="replace")))
        except ValueError as error:
            raise UnreadableAnswerError(f"The API sent a body that is not JSON ({error}).",
                                        status=response.status_code) from None

    def _error(self, response: httpx.Response) -> ApiError:
        status = response.status_code
        try:
            body: Any = response.json()
        except ValueError:
            body = response.text
        code, message, problems, details = error_details(body)
        if status == 429:
            retry_after = _retry_after(response, body)
            return RateLimitedError(
                f"The API is rate limiting this key; it takes requests again in "
                f"{retry_after:.0f} s.", retry_after)
        if status >= 500:
            return ServerError(f"The API failed ({status}{': ' + message if message else ''}).",
                               status=status, code=code)
        if status == 402 or code == "BILLING_LIMIT_REACHED" or "billing limit" in message.lower():
            return BillingLimitError(
                message or "The company's billing limit is reached: no more interviews can be "
                "scheduled until the plan allows more.", status=status, code=code)
        if status == 401:
            return AuthenticationError(
                f"The API refused the key {self.key_hint}"
                f"{' (' + message + ')' if message else ''}. Check INSTAVIEW_API_KEY.",
                status=status, code=code)
        if status == 403:
            if code == "INSUFFICIENT_PERMISSIONS" or "scope" in message.lower():
                scope = _scope_in(message)
                return MissingScopeError(scope, missing_scope_message(scope))
            return ForbiddenError(message or "The API says this belongs to another company.",
                                  status=status, code=code)
        if status == 404:
            kind = details.get("resourceType") if isinstance(details, dict) else None
            return NotFoundError(message or f"{kind or 'The resource'} was not found "
                                 "(it may have been deleted).", status=status, code=code)
        if status == 409:
            return ConflictError(message or "The request conflicts with the current state.",
                                 status=status, code=code)
        if status in (400, 422):
            return RequestRejected(message or "The API rejected the request.", problems,
                                   status=status, code=code)
        return ApiError(message or f"The API answered {status}.", status=status, code=code)

    # ── helpers ──────────────────────────────────────────────────────────────────────────

    async def _get_model(self, model: type[T], path: str, **params: Any) -> T:
        payload = await self._request("GET", path, params=params)
        return _validate(model, payload)

    async def _get_one(self, model: type[T], path: str, record_id: str) -> T:
        """The record asked for by id; an answer about another record is unreadable (the
        watcher once filed another interview's answer under the one it asked for)."""
        record = await self._get_model(model, path)
        if getattr(record, "id", record_id) != record_id:
            raise UnreadableAnswerError(
                f"The API answered a request for {model.__name__.lower()} {record_id} with "
                "another one.")
        return record

    async def _page(self, model: type[T], path: str, *, page: int, limit: int,
                    **params: Any) -> Page[T]:
        body = await self._request("GET", path, params={**params, "page": page, "limit": limit})
        return parse_page(model, {"data": body} if isinstance(body, list) else body,
                          page=page, limit=limit)

    async def _pages(self, model: type[T], path: str, *, limit: int = PAGE_LIMIT,
                     **params: Any) -> AsyncIterator[Page[T]]:
        page = 1
        while True:
            current = await self._page(model, path, page=page, limit=limit, **params)
            yield current
            if not current.has_next:
                return
            page = next_page(page, path)

    # ── candidates ───────────────────────────────────────────────────────────────────────

    async def list_candidates(self, *, job_id: str | None = None, status: str | None = None,
                              search: str | None = None, page: int = 1,
                              limit: int = PAGE_LIMIT) -> Page[Candidate]:
        return await self._page(Candidate, "/candidates", page=page, limit=limit, jobId=job_id,
                                status=status, search=search)

    def iter_candidate_pages(self, *, job_id: str | None = None, status: str | None = None,
                             search: str | None = None, limit: int = PAGE_LIMIT,
                             ) -> AsyncIterator[Page[Candidate]]:
        return self._pages(Candidate, "/candidates", limit=limit, jobId=job_id, status=status,
                           search=search)

    async def get_candidate(self, candidate_id: str) -> Candidate:
        return await self._get_one(Candidate, api_path("candidates", candidate_id), candidate_id)

    async def create_candidate(self, body: dict[str, Any]) -> Candidate:
        return _validate(Candidate, await self._request("POST", "/candidates", json=body))

    async def update_candidate(self, candidate_id: str, body: dict[str, Any]) -> Candidate:
        payload = await self._request("PATCH", api_path("candidates", candidate_id), json=body)
        return _validate(Candidate, payload)

    async def delete_candidate(self, candidate_id: str) -> None:
        await self._request("DELETE", api_path("candidates", candidate_id))

    # ── jobs and agents ──────────────────────────────────────────────────────────────────

    async def list_jobs(self, *, page: int = 1, limit: int = PAGE_LIMIT) -> Page[Job]:
        return await self._page(Job, "/jobs", page=page, limit=limit)

    async def iter_jobs(self) -> AsyncIterator[Job]:
        async for page in self._pages(Job, "/jobs"):
            for job in page.items:
                yield job

    async def get_job(self, job_id: str) -> Job:
        return await self._get_one(Job, api_path("jobs", job_id), job_id)

    async def create_job(self, body: dict[str, Any]) -> Job:
        return _validate(Job, await self._request("POST", "/jobs", json=body))

    async def list_agents(self, *, page: int = 1, limit: int = PAGE_LIMIT) -> Page[Agent]:
        return await self._page(Agent, "/agents", page=page, limit=limit)

    async def iter_agents(self) -> AsyncIterator[Agent]:
        async for page in self._pages(Agent, "/agents"):
            for agent in page.items:
                yield agent

    async def get_agent(self, agent_id: str) -> Agent:
        return await self._get_one(Agent, api_path("agents", agent_id), agent_id)

    # ── interviews ───────────────────────────────────────────────────────────────────────

    async def list_interviews(self, candidate_id: str, *, agent_id: str | None = None,
                              status: str | None = None, page: int = 1,
                              limit: int = PAGE_LIMIT) -> Page[Interview]:
        return await self._page(Interview, "/interviews", page=page, limit=limit,
                                candidateId=candidate_id, agentId=agent_id, status=status)

    async def iter_interviews(self, candidate_id: str) -> AsyncIterator[Interview]:
        async for page in self._pages(Interview, "/interviews", candidateId=candidate_id):
            for interview in page.items:
                yield interview

    async def get_interview(self, interview_id: str) -> Interview:
        return await self._get_one(Interview, api_path("interviews", interview_id), interview_id)

    async def create_interview(self, request: InterviewRequest | dict[str, Any]) -> Interview:
        body = request.to_wire() if isinstance(request, InterviewRequest) else request
        return _validate(Interview, await self._request("POST", "/interviews", json=body))

    async def delete_interview(self, interview_id: str) -> None:
        await self._request("DELETE", api_path("interviews", interview_id))

    async def create_call_attempt(self, interview_id: str,
                                  scheduled_at: datetime | None) -> CallAttempt:
        payload = await self._request(
            "POST", api_path("interviews", interview_id, "call-attempts"),
            json={"scheduledAt": scheduled_at.isoformat() if scheduled_at else None},
        )
        return _validate(CallAttempt, payload)

    async def reschedule_call_attempt(self, interview_id: str, attempt_id: str,
                                      scheduled_at: datetime) -> None:
        await self._request("PATCH", api_path("interviews", interview_id, "call-attempts",
                                              attempt_id),
                            json={"scheduledAt": scheduled_at.isoformat()})

    async def delete_call_attempt(self, interview_id: str, attempt_id: str) -> None:
        await self._request("DELETE", api_path("interviews", interview_id, "call-attempts",
                                               attempt_id))

    async def analysis_pdf(self, interview_id: str) -> bytes:
        import base64
        import binascii

        payload = await self._request("GET", api_path("interviews", interview_id, "analysis-pdf"))
        encoded = payload.get("analysisPdfBase64") if isinstance(payload, dict) else None
        try:
            return base64.b64decode(encoded or "", validate=True)
        except (binascii.Error, TypeError):
            raise ServerError("The API sent an analysis PDF that cannot be decoded.") from None

    async def billing_usage(self, *, start: datetime | None = None,
                            end: datetime | None = None) -> BillingUsage:
        return await self._get_model(
            BillingUsage, "/billing/usage",
            start=start.isoformat() if start else None, end=end.isoformat() if end else None,
        )


def next_page(page: int, path: str) -> int:
    """The page after `page` of a listing, unless that is past the API's last page: a server
    that says "there is a next page" forever would otherwise keep a sync paging for ever."""
    if page >= MAX_PAGE:
        raise UnreadableAnswerError(
            f"The API still says there is another page of {path} after page {MAX_PAGE:,}, the "
            "last one it allows; the listing was stopped there. The server is misbehaving: "
            "try again later, or tell its provider.")
    return page + 1


def _validate(model: type[T], payload: Any) -> T:
    try:
        item = model.model_validate(payload)
    except ValidationError as error:
        raise UnreadableAnswerError(
            f"The API sent a {model.__name__} the app cannot read: "
            f"{error.errors()[0]['msg'] if error.errors() else error}") from None
    problem = impossible_field(item)
    if problem is not None:
        raise UnreadableAnswerError(
            f"The API sent a {model.__name__} with an impossible {problem}.")
    return item


def api_path(*segments: str) -> str:
    """`/interviews/{id}/call-attempts`, each segment escaped as exactly one path segment.

    Ids come from the server (or a cache it filled): unescaped, `../../billing/usage?x=` would
    call another endpoint and a control character would make httpx refuse the URL. `.` and
    `..` cannot be escaped (servers read `%2E` as a dot), and no record has them as its id."""
    for segment in segments:
        if segment in ("", ".", ".."):
            raise NotFoundError(f"No record can have the id {segment!r}.", status=404)
    return "/" + "/".join(quote(segment, safe="") for segment in segments)


def _retry_after(response: httpx.Response, body: Any) -> float:
    """Seconds to wait after a 429, between 0 and RETRY_AFTER_CAP whatever the server says
    (an HTTP date, NaN or 10**400 fall back to the body, then to a second)."""
    for value in (response.headers.get("retry-after"),
                  body.get("retryAfter") if isinstance(body, dict) else None):
        try:
            seconds = float(value) if value is not None else math.nan
        except (TypeError, ValueError, OverflowError):
            continue
        if not math.isnan(seconds):
            return min(RETRY_AFTER_CAP, max(0.0, seconds))
    return 1.0


def _scope_in(message: str) -> str | None:
    for word in message.replace(",", " ").split():
        word = word.strip(".:;'\"()")
        if ":" in word and word.split(":")[0] in ("read", "write", "delete"):
            return word
    return None
