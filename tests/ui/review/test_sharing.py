"""Sharing verdicts from the desk (Pilot): S asks before a newer verdict from someone else is
replaced, queues while offline, and the team's verdicts read back from metadata show with name
and time, as plain text whatever the server put there."""

from __future__ import annotations

import httpx

from app.domain.shared_verdicts import NAMESPACE
from app.store.shares import ShareState
from app.store.verdicts import Verdict
from app.ui.app import InterviewDeskApp
from app.ui.modals import ConfirmScreen
from app.ui.screens.analysis import AnalysisScreen
from tests.ui.analysis.world import candidate
from tests.ui.review.world import fill

PERSON = {"firstName": "Ada", "lastName": "Lovelace", "email": "ada@example.com",
          "phoneNumber": "+421900000001", "gdprExpiryDate": "2027-06-30"}


def dana_says(verdict: str, at: str, note: str = "") -> dict:  # type: ignore[type-arg]
    return {NAMESPACE: {"verdicts": {"-": {"verdict": verdict, "note": note, "by": "Dana",
                                           "at": at}}}}


async def test_s_asks_before_replacing_a_newer_verdict_and_yes_shares_mine(make_context) -> None:  # type: ignore[no-untyped-def]
    context = make_context()
    context.store.verdicts.reviewer = "Ana"
    created = await context.client.create_candidate(PERSON)
    context.store.save_candidates([created])
    context.store.verdicts.decide(created.id, None, Verdict.REJECT, note="No SQL")
    # Dana shares after Ana decided (Ana's desk never saw it).
    await context.client.update_candidate(created.id, {
        "metadata": dana_says("advance", "2026-12-01T09:30:00Z", "Call her")})
    desk = InterviewDeskApp(context, sync_on_start=False)
    async with desk.run_test(size=(120, 40)) as pilot:
        await pilot.press("S")
        await pilot.pause()
        await pilot.pause()
        question = desk.screen
        assert isinstance(question, ConfirmScreen)
        said = str(question.query_one(".dialog-body").render())
        assert "Team: advance · by Dana" in said and "Call her" in said
        assert "Yours: reject" in said
        await pilot.press("y")
        await desk.workers.wait_for_complete()
        await pilot.pause()
    stored = await context.client.get_candidate(created.id)
    entry = stored.metadata[NAMESPACE]["verdicts"]["-"]
    assert (entry["by"], entry["verdict"], entry["note"]) == ("Ana", "reject", "No SQL")
    mine = context.store.verdicts.current(created.id, None)
    assert context.store.shares.state_of(mine) is ShareState.SHARED


async def test_no_keeps_their_verdict(make_context) -> None:  # type: ignore[no-untyped-def]
    context = make_context()
    context.store.verdicts.reviewer = "Ana"
    created = await context.client.create_candidate(PERSON)
    context.store.save_candidates([created])
    context.store.verdicts.decide(created.id, None, Verdict.REJECT)
    await context.client.update_candidate(created.id, {
        "metadata": dana_says("advance", "2026-12-01T09:30:00Z")})
    desk = InterviewDeskApp(context, sync_on_start=False)
    async with desk.run_test(size=(120, 40)) as pilot:
        await pilot.press("S")
        await pilot.pause()
        await pilot.pause()
        await pilot.press("n")
        await desk.workers.wait_for_complete()
        await pilot.pause()
    stored = await context.client.get_candidate(created.id)
    assert stored.metadata[NAMESPACE]["verdicts"]["-"]["by"] == "Dana"
    assert context.store.verdicts.current(created.id, None).verdict is Verdict.REJECT


async def test_offline_s_queues_and_says_so(make_context) -> None:  # type: ignore[no-untyped-def]
    def tunnel(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("the train went into a tunnel")

    context = make_context(transport=httpx.MockTransport(tunnel))
    fill(context.store)
    context.store.verdicts.decide("cand-ada", "job-data", Verdict.ADVANCE)
    context.store.verdicts.decide("cand-ben", "job-data", Verdict.HOLD)
    desk = InterviewDeskApp(context, sync_on_start=False)
    said: list[str] = []
    async with desk.run_test(size=(120, 40)) as pilot:
        await desk.push_screen(AnalysisScreen("int-ada"))
        await pilot.pause()
        assert "shared" not in str(desk.screen.query_one("#analysis-verdict").render())
        desk.notify = lambda message, **_: said.append(str(message))  # type: ignore[method-assign]
        await pilot.press("S")
        await desk.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        verdict = str(desk.screen.query_one("#analysis-verdict").render())
        assert "advance" in verdict and "waiting to be shared" in verdict
    assert any("2 verdicts queued: offline" in line for line in said)
    assert [s.candidate_id for s in context.store.shares.waiting()] == ["cand-ada", "cand-ben"]


async def test_the_teams_verdict_shows_with_name_and_time_as_plain_text(make_context) -> None:  # type: ignore[no-untyped-def]
    context = make_context()
    fill(context.store)
    hostile = candidate("ada", "Ada", "Lovelace").model_copy(update={"metadata": {
        NAMESPACE: {"verdicts": {"job-data": {
            "verdict": "advance", "by": "[red]Dana[/red]\x1b[2J", "at": "2026-12-01T09:30:00Z",
            "note": "\x1b]0;owned\x07Call [b]her[/b]"}}}}})
    context.store.save_candidates([hostile])
    desk = InterviewDeskApp(context, sync_on_start=False)
    async with desk.run_test(size=(160, 40)) as pilot:
        await desk.push_screen(AnalysisScreen("int-ada"))
        await pilot.pause()
        await pilot.pause()
        line = desk.screen.query_one("#analysis-verdict").render()
        text = str(line)
        assert "Team: advance · by [red]Dana[/red]" in text  # markup shown, not obeyed
        assert "Call [b]her[/b]" in text and "\x1b" not in text and "\x07" not in text
        assert "at 2026-12-01" in text
