"""The audit report."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple

from ._native import Report as _NativeReport
from ._model import Finding, Summary, findings_from_native, summary_from_native

if TYPE_CHECKING:
    from ._policy import Policy

__all__ = ["Report"]


class Report:
    """The result of :meth:`Policy.audit`: the findings, the summary and the effective policy.

    A report is immutable. Its JSON (:meth:`to_json`) is the core's report, byte for byte the
    same as every other language's for the same input; :meth:`to_dict` is that JSON parsed;
    :meth:`to_records` gives one flat dict per finding for ``pandas.DataFrame``.
    """

    __slots__ = ("_native", "_findings")

    _native: _NativeReport
    _findings: Optional[Tuple[Finding, ...]]

    def __init__(self) -> None:
        raise TypeError("a Report comes from Policy.audit(); it cannot be built directly")

    @classmethod
    def _wrap(cls, native: _NativeReport) -> Report:
        report = object.__new__(cls)
        object.__setattr__(report, "_native", native)
        object.__setattr__(report, "_findings", None)
        return report

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Report is immutable; cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Report is immutable; cannot delete {name!r}")

    @property
    def findings(self) -> List[Finding]:
        """Every finding, sorted by rule id, then subject (byte order). A new list each time."""
        cached = self._findings
        if cached is None:
            # Built once; two threads racing here build equal tuples.
            cached = tuple(findings_from_native(self._native.findings()))
            object.__setattr__(self, "_findings", cached)
        return list(cached)

    @property
    def summary(self) -> Summary:
        """The station-level counts (SPEC §4)."""
        return summary_from_native(self._native.summary())

    @property
    def policy_sha256(self) -> str:
        """The fingerprint of the policy the audit applied (hex SHA-256 of its RFC 8785
        canonical form): what a reader quotes to say which rules were applied."""
        return self._native.policy_sha256

    @property
    def policy(self) -> Policy:
        """The policy the audit applied."""
        from ._policy import Policy

        return Policy._wrap(self._native.policy())

    def to_json(self) -> str:
        """The SPEC report as pretty JSON ending in a newline.

        This is the core's ``Report::to_json()``: its UTF-8 encoding is byte for byte what
        ``cargo run --example audit -- --json`` prints for the same dataset and policy. Write it
        with ``path.write_bytes(report.to_json().encode())`` (or a text file opened with
        ``newline="\\n"``) to keep those bytes on every platform.
        """
        return self._native.to_json()

    def to_dict(self) -> Dict[str, Any]:
        """The SPEC report as plain Python values: ``json.loads(self.to_json())``.

        Keys ``policy``, ``policy_sha256``, ``findings`` and ``summary``; enum values and dates
        are strings, as in the JSON.
        """
        result: Dict[str, Any] = json.loads(self._native.to_json())
        return result

    def to_records(self) -> List[Dict[str, object]]:
        """One flat dict per finding, ready for ``pandas.DataFrame(report.to_records())``.

        Keys: ``rule``, ``severity`` (its word, e.g. ``"violation"``), ``subject``,
        ``personnel_id``, ``date`` (:class:`datetime.date` or ``None``) and ``message``.
        """
        return [f.to_record() for f in self.findings]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Report):
            return NotImplemented
        return self._native.to_json() == other._native.to_json()

    def __hash__(self) -> int:
        return hash(self._native.to_json())

    def __repr__(self) -> str:
        s = self._native.summary()
        return (
            f"<Report: {self._native.finding_count()} findings, {s['worksheets_audited']} worksheets audited, "
            f"{s['worksheets_covered']} covered>"
        )
