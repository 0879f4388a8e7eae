//! Bytes → `Dataset::from_json`; `check_entry` runs on every entry of every worksheet with the
//! header of its worksheet, under each of two policies. Asserts: it accepts what the dataset
//! parser accepted; findings sorted with no pair twice, catalog rules of subject kind `Entry`,
//! subject `entry:W/E`; and, for an audited entry (worksheet in the period, first of its id,
//! entry first of its id), exactly the findings `audit` reports on that subject.
#![no_main]

use std::collections::HashSet;

use contact755::{audit, check_entry, rules, Dataset, RuleId, SubjectKind, WorksheetHeader};
use libfuzzer_sys::fuzz_target;

#[path = "../common/mod.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(dataset) = Dataset::from_json(data) else { return };
    for policy in common::policies() {
        let report = audit(&policy, &dataset);
        let mut seen_worksheets = HashSet::new();
        for w in &dataset.worksheets {
            let audited = seen_worksheets.insert(w.id.as_str()) && dataset.period.contains(w.date);
            let header = WorksheetHeader {
                id: w.id.clone(),
                personnel_id: w.personnel_id.clone(),
                date: w.date,
                assignment: w.assignment,
                area: w.area.clone(),
                shift_start: w.shift_start,
                shift_end: w.shift_end,
            };
            let mut seen_entries = HashSet::new();
            for e in &w.entries {
                let findings =
                    check_entry(&policy, &header, e).expect("an entry of a valid dataset is accepted");
                common::assert_findings_well_formed(&findings);
                let subject = format!("entry:{}/{}", w.id, e.id);
                for f in &findings {
                    let rule = rules().find(|r| r.id == f.rule).unwrap();
                    assert_eq!(rule.subject, SubjectKind::Entry, "not an entry rule: {f:?}");
                    assert_eq!(f.subject, subject, "{f:?}");
                }
                if seen_entries.insert(e.id.as_str()) && audited {
                    let in_audit: Vec<_> = report
                        .findings
                        .iter()
                        .filter(|f| f.subject == subject && f.rule != RuleId::DataDuplicateId)
                        .collect();
                    assert_eq!(
                        findings.iter().collect::<Vec<_>>(),
                        in_audit,
                        "check_entry differs from audit on {subject}"
                    );
                }
            }
        }
    }
});
