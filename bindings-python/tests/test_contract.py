"""The contract the package shares with the core: vocabularies, settings and record fields
come from the core's types, checked in both directions; presets, rule settings and the
policy's fingerprint (SPEC §6)."""

from __future__ import annotations

import dataclasses
import datetime
import json
from typing import Any, Dict

import pytest

import contact755
from contact755 import (
    Directive,
    ErrorKind,
    Finding,
    InvalidInputError,
    PersonSummary,
    Policy,
    PolicyError,
    Rule,
    RuleSetting,
    Severity,
    _enums,
    _native,
)

from conftest import SMALL


def test_every_core_vocabulary_has_an_enum_with_the_same_words() -> None:
    core = _native.vocabularies()
    assert set(core) == set(_enums.VOCABULARIES), "a vocabulary without a Python enum, or the reverse"
    for name, words in core.items():
        members = [m.value for m in _enums.VOCABULARIES[name]]
        assert members == words, f"{name}: Python {members} != core {words}"


def test_every_core_setting_is_a_policy_property() -> None:
    p = Policy.norwalk_2016()
    for name in _native.setting_names():
        attribute = Policy._SETTING_ATTRIBUTES.get(name, name)
        assert isinstance(getattr(type(p), attribute, None), property), f"no Policy property for {name}"
        assert name in p.to_dict()
    properties = {n for n, v in vars(Policy).items() if isinstance(v, property)} - {"fingerprint"}
    core = {Policy._SETTING_ATTRIBUTES.get(n, n) for n in _native.setting_names()}
    assert properties == core, "a Policy property that is no core setting, or the reverse"


def fields(cls: Any) -> set:
    return {f.name for f in dataclasses.fields(cls)}


def test_records_have_the_cores_fields(norwalk: Policy, small: Dict[str, Any]) -> None:
    report = norwalk.audit(small)
    as_json = report.to_dict()
    assert fields(Finding) == set(as_json["findings"][0])
    assert fields(PersonSummary) == set(as_json["summary"]["personnel"][0])
    assert fields(contact755.Summary) == set(as_json["summary"])
    assert fields(Rule) == set(_native.rules()[0])
    assert fields(Directive) == set(as_json["policy"]["directive"])
    assert fields(RuleSetting) == set(next(iter(as_json["policy"]["rules"].values())))


def test_presets() -> None:
    assert contact755.presets() == ["norwalk-2016", "compton-2018"]
    c = Policy.preset("compton-2018")
    assert c.station == "Compton Station"
    assert c.preset_name == "compton-2018"
    assert c.directive == Directive("Compton Station 18-001", "Community Empowerment Program", None)
    assert Policy.norwalk_2016().directive.issued == datetime.date(2016, 3, 16)
    details = {r.id: r for r in c.rules()}["FP-755-DETAILS"]
    assert details.severity is Severity.VIOLATION and details.enabled
    assert "shall make regular attempts" in (details.citation or "")
    assert {r.id: r for r in contact755.rules()}["FP-755-DETAILS"].severity is Severity.ADVISORY
    with pytest.raises(PolicyError) as info:
        Policy.preset("lakewood-2020")
    assert info.value.path == "preset"


def test_a_disabled_rule_never_fires_and_codification_still_does(small: Dict[str, Any]) -> None:
    policy = Policy.from_dict({"rules": {"FP-CODE-755": {"enabled": False}}})
    rules = {f.rule for f in policy.audit(small).findings}
    assert "FP-CODE-755" not in rules and "SGT-CODIFICATION" in rules
    assert not {r.id: r for r in policy.rules()}["FP-CODE-755"].enabled


def test_severities_in_findings_come_from_the_policy(small: Dict[str, Any]) -> None:
    policy = Policy.from_dict({"rules": {"FP-CODE-755": {"severity": "advisory"}}})
    finding = next(f for f in policy.audit(small).findings if f.rule == "FP-CODE-755")
    assert finding.severity is Severity.ADVISORY


def test_the_fingerprint_is_the_same_however_the_policy_is_written(small: Dict[str, Any]) -> None:
    a = Policy.from_json('{"min_cards_in_vehicle": 12, "preset": "compton-2018"}')
    b = Policy.from_toml('preset = "compton-2018"\nmin_cards_in_vehicle = 12\n')
    c = Policy(preset="compton-2018", min_cards_in_vehicle=12)
    assert a.fingerprint == b.fingerprint == c.fingerprint
    assert Policy.from_dict({"preset": "compton-2018"}).fingerprint == Policy.preset("compton-2018").fingerprint
    assert a.fingerprint != Policy.preset("compton-2018").fingerprint
    report = a.audit(small)
    assert report.policy_sha256 == a.fingerprint == report.to_dict()["policy_sha256"]
    # SPEC §6.3: the hex SHA-256 of the policy written as Python's sort_keys JSON.
    import hashlib

    canonical = json.dumps(report.to_dict()["policy"], sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert hashlib.sha256(canonical.encode("utf-8")).hexdigest() == report.policy_sha256


@pytest.mark.parametrize(
    ("settings", "path"),
    [
        ({"rules": {"FP-NOPE": {}}}, "rules.FP-NOPE"),
        ({"rules": {"DATA-CODE-MALFORMED": {"enabled": False}}}, "rules.DATA-CODE-MALFORMED"),
        ({"rules": {"FP-CARD": {"severity": "data"}}}, "rules.FP-CARD.severity"),
        ({"rules": {"FP-CARD": {"colour": "red"}}}, "rules.FP-CARD.colour"),
        ({"rules": {"FP-CARD": {"citation": ""}}}, "rules.FP-CARD.citation"),
        ({"clearance_code_pattern": "("}, "clearance_code_pattern"),
        ({"clearance_code_pattern": "[0-9]{3}", "community_relations_code": "CR1"}, "community_relations_code"),
        ({"directive": {"id": "x"}}, "directive"),
    ],
)
def test_policy_rejections_at_their_path(settings: Dict[str, Any], path: str) -> None:
    for make in (lambda: Policy.from_dict(settings), lambda: Policy.from_json(json.dumps(settings))):
        with pytest.raises(PolicyError) as info:
            make()
        assert info.value.path == path, str(info.value)


@pytest.mark.parametrize(
    ("field", "value", "path"),
    [
        ("personnel.0.role", 3, "personnel[0].role"),
        ("worksheets.0.assignment", {}, "worksheets[0].assignment"),
        ("worksheets.0.entries.0.activity", True, "worksheets[0].entries[0].activity"),
        ("worksheets.0.entries.0.contact.category", [], "worksheets[0].entries[0].contact.category"),
    ],
)
def test_an_enum_field_of_the_wrong_json_type_is_invalid_type_at_its_path(
    norwalk: Policy, field: str, value: Any, path: str
) -> None:
    data = json.loads(json.dumps(SMALL))
    node: Any = data
    *parents, last = field.split(".")
    for key in parents:
        node = node[int(key)] if key.isdigit() else node[key]
    node[int(last) if last.isdigit() else last] = value
    for dataset in (data, json.dumps(data)):
        with pytest.raises(InvalidInputError) as info:
            norwalk.audit(dataset)
        assert (info.value.path, info.value.kind) == (path, ErrorKind.INVALID_TYPE), str(info.value)


def test_a_date_in_year_0000_is_rejected(norwalk: Policy) -> None:
    text = json.dumps(SMALL).replace('"date": "2016-03-17"', '"date": "0000-03-17"', 1)
    with pytest.raises(InvalidInputError) as info:
        norwalk.audit(text)
    assert info.value.path == "worksheets[0].date"
