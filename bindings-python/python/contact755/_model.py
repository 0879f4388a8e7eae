"""The plain, immutable records of the API: findings, the summary, the rule catalog and the
contact given to :meth:`contact755.Policy.check_entry`."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Tuple, Union

from . import _native
from ._enums import Activity, Category, Scope, Severity, SubjectKind

__all__ = ["Contact", "Directive", "Finding", "PersonSummary", "Rule", "RuleSetting", "Summary", "rules"]


@dataclass(frozen=True)
class Finding:
    """One rule firing on one subject.

    Attributes:
        rule: The rule id, e.g. ``"FP-CODE-755"`` (see :func:`contact755.rules`).
        severity: The rule's severity.
        subject: What it fired on: ``entry:W/E``, ``worksheet:W``, ``personnel:S``,
            ``briefing:B`` or ``vehicle_check:C``.
        personnel_id: The person responsible, where one is (SPEC §3), else ``None``.
        date: The day the finding is about (the worksheet's or briefing's date, the first
            unbriefed day for ``SGT-BRIEFING``), or ``None`` where none applies.
        message: A sentence for a person to read: ids, codes and dates, never citizen data.
    """

    rule: str
    severity: Severity
    subject: str
    personnel_id: Optional[str]
    date: Optional[datetime.date]
    message: str

    def to_record(self) -> Dict[str, object]:
        """This finding as a flat dict of plain values (``severity`` as its word), one row
        of :meth:`Report.to_records`."""
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "subject": self.subject,
            "personnel_id": self.personnel_id,
            "date": self.date,
            "message": self.message,
        }


@dataclass(frozen=True)
class PersonSummary:
    """One person's line of the summary.

    Attributes:
        id: The person's id.
        covered_shifts: Covered worksheets of this person.
        contacts_755: Entries with a valid 755 on those worksheets.
        findings: Findings charged to this person (``Finding.personnel_id``).
    """

    id: str
    covered_shifts: int
    contacts_755: int
    findings: int


@dataclass(frozen=True)
class Summary:
    """Station-level counts of a report (SPEC §4).

    All counts but ``worksheets_audited`` look only at covered worksheets; the mappings leave
    out zero counts.

    Attributes:
        worksheets_audited: Worksheets dated in the period, duplicates excluded.
        worksheets_covered: Audited worksheets that are covered.
        contacts_755: Entries with a valid 755.
        cards_provided: Entries whose contact has ``card_provided: true``.
        by_category: Entries with a contact, by category.
        by_activity: Entries with a valid 755, by activity.
        by_area: Entries with a valid 755, by covered area (the policy's spelling).
        findings_by_rule: Findings per rule id.
        personnel: Every roster person and every unknown person of a covered worksheet,
            sorted by id.
    """

    worksheets_audited: int
    worksheets_covered: int
    contacts_755: int
    cards_provided: int
    by_category: Dict[Category, int]
    by_activity: Dict[Activity, int]
    by_area: Dict[str, int]
    findings_by_rule: Dict[str, int]
    personnel: Tuple[PersonSummary, ...]


@dataclass(frozen=True)
class Rule:
    """One rule of the catalog, as a policy applies it.

    Attributes:
        id: The rule's id, e.g. ``"FP-CODE-755"``.
        severity: How serious a finding of this rule is, under the policy.
        enabled: Whether the policy applies the rule (a disabled rule never fires).
        scope: Which records it looks at.
        subject: What its findings' subjects name.
        title: A one-line title.
        checks: What the rule checks, in a sentence.
        citation: The order's sentence the rule rests on, as the policy cites it; ``None`` for
            data rules.
        example: A conformance vector of the project (under ``tests/conformance/``) in which
            the rule fires.
    """

    id: str
    severity: Severity
    enabled: bool
    scope: Scope
    subject: SubjectKind
    title: str
    checks: str
    citation: Optional[str]
    example: str


@dataclass(frozen=True)
class Directive:
    """The order a policy encodes: shown in reports, it changes no finding.

    Attributes:
        id: The order's number or name (``"Norwalk Station Unit Order 16-02"``).
        title: Its title.
        issued: The day it was issued, when known.
    """

    id: str
    title: str
    issued: Optional[datetime.date]


@dataclass(frozen=True)
class RuleSetting:
    """How a policy applies one (non-data) rule.

    Attributes:
        severity: ``VIOLATION`` (the order says *shall*) or ``ADVISORY`` (*should*).
        citation: The order's sentence the rule rests on.
        enabled: ``False`` turns the rule off.
    """

    severity: Severity
    citation: str
    enabled: bool


@dataclass(frozen=True)
class Contact:
    """The social contact of an entry, for :meth:`contact755.Policy.check_entry`.

    Give one exactly when a social contact with citizens happened during the incident.

    Attributes:
        category: What kind of contact it was (a :class:`Category` or its word).
        card_provided: Whether a "755" card was handed over.
        description: A short neutral description (at most 200 characters), required for
            ``Category.OTHER``. Never copied into findings.
    """

    category: Union[Category, str]
    card_provided: bool
    description: Optional[str] = None


# --- conversions from the core's values (dicts keyed by the core's field names) ------------

_new_object = object.__new__
_SEVERITIES = {m.value: m for m in Severity}
_CATEGORIES = {m.value: m for m in Category}
_ACTIVITIES = {m.value: m for m in Activity}


def findings_from_native(rows: List[Dict[str, Any]]) -> List[Finding]:
    """:class:`Finding` objects from the core's finding dicts (their ``date`` already a
    :class:`datetime.date`).

    Each is made the way :mod:`pickle` restores one, ``object.__new__`` and then its
    ``__dict__``: the frozen dataclass's ``__init__`` sets each field through
    ``object.__setattr__`` and takes twice as long, which shows in ``check_entry`` and in
    reports with many findings. The objects are the same (equality, hash, repr, immutability).
    A field the core adds and :class:`Finding` lacks fails the tests (``test_model``).
    """
    findings = []
    for row in rows:
        finding = _new_object(Finding)
        row["severity"] = _SEVERITIES[row["severity"]]
        finding.__dict__.update(row)
        findings.append(finding)
    return findings


def summary_from_native(s: Dict[str, Any]) -> Summary:
    """A :class:`Summary` from the core's summary dict."""
    return Summary(
        worksheets_audited=s["worksheets_audited"],
        worksheets_covered=s["worksheets_covered"],
        contacts_755=s["contacts_755"],
        cards_provided=s["cards_provided"],
        by_category={_CATEGORIES[k]: v for k, v in s["by_category"].items()},
        by_activity={_ACTIVITIES[k]: v for k, v in s["by_activity"].items()},
        by_area=dict(s["by_area"]),
        findings_by_rule=dict(s["findings_by_rule"]),
        personnel=tuple(PersonSummary(**p) for p in s["personnel"]),
    )


def rules_from_native(rows: List[Dict[str, Any]]) -> List[Rule]:
    """:class:`Rule` objects from the core's rule dicts."""
    return [
        Rule(**{**r, "severity": Severity(r["severity"]), "scope": Scope(r["scope"]), "subject": SubjectKind(r["subject"])})
        for r in rows
    ]


_RULES: Tuple[Rule, ...] = tuple(rules_from_native(_native.rules()))


def rules() -> List[Rule]:
    """The rule catalog as the ``norwalk-2016`` preset applies it, in the SPEC's order: every
    rule the audit applies, with its severity, title and the directive's sentence behind it
    (a policy's own view is :meth:`contact755.Policy.rules`).

    >>> [r.id for r in rules()][:3]
    ['FP-CODE-755', 'FP-CARD', 'FP-755-DETAILS']
    """
    return list(_RULES)
