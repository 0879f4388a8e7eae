"""Policy.check_entry: keyword arguments, Python types, errors, agreement with the audit."""

from __future__ import annotations

import datetime
import json
from typing import Any, Dict, List, Tuple

import pytest

from contact755 import (
    Activity,
    Assignment,
    Category,
    Contact,
    ErrorKind,
    Finding,
    InvalidInputError,
    Policy,
    Severity,
)

from conftest import PDT, check_entry_args, los_angeles

#: Keyword arguments of one covered shift's contact without its 755 code, overridable.
args = check_entry_args


def rules_of(findings: List[Finding]) -> List[str]:
    return [f.rule for f in findings]


def test_contact_without_755(norwalk: Policy) -> None:
    findings = norwalk.check_entry(**args())
    assert rules_of(findings) == ["FP-CODE-755"]
    f = findings[0]
    assert f.subject == "entry:W1/E1"
    assert f.personnel_id == "D100"
    assert f.date == datetime.date(2016, 3, 17)
    assert f.severity is Severity.VIOLATION


def test_clean_entry_and_words_as_strings(norwalk: Policy) -> None:
    assert norwalk.check_entry(**args(clearance_codes=("755",))) == []
    assert norwalk.check_entry(**args(clearance_codes=["755"], activity="obs", assignment="field")) == []
    assert norwalk.check_entry(**args(clearance_codes=["755"], activity="cfs")) == []
    contact = Contact("other", card_provided=True, description="a neighbourhood talk")
    assert norwalk.check_entry(**args(clearance_codes=["755"], contact=contact)) == []


def test_entry_rules(norwalk: Policy) -> None:
    no_card = Contact(Category.PATRON, card_provided=False)
    assert rules_of(norwalk.check_entry(**args(clearance_codes=["755"], contact=no_card))) == ["FP-CARD"]
    assert rules_of(norwalk.check_entry(**args(clearance_codes=["755"], contact=None))) == ["FP-755-DETAILS"]
    assert rules_of(norwalk.check_entry(**args(clearance_codes=["755", " 755", "7-55"]))) == [
        "DATA-CODE-DUPLICATE",
        "DATA-CODE-MALFORMED",
    ]
    outside = args(
        clearance_codes=["755"],
        shift_start=datetime.datetime(2016, 3, 17, 17, 0, tzinfo=datetime.timezone.utc),  # 10:00 PDT
        shift_end=datetime.datetime(2016, 3, 17, 18, 0, tzinfo=PDT),
    )
    assert rules_of(norwalk.check_entry(**outside)) == ["DATA-ENTRY-OUTSIDE-SHIFT"]


def test_uncovered_shift_has_no_fp_findings(norwalk: Policy) -> None:
    assert norwalk.check_entry(**args(area="Lakewood")) == []
    assert norwalk.check_entry(**args(assignment=Assignment.NON_FIELD, area=None)) == []
    assert norwalk.check_entry(**args(area="  la   MIRADA ")) != []


def test_zoneinfo_datetimes_are_accepted(norwalk: Policy) -> None:
    la = los_angeles()
    at = datetime.datetime(2016, 3, 17, 9, 12, 30, 250000, tzinfo=la)
    assert rules_of(norwalk.check_entry(**args(at=at))) == ["FP-CODE-755"]


@pytest.mark.parametrize(
    ("overrides", "path", "param"),
    [
        ({"at": datetime.datetime(2016, 3, 17, 9, 12)}, "entry.at", "at"),
        ({"shift_start": datetime.datetime(2016, 3, 17, 6, 0)}, "worksheet.shift_start", "shift_start"),
        ({"shift_end": datetime.datetime(2016, 3, 17, 16, 0)}, "worksheet.shift_end", "shift_end"),
    ],
)
def test_naive_datetime_is_a_value_error_naming_the_parameter(
    norwalk: Policy, overrides: Dict[str, Any], path: str, param: str
) -> None:
    with pytest.raises(ValueError) as info:
        norwalk.check_entry(**args(**overrides))
    err = info.value
    assert isinstance(err, InvalidInputError)
    assert err.path == path and err.kind is ErrorKind.INVALID_VALUE
    assert f"{param} is a naive datetime" in str(err)


@pytest.mark.parametrize(
    ("overrides", "path", "kind"),
    [
        ({"worksheet_id": ""}, "worksheet.id", ErrorKind.INVALID_VALUE),
        ({"personnel_id": "x" * 65}, "worksheet.personnel_id", ErrorKind.INVALID_VALUE),
        ({"entry_id": "E\n1"}, "entry.id", ErrorKind.INVALID_VALUE),
        ({"area": None}, "worksheet", ErrorKind.CONSTRAINT),
        ({"activity": "patrol"}, "entry.activity", ErrorKind.INVALID_VALUE),
        ({"assignment": "desk"}, "worksheet.assignment", ErrorKind.INVALID_VALUE),
        ({"contact": Contact("chat", True)}, "entry.contact.category", ErrorKind.INVALID_VALUE),
        ({"contact": Contact(Category.OTHER, True)}, "entry.contact", ErrorKind.CONSTRAINT),
        ({"contact": Contact(Category.OTHER, True, "   ")}, "entry.contact", ErrorKind.CONSTRAINT),
        ({"contact": Contact(Category.RESIDENT, True, "x" * 201)}, "entry.contact.description", ErrorKind.INVALID_VALUE),
        ({"entry_id": "E\ud800"}, "entry.id", ErrorKind.INVALID_VALUE),
        ({"at": datetime.datetime(2016, 3, 17, 9, 12, tzinfo=datetime.timezone(datetime.timedelta(seconds=30)))}, "entry.at", ErrorKind.INVALID_VALUE),
    ],
)
def test_rejected_values_carry_the_cores_path(
    norwalk: Policy, overrides: Dict[str, Any], path: str, kind: ErrorKind
) -> None:
    with pytest.raises(InvalidInputError) as info:
        norwalk.check_entry(**args(**overrides))
    assert (info.value.path, info.value.kind) == (path, kind), str(info.value)


@pytest.mark.parametrize(
    "overrides",
    [
        {"date": "2016-03-17"},
        {"date": datetime.datetime(2016, 3, 17, tzinfo=PDT)},
        {"at": "2016-03-17T09:12:00-07:00"},
        {"at": datetime.date(2016, 3, 17)},
        {"clearance_codes": "755"},
        {"clearance_codes": [755]},
        {"activity": 1},
        {"worksheet_id": 1},
        {"area": 5},
        {"contact": {"category": "resident", "card_provided": True}},
        {"contact": Contact(Category.RESIDENT, card_provided=1)},  # type: ignore[arg-type]
    ],
)
def test_wrong_python_types_are_type_errors(norwalk: Policy, overrides: Dict[str, Any]) -> None:
    with pytest.raises(TypeError):
        norwalk.check_entry(**args(**overrides))


def test_arguments_are_keyword_only(norwalk: Policy) -> None:
    with pytest.raises(TypeError):
        norwalk.check_entry("W1", "D100")  # type: ignore


def test_agrees_with_the_audit_on_the_sample(norwalk: Policy, sample_bytes: bytes, sample_report: Any) -> None:
    """Every entry of the sample, converted to Python types, earns through check_entry exactly
    the entry findings the audit gives it (duplicates and out-of-period worksheets aside)."""
    data = json.loads(sample_bytes)
    audit_entry_findings: Dict[str, List[Tuple[str, str]]] = {}
    for f in sample_report.findings:
        if f.subject.startswith("entry:") and f.rule != "DATA-DUPLICATE-ID":
            audit_entry_findings.setdefault(f.subject, []).append((f.rule, f.message))
    start = datetime.date.fromisoformat(data["period"]["start"])
    end = datetime.date.fromisoformat(data["period"]["end"])
    seen_worksheets = set()
    checked = 0
    for w in data["worksheets"]:
        date = datetime.date.fromisoformat(w["date"])
        if w["id"] in seen_worksheets or not (start <= date <= end):
            continue
        seen_worksheets.add(w["id"])
        seen_entries = set()
        for e in w["entries"]:
            if e["id"] in seen_entries:
                continue
            seen_entries.add(e["id"])
            c = e.get("contact")
            findings = norwalk.check_entry(
                worksheet_id=w["id"],
                personnel_id=w["personnel_id"],
                date=date,
                assignment=w["assignment"],
                area=w.get("area"),
                shift_start=_ts(w.get("shift_start")),
                shift_end=_ts(w.get("shift_end")),
                entry_id=e["id"],
                at=_ts(e["at"]),
                activity=e["activity"],
                clearance_codes=e["clearance_codes"],
                contact=None if c is None else Contact(c["category"], c["card_provided"], c.get("description")),
            )
            subject = f"entry:{w['id']}/{e['id']}"
            assert [(f.rule, f.message) for f in findings] == audit_entry_findings.pop(subject, []), subject
            checked += 1
    assert checked > 3000
    assert audit_entry_findings == {}


def _ts(text: Any) -> Any:
    return None if text is None else datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


class _ViaIsoformat(datetime.datetime):
    """A datetime subclass: the binding reads it by its fields (PyO3's chrono conversion) as it
    reads a plain ``datetime``; both must give the core the same instant."""


def _outcome(policy: Policy, **overrides: Any) -> Any:
    try:
        return [(f.rule, f.message) for f in policy.check_entry(**args(**overrides))]
    except (InvalidInputError, TypeError, ValueError) as err:
        return (type(err).__name__, getattr(err, "path", None), str(err))


def _via_isoformat(dt: datetime.datetime) -> datetime.datetime:
    return _ViaIsoformat(
        dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.second, dt.microsecond, tzinfo=dt.tzinfo, fold=dt.fold
    )


def _tz(**delta: int) -> datetime.timezone:
    return datetime.timezone(datetime.timedelta(**delta))


_AWARE = [
    datetime.datetime(2016, 3, 17, 9, 12, tzinfo=PDT),
    datetime.datetime(2016, 3, 17, 9, 12, 0, 1, tzinfo=PDT),
    datetime.datetime(2016, 3, 17, 16, 12, 59, 999999, tzinfo=datetime.timezone.utc),
    datetime.datetime(2016, 3, 17, 9, 12, tzinfo=_tz(hours=23, minutes=59)),
    datetime.datetime(2016, 3, 17, 9, 12, tzinfo=_tz(hours=-23, minutes=-59)),
    datetime.datetime(2016, 3, 17, 9, 12, tzinfo=_tz(minutes=-30)),
    datetime.datetime(1, 1, 1, 0, 0, tzinfo=_tz(hours=1)),
    datetime.datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=_tz(hours=-1)),
    # offsets the core refuses (seconds or microseconds), with the text quoted in the message
    datetime.datetime(2016, 3, 17, 9, 12, tzinfo=_tz(seconds=30)),
    datetime.datetime(2016, 3, 17, 9, 12, tzinfo=_tz(hours=-5, seconds=-30, microseconds=-5)),
    datetime.datetime(2016, 3, 17, 9, 12, 5, 120000, tzinfo=_tz(hours=2, microseconds=7)),
]


@pytest.mark.parametrize("at", _AWARE, ids=[dt.isoformat() for dt in _AWARE])
def test_datetimes_reach_the_core_as_their_isoformat(norwalk: Policy, at: datetime.datetime) -> None:
    # `at` against itself and one microsecond around it as shift bounds, both conversions.
    tick = datetime.timedelta(microseconds=1)
    variants: List[Dict[str, Any]] = [{"at": at}]
    if datetime.datetime.min.replace(tzinfo=at.tzinfo) + tick < at < datetime.datetime.max.replace(tzinfo=at.tzinfo) - tick:
        variants += [
            {"at": at, "shift_start": at, "shift_end": at},
            {"at": at, "shift_start": at + tick, "shift_end": at + 2 * tick},
            {"at": at, "shift_start": at - 2 * tick, "shift_end": at - tick},
        ]
    for fields in variants:
        direct = _outcome(norwalk, clearance_codes=["755"], **fields)
        converted = {k: _via_isoformat(v) for k, v in fields.items()}
        assert direct == _outcome(norwalk, clearance_codes=["755"], **converted), fields


def test_zoneinfo_datetimes_reach_the_core_as_their_isoformat(norwalk: Policy) -> None:
    la = los_angeles()
    start = datetime.datetime(2016, 11, 6, 1, 30, fold=0, tzinfo=la)  # PDT, before the clocks go back
    end = datetime.datetime(2016, 11, 6, 1, 30, fold=1, tzinfo=la)  # PST, one hour later
    at = datetime.datetime(2016, 11, 6, 9, 45, 0, 250, tzinfo=datetime.timezone.utc)  # 01:45 PST
    fields = {"date": datetime.date(2016, 11, 6), "shift_start": start, "shift_end": end, "at": at}
    direct = _outcome(norwalk, clearance_codes=["755"], **fields)
    assert [rule for rule, _ in direct] == ["DATA-ENTRY-OUTSIDE-SHIFT"]
    converted = {k: _via_isoformat(v) if isinstance(v, datetime.datetime) else v for k, v in fields.items()}
    assert direct == _outcome(norwalk, clearance_codes=["755"], **converted)


def test_date_and_timestamp_subclasses_are_read_by_their_fields(norwalk: Policy) -> None:
    class Date(datetime.date):
        pass

    class LaterNanos(datetime.datetime):
        """Like pandas.Timestamp: an isoformat() with nanoseconds, which the binding does not
        call (the chrono conversion reads the fields: microseconds at most)."""

        def isoformat(self, sep: str = "T", timespec: str = "auto") -> str:
            return "2016-03-17T10:00:00.000000001-07:00"

    end = datetime.datetime(2016, 3, 17, 10, 0, tzinfo=PDT)
    base = {"clearance_codes": ["755"], "shift_start": end - datetime.timedelta(hours=8), "shift_end": end}
    assert _outcome(norwalk, date=Date(2016, 3, 17), **base) == []
    at_end = LaterNanos(2016, 3, 17, 10, 0, tzinfo=PDT)  # its fields say 10:00: on the shift's end
    assert _outcome(norwalk, at=at_end, **base) == []
    late = LaterNanos(2016, 3, 17, 10, 0, 0, 1, tzinfo=PDT)
    assert [rule for rule, _ in _outcome(norwalk, at=late, **base)] == ["DATA-ENTRY-OUTSIDE-SHIFT"]


class _NoOffset(datetime.tzinfo):
    def utcoffset(self, dt: Any) -> None:
        return None


@pytest.mark.parametrize(
    ("overrides", "error", "text"),
    [
        ({"date": "2016-03-17"}, TypeError, "date must be a datetime.date, not str"),
        ({"date": datetime.datetime(2016, 3, 17, tzinfo=PDT)}, TypeError, "date must be a datetime.date, not datetime"),
        ({"worksheet_id": 1}, TypeError, "worksheet_id must be a str, not int"),
        ({"personnel_id": None}, TypeError, "personnel_id must be a str, not NoneType"),
        ({"entry_id": b"E1"}, TypeError, "entry_id must be a str, not bytes"),
        ({"area": 5}, TypeError, "area must be a str, not int"),
        ({"assignment": 1}, TypeError, "assignment must be an Assignment or str, not int"),
        ({"activity": 1.0}, TypeError, "activity must be an Activity or str, not float"),
        ({"at": None}, TypeError, "at must be a datetime.datetime with a timezone, not NoneType"),
        ({"shift_end": datetime.date(2016, 3, 17)}, TypeError, "shift_end must be a datetime.datetime with a timezone, not date"),
        ({"clearance_codes": "755"}, TypeError, "clearance_codes must be an iterable of strings, not a single str"),
        ({"clearance_codes": b"755"}, TypeError, "clearance_codes must be an iterable of strings, not a single bytes"),
        ({"clearance_codes": 755}, TypeError, "'int' object is not iterable"),
        ({"clearance_codes": ["755", 5]}, TypeError, "clearance_codes[1] must be a str, not int"),
        ({"contact": "resident"}, TypeError, "contact must be a contact755.Contact or None, not str"),
        ({"contact": Contact(Category.RESIDENT, 1)}, TypeError, "contact.card_provided must be a bool, not int"),  # type: ignore[arg-type]
        ({"contact": Contact(3, True)}, TypeError, "contact.category must be a Category or str, not int"),  # type: ignore[arg-type]
        ({"contact": Contact(Category.OTHER, True, 5)}, TypeError, "contact.description must be a str, not int"),  # type: ignore[arg-type]
        ({"worksheet_id": "W\ud800"}, InvalidInputError, "worksheet.id: worksheet_id is not valid Unicode (it holds a lone surrogate)"),
        ({"area": "\udfff"}, InvalidInputError, "worksheet.area: area is not valid Unicode (it holds a lone surrogate)"),
        ({"activity": "obs\ud800"}, InvalidInputError, "entry.activity: activity is not valid Unicode (it holds a lone surrogate)"),
        ({"clearance_codes": ["755", "7\ud800"]}, InvalidInputError, "entry.clearance_codes[1]: clearance_codes[1] is not valid Unicode (it holds a lone surrogate)"),
        ({"contact": Contact("\ud800", True)}, InvalidInputError, "entry.contact.category: contact.category is not valid Unicode (it holds a lone surrogate)"),
        ({"contact": Contact("other", True, "\ud800")}, InvalidInputError, "entry.contact.description: contact.description is not valid Unicode (it holds a lone surrogate)"),
        ({"at": datetime.datetime(2016, 3, 17, 9, 12, tzinfo=_NoOffset())}, InvalidInputError, "entry.at: at is a naive datetime; give a timezone-aware one"),
        # the first bad argument wins, in the order of the checks: date, contact, then the rest
        ({"date": 1, "contact": "x", "worksheet_id": 1}, TypeError, "date must be a datetime.date, not int"),
        ({"contact": "x", "worksheet_id": 1}, TypeError, "contact must be a contact755.Contact or None, not str"),
        ({"worksheet_id": "\ud800", "clearance_codes": [1]}, InvalidInputError, "worksheet.id: worksheet_id is not valid Unicode"),
        ({"at": datetime.datetime(2016, 3, 17), "activity": 1}, InvalidInputError, "entry.at: at is a naive datetime"),
        ({"activity": "patrol", "worksheet_id": ""}, InvalidInputError, "entry.activity: unknown variant `patrol`"),
        ({"assignment": "desk", "activity": "patrol"}, InvalidInputError, "worksheet.assignment: unknown variant `desk`"),
    ],
)
def test_argument_errors_and_their_order(norwalk: Policy, overrides: Dict[str, Any], error: type, text: str) -> None:
    with pytest.raises(error) as info:
        norwalk.check_entry(**args(**overrides))
    assert type(info.value) is error
    assert str(info.value).startswith(text), str(info.value)


def test_any_iterable_of_strings_is_accepted_as_codes(norwalk: Policy) -> None:
    class Code(str):
        pass

    def codes() -> Any:
        yield "415"
        yield "755"

    for value in (codes(), ("755",), {"755"}, {"755": 1}, [Code("755")], iter(["755"])):
        assert norwalk.check_entry(**args(clearance_codes=value)) == [], value
    assert rules_of(norwalk.check_entry(**args(clearance_codes=[]))) == ["FP-CODE-755"]


def test_findings_are_ordinary_frozen_dataclasses(norwalk: Policy) -> None:
    import dataclasses
    import pickle

    (f,) = norwalk.check_entry(**args())
    same = Finding(f.rule, f.severity, f.subject, f.personnel_id, f.date, f.message)
    assert f == same and hash(f) == hash(same) and repr(f) == repr(same)
    assert dataclasses.asdict(f) == dataclasses.asdict(same) and vars(f) == vars(same)
    assert pickle.loads(pickle.dumps(f)) == f
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.rule = "X"  # type: ignore[misc]
