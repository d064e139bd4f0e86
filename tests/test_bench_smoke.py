"""The benchmark harness runs end to end on a tiny cache and reports every figure (no timing
is asserted: targets are met in the benchmark, never in a test)."""

from __future__ import annotations

import json

from bench.__main__ import TARGETS, met, run, table
from bench.data import SIZES, Store, generate
from bench.setting import settings_for


def test_the_harness_reports_every_figure_on_a_tiny_cache(tmp_path) -> None:
    data_dir = tmp_path / "data"
    store = Store.open(settings_for(data_dir).cache_path)
    generate(store, SIZES["tiny"])
    store.close()

    figures, details = run(SIZES["tiny"], data_dir=data_dir, repeat=1, warm_up=False,
                           keystrokes=10, queries=5, sorts=3, jumps=3)

    assert set(json.loads(json.dumps(figures))) == set(TARGETS)
    for key, value in figures.items():
        assert isinstance(value, float) and value == value and value >= 0, key
    assert details["sync_minimum_requests"] >= 2
    # The sync over a real loopback socket, and the three replays that split a first sync.
    for key in ("sync_loopback_ingest_ratio", "sync_sandbox_alone_s", "sync_without_sandbox_s",
                "sync_httpx_alone_s"):
        assert details[key] > 0, key
    assert details["sync_interviews"] > 0
    # The first sync on a rate-limited plan, over loopback, and the desk's first rows.
    assert details["first_sync_429s"] == 0
    assert details["first_sync_requests"] >= details["first_sync_minimum_requests"] > 0
    assert details["first_rows_s"] > 0 and 0 <= details["recent_first_share"] <= 1
    assert details["first_sync_2000_starter_min"] > details["first_sync_2000_scale_min"] > 0
    # The report: a header, then one line per target with its figure and its verdict.
    header, *lines = table(figures, details).splitlines()
    assert header.split()[:4] == ["figure", "value", "target", "result"]
    assert [line.split()[0] for line in lines] == list(TARGETS)
    for line in lines:
        key, value, _op, _target, verdict = line.split()[:5]
        assert float(value) == round(figures[key], 2), key
        assert verdict == ("ok" if met(key, figures[key], details) else "MISSED"), key
