"""Policy: constructors, read-only settings, to_dict, errors, Python protocols."""

from __future__ import annotations

import copy
import json
import pickle
from typing import Any

import pytest

import contact755
from contact755 import ErrorKind, Policy, PolicyError, Role, _native

NORWALK = {
    "preset": "norwalk-2016",
    "station": "Norwalk Station",
    "directive": {
        "id": "Norwalk Station Unit Order 16-02",
        "title": "Logging Community Relations Contacts",
        "issued": "2016-03-16",
    },
    "clearance_code_pattern": "[0-9A-Za-z]{1,8}",
    "community_relations_code": "755",
    "covered_areas": ["Norwalk", "La Mirada", "Unincorporated Whittier"],
    "reviewer_roles": ["sergeant"],
    "min_contacts_per_shift": 1,
    "briefing_interval_days": 30,
    "min_cards_in_vehicle": 10,
    "card_check_interval_days": 7,
}


def test_norwalk_2016_settings() -> None:
    p = Policy.norwalk_2016()
    assert p.station == "Norwalk Station"
    assert p.community_relations_code == "755"
    assert p.covered_areas == ("Norwalk", "La Mirada", "Unincorporated Whittier")
    assert p.reviewer_roles == (Role.SERGEANT,)
    assert isinstance(p.reviewer_roles[0], Role)
    assert p.min_contacts_per_shift == 1
    assert p.briefing_interval_days == 30
    assert p.min_cards_in_vehicle == 10
    assert p.card_check_interval_days == 7


def without_rules(settings: Any) -> Any:
    return {k: v for k, v in settings.items() if k != "rules"}


def test_to_dict_is_every_setting_as_json_values() -> None:
    d = Policy.norwalk_2016().to_dict()
    # Every setting of the core, no other key; the documented ones with the preset's values (a
    # setting added to the core needs no edit here).
    assert list(d) == list(_native.setting_names())
    assert {k: d[k] for k in NORWALK} == NORWALK
    assert d == json.loads(Policy.norwalk_2016().to_json())
    rule_ids = [r.id for r in contact755.rules() if r.severity is not contact755.Severity.DATA]
    assert sorted(d["rules"]) == sorted(rule_ids)
    assert d["rules"]["FP-755-DETAILS"]["severity"] == "advisory"


@pytest.mark.parametrize(
    "make",
    [
        lambda: Policy.from_json('{"min_contacts_per_shift": 2, "reviewer_roles": ["sergeant", "lieutenant"]}'),
        lambda: Policy.from_json(b'{"min_contacts_per_shift": 2, "reviewer_roles": ["sergeant", "lieutenant"]}'),
        lambda: Policy.from_toml('min_contacts_per_shift = 2\nreviewer_roles = ["sergeant", "lieutenant"]\n'),
        lambda: Policy.from_toml(b'min_contacts_per_shift = 2\nreviewer_roles = ["sergeant", "lieutenant"]\n'),
        lambda: Policy.from_dict({"min_contacts_per_shift": 2, "reviewer_roles": ["sergeant", "lieutenant"]}),
        lambda: Policy(min_contacts_per_shift=2, reviewer_roles=[Role.SERGEANT, "lieutenant"]),
    ],
    ids=["json-str", "json-bytes", "toml-str", "toml-bytes", "dict", "keywords"],
)
def test_partial_overrides_keep_the_other_defaults(make: Any) -> None:
    p = make()
    assert p.min_contacts_per_shift == 2
    assert p.reviewer_roles == (Role.SERGEANT, Role.LIEUTENANT)
    assert p.community_relations_code == "755"
    assert p.briefing_interval_days == 30


def test_null_keeps_a_default_and_empty_override_is_norwalk() -> None:
    assert Policy.from_json('{"station": null}') == Policy.norwalk_2016()
    assert Policy.from_dict({}) == Policy.norwalk_2016()
    assert Policy() == Policy.norwalk_2016()


def test_round_trip_through_to_dict() -> None:
    p = Policy(covered_areas=["Cerritos"], min_cards_in_vehicle=0, station="Cerritos Station")
    assert Policy.from_dict(p.to_dict()) == p
    assert Policy.from_json(p.to_json()) == p


@pytest.mark.parametrize(
    ("call", "path", "kind"),
    [
        (lambda: Policy.from_json('{"covered_areas": []}'), "covered_areas", ErrorKind.INVALID_VALUE),
        (lambda: Policy.from_json('{"covered_areas": ["Norwalk", " "]}'), "covered_areas[1]", ErrorKind.INVALID_VALUE),
        (lambda: Policy.from_json('{"reviewer_roles": ["chief"]}'), "reviewer_roles[0]", ErrorKind.INVALID_VALUE),
        (lambda: Policy.from_json('{"community_relations_code": "75 5"}'), "community_relations_code", ErrorKind.INVALID_VALUE),
        (lambda: Policy.from_json('{"min_contacts_per_shift": -1}'), "min_contacts_per_shift", ErrorKind.INVALID_VALUE),
        (lambda: Policy.from_json('{"min_contacts_per_shift": "2"}'), "min_contacts_per_shift", ErrorKind.INVALID_TYPE),
        (lambda: Policy.from_json('{"min_contacts_per_shift": 1, "min_contacts_per_shift": 2}'), "", ErrorKind.DUPLICATE_KEY),
        (lambda: Policy.from_json('{"colour": 1}'), "colour", ErrorKind.UNKNOWN_FIELD),
        (lambda: Policy.from_json("{"), "", ErrorKind.SYNTAX),
        (lambda: Policy.from_json(b"\xff{}"), "", ErrorKind.SYNTAX),
        (lambda: Policy.from_toml("colour = 1"), "colour", ErrorKind.UNKNOWN_FIELD),
        (lambda: Policy.from_toml('min_contacts_per_shift = "x"'), "min_contacts_per_shift", ErrorKind.INVALID_TYPE),
        (lambda: Policy.from_toml("min_contacts_per_shift = "), "", ErrorKind.SYNTAX),
        (lambda: Policy.from_toml(b"station = 'a'\n\xff = 1"), "", ErrorKind.SYNTAX),
        (lambda: Policy.from_toml("station = '\ud800'"), "", ErrorKind.SYNTAX),
        (lambda: Policy.from_dict({"covered_areas": []}), "covered_areas", ErrorKind.INVALID_VALUE),
        (lambda: Policy.from_dict({"min_cards_in_vehicle": 10**30}), "min_cards_in_vehicle", ErrorKind.INVALID_VALUE),
        (lambda: Policy.from_dict({"min_cards_in_vehicle": float("nan")}), "min_cards_in_vehicle", ErrorKind.INVALID_TYPE),
        (lambda: Policy.from_dict({"covered_areas": {"Norwalk"}}), "covered_areas", ErrorKind.INVALID_TYPE),
        (lambda: Policy(min_contacts_per_shift=True), "min_contacts_per_shift", ErrorKind.INVALID_TYPE),
    ],
)
def test_policy_errors_name_the_setting(call: Any, path: str, kind: ErrorKind) -> None:
    with pytest.raises(PolicyError) as info:
        call()
    err = info.value
    assert isinstance(err, ValueError)
    assert isinstance(err, contact755.Contact755Error)
    assert not isinstance(err, contact755.InvalidInputError)
    assert (err.path, err.kind) == (path, kind), str(err)
    assert err.message and err.message in str(err)


def test_toml_syntax_error_has_line_and_column() -> None:
    with pytest.raises(PolicyError) as info:
        Policy.from_toml("station = 'x'\nmin_contacts_per_shift = \n")
    assert info.value.line == 2
    assert info.value.column is not None
    with pytest.raises(PolicyError) as info:
        Policy.from_toml(b"station = 'x'\nab\xffc = 1")
    assert (info.value.line, info.value.column) == (2, 3)


def test_wrong_python_types_are_type_errors() -> None:
    with pytest.raises(TypeError):
        Policy.from_json(123)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Policy.from_toml(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Policy.from_dict(["min_contacts_per_shift"])  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Policy(covered_areas="Norwalk")
    with pytest.raises(TypeError):
        Policy(1)  # type: ignore


def test_policy_is_immutable() -> None:
    p = Policy.norwalk_2016()
    with pytest.raises(AttributeError):
        p.min_contacts_per_shift = 3  # type: ignore[misc]
    with pytest.raises(AttributeError):
        p._native = None  # type: ignore[assignment]
    with pytest.raises(AttributeError):
        del p.station  # type: ignore[misc]
    assert isinstance(p.covered_areas, tuple)


def test_equality_hash_copy_pickle_repr() -> None:
    a = Policy.norwalk_2016()
    b = Policy.from_dict(NORWALK)
    assert Policy.from_dict(a.to_dict()) == a
    c = Policy(min_contacts_per_shift=3)
    assert a == b and hash(a) == hash(b)
    assert a != c
    assert a != "Norwalk Station"
    assert {a, b, c} == {a, c}
    assert pickle.loads(pickle.dumps(c)) == c
    assert copy.copy(c) == c and copy.deepcopy(c) == c
    assert "min_contacts_per_shift=3" in repr(c)
    assert repr(a).startswith("Policy(")
