"""contact755: Norwalk Station's "755" community-contact directive as executable rules.

Everyone working a field assignment in Norwalk, La Mirada and Unincorporated Whittier makes
social contacts with citizens, hands each a "755" card and clears the contact in the MDC with
clearance code 755; sergeants brief the program, check the coding when they review the Deputy
Daily Worksheets and keep the patrol cars stocked with cards. This package audits a month of
worksheets against those rules and checks single MDC entries in real time. Every decision is
made by the Rust core (the ``contact755`` crate); this package converts types and errors.

>>> import contact755
>>> policy = contact755.Policy.norwalk_2016()
>>> report = policy.audit('''{
...   "period": {"start": "2016-03-17", "end": "2016-03-17"},
...   "personnel": [{"id": "D100", "role": "deputy"}, {"id": "S200", "role": "sergeant"}],
...   "worksheets": [{"id": "W1", "personnel_id": "D100", "date": "2016-03-17",
...     "assignment": "field", "area": "La Mirada",
...     "entries": [{"id": "E1", "at": "2016-03-17T09:12:00-07:00", "activity": "obs",
...       "clearance_codes": ["415"], "contact": {"category": "resident", "card_provided": true}}],
...     "review": {"reviewer_id": "S200", "reviewed_on": "2016-03-18", "approved": true}}],
...   "briefings": [{"id": "B1", "sergeant_id": "S200", "date": "2016-03-01"}]}''')
>>> [(f.rule, f.subject) for f in report.findings]
[('FP-CODE-755', 'entry:W1/E1'), ('FP-REGULAR', 'worksheet:W1'), ('SGT-CODIFICATION', 'worksheet:W1')]

API: :class:`Policy` (``norwalk_2016``, ``preset``, ``from_json``, ``from_toml``, ``from_dict``,
``audit``, ``check_entry``, ``rules``, ``directive``, ``fingerprint``), :class:`Report`,
:class:`Finding`, :class:`Summary`, :func:`rules`, :func:`presets`, the enums
:class:`Severity`, :class:`Activity`, :class:`Category`, :class:`Role`, :class:`Assignment`,
:class:`Scope`, :class:`SubjectKind`, :class:`ErrorKind`, and the errors :class:`InvalidInputError` and :class:`PolicyError` (both
:class:`ValueError`) and :class:`InternalError` (a :class:`RuntimeError`, for a bug inside
contact755; no input raises it). ``python -m contact755.conformance PATH...`` runs
conformance vectors.
"""

from __future__ import annotations

from typing import List

from ._enums import Activity, Assignment, Category, ErrorKind, Role, Scope, Severity, SubjectKind
from ._errors import Contact755Error, InternalError, InvalidInputError, MappingError, PolicyError
from ._model import Contact, Directive, Finding, PersonSummary, Rule, RuleSetting, Summary, rules
from ._native import __version__
from ._native import presets as _presets
from ._policy import Dataset, Policy
from ._report import Report, ReportDiff, diff
from ._tables import Mapping, parse_period

def presets() -> List[str]:
    """The names of the presets (station policies embedded in the library), ``"norwalk-2016"``
    first.

    >>> presets()
    ['norwalk-2016', 'compton-2018']
    """
    return list(_presets())


__all__ = [
    "Activity",
    "Assignment",
    "Category",
    "Contact",
    "Contact755Error",
    "Dataset",
    "Directive",
    "ErrorKind",
    "Finding",
    "InternalError",
    "InvalidInputError",
    "Mapping",
    "MappingError",
    "PersonSummary",
    "Policy",
    "PolicyError",
    "Report",
    "ReportDiff",
    "Role",
    "Rule",
    "RuleSetting",
    "Scope",
    "Severity",
    "SubjectKind",
    "Summary",
    "__version__",
    "diff",
    "parse_period",
    "presets",
    "rules",
]
