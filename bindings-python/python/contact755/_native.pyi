"""Private native module of the ``contact755`` package (PyO3); use ``contact755`` instead.

Values cross the boundary as plain types: enum values as the core's words, dates as
``YYYY-MM-DD``, timestamps as RFC 3339 text, documents as UTF-8 bytes. Errors are raised as
``contact755.InvalidInputError`` and ``contact755.PolicyError``.
"""

from typing import List, Optional, Tuple, final

__all__ = ["__version__", "Policy", "Report", "rules", "path_has_prefix"]

__version__: str

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
    def check_entry(
        self,
        worksheet_id: str,
        personnel_id: str,
        date: str,
        assignment: str,
        area: Optional[str],
        shift_start: Optional[str],
        shift_end: Optional[str],
        entry_id: str,
        at: str,
        activity: str,
        clearance_codes: List[str],
        contact: Optional[Tuple[str, bool, Optional[str]]],
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
