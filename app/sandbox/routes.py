"""The sandbox's endpoints, one function each, with the scopes of API.md section 1."""

from __future__ import annotations

import base64
from datetime import datetime, timedelta
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.routing import Route

from app.domain.models import Agent
from app.domain.requests import (
    Problem,
    check_candidate,
    check_interview_request,
    check_job,
    check_schedule_time,
)
from app.domain.shared_verdicts import merged_metadata, metadata_problem
from app.sandbox.clock import SandboxClock
from app.sandbox.lifecycle import decide_outcome, iso, parse, status_at
from app.sandbox.pdf import analysis_pdf
from app.sandbox.seed import COMPANY_ID
from app.sandbox.server import (
    ApiProblem,
    ListResult,
    Sandbox,
    minutes_used,
    not_found,
    page_of,
    rejected,
)
from app.sandbox.settings import PLANS, SandboxSettings
from app.sandbox.storage import new_id
from app.sandbox.traffic import call_minutes

JOB_FIELDS = ("title", "description", "status", "jobUrl", "benefits", "requiredSkills",
              "niceToHaveSkills", "languageRequirements", "education", "experience",
              "contractType", "location", "salary", "metadata")
CANDIDATE_FIELDS = ("firstName", "lastName", "email", "phoneNumber", "gdprExpiryDate",
                    "status", "metadata")


class Routes:
    def __init__(self, sandbox: Sandbox) -> None:
        self.s = sandbox

    # ── candidates ───────────────────────────────────────────────────────────────────────

    async def list_candidates(self, request: Request) -> Any:
        page, limit = self.s.paging(request)
        params = request.query_params
        job_id, status, search = params.get("jobId"), params.get("status"), params.get("search")
        if job_id or status or search:
            window = page_of(self.filtered_candidates(job_id, status, search), page, limit)
        else:
            window = ListResult(*self.s.storage.page("candidates", (page - 1) * limit, limit),
                                page, limit)
        window.items = self.s.view_candidates(window.items)
        return window

    def filtered_candidates(self, job_id: str | None, status: str | None,
                            search: str | None) -> list[dict[str, Any]]:
        docs = self.s.storage.all("candidates")
        if job_id:
            docs = [d for d in docs if job_id in (d.get("jobIds") or [])]
        if status:
            docs = [d for d in docs if (d.get("status") or "").upper() == status.upper()]
        if search:
            needle = search.lower()
            docs = [d for d in docs if needle in " ".join(
                filter(None, (d.get("firstName"), d.get("lastName"), d.get("email")))).lower()]
        return docs

    async def get_candidate(self, request: Request) -> Any:
        return self.s.view_candidate(
            self.s.require("candidates", "Candidate", request.path_params["id"]))

    def new_candidate(self, body: dict[str, Any], job_ids: list[str]) -> dict[str, Any]:
        now = iso(self.s.now())
        doc = {"id": new_id(), "companyId": COMPANY_ID, "status": "APPLIED", "metadata": None,
               **{k: body.get(k) for k in CANDIDATE_FIELDS if body.get(k) is not None},
               "jobIds": job_ids, "jobId": job_ids[0] if job_ids else None,
               "createdAt": now, "updatedAt": now}
        return self.s.storage.put("candidates", doc)

    async def create_candidate(self, request: Request) -> Any:
        body = await self.s.body(request)
        problems = check_candidate(body, today=self.s.now().date())
        job_ids = self.job_ids_of(body, problems)
        if problems:
            raise rejected(problems)
        return self.s.view_candidate(self.new_candidate(body, job_ids))

    def job_ids_of(self, body: Any, problems: list[Problem]) -> list[str]:
        """The jobs a candidate body names (`jobIds`, then `jobId`), each of which must exist;
        an id that is not text is the rules' to report (`check_candidate`)."""
        if not isinstance(body, dict):
            return []
        listed = body.get("jobIds") if isinstance(body.get("jobIds"), list) else []
        named = [(f"jobIds[{index}]", job_id) for index, job_id in enumerate(listed)]
        named.append(("jobId", body.get("jobId")))
        ids = []
        for field, job_id in named:
            if not isinstance(job_id, str) or not job_id.strip():
                continue
            if self.s.storage.get("jobs", job_id) is None:
                problems.append(Problem(field, f"No job {job_id} exists."))
            ids.append(job_id)
        return list(dict.fromkeys(ids))

    async def update_candidate(self, request: Request) -> Any:
        doc = self.s.require("candidates", "Candidate", request.path_params["id"])
        body = await self.s.body(request)
        if not isinstance(body, dict):
            raise rejected([Problem("", "Send a JSON object.")])
        merged = {**{k: doc.get(k) for k in CANDIDATE_FIELDS}, **{
            k: body[k] for k in CANDIDATE_FIELDS if k in body}}
        links = {k: body[k] for k in ("jobIds", "jobId") if k in body}
        problems = check_candidate({**merged, **links}, today=self.s.now().date())
        changes = {k: body[k] for k in CANDIDATE_FIELDS if k in body}
        if "metadata" in body:  # merged key by key, within the limits (API.md section 3)
            changes["metadata"] = self.merged_metadata(doc.get("metadata"), body["metadata"],
                                                       problems)
        if links:
            doc["jobIds"] = self.job_ids_of(body, problems)
            doc["jobId"] = doc["jobIds"][0] if doc["jobIds"] else None
        if problems:
            raise rejected(problems)
        doc.update(changes)
        doc["updatedAt"] = iso(self.s.now())
        self.s.storage.put("candidates", doc)
        return self.s.view_candidate(doc)

    @staticmethod
    def merged_metadata(stored: Any, patch: Any, problems: list[Problem]) -> Any:
        """`patch` merged over the stored metadata key by key; a patch that is not an object,
        or a result beyond 10 KB, 5 levels or 50 keys, is a problem and changes nothing."""
        if not isinstance(patch, dict):
            problems.append(Problem("metadata", "metadata must be a JSON object; its keys "
                                                "are merged into the candidate's."))
            return stored
        merged = merged_metadata(stored, patch)
        problem = metadata_problem(merged)
        if problem is not None:
            problems.append(Problem("metadata", problem))
            return stored
        return merged

    async def delete_candidate(self, request: Request) -> Any:
        candidate_id = request.path_params["id"]
        self.s.require("candidates", "Candidate", candidate_id)
        for interview in self.s.storage.all("interviews", owner=candidate_id):
            self.s.storage.delete("interviews", interview["id"])
        self.s.storage.delete("candidates", candidate_id)
        return True

    # ── jobs and agents ──────────────────────────────────────────────────────────────────

    async def list_jobs(self, request: Request) -> Any:
        page, limit = self.s.paging(request)
        return page_of(self.s.storage.all("jobs"), page, limit)

    async def get_job(self, request: Request) -> Any:
        return self.s.require("jobs", "Job", request.path_params["id"])

    def new_job(self, body: dict[str, Any]) -> dict[str, Any]:
        now = iso(self.s.now())
        fields = {k: body.get(k) for k in JOB_FIELDS if body.get(k) is not None}
        if "title" not in fields and body.get("jobTitle"):
            fields["title"] = body["jobTitle"]
        doc = {"id": new_id(), "companyId": COMPANY_ID, "status": "OPEN", **fields,
               "createdAt": now, "updatedAt": now}
        return self.s.storage.put("jobs", doc)

    async def create_job(self, request: Request) -> Any:
        body = await self.s.body(request)
        problems = check_job(body)
        if problems:
            raise rejected(problems)
        return self.new_job(body)

    async def update_job(self, request: Request) -> Any:
        doc = self.s.require("jobs", "Job", request.path_params["id"])
        body = await self.s.body(request)
        if not isinstance(body, dict):
            raise rejected([Problem("", "Send a JSON object.")])
        merged = {**doc, **{k: body[k] for k in JOB_FIELDS if k in body}}
        problems = check_job({k: merged.get(k) for k in JOB_FIELDS})
        if problems:
            raise rejected(problems)
        merged["updatedAt"] = iso(self.s.now())
        return self.s.storage.put("jobs", merged)

    async def delete_job(self, request: Request) -> Any:
        job_id = request.path_params["id"]
        self.s.require("jobs", "Job", job_id)
        self.s.storage.delete("jobs", job_id)
        return True

    async def list_agents(self, request: Request) -> Any:
        page, limit = self.s.paging(request)
        return page_of(self.s.storage.all("agents"), page, limit)

    async def get_agent(self, request: Request) -> Any:
        return self.s.require("agents", "Agent", request.path_params["id"])

    # ── interviews ───────────────────────────────────────────────────────────────────────

    async def list_interviews(self, request: Request) -> Any:
        page, limit = self.s.paging(request)
        params = request.query_params
        candidate_id = params.get("candidateId")
        if candidate_id is None and self.s.settings.require_candidate_filter:
            raise rejected([Problem("candidateId", "candidateId is required for listing "
                                                   "interviews.")])
        docs = (self.s.storage.all("interviews", owner=candidate_id) if candidate_id
                else self.s.storage.all("interviews"))
        if params.get("agentId"):
            docs = [d for d in docs if d["agentId"] == params["agentId"]]
        now = self.s.now()
        if params.get("status"):
            wanted = params["status"].upper().replace("CANCELED", "CANCELLED")
            docs = [d for d in docs if status_at(d, now) == wanted]
        window = page_of(docs, page, limit)
        window.items = self.s.view_interviews(window.items)
        return window

    def require_interview(self, interview_id: str) -> dict[str, Any]:
        return self.s.require("interviews", "Interview", interview_id)

    async def get_interview(self, request: Request) -> Any:
        return self.s.view_interview(self.require_interview(request.path_params["id"]))

    async def create_interview(self, request: Request) -> Any:
        body = await self.s.body(request)
        if not isinstance(body, dict):
            raise rejected([Problem("", "The request body must be a JSON object.")])
        now = self.s.now()
        agent_doc = (self.s.require("agents", "Agent", body["agentId"])
                     if isinstance(body.get("agentId"), str) else None)
        candidate_doc = (self.s.require("candidates", "Candidate", body["candidateId"])
                         if isinstance(body.get("candidateId"), str) else None)
        problems = check_interview_request(
            body, now=now, agent=Agent.model_validate(agent_doc) if agent_doc else None,
            candidate=self.s.candidate_model(candidate_doc) if candidate_doc else None)
        inline = body.get("candidate") if isinstance(body.get("candidate"), dict) else {}
        for field, value in (("jobId", body.get("jobId")),
                             ("candidate.jobId", inline.get("jobId"))):
            if isinstance(value, str) and self.s.storage.get("jobs", value) is None:
                problems.append(Problem(field, f"No job {value} exists."))
        if problems:
            raise rejected(problems)
        agent = agent_doc or self.inline_agent(body["agent"])
        # The field the rules checked: scheduleTime when present, else the changelog's name.
        when = parse(body.get("scheduleTime" if "scheduleTime" in body else "scheduledAt")) or now
        is_test = bool(body.get("isTest"))
        plan = PLANS[self.s.settings.plan]
        interview_id = new_id()
        duration = float(agent.get("duration") or 15)
        if self.s.settings.lively:
            duration = call_minutes(interview_id, duration)
        if not is_test and minutes_used(self.s) + duration > plan.interview_minutes:
            raise ApiProblem(402, "BILLING_LIMIT_REACHED", "Company billing limit reached")
        job_id = self.resolve_job(body, candidate_doc, agent)
        if candidate_doc is None:
            candidate_doc = self.new_candidate(body["candidate"], [job_id] if job_id else [])
        elif job_id and job_id not in (candidate_doc.get("jobIds") or []):
            candidate_doc["jobIds"] = [*(candidate_doc.get("jobIds") or []), job_id]
            candidate_doc["jobId"] = candidate_doc["jobIds"][0]
        candidate_doc["status"] = "INTERVIEWING"
        candidate_doc["updatedAt"] = iso(now)
        self.s.storage.put("candidates", candidate_doc)
        doc = {
            "id": interview_id, "candidateId": candidate_doc["id"], "agentId": agent["id"],
            "jobId": job_id, "scheduledAt": iso(when), "durationMinutes": duration,
            "isTest": is_test, "createdAt": iso(now), "focus": agent.get("focus"),
            "channel": agent.get("type"), "metadata": body.get("metadata"),
            "outcome": decide_outcome(self.s.settings.seed, interview_id, agent.get("type")),
            "attempts": [{"id": new_id(), "scheduledAt": iso(when), "retryNumber": 0}]
            if agent.get("type") == "PHONE" and not is_test else [],
        }
        self.s.storage.put("interviews", doc, owner=candidate_doc["id"])
        return self.s.view_interview(doc)

    def inline_agent(self, body: dict[str, Any]) -> dict[str, Any]:
        now = iso(self.s.now())
        doc = {"id": new_id(), "companyId": COMPANY_ID, "name": body["name"],
               "focus": body["focus"], "type": body.get("type", "ONLINE"),
               "duration": body.get("duration", 15), "language": body.get("language", "EN"),
               "createdAt": now, "updatedAt": now}
        return self.s.storage.put("agents", doc)

    def resolve_job(self, body: dict[str, Any], candidate: dict[str, Any] | None,
                    agent: dict[str, Any]) -> str | None:
        """job > jobId > candidate.jobId > the candidate's only job; none for GENERIC."""
        if agent.get("focus") == "GENERIC":
            return None
        if isinstance(body.get("job"), dict):
            return self.new_job(body["job"])["id"]
        if body.get("jobId"):
            return body["jobId"]
        inline = body.get("candidate")
        if isinstance(inline, dict) and inline.get("jobId"):
            return inline["jobId"]
        jobs = (candidate or {}).get("jobIds") or []
        return jobs[0] if len(jobs) == 1 else None

    async def delete_interview(self, request: Request) -> Any:
        doc = self.require_interview(request.path_params["id"])
        # A running call finishes on its own, but with the interview gone there is no
        # transcript or analysis left to show for it.
        self.s.storage.delete("interviews", doc["id"])
        return True

    async def analysis_pdf(self, request: Request) -> Any:
        view = self.s.view_interview(self.require_interview(request.path_params["id"]))
        analysis = view.get("analysis") or {}
        if (analysis.get("general") or {}).get("status") != 3:
            raise ApiProblem(404, "RESOURCE_NOT_FOUND", "The analysis is not ready yet.",
                             {"resourceType": "AnalysisPdf", "resourceId": view["id"]})
        candidate = self.s.lookup("candidates", view["candidateId"]) or {}
        title = (f"Interview analysis: {candidate.get('firstName', '')} "
                 f"{candidate.get('lastName', '')}").strip()
        return {"analysisPdfBase64": base64.b64encode(analysis_pdf(title, analysis)).decode()}

    # ── call attempts ────────────────────────────────────────────────────────────────────

    def phone_interview(self, request: Request) -> dict[str, Any]:
        doc = self.require_interview(request.path_params["id"])
        if doc.get("channel") != "PHONE":
            raise rejected([Problem("interviewId", "Call attempts exist only for phone "
                                                   "interviews; this one is online.")])
        return doc

    @staticmethod
    def call_time(body: Any, *, now: datetime, slack: timedelta) -> datetime | None:
        """A call's `scheduledAt` by the interview rules (ISO 8601 with its offset, ahead,
        within 30 days; `slack` lets "now" sent a moment ago pass), or None when not given."""
        value = body.get("scheduledAt") if isinstance(body, dict) else None
        when, problems = check_schedule_time(value, now=now - slack, field="scheduledAt")
        if problems:
            raise rejected(problems)
        return when

    def attempt_status(self, doc: dict[str, Any], attempt_id: str) -> str:
        view = self.s.view_interview(doc)
        for attempt in view["callAttempts"]:
            if attempt["id"] == attempt_id:
                return attempt["status"]
        raise not_found("CallAttempt", attempt_id)

    async def create_call_attempt(self, request: Request) -> Any:
        doc = self.phone_interview(request)
        body = await self.s.body(request)
        now = self.s.now()
        status = status_at(doc, now)
        if status in ("IN_PROGRESS", "COMPLETED"):
            raise ApiProblem(409, "CONFLICT", f"The interview is {status.lower()}; no new call "
                                              "can be placed.")
        when = self.call_time(body, now=now, slack=timedelta(minutes=1)) or now
        for attempt in doc["attempts"]:
            if self.attempt_status(doc, attempt["id"]) == "SCHEDULED":
                attempt["cancelled"] = True
        attempt = {"id": new_id(), "scheduledAt": iso(when),
                   "retryNumber": len(doc["attempts"])}
        doc["attempts"].append(attempt)
        doc.update(scheduledAt=iso(when), cancelledAt=None, changedAt=iso(now),
                   outcome=decide_outcome(self.s.settings.seed, attempt["id"], "PHONE"))
        self.s.storage.put("interviews", doc, owner=doc["candidateId"])
        return next(a for a in self.s.view_interview(doc)["callAttempts"]
                    if a["id"] == attempt["id"])

    async def reschedule_call_attempt(self, request: Request) -> Any:
        from starlette.responses import Response

        doc = self.phone_interview(request)
        attempt_id = request.path_params["attempt"]
        if self.attempt_status(doc, attempt_id) != "SCHEDULED":
            raise ApiProblem(409, "CONFLICT", "Only scheduled call attempts can be moved.")
        body = await self.s.body(request)
        when = self.call_time(body, now=self.s.now(), slack=timedelta(0))
        if when is None:
            raise rejected([Problem("scheduledAt", "Give a future time with its offset.")])
        for attempt in doc["attempts"]:
            if attempt["id"] == attempt_id:
                attempt["scheduledAt"] = iso(when)
        doc.update(scheduledAt=iso(when), changedAt=iso(self.s.now()))
        self.s.storage.put("interviews", doc, owner=doc["candidateId"])
        return Response(status_code=204)

    async def delete_call_attempt(self, request: Request) -> Any:
        from starlette.responses import Response

        doc = self.phone_interview(request)
        attempt_id = request.path_params["attempt"]
        if self.attempt_status(doc, attempt_id) == "IN_PROGRESS":
            raise ApiProblem(409, "CONFLICT", "A call in progress cannot be cancelled.")
        now = self.s.now()
        for attempt in doc["attempts"]:
            if attempt["id"] == attempt_id:
                attempt["cancelled"] = True
        if all(a.get("cancelled") for a in doc["attempts"]) and status_at(doc, now) == "SCHEDULED":
            doc["cancelledAt"] = iso(now)
        doc["changedAt"] = iso(now)
        self.s.storage.put("interviews", doc, owner=doc["candidateId"])
        return Response(status_code=204)

    # ── billing ──────────────────────────────────────────────────────────────────────────

    async def billing_usage(self, request: Request) -> Any:
        docs = [d for d in self.s.storage.all("interviews") if not d.get("isTest")]
        used = minutes_used(self.s)
        return {"companies": [{"companyId": COMPANY_ID, "minutesUsed": used,
                               "interviews": len(docs)}],
                "totalMinutesUsed": used, "totalInterviews": len(docs),
                "breakdownByCostKey": [{"costKey": "INTERVIEW_MINUTES", "amount": used}],
                "plan": {"maxInterviewMinutes": PLANS[self.s.settings.plan].interview_minutes}}


def create_sandbox_app(settings: SandboxSettings, clock: SandboxClock | None = None) -> Starlette:
    sandbox = Sandbox(settings, clock or SandboxClock(scale=settings.time_scale))
    r = Routes(sandbox)
    e = sandbox.endpoint

    def route(path: str, method: str, scopes: tuple[str, ...], handler: Any,
              created: bool = False) -> Route:
        return Route(path, e(scopes, handler, created), methods=[method])

    routes = [
        route("/candidates", "GET", ("read:candidates", "read:jobs"), r.list_candidates),
        route("/candidates", "POST", ("write:candidates", "read:jobs"), r.create_candidate, True),
        route("/candidates/{id}", "GET", ("read:candidates",), r.get_candidate),
        route("/candidates/{id}", "PATCH", ("write:candidates",), r.update_candidate),
        route("/candidates/{id}", "DELETE", ("delete:candidates",), r.delete_candidate),
        route("/jobs", "GET", ("read:jobs",), r.list_jobs),
        route("/jobs", "POST", ("write:jobs",), r.create_job, True),
        route("/jobs/{id}", "GET", ("read:jobs",), r.get_job),
        route("/jobs/{id}", "PATCH", ("write:jobs",), r.update_job),
        route("/jobs/{id}", "DELETE", ("delete:jobs",), r.delete_job),
        route("/agents", "GET", ("read:agents",), r.list_agents),
        route("/agents/{id}", "GET", ("read:agents",), r.get_agent),
        route("/interviews", "GET", ("read:interviews", "read:candidates", "read:agents"),
              r.list_interviews),
        route("/interviews", "POST", ("write:interviews", "read:candidates", "read:agents"),
              r.create_interview, True),
        route("/interviews/{id}", "GET", ("read:interviews",), r.get_interview),
        route("/interviews/{id}", "DELETE", ("delete:interviews",), r.delete_interview),
        route("/interviews/{id}/analysis-pdf", "GET", ("read:interviews",), r.analysis_pdf),
        route("/interviews/{id}/call-attempts", "POST", ("write:interviews",),
              r.create_call_attempt, True),
        route("/interviews/{id}/call-attempts/{attempt}", "PATCH", ("write:interviews",),
              r.reschedule_call_attempt),
        route("/interviews/{id}/call-attempts/{attempt}", "DELETE", ("write:interviews",),
              r.delete_call_attempt),
        route("/billing/usage", "GET", ("read:billing",), r.billing_usage),
    ]
    app = Starlette(routes=routes)
    app.state.sandbox = sandbox
    return app
