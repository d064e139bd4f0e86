"""Search pages read where the count found their hits (issue 22): every page and count must
be what a naive reference reads, at the boundaries of FEW_HITS and of a count's cap, for
words typed with FTS syntax, with withheld interviews, and after the file changed between
the count and the page (in this process or another)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from app.domain.enums import AnalysisStatus, InterviewStatus
from app.domain.models import (
    Analysis,
    GeneralAnalysis,
    Interview,
    TranscriptTurn,
)
from app.store import Store
from app.store import search as store_search
from app.store.search import fts_words_query
from tests.ui.candidates.world import AGENT, BACKEND, START, TODAY, fill

FEW = 5  # FEW_HITS for these tests: "five" has exactly that many hits, "six" one more


def talk(key: str, candidate: str, turns: list[str], strong: list[str], days: int) -> Interview:
    return Interview(
        id=key, candidate_id=candidate, agent_id=AGENT.id, job_id=BACKEND.id,
        status=InterviewStatus.COMPLETED, scheduled_at=START - timedelta(days=days),
        analysis=Analysis(general=GeneralAnalysis(
            status=AnalysisStatus.COMPLETED, overall_rating=70, strong_points=strong,
            weak_points=["Little alpha"], evaluation=["Fit"])),
        transcript=[TranscriptTurn(speaker="AGENT" if n % 2 == 0 else "CANDIDATE", text=text,
                                   start_seconds=n * 5.0) for n, text in enumerate(turns)],
    )


def company(store: Store) -> None:
    """The small company, five days on (Eva's GDPR date has passed: withheld), and
    four interviews: "alpha" in every turn, "beta" in one turn in 13, "five" in exactly five
    turns and "six" in six, a name with [/] and quotes in the text."""
    fill(store)
    people = ["cand-ada", "cand-ben", "cand-cleo", "cand-eva"]
    interviews = []
    for number, candidate in enumerate(people):
        turns = [f"alpha turn {n}" + (" beta" if (n + number) % 13 == 0 else "")
                 + (" five" if number == 1 and n < 5 else "")
                 + (" six" if number == 2 and n % 7 == 0 else "")
                 + (' "[red]quoted[/red]" NEAR OR' if n == 3 else "")
                 for n in range(40)]
        interviews.append(talk(f"int-{number}", candidate, turns,
                               ["alpha beta lead", "alpha only"], days=number))
    with store.transaction():
        store.save_interviews(interviews)
    store.today = lambda: TODAY + timedelta(days=5)
    assert "int-3" in store._withheld_interviews()


def reference(store: Store, text: str) -> list[tuple[Any, ...]]:
    """Every hit of `text`, naively: all of the analyses' hits then all of the transcripts',
    each newest first, the withheld left out, with their snippets."""
    match = fts_words_query(text)
    if match is None:
        return []
    hidden = set(store._withheld_interviews())
    hits: list[tuple[Any, ...]] = []
    for index, table, turn, kind in (
            ("analysis_fts", "analysis_points", "NULL", "t.kind"),
            ("transcript_fts", "transcript_turns", "t.position", "'transcript'")):
        with store._lock:
            rows = store._connection.execute(
                f"SELECT t.interview_id, {kind}, {turn}, snippet({index}, 0, '[[', ']]', '…', "
                f"12) FROM {index} f JOIN {table} t ON t.id = f.rowid WHERE {index} MATCH ? "
                "ORDER BY f.rowid DESC", (match,)).fetchall()
        hits += [tuple(row) for row in rows if row[0] not in hidden]
    return hits


def shown(store: Store, text: str, limit: int, *, count_first: bool) -> list[tuple[Any, ...]]:
    """Every page of `text` as the results table reads them (counting first, as it does)."""
    total = store.count_search_hits(text, at_most=10_000) if count_first else 10_000
    pages = []
    for offset in range(0, total + limit, limit):
        page = store.search(text, limit=limit, offset=offset)
        pages += [(hit.interview_id, hit.kind, hit.turn, hit.snippet) for hit in page]
        if not page:
            break
    return pages


TEXTS = ["alpha beta", "beta", "five", "six", "alpha", "Beta alpha turn", '"beta', "beta*",
         "NEAR beta", "beta OR alpha", "quoted", "[/]", "zzz", "turn 3"]


@pytest.mark.parametrize("text", TEXTS)
def test_every_page_and_count_is_what_a_naive_reference_reads(
        store: Store, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(store_search, "FEW_HITS", FEW)
    company(store)
    wanted = reference(store, text)
    assert text not in ("alpha beta", "beta", "five", "six", "alpha") or wanted
    assert text != "five" or sum(hit[1] == "transcript" for hit in wanted) == FEW
    assert text != "six" or sum(hit[1] == "transcript" for hit in wanted) == FEW + 1
    assert store.count_search_hits(text) == len(wanted)
    for at_most in (0, len(wanted) - 1, len(wanted), FEW, FEW + 1):  # the cap and one past
        at_most = max(at_most, 0)
        assert store.count_search_hits(text, at_most=at_most) == min(len(wanted), at_most + 1)
    for limit in (1, 3, 4, 30):
        assert shown(store, text, limit, count_first=True) == wanted
        assert shown(store, text, limit, count_first=False) == wanted


def test_a_count_of_few_hits_keeps_them_for_the_pages_and_a_change_forgets_them(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_search, "FEW_HITS", FEW)
    company(store)
    store.count_search_hits("five")  # five turns: kept
    kept = store._known_hits("transcript_fts", '"five"', store._withheld_interviews())
    assert kept is not None and len(kept) == FEW and kept == sorted(kept, reverse=True)
    store.count_search_hits("six")  # one more than FEW: counted, not kept
    assert "transcript_fts" not in store._known
    # A change between the count and the page, in this process: the page reads it.
    store.count_search_hits("five")
    with store.transaction():
        store.save_interviews([talk("int-new", "cand-dan", ["five news"], ["x"], days=-1)])
    assert store._known_hits("transcript_fts", '"five"', store._withheld_interviews()) is None
    pages = shown(store, "five", 4, count_first=False)
    assert pages == reference(store, "five") and len(pages) == FEW + 1
    assert pages[0][0] == "int-new"


def test_a_change_another_process_commits_between_count_and_page_is_read(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_search, "FEW_HITS", FEW)
    company(store)
    store.count_search_hits("five")
    other = Store.open(store.path)
    try:
        with other.transaction():
            other.save_interviews([talk("int-other", "cand-dan", ["five elsewhere"], ["x"],
                                        days=-2)])
    finally:
        other.close()
    page = store.search("five", limit=3)
    assert [hit.interview_id for hit in page] == [hit[0] for hit in reference(store, "five")[:3]]
    assert page[0].interview_id == "int-other"
