"""Issue 18 with Pilot: the scheduling form is safe under a recruiter's fingers.

Keys stay in the form, the candidate never changes under the recruiter, a candidate who cannot
be scheduled is never chosen, Ready is said only when true, the review and the status speak in
words, a burst of typing keeps skills whole, and the calendar's ends never crash the form."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Iterator
from typing import Any

import pytest
from textual import events
from textual.widgets import Checkbox, Input, OptionList, RadioSet, Select

from app.drafts import Drafts
from app.ui.app import InterviewDeskApp
from app.ui.modals import ConfirmScreen, HelpScreen
from app.ui.schedule.draft import ScheduleDraft
from app.ui.schedule.form import error_id
from app.ui.screens.schedule import ScheduleScreen
from tests.ui.schedule.form_filling import agent_id, choose, fill, job_id, new_candidate, synced
from tests.ui.toasts import titled, toasts
from widgets.chips import FilterChips
from widgets.footer import KeyFooter
from widgets.skills_input import SkillEntry, SkillsInput

SIZE = (120, 60)


async def open_form(app: InterviewDeskApp, pilot: Any) -> ScheduleScreen:
    await pilot.press("s")
    await pilot.pause()
    assert isinstance(app.screen, ScheduleScreen)
    return app.screen


def status(screen: ScheduleScreen) -> str:
    return str(screen.query_one("#schedule-status").render())


def error(screen: ScheduleScreen, path: str) -> str:
    return str(screen.query_one(f"#{error_id(path)}").render())


async def person(app: InterviewDeskApp, first: str, *jobs: str, last: str = "Kral",
                 gdpr: str = "2027-01-01", phone: str = "+421900000009") -> str:
    created = await app.context.client.create_candidate({
        "firstName": first, "lastName": last, "email": f"{first.lower()}.{last.lower()}@ex.com",
        "phoneNumber": phone, "gdprExpiryDate": gdpr,
        "jobIds": [job_id(app, title) for title in jobs]})
    return created.id


@pytest.fixture
def zone_east() -> Iterator[None]:
    """The recruiter's machine in Tokyo (UTC+9) for one test."""
    import os

    os.environ["TZ"] = "Asia/Tokyo"
    time.tzset()
    yield
    os.environ["TZ"] = "UTC"
    time.tzset()


# ── keys and focus ───────────────────────────────────────────────────────────────────────


async def test_the_form_opens_on_the_first_field_that_needs_input(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        await open_form(desk, pilot)
        assert desk.focused is desk.screen.query_one("#candidate-search")
    Drafts(desk.context.settings.drafts_dir).save(ScheduleDraft(
        candidate_mode="new", first_name="Jana", last_name="Novak").values())
    again = InterviewDeskApp(desk.context, sync_on_start=False)
    async with again.run_test(size=SIZE) as pilot:
        await open_form(again, pilot)
        assert again.focused is again.screen.query_one("#f-email")  # the first empty one


async def test_every_focus_stop_is_a_control_that_shows_its_focus(desk) -> None:
    """No invisible stops: Tab walks controls only, and each draws a double frame (or, for
    the skill chips, a double edge) when focused, which needs no colour."""
    async with desk.run_test(size=SIZE) as pilot:
        screen = await open_form(desk, pilot)
        choose(screen, "candidate-new")
        choose(screen, "job-new")
        choose(screen, "when-later")
        await pilot.pause()
        chain = screen.focus_chain
        assert chain and all(isinstance(widget, Input | RadioSet | Select | Checkbox
                                        | FilterChips) for widget in chain), chain
        for widget in chain:
            widget.focus()
            await pilot.pause()
            target = widget.query_one("SelectCurrent") if isinstance(widget, Select) else widget
            edges = (target.styles.border_left if isinstance(widget, FilterChips)
                     else target.styles.border_top)
            assert edges[0] == "double", widget


CONTROLS = {
    "a text box": ("#candidate-search", Input),
    "a radio set": ("#candidate-mode", RadioSet),
    "a select": ("#f-agent_id", Select),
    "the skill chips": ("#f-required_skills FilterChips", FilterChips),
    "the skill box": ("#f-required_skills SkillEntry", SkillEntry),
    "a check box": ("#f-is_test", Checkbox),
    "the candidate matches": ("#candidate-matches", OptionList),
}
IN_THE_NEW_JOB = {"the skill chips", "the skill box"}  # the part composed when chosen


@pytest.mark.parametrize("control", list(CONTROLS))
async def test_letters_never_leave_the_form_from_any_control(desk, control: str) -> None:
    selector, kind = CONTROLS[control]
    async with desk.run_test(size=SIZE) as pilot:
        screen = await open_form(desk, pilot)
        fill(screen, agent_id=agent_id(desk, "SCREENING"))
        if control in IN_THE_NEW_JOB:  # composing it costs a quarter of a second of CPU
            choose(screen, "job-new")
            # A row of chips takes the focus only while it holds one (an empty one is passed by).
            screen.query_one("#f-required_skills", SkillsInput).add_skills(["SQL"])
        screen.query_one("#candidate-search", Input).value = "a"  # shows the matches
        await pilot.pause()
        widget = screen.query_one(selector, kind)
        widget.focus()
        await pilot.pause()
        await pilot.press(*"cmfrsq", "question_mark")
        await pilot.pause()
        assert desk.screen is screen, f"a letter left the form from {control}"
        assert not isinstance(desk.screen, HelpScreen)
        assert desk.is_running
        assert desk.focused is widget
        await pilot.press("escape")  # leaves the field: letters are commands again
        await pilot.pause()
        if isinstance(widget, Select) and desk.focused is not None:
            await pilot.press("escape")  # the first closed its list
        assert desk.focused is None
        await pilot.press("m")
        await pilot.pause()
        assert desk.current_mode == "monitor"


async def test_esc_from_no_field_leaves_and_the_draft_is_kept(desk) -> None:
    async with desk.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_form(desk, pilot)
        await pilot.press(*"Ema")
        new_candidate(screen, email="kept@example.com")
        await pilot.pause()
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert desk.current_mode == "candidates"
        assert any("draft is kept" in text for text in toasts(desk))
        assert Drafts(desk.context.settings.drafts_dir).load()["email"] == "kept@example.com"
        screen = await open_form(desk, pilot)
        assert screen.query_one("#f-email", Input).value == "kept@example.com"


async def test_the_footer_says_what_esc_does_now_and_never_offers_s_in_the_form(desk) -> None:
    """In a field Esc leaves the field; from no field it leaves the form. `s` (schedule) would
    do nothing here, so it is neither shown nor run."""
    async with desk.run_test(size=(160, 60)) as pilot:
        screen = await open_form(desk, pilot)
        footer = screen.query_one(KeyFooter)
        await pilot.pause()
        assert screen.focused is not None
        shown = str(footer.render())
        assert "Leave the field" in shown and "Leave the form" not in shown
        assert "Schedule" not in shown
        await pilot.press("escape")
        await pilot.pause()
        assert screen.focused is None
        shown = str(footer.render())
        assert "Leave the form" in shown and "Leave the field" not in shown
        assert "Schedule" not in shown and "Help" in shown  # letters work again: ? does
        await pilot.press("s")
        await pilot.pause()
        assert desk.screen is screen and screen.focused is None
        await pilot.press("escape")
        await pilot.pause()
        assert desk.current_mode == "candidates"
        assert "Schedule" in str(desk.screen.query_one(KeyFooter).render())


async def test_a_burst_of_typing_keeps_every_skill_whole(desk) -> None:
    """Keys that arrive faster than the form handles them (a paste without bracketed paste)."""
    burst = "Python,SQL,Docker,Kubernetes,Linux,Git,"
    async with desk.run_test(size=SIZE) as pilot:
        screen = await open_form(desk, pilot)
        choose(screen, "job-new")
        await pilot.pause()
        skills = screen.query_one("#f-required_skills", SkillsInput)
        skills.query_one(SkillEntry).focus()
        await pilot.pause()
        gaps = random.Random(7)
        for character in burst:  # some arrive while the comma before them is being handled
            desk.post_message(events.Key(character, character))
            if gaps.random() < 0.3:
                await asyncio.sleep(gaps.choice([0, 0.0005, 0.002]))
        await pilot.pause()
        await pilot.pause()
        assert skills.skills == ("Python", "SQL", "Docker", "Kubernetes", "Linux", "Git")
        nice = screen.query_one("#f-nice_skills", SkillsInput)
        nice.query_one(SkillEntry).focus()
        await pilot.press(*"Go,Rust,C")
        await pilot.pause()
        assert nice.skills == ("Go", "Rust")
        assert nice.query_one(SkillEntry).value == "C"


async def test_a_skill_typed_without_a_comma_is_kept_when_the_box_is_left(desk) -> None:
    """'Kubernetes' typed, then Esc (or ctrl+r): the skill is the recruiter's work, kept in
    the draft and sent, never dropped because no comma followed it."""
    async with desk.run_test(size=SIZE) as pilot:
        screen = await open_form(desk, pilot)
        new_candidate(screen)
        fill(screen, agent_id=agent_id(desk, "SCREENING"))
        choose(screen, "job-new")
        fill(screen, title="Platform engineer")
        await pilot.pause()
        skills = screen.query_one("#f-required_skills", SkillsInput)
        skills.query_one(SkillEntry).focus()
        await pilot.press(*"Linux,Kubernetes", "escape")
        await pilot.pause()
        assert skills.skills == ("Linux", "Kubernetes")
        saved = Drafts(desk.context.settings.drafts_dir).load()
        assert saved["required_skills"] == ["Linux", "Kubernetes"]
        nice = screen.query_one("#f-nice_skills", SkillsInput)
        nice.query_one(SkillEntry).focus()
        await pilot.press(*"Go", "ctrl+r")
        await pilot.pause()
        assert isinstance(desk.screen, ConfirmScreen)
        assert "3 skills" in str(desk.screen.query_one(".dialog-body").render())


# ── who the interview is for ─────────────────────────────────────────────────────────────


async def test_s_never_silently_replaces_the_drafts_candidate(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        ema = await person(desk, "Ema", "Registered Nurse")
        await synced(desk.context)
        desk.cache_written()
        screen = await open_form(desk, pilot)
        new_candidate(screen, email="jana@example.com")
        await pilot.pause()
        screen.use_candidates([ema])
        await pilot.pause()
        assert isinstance(desk.screen, ConfirmScreen)
        question = str(desk.screen.query_one(".dialog-title").render())
        assert "Jana Novak (new)" in question and "Ema Kral" in question
        await pilot.press("n")  # keep the draft
        await pilot.pause()
        assert screen.draft.email == "jana@example.com" and screen.draft.candidate_mode == "new"
        screen.use_candidates([ema])
        await pilot.pause()
        await pilot.press("y")  # a new draft for Ema
        await pilot.pause()
        assert screen.draft.candidate_mode == "existing" and screen.draft.candidate_id == ema
        assert screen.draft.email == ""
        assert Drafts(desk.context.settings.drafts_dir).load()["candidate_id"] == ema


async def test_s_on_the_list_fills_an_empty_draft_without_asking(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        ema = await person(desk, "Ema", "Registered Nurse")
        await synced(desk.context)
        desk.cache_written()
        await pilot.pause()
        await pilot.press("s")  # the cursor is on Ema, the only candidate
        await pilot.pause()
        screen = desk.screen
        assert isinstance(screen, ScheduleScreen)
        assert screen.draft.candidate_id == ema
        assert desk.focused is screen.query_one("#f-agent_id")  # what is still needed


async def test_s_gives_a_draft_without_a_candidate_its_candidate_keeping_the_rest(desk) -> None:
    """The agent, job and time prepared first, then s on the person in the list: nobody is
    replaced, so nothing is asked and nothing typed is lost."""
    async with desk.run_test(size=SIZE) as pilot:
        ema = await person(desk, "Ema", "Registered Nurse")
        await synced(desk.context)
        desk.cache_written()
        screen = await open_form(desk, pilot)
        screen.form.choose_candidate("")  # the list's s chose Ema: start with no one
        fill(screen, agent_id=agent_id(desk, "SCREENING"))
        choose(screen, "when-later")
        fill(screen, day="tomorrow", at="10:00")
        await pilot.pause()
        screen.use_candidates([ema])
        await pilot.pause()
        assert desk.screen is screen  # no question: the draft was for no one
        assert screen.draft.candidate_id == ema
        assert (screen.draft.agent_id, screen.draft.day, screen.draft.at) == (
            agent_id(desk, "SCREENING"), "tomorrow", "10:00")
        assert Drafts(desk.context.settings.drafts_dir).load()["candidate_id"] == ema


async def test_s_on_an_analysis_means_that_candidate_by_id(desk) -> None:
    """Two people called Ema Kral: the one on screen is scheduled, never the other."""
    from app.ui.screens.analysis import AnalysisScreen

    async with desk.run_test(size=SIZE) as pilot:
        await person(desk, "Ema", phone="+421900000001")
        other = await person(desk, "Ema", phone="+421900000002")
        created = await desk.context.client.create_interview({
            "candidateId": other, "agentId": agent_id(desk, "GENERIC"), "isTest": True})
        await synced(desk.context)
        await desk.push_screen(AnalysisScreen(created.id))
        await pilot.pause()
        desk.set_focus(None)
        await pilot.press("s")
        await pilot.pause()
        screen = desk.screen
        assert isinstance(screen, ScheduleScreen)
        assert screen.draft.candidate_id == other


async def test_a_purged_or_deleted_candidate_can_never_be_chosen(desk) -> None:
    async with desk.run_test(size=SIZE, notifications=True) as pilot:
        gone = await person(desk, "Gone", "Registered Nurse", gdpr="2026-12-05")
        await synced(desk.context)
        from datetime import date

        desk.context.store.purge_expired(date(2026, 12, 6))
        screen = await open_form(desk, pilot)
        screen.use_candidates([gone])
        await pilot.pause()
        assert screen.draft.candidate_id == ""
        assert titled(desk, "Cannot be scheduled")
        screen.query_one("#candidate-search", Input).value = "Gone"
        await pilot.pause()
        matches = screen.query_one("#candidate-matches", OptionList)
        assert all(matches.get_option_at_index(i).id != gone
                   for i in range(matches.option_count))
    # A draft saved while they could still be chosen never says Ready once they are purged.
    Drafts(desk.context.settings.drafts_dir).save(ScheduleDraft(
        candidate_id=gone, agent_id=agent_id(desk, "SCREENING")).values())
    again = InterviewDeskApp(desk.context, sync_on_start=False)
    async with again.run_test(size=SIZE) as pilot:
        screen = await open_form(again, pilot)
        assert "Not ready" in status(screen) and "Ready:" not in status(screen)
        assert "purged" in error(screen, "candidateId")
        assert "Cannot be scheduled" in str(screen.query_one("#candidate-chosen").render())


async def test_never_no_candidate_and_ready_at_once(desk) -> None:
    Drafts(desk.context.settings.drafts_dir).save(ScheduleDraft(
        candidate_id="cand-deleted", agent_id=agent_id(desk, "GENERIC"),
        job_mode="none").values())
    async with desk.run_test(size=SIZE) as pilot:
        screen = await open_form(desk, pilot)
        assert "Not ready" in status(screen)
        assert "deleted" in error(screen, "candidateId")


async def test_status_names_fields_by_label_and_stale_hints_go(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        two_jobs = await person(desk, "Ema", "Registered Nurse", "Accountant")
        await synced(desk.context)
        desk.cache_written()
        screen = await open_form(desk, pilot)
        screen.use_candidates([two_jobs])
        fill(screen, agent_id=agent_id(desk, "SCREENING"))
        await pilot.pause()
        note = screen.query_one("#job-mode-note")
        assert "Only this candidate's 2 jobs are offered." in str(note.render())
        assert "needs a job" in str(note.render())
        choose(screen, "candidate-new")
        await pilot.pause()
        assert "Only this candidate's" not in str(note.render())
        choose(screen, "job-new")
        await pilot.pause()
        assert "needs a job" not in str(note.render())
        new_candidate(screen, phone="0915")
        await pilot.pause()
        assert "candidate.phoneNumber" not in status(screen)
        assert "Phone: Write the phone" in status(screen) or "Job title:" in status(screen)


# ── the review ───────────────────────────────────────────────────────────────────────────


async def test_the_review_says_who_what_and_when_in_words(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        screen = await open_form(desk, pilot)
        new_candidate(screen)
        fill(screen, agent_id=agent_id(desk, "SCREENING"), job_id=job_id(desk, "Accountant"))
        choose(screen, "when-later")
        fill(screen, day="thu", at="10:00")
        await pilot.pause()
        assert "Thu 3 Dec, 10:00 your time" in str(screen.query_one("#when-said").render())
        await pilot.press("ctrl+r")
        await pilot.pause()
        dialog = desk.screen
        assert isinstance(dialog, ConfirmScreen)
        text = str(dialog.query_one(".dialog-body").render())
        agent = desk.context.store.agent(agent_id(desk, "SCREENING"))
        assert "Jana Novak (new) · jana.novak@example.com · +421915123456" in text
        assert "Accountant" in text and agent.name in text
        assert "screening interview" in text
        assert ("Thu 3 Dec, 10:00 your time (UTC+00:00) · 11:00 for the candidate "
                "(Europe/Bratislava)") in text
        assert "T10:00" not in text and "/interviews" not in text


async def test_odd_hours_and_short_notice_are_warned_not_blocked(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        screen = await open_form(desk, pilot)
        new_candidate(screen, phone="+81312345678")  # Tokyo, UTC+9
        fill(screen, agent_id=agent_id(desk, "GENERIC"))
        choose(screen, "when-later")
        fill(screen, day="tomorrow", at="13:00")  # 22:00 in Tokyo
        await pilot.pause()
        warning = str(screen.query_one("#when-warning").render())
        assert "22:00 for the candidate, outside 08:00–20:00" in warning
        assert screen.problems == [] and "Ready" in status(screen)
        fill(screen, day="today", at="9:10")  # the clock says 09:00
        await pilot.pause()
        assert "starts in 10 minutes" in str(screen.query_one("#when-warning").render())
        assert screen.problems == []


# ── the form's crashes of issue 20 ───────────────────────────────────────────────────────


@pytest.mark.parametrize(("day", "at", "phone"), [
    ("0001-01-01", "00:00", "+421915123456"),
    ("9999-12-31", "23:59", "+81312345678"),
])
async def test_the_calendars_ends_typed_key_by_key_never_crash(desk, zone_east, day: str,
                                                               at: str, phone: str) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        screen = await open_form(desk, pilot)
        new_candidate(screen, phone=phone)
        choose(screen, "when-later")
        await pilot.pause()
        screen.query_one("#f-at", Input).focus()
        await pilot.press(*at)
        screen.query_one("#f-day", Input).focus()
        await pilot.press(*day)
        await pilot.pause()
        assert desk.is_running
        assert error(screen, "scheduleTime")
        saved = Drafts(desk.context.settings.drafts_dir).load()
        assert (saved["day"], saved["at"]) == (day, at)  # the last keystroke kept


@pytest.mark.parametrize("amount", ["nan", "1e999", "inf"])
async def test_a_salary_that_is_no_number_is_refused_before_sending(desk, amount: str) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        screen = await open_form(desk, pilot)
        new_candidate(screen)
        fill(screen, agent_id=agent_id(desk, "SCREENING"))
        choose(screen, "job-new")
        fill(screen, title="Night nurse", salary_min=amount, currency="EUR")
        await pilot.pause()
        assert "Salary amounts are numbers" in error(screen, "job.salary")
        sent = desk.context.client.requests_sent
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert desk.screen is screen and desk.context.client.requests_sent == sent


# ── bulk ─────────────────────────────────────────────────────────────────────────────────


async def test_bulk_checks_every_marked_candidate_before_saying_ready(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        ada = await person(desk, "Ada", "Registered Nurse")
        ben = await person(desk, "Ben", "Accountant")
        cleo = await person(desk, "Cleo", "Registered Nurse")
        await synced(desk.context)
        desk.cache_written()
        await pilot.pause()
        await pilot.press("space", "space", "space")  # mark all three in the list
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        screen = desk.screen
        assert isinstance(screen, ScheduleScreen) and screen.bulk_ids == [ada, ben, cleo]
        assert "Ada Kral, Ben Kral, Cleo Kral" in str(
            screen.query_one("#bulk-candidates").render())
        fill(screen, agent_id=agent_id(desk, "SCREENING"),
             job_id=job_id(desk, "Registered Nurse"))
        await pilot.pause()
        assert "Not ready: 1 of 3 marked candidates would be refused" in status(screen)
        await pilot.press("ctrl+r")
        await pilot.pause()
        dialog = desk.screen
        assert isinstance(dialog, ConfirmScreen)
        listed = str(dialog.query_one(".dialog-body").render())
        assert ("Ben Kral: The candidate is not assigned to this job: choose their job, or "
                "assign") in listed  # Ben has one job: never "their 1 jobs"
        assert "Ada" not in listed
        await pilot.press("y")  # leave Ben out and unmark him
        await pilot.pause()
        assert screen.bulk_ids == [ada, cleo]
        assert "Ready" in status(screen)
        await pilot.press("ctrl+r")
        await desk.workers.wait_for_complete()
        await pilot.pause()
        review = str(desk.screen.query_one(".dialog-body").render())
        assert "2 interviews: Ada Kral, Cleo Kral" in review
        assert "Registered Nurse" in review and "Estimated minutes: 2 × 15 = 30" in review
        assert "e+0" not in review
        await pilot.press("enter")
        await desk.workers.wait_for_complete()
        await pilot.pause()
        assert screen.bulk_ids == []  # all sent: the next s is a normal form
        await pilot.press("escape", "escape", "c")
        await pilot.pause()
        from widgets.virtual_table import VirtualTable

        assert desk.screen.query_one(VirtualTable).marked == frozenset()
    for who in (ada, cleo):
        assert len([i async for i in desk.context.client.iter_interviews(who)]) == 1
    assert [i async for i in desk.context.client.iter_interviews(ben)] == []


async def test_help_from_a_field_is_f1_and_coming_back_focuses_the_form(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        screen = await open_form(desk, pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(desk.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")  # leave the field
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert desk.current_mode == "monitor"
        await pilot.press("s")
        await pilot.pause()
        assert desk.screen is screen
        assert desk.focused is screen.query_one("#candidate-search")


async def test_the_day_and_time_are_picked_with_the_arrow_keys(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        screen = await open_form(desk, pilot)
        choose(screen, "when-later")
        await pilot.pause()
        screen.query_one("#f-day", Input).focus()
        await pilot.press("up", "up", "down")
        screen.query_one("#f-at", Input).focus()
        await pilot.press("up", "up")
        await pilot.pause()
        assert (screen.draft.day, screen.draft.at) == ("2026-12-02", "09:30")
        assert "Wed 2 Dec, 09:30 your time" in str(screen.query_one("#when-said").render())


async def test_bulk_where_none_could_be_sent_offers_to_unmark_them_all(desk) -> None:
    """No "leave them out, the other 0 stay marked" that leaves the form as it was: when every
    marked candidate would be refused, the question says so and unmarking ends the batch."""
    async with desk.run_test(size=SIZE) as pilot:
        await person(desk, "Ada", "Registered Nurse")
        await person(desk, "Ben", "Accountant")
        await synced(desk.context)
        desk.cache_written()
        await pilot.pause()
        await pilot.press("space", "space", "s")
        await pilot.pause()
        screen = desk.screen
        assert isinstance(screen, ScheduleScreen) and len(screen.bulk_ids) == 2
        fill(screen, agent_id=agent_id(desk, "GENERIC"))  # takes no one with a job
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        dialog = desk.screen
        assert isinstance(dialog, ConfirmScreen)
        assert "None of the 2 can be scheduled like this" in str(
            dialog.query_one(".dialog-title").render())
        listed = str(dialog.query_one(".dialog-body").render())
        assert "Ada Kral: A GENERIC interview" in listed and "other 0" not in listed
        await pilot.press("y")
        await pilot.pause()
        assert desk.screen is screen and screen.bulk_ids == []
        assert not screen.query_one("#bulk-candidates").display
        assert screen.query_one("#candidate-mode").display  # the one-candidate form is back
        await pilot.press("escape", "escape", "c")
        await pilot.pause()
        from widgets.virtual_table import VirtualTable

        assert desk.screen.query_one(VirtualTable).marked == frozenset()


async def test_a_batch_on_each_candidates_own_job_says_so_in_the_review(desk) -> None:
    """Two candidates with one job each (not the same), no job chosen: the API takes each
    one's own job, and the review says that rather than "Job none"."""
    async with desk.run_test(size=SIZE) as pilot:
        await person(desk, "Ada", "Registered Nurse")
        await person(desk, "Ben", "Accountant")
        await synced(desk.context)
        desk.cache_written()
        await pilot.pause()
        await pilot.press("space", "space", "s")
        await pilot.pause()
        screen = desk.screen
        fill(screen, agent_id=agent_id(desk, "SCREENING"))
        await pilot.pause()
        assert "Ready" in status(screen)
        await pilot.press("ctrl+r")
        await desk.workers.wait_for_complete()
        await pilot.pause()
        review = str(desk.screen.query_one(".dialog-body").render())
        assert "Job        each candidate's own (they have one job each)" in review
        assert "none" not in review


async def test_ctrl_x_in_a_text_box_asks_to_discard_unless_text_is_selected(desk) -> None:
    """ctrl+x is the form's "Discard draft" (the restored draft's toast says so), and the form
    keeps its focus in a text box: there ctrl+x once cut nothing and never asked. It asks;
    with text selected it cuts that text, as a text box does, and asks nothing."""
    async with desk.run_test(size=SIZE) as pilot:
        screen = await open_form(desk, pilot)
        new_candidate(screen)
        await pilot.pause()
        box = screen.query_one("#f-first_name", Input)
        box.focus()
        await pilot.press("end", "ctrl+x")
        await pilot.pause()
        assert isinstance(desk.screen, ConfirmScreen)
        assert "Discard this draft?" in str(desk.screen.query_one(".dialog-title").render())
        await pilot.press("escape")
        await pilot.pause()
        assert desk.screen is screen and desk.focused is box and box.value == "Jana"
        await pilot.press("shift+home", "ctrl+x")
        await pilot.pause()
        assert desk.screen is screen and box.value == ""
        assert desk.clipboard == "Jana"


async def test_discarding_a_batch_keeps_the_one_candidate_draft(desk) -> None:
    async with desk.run_test(size=SIZE) as pilot:
        ada = await person(desk, "Ada", "Registered Nurse")
        ben = await person(desk, "Ben", "Registered Nurse")
        await synced(desk.context)
        desk.cache_written()
        await pilot.pause()
        screen = await open_form(desk, pilot)
        new_candidate(screen, email="kept.aside@example.com")
        await pilot.pause()
        screen.use_candidates([ada, ben])
        await pilot.pause()
        assert screen.bulk_ids == [ada, ben]
        await pilot.press("ctrl+x")
        await pilot.pause()
        dialog = desk.screen
        assert isinstance(dialog, ConfirmScreen)
        assert "Discard this batch of 2?" in str(dialog.query_one(".dialog-title").render())
        await pilot.press("y")
        await pilot.pause()
        assert screen.bulk_ids == []
        assert screen.query_one("#f-email", Input).value == "kept.aside@example.com"
        assert Drafts(desk.context.settings.drafts_dir).load()["email"] == "kept.aside@example.com"
