"""Report.to_json() is byte for byte the Rust example's ``--json`` output for the sample.

scripts/test-python.sh writes that output to target/python/sample-report.json (path in
CONTACT755_RUST_REPORT) before running pytest; without it, this test runs cargo itself.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from contact755 import Policy

from conftest import REPO, SAMPLE


def rust_report() -> bytes:
    given = os.environ.get("CONTACT755_RUST_REPORT")
    if given:
        return Path(given).read_bytes()
    if shutil.which("cargo") is None:
        pytest.skip("no cargo and no CONTACT755_RUST_REPORT: cannot produce the Rust output")
    result = subprocess.run(
        ["cargo", "run", "--quiet", "--release", "--example", "audit", "--", "--json"],
        cwd=REPO,
        capture_output=True,
        check=True,
        timeout=1200,
    )
    return result.stdout


def test_to_json_is_byte_identical_to_the_rust_example() -> None:
    expected = rust_report()
    assert expected.startswith(b"{") and len(expected) > 1000
    got = Policy.norwalk_2016().audit(SAMPLE).to_json().encode("utf-8")
    assert got == expected


def test_every_input_form_gives_the_same_bytes() -> None:
    expected = rust_report()
    policy = Policy.norwalk_2016()
    text = SAMPLE.read_text(encoding="utf-8")
    import json

    for dataset in (SAMPLE.read_bytes(), text, json.loads(text)):
        assert policy.audit(dataset).to_json().encode("utf-8") == expected
