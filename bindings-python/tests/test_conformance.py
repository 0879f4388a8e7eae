"""The conformance vectors (SPEC §5) through Python, one test per vector file, and the
behaviour of ``python -m contact755.conformance``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List

import pytest

from contact755.conformance import check_vector_text, main

from conftest import BUILT_NEXT, NEXT_VECTORS, OWN_VECTORS, SHARED_VECTORS, SMALL


def vector_files() -> List[Any]:
    params = []
    for root, label in ((SHARED_VECTORS, "shared"), (OWN_VECTORS, "own")):
        if root.is_dir():
            for path in sorted(root.rglob("*.json")):
                params.append(pytest.param(path, id=f"{label}/{path.relative_to(root).as_posix()}"))
    if NEXT_VECTORS.is_dir():
        for path in sorted(NEXT_VECTORS.glob("*.json")):
            if path.name.startswith(BUILT_NEXT):
                params.append(pytest.param(path, id=f"next/{path.name}"))
    return params


@pytest.mark.parametrize("path", vector_files())
def test_vector(path: Path) -> None:
    why = check_vector_text(path.read_text(encoding="utf-8"))
    assert why is None, why


def test_shared_vectors_are_present_or_reported() -> None:
    if not SHARED_VECTORS.is_dir():
        pytest.skip(f"{SHARED_VECTORS} is absent: shared vectors not run")
    assert any(SHARED_VECTORS.rglob("*.json"))


# --- the runner ------------------------------------------------------------------------------


def vector(expect: Dict[str, Any], **extra: Any) -> Dict[str, Any]:
    return {"name": "test vector", "dataset": SMALL, "expect": expect, **extra}


PASSING = vector(
    {
        "findings": [
            {"rule": "FP-CODE-755", "subject": "entry:W1/E1"},
            {"rule": "FP-REGULAR", "subject": "worksheet:W1"},
            {"rule": "SGT-CODIFICATION", "subject": "worksheet:W1"},
        ],
        "summary": {"contacts_755": 0, "by_category": {"resident": 1}},
    }
)


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "contact755.conformance", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def write(path: Path, doc: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc, indent=1), encoding="utf-8")
    return path


def test_passing_vectors_folders_recursively(tmp_path: Path) -> None:
    write(tmp_path / "a.json", PASSING)
    write(tmp_path / "deeper" / "b.json", PASSING)
    write(tmp_path / "deeper" / "notes.txt", "not a vector")
    result = run(str(tmp_path), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == ["2 passed, 0 failed"]


def test_failing_vector_says_what_differed(tmp_path: Path) -> None:
    failing = vector(
        {
            "findings": [{"rule": "FP-CARD", "subject": "entry:W1/E1"}, {"rule": "FP-REGULAR", "subject": "worksheet:W1"}],
            "summary": {"contacts_755": 1, "worksheets_covered": 1, "nope": 0},
        }
    )
    bad = write(tmp_path / "bad.json", failing)
    write(tmp_path / "good.json", PASSING)
    result = run(str(tmp_path), cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[-1] == "1 passed, 1 failed"
    assert len(lines) == 2
    assert lines[0].startswith(f"FAIL {bad}: ")
    for part in (
        "missing FP-CARD entry:W1/E1",
        "unexpected FP-CODE-755 entry:W1/E1",
        "unexpected SGT-CODIFICATION worksheet:W1",
        "summary.contacts_755 is 0, expected 1",
        'summary has no key "nope"',
    ):
        assert part in lines[0]
    assert "worksheets_covered" not in lines[0]


def test_rejection_vectors(tmp_path: Path) -> None:
    text = json.dumps(SMALL).replace('"id": "W1"', '"id": "W1", "id": "W1"', 1)
    repeated_key = '{"name": "repeated key", "dataset": ' + text + ', "expect": {"error": {"path": "worksheets[0]"}}}'
    write(tmp_path / "repeated.json", repeated_key)
    naive = json.loads(json.dumps(SMALL))
    naive["worksheets"][0]["entries"][0]["at"] = "2016-03-17T09:12:00"
    write(tmp_path / "naive.json", vector({"error": {"path": "worksheets[0].entries[0]"}}, dataset=naive))
    write(tmp_path / "wrong-path.json", vector({"error": {"path": "worksheets[0].entries[1]"}}, dataset=naive))
    write(tmp_path / "accepted.json", vector({"error": {"path": "period"}}))
    write(tmp_path / "unexpected-error.json", vector({"findings": []}, dataset=naive))
    result = run(str(tmp_path), cwd=tmp_path)
    lines = result.stdout.splitlines()
    assert lines[-1] == "2 passed, 3 failed", result.stdout
    out = result.stdout
    assert 'accepted.json: accepted, expected a rejection at "period"' in out
    assert 'unexpected-error.json: rejected at path "worksheets[0].entries[0].at", expected a report' in out
    assert (
        'wrong-path.json: rejected at path "worksheets[0].entries[0].at", '
        'expected a path starting with "worksheets[0].entries[1]"' in out
    )
    assert result.returncode == 1


def test_policy_overrides_and_numbers_as_written(tmp_path: Path) -> None:
    relaxed = vector(
        {"findings": [{"rule": "FP-CODE-755", "subject": "entry:W1/E1"}, {"rule": "SGT-CODIFICATION", "subject": "worksheet:W1"}]},
        policy={"min_contacts_per_shift": 0},
    )
    write(tmp_path / "relaxed.json", relaxed)
    # 1.0 is a float: the core rejects it where an integer belongs, as the Rust runner's would.
    float_policy = vector({"findings": []}, policy={"min_contacts_per_shift": 1.0})
    write(tmp_path / "float.json", float_policy)
    result = run(str(tmp_path), cwd=tmp_path)
    assert result.stdout.splitlines()[-1] == "1 passed, 1 failed", result.stdout
    assert "float.json: rejected at path" in result.stdout


def test_not_a_vector(tmp_path: Path) -> None:
    write(tmp_path / "syntax.json", "{")
    write(tmp_path / "unknown.json", {**PASSING, "extra": 1})
    write(tmp_path / "noexpect.json", {"name": "x", "dataset": SMALL})
    result = run(str(tmp_path), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.count("not a valid vector") == 3
    assert result.stdout.splitlines()[-1] == "0 passed, 3 failed"


def test_no_vector_found_is_a_failure(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = run(str(tmp_path / "empty"), str(tmp_path / "absent"), cwd=tmp_path)
    assert result.returncode != 0
    assert result.stdout.splitlines() == [f"{tmp_path / 'absent'}: no such file or folder", "0 passed, 0 failed"]


def test_a_named_file_is_read_whatever_its_extension(tmp_path: Path) -> None:
    path = write(tmp_path / "vector.txt", PASSING)
    assert main([str(path)]) == 0


def test_usage_without_arguments(tmp_path: Path) -> None:
    result = run(cwd=tmp_path)
    assert result.returncode == 2
    assert "usage" in result.stderr
