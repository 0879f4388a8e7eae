//! End to end on generated stations: the generator counts what it plants, independently of
//! the rules; the audit must find exactly that, rule by rule, for several seeds and sizes.

#[path = "../examples/gen/mod.rs"]
mod gen;

use contact755::{audit_json, Policy};

#[test]
fn the_audit_finds_exactly_what_the_generator_planted() {
    for (worksheets, seed, days) in [(400, 755, 31), (60, 1, 7), (1000, 2, 31), (3000, 3, 92), (25, 4, 1)] {
        let generated =
            gen::generate_with(&gen::GenOptions { worksheets, seed, days, ..Default::default() }, false);
        let report = audit_json(&Policy::norwalk_2016(), generated.json.as_bytes()).unwrap();
        for (rule, planted) in &generated.planted {
            let found = report.summary.findings_by_rule.get(*rule).copied().unwrap_or(0);
            assert_eq!(found as usize, *planted, "{rule} with {worksheets} worksheets, seed {seed}");
        }
        let planted_total: usize = generated.planted.iter().map(|(_, n)| n).sum();
        assert_eq!(report.findings.len(), planted_total);
    }
}
