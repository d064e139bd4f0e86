"""Shared verdicts read back from a candidate's metadata: whatever a server or another tool put
there is read leniently, and the conflict rule at its boundaries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.domain.shared_verdicts import (
    NAMESPACE,
    TeamVerdict,
    metadata_patch,
    overrides_someone,
    team_verdicts,
)

AT = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


def test_malformed_entries_are_skipped_and_long_text_is_cut() -> None:
    metadata = {NAMESPACE: {"verdicts": {
        "job-1": {"verdict": "advance", "by": "Dana", "at": "2026-12-01T10:00:00Z",
                  "note": "n" * 5000},
        "job-2": "not an object", "job-3": {"verdict": 7, "by": "X"},
        "job-4": {"verdict": "hold"},  # no one signed it
        "job-5": {"verdict": None, "by": "Eve", "at": "yesterday"},
    }}}
    found = team_verdicts(metadata)
    assert set(found) == {"job-1", "job-5"}
    assert found["job-1"].at == AT and len(found["job-1"].note) == 500
    assert found["job-5"].verdict is None and found["job-5"].at is None
    for junk in (None, [], "x", {NAMESPACE: []}, {NAMESPACE: {"verdicts": [1]}}):
        assert team_verdicts(junk) == {}


def test_a_patch_keeps_the_other_jobs_entries_and_the_namespace_keys() -> None:
    metadata = {"ats": 1, NAMESPACE: {"version": 2, "verdicts": {"job-2": {"by": "Dana"}}}}
    patch = metadata_patch(metadata, TeamVerdict("job-1", "reject", "", "Ana", AT))
    assert set(patch) == {NAMESPACE}  # only the desk's own key goes
    assert patch[NAMESPACE]["version"] == 2
    assert patch[NAMESPACE]["verdicts"]["job-2"] == {"by": "Dana"}
    assert patch[NAMESPACE]["verdicts"]["job-1"] == {
        "verdict": "reject", "note": "", "by": "Ana", "at": "2026-12-01T10:00:00Z"}


def test_only_someone_elses_newer_or_unseen_verdict_is_asked_about() -> None:
    dana = TeamVerdict("job-1", "advance", "", "Dana", AT)
    later, earlier = AT + timedelta(minutes=1), AT - timedelta(minutes=1)
    assert not overrides_someone(None, later, me="Ana", seen=None, changed_since_seen=True)
    assert not overrides_someone(TeamVerdict("job-1", "hold", "", "Ana", AT), earlier,
                                 me="Ana", seen=None, changed_since_seen=True)  # my own
    assert overrides_someone(dana, earlier, me="Ana", seen=dana, changed_since_seen=False)
    assert not overrides_someone(dana, AT, me="Ana", seen=None, changed_since_seen=False)
    assert overrides_someone(dana, later, me="Ana", seen=None, changed_since_seen=True)
    assert not overrides_someone(dana, later, me="Ana", seen=dana, changed_since_seen=True)
