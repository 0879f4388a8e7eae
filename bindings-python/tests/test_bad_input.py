"""No input ever surfaces as a PanicException or a crash: every bad dataset is an
InvalidInputError with the core's path (or a syntax error with line and column)."""

from __future__ import annotations

import json
from typing import Any, Dict, Optional

import pytest

from contact755 import ErrorKind, InvalidInputError, Policy

from conftest import SMALL


def small_text(**replace: str) -> str:
    text = json.dumps(SMALL)
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new, 1)
    return text


def with_value(path: str, value: Any) -> Dict[str, Any]:
    """SMALL with the value at a dotted path (list indices as ints) replaced."""
    data: Dict[str, Any] = json.loads(json.dumps(SMALL))
    node: Any = data
    keys = path.split(".")
    for key in keys[:-1]:
        node = node[int(key)] if isinstance(node, list) else node[key]
    last = keys[-1]
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value
    return data


def nested(depth: int) -> Any:
    value: Any = []
    for _ in range(depth):
        value = [value]
    return value


def nested_dicts(depth: int) -> Any:
    value: Any = {}
    for _ in range(depth):
        value = {"start": value}
    return value


CASES = [
    # id, dataset, kind, path (None: any), line known
    ("malformed-json", b'{"period": {"start": "2016-03-01",', ErrorKind.SYNTAX, "", True),
    ("trailing-garbage", small_text() + " x", ErrorKind.SYNTAX, "", True),
    ("empty-document", b"", ErrorKind.SYNTAX, "", True),
    ("whitespace-document", "  \n ", ErrorKind.SYNTAX, "", True),
    ("utf8-bom", b"\xef\xbb\xbf" + small_text().encode(), ErrorKind.SYNTAX, "", True),
    ("invalid-utf8-bytes", small_text(**{'"La Mirada"': '"La \udcffMirada"'}).encode("utf-8", "surrogateescape"), ErrorKind.SYNTAX, "", True),
    ("lone-surrogate-in-str", small_text(**{'"La Mirada"': '"La \ud800Mirada"'}), ErrorKind.SYNTAX, "", True),
    ("nan-literal", small_text(**{'"approved": true': '"approved": NaN'}), ErrorKind.SYNTAX, "", True),
    ("top-level-array", b"[]", ErrorKind.INVALID_TYPE, "", False),
    ("top-level-null", b"null", ErrorKind.INVALID_TYPE, "", False),
    ("wrong-type", with_value("period", 1), ErrorKind.INVALID_TYPE, "period", False),
    ("wrong-type-deep", with_value("worksheets.0.entries.0.contact.card_provided", "yes"), ErrorKind.INVALID_TYPE, "worksheets[0].entries[0].contact.card_provided", False),
    ("string-for-array", with_value("worksheets.0.entries.0.clearance_codes", "755"), ErrorKind.INVALID_TYPE, "worksheets[0].entries[0].clearance_codes", False),
    ("array-for-record", with_value("worksheets.0.review", ["S200", "2016-03-18", True]), ErrorKind.INVALID_TYPE, "worksheets[0].review", False),
    ("unknown-field", with_value("worksheets.0.colour", "red"), ErrorKind.UNKNOWN_FIELD, "worksheets[0].colour", False),
    ("missing-field", {k: v for k, v in SMALL.items() if k != "worksheets"}, ErrorKind.MISSING_FIELD, "", False),
    ("duplicate-key", small_text(**{'"id": "W1"': '"id": "W1", "id": "W2"'}), ErrorKind.DUPLICATE_KEY, "worksheets[0]", False),
    ("unknown-enum", with_value("worksheets.0.entries.0.activity", "patrol"), ErrorKind.INVALID_VALUE, "worksheets[0].entries[0].activity", False),
    ("naive-timestamp", with_value("worksheets.0.entries.0.at", "2016-03-17T09:12:00"), ErrorKind.INVALID_VALUE, "worksheets[0].entries[0].at", False),
    ("bad-date", with_value("worksheets.0.date", "2016-02-30"), ErrorKind.INVALID_VALUE, "worksheets[0].date", False),
    ("huge-integer-text", small_text(**{'"briefings"': '"vehicle_checks": [{"id": "C1", "vehicle_id": "V", "date": "2016-03-01", "cards_on_hand": 123456789012345678901234567890}], "briefings"'}), ErrorKind.INVALID_TYPE, "vehicle_checks[0].cards_on_hand", False),
    ("huge-integer-dict", with_value("vehicle_checks", [{"id": "C1", "vehicle_id": "V", "date": "2016-03-01", "cards_on_hand": 10**40}]), ErrorKind.INVALID_VALUE, "vehicle_checks[0].cards_on_hand", False),
    ("negative-count", with_value("vehicle_checks", [{"id": "C1", "vehicle_id": "V", "date": "2016-03-01", "cards_on_hand": -1}]), ErrorKind.INVALID_VALUE, "vehicle_checks[0].cards_on_hand", False),
    ("float-count", with_value("vehicle_checks", [{"id": "C1", "vehicle_id": "V", "date": "2016-03-01", "cards_on_hand": 1.5}]), ErrorKind.INVALID_TYPE, "vehicle_checks[0].cards_on_hand", False),
    ("huge-float-text", small_text(**{'"approved": true': '"approved": 1e999'}), ErrorKind.SYNTAX, "", True),
    ("empty-id", with_value("worksheets.0.id", ""), ErrorKind.INVALID_VALUE, "worksheets[0].id", False),
    ("period-reversed", with_value("period", {"start": "2016-03-18", "end": "2016-03-17"}), ErrorKind.CONSTRAINT, "period", False),
    ("field-without-area", with_value("worksheets.0.area", None), ErrorKind.CONSTRAINT, "worksheets[0]", False),
    # Deep nesting: the core refuses the first value of the wrong shape, so it never recurses
    # far; whatever it reports, it is an InvalidInputError and never a crash.
    ("deep-nesting-bytes", b"[" * 100_000 + b"]" * 100_000, None, "", True),
    ("deep-nesting-unclosed", b"[" * 100_000, None, "", True),
    ("deep-nesting-objects", b'{"a":' * 100_000 + b"1" + b"}" * 100_000, None, None, False),
    ("deep-nesting-in-field", small_text(**{'"briefings"': '"x": ' + "[" * 100_000 + "]" * 100_000 + ', "briefings"'}), None, None, False),
    ("deep-nesting-in-codes", small_text(**{'["415"]': "[" * 100_000 + "]" * 100_000}), ErrorKind.INVALID_TYPE, "worksheets[0].entries[0].clearance_codes[0]", False),
    ("deep-nesting-dict-value", with_value("worksheets.0.entries.0.contact", nested(100_000)), ErrorKind.INVALID_TYPE, "worksheets[0].entries[0].contact", False),
    ("deep-nesting-dict-dicts", with_value("period", nested_dicts(100_000)), ErrorKind.INVALID_TYPE, "period.start", False),
]


@pytest.mark.parametrize(("dataset", "kind", "path", "has_line"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_dataset_is_invalid_input(
    norwalk: Policy, dataset: Any, kind: Optional[ErrorKind], path: Optional[str], has_line: bool
) -> None:
    with pytest.raises(InvalidInputError) as info:
        norwalk.audit(dataset)
    err = info.value
    assert isinstance(err, ValueError)
    if kind is not None:
        assert err.kind is kind, str(err)
    if path is not None:
        assert err.path == path, str(err)
    if has_line:
        assert err.line is not None and err.line >= 1 and err.column is not None, str(err)
    assert str(err)
    assert err.message in str(err)


@pytest.mark.parametrize(
    ("value", "path", "kind"),
    [
        (float("nan"), "worksheets[0].entries[0].contact.card_provided", ErrorKind.INVALID_TYPE),
        (float("inf"), "worksheets[0].entries[0].contact.card_provided", ErrorKind.INVALID_TYPE),
        ({1, 2}, "worksheets[0].entries[0].contact.card_provided", ErrorKind.INVALID_TYPE),
        (b"yes", "worksheets[0].entries[0].contact.card_provided", ErrorKind.INVALID_TYPE),
        ("\ud800", "worksheets[0].entries[0].contact.card_provided", ErrorKind.INVALID_VALUE),
        (10**5000, "worksheets[0].entries[0].contact.card_provided", ErrorKind.INVALID_VALUE),
        ({("a", "b"): 1}, "worksheets[0].entries[0].contact.card_provided", ErrorKind.INVALID_TYPE),
    ],
    ids=["nan", "inf", "set", "bytes", "lone-surrogate", "int-too-long-to-print", "tuple-key"],
)
def test_dict_values_json_cannot_hold_are_invalid_input_with_path(
    norwalk: Policy, value: Any, path: str, kind: ErrorKind
) -> None:
    data = with_value("worksheets.0.entries.0.contact.card_provided", value)
    with pytest.raises(InvalidInputError) as info:
        norwalk.audit(data)
    assert (info.value.path, info.value.kind) == (path, kind), str(info.value)


def test_circular_dict_is_invalid_input(norwalk: Policy) -> None:
    data = json.loads(json.dumps(SMALL))
    data["worksheets"][0]["entries"][0]["contact"] = data["worksheets"][0]
    with pytest.raises(InvalidInputError) as info:
        norwalk.audit(data)
    # The reader follows the schema, so a cycle ends at the first field a contact cannot have.
    assert info.value.path == "worksheets[0].entries[0].contact.id"


def test_dict_keys_that_are_not_strings(norwalk: Policy) -> None:
    data = json.loads(json.dumps(SMALL))
    data["worksheets"][0][1] = "x"  # JSON keys are strings: an int key is a type error, never a field index
    with pytest.raises(InvalidInputError) as info:
        norwalk.audit(data)
    assert (info.value.path, info.value.kind) == ("worksheets[0]", ErrorKind.INVALID_TYPE)


def test_errors_never_quote_free_text(norwalk: Policy) -> None:
    secret = "Mrs Smith at 12 Elm Street"
    with pytest.raises(InvalidInputError) as info:
        norwalk.audit(with_value("worksheets.0.entries.0.contact.card_provided", secret))
    assert secret not in str(info.value)


def test_error_attributes_and_pickling(norwalk: Policy) -> None:
    import pickle

    with pytest.raises(InvalidInputError) as info:
        norwalk.audit(b'{"period": ')
    err = info.value
    assert err.path == "" and err.kind == "syntax"
    assert (err.line, err.column) == (1, 11)
    assert "line 1, column 11" in str(err)
    again = pickle.loads(pickle.dumps(err))
    assert type(again) is InvalidInputError
    assert (again.kind, again.path, again.line, again.column, again.message, str(again)) == (
        err.kind,
        err.path,
        err.line,
        err.column,
        err.message,
        str(err),
    )
    assert "InvalidInputError(" in repr(err)


# The rest of issue 5's matrix: sizes and edges. Each raises InvalidInputError with its path
# (or is a documented acceptance), and the policy keeps working afterwards.
@pytest.mark.parametrize(
    ("replace", "path"),
    [
        ({'"W1"': '"' + "x" * (100 * 1024 * 1024) + '"'}, "worksheets[0].id"),  # a 100 MB string
        ({'"W1"': '"' + "W" * 65 + '"'}, "worksheets[0].id"),
        ({'"2016-03-17T09:12:00-07:00"': '"+10000-01-01T00:00:00Z"'}, "worksheets[0].entries[0].at"),
        ({'"2016-03-17T09:12:00-07:00"': '"2016-03-17T09:12:00+24:00"'}, "worksheets[0].entries[0].at"),
    ],
    ids=["string-of-100-MB", "id-of-65-characters", "year-beyond-9999", "offset-of-24-hours"],
)
def test_sizes_and_edges_are_rejected_with_their_path(norwalk: Policy, replace: Dict[str, str], path: str) -> None:
    with pytest.raises(InvalidInputError) as info:
        norwalk.audit(small_text(**replace))
    assert info.value.path == path
    assert len(str(info.value)) < 500
    norwalk.audit(small_text())  # still usable


def test_timestamps_at_the_edges_of_four_digit_years_are_accepted(norwalk: Policy) -> None:
    for ts in ("0001-01-01T00:00:00+23:59", "9999-12-31T23:59:59.999999999-23:59"):
        norwalk.audit(small_text(**{'"2016-03-17T09:12:00-07:00"': f'"{ts}"'}))
