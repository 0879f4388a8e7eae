//! The text view and the report JSON, byte for byte as the audit example printed them before
//! the text view moved into the core (`tests/render-golden/README.md` says how each file was
//! made, by the old code).

#[path = "../examples/gen/mod.rs"]
mod gen;

use contact755::render::{self, TextOptions};
use contact755::{audit, Dataset, Policy};

const SAMPLE: &[u8] = include_bytes!("../examples/data/sample-month.json");
const SAMPLE_NAME: &str = "embedded sample month (examples/data/sample-month.json)";

/// The example's text for a dataset, as `examples/audit.rs` calls the core, without the two
/// header lines the presets change added after the golden files were made (the directive and
/// the fingerprint: `the_header_names_the_directive_and_the_fingerprint` checks them).
fn example_text(policy: &Policy, dataset: &Dataset, name: &str, all: bool) -> String {
    let report = audit(policy, dataset);
    let options = TextOptions { all, source: Some(name.to_string()), ..TextOptions::for_dataset(dataset) };
    let text = render::text(&report, &options);
    let kept: Vec<&str> = text
        .split_inclusive('\n')
        .filter(|l| !l.starts_with(render::DIRECTIVE_LABEL) && !l.starts_with(render::FINGERPRINT_LABEL))
        .collect();
    assert_eq!(
        kept.len() + 2,
        text.split_inclusive('\n').count(),
        "one directive line and one fingerprint line"
    );
    kept.concat()
}

#[test]
fn the_header_names_the_directive_and_the_fingerprint() {
    let dataset = Dataset::from_json(SAMPLE).unwrap();
    for policy in [Policy::norwalk_2016(), Policy::preset("compton-2018").unwrap()] {
        let report = audit(&policy, &dataset);
        let text = render::text(&report, &TextOptions::for_dataset(&dataset));
        let d = &policy.directive;
        assert!(text.contains(&format!("{}{} — “{}”", render::DIRECTIVE_LABEL, d.id, d.title)), "{text}");
        assert!(text.contains(&format!("{}{}", render::FINGERPRINT_LABEL, policy.fingerprint())));
        for rule in policy.rules() {
            if let Some(c) = rule.citation.filter(|_| report.findings.iter().any(|f| f.rule == rule.id)) {
                assert!(text.contains(&format!("Directive: {c}")), "{} cites the policy's sentence", rule.id);
            }
        }
    }
}

/// Equal, or a panic naming the first differing line (a full dump of 10 kB helps nobody).
fn assert_same(actual: &str, golden: &str, what: &str) {
    if actual != golden {
        let line = actual.lines().zip(golden.lines()).position(|(a, g)| a != g);
        panic!(
            "{what} differs from its golden file at line {:?}:\n  got:  {:?}\n  want: {:?}",
            line.map(|l| l + 1),
            line.and_then(|l| actual.lines().nth(l)),
            line.and_then(|l| golden.lines().nth(l)),
        );
    }
}

#[test]
fn the_sample_month_text_is_unchanged() {
    let dataset = Dataset::from_json(SAMPLE).unwrap();
    let golden = include_str!("render-golden/sample.txt");
    let policy = Policy::norwalk_2016();
    assert_same(&example_text(&policy, &dataset, SAMPLE_NAME, false), golden, "sample");
    // No rule of the sample has more than LIST_LIMIT findings: --all prints the same bytes.
    assert_same(&example_text(&policy, &dataset, SAMPLE_NAME, true), golden, "sample --all");
}

#[test]
fn the_text_under_another_policy_is_unchanged() {
    let dataset = Dataset::from_json(SAMPLE).unwrap();
    let policy = Policy::from_toml(include_str!("render-golden/policy.toml")).unwrap();
    let cut = example_text(&policy, &dataset, SAMPLE_NAME, false);
    assert!(cut.contains(" more (--all lists every one"), "the list limit must be exercised");
    assert_same(&cut, include_str!("render-golden/sample-policy.txt"), "policy");
    let all = example_text(&policy, &dataset, SAMPLE_NAME, true);
    assert_same(&all, include_str!("render-golden/sample-policy-all.txt"), "policy --all");
}

#[test]
fn the_text_of_a_generated_station_is_unchanged() {
    let generated =
        gen::generate_with(&gen::GenOptions { worksheets: 1200, seed: 7, ..Default::default() }, true);
    let dataset = Dataset::from_json(generated.json.as_bytes()).unwrap();
    let policy = Policy::norwalk_2016();
    let name = "generated-1200-seed7.json";
    assert_same(
        &example_text(&policy, &dataset, name, false),
        include_str!("render-golden/gen1200.txt"),
        "gen",
    );
    assert_same(
        &example_text(&policy, &dataset, name, true),
        include_str!("render-golden/gen1200-all.txt"),
        "gen --all",
    );
}

#[test]
fn the_report_json_is_unchanged_by_the_weekly_series() {
    let report = audit(&Policy::norwalk_2016(), &Dataset::from_json(SAMPLE).unwrap());
    // The series and the period are there, and stay out of the SPEC JSON.
    assert!(!report.summary.contacts_755_by_week.is_empty());
    assert!(report.summary.period.is_some());
    // The golden JSON is the old example's: the presets change added `policy_sha256` and the
    // policy's new keys (SPEC §6.3); the findings, the summary and the old policy keys are
    // unchanged.
    let got: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
    let old: serde_json::Value = serde_json::from_str(include_str!("render-golden/sample.json")).unwrap();
    assert_eq!(got["findings"], old["findings"]);
    assert_eq!(got["summary"], old["summary"]);
    for (key, value) in old["policy"].as_object().unwrap() {
        assert_eq!(&got["policy"][key], value, "policy.{key}");
    }
}
