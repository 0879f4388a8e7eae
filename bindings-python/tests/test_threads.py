"""One immutable Policy shared across threads; the GIL is released while the core works."""

from __future__ import annotations

import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Dict, List

import pytest

from contact755 import Policy

from conftest import SMALL


@pytest.fixture(scope="module")
def big_dataset(sample_bytes: bytes) -> bytes:
    """The sample month with its worksheets repeated under new ids: ~40x the work."""
    data: Dict[str, Any] = json.loads(sample_bytes)
    worksheets = []
    for copy in range(40):
        for w in data["worksheets"]:
            worksheets.append(dict(w, id=f"{w['id']}~{copy}"))
    data["worksheets"] = worksheets
    return json.dumps(data).encode()


def test_shared_policy_gives_identical_results_across_threads(sample_bytes: bytes) -> None:
    policy = Policy(min_contacts_per_shift=2)
    expected = policy.audit(sample_bytes)
    small = json.dumps(SMALL)
    expected_small = policy.audit(small)

    def job(i: int) -> Any:
        if i % 3 == 0:
            return policy.audit(small)
        if i % 3 == 1:
            return policy.audit(json.loads(sample_bytes))
        return policy.audit(sample_bytes)

    with ThreadPoolExecutor(max_workers=8) as pool:
        reports = list(pool.map(job, range(48)))
    for i, report in enumerate(reports):
        want = expected_small if i % 3 == 0 else expected
        assert report.to_json() == want.to_json()
        assert report.findings == want.findings
        assert report.summary == want.summary
        assert report.policy == policy


def test_errors_across_threads_are_independent(sample_bytes: bytes) -> None:
    policy = Policy.norwalk_2016()

    def job(i: int) -> str:
        try:
            policy.audit(sample_bytes if i % 2 else b'{"period": 1}')
            return "ok"
        except ValueError as e:
            return getattr(e, "path", "?")

    with ThreadPoolExecutor(max_workers=4) as pool:
        outcomes = list(pool.map(job, range(40)))
    assert outcomes == ["period" if i % 2 == 0 else "ok" for i in range(40)]


def test_gil_is_released_during_parse_and_audit(big_dataset: bytes) -> None:
    """While the main thread is inside one long audit call, another Python thread keeps
    running. Were the GIL held for the whole call, the ticker could not run at all between
    shortly after the call starts and its end; so ticks well inside that window prove the
    GIL was released. (It proves release, not a speed-up: that depends on free cores.)"""
    policy = Policy.norwalk_2016()
    ticks: List[float] = []
    stop = threading.Event()

    def ticker() -> None:
        while not stop.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.001)

    thread = threading.Thread(target=ticker)
    thread.start()
    try:
        time.sleep(0.05)
        start = time.perf_counter()
        report = policy.audit(big_dataset)
        end = time.perf_counter()
    finally:
        stop.set()
        thread.join()
    duration = end - start
    assert len(report.findings) > 0
    # The interpreter's switch interval (5 ms) bounds how long the ticker may have run
    # around the edges of the call were the GIL held; look well inside.
    margin = 0.02
    assert duration > 4 * margin, f"the audit took only {duration:.3f}s; the test needs a longer one"
    inside = [t for t in ticks if start + margin < t < end - margin]
    assert len(inside) >= 10, f"{len(inside)} ticks in a {duration:.3f}s audit"


def test_concurrent_audits_of_a_large_dataset_agree(big_dataset: bytes) -> None:
    policy = Policy.norwalk_2016()
    expected = policy.audit(big_dataset).to_json()
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda _: policy.audit(big_dataset).to_json(), range(4)))
    assert all(r == expected for r in results)
