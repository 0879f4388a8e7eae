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

PDT = datetime.timezone(datetime.timedelta(hours=-7))


def args(**overrides: Any) -> Dict[str, Any]:
    base: Dict[str, Any] = dict(
        worksheet_id="W1",
        personnel_id="D100",
        date=datetime.date(2016, 3, 17),
        assignment=Assignment.FIELD,
        area="La Mirada",
        entry_id="E1",
        at=datetime.datetime(2016, 3, 17, 9, 12, tzinfo=PDT),
        activity=Activity.SELF_INITIATED,
        clearance_codes=["415"],
        contact=Contact(Category.RESIDENT, card_provided=True),
    )
    base.update(overrides)
    return base


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
    zoneinfo = pytest.importorskip("zoneinfo")
    try:
        la = zoneinfo.ZoneInfo("America/Los_Angeles")
    except zoneinfo.ZoneInfoNotFoundError:
        pytest.skip("no time zone database on this machine")
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
