"""Private native module of the ``contact755`` package (PyO3); use ``contact755`` instead.

Values cross the boundary as plain types: enum values as the core's words, dates as
``YYYY-MM-DD``, documents as UTF-8 bytes; ``Policy.check_entry`` takes the Python values of
``contact755.Policy.check_entry`` and converts them itself. Errors are raised as
``contact755.InvalidInputError`` and ``contact755.PolicyError``; an unexpected Rust panic in
any function or method is raised as :class:`InternalError` (``contact755.InternalError``).
"""

from typing import List, Optional, Tuple, final

__all__ = ["__version__", "InternalError", "Policy", "Report", "rules", "path_has_prefix"]

__version__: str

class InternalError(RuntimeError):
    """An unexpected failure inside contact755 (a bug), never a verdict on the input."""

#: ``(rule, severity, subject, personnel_id, date or None, message)``
_FindingTuple = Tuple[str, str, str, Optional[str], Optional[str], str]
#: ``(worksheets_audited, worksheets_covered, contacts_755, cards_provided, by_category,
#: by_activity, by_area, findings_by_rule, personnel)``; maps as ``(key, count)`` lists and
#: personnel as ``(id, covered_shifts, contacts_755, findings)``.
_SummaryTuple = Tuple[
    int,
    int,
    int,
    int,
    List[Tuple[str, int]],
    List[Tuple[str, int]],
    List[Tuple[str, int]],
    List[Tuple[str, int]],
    List[Tuple[str, int, int, int]],
]

@final
class Policy:
    @staticmethod
    def norwalk_2016() -> Policy: ...
    @staticmethod
    def from_json(data: bytes) -> Policy: ...
    @staticmethod
    def from_toml(data: bytes) -> Policy: ...
    @property
    def station(self) -> str: ...
    @property
    def community_relations_code(self) -> str: ...
    @property
    def covered_areas(self) -> List[str]: ...
    @property
    def reviewer_roles(self) -> List[str]: ...
    @property
    def min_contacts_per_shift(self) -> int: ...
    @property
    def briefing_interval_days(self) -> int: ...
    @property
    def min_cards_in_vehicle(self) -> int: ...
    @property
    def card_check_interval_days(self) -> int: ...
    def to_json(self) -> str: ...
    def audit(self, data: bytes) -> Report: ...
    # The arguments of contact755.Policy.check_entry, unchecked: the native method checks
    # their types itself (TypeError) and raises InvalidInputError for bad values.
    def check_entry(
        self,
        worksheet_id: object,
        personnel_id: object,
        date: object,
        assignment: object,
        area: object,
        shift_start: object,
        shift_end: object,
        entry_id: object,
        at: object,
        activity: object,
        clearance_codes: object,
        contact: object,
    ) -> List[_FindingTuple]: ...

@final
class Report:
    def to_json(self) -> str: ...
    def findings(self) -> List[_FindingTuple]: ...
    def finding_count(self) -> int: ...
    def summary(self) -> _SummaryTuple: ...
    def policy(self) -> Policy: ...

def rules() -> List[Tuple[str, str, str, Optional[str]]]: ...
def path_has_prefix(reported: str, expected: str) -> bool: ...
