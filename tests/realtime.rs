//! The real-time entry check agrees with the full audit on every entry of the sample month.

use contact755::{audit, check_entry, Dataset, Policy, RuleId, SubjectKind, WorksheetHeader};

const SAMPLE: &str = include_str!("../examples/data/sample-month.json");

#[test]
fn check_entry_agrees_with_audit_on_the_sample() {
    let policy = Policy::norwalk_2016();
    let dataset = Dataset::from_json(SAMPLE.as_bytes()).unwrap();
    let report = audit(&policy, &dataset);
    let entry_level: Vec<RuleId> =
        contact755::rules().into_iter().filter(|r| r.subject == SubjectKind::Entry).map(|r| r.id).collect();
    assert_eq!(entry_level.len(), 6);
    let mut seen_worksheets = std::collections::HashSet::new();
    let mut compared = 0;
    for w in &dataset.worksheets {
        if !seen_worksheets.insert(w.id.clone()) || !dataset.period.contains(w.date) {
            continue; // duplicates and out-of-period worksheets are not audited
        }
        let header = WorksheetHeader::from(w);
        let mut seen_entries = std::collections::HashSet::new();
        for e in &w.entries {
            if !seen_entries.insert(e.id.clone()) {
                continue; // a duplicate entry is ignored by the audit
            }
            let subject = format!("entry:{}/{}", w.id, e.id);
            let realtime = check_entry(&policy, &header, e).unwrap();
            let from_audit: Vec<_> = report
                .findings
                .iter()
                .filter(|f| f.subject == subject && entry_level.contains(&f.rule))
                .cloned()
                .collect();
            assert_eq!(realtime, from_audit, "{subject}");
            compared += 1;
        }
    }
    assert!(compared > 1000, "only {compared} entries compared");
    // The sample exercises every entry-level rule.
    for rule in &entry_level {
        assert!(report.findings_of(*rule).next().is_some(), "the sample never fires {rule}");
    }
}
