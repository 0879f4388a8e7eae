//! A third station adopts the library by writing a policy file: `examples/stations/lakewood.toml`
//! (fictional), shown in the README. It loads, applies what it says on top of its preset, and
//! the README quotes it word for word.

use contact755::{audit_json, Policy, RuleId, Severity};

const LAKEWOOD: &str = include_str!("../examples/stations/lakewood.toml");

#[test]
fn the_lakewood_file_is_a_policy() {
    let p = Policy::from_toml(LAKEWOOD).unwrap();
    let compton = Policy::preset("compton-2018").unwrap();
    assert_eq!(p.preset, "compton-2018");
    assert_eq!(p.station, "Lakewood Station");
    assert_eq!(p.directive.id, "Lakewood Station Order 21-07");
    assert_eq!(p.covered_areas, ["Lakewood", "Hawaiian Gardens"]);
    assert!(p.is_well_formed_code("755") && !p.is_well_formed_code("CR1"));
    // Its own citation where it gives one, Compton's elsewhere, Compton's severities.
    assert!(p.citation(RuleId::FpCard).unwrap().starts_with("Deputies shall hand"));
    assert_eq!(p.citation(RuleId::FpCode755), compton.citation(RuleId::FpCode755));
    assert_eq!(p.severity(RuleId::Fp755Details), Severity::Violation);
    assert_ne!(p.fingerprint(), compton.fingerprint());
    // The same file as JSON gives the same fingerprint.
    let as_json = serde_json::to_string(&toml::from_str::<toml::Value>(LAKEWOOD).unwrap()).unwrap();
    assert_eq!(Policy::from_json(as_json).unwrap().fingerprint(), p.fingerprint());
}

#[test]
fn lakewood_audits_its_own_areas() {
    let p = Policy::from_toml(LAKEWOOD).unwrap();
    let dataset = br#"{"period": {"start": "2021-06-01", "end": "2021-06-01"},
      "personnel": [{"id": "D1", "role": "deputy"}, {"id": "L1", "role": "lieutenant"}, {"id": "S1", "role": "sergeant"}],
      "worksheets": [{"id": "W1", "personnel_id": "D1", "date": "2021-06-01", "assignment": "field",
        "area": "hawaiian  gardens",
        "entries": [{"id": "E1", "at": "2021-06-01T10:00:00-07:00", "activity": "obs", "clearance_codes": ["755", "CR1"],
                     "contact": {"category": "resident", "card_provided": true}}],
        "review": {"reviewer_id": "L1", "reviewed_on": "2021-06-02", "approved": true}}],
      "briefings": [{"id": "B1", "sergeant_id": "S1", "date": "2021-06-01"}]}"#;
    let report = audit_json(&p, dataset).unwrap();
    let rules: Vec<&str> = report.findings.iter().map(|f| f.rule.as_str()).collect();
    // A lieutenant may review; CR1 is malformed under [0-9]{3}; one contact is not two.
    assert_eq!(rules, ["DATA-CODE-MALFORMED", "FP-REGULAR"]);
    assert_eq!(report.summary.by_area["Hawaiian Gardens"], 1);
}

#[test]
fn the_readme_shows_the_file() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).unwrap();
    assert!(readme.contains(LAKEWOOD), "README.md must quote examples/stations/lakewood.toml verbatim");
}
