"""Turning the Python values the API accepts into the JSON bytes the core reads.

This module converts types only: what a dataset or policy *means* is decided by the core,
which reads the bytes produced here. Two readers need more than :func:`json.dumps`:

* a :class:`dict` holding something JSON cannot say (``float("nan")``, a :class:`set`, a lone
  surrogate in a string, a cycle) must fail with the *path* of that value, like the core's
  errors do;
* a conformance vector's dataset may repeat a key on purpose (the core must reject it), so the
  vector is read into :class:`JsonPairs` and :class:`RawNumber` (see
  :mod:`contact755.conformance`) and written back unchanged by :func:`dumps_preserving`.
"""

from __future__ import annotations

import json
import os
from typing import Any, Iterator, List, Optional, Tuple, Type, Union

from ._enums import ErrorKind
from ._errors import Contact755Error, InvalidInputError

__all__ = ["JsonPairs", "RawNumber", "dataset_bytes", "dumps", "dumps_preserving", "render_path", "text_bytes"]


class JsonPairs(List[Tuple[str, Any]]):
    """A JSON object read as its list of ``(key, value)`` pairs: repeated keys are kept."""


class RawNumber(str):
    """A JSON number kept exactly as written."""


def text_bytes(text: Union[str, bytes, bytearray, memoryview], what: str) -> bytes:
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


def dataset_bytes(dataset: object) -> bytes:
    """The JSON bytes of a dataset given as text, bytes, a :class:`dict` or a path.

    A plain :class:`str` is always JSON text, never a file name.
    """
    if isinstance(dataset, (str, bytes, bytearray, memoryview)):
        return text_bytes(dataset, "dataset")
    if isinstance(dataset, dict):
        return dumps(dataset, InvalidInputError)
    if isinstance(dataset, os.PathLike):
        with open(dataset, "rb") as f:
            return f.read()
    raise TypeError(
        "dataset must be JSON text (str or bytes), a dict as json.load returns it, "
        f"or an os.PathLike naming a JSON file, not {type(dataset).__name__}"
    )


def dumps(value: object, error: Type[Contact755Error] = InvalidInputError) -> bytes:
    """Compact JSON bytes of ``value`` (dicts, lists, tuples, str, int, float, bool, None, plus
    :class:`JsonPairs` and :class:`RawNumber`).

    A value JSON cannot represent raises ``error`` with the path of that value; repeated keys of
    :class:`JsonPairs` and arbitrarily deep nesting are written as they are, for the core to
    judge.
    """
    if not isinstance(value, JsonPairs):
        try:
            text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
            return text.encode("utf-8")
        except (TypeError, ValueError, RecursionError):
            pass  # Find out where, below (UnicodeEncodeError is a ValueError).
    return _Walker(error).run(value)


def dumps_preserving(value: object, error: Type[Contact755Error] = InvalidInputError) -> bytes:
    """Like :func:`dumps`, for values holding :class:`JsonPairs` and :class:`RawNumber` at any
    depth: repeated keys and numbers are written back as read."""
    return _Walker(error).run(value)


def _key_text(key: object) -> Optional[str]:
    """A dict key as :func:`json.dumps` writes it, or ``None`` when JSON has no key for it."""
    if isinstance(key, str):
        return key
    if key is True:
        return "true"
    if key is False:
        return "false"
    if key is None:
        return "null"
    if isinstance(key, int):
        return int.__repr__(key)
    if isinstance(key, float):
        return float.__repr__(key)
    return None


def render_path(segments: List[Union[str, int]]) -> str:
    """A path the SPEC's way: fields joined by ``.``, indices in ``[]``, no leading ``$``."""
    out = ""
    for seg in segments:
        if isinstance(seg, int):
            out += f"[{seg}]"
        else:
            out += f".{seg}" if out else seg
    return out


class _Frame:
    __slots__ = ("items", "is_object", "ident", "first")

    def __init__(self, items: Iterator[Any], is_object: bool, ident: int) -> None:
        self.items = items
        self.is_object = is_object
        self.ident = ident
        self.first = True


class _Walker:
    """An iterative JSON writer that knows the path of every value it writes."""

    def __init__(self, error: Type[Contact755Error]) -> None:
        self.error = error
        self.out: List[str] = []
        self.path: List[Union[str, int]] = []
        self.active: set[int] = set()

    def fail(self, kind: ErrorKind, message: str) -> Contact755Error:
        path = render_path(self.path)
        text = f"{path}: {message}" if path else message
        return self.error(text, kind=kind, path=path, message=message)

    def run(self, root: object) -> bytes:
        stack: List[_Frame] = []
        self.value(root, stack)
        while stack:
            frame = stack[-1]
            item: Any = next(frame.items, _END)
            if not frame.first:
                self.path.pop()  # The previous child is written.
            if item is _END:
                self.out.append("}" if frame.is_object else "]")
                stack.pop()
                self.active.discard(frame.ident)
                continue
            if not frame.first:
                self.out.append(",")
            frame.first = False
            if frame.is_object:
                key, value = item
                key_text = _key_text(key)
                if key_text is None:
                    raise self.fail(ErrorKind.INVALID_TYPE, f"an object key of type {type(key).__name__}")
                self.path.append(key_text)
                self.out.append(self.string(key_text))
                self.out.append(":")
            else:
                index, value = item
                self.path.append(index)
            self.value(value, stack)
        return "".join(self.out).encode("utf-8")

    def value(self, v: object, stack: List[_Frame]) -> None:
        out = self.out
        if isinstance(v, RawNumber):
            out.append(str.__str__(v))
        elif isinstance(v, str):
            out.append(self.string(v))
        elif v is None:
            out.append("null")
        elif v is True:
            out.append("true")
        elif v is False:
            out.append("false")
        elif isinstance(v, int):
            try:
                out.append(int.__repr__(v))
            except ValueError:
                raise self.fail(ErrorKind.INVALID_VALUE, "an integer too large to write as JSON") from None
        elif isinstance(v, float):
            if v != v or v in (float("inf"), float("-inf")):
                raise self.fail(ErrorKind.INVALID_VALUE, f"{v!r} is not a JSON number")
            out.append(float.__repr__(v))
        elif isinstance(v, (dict, JsonPairs, list, tuple)):
            ident = id(v)
            if ident in self.active:
                raise self.fail(ErrorKind.INVALID_VALUE, "a circular reference")
            self.active.add(ident)
            if isinstance(v, dict):
                stack.append(_Frame(iter(list(v.items())), True, ident))
                out.append("{")
            elif isinstance(v, JsonPairs):
                stack.append(_Frame(iter(list(v)), True, ident))
                out.append("{")
            else:
                stack.append(_Frame(enumerate(list(v)), False, ident))
                out.append("[")
        else:
            raise self.fail(ErrorKind.INVALID_TYPE, f"a {type(v).__name__} is not a JSON value")

    def string(self, s: str) -> str:
        try:
            s.encode("utf-8")
        except UnicodeEncodeError:
            raise self.fail(ErrorKind.INVALID_VALUE, "a string that is not valid Unicode (a lone surrogate)") from None
        return json.dumps(s, ensure_ascii=False)


_END = object()
