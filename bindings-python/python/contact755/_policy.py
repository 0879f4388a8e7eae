"""The station's settings and the two things they do: audit a dataset, check one entry."""

from __future__ import annotations

import datetime
import json
import os
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple, Union

from ._native import Policy as _NativePolicy
from ._enums import Activity, Assignment, Role
from ._errors import PolicyError
from ._json import dataset_bytes, dumps, text_bytes
from ._model import Contact, Finding, findings_from_native
from ._report import Report

__all__ = ["Dataset", "Policy"]

#: What :meth:`Policy.audit` accepts: JSON text (``str``, never a file name), JSON bytes, a
#: ``dict`` as :func:`json.load` returns it, or an :class:`os.PathLike` naming a JSON file.
Dataset = Union[str, bytes, bytearray, memoryview, Dict[str, Any], os.PathLike[str], os.PathLike[bytes]]

_ROLES = {m.value: m for m in Role}


class Policy:
    """A station's settings (SPEC §3, "Policy"); immutable and safe to share across threads.

    ``Policy.norwalk_2016()`` is the directive as written. The numbers the directive does not
    give are station settings with documented defaults, and ``0`` turns that check off. Build
    other policies from those defaults plus a partial override::

        Policy.from_dict({"min_contacts_per_shift": 2})
        Policy.from_json('{"reviewer_roles": ["sergeant", "lieutenant"]}')
        Policy.from_toml('covered_areas = ["Cerritos"]')
        Policy(min_cards_in_vehicle=20)           # keyword overrides, same rules

    Unknown settings, wrong types and nonsensical values raise :class:`PolicyError` whose
    ``path`` is the setting's name.
    """

    __slots__ = ("_native",)

    _native: _NativePolicy

    def __init__(
        self,
        *,
        station: Optional[str] = None,
        community_relations_code: Optional[str] = None,
        covered_areas: Optional[Iterable[str]] = None,
        reviewer_roles: Optional[Iterable[Union[Role, str]]] = None,
        min_contacts_per_shift: Optional[int] = None,
        briefing_interval_days: Optional[int] = None,
        min_cards_in_vehicle: Optional[int] = None,
        card_check_interval_days: Optional[int] = None,
    ) -> None:
        """The Norwalk defaults with the given settings overridden (``None`` keeps a default).

        Equivalent to :meth:`from_dict` with the same keys.
        """
        overrides: Dict[str, Any] = {}
        if station is not None:
            overrides["station"] = station
        if community_relations_code is not None:
            overrides["community_relations_code"] = community_relations_code
        if covered_areas is not None:
            overrides["covered_areas"] = _string_list(covered_areas, "covered_areas")
        if reviewer_roles is not None:
            overrides["reviewer_roles"] = [
                r.value if isinstance(r, Role) else r for r in _string_list(reviewer_roles, "reviewer_roles")
            ]
        for name, value in (
            ("min_contacts_per_shift", min_contacts_per_shift),
            ("briefing_interval_days", briefing_interval_days),
            ("min_cards_in_vehicle", min_cards_in_vehicle),
            ("card_check_interval_days", card_check_interval_days),
        ):
            if value is not None:
                overrides[name] = value
        native = _NativePolicy.from_json(dumps(overrides, PolicyError))
        object.__setattr__(self, "_native", native)

    @classmethod
    def _wrap(cls, native: _NativePolicy) -> Policy:
        policy = object.__new__(cls)
        object.__setattr__(policy, "_native", native)
        return policy

    # --- constructors ------------------------------------------------------------------------

    @classmethod
    def norwalk_2016(cls) -> Policy:
        """Norwalk Station's directive of March 16, 2016, with the documented defaults for the
        settings it leaves open (code ``755``; Norwalk, La Mirada, Unincorporated Whittier;
        sergeants review; 1 contact per shift; briefings every 30 days; 10 cards per car,
        checked every 7 days)."""
        return cls._wrap(_NativePolicy.norwalk_2016())

    @classmethod
    def from_json(cls, text: Union[str, bytes]) -> Policy:
        """The Norwalk defaults overridden field by field by a JSON object such as
        ``{"min_contacts_per_shift": 2}`` (``null`` keeps a default).

        Raises:
            PolicyError: not JSON, not an object, an unknown setting, a wrong type, or a
                setting that makes no sense (``path`` names the setting).
            TypeError: ``text`` is neither :class:`str` nor :class:`bytes`.
        """
        return cls._wrap(_NativePolicy.from_json(text_bytes(text, "policy JSON")))

    @classmethod
    def from_toml(cls, text: Union[str, bytes]) -> Policy:
        """The Norwalk defaults overridden field by field by a TOML document
        (``min_cards_in_vehicle = 20``).

        Raises:
            PolicyError: as for :meth:`from_json`; a TOML syntax error has ``line`` and
                ``column``.
            TypeError: ``text`` is neither :class:`str` nor :class:`bytes`.
        """
        return cls._wrap(_NativePolicy.from_toml(text_bytes(text, "policy TOML")))

    @classmethod
    def from_dict(cls, settings: Mapping[str, Any]) -> Policy:
        """The Norwalk defaults overridden field by field by a dict as :func:`json.load`
        returns it (``{"covered_areas": ["Cerritos"]}``). :meth:`to_dict` gives such a dict.

        Raises:
            PolicyError: as for :meth:`from_json`, also for values JSON cannot hold
                (``float("nan")``, a :class:`set`, ...), with their path.
            TypeError: ``settings`` is not a mapping.
        """
        if not isinstance(settings, Mapping):
            raise TypeError(f"settings must be a dict, not {type(settings).__name__}")
        plain = settings if isinstance(settings, dict) else dict(settings)
        return cls._wrap(_NativePolicy.from_json(dumps(plain, PolicyError)))

    # --- settings ----------------------------------------------------------------------------

    @property
    def station(self) -> str:
        """The station's name, printed in reports."""
        return self._native.station

    @property
    def community_relations_code(self) -> str:
        """The clearance code that documents a community-relations contact (``"755"``)."""
        return self._native.community_relations_code

    @property
    def covered_areas(self) -> Tuple[str, ...]:
        """The areas the directive covers, compared case-insensitively after trimming and
        collapsing white space; reports use this spelling."""
        return tuple(self._native.covered_areas)

    @property
    def reviewer_roles(self) -> Tuple[Role, ...]:
        """The roles whose members may review Deputy Daily Worksheets (sergeants)."""
        return tuple(_ROLES[r] for r in self._native.reviewer_roles)

    @property
    def min_contacts_per_shift(self) -> int:
        """How many entries with a valid 755 make a covered shift's contact "regular"
        (``FP-REGULAR``); 0 turns the check off."""
        return self._native.min_contacts_per_shift

    @property
    def briefing_interval_days(self) -> int:
        """Days a sergeant's briefing counts for, the briefing day included
        (``SGT-BRIEFING``); 0 turns the check off."""
        return self._native.briefing_interval_days

    @property
    def min_cards_in_vehicle(self) -> int:
        """The fewest "755" cards a checked patrol vehicle may hold (``SGT-CARD-SUPPLY-LOW``);
        0 turns the check off."""
        return self._native.min_cards_in_vehicle

    @property
    def card_check_interval_days(self) -> int:
        """Days a vehicle check counts for, its own day included
        (``SGT-CARD-SUPPLY-UNCHECKED``); 0 turns the check off."""
        return self._native.card_check_interval_days

    def to_dict(self) -> Dict[str, Any]:
        """Every setting as plain JSON values (roles as words); ``Policy.from_dict`` of it
        gives an equal policy."""
        result: Dict[str, Any] = json.loads(self._native.to_json())
        return result

    def to_json(self) -> str:
        """Every setting as the core's pretty JSON object."""
        return self._native.to_json()

    # --- the two jobs ------------------------------------------------------------------------

    def audit(self, dataset: Dataset) -> Report:
        """Audits a dataset (SPEC §2) under this policy.

        ``dataset`` is JSON text (a :class:`str` is always text, never a file name), JSON
        :class:`bytes`, a :class:`dict` as :func:`json.load` returns it, or an
        :class:`os.PathLike` such as :class:`pathlib.Path` naming a JSON file. The GIL is
        released while the core parses and audits, so audits in several threads run in
        parallel.

        Raises:
            InvalidInputError: the dataset is rejected as a whole (``path`` says where).
            TypeError: ``dataset`` is none of the accepted types.
            OSError: the file cannot be read.
        """
        return Report._wrap(self._native.audit(dataset_bytes(dataset)))

    def check_entry(
        self,
        *,
        worksheet_id: str,
        personnel_id: str,
        date: datetime.date,
        assignment: Union[Assignment, str],
        area: Optional[str] = None,
        shift_start: Optional[datetime.datetime] = None,
        shift_end: Optional[datetime.datetime] = None,
        entry_id: str,
        at: datetime.datetime,
        activity: Union[Activity, str],
        clearance_codes: Iterable[str],
        contact: Optional[Contact] = None,
    ) -> List[Finding]:
        """The real-time check for MDC software: the findings one entry earns on its own.

        These are ``FP-CODE-755``, ``FP-CARD``, ``FP-755-DETAILS``, ``DATA-CODE-*`` and
        ``DATA-ENTRY-OUTSIDE-SHIFT``, sorted by rule, equal to what :meth:`audit` reports for
        the same entry. All arguments are keywords:

        Worksheet header: ``worksheet_id``, ``personnel_id``, ``date`` (a
        :class:`datetime.date`), ``assignment`` (:class:`Assignment` or its word), ``area``
        (required for field assignments), ``shift_start`` / ``shift_end`` (optional).

        Entry: ``entry_id``, ``at`` (when the incident was cleared), ``activity``
        (:class:`Activity` or its word; ``"obs"`` and ``"cfs"`` are accepted),
        ``clearance_codes`` (an iterable of strings, may be empty) and ``contact`` (a
        :class:`Contact` when a social contact happened, else ``None``).

        Timestamps are :class:`datetime.datetime` objects *with* a timezone.

        Raises:
            InvalidInputError: a value the core rejects, with the core's path: a naive
                datetime (``entry.at``, ``worksheet.shift_start``, ...), a bad id
                (``worksheet.id``, ``entry.id``), a field worksheet without ``area``
                (``worksheet``), an unknown word, a contact of category ``other`` without
                a description (``entry.contact``).
            TypeError: an argument of the wrong Python type.
        """
        # The native module checks and converts every argument (types, Unicode, naive
        # datetimes) and the core decides; only a finding costs Python work here.
        rows = self._native.check_entry(
            worksheet_id,
            personnel_id,
            date,
            assignment,
            area,
            shift_start,
            shift_end,
            entry_id,
            at,
            activity,
            clearance_codes,
            contact,
        )
        return findings_from_native(rows) if rows else []

    # --- Python protocol ---------------------------------------------------------------------

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Policy is immutable; cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Policy is immutable; cannot delete {name!r}")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Policy):
            return NotImplemented
        return self._native.to_json() == other._native.to_json()

    def __hash__(self) -> int:
        return hash(self._native.to_json())

    def __repr__(self) -> str:
        settings = ", ".join(f"{k}={v!r}" for k, v in self.to_dict().items())
        return f"Policy({settings})"

    def __reduce__(self) -> Tuple[Any, Tuple[str]]:
        return (_policy_from_json, (self._native.to_json(),))


def _policy_from_json(text: str) -> Policy:
    """Unpickles a :class:`Policy`."""
    return Policy.from_json(text)


# --- argument conversion ---------------------------------------------------------------------


def _string_list(values: Iterable[Any], param: str) -> List[Any]:
    if isinstance(values, (str, bytes)):
        raise TypeError(f"{param} must be an iterable of strings, not a single {type(values).__name__}")
    return list(values)
