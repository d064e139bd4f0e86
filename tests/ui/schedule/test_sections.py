"""The new candidate's and the new job's parts of the scheduling form are composed only when the
recruiter chooses them (or a draft holds something in them): what is typed there is never lost
by switching back and forth, and a restored draft shows every value of a new job."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input, Select

from app.domain.enums import ContractType, Education, Experience, SalaryPeriod, WorkMode, label
from app.drafts import Drafts
from app.ui.app import InterviewDeskApp
from app.ui.schedule.draft import ScheduleDraft
from app.ui.schedule.form import NEW_CANDIDATE, NEW_JOB
from app.ui.screens.schedule import ScheduleScreen
from tests.ui.schedule.form_filling import GDPR_OK, agent_id
from widgets.skills_input import SkillsInput

SIZE = (80, 24)  # the smallest screen: the composed fields are below the fold

A_NEW_JOB = {
    "job_mode": "new", "title": "Night Shift Supervisor",
    "description": "Leads the night shift of a ward.",
    "required_skills": ["Leadership", "Rotas"], "nice_skills": ["Triage"],
    "education": Education.BACHELOR_LEVEL.value, "experience": Experience.THREE_TO_5_YEARS.value,
    "contract_type": ContractType.PART_TIME.value, "languages": "SK:B2, EN:B1",
    "work_mode": WorkMode.ONSITE.value, "country": "SK", "salary_min": "30000",
    "salary_max": "36000", "currency": "EUR", "period": SalaryPeriod.YEARLY.value,
}
A_NEW_CANDIDATE = {
    "candidate_mode": "new", "first_name": "Jana", "last_name": "Novak",
    "email": "jana.novak@example.com", "phone": "+421915123456", "gdpr_expiry": GDPR_OK,
}


async def open_form(app: InterviewDeskApp, pilot: Any) -> ScheduleScreen:
    await pilot.press("s")
    await pilot.pause()
    assert isinstance(app.screen, ScheduleScreen)
    return app.screen


def focused_id(app: InterviewDeskApp) -> str | None:
    return app.focused.id if app.focused is not None else None


def shown(select: Select[str]) -> str:
    """What the select draws as chosen (its prompt when nothing is)."""
    return str(select.query_one("SelectCurrent #label").render())


def assert_fields_show(screen: ScheduleScreen, values: dict[str, Any]) -> None:
    """Every control shows its value, and a select draws its option's label."""
    for name, value in values.items():
        if name.endswith("_mode"):
            continue
        widget = screen.query_one(f"#f-{name}")
        if isinstance(widget, Select):
            assert widget.value == value, name
            chosen = next(member for enum in (Education, Experience, ContractType, WorkMode,
                                              SalaryPeriod) for member in enum
                          if member.value == value)
            assert shown(widget) == label(chosen), name
        elif isinstance(widget, SkillsInput):
            assert widget.skills == tuple(value), name
        else:
            assert widget.value == value, name


async def test_the_form_opens_without_them_and_they_are_filled_by_keyboard_only(
        desk: InterviewDeskApp) -> None:
    """Tab walks into a part composed a moment before, in the order of the form, and what is
    typed into it is kept while the other choice is shown and there again when chosen back."""
    async with desk.run_test(size=SIZE) as pilot:
        screen = await open_form(desk, pilot)
        for section in (NEW_CANDIDATE, NEW_JOB):  # what makes opening the form cheap
            assert not screen.query(f"#{section.id} > *"), section.id
        assert focused_id(desk) == "candidate-search"
        await pilot.press("shift+tab", "right", "enter")  # New candidate
        await pilot.pause()
        # A key each: what matters is where Tab goes and that what is typed stays.
        typed: dict[str, Any] = {"first_name": "J", "last_name": "N", "email": "@",
                                 "phone": "+", "gdpr_expiry": "2"}
        for name, text in typed.items():
            await pilot.press("tab")
            assert focused_id(desk) == f"f-{name}"
            await pilot.press(*text)
        await pilot.press("tab")
        assert focused_id(desk) == "f-agent_id"
        screen.query_one("#f-agent_id", Select).value = agent_id(desk, "SCREENING")
        await pilot.press("tab", "right", "enter")  # New job
        await pilot.pause()
        await pilot.press("tab")
        assert focused_id(desk) == "f-title"
        await pilot.press("R", "tab", "tab", "C", ",")  # past the description, to the skills
        await pilot.pause()
        typed.update(title="R", required_skills=["C"])
        assert_fields_show(screen, typed)

        screen.query_one("#candidate-mode").focus()
        await pilot.press("left", "enter")  # back to an existing candidate
        screen.query_one("#job-mode").focus()
        await pilot.press("left", "enter")  # and an existing job
        await pilot.pause()
        assert not screen.query_one("#new-candidate").display
        assert not screen.query_one("#new-job").display
        assert screen.draft.candidate_mode == "existing" and screen.draft.job_mode == "existing"
        assert (screen.draft.first_name, screen.draft.title) == ("J", "R")
        saved = Drafts(desk.context.settings.drafts_dir).load()
        assert saved is not None and (saved["email"], saved["required_skills"]) == (
            "@", ["C"])

        screen.query_one("#candidate-mode").focus()
        await pilot.press("right", "enter")
        screen.query_one("#job-mode").focus()
        await pilot.press("right", "enter")
        await pilot.pause()
        assert screen.query_one("#new-candidate").display and screen.query_one("#new-job").display
        assert_fields_show(screen, typed)
        body, _ = screen.draft.body(desk.context.clock().date())
        assert body["candidate"]["firstName"] == "J" and body["job"]["title"] == "R"


async def test_a_restored_draft_with_a_new_candidate_and_a_new_job_shows_every_value(
        desk: InterviewDeskApp) -> None:
    Drafts(desk.context.settings.drafts_dir).save(ScheduleDraft.from_values({
        **A_NEW_CANDIDATE, **A_NEW_JOB, "agent_id": agent_id(desk, "SCREENING")}).values())
    async with desk.run_test(size=SIZE) as pilot:
        screen = await open_form(desk, pilot)
        assert_fields_show(screen, {**A_NEW_CANDIDATE, **A_NEW_JOB})
        assert "Ready" in str(screen.query_one("#schedule-status").render())
        assert screen.query_one("#new-job").display
        await pilot.press("ctrl+r")  # the review reads the restored job
        await pilot.pause()
        review = str(desk.screen.query_one(".dialog-body").render())
        assert "Night Shift Supervisor (new, 3 skills; created and kept)" in review


async def test_a_restored_draft_keeps_a_new_job_typed_before_an_existing_one_was_chosen(
        desk: InterviewDeskApp) -> None:
    """The draft was left on an existing job with a new one typed: the new one is there when
    chosen again, and never dropped from the draft meanwhile."""
    Drafts(desk.context.settings.drafts_dir).save(ScheduleDraft.from_values({
        **A_NEW_JOB, "job_mode": "existing"}).values())
    async with desk.run_test(size=SIZE) as pilot:
        screen = await open_form(desk, pilot)
        assert not screen.query_one("#new-job").display
        screen.query_one("#candidate-search", Input).focus()
        await pilot.press(*"Ema")  # a change: the draft is saved again
        await pilot.pause()
        saved = Drafts(desk.context.settings.drafts_dir).load()
        assert saved is not None and saved["title"] == "Night Shift Supervisor"
        screen.query_one("#job-mode").focus()
        await pilot.press("right", "enter")
        await pilot.pause()
        assert_fields_show(screen, A_NEW_JOB)
