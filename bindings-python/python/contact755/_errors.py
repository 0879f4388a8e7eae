"""The exceptions of ``contact755``.

:class:`InvalidInputError` and :class:`PolicyError` are :class:`ValueError` subclasses: a
rejected input is a bad *value*. They carry the core's structured fields, so a caller can
react without parsing the message::

    try:
        report = policy.audit(data)
    except contact755.InvalidInputError as err:
        print(err.path, err.line, err.column, err.kind)

:class:`InternalError` (a :class:`RuntimeError`) is the other kind: a bug inside contact755,
never a verdict on the input.
"""

from __future__ import annotations

from typing import Optional, Union

from ._enums import ErrorKind
from ._native import InternalError

__all__ = ["Contact755Error", "InternalError", "InvalidInputError", "MappingError", "PolicyError"]


class Contact755Error(ValueError):
    """Base class of every error ``contact755`` raises for a rejected input.

    Attributes:
        kind: What kind of problem this is (:class:`ErrorKind`).
        path: Where: the JSON path of the offending value as the SPEC writes it
            (``worksheets[0].entries[1].at``), or ``""`` for a syntax error.
        line: 1-based line of the problem in the document, where known, else ``None``.
        column: 1-based column of the problem in the document, where known, else ``None``.
        message: What is wrong, in words, without the path and position (``str(err)``
            has them all).
    """

    kind: ErrorKind
    path: str
    line: Optional[int]
    column: Optional[int]
    message: str

    def __init__(
        self,
        text: str,
        *,
        kind: Union[ErrorKind, str] = ErrorKind.INVALID_VALUE,
        path: str = "",
        line: Optional[int] = None,
        column: Optional[int] = None,
        message: Optional[str] = None,
    ) -> None:
        super().__init__(text)
        self.kind = ErrorKind(kind)
        self.path = path
        self.line = line
        self.column = column
        self.message = text if message is None else message

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}({self.args[0] if self.args else ''!r}, kind={self.kind.value!r}, "
            f"path={self.path!r}, line={self.line!r}, column={self.column!r})"
        )


class InvalidInputError(Contact755Error):
    """A dataset, or an entry given to :meth:`Policy.check_entry`, was rejected as a whole.

    Raised for malformed JSON, invalid UTF-8, unknown or missing fields, repeated keys, wrong
    types, unknown enum words, bad dates, timestamps without an offset (or a naive
    :class:`datetime.datetime`), bad ids, out-of-range numbers and nesting that is too deep.
    ``path`` names the offending value (``worksheets[0].entries[1].at``; ``entry.at`` or
    ``worksheet.date`` for :meth:`Policy.check_entry`), ``""`` for a syntax error, which has
    ``line`` and ``column`` too. For a :class:`dict` dataset, ``line`` and ``column`` count in
    the compact JSON the dict was written as; the path is what locates the value.
    """


class PolicyError(Contact755Error):
    """A policy (station settings) was rejected.

    ``path`` is the setting at fault (``covered_areas``, ``covered_areas[1]``), or ``""`` for a
    document that is not valid JSON or TOML (then ``line`` and ``column`` say where).
    """


class MappingError(Contact755Error):
    """A mapping of another system's export (SPEC §7.3) was rejected.

    ``path`` is the mapping key at fault (``entries.timestamps.time_zone``,
    ``worksheets.columns.area``), or ``""`` for a document that is not valid TOML or JSON (then
    ``line`` and ``column`` say where).
    """
