"""The cache against a real SQLite file: round trips, list queries at their boundaries,
full-text search, the monitor's groups, job statistics, migrations and transactions."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.domain.enums import AnalysisStatus, InterviewStatus
from app.domain.models import (
    Analysis,
    CallAttempt,
    Candidate,
    GeneralAnalysis,
    Interview,
    TranscriptTurn,
)
from app.store import SCHEMA_VERSION, CandidateQuery, CandidateSort, Store, StoreError
from app.store.schema import V1
from tests.store.reader import read_rows, run
from tests.ui.candidates.world import AGENT, BACKEND, START, TODAY

Q = CandidateQuery


def names(store: Store, query: CandidateQuery) -> list[str]:
    return [row.name for row in store.candidate_rows(query, today=TODAY)]


def interview(key: str, *, candidate: str, rating: float | None, when: datetime,
              status: InterviewStatus = InterviewStatus.COMPLETED,
              transcript: list[str] | None = None, strong: list[str] | None = None) -> Interview:
    return Interview(
        id=key, candidate_id=candidate, agent_id=AGENT.id, job_id=BACKEND.id, status=status,
        scheduled_at=when,
        analysis=None if rating is None else Analysis(general=GeneralAnalysis(
            status=AnalysisStatus.COMPLETED, overall_rating=rating, strong_points=strong or [],
            weak_points=["Little SQL"], evaluation=["Good fit"])),
        transcript=None if transcript is None else [
            TranscriptTurn(speaker="AGENT" if i % 2 == 0 else "CANDIDATE", text=text,
                           start_seconds=i * 5.0)
            for i, text in enumerate(transcript)],
        call_attempts=[CallAttempt(id=f"{key}-a", status="COMPLETED",
                                   recording_url="https://r.example/1")],
    )


def test_a_saved_interview_reads_back_whole(filled: Store) -> None:
    with filled.transaction():
        filled.save_interviews([interview("int-x", candidate="cand-ada", rating=88,
                                          when=START, transcript=["Hi Ada", "Hello"],
                                          strong=["Clear answers"])])
    view = filled.interview("int-x")
    assert view is not None
    assert view.candidate.full_name == "Ada Lovelace" and view.job.title == "Backend Engineer"
    assert view.agent.name == "Sofia"
    assert [t.text for t in view.interview.turns] == ["Hi Ada", "Hello"]
    assert view.interview.analysis.general.strong_points == ["Clear answers"]
    assert view.interview.recording_url == "https://r.example/1"


def test_latest_interview_drives_the_list_columns(filled: Store) -> None:
    later = START + timedelta(days=1)
    with filled.transaction():
        filled.save_interviews([interview("int-new", candidate="cand-ada", rating=None,
                                          when=later, status=InterviewStatus.SCHEDULED)])
    row = next(r for r in filled.candidate_rows(Q(), today=TODAY) if r.id == "cand-ada")
    assert row.latest_interview_status == "SCHEDULED"
    assert row.latest_rating == 91  # the latest *rated* interview still gives the rating
    assert row.interview_count == 2
    filled.delete_interview("int-new")
    row = next(r for r in filled.candidate_rows(Q(), today=TODAY) if r.id == "cand-ada")
    assert row.latest_interview_status == "COMPLETED" and row.interview_count == 1


def test_job_titles_follow_a_renamed_job(filled: Store) -> None:
    with filled.transaction():
        filled.save_jobs([BACKEND.model_copy(update={"title": "Platform Engineer"})])
    assert names(filled, Q(job_id=BACKEND.id, sort=CandidateSort.NAME)) == [
        "Ada Lovelace", "Cleo Marsh", "Eva Král"]
    row = filled.candidate_rows(Q(job_id=BACKEND.id), today=TODAY)[0]
    assert row.job_titles == "Platform Engineer"


def test_text_filter_is_a_prefix_match_over_names_and_emails(filled: Store) -> None:
    assert names(filled, Q(text="lov")) == ["Ada Lovelace"]
    assert names(filled, Q(text="kral")) == ["Eva Král"]  # diacritics folded
    assert names(filled, Q(text="ben@exa")) == ["Ben Okafor"]
    assert names(filled, Q(text='"; DROP TABLE')) == []  # FTS syntax cannot break out


@pytest.mark.parametrize(("low", "high", "expected"), [
    (64, None, ["Ada Lovelace", "Cleo Marsh", "[red]Mark[/red] Up"]),
    (None, 38, ["Eva Král"]),
    (55, 64, ["Ben Okafor", "[red]Mark[/red] Up"]),
])
def test_rating_range_is_inclusive(filled: Store, low, high, expected) -> None:
    assert sorted(names(filled, Q(rating_min=low, rating_max=high))) == sorted(expected)


def test_expiring_within_14_days_includes_day_14_not_15(filled: Store) -> None:
    assert sorted(names(filled, Q(expiring_within_days=14))) == ["Ben Okafor", "Eva Král"]
    assert [r.name for r in filled.expiring(14, today=TODAY)] == ["Eva Král", "Ben Okafor"]


def test_every_sort_column_orders_and_nulls_go_last(filled: Store) -> None:
    for sort in CandidateSort:
        for descending in (False, True):
            rows = filled.candidate_rows(Q(sort=sort, descending=descending), today=TODAY)
            assert len(rows) == 6
    by_rating = Q(sort=CandidateSort.RATING)
    ratings = [r.latest_rating for r in filled.candidate_rows(by_rating, today=TODAY)]
    assert ratings == [38, 55, 64, 72, 91, None]
    ratings = [r.latest_rating for r in filled.candidate_rows(replace(by_rating, descending=True),
                                                             today=TODAY)]
    assert ratings == [91, 72, 64, 55, 38, None]


def test_window_and_count_agree(filled: Store) -> None:
    assert filled.count_candidates(Q(), today=TODAY) == 6
    first = filled.candidate_rows(Q(), offset=0, limit=4, today=TODAY)
    rest = filled.candidate_rows(Q(), offset=4, limit=4, today=TODAY)
    assert len(first) == 4 and len(rest) == 2
    assert not {r.id for r in first} & {r.id for r in rest}


ODD_NAMES = [
    # first, last, email: hyphens, apostrophes, digits, case, accents, other scripts, nothing
    ("Jean-Marc", "Maréchal", "jm.marechal@example.test"), ("Mara", "O'Mara", "omara@x.test"),
    ("MARA", "MARK", "MARA2@X.TEST"), ("Émile", "Mårtensson", "emile+mar@x.test"),
    ("Marčič", "Ana", None), ("Zoë", "Amara", "zoe_amara@x.test"), ("Ma", "Ng", "ma.ng@x.test"),
    ("Tamara", "Smart", "tamara@mar.test"), ("Mar2", "X", "m@x.test"), ("Мария", "Marx", None),
    ("Ann", "Lee", "ann\tmar@x.test"), ("Ola", "Nordmann", "ola@nord.mar"),
    ("Kai", "Lund", "k2mar@x.test"), ("Édouard", "Ørsted", None), ("Emil", "Zed", None),
]


@pytest.mark.parametrize("text", ["mar", "ma", "m", "mar2", "ma ng", "marx", "ém", "em", "ed",
                                  "zo", "mari", "мар", "a", "2", "x"])
def test_a_walk_of_the_name_index_lists_what_the_text_index_matches(
        store: Store, text: str) -> None:
    """Sorted by name, a broad filter tells matches from the name index itself (schema 7);
    it must list exactly what the text index matches, in both directions and from the end."""
    people = [Candidate(id=f"odd{n:02}", first_name=first, last_name=last, email=email)
              for n, (first, last, email) in enumerate(ODD_NAMES * 3)]
    with store.transaction():
        store.save_candidates(people)
    for descending in (False, True):
        query = Q(text=text, descending=descending)
        for offset, limit, from_end in ((0, 100, False), (2, 5, False), (0, 4, True)):
            walked = store.candidate_rows(query, offset=offset, limit=limit, today=TODAY,
                                          from_end=from_end, text_matches=10**9)
            collected = store.candidate_rows(query, offset=offset, limit=limit, today=TODAY,
                                             from_end=from_end, text_matches=0)
            assert walked == collected
    walked = store.candidate_rows(Q(text=text), limit=100, today=TODAY, text_matches=10**9)
    assert len(walked) == store.count_candidates(Q(text=text), today=TODAY)
    assert text not in ("mar", "ma", "m", "a") or len(walked) >= 6


def crowd(store: Store) -> list[Candidate]:
    """400 candidates: 'Mara' names are a quarter of them (a match broad enough for the list
    to walk its sort index), 'Surname00…' 10 (just broad enough), 'Quinn' only 4 (narrow:
    matched first, then sorted)."""
    people = [Candidate(id=f"p{n:03}", first_name="Quinn" if n % 100 == 0 else
                        "Mara" if n % 4 == 0 else "Olek",
                        last_name=f"Surname{(n * 37) % 400:03}", email=f"p{n}@crowd.test",
                        status="HIRED" if n % 3 == 0 else "APPLIED")
              for n in range(400)]
    with store.transaction():
        store.save_candidates(people)
    return people


@pytest.mark.parametrize("text", ["mar", "qui", "ol", "surname1", "surname00"])
@pytest.mark.parametrize("descending", [False, True])
def test_broad_and_narrow_text_matches_list_and_count_alike(
        store: Store, text: str, descending: bool) -> None:
    people = crowd(store)
    wanted = sorted((p for p in people if any(
        word.lower().startswith(text) for word in (p.first_name, p.last_name))),
        key=lambda p: (f"{p.first_name} {p.last_name}".lower(), p.id), reverse=descending)
    query = Q(text=text, descending=descending)
    assert store.count_candidates(query, today=TODAY) == len(wanted)
    shown = [row.id for offset in range(0, len(wanted) + 30, 30)
             for row in store.candidate_rows(query, offset=offset, limit=30, today=TODAY)]
    assert shown == [p.id for p in wanted]
    back = store.candidate_rows(query, offset=0, limit=7, today=TODAY, from_end=True)
    assert [row.id for row in back] == [p.id for p in wanted][-7:]
    hired = Q(text=text, statuses=("HIRED",))
    assert store.count_candidates(hired, today=TODAY) == sum(
        1 for p in wanted if p.status == "HIRED")
    # A count may stop past `at_most`: exact up to it, "more than at_most" past it.
    for at_most in (0, 3, len(wanted) - 1, len(wanted), 1_000):
        for counted in (query, hired):
            whole = store.count_candidates(counted, today=TODAY)
            assert store.count_candidates(counted, today=TODAY, at_most=at_most) == min(
                whole, at_most + 1)


def test_search_finds_transcripts_and_points_with_snippets(filled: Store) -> None:
    with filled.transaction():
        filled.save_interviews([interview(
            "int-s", candidate="cand-ben", rating=70, when=START,
            transcript=["Tell me about Kubernetes", "I ran Kubernetes clusters for years"],
            strong=["Deep Kubernetes knowledge"])])
    hits = filled.search("kubernetes")
    kinds = sorted((hit.kind, hit.turn) for hit in hits)
    assert kinds == [("strong", None), ("transcript", 0), ("transcript", 1)]
    assert all("[[Kubernetes]]" in hit.snippet for hit in hits)
    assert {hit.candidate_name for hit in hits} == {"Ben Okafor"}
    assert filled.search("") == []


def test_search_pages_analyses_then_transcripts_newest_first_each_hit_once(
        filled: Store) -> None:
    older = interview("int-old", candidate="cand-ben", rating=70, when=START,
                      transcript=[f"Kubernetes story {n}" for n in range(70)],
                      strong=["Kubernetes at scale"])
    newer = interview("int-new", candidate="cand-ada", rating=80, when=START,
                      transcript=[f"More Kubernetes {n}" for n in range(40)],
                      strong=["Kubernetes operator"])
    with filled.transaction():
        filled.save_interviews([older])
    with filled.transaction():
        filled.save_interviews([newer])
    total = filled.count_search_hits("kubernetes")
    assert total == 2 + 110

    pages = [filled.search("kubernetes", limit=50, offset=offset) for offset in (0, 50, 100)]
    hits = [hit for page in pages for hit in page]

    assert [len(page) for page in pages] == [50, 50, 12]
    assert filled.search("kubernetes", limit=50, offset=total) == []
    assert len({(hit.interview_id, hit.kind, hit.turn) for hit in hits}) == total
    assert [(hit.interview_id, hit.kind) for hit in hits[:2]] == [
        ("int-new", "strong"), ("int-old", "strong")]
    assert [hit.turn for hit in hits[2:5]] == [39, 38, 37]  # the newest interview's last turns
    assert hits[2 + 40].interview_id == "int-old" and hits[-1].turn == 0
    # Any page size finds the same hits in the same order, across the analyses' last hit.
    for limit in (1, 2, 3, 7, 111):
        paged = [hit for offset in range(0, total, limit)
                 for hit in filled.search("kubernetes", limit=limit, offset=offset)]
        assert paged == filled.search("kubernetes", limit=total)
    # A count may stop past `at_most`: exact up to it, "more than at_most" past it.
    for at_most in (0, 1, 2, 50, 111, 112, 500):
        assert filled.count_search_hits("kubernetes", at_most=at_most) == min(total, at_most + 1)


def assert_indexes_match_their_tables(store: Store) -> None:
    """FTS5's own check against the content table (rank 1): every row indexed, nothing else."""
    for index in ("transcript_fts", "analysis_fts", "candidate_fts"):
        run(store.path, f"INSERT INTO {index} ({index}, rank) VALUES ('integrity-check', 1)")


def test_the_search_index_follows_every_rewrite_of_a_transcript(filled: Store) -> None:
    def save(transcript: list[str], strong: list[str]) -> None:
        with filled.transaction():
            filled.save_interviews([interview("int-r", candidate="cand-ben", rating=70,
                                              when=START, transcript=transcript, strong=strong)])

    save(["Alpha project", "More alpha"], ["Alpha lead"])
    save(["Alpha project", "More alpha"], ["Alpha lead"])  # unchanged: indexed once
    assert filled.count_search_hits("alpha") == 3
    save(["Beta project"], ["Beta lead"])
    assert filled.search("alpha") == []
    assert filled.count_search_hits("beta") == 2
    assert_indexes_match_their_tables(filled)
    filled.delete_interview("int-r")
    assert filled.search("beta") == []
    assert_indexes_match_their_tables(filled)


def test_an_interview_listed_twice_in_one_batch_is_saved_once_as_last_listed(
        filled: Store) -> None:
    first = interview("int-d", candidate="cand-ben", rating=60, when=START,
                      transcript=["Gamma one"], strong=["Gamma lead"])
    last = interview("int-d", candidate="cand-ben", rating=75, when=START,
                     transcript=["Delta one", "Delta two"], strong=["Delta lead"])
    with filled.transaction():
        filled.save_interviews([first, last])
    view = filled.interview("int-d")
    assert view is not None
    assert view.interview.analysis.general.overall_rating == 75
    assert [t.text for t in view.interview.turns] == ["Delta one", "Delta two"]
    assert filled.count_search_hits("gamma") == 0
    assert filled.count_search_hits("delta") == 3
    assert_indexes_match_their_tables(filled)


def test_monitor_groups_live_and_recently_finished(filled: Store) -> None:
    now = START
    with filled.transaction():
        filled.save_interviews([
            interview("soon", candidate="cand-dan", rating=None, when=now + timedelta(minutes=30),
                      status=InterviewStatus.SCHEDULED),
            interview("later", candidate="cand-dan", rating=None, when=now + timedelta(hours=5),
                      status=InterviewStatus.SCHEDULED),
            interview("running", candidate="cand-dan", rating=None, when=now,
                      status=InterviewStatus.IN_PROGRESS),
            interview("old", candidate="cand-dan", rating=50, when=now - timedelta(days=3)),
        ])
    monitor = {row.interview_id for row in filled.monitor_entries(now)}
    assert {"soon", "later", "running"} <= monitor and "old" not in monitor
    live = {row.interview_id for row in filled.live_interviews(now)}
    assert live == {"soon", "running"}


def test_job_ratings_mean_median_and_ranking(filled: Store) -> None:
    ratings = filled.job_ratings(BACKEND.id)
    assert ratings.count == 3
    assert ratings.mean == pytest.approx((91 + 72 + 38) / 3)
    assert ratings.median == 72
    assert [r.name for r in ratings.ranked] == ["Ada Lovelace", "Cleo Marsh", "Eva Král"]
    assert filled.candidates_of_job(BACKEND.id) == ["cand-ada", "cand-cleo", "cand-eva"]


def test_a_cached_rating_off_the_scale_is_left_out_of_the_job_view(filled: Store) -> None:
    """A cache written before the API client read such ratings as none may hold one: it
    topped the ranking (shown as not rated) and the title counted it among the rated."""
    run(filled.path, "UPDATE interviews SET rating = 150 WHERE candidate_id = 'cand-ada'")
    ratings = filled.job_ratings(BACKEND.id)
    assert ratings.count == 2
    assert [r.name for r in ratings.ranked] == ["Cleo Marsh", "Eva Král"]


def test_a_failed_batch_leaves_nothing_half_written(filled: Store) -> None:
    before = filled.count_candidates(Q(), today=TODAY)
    with pytest.raises(RuntimeError), filled.transaction():
        filled.save_candidates([Candidate(id="cand-new", first_name="New")])
        raise RuntimeError("crash between writes")
    assert filled.count_candidates(Q(), today=TODAY) == before
    assert filled.candidate("cand-new") is None


def test_deleting_a_candidate_takes_their_interviews(filled: Store) -> None:
    filled.delete_candidates(["cand-ada"])
    assert filled.candidate("cand-ada") is None
    assert filled.interview("int-ada") is None
    assert filled.search("Ada") == []


def schema_version(path: Path) -> int:
    """The schema version the file at `path` records, read as any other reader would."""
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute("PRAGMA user_version").fetchone()[0])
    finally:
        connection.close()


def test_an_older_schema_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    connection = sqlite3.connect(path)
    connection.executescript(V1)
    connection.execute("PRAGMA user_version = 1")
    connection.execute("INSERT INTO candidates (id, name, raw) VALUES ('c1', 'Old Row', "
                       "'{\"id\": \"c1\", \"firstName\": \"Old\"}')")
    connection.commit()
    connection.close()
    store = Store.open(path)
    try:
        assert schema_version(path) == SCHEMA_VERSION  # as the file now says
        assert store.candidate("c1").first_name == "Old"
        columns = [row["name"] for row in read_rows(path, "PRAGMA table_info(candidates)")]
        assert "latest_interview_id" in columns
        with store.transaction():
            store.save_interviews([interview("int-m", candidate="c1", rating=60, when=START,
                                             transcript=["Migrated ledger"])])
        assert [hit.turn for hit in store.search("ledger")] == [0]
        assert_indexes_match_their_tables(store)
    finally:
        store.close()


def test_each_step_of_an_upgrade_is_told_as_it_begins(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    connection = sqlite3.connect(path)
    connection.executescript(V1)
    connection.execute("PRAGMA user_version = 1")
    connection.commit()
    connection.close()
    told: list[tuple[int, int]] = []
    Store.open(path, on_upgrade=lambda step, steps: told.append((step, steps))).close()
    steps = SCHEMA_VERSION - 1
    assert told == [(step, steps) for step in range(1, steps + 1)]
    told.clear()
    Store.open(path, on_upgrade=lambda step, steps: told.append((step, steps))).close()
    Store.open(tmp_path / "new.sqlite3",
               on_upgrade=lambda step, steps: told.append((step, steps))).close()
    assert told == []  # nothing to upgrade, and a new file is made in one quick step


def test_a_newer_schema_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    with pytest.raises(StoreError, match="newer Interview Desk"):
        Store.open(path)


def test_a_damaged_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "broken.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="damaged"):
        Store.open(path)


def test_last_synced_at_survives_reopening(tmp_path: Path) -> None:
    moment = datetime(2026, 12, 1, 8, 30, tzinfo=UTC)
    store = Store.open(tmp_path / "c.sqlite3")
    store.set_last_synced_at(moment)
    store.close()
    store = Store.open(tmp_path / "c.sqlite3")
    assert store.last_synced_at() == moment
    store.close()
