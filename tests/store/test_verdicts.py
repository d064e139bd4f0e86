"""Verdicts against real SQLite files: recorded, changed with history, undone, kept across a
restart and a rebuilt cache, hidden and deleted under GDPR; and the review queue they drive."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from app.config import load_settings
from app.factory import open_cache
from app.store import Store
from app.store.review import review_queue, undecided
from app.store.verdicts import Verdict, verdicts_path
from tests.store.damage import damage_header
from tests.store.test_store import interview
from tests.ui.candidates.world import START, TODAY, fill


def test_a_verdict_is_recorded_changed_and_its_history_kept(filled: Store) -> None:
    book = filled.verdicts
    assert book.current("cand-ada", "job-backend") is None
    book.decide("cand-ada", "job-backend", Verdict.HOLD, interview_id="int-ada", note="Ask SQL")
    changed = book.decide("cand-ada", "job-backend", Verdict.ADVANCE)
    assert changed.verdict is Verdict.ADVANCE and changed.note == "Ask SQL"  # the note stays
    assert [d.verdict for d in book.history("cand-ada", "job-backend")] == [
        Verdict.HOLD, Verdict.ADVANCE]
    assert book.current("cand-ada", "job-nurse") is None  # per job
    noted = book.note("cand-ada", "job-backend", "  Strong on APIs  ")
    assert noted.verdict is Verdict.ADVANCE and noted.note == "Strong on APIs"
    assert noted.decided_by and noted.decided_at.tzinfo is not None


def test_undo_restores_what_was_before_and_keeps_the_history(filled: Store) -> None:
    book = filled.verdicts
    book.decide("cand-ada", "job-backend", Verdict.HOLD)
    book.decide("cand-ada", "job-backend", Verdict.REJECT)
    book.decide("cand-cleo", "job-backend", Verdict.ADVANCE)
    assert book.undo_last().candidate_id == "cand-cleo"
    assert book.current("cand-cleo", "job-backend").verdict is None
    assert book.undo_last().verdict is Verdict.HOLD  # Ada's reject undone: hold again
    assert book.undo_last().verdict is None
    assert book.undo_last() is None  # nothing left to undo
    assert len(book.history("cand-ada", "job-backend")) == 4


def test_verdicts_survive_a_restart_and_a_rebuilt_cache(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path, env={"XDG_CONFIG_HOME": str(tmp_path)})
    store, _ = open_cache(settings)
    fill(store)
    store.verdicts.decide("cand-ada", "job-backend", Verdict.ADVANCE, note="Hire")
    store.close()

    store, _ = open_cache(settings)  # a restart
    assert store.verdicts.current("cand-ada", "job-backend").note == "Hire"
    store.close()

    damage_header(settings.cache_path)  # the cache is moved aside and rebuilt empty
    store, notices = open_cache(settings)
    assert [n.title for n in notices] == ["Cache rebuilt"]
    assert store.candidate("cand-ada") is None
    fill(store)  # what the next sync brings back
    decision = store.verdicts.current("cand-ada", "job-backend")
    assert decision.verdict is Verdict.ADVANCE and decision.note == "Hire"
    assert verdicts_path(settings.cache_path).exists()
    store.close()


def test_a_withheld_candidate_has_no_verdict_and_the_purge_deletes_it(filled: Store) -> None:
    book = filled.verdicts
    book.decide("cand-eva", "job-backend", Verdict.REJECT, note="Eva was late")
    book.decide("cand-ada", "job-backend", Verdict.ADVANCE)
    later = TODAY + timedelta(days=10)  # past Eva's GDPR date (3 days)
    filled.today = lambda: later
    assert book.current("cand-eva", "job-backend") is None
    assert [d.candidate_id for d in book.decisions()] == ["cand-ada"]
    filled.purge_expired(later)
    filled.today = lambda: TODAY
    assert book.history("cand-eva", "job-backend") == []


def test_the_queue_is_newest_first_one_per_candidate_and_job_and_undecided(
        filled: Store) -> None:
    with filled.transaction():
        filled.save_interviews([
            interview("int-ada-2", candidate="cand-ada", rating=80, when=START),
            interview("int-cleo-2", candidate="cand-cleo", rating=70,
                      when=START - timedelta(hours=1)),
        ])
    queue = [row.interview_id for row in review_queue(filled)]
    assert queue[:2] == ["int-ada-2", "int-cleo-2"]  # newest first; Ada's older one left out
    assert "int-ada" not in queue and "int-cleo" not in queue
    assert set(queue) == {"int-ada-2", "int-cleo-2", "int-ben", "int-eva", "int-mark"}
    filled.verdicts.decide("cand-cleo", "job-backend", Verdict.HOLD)
    assert "int-cleo-2" not in [row.interview_id for row in review_queue(filled)]
    # Equal times: the later id first, so the order never changes between two reads.
    assert [row.interview_id for row in review_queue(filled, job_id="job-nurse")] == [
        "int-mark", "int-ben"]
    assert review_queue(filled, focus="TECHNICAL") == []
    assert undecided(filled, ["int-cleo", "int-ada"]) == {"int-ada"}


def test_the_purge_leaves_no_byte_of_a_note_in_the_verdict_file(filled: Store) -> None:
    """A note is what the recruiter wrote about the person: after the purge it is in no page
    of the verdict file, its log or its shared memory, free or not (as the cache's bytes)."""
    book = filled.verdicts
    book.decide("cand-eva", "job-backend", Verdict.REJECT, note="Eva was late to the call")
    book.note("cand-eva", "job-backend", "Eva asked about remote work")
    book.decide("cand-ada", "job-backend", Verdict.ADVANCE, note="Ada: hire")
    filled.purge_expired(TODAY + timedelta(days=10))  # past Eva's GDPR date (3 days)
    files = [path for path in book.path.parent.iterdir()
             if path.name.startswith(book.path.name)]
    assert book.path in files
    written = b"".join(path.read_bytes() for path in files)
    assert b"Eva was late" not in written
    assert b"remote work" not in written
    assert book.current("cand-ada", "job-backend").note == "Ada: hire"  # only Eva's went
