"""Tabular datasets (SPEC §7): CSV tables, and mappings for other systems' exports."""

from __future__ import annotations

import datetime
import os
from typing import List, Mapping as _Mapping, Optional, Tuple, Union

from ._native import Mapping as _NativeMapping
from ._native import parse_period as _parse_period

__all__ = ["Mapping", "Period", "TableFiles", "parse_period"]

#: A period: ``"2016-03"`` (a whole month), ``"2016-03-01..2016-03-31"``, or two
#: :class:`datetime.date` (both days included).
Period = Union[str, Tuple[datetime.date, datetime.date]]

#: Tables: a folder (a path) holding ``personnel.csv``, ``worksheets.csv``, ``entries.csv`` and
#: the optional ``briefings.csv`` and ``vehicle_checks.csv`` (or the files a mapping names), or
#: a dict of file names to their bytes (or text).
TableFiles = Union[str, "os.PathLike[str]", _Mapping[str, Union[bytes, str]]]


def parse_period(period: Period) -> Tuple[datetime.date, datetime.date]:
    """``(start, end)`` of a period given as the command line writes it (``"2016-03"``,
    ``"2016-03-01..2016-03-31"``) or as two dates.

    >>> parse_period("2016-02")
    (datetime.date(2016, 2, 1), datetime.date(2016, 2, 29))

    Raises:
        InvalidInputError: not a period (``path`` is ``"period"``).
        TypeError: neither a str nor a pair of dates.
    """
    if isinstance(period, str):
        start, end = _parse_period(period)
        return start, end
    if isinstance(period, tuple) and len(period) == 2 and all(
        isinstance(d, datetime.date) and not isinstance(d, datetime.datetime) for d in period
    ):
        return period[0], period[1]
    raise TypeError(f"period must be a str such as '2016-03' or a pair of datetime.date, not {type(period).__name__}")


class Mapping:
    """How another system's export reads as the SPEC's tables (SPEC §7.3): file names, the
    delimiter, renamed and joined columns, value maps, date and timestamp formats, time zones.

    Build one with :meth:`from_toml`, :meth:`from_json` or :meth:`from_file`; a bad mapping
    raises :class:`MappingError` whose ``path`` is the key (``entries.timestamps.time_zone``).
    """

    __slots__ = ("_native",)

    _native: _NativeMapping

    def __init__(self) -> None:
        raise TypeError("build a Mapping with Mapping.from_toml(), from_json() or from_file()")

    @classmethod
    def _wrap(cls, native: _NativeMapping) -> "Mapping":
        m = object.__new__(cls)
        object.__setattr__(m, "_native", native)
        return m

    @classmethod
    def from_toml(cls, text: Union[str, bytes]) -> "Mapping":
        """A mapping from TOML text."""
        return cls._wrap(_NativeMapping.from_toml(text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text))

    @classmethod
    def from_json(cls, text: Union[str, bytes]) -> "Mapping":
        """A mapping from JSON text."""
        return cls._wrap(_NativeMapping.from_json(text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text))

    @classmethod
    def from_file(cls, path: Union[str, "os.PathLike[str]"]) -> "Mapping":
        """A mapping from a ``.json`` file (JSON) or any other file (TOML)."""
        with open(path, "rb") as f:
            data = f.read()
        return cls.from_json(data) if os.fspath(path).endswith(".json") else cls.from_toml(data)

    @property
    def file_names(self) -> List[str]:
        """The files this mapping reads, in table order."""
        return list(self._native.file_names())

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Mapping is immutable; cannot set {name!r}")

    def __repr__(self) -> str:
        return f"<contact755.Mapping reading {', '.join(self.file_names)}>"


def native_mapping(mapping: Optional[Union[Mapping, "os.PathLike[str]", str]]) -> Optional[_NativeMapping]:
    """The native mapping of a :class:`Mapping`, or of a mapping file's path."""
    if mapping is None:
        return None
    if isinstance(mapping, Mapping):
        return mapping._native
    if isinstance(mapping, (str, os.PathLike)):
        return Mapping.from_file(mapping)._native
    raise TypeError(f"mapping must be a contact755.Mapping or a path to a mapping file, not {type(mapping).__name__}")
