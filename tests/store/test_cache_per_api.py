"""One cache per API (issue 17): the cache is a copy of one API, named by its URL and the key
(a key belongs to one company). Another API, or another company's key, gets a cache of its own,
never a merge; the sandbox's cache never mixes with a real API's; a data dir's one cache from
before is given to the API it belongs to; `export` reads the configured API's cache."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from app.cli import main
from app.config import Settings, load_settings
from app.domain.models import Candidate, Job
from app.factory import open_cache
from app.sandbox.seed import COMPANY_ID as SANDBOX_COMPANY
from app.store import CandidateQuery, Store, StoreError

KEY_A = "sk_companyA00000000000000000000000000000000000"
KEY_B = "sk_companyB00000000000000000000000000000000000"
REAL = "https://api.instaview.sk"
STAGING = "https://staging.instaview.sk"


SettingsFor = Callable[..., Settings]


@pytest.fixture
def settings_for(tmp_path: Path) -> SettingsFor:
    def settings(url: str | None = None, key: str | None = None) -> Settings:
        return load_settings(api_url=url, api_key=key, data_dir=tmp_path / "data",
                             env={"INTERVIEW_DESK_CONFIG": str(tmp_path / "none.toml")})
    return settings


def write(settings: Settings, *candidates: str, company: str | None = None) -> None:
    store, _ = open_cache(settings)
    try:
        store.save_jobs([Job(id="job-1", title="Backend Engineer", company_id=company)])
        store.save_candidates([Candidate(id=name, first_name=name) for name in candidates])
    finally:
        store.close()


def cached(settings: Settings) -> set[str]:
    store, _ = open_cache(settings)
    try:
        return store.ids("candidates")
    finally:
        store.close()


def test_each_api_and_each_key_has_a_cache_of_its_own(settings_for: SettingsFor) -> None:
    apis = [settings_for(), settings_for(REAL, KEY_A), settings_for(REAL, KEY_B),
            settings_for(STAGING, KEY_A)]
    paths = {settings.cache_path for settings in apis}
    assert len(paths) == len(apis)
    assert all(path.parent == apis[0].data_dir for path in paths)
    for settings in apis[1:]:
        assert KEY_A not in str(settings.cache_path) and KEY_A not in settings.mirrors
        assert settings.cache_path.name.startswith("cache-api.instaview.sk-") or \
            settings.cache_path.name.startswith("cache-staging.instaview.sk-")
    for number, settings in enumerate(apis):
        write(settings, f"candidate-of-{number}")
    for number, settings in enumerate(apis):
        assert cached(settings) == {f"candidate-of-{number}"}  # nothing merged


def test_a_cache_recorded_for_another_api_is_refused_not_merged(settings_for: SettingsFor) -> None:
    first, second = settings_for(REAL, KEY_A), settings_for(REAL, KEY_B)
    write(first, "ada")
    first.cache_path.rename(second.cache_path)  # say, copied over by hand
    with pytest.raises(StoreError, match="another API"):
        open_cache(second)
    store = Store.open(second.cache_path)
    assert store.ids("candidates") == {"ada"}  # untouched
    store.close()


def legacy_cache(settings: Settings, company: str | None) -> Path:
    """A data dir's one cache, as Interview Desk wrote it before there was one per API."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    store = Store.open(settings.legacy_cache_path)
    if company is not None:
        store.save_jobs([Job(id="job-1", title="Backend Engineer", company_id=company)])
    store.save_candidates([Candidate(id="from-before", first_name="Ada")])
    store.close()
    return settings.legacy_cache_path


def test_the_old_cache_of_the_demo_goes_to_the_sandbox_and_never_to_a_real_api(
        settings_for: SettingsFor) -> None:
    sandbox, real = settings_for(), settings_for(REAL, KEY_A)
    legacy_cache(sandbox, SANDBOX_COMPANY)

    assert cached(real) == set()  # a real API starts a cache of its own
    assert sandbox.legacy_cache_path.exists()
    store, notices = open_cache(sandbox)
    assert store.ids("candidates") == {"from-before"}
    store.close()
    assert notices and sandbox.cache_path.name in notices[0].text
    assert not sandbox.legacy_cache_path.exists()


def test_the_old_cache_of_a_company_goes_to_the_first_real_api_that_opens_it(
        settings_for: SettingsFor) -> None:
    sandbox, real, other = settings_for(), settings_for(REAL, KEY_A), settings_for(REAL, KEY_B)
    legacy_cache(real, "company-a")

    assert cached(sandbox) == set()  # the demo never takes a real company's cache
    assert cached(real) == {"from-before"}
    assert cached(other) == set()  # bound to the first: another key starts afresh


def test_an_old_cache_mixing_the_demo_and_a_company_goes_to_a_real_api(
        settings_for: SettingsFor) -> None:
    sandbox, real = settings_for(), settings_for(REAL, KEY_A)
    legacy_cache(real, "company-a")
    store = Store.open(real.legacy_cache_path)
    store.save_jobs([Job(id="demo-job", title="Demo Engineer", company_id=SANDBOX_COMPANY)])
    store.close()

    assert cached(sandbox) == set()
    assert cached(real) == {"from-before"}


def test_an_old_cache_with_no_records_goes_to_whoever_opens_it_first(
        settings_for: SettingsFor) -> None:
    sandbox = settings_for()
    legacy_cache(sandbox, None)
    assert cached(sandbox) == {"from-before"}


def test_export_reads_the_cache_of_the_configured_api(
        settings_for: SettingsFor, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("INTERVIEW_DESK_CONFIG", str(tmp_path / "none.toml"))
    for name in ("INSTAVIEW_API_KEY", "INSTAVIEW_API_URL", "INTERVIEW_DESK_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)
    write(settings_for(REAL, KEY_A), "ada")
    write(settings_for(), "demo")
    data = str(settings_for().data_dir)

    assert main(["--data-dir", data, "--api-url", REAL, "--api-key", KEY_A, "export",
                 "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert "ada" in out and "demo" not in out
    assert main(["--data-dir", data, "export", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert "demo" in out and "ada" not in out
    assert main(["--data-dir", data, "--api-url", STAGING, "--api-key", KEY_A, "export"]) == 1
    assert "no cache of https://staging.instaview.sk" in capsys.readouterr().err
    store, _ = open_cache(settings_for(REAL, KEY_A))
    assert store.count_candidates(CandidateQuery()) == 1
    store.close()
