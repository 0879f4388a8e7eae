"""The SPEC's vocabularies as real :class:`enum.Enum` classes.

Every member's ``value`` is the word the dataset, the report and the core use
(``Severity.VIOLATION.value == "violation"``). The classes also derive from :class:`str`, so a
member compares equal to its word and ``str(member)`` is the word.
"""

from __future__ import annotations

import enum

__all__ = ["Activity", "Assignment", "Category", "ErrorKind", "Role", "Scope", "Severity", "SubjectKind"]


class _Word(str, enum.Enum):
    """A str-valued enum whose ``str()`` and ``format()`` give the bare word."""

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, format_spec: str) -> str:
        return format(str(self.value), format_spec)


class Severity(_Word):
    """How serious a finding is."""

    #: The directive says *shall*.
    VIOLATION = "violation"
    #: The directive says *should*.
    ADVISORY = "advisory"
    #: The data itself is inconsistent.
    DATA = "data"


class Activity(_Word):
    """How an MDC incident arose (``entries[].activity``).

    Datasets may also spell ``self_initiated`` as ``obs`` and ``call_for_service`` as ``cfs``;
    the core reads those aliases, and :meth:`contact755.Policy.check_entry` accepts them as
    strings too.
    """

    #: Self-initiated activity ("obs").
    SELF_INITIATED = "self_initiated"
    #: A call for service ("cfs").
    CALL_FOR_SERVICE = "call_for_service"
    #: At the station: counter reports, station events.
    STATION = "station"


class Category(_Word):
    """The kind of a social contact: the directive's examples, plus ``other``."""

    #: Speaking to community groups.
    COMMUNITY_GROUP = "community_group"
    #: Residents who are out during routine patrol.
    RESIDENT = "resident"
    #: Business owners.
    BUSINESS_OWNER = "business_owner"
    #: Patrons of local coffee shops and restaurants.
    PATRON = "patron"
    #: Block watch meetings.
    BLOCK_WATCH = "block_watch"
    #: Station events where citizens are welcome.
    STATION_EVENT = "station_event"
    #: Taking counter reports.
    COUNTER_REPORT = "counter_report"
    #: Anything else (a description is then required).
    OTHER = "other"


class Role(_Word):
    """A person's rank or role at the station (``personnel[].role``)."""

    #: Deputy sheriff.
    DEPUTY = "deputy"
    #: Sergeant: briefs the program, reviews worksheets, checks the card supply.
    SERGEANT = "sergeant"
    #: Lieutenant.
    LIEUTENANT = "lieutenant"
    #: Captain.
    CAPTAIN = "captain"
    #: Reserve deputy.
    RESERVE_DEPUTY = "reserve_deputy"
    #: Station volunteer (covered by the directive when working the field).
    VOLUNTEER = "volunteer"
    #: Professional (civilian) staff.
    PROFESSIONAL_STAFF = "professional_staff"


class Assignment(_Word):
    """Whether a shift was worked in the field (``worksheets[].assignment``)."""

    #: A field assignment (patrol, traffic, volunteer patrol, ...).
    FIELD = "field"
    #: Desk, jail or any other assignment outside the field.
    NON_FIELD = "non_field"


class Scope(_Word):
    """Which records a rule looks at (the SPEC's "applies to" column)."""

    #: Audited worksheets that are covered (field assignment in a covered area).
    COVERED = "covered"
    #: Every audited worksheet (dated in the period, not a duplicate).
    AUDITED = "audited"
    #: Every record of the dataset, in or out of the period.
    ALL = "all"
    #: Every person on the roster whose role is sergeant.
    SERGEANTS = "sergeants"
    #: Briefings dated on or before the end of the period.
    BRIEFINGS = "briefings"


class SubjectKind(_Word):
    """What kind of record a rule's findings name as their subject."""

    #: ``entry:W/E``: the rule looks at one entry (``check_entry`` runs exactly these).
    ENTRY = "entry"
    #: ``worksheet:W``.
    WORKSHEET = "worksheet"
    #: ``personnel:S``.
    PERSONNEL = "personnel"
    #: ``briefing:B``.
    BRIEFING = "briefing"
    #: Any record kind (``DATA-DUPLICATE-ID``).
    ANY_RECORD = "any_record"


class ErrorKind(_Word):
    """What kind of structural problem made an input unacceptable (``error.kind``)."""

    #: Not well-formed JSON or TOML (or nested too deeply, or not UTF-8).
    SYNTAX = "syntax"
    #: An object has a field the format does not define.
    UNKNOWN_FIELD = "unknown_field"
    #: A required field is absent.
    MISSING_FIELD = "missing_field"
    #: A key appears twice in one object.
    DUPLICATE_KEY = "duplicate_key"
    #: A value has the wrong JSON type.
    INVALID_TYPE = "invalid_type"
    #: The right type but an unacceptable value (unknown word, bad date, bad id, ...).
    INVALID_VALUE = "invalid_value"
    #: Values fine on their own that together break a rule of the format.
    CONSTRAINT = "constraint"


#: Each enum of this module by the core's name of its vocabulary
#: (``contact755._native.vocabularies()``); a test checks both directions.
VOCABULARIES = {
    "role": Role,
    "assignment": Assignment,
    "activity": Activity,
    "category": Category,
    "severity": Severity,
    "scope": Scope,
    "subject_kind": SubjectKind,
    "error_kind": ErrorKind,
}
