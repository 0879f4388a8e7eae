//! Bytes → `Dataset::from_json`; an accepted dataset is audited twice under each of two
//! policies. Asserts: identical report bytes both times; findings sorted by (rule, subject)
//! with no pair twice; every rule in the catalog; every subject names a record of the input;
//! `summary.findings_by_rule` counts exactly the findings; the report JSON reads back equal.
#![no_main]

use std::collections::BTreeMap;

use contact755::{audit, Dataset, Report};
use libfuzzer_sys::fuzz_target;

#[path = "../common/mod.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(dataset) = Dataset::from_json(data) else { return };
    let subjects = common::subjects(&dataset);
    for policy in common::policies() {
        let report = audit(&policy, &dataset);
        let json = report.to_json();
        assert_eq!(json, audit(&policy, &dataset).to_json(), "same input, different report bytes");

        common::assert_findings_well_formed(&policy, &report.findings);
        for f in &report.findings {
            assert!(subjects.contains(&f.subject), "subject names no record of the input: {f:?}");
        }

        let mut by_rule = BTreeMap::<String, u64>::new();
        for f in &report.findings {
            *by_rule.entry(f.rule.as_str().to_string()).or_default() += 1;
        }
        assert_eq!(report.summary.findings_by_rule, by_rule, "findings_by_rule disagrees with findings");
        assert_eq!(report.summary.findings_by_rule.values().sum::<u64>(), report.findings.len() as u64);
        assert!(
            report.summary.personnel.windows(2).all(|p| p[0].id < p[1].id),
            "summary.personnel not sorted"
        );
        assert_eq!(report.policy, policy);

        // The JSON holds the SPEC's report (not the render-only weekly series, period and roles):
        // read back, it writes the same bytes, with the same findings and fingerprint.
        let back = Report::from_json(json.as_bytes()).expect("report JSON reads back");
        assert_eq!(back.to_json(), json, "report JSON does not round-trip");
        assert_eq!(back.findings, report.findings);
        assert_eq!(back.policy_sha256, policy.fingerprint());
    }
});
