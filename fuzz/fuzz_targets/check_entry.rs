//! Bytes → `Dataset::from_json`; `check_entry` runs on every entry of every worksheet with the
//! header of its worksheet, under each of two policies. Asserts: it accepts what the dataset
//! parser accepted; findings sorted with no pair twice, catalog rules of subject kind `Entry`,
//! subject `entry:W/E`; and, for an audited entry (worksheet in the period, first of its id,
//! entry first of its id, no other record with the same subject string), exactly the findings
//! `audit` reports on that subject.
#![no_main]

use std::collections::{HashMap, HashSet};

use contact755::{audit, check_entry, Dataset, RuleId, SubjectKind, WorksheetHeader};
use libfuzzer_sys::fuzz_target;

#[path = "../common/mod.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(dataset) = Dataset::from_json(data) else { return };
    // Ids may contain `/`, so two records can share a subject (`A/B` + `C` and `A` + `B/C` are
    // both `entry:A/B/C`); the SPEC keeps one finding per (rule, subject), so the audit's
    // findings on such a subject need not be any one entry's own. Those are not compared.
    let mut records_per_subject: HashMap<String, usize> = HashMap::new();
    for w in &dataset.worksheets {
        for e in &w.entries {
            *records_per_subject.entry(format!("entry:{}/{}", w.id, e.id)).or_default() += 1;
        }
    }
    for policy in common::policies() {
        let report = audit(&policy, &dataset);
        let mut seen_worksheets = HashSet::new();
        for w in &dataset.worksheets {
            let audited = seen_worksheets.insert(w.id.as_str()) && dataset.period.contains(w.date);
            let header = WorksheetHeader::from(w);
            let mut seen_entries = HashSet::new();
            for e in &w.entries {
                let findings =
                    check_entry(&policy, &header, e).expect("an entry of a valid dataset is accepted");
                common::assert_findings_well_formed(&policy, &findings);
                let subject = format!("entry:{}/{}", w.id, e.id);
                for f in &findings {
                    let rule = policy.rules().into_iter().find(|r| r.id == f.rule).unwrap();
                    assert_eq!(rule.subject, SubjectKind::Entry, "not an entry rule: {f:?}");
                    assert_eq!(f.subject, subject, "{f:?}");
                }
                let shared_subject = records_per_subject.get(&subject).is_some_and(|&n| n > 1);
                if seen_entries.insert(e.id.as_str()) && audited && !shared_subject {
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
