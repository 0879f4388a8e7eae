"""The plain, immutable records of the API: findings, the summary, the rule catalog and the
contact given to :meth:`contact755.Policy.check_entry`."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple, Union

from . import _native
from ._enums import Activity, Category, Severity

__all__ = ["Contact", "Finding", "PersonSummary", "Rule", "Summary", "rules"]


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
    """One rule of the catalog.

    Attributes:
        id: The rule's id, e.g. ``"FP-CODE-755"``.
        severity: How serious a finding of this rule is.
        title: A one-line title.
        citation: The directive's sentence the rule rests on; ``None`` for data rules.
    """

    id: str
    severity: Severity
    title: str
    citation: Optional[str]


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


# --- conversions from the native tuples ------------------------------------------------------

_new_object = object.__new__
_SEVERITIES = {m.value: m for m in Severity}
_CATEGORIES = {m.value: m for m in Category}
_ACTIVITIES = {m.value: m for m in Activity}


def _date(text: str, cache: Dict[str, datetime.date]) -> datetime.date:
    d = cache.get(text)
    if d is None:
        try:
            d = datetime.date.fromisoformat(text)
        except ValueError:
            raise ValueError(
                f"the core reported the date {text}, which datetime.date cannot represent "
                "(years 1 to 9999); use Report.to_json() or Report.to_dict() for this report"
            ) from None
        cache[text] = d
    return d


def findings_from_native(rows: Sequence[Tuple[str, str, str, Optional[str], Optional[str], str]]) -> List[Finding]:
    """:class:`Finding` objects from the native tuples.

    Each is made the way :mod:`pickle` restores one, ``object.__new__`` and then its
    ``__dict__``: the frozen dataclass's ``__init__`` sets each field through
    ``object.__setattr__`` and takes twice as long, which shows in ``check_entry`` and in
    reports with many findings. The objects are the same (equality, hash, repr, immutability).
    """
    cache: Dict[str, datetime.date] = {}
    findings = []
    for rule, severity, subject, personnel_id, date, message in rows:
        finding = _new_object(Finding)
        finding.__dict__.update(
            rule=rule,
            severity=_SEVERITIES[severity],
            subject=subject,
            personnel_id=personnel_id,
            date=None if date is None else _date(date, cache),
            message=message,
        )
        findings.append(finding)
    return findings


def summary_from_native(t: _native._SummaryTuple) -> Summary:
    audited, covered, contacts, cards, by_category, by_activity, by_area, by_rule, people = t
    return Summary(
        worksheets_audited=audited,
        worksheets_covered=covered,
        contacts_755=contacts,
        cards_provided=cards,
        by_category={_CATEGORIES[k]: v for k, v in by_category},
        by_activity={_ACTIVITIES[k]: v for k, v in by_activity},
        by_area=dict(by_area),
        findings_by_rule=dict(by_rule),
        personnel=tuple(PersonSummary(*p) for p in people),
    )


_RULES: Tuple[Rule, ...] = tuple(
    Rule(id, _SEVERITIES[severity], title, citation) for id, severity, title, citation in _native.rules()
)


def rules() -> List[Rule]:
    """The rule catalog, in the SPEC's order: every rule the audit applies, with its
    severity, title and the directive's sentence behind it.

    >>> [r.id for r in rules()][:3]
    ['FP-CODE-755', 'FP-CARD', 'FP-755-DETAILS']
    """
    return list(_RULES)
