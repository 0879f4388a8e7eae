//! Helpers shared by the fuzz targets: the policies audits run under and the invariants every
//! finding list must keep.

#![allow(dead_code)] // each target uses part of this module
use std::collections::HashSet;

use contact755::{Dataset, Finding, Policy, RuleId, SubjectKind};

/// The Norwalk defaults, a policy that changes every setting, and one on the Compton preset with
/// a three-digit code pattern, a rule made advisory and one turned off (SPEC §6), so that both
/// the code paths the defaults take and those they switch off are fuzzed.
pub fn policies() -> [Policy; 3] {
    let other = Policy::from_json(
        br#"{"station": "Fuzz", "community_relations_code": "415",
             "covered_areas": ["Norwalk", "Cerritos", "unincorporated  WHITTIER"],
             "reviewer_roles": ["sergeant", "lieutenant"], "min_contacts_per_shift": 2,
             "briefing_interval_days": 1, "min_cards_in_vehicle": 0, "card_check_interval_days": 1}"#,
    )
    .expect("the fuzzing policy is valid");
    let compton = Policy::from_json(
        br#"{"preset": "compton-2018", "covered_areas": ["Compton", "Norwalk"],
             "clearance_code_pattern": "[0-9]{3}",
             "rules": {"FP-CARD": {"severity": "advisory"}, "SGT-BRIEFING": {"enabled": false}}}"#,
    )
    .expect("the fuzzing preset policy is valid");
    [Policy::norwalk_2016(), other, compton]
}

/// Every subject a finding may name in this dataset (SPEC §3), duplicates included.
pub fn subjects(d: &Dataset) -> HashSet<String> {
    let mut s = HashSet::new();
    s.extend(d.personnel.iter().map(|p| format!("personnel:{}", p.id)));
    for w in &d.worksheets {
        s.insert(format!("worksheet:{}", w.id));
        s.extend(w.entries.iter().map(|e| format!("entry:{}/{}", w.id, e.id)));
    }
    s.extend(d.briefings.iter().map(|b| format!("briefing:{}", b.id)));
    s.extend(d.vehicle_checks.iter().map(|c| format!("vehicle_check:{}", c.id)));
    s
}

/// Findings are strictly ascending by (rule id string, subject) — sorted and no pair twice —
/// and each one's rule is in the catalog, enabled, with the severity the policy gives it and the
/// catalog's subject kind.
pub fn assert_findings_well_formed(policy: &Policy, findings: &[Finding]) {
    let rules = policy.rules();
    for pair in findings.windows(2) {
        let key = |f: &Finding| (f.rule.as_str(), f.subject.clone());
        assert!(
            key(&pair[0]) < key(&pair[1]),
            "findings not strictly sorted: {:?} then {:?}",
            pair[0],
            pair[1]
        );
    }
    for f in findings {
        let rule =
            rules.iter().find(|r| r.id == f.rule).unwrap_or_else(|| panic!("rule not in catalog: {f:?}"));
        assert_eq!(RuleId::from_id(f.rule.as_str()), Some(f.rule), "{f:?}");
        assert_eq!(f.severity, rule.severity, "severity differs from the policy's: {f:?}");
        assert!(rule.enabled, "a disabled rule fired: {f:?}");
        let prefix = match rule.subject {
            SubjectKind::Entry => "entry:",
            SubjectKind::Worksheet => "worksheet:",
            SubjectKind::Personnel => "personnel:",
            SubjectKind::Briefing => "briefing:",
            _ => "",
        };
        assert!(f.subject.starts_with(prefix), "subject of the wrong kind for its rule: {f:?}");
    }
}
