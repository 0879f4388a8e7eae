"""Runs conformance vectors (SPEC §5) through the Python package.

Usage::

    python -m contact755.conformance PATH...

Each PATH is a vector file or a folder searched recursively for ``*.json``. The runner prints
one line per failing vector with what differed, ends with the plain line ``N passed, M
failed``, and exits non-zero when a vector fails or when it found no vector; the Rust runner
(``cargo run --release --example conformance``) behaves the same.

Every vector goes through the public API: :meth:`Policy.from_json` for its ``policy``,
:meth:`Policy.audit` for its ``dataset`` (written back exactly as read, repeated keys
included, so the core sees what the file says) and :attr:`Report.findings` /
:attr:`Report.summary` for the comparison.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any, Dict, List, Optional, Sequence, Set, Tuple

from . import _native
from ._errors import InvalidInputError, PolicyError
from ._json import JsonPairs, RawNumber, dumps_preserving
from ._policy import Policy

__all__ = ["check_vector_text", "collect", "main"]


class _BadVector(Exception):
    """The file is not a vector (the Rust runner's "not a valid vector")."""


def collect(paths: Sequence[str]) -> Tuple[List[str], List[str]]:
    """The vector files under ``paths`` and a line for each path that does not exist.

    Folders are searched recursively for ``*.json`` (sorted by name); a file named directly is
    taken whatever its extension.
    """
    files: List[str] = []
    problems: List[str] = []

    def walk(path: str, named: bool) -> None:
        if os.path.isdir(path):
            for child in sorted(os.listdir(path)):
                walk(os.path.join(path, child), False)
        elif named or path.endswith(".json"):
            files.append(path)

    for arg in paths:
        if not os.path.exists(arg):
            problems.append(f"{arg}: no such file or folder")
            continue
        try:
            walk(arg, True)
        except OSError as e:
            problems.append(f"{arg}: {e}")
    return files, problems


def check_vector_text(text: str) -> Optional[str]:
    """Checks one vector given as JSON text: ``None`` when it passes, else what differed."""
    try:
        vector = _read_vector(text)
    except _BadVector as e:
        return f"not a valid vector: {e}"
    policy_raw, dataset_raw, expect = vector
    want_error: Optional[str] = expect.get("error")
    outcome_path: Optional[str] = None
    report = None
    try:
        policy = Policy.norwalk_2016() if policy_raw is None else Policy.from_json(dumps_preserving(policy_raw, PolicyError))
    except PolicyError as e:
        # A rejected policy counts as a rejection at the setting's path (SPEC §3).
        outcome_path = e.path
    else:
        try:
            report = policy.audit(dumps_preserving(dataset_raw, InvalidInputError))
        except InvalidInputError as e:
            outcome_path = e.path

    if report is None:
        assert outcome_path is not None
        if want_error is None:
            return f"rejected at path {_debug(outcome_path)}, expected a report"
        if _native.path_has_prefix(outcome_path, want_error):
            return None
        return f"rejected at path {_debug(outcome_path)}, expected a path starting with {_debug(want_error)}"
    if want_error is not None:
        return f"accepted, expected a rejection at {_debug(want_error)}"

    problems: List[str] = []
    want_findings: Optional[Set[Tuple[str, str]]] = expect.get("findings")
    if want_findings is not None:
        got = {(f.rule, f.subject) for f in report.findings}
        for rule, subject in sorted(want_findings - got):
            problems.append(f"missing {rule} {subject}")
        for rule, subject in sorted(got - want_findings):
            problems.append(f"unexpected {rule} {subject}")
    want_summary: Optional[Dict[str, Any]] = expect.get("summary")
    if want_summary is not None:
        got_summary = report.to_dict()["summary"]
        for key, value in want_summary.items():
            if key not in got_summary:
                problems.append(f"summary has no key {_debug(key)}")
            elif not _json_equal(got_summary[key], value):
                problems.append(f"summary.{key} is {_compact(got_summary[key])}, expected {_compact(value)}")
    return "; ".join(problems) if problems else None


def main(argv: Optional[Sequence[str]] = None) -> int:
    """The command line: ``python -m contact755.conformance PATH...``; returns the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        print("usage: python -m contact755.conformance PATH...   (files or folders searched recursively for *.json)", file=sys.stderr)
        return 2
    files, problems = collect(args)
    for line in problems:
        print(line)
    passed = failed = 0
    for path in files:
        try:
            with open(path, encoding="utf-8") as f:
                text = f.read()
        except (OSError, UnicodeDecodeError) as e:
            why: Optional[str] = f"cannot read: {e}"
        else:
            why = check_vector_text(text)
        if why is None:
            passed += 1
        else:
            failed += 1
            print(f"FAIL {path}: {why}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed > 0 or passed == 0 else 0


# --- reading a vector as strictly as the Rust runner does ------------------------------------


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _read_vector(text: str) -> Tuple[Any, Any, Dict[str, Any]]:
    try:
        doc = json.loads(
            text,
            object_pairs_hook=JsonPairs,
            parse_float=RawNumber,
            parse_int=RawNumber,
            parse_constant=_reject_constant,
        )
    except ValueError as e:
        raise _BadVector(str(e)) from None
    fields = _object(doc, "the vector", {"name", "policy", "dataset", "expect"}, {"name", "dataset", "expect"})
    if not isinstance(fields["name"], str):
        raise _BadVector("`name` must be a string")
    policy = fields.get("policy")
    expect_fields = _object(fields["expect"], "`expect`", {"findings", "summary", "error"}, set())
    expect: Dict[str, Any] = {}
    findings = expect_fields.get("findings")
    if findings is not None:
        if not isinstance(findings, list):
            raise _BadVector("`expect.findings` must be an array")
        pairs = set()
        for item in findings:
            f = _object(item, "an expected finding", None, {"rule", "subject"})
            if not isinstance(f["rule"], str) or not isinstance(f["subject"], str):
                raise _BadVector("an expected finding's `rule` and `subject` must be strings")
            pairs.add((f["rule"], f["subject"]))
        expect["findings"] = pairs
    summary = expect_fields.get("summary")
    if summary is not None:
        if not isinstance(summary, JsonPairs):
            raise _BadVector("`expect.summary` must be an object")
        expect["summary"] = {k: _plain(v) for k, v in summary}
    error = expect_fields.get("error")
    if error is not None:
        want = _object(error, "`expect.error`", {"path"}, {"path"})
        if not isinstance(want["path"], str):
            raise _BadVector("`expect.error.path` must be a string")
        expect["error"] = want["path"]
    return policy, fields["dataset"], expect


def _object(value: Any, what: str, allowed: Optional[Set[str]], required: Set[str]) -> Dict[str, Any]:
    """The fields of a vector object: unknown (when ``allowed`` is given), repeated and missing
    fields are errors; ``null`` for an optional field means absent."""
    if not isinstance(value, JsonPairs):
        raise _BadVector(f"{what} must be an object")
    out: Dict[str, Any] = {}
    for key, v in value:
        if allowed is not None and key not in allowed:
            raise _BadVector(f"unknown field `{key}` in {what}")
        if key in out:
            raise _BadVector(f"duplicate field `{key}` in {what}")
        out[key] = v
    for key in required:
        if key not in out:
            raise _BadVector(f"missing field `{key}` in {what}")
    return {k: v for k, v in out.items() if not (v is None and k not in required)}


def _plain(value: Any) -> Any:
    """A preserved JSON value as plain Python values (the last of repeated keys wins)."""
    if isinstance(value, JsonPairs):
        return {k: _plain(v) for k, v in value}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, RawNumber):
        return json.loads(value)
    return value


def _json_equal(a: Any, b: Any) -> bool:
    """Equality of JSON values as the Rust runner sees it: ``1`` is not ``1.0`` nor ``true``."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_json_equal(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_json_equal(x, y) for x, y in zip(a, b))
    return bool(a == b)


def _compact(value: Any) -> str:
    # serde_json prints objects with sorted keys; so do we, for the same lines as the Rust runner.
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, sort_keys=True)


def _debug(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


if __name__ == "__main__":
    sys.exit(main())
