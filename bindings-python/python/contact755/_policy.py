"""The station's settings and the two things they do: audit a dataset, check one entry."""

from __future__ import annotations

import datetime
import os
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple, Union

from ._native import Policy as _NativePolicy
from ._enums import Activity, Assignment, Role, Severity
from ._model import Contact, Directive, Finding, Rule, RuleSetting, findings_from_native, rules_from_native
from ._report import Report
from ._tables import Mapping as TablesMapping
from ._tables import Period, TableFiles, native_mapping, parse_period

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

    def __init__(self, **overrides: Any) -> None:
        """A preset (``preset=...``, default ``norwalk-2016``) with the given settings
        overridden; equivalent to :meth:`from_dict` with the same keys (``None`` keeps the
        preset's value).

        >>> Policy(min_cards_in_vehicle=20).min_cards_in_vehicle
        20
        """
        for name in ("covered_areas", "reviewer_roles"):
            if isinstance(overrides.get(name), (str, bytes)):
                raise TypeError(f"{name} must be an iterable of strings, not a single {type(overrides[name]).__name__}")
        plain = {k: _plain(v) for k, v in overrides.items() if v is not None}
        object.__setattr__(self, "_native", _NativePolicy.from_dict(plain))

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
    def preset(cls, name: str) -> Policy:
        """The preset of that name (see :func:`contact755.presets`): ``"norwalk-2016"`` or
        ``"compton-2018"``.

        Raises:
            PolicyError: no preset has that name (``path`` is ``"preset"``).
        """
        return cls._wrap(_NativePolicy.preset(name))

    @classmethod
    def from_json(cls, text: Union[str, bytes]) -> Policy:
        """The Norwalk defaults overridden field by field by a JSON object such as
        ``{"min_contacts_per_shift": 2}`` (``null`` keeps a default).

        Raises:
            PolicyError: not JSON, not an object, an unknown setting, a wrong type, or a
                setting that makes no sense (``path`` names the setting).
            TypeError: ``text`` is neither :class:`str` nor :class:`bytes`.
        """
        return cls._wrap(_NativePolicy.from_json(_text_bytes(text, "policy JSON")))

    @classmethod
    def from_toml(cls, text: Union[str, bytes]) -> Policy:
        """The Norwalk defaults overridden field by field by a TOML document
        (``min_cards_in_vehicle = 20``).

        Raises:
            PolicyError: as for :meth:`from_json`; a TOML syntax error has ``line`` and
                ``column``.
            TypeError: ``text`` is neither :class:`str` nor :class:`bytes`.
        """
        return cls._wrap(_NativePolicy.from_toml(_text_bytes(text, "policy TOML")))

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
        return cls._wrap(_NativePolicy.from_dict(plain))

    # --- settings ----------------------------------------------------------------------------

    # One line per setting of the core (``contact755._native.setting_names()``); a test
    # checks that the two lists agree.

    @property
    def preset_name(self) -> str:
        """The preset this policy is built on (``"norwalk-2016"``, ``"compton-2018"``); the
        setting ``preset``."""
        return str(self._settings()["preset"])

    @property
    def station(self) -> str:
        """The station's name, printed in reports."""
        return str(self._settings()["station"])

    @property
    def directive(self) -> Directive:
        """The order this policy encodes (id, title, date issued)."""
        d = self._settings()["directive"]
        issued = None if d["issued"] is None else datetime.date.fromisoformat(d["issued"])
        return Directive(d["id"], d["title"], issued)

    @property
    def community_relations_code(self) -> str:
        """The clearance code that documents a community-relations contact (``"755"``)."""
        return str(self._settings()["community_relations_code"])

    @property
    def clearance_code_pattern(self) -> str:
        """The regular expression a whole trimmed clearance code must match to be well-formed
        (default ``[0-9A-Za-z]{1,8}``)."""
        return str(self._settings()["clearance_code_pattern"])

    @property
    def covered_areas(self) -> Tuple[str, ...]:
        """The areas the order covers, compared case-insensitively after trimming and
        collapsing white space; reports use this spelling."""
        return tuple(self._settings()["covered_areas"])

    @property
    def reviewer_roles(self) -> Tuple[Role, ...]:
        """The roles whose members may review Deputy Daily Worksheets (sergeants)."""
        return tuple(_ROLES[r] for r in self._settings()["reviewer_roles"])

    @property
    def min_contacts_per_shift(self) -> int:
        """How many entries with a valid 755 make a covered shift's contact "regular"
        (``FP-REGULAR``); 0 turns the check off."""
        return int(self._settings()["min_contacts_per_shift"])

    @property
    def briefing_interval_days(self) -> int:
        """Days a sergeant's briefing counts for, the briefing day included
        (``SGT-BRIEFING``); 0 turns the check off."""
        return int(self._settings()["briefing_interval_days"])

    @property
    def min_cards_in_vehicle(self) -> int:
        """The fewest cards a checked patrol vehicle may hold (``SGT-CARD-SUPPLY-LOW``);
        0 turns the check off."""
        return int(self._settings()["min_cards_in_vehicle"])

    @property
    def card_check_interval_days(self) -> int:
        """Days a vehicle check counts for, its own day included
        (``SGT-CARD-SUPPLY-UNCHECKED``); 0 turns the check off."""
        return int(self._settings()["card_check_interval_days"])

    @property
    def rule_settings(self) -> Dict[str, RuleSetting]:
        """How this policy applies each non-data rule, by rule id; the setting ``rules``."""
        return {
            rule: RuleSetting(Severity(s["severity"]), s["citation"], s["enabled"])
            for rule, s in self._settings()["rules"].items()
        }

    #: The Python name of each core setting whose name is not a fine attribute name here.
    _SETTING_ATTRIBUTES = {"preset": "preset_name", "rules": "rule_settings"}

    @property
    def fingerprint(self) -> str:
        """The policy's fingerprint: the hex SHA-256 of its RFC 8785 canonical form, as a
        report's ``policy_sha256``. Two policies that apply the same rules have the same one."""
        return self._native.fingerprint()

    def rules(self) -> List[Rule]:
        """The catalog as this policy applies it: each rule's severity, citation and whether
        it is enabled."""
        return rules_from_native(self._native.rules())

    def _settings(self) -> Dict[str, Any]:
        settings: Dict[str, Any] = self._native.settings()
        return settings

    def to_dict(self) -> Dict[str, Any]:
        """Every setting as plain JSON values (roles as words); ``Policy.from_dict`` of it
        gives an equal policy."""
        return self._settings()

    def to_json(self) -> str:
        """Every setting as the core's pretty JSON object."""
        return self._native.to_json()

    # --- the two jobs ------------------------------------------------------------------------

    def audit(self, dataset: Dataset) -> Report:
        """Audits a dataset (SPEC §2) under this policy.

        ``dataset`` is JSON text (a :class:`str` is always text, never a file name), JSON
        :class:`bytes`, a :class:`dict` as :func:`json.load` returns it, or an
        :class:`os.PathLike` such as :class:`pathlib.Path` naming a JSON file. A file is read
        by the core one worksheet at a time, each worksheet's entries audited and dropped, so
        memory grows with the worksheets and findings, not with the entries (a data error's
        column may then be one character later than for the same bytes in memory). The GIL
        is released while the core parses and audits, so audits in several threads run in
        parallel.

        Raises:
            InvalidInputError: the dataset is rejected as a whole (``path`` says where).
            TypeError: ``dataset`` is none of the accepted types.
            OSError: the file cannot be read.
        """
        if isinstance(dataset, dict):
            return Report._wrap(self._native.audit_dict(dataset))
        if isinstance(dataset, os.PathLike):
            return Report._wrap(self._native.audit_file(os.fsdecode(dataset)))
        return Report._wrap(self._native.audit(_dataset_bytes(dataset)))

    def audit_tables(
        self,
        tables: TableFiles,
        *,
        period: Period,
        mapping: Optional[Union[TablesMapping, "os.PathLike[str]", str]] = None,
    ) -> Report:
        """Audits a tabular dataset (SPEC §7): CSV files as stations keep them, or another
        system's export read through a :class:`Mapping`.

        ``tables`` is a folder (a path) or a dict of file names to bytes (or text); ``period``
        is ``"2016-03"``, ``"2016-03-01..2016-03-31"`` or two dates (the files carry none);
        ``mapping`` a :class:`Mapping` or the path of a mapping file. The report is exactly
        the one the same dataset gives as JSON. The GIL is released while the core reads and
        audits.

        Raises:
            InvalidInputError: the tables are rejected; ``path`` is ``FILE:LINE:COLUMN``
                (``entries.csv:3:at``), ``FILE:LINE`` or ``FILE`` (SPEC §7.2).
            MappingError: the mapping (given as a path) is rejected at its key.
            OSError: a file of the folder cannot be read.
            TypeError: an argument of the wrong type.
        """
        start, end = parse_period(period)
        native_map = native_mapping(mapping)
        if isinstance(tables, (str, os.PathLike)):
            return Report._wrap(self._native.audit_tables_dir(os.fspath(tables), start, end, native_map))
        if isinstance(tables, Mapping):
            files = {}
            for name, data in tables.items():
                if not isinstance(name, str):
                    raise TypeError(f"table file names must be str, not {type(name).__name__}")
                if isinstance(data, str):
                    data = data.encode("utf-8", "surrogatepass")
                elif isinstance(data, (bytearray, memoryview)):
                    data = bytes(data)
                elif not isinstance(data, bytes):
                    raise TypeError(f"the table {name!r} must be bytes or str, not {type(data).__name__}")
                files[name] = data
            return Report._wrap(self._native.audit_tables(files, start, end, native_map))
        raise TypeError(f"tables must be a folder or a dict of file names to bytes, not {type(tables).__name__}")

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


def _plain(value: Any) -> Any:
    """A keyword override as a plain value: enum members as their words, tuples as lists."""
    if isinstance(value, (Role, Severity)):
        return value.value
    if isinstance(value, (str, bytes)):
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _text_bytes(text: Union[str, bytes, bytearray, memoryview], what: str) -> bytes:
    """JSON or TOML *text* as the UTF-8 bytes the core reads.

    A :class:`str` holding a lone surrogate is encoded with ``surrogatepass``: the result is
    not UTF-8 and the core rejects it as a syntax error, as it does for bad bytes.
    """
    if isinstance(text, str):
        return text.encode("utf-8", "surrogatepass")
    if isinstance(text, bytes):
        return text
    if isinstance(text, (bytearray, memoryview)):
        # A copy: the core reads it with the GIL released, when the original could change.
        return bytes(text)
    raise TypeError(f"{what} must be str or bytes, not {type(text).__name__}")


def _dataset_bytes(dataset: object) -> bytes:
    """The JSON bytes of a dataset given as text or bytes (a ``str`` is always text; a path is
    read by the core, see ``Policy.audit``)."""
    if isinstance(dataset, (str, bytes, bytearray, memoryview)):
        return _text_bytes(dataset, "dataset")
    raise TypeError(
        "dataset must be JSON text (str or bytes), a dict as json.load returns it, "
        f"or an os.PathLike naming a JSON file, not {type(dataset).__name__}"
    )
