"""A broken answer to a list never wipes the cache (issue 20, point 4).

Only a well-formed list (one of API.md's shapes, with a total that agrees with what arrived)
may delete anything. A redirect, an empty 200, a 204, `null` or an object without a list is an
error: `interview-desk sync` says so in one line, exits non-zero, and the cache keeps
everything. The same for jobs and agents.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import httpx
import pytest

from app.cli import main
from app.store import Store
from tests.caches import cache_of
from tests.conftest import as_a_user_of_its_own
from tests.standin import KEY, URL, StandIn, listing, patch_cli

BROKEN = {
    "a redirect": lambda: httpx.Response(302, headers={"Location": "https://elsewhere.test/"}),
    "an empty 200": lambda: httpx.Response(200, content=b""),
    "a 204": lambda: httpx.Response(204),
    "null": lambda: httpx.Response(200, json=None),
    "a wrapped null": lambda: httpx.Response(200, json={"success": True, "data": None}),
    "an object without a list": lambda: httpx.Response(200, json={"success": True,
                                                                  "data": {"total": 0}}),
    "items that are not a list": lambda: httpx.Response(200, json={"data": {
        "items": None, "pagination": {"total": 0}}}),
}


@pytest.fixture(autouse=True)
def private_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("INTERVIEW_DESK_CONFIG", str(tmp_path / "config.toml"))
    for name in ("INSTAVIEW_API_KEY", "INSTAVIEW_API_URL", "INTERVIEW_DESK_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)


def cached(data_dir: Path) -> tuple[int, int, int]:
    store = Store.open(cache_of(data_dir, URL, KEY))
    try:
        return len(store.ids("candidates")), len(store.ids("jobs")), len(store.ids("agents"))
    finally:
        store.close()


@pytest.fixture(scope="module")
def synced_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir `sync` filled from the stand-in's company (30 candidates, a job, an agent),
    once for the module: the tests that break a sync after a good one break it on a copy."""
    root = tmp_path_factory.mktemp("synced")
    with pytest.MonkeyPatch.context() as patch:
        as_a_user_of_its_own(patch, root / "home")
        patch.setenv("INTERVIEW_DESK_CONFIG", str(root / "config.toml"))
        sync = [*patch_cli(patch, StandIn()), "--data-dir", str(root / "data"), "sync"]
        assert main(sync) == 0
    assert cached(root / "data") == (30, 1, 1)
    return root / "data"


@pytest.fixture
def synced(tmp_path: Path, synced_once: Path) -> Path:
    """A copy of the data dir a good sync filled."""
    shutil.copytree(synced_once, tmp_path / "data")
    return tmp_path / "data"


@pytest.mark.parametrize("path", ["/candidates", "/jobs", "/agents"])
@pytest.mark.parametrize("answer", sorted(BROKEN))
def test_a_broken_list_is_an_error_that_changes_nothing(
    answer: str, path: str, synced: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    standin = StandIn()
    sync = [*patch_cli(monkeypatch, standin), "--data-dir", str(synced), "sync"]
    standin.answer = lambda request: BROKEN[answer]() if request.url.path == path else None
    code = main(sync)

    err = capsys.readouterr().err.splitlines()[-1]
    assert code == 1
    assert err.startswith("interview-desk: sync failed: The API ")
    assert "Traceback" not in err
    assert cached(synced) == (30, 1, 1)


@pytest.mark.parametrize("path", ["/candidates", "/jobs", "/agents"])
def test_a_list_whose_total_disagrees_deletes_nothing(
    path: str, synced: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    standin = StandIn()
    sync = [*patch_cli(monkeypatch, standin), "--data-dir", str(synced), "sync"]
    standin.answer = lambda request: (listing([], total=30) if request.url.path == path
                                      else None)
    assert main(sync) == 0
    assert cached(synced) == (30, 1, 1)


def test_a_list_without_a_total_deletes_nothing(
    synced: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    standin = StandIn()
    sync = [*patch_cli(monkeypatch, standin), "--data-dir", str(synced), "sync"]
    standin.answer = lambda request: (httpx.Response(200, json=[])
                                      if request.url.path == "/candidates" else None)
    assert main(sync) == 0
    assert cached(synced) == (30, 1, 1)


def test_a_well_formed_shorter_list_still_deletes(
    synced: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    standin = StandIn()
    sync = [*patch_cli(monkeypatch, standin), "--data-dir", str(synced), "sync"]
    del standin.candidates[10:]
    standin.jobs.clear()
    assert main(sync) == 0
    assert cached(synced) == (10, 0, 1)


@pytest.mark.parametrize("path", ["/candidates", "/jobs", "/interviews"])
def test_a_server_that_pages_forever_is_stopped_at_the_apis_last_page(
    path: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A listing that says "there is a next page" on every page stops at the API's page
    limit (MAX_PAGE; 10,000 on the real API, 40 here so the test is quick) with one line."""
    from app.api import client

    monkeypatch.setattr(client, "MAX_PAGE", 40)
    standin = StandIn()
    standin.candidates[0]["interviewCount"] = 1  # so one listing of interviews is made

    def endless(request: httpx.Request) -> httpx.Response | None:
        if request.url.path != path:
            return None
        page = int(request.url.params.get("page", 1))
        items = [{**record, "id": f"p{page}n{n}"} for n in range(100)]  # full pages only
        return httpx.Response(200, json={"data": {"items": items, "pagination": {
            "total": 10**9, "page": page, "limit": 100, "hasNextPage": True}}})

    record = {"/candidates": standin.candidates[1], "/jobs": standin.jobs[0],
              "/interviews": {"candidateId": "c0", "agentId": "a1", "status": "COMPLETED",
                              "isTest": False}}[path]
    standin.answer = endless
    sync = [*patch_cli(monkeypatch, standin), "--data-dir", str(tmp_path), "sync"]

    assert main(sync) == 1

    err = capsys.readouterr().err
    assert "after page 40" in err and path in err
    assert len([r for r in standin.requests if r.url.path == path]) == 40
