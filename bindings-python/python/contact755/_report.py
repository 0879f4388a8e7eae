"""The audit report."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple, Union

from dataclasses import dataclass

from ._native import Report as _NativeReport
from ._native import diff_json as _diff_json
from ._model import Finding, Summary, findings_from_native, summary_from_native

if TYPE_CHECKING:
    from ._policy import Policy

__all__ = ["Report", "ReportDiff", "diff"]


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

    @classmethod
    def from_json(cls, text: Union[str, bytes]) -> Report:
        """Reads a report from its SPEC §4 JSON (what :meth:`to_json` writes): for
        :func:`diff` and the renderings of a report kept on disk (which then lack the weekly
        chart, the period and the roles: the JSON does not hold them).

        Raises:
            InvalidInputError: not a report (``path`` says where; ``policy.…`` for its policy).
        """
        data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
        return cls._wrap(_NativeReport.from_json(data))

    def to_text(self, *, all: bool = False, source: Optional[str] = None) -> str:
        """The sergeant's view (SPEC §8): the station summary, one row per person, the findings
        grouped by rule with the policy's citation. ``all`` lists every finding of a rule
        (else the first 8); ``source`` names the data in the header."""
        return self._native.to_text(all, source)

    def to_csv(self) -> str:
        """The findings as CSV: header ``rule,severity,subject,personnel_id,date,message``,
        one row per finding in report order, quoting only where needed, LF line ends. A cell a
        spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``) starts with ``'``."""
        return self._native.to_csv()

    def to_html(self) -> str:
        """One self-contained HTML page: the directive and the policy's fingerprint, the
        station summary, inline SVG charts of 755 contacts per week by area and of findings per
        rule, the table of persons, the findings by rule with their citations. No script, no
        external resource; every text from the data is escaped."""
        return self._native.to_html()

    def to_xlsx(self) -> bytes:
        """The XLSX workbook: sheets ``Summary``, ``Personnel``, ``Findings`` (dates as dates,
        a frozen header row, an autofilter) and ``Rules``. Deterministic bytes.

        Raises:
            ValueError: the workbook is over the spreadsheet limits (a million findings).
        """
        return bytes(self._native.to_xlsx())

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


@dataclass(frozen=True)
class ReportDiff:
    """What changed from one report to another (SPEC §8): did the returned worksheets get
    corrected?

    Attributes:
        before_policy_sha256: The fingerprint of the earlier report's policy.
        after_policy_sha256: The fingerprint of the later report's policy.
        resolved: Findings of the earlier report whose (rule, subject) the later one lacks.
        new: Findings of the later report whose (rule, subject) the earlier one lacks.
        unchanged: How many findings are in both.
    """

    before_policy_sha256: Optional[str]
    after_policy_sha256: Optional[str]
    resolved: Tuple[Finding, ...]
    new: Tuple[Finding, ...]
    unchanged: int


def diff(before: Union[Report, str, bytes], after: Union[Report, str, bytes]) -> ReportDiff:
    """Compares two reports (or their JSON): ``resolved``, ``new`` and ``unchanged``, by
    (rule, subject).

    Raises:
        InvalidInputError: a JSON document that is not a report (its message starts with
            ``before report:`` or ``after report:``).
        TypeError: neither a :class:`Report` nor JSON text.
    """
    if isinstance(before, Report) and isinstance(after, Report):
        d = before._native.diff(after._native)
    else:
        d = _diff_json(_report_json(before), _report_json(after))
    return ReportDiff(
        before_policy_sha256=d["before_policy_sha256"],
        after_policy_sha256=d["after_policy_sha256"],
        resolved=tuple(findings_from_native(d["resolved"])),
        new=tuple(findings_from_native(d["new"])),
        unchanged=d["unchanged"],
    )


def _report_json(report: Union[Report, str, bytes]) -> bytes:
    if isinstance(report, Report):
        return report.to_json().encode("utf-8")
    if isinstance(report, str):
        return report.encode("utf-8", "surrogatepass")
    if isinstance(report, bytes):
        return report
    raise TypeError(f"a report must be a contact755.Report or its JSON, not {type(report).__name__}")
