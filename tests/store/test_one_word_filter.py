"""A one-word filter sorted by name, read each way the store may choose (issue 22): the
names that start with the word as a range of the name index merged with the rows a later
word matches ("split"), a walk of the name index, or the general rule when a name starts
with punctuation or an accent. Every way must list exactly what a naive reference lists."""

from __future__ import annotations

import random
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from app.domain.models import Candidate
from app.store import CandidateQuery, Store
from app.store import queries as store_queries
from app.store.search import fts_prefix_query
from tests.conftest import NewCaches
from tests.ui.candidates.world import TODAY

# so that each first name is one row in 38, each last name one in 32
FIRST = ["Dana", "Daniel", "David", "Adam", "Chloe", "Thomas", "Near", "Or", "Ola", "Ivo", "Uma",
         "Yuri", "Zeno", "Pia", "Lev", "Gus", "Wim", "Bo", "Eli", "Rui", "Sam", "Lin", "Mo",
         "Ben", "Hal", "Ike", "Jo", "Kit", "Lou", "Max", "Pam", "Quin", "Rex", "Sue", "Ty",
         "Val", "Wes", "Xia"]
LAST = ["Thomas", "Thompson", "Dahl", "Novak", "Khan", "Orr", "Nearly", "Da Silva", "Abe",
        "Berg", "Cruz", "Eng", "Fox", "Gray", "Holm", "Ito", "Jung", "Kay", "Lind", "Moss",
        "Pohl", "Quast", "Ruiz", "Stahl", "Uhl", "Vogt", "Webb", "Xu", "Yu", "Zorn", "Aho", "Bly"]
ODD = [  # names that start with punctuation or an accent, markup, quotes and FTS words
    ("-Dana", "Hyphen"), ("Dávid", "Accent"), ("[/]Dan", "Markup"), ('"Dan"', "Quoted"),
    ("d'Arcy", "Apostrophe"), ("DA", "CAPS"), ("Da2", "Digit"), ("NEAR", "OR"),
    ("Daß", "Sharp"), ("Ðan", "Eth"), ("Dan*", "Star"),
]


def people(*, odd: bool) -> list[Candidate]:
    """600 candidates whose first names cluster (the way "da" sits in the middle of a name
    index) and whose last names and emails spread a word through the rest, and with `odd`
    the odd ones."""
    rng = random.Random(22)
    found = []
    for n in range(600):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        email = None if n % 11 == 0 else f"{rng.choice(LAST).lower()}.{n}@mail.test"
        found.append(Candidate(id=f"c{rng.randrange(10**6):06}-{n}", first_name=first,
                               last_name=last, email=email))
    for n, (first, last) in enumerate(ODD if odd else []):
        found.append(Candidate(id=f"odd{n:02}", first_name=first, last_name=last,
                               email=f"odd{n}@dan.test"))
    return found


def reference(store: Store, text: str, *, descending: bool) -> list[str]:
    """The ids a filter lists, naively: every row the text index matches, sorted in Python
    as the name index sorts (names case-blind in ASCII, compared as UTF-8 bytes; then id)."""
    match = fts_prefix_query(text)  # None: no word typed ("[/]"), every candidate
    where = "" if match is None else (
        " WHERE c.rowid IN (SELECT rowid FROM candidate_fts WHERE candidate_fts MATCH ?)")
    with store._lock:
        rows = store._connection.execute(f"SELECT c.id, c.name FROM candidates c{where}",
                                         () if match is None else (match,)).fetchall()

    def key(row: tuple[str, str]) -> tuple[bytes, bytes]:
        name = row[1].encode()
        return name.translate(bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                                              b"abcdefghijklmnopqrstuvwxyz")), row[0].encode()

    return [row[0] for row in sorted(rows, key=key, reverse=descending)]


WAYS = {  # how each read is forced: the costs the store weighs (see Queries._one_word_plan)
    "chosen": {},
    "split": {"COLLECTED_ROW_US": 0.0},
    "walk": {"COLLECTED_ROW_US": 1e12},
}


@pytest.fixture(scope="module")
def filled_files(tmp_path_factory: pytest.TempPathFactory,
                 new_caches: NewCaches) -> dict[bool, Path]:
    """The two companies' caches, saved once per worker: saving 600 candidates takes 65 ms,
    and 96 cases read them without writing."""
    files = {}
    for odd in (False, True):
        path = new_caches.copy_to(tmp_path_factory.mktemp("one-word") / "cache.sqlite3")
        filling = Store.open(path)
        with filling.transaction():
            filling.save_candidates(people(odd=odd))
        filling.close()
        files[odd] = path
    return files


@pytest.fixture
def company(request: pytest.FixtureRequest, tmp_path: Path,
            filled_files: dict[bool, Path]) -> Iterator[Store]:
    """A copy of the company's cache (`odd` from the case), opened as any cache file is."""
    path = tmp_path / "cache.sqlite3"
    shutil.copyfile(filled_files[request.node.callspec.params["odd"]], path)
    opened = Store.open(path)
    yield opened
    opened.close()


@pytest.mark.parametrize("odd", [False, True])
@pytest.mark.parametrize("way", sorted(WAYS))
@pytest.mark.parametrize("text", ["da", "dan", "Dani", "thom", "thomp", "d", "near", "NEAR", "or",
                                  '"or', "dan*", "[/]", "da2", "zzz", "nov", "khan"])
def test_a_one_word_filter_lists_what_a_naive_reference_lists(
        company: Store, monkeypatch: pytest.MonkeyPatch, way: str, text: str, odd: bool) -> None:
    for name, value in WAYS[way].items():
        monkeypatch.setattr(store_queries, name, value)
    chosen: list[str | None] = []
    planned = company._one_word_plan

    def noting(*arguments: object) -> str | None:
        chosen.append(plan := planned(*arguments))  # type: ignore[arg-type]
        return plan

    monkeypatch.setattr(company, "_one_word_plan", noting)
    for descending in (False, True):
        query = CandidateQuery(text=text, descending=descending)
        wanted = reference(company, text, descending=descending)
        count = company.count_candidates(query, today=TODAY)
        assert count == len(wanted)
        assert text != "da" or count > 100  # the clustered first name is really there
        for at_most in (len(wanted) - 1, len(wanted)):  # the cap exactly, and one short
            assert company.count_candidates(query, today=TODAY, at_most=max(at_most, 0)) == min(
                len(wanted), max(at_most, 0) + 1)
        for window in (7, 31):
            shown = [row.id for offset in range(0, len(wanted) + window, window)
                     for row in company.candidate_rows(query, offset=offset, limit=window,
                                                     today=TODAY, text_matches=count)]
            assert shown == wanted
        for offset, limit in ((0, 5), (3, 31), (len(wanted) // 2, 9)):
            back = company.candidate_rows(query, offset=offset, limit=limit, today=TODAY,
                                        from_end=True, text_matches=count)
            end = len(wanted) - offset
            assert [row.id for row in back] == wanted[max(0, end - limit):max(0, end)]
    # With no name folded, each way is really taken (a walk only where a later word
    # matches: "dan" has none, so nothing is cheaper than its range)
    if not odd and text in {"split": ("dan", "thomp", "nov"), "walk": ("thomp", "nov")}.get(
            way, ()):
        assert way in chosen
    if odd and text in ("da", "dan"):  # "-Dana", "Dávid": not byte for byte
        assert all(plan is None for plan in chosen) and (text == "da" or chosen)


def test_a_name_the_index_folds_sends_the_filter_to_the_general_rule(store: Store) -> None:
    """ "Dávid" starts, for the text index, with "da", but not byte for byte: a split would
    leave it between its two kinds, so the store may not split (and still lists it)."""
    with store.transaction():
        store.save_candidates([Candidate(id="c1", first_name="Dávid", last_name="Novak"),
                               Candidate(id="c2", first_name="Dana", last_name="Novak")])
    assert store._one_word_plan("da", 2, 2, 31) is None
    assert store._one_word_plan("nov", 2, 2, 31) in ("split", "walk")
    rows = store.candidate_rows(CandidateQuery(text="da"), today=TODAY)
    assert [row.id for row in rows] == ["c2", "c1"]  # "Da" sorts before "D\xc3\xa1"
    assert replace(rows[1], verdict=None).name == "Dávid Novak"
