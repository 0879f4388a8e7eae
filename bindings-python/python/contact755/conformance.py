"""Runs conformance vectors (SPEC §5) through the Python package.

Usage::

    python -m contact755.conformance PATH...

Each PATH is a vector file or a folder searched recursively for ``*.json``. The runner prints
one line per failing vector with what differed, ends with the plain line ``N passed, M
failed``, and exits non-zero when a vector fails or when it found no vector; the Rust runner
(``cargo run --release --example conformance``) behaves the same.

Every vector goes through the public API: :meth:`Policy.from_json` for its ``policy`` and
:meth:`Policy.audit` for its ``dataset`` (the file's own JSON text, repeated keys included, so
the core sees what the file says). The vector is read and the outcome judged by the core's
judge (``contact755::contract::judge``), which every language's runner shares.
"""

from __future__ import annotations

import os
import sys
from typing import List, Optional, Sequence, Tuple

from . import _native
from ._errors import InvalidInputError, MappingError, PolicyError
from ._policy import Policy
from ._tables import Mapping

__all__ = ["check_vector_text", "collect", "main"]


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
    """Checks one vector given as JSON text: ``None`` when it passes, else what differed.

    The core reads the vector and judges the outcome; the audit runs through this package's
    public API (:meth:`Policy.from_json`, :meth:`Policy.audit`, :meth:`Report.to_json`).
    """
    try:
        vector = _native.Vector.parse(text)
    except ValueError as e:
        return str(e)
    try:
        policy = Policy.norwalk_2016() if vector.policy_json is None else Policy.from_json(vector.policy_json)
        if vector.dataset_json is not None:
            report = policy.audit(vector.dataset_json.encode("utf-8"))
        else:
            # A tabular dataset (SPEC §7): its files, period and mapping, through audit_tables.
            mapping = None if vector.mapping_json is None else Mapping.from_json(vector.mapping_json)
            files, period = vector.tables_files, vector.tables_period
            if files is None or period is None:
                return "not a valid vector: no dataset and no tables"
            report = policy.audit_tables(files, period=period, mapping=mapping)
    except (PolicyError, InvalidInputError, MappingError) as e:
        # A rejected policy counts as a rejection at the setting's path (SPEC §3).
        return vector.judge_rejection(e.path)
    return vector.judge_report(report.to_json())


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


if __name__ == "__main__":
    sys.exit(main())
