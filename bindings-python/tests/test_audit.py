"""Policy.audit: every accepted dataset type; Report, Finding, Summary; rules(); enums."""

from __future__ import annotations

import datetime
import json
import pathlib
import pickle
from typing import Any, Dict

import pytest

import contact755
import contact755.conformance
from contact755 import (
    Activity,
    Category,
    Finding,
    InvalidInputError,
    PersonSummary,
    Policy,
    Report,
    Role,
    Rule,
    Severity,
    Summary,
)

from conftest import SAMPLE, SMALL_FINDINGS


def pairs(report: Report) -> list:
    return [(f.rule, f.subject) for f in report.findings]


# --- dataset types ---------------------------------------------------------------------------


def test_audit_json_str(norwalk: Policy, small: Dict[str, Any]) -> None:
    assert pairs(norwalk.audit(json.dumps(small))) == SMALL_FINDINGS


def test_audit_bytes_bytearray_memoryview(norwalk: Policy, small: Dict[str, Any]) -> None:
    data = json.dumps(small).encode()
    for value in (data, bytearray(data), memoryview(data)):
        assert pairs(norwalk.audit(value)) == SMALL_FINDINGS


def test_audit_dict(norwalk: Policy, small: Dict[str, Any]) -> None:
    assert pairs(norwalk.audit(small)) == SMALL_FINDINGS


def test_audit_pathlike(norwalk: Policy, small: Dict[str, Any], tmp_path: pathlib.Path) -> None:
    path = tmp_path / "month.json"
    path.write_text(json.dumps(small), encoding="utf-8")
    assert pairs(norwalk.audit(path)) == SMALL_FINDINGS

    class OnlyFspath:
        def __fspath__(self) -> str:
            return str(path)

    assert pairs(norwalk.audit(OnlyFspath())) == SMALL_FINDINGS  # type: ignore[arg-type]


def test_a_plain_str_is_always_json_text_never_a_path(norwalk: Policy, tmp_path: pathlib.Path) -> None:
    with pytest.raises(InvalidInputError) as info:
        norwalk.audit(str(SAMPLE))
    assert info.value.kind == contact755.ErrorKind.SYNTAX
    assert info.value.path == ""


def test_all_dataset_forms_give_the_same_report(norwalk: Policy, sample_bytes: bytes) -> None:
    by_bytes = norwalk.audit(sample_bytes)
    assert norwalk.audit(sample_bytes.decode()) == by_bytes
    assert norwalk.audit(json.loads(sample_bytes)) == by_bytes
    assert norwalk.audit(SAMPLE) == by_bytes


@pytest.mark.parametrize("value", [None, 42, ["period"], {"period"}, object()])
def test_other_python_types_are_type_errors(norwalk: Policy, value: Any) -> None:
    with pytest.raises(TypeError, match="dataset must be"):
        norwalk.audit(value)


def test_a_file_is_streamed_with_keys_in_any_order(
    norwalk: Policy, sample_bytes: bytes, tmp_path: pathlib.Path
) -> None:
    # The core reads a file one worksheet at a time; `period` may come after the worksheets.
    data = json.loads(sample_bytes)
    path = tmp_path / "reordered.json"
    path.write_text(json.dumps({k: data[k] for k in reversed(list(data))}), encoding="utf-8")
    assert list(json.loads(path.read_text(encoding="utf-8")))[-1] == "period"
    assert norwalk.audit(path).to_json() == norwalk.audit(sample_bytes).to_json()


def test_a_rejected_file_names_the_same_field_as_its_bytes(norwalk: Policy, small: Dict[str, Any], tmp_path: pathlib.Path) -> None:
    small["worksheets"][0]["entries"][0]["activity"] = 3
    text = json.dumps(small, indent=1)
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidInputError) as from_file:
        norwalk.audit(path)
    with pytest.raises(InvalidInputError) as from_bytes:
        norwalk.audit(text.encode())
    assert from_file.value.path == from_bytes.value.path == "worksheets[0].entries[0].activity"
    assert from_file.value.kind == from_bytes.value.kind == contact755.ErrorKind.INVALID_TYPE
    assert str(from_file.value.message) == str(from_bytes.value.message)


def test_missing_file_is_an_os_error(norwalk: Policy, tmp_path: pathlib.Path) -> None:
    with pytest.raises(FileNotFoundError):
        norwalk.audit(tmp_path / "absent.json")


# --- Report ----------------------------------------------------------------------------------


def test_report_findings_are_typed(sample_report: Report) -> None:
    findings = sample_report.findings
    assert len(findings) == 44  # examples/data/README.md
    for f in findings:
        assert isinstance(f, Finding)
        assert isinstance(f.severity, Severity)
        assert f.date is None or type(f.date) is datetime.date
        assert f.personnel_id is None or isinstance(f.personnel_id, str)
    keys = [(f.rule, f.subject) for f in findings]
    assert keys == sorted(keys, key=lambda k: (k[0].encode(), k[1].encode()))


def test_findings_match_the_core_json(sample_report: Report) -> None:
    from_json = sample_report.to_dict()["findings"]
    assert len(from_json) == len(sample_report.findings)
    for f, j in zip(sample_report.findings, from_json):
        assert f.rule == j["rule"]
        assert f.severity.value == j["severity"]
        assert f.subject == j["subject"]
        assert f.personnel_id == j["personnel_id"]
        assert (f.date.isoformat() if f.date else None) == j["date"]
        assert f.message == j["message"]


def test_findings_is_a_fresh_list_of_frozen_records(sample_report: Report) -> None:
    a = sample_report.findings
    a.clear()
    assert len(sample_report.findings) == 44
    f = sample_report.findings[0]
    with pytest.raises(AttributeError):
        f.rule = "X"  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(f)) == f


def test_summary(sample_report: Report) -> None:
    s = sample_report.summary
    assert isinstance(s, Summary)
    j = sample_report.to_dict()["summary"]
    assert s.worksheets_audited == j["worksheets_audited"] == 400
    assert s.worksheets_covered == j["worksheets_covered"] == 306
    assert s.contacts_755 == j["contacts_755"]
    assert s.cards_provided == j["cards_provided"]
    assert {k.value: v for k, v in s.by_category.items()} == j["by_category"]
    assert all(isinstance(k, Category) for k in s.by_category)
    assert {k.value: v for k, v in s.by_activity.items()} == j["by_activity"]
    assert all(isinstance(k, Activity) for k in s.by_activity)
    assert s.by_area == j["by_area"]
    assert s.findings_by_rule == j["findings_by_rule"]
    assert sum(s.findings_by_rule.values()) == 44
    assert [p.__dict__ for p in s.personnel] == j["personnel"]
    assert all(isinstance(p, PersonSummary) for p in s.personnel)


def test_to_dict_is_the_json(sample_report: Report) -> None:
    d = sample_report.to_dict()
    assert set(d) == {"policy", "policy_sha256", "findings", "summary"}
    assert d == json.loads(sample_report.to_json())
    assert d["policy"] == Policy.norwalk_2016().to_dict()


def test_to_json_is_deterministic(norwalk: Policy, sample_bytes: bytes, sample_report: Report) -> None:
    again = norwalk.audit(sample_bytes).to_json()
    assert again == sample_report.to_json()
    assert again.endswith("}\n")


def test_to_records(sample_report: Report) -> None:
    records = sample_report.to_records()
    assert len(records) == 44
    assert set(records[0]) == {"rule", "severity", "subject", "personnel_id", "date", "message"}
    for r, f in zip(records, sample_report.findings):
        assert r["severity"] == f.severity.value and type(r["severity"]) is str
        assert r["date"] == f.date
        assert r["rule"] == f.rule
    json.dumps(records, default=str)  # flat, plain values


def test_report_policy_eq_hash_repr(sample_report: Report, norwalk: Policy, small: Dict[str, Any]) -> None:
    assert sample_report.policy == norwalk
    strict = Policy(min_contacts_per_shift=5)
    assert strict.audit(small).policy == strict
    assert strict.audit(small) != norwalk.audit(small)
    assert norwalk.audit(small) == norwalk.audit(json.dumps(small))
    assert hash(norwalk.audit(small)) == hash(norwalk.audit(small))
    assert "44 findings" in repr(sample_report)
    with pytest.raises(AttributeError):
        sample_report.findings = []  # type: ignore[misc]
    with pytest.raises(TypeError):
        Report()


def test_policy_settings_change_the_findings(small: Dict[str, Any]) -> None:
    relaxed = Policy(min_contacts_per_shift=0)
    assert ("FP-REGULAR", "worksheet:W1") not in pairs(relaxed.audit(small))
    other_code = Policy(community_relations_code="415")
    assert pairs(other_code.audit(small)) == []  # "415" is now the community relations code


def test_finding_dates_and_null_personnel(norwalk: Policy, small: Dict[str, Any]) -> None:
    small["personnel"].append({"id": "D100", "role": "deputy"})
    findings = {(f.rule, f.subject): f for f in norwalk.audit(small).findings}
    dup = findings[("DATA-DUPLICATE-ID", "personnel:D100")]
    assert dup.date is None and dup.personnel_id is None
    code = findings[("FP-CODE-755", "entry:W1/E1")]
    assert code.date == datetime.date(2016, 3, 17) and code.personnel_id == "D100"
    assert code.severity is Severity.VIOLATION
    assert findings[("DATA-DUPLICATE-ID", "personnel:D100")].severity is Severity.DATA


def test_a_date_in_year_0000_is_rejected_so_every_date_fits_datetime_date(norwalk: Policy) -> None:
    data = {
        "period": {"start": "0000-03-01", "end": "0000-03-01"},
        "personnel": [{"id": "S1", "role": "sergeant"}],
        "worksheets": [],
    }
    with pytest.raises(InvalidInputError) as info:
        norwalk.audit(data)
    assert info.value.path == "period.start"
    data["period"] = {"start": "0001-01-01", "end": "0001-01-01"}
    finding = norwalk.audit(data).findings[0]
    assert finding.date == datetime.date(1, 1, 1)


# --- rules() and the enums -------------------------------------------------------------------


def test_rules_catalog() -> None:
    rules = contact755.rules()
    ids = [r.id for r in rules]
    assert len(ids) == 18 == len(set(ids))
    assert ids[0] == "FP-CODE-755"
    assert all(isinstance(r, Rule) and isinstance(r.severity, Severity) for r in rules)
    for r in rules:
        assert r.title
        assert (r.citation is None) == (r.severity is Severity.DATA)
    by_id = {r.id: r for r in rules}
    assert by_id["FP-755-DETAILS"].severity is Severity.ADVISORY
    assert "755" in (by_id["FP-CARD"].citation or "")
    rules.clear()
    assert len(contact755.rules()) == 18


def test_every_finding_rule_is_in_the_catalog(sample_report: Report) -> None:
    catalog = {r.id: r.severity for r in contact755.rules()}
    for f in sample_report.findings:
        assert catalog[f.rule] is f.severity


def test_enums_are_str_valued_enums() -> None:
    import enum

    for cls in (Severity, Activity, Category, Role, contact755.Assignment, contact755.ErrorKind):
        assert issubclass(cls, enum.Enum) and issubclass(cls, str)
    assert Severity.VIOLATION.value == "violation"
    assert str(Severity.VIOLATION) == "violation"
    assert f"{Role.RESERVE_DEPUTY}" == "reserve_deputy"
    assert Severity("advisory") is Severity.ADVISORY
    assert Category.BUSINESS_OWNER == "business_owner"
    assert [s.value for s in Severity] == ["violation", "advisory", "data"]


def test_enum_words_are_the_cores(norwalk: Policy, small: Dict[str, Any]) -> None:
    """Every member's word is accepted by the core where that enum appears."""
    assert Policy(reviewer_roles=list(Role)).reviewer_roles == tuple(Role)
    entry = small["worksheets"][0]["entries"][0]
    entries = []
    for i, (activity, category) in enumerate(zip(list(Activity) * 3, list(Category))):
        e = dict(entry, id=f"E{i}", activity=activity.value, clearance_codes=["755"])
        e["contact"] = {"category": category.value, "card_provided": True, "description": "a talk"}
        entries.append(e)
    small["worksheets"][0]["entries"] = entries
    small["personnel"] = [{"id": f"P{i}", "role": r.value} for i, r in enumerate(Role)] + small["personnel"]
    s = norwalk.audit(small).summary
    assert set(s.by_category) == set(Category)
    assert set(s.by_activity) == set(Activity)


def test_help_shows_docstrings() -> None:
    import pydoc

    for obj in (
        contact755,
        Policy,
        Policy.audit,
        Policy.check_entry,
        Policy.norwalk_2016,
        Policy.from_json,
        Policy.from_toml,
        Policy.from_dict,
        Policy.to_dict,
        Report,
        Report.to_json,
        Report.to_dict,
        Report.to_records,
        Finding,
        Summary,
        PersonSummary,
        Rule,
        contact755.Contact,
        contact755.rules,
        contact755.InvalidInputError,
        contact755.PolicyError,
        contact755.InternalError,
        Severity,
        Activity,
        Category,
        Role,
        contact755.conformance,
    ):
        assert obj.__doc__ and len(obj.__doc__.strip()) > 20, obj
    for name in ("station", "covered_areas", "min_contacts_per_shift", "card_check_interval_days"):
        assert getattr(Policy, name).__doc__
    text = pydoc.render_doc(Policy, renderer=pydoc.plaintext)  # type: ignore[attr-defined]
    assert "check_entry" in text and "timezone" in text


def test_docstring_examples_run() -> None:
    import doctest

    import contact755._model

    for module in (contact755, contact755._model):
        result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
        assert result.attempted > 0 and result.failed == 0, module
