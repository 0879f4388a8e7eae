//! Unit tests of the policy reader.

use super::*;

#[test]
fn defaults_are_the_directive() {
    let p = Policy::norwalk_2016();
    assert_eq!(p.community_relations_code, "755");
    assert_eq!(p.covered_areas, ["Norwalk", "La Mirada", "Unincorporated Whittier"]);
    assert_eq!(p.reviewer_roles, [Role::Sergeant]);
    assert!(p.validate().is_ok());
}

#[test]
fn json_overrides_field_by_field() {
    let p = Policy::from_json(r#"{"min_cards_in_vehicle": 0, "station": null}"#).unwrap();
    assert_eq!(p.min_cards_in_vehicle, 0);
    assert_eq!(p.station, "Norwalk Station");
    assert_eq!(p.briefing_interval_days, 30);
}

#[test]
fn json_rejections_name_the_setting() {
    for (json, path, kind) in [
        (r#"{"covered_areas": []}"#, "covered_areas", InputErrorKind::InvalidValue),
        (r#"{"covered_areas": ["Norwalk", " "]}"#, "covered_areas[1]", InputErrorKind::InvalidValue),
        (r#"{"reviewer_roles": []}"#, "reviewer_roles", InputErrorKind::InvalidValue),
        (r#"{"reviewer_roles": ["chief"]}"#, "reviewer_roles[0]", InputErrorKind::InvalidValue),
        (r#"{"community_relations_code": ""}"#, "community_relations_code", InputErrorKind::InvalidValue),
        (r#"{"community_relations_code": "75 5"}"#, "community_relations_code", InputErrorKind::InvalidValue),
        (r#"{"min_contacts_per_shift": -1}"#, "min_contacts_per_shift", InputErrorKind::InvalidValue),
        (r#"{"min_contacts_per_shift": "2"}"#, "min_contacts_per_shift", InputErrorKind::InvalidType),
        (r#"{"min_contacts_per_shift": 1, "min_contacts_per_shift": 2}"#, "", InputErrorKind::DuplicateKey),
        (r#"{"colour": 1}"#, "colour", InputErrorKind::UnknownField),
        (r#"{"#, "", InputErrorKind::Syntax),
    ] {
        let e = Policy::from_json(json).unwrap_err();
        assert_eq!((e.path.as_str(), e.kind), (path, kind), "{json}: {e}");
    }
}

#[test]
fn toml_overrides_and_rejections() {
    let p = Policy::from_toml("covered_areas = [\"Cerritos\"]\nmin_contacts_per_shift = 3\n").unwrap();
    assert_eq!(p.covered_areas, ["Cerritos"]);
    assert_eq!(p.min_contacts_per_shift, 3);
    let e = Policy::from_toml("min_contacts_per_shift = \"x\"").unwrap_err();
    assert_eq!(e.path, "min_contacts_per_shift");
    let e = Policy::from_toml("colour = 1").unwrap_err();
    assert_eq!(e.kind, InputErrorKind::UnknownField);
    let e = Policy::from_toml("min_contacts_per_shift = ").unwrap_err();
    assert_eq!((e.kind, e.line), (InputErrorKind::Syntax, Some(1)));
    let e = Policy::from_toml("covered_areas = []").unwrap_err();
    assert_eq!(e.path, "covered_areas");
}

#[test]
fn every_preset_loads_and_names_itself() {
    for name in presets() {
        let p = Policy::preset(name).unwrap();
        assert_eq!(p.preset, name);
        assert_eq!(p.rules.len(), CATALOG.iter().filter(|d| !d.is_data()).count());
    }
}

#[test]
fn compton_differs_where_the_orders_differ() {
    let c = Policy::preset("compton-2018").unwrap();
    let n = Policy::norwalk_2016();
    assert_eq!(c.severity(RuleId::Fp755Details), Severity::Violation);
    assert_eq!(n.severity(RuleId::Fp755Details), Severity::Advisory);
    assert_eq!(c.covered_areas, ["Compton"]);
    assert_eq!(c.directive.issued, None);
    assert_eq!(n.directive.issued, crate::parse_date("2016-03-16").ok());
    for rule in c.rules() {
        let Some(citation) = rule.citation else { continue };
        assert!(!citation.contains("755\u{201d} card"), "{}", rule.id);
        // FP-REGULAR's sentence is word for word the same in both orders.
        if rule.id != RuleId::FpRegular {
            assert_ne!(Some(citation.as_str()), n.citation(rule.id), "{} cites Norwalk", rule.id);
        }
    }
    assert!(c.citation(RuleId::SgtBriefing).unwrap().contains("Community Empowerment Program"));
    assert!(c.citation(RuleId::SgtCardSupplyLow).unwrap().contains("supply of c[ontact cards"));
}

#[test]
fn a_station_file_with_a_presets_content_has_its_fingerprint() {
    for name in presets() {
        let file = preset_file(name).unwrap();
        assert_eq!(
            Policy::from_toml(file).unwrap().fingerprint(),
            Policy::preset(name).unwrap().fingerprint()
        );
    }
}

#[test]
fn rule_settings_rejections() {
    for (json, path, kind) in [
        (r#"{"rules": {"FP-NOPE": {"enabled": false}}}"#, "rules.FP-NOPE", InputErrorKind::UnknownField),
        (
            r#"{"rules": {"DATA-CODE-MALFORMED": {"enabled": false}}}"#,
            "rules.DATA-CODE-MALFORMED",
            InputErrorKind::InvalidValue,
        ),
        (r#"{"rules": {"FP-CARD": {"colour": 1}}}"#, "rules.FP-CARD.colour", InputErrorKind::UnknownField),
        (
            r#"{"rules": {"FP-CARD": {"severity": "data"}}}"#,
            "rules.FP-CARD.severity",
            InputErrorKind::InvalidValue,
        ),
        (
            r#"{"rules": {"FP-CARD": {"severity": "fatal"}}}"#,
            "rules.FP-CARD.severity",
            InputErrorKind::InvalidValue,
        ),
        (r#"{"rules": {"FP-CARD": {"severity": 1}}}"#, "rules.FP-CARD.severity", InputErrorKind::InvalidType),
        (
            r#"{"rules": {"FP-CARD": {"citation": "  "}}}"#,
            "rules.FP-CARD.citation",
            InputErrorKind::InvalidValue,
        ),
        (
            r#"{"rules": {"FP-CARD": {"enabled": "no"}}}"#,
            "rules.FP-CARD.enabled",
            InputErrorKind::InvalidType,
        ),
        (r#"{"rules": {"FP-CARD": true}}"#, "rules.FP-CARD", InputErrorKind::InvalidType),
        (r#"{"rules": []}"#, "rules", InputErrorKind::InvalidType),
        (r#"{"preset": "lakewood-2020"}"#, "preset", InputErrorKind::InvalidValue),
        (r#"{"preset": 3}"#, "preset", InputErrorKind::InvalidType),
        (r#"{"clearance_code_pattern": "("}"#, "clearance_code_pattern", InputErrorKind::InvalidValue),
        (
            r#"{"clearance_code_pattern": "[0-9]{3}", "community_relations_code": "CR1"}"#,
            "community_relations_code",
            InputErrorKind::InvalidValue,
        ),
        (r#"{"directive": {"id": "", "title": "t"}}"#, "directive.id", InputErrorKind::InvalidValue),
        (r#"{"directive": {"id": "x"}}"#, "directive", InputErrorKind::MissingField),
        (
            r#"{"directive": {"id": "x", "title": "t", "issued": "2016-02-30"}}"#,
            "directive.issued",
            InputErrorKind::InvalidValue,
        ),
        (
            r#"{"directive": {"id": "x", "title": "t", "by": "me"}}"#,
            "directive.by",
            InputErrorKind::UnknownField,
        ),
    ] {
        let e = Policy::from_json(json).unwrap_err();
        assert_eq!((e.path.as_str(), e.kind), (path, kind), "{json}: {e}");
    }
}

#[test]
fn rule_overrides_merge_key_by_key() {
    let p = Policy::from_toml("preset = \"compton-2018\"\n[rules.FP-CARD]\nenabled = false\n").unwrap();
    let card = &p.rules[&RuleId::FpCard];
    assert!(!card.enabled);
    assert!(card.citation.contains("contact card"));
    assert!(!p.is_enabled(RuleId::FpCard));
    assert!(p.is_enabled(RuleId::DataCodeMalformed));
}

#[test]
fn fingerprints_change_with_every_setting() {
    let base = Policy::norwalk_2016().fingerprint();
    for json in [
        r#"{"station": "x"}"#,
        r#"{"directive": {"id": "x", "title": "y"}}"#,
        r#"{"community_relations_code": "756"}"#,
        r#"{"clearance_code_pattern": "[0-9]{3}"}"#,
        r#"{"covered_areas": ["Norwalk"]}"#,
        r#"{"reviewer_roles": ["sergeant", "lieutenant"]}"#,
        r#"{"min_contacts_per_shift": 2}"#,
        r#"{"briefing_interval_days": 2}"#,
        r#"{"min_cards_in_vehicle": 2}"#,
        r#"{"card_check_interval_days": 2}"#,
        r#"{"rules": {"FP-CARD": {"enabled": false}}}"#,
        r#"{"rules": {"FP-CARD": {"severity": "advisory"}}}"#,
        r#"{"rules": {"FP-CARD": {"citation": "x"}}}"#,
        r#"{"preset": "compton-2018"}"#,
    ] {
        assert_ne!(Policy::from_json(json).unwrap().fingerprint(), base, "{json}");
    }
    assert_eq!(Policy::from_json("{}").unwrap().fingerprint(), base);
    assert_eq!(Policy::from_toml("").unwrap().fingerprint(), base);
}
