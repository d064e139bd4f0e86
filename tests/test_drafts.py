"""Drafts survive a restart, never leave a half-written file, and stay private."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from app.drafts import Drafts


def test_a_saved_draft_is_read_back_by_a_new_instance(tmp_path: Path) -> None:
    Drafts(tmp_path / "drafts").save({"candidate.firstName": "Jana", "job.skills": ["Go"]})
    assert Drafts(tmp_path / "drafts").load() == {
        "candidate.firstName": "Jana",
        "job.skills": ["Go"],
    }


def test_the_draft_file_is_private(tmp_path: Path) -> None:
    drafts = Drafts(tmp_path)
    drafts.save({"a": 1})
    assert stat.S_IMODE(drafts.path.stat().st_mode) == 0o600


def test_a_failed_write_keeps_the_previous_draft_whole(tmp_path: Path) -> None:
    drafts = Drafts(tmp_path)
    drafts.save({"a": 1})
    with pytest.raises(TypeError):
        drafts.save({"a": object()})
    assert drafts.load() == {"a": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["schedule.json"]


def test_an_unreadable_draft_is_set_aside_not_fatal(tmp_path: Path) -> None:
    drafts = Drafts(tmp_path)
    drafts.path.write_text('{"a": ')
    assert drafts.load() is None
    assert (tmp_path / "schedule.unreadable").exists()


def test_discard_removes_it(tmp_path: Path) -> None:
    drafts = Drafts(tmp_path)
    drafts.save({"a": 1})
    drafts.discard()
    assert drafts.load() is None
