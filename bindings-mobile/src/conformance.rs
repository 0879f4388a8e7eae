//! The core's conformance judge (SPEC §5), exported for a test suite that runs the shared vectors
//! through this binding: the suite audits the vector's policy and dataset with the binding's own
//! `Policy.fromJson` and `audit`/`auditJson` (or, for a vector of tables, `Mapping.fromJson` and
//! `auditTables`), and hands the outcome to the judge, which compares it with the vector's
//! expectations in the words every runner prints.

use std::collections::HashMap;
use std::sync::Arc;

use contact755::contract::judge::{Outcome, Vector};

use crate::error::Contact755Error;
use crate::guarded;

/// One conformance vector (SPEC §5), read by the core's judge.
///
/// Its policy and dataset are the raw JSON text of the file (repeated keys and all), so they
/// reach the binding's parser untouched. `judgeReport` and `judgeRejection` return `null`
/// (Swift `nil`) when the outcome is what the vector expects, and otherwise what differed
/// (`missing FP-CARD entry:W1/E1; unexpected ...`). Immutable and safe to share between threads;
/// in Kotlin, release it with `use { }`.
#[derive(Debug, uniffi::Object)]
pub struct ConformanceVector(Vector);

#[uniffi::export]
impl ConformanceVector {
    /// Reads a vector from the text of its file. A text that is not a vector (not JSON, an
    /// unknown field, no dataset, ...) is rejected with `InvalidVector`, whose message is the
    /// judge's (`not a valid vector: ...`).
    #[uniffi::constructor]
    pub fn parse(text: String) -> Result<Arc<Self>, Contact755Error> {
        guarded(|| {
            Vector::from_json(&text)
                .map(|vector| Arc::new(ConformanceVector(vector)))
                .map_err(|message| Contact755Error::InvalidVector { message })
        })
    }

    /// What the vector proves, in a sentence.
    pub fn name(&self) -> Result<String, Contact755Error> {
        guarded(|| Ok(self.0.name.clone()))
    }

    /// The vector's policy override as the JSON text of the file (for `Policy.fromJson`), or
    /// `null` when the vector uses the `norwalk-2016` preset as it is.
    pub fn policy_json(&self) -> Result<Option<String>, Contact755Error> {
        guarded(|| Ok(self.0.policy_json().map(str::to_string)))
    }

    /// The vector's dataset as the JSON text of the file (for `audit` / `auditJson`), or `null`
    /// for a vector that gives CSV tables instead (SPEC §7).
    pub fn dataset_json(&self) -> Result<Option<String>, Contact755Error> {
        guarded(|| Ok(self.0.dataset_json().map(str::to_string)))
    }

    /// The files of a vector that gives CSV tables (SPEC §5, §7) by name, each as its bytes
    /// (for `auditTables`), or `null` for a vector that gives a JSON dataset.
    pub fn tables_files(&self) -> Result<Option<HashMap<String, Vec<u8>>>, Contact755Error> {
        guarded(|| Ok(self.0.tables().map(|t| t.files.iter().map(|(k, v)| (k.clone(), v.clone())).collect())))
    }

    /// The period of a vector's tables as `START..END` (the form `auditTables` reads), or `null`
    /// for a vector that gives a JSON dataset.
    pub fn tables_period(&self) -> Result<Option<String>, Contact755Error> {
        guarded(|| Ok(self.0.tables().map(|t| format!("{}..{}", t.period.start, t.period.end))))
    }

    /// The mapping the vector's tables are read through, as the JSON text of the file (for
    /// `Mapping.fromJson`), or `null` when they are in the canonical layout (or the vector gives a
    /// JSON dataset).
    pub fn mapping_json(&self) -> Result<Option<String>, Contact755Error> {
        guarded(|| Ok(self.0.mapping_json().map(str::to_string)))
    }

    /// Judges a report (the SPEC §4 JSON text, what `auditJson` returns): `null` when it is what
    /// the vector expects, else what differed.
    pub fn judge_report(&self, report_json: String) -> Result<Option<String>, Contact755Error> {
        guarded(|| Ok(self.0.judge(Outcome::Report(&report_json)).err()))
    }

    /// Judges a rejection of the policy, the mapping or the dataset at `path` (the error's
    /// `path`): `null` when the vector expects a rejection at that path (compared by the core's
    /// judge, SPEC §5), else what differed.
    pub fn judge_rejection(&self, path: String) -> Result<Option<String>, Contact755Error> {
        guarded(|| Ok(self.0.judge(Outcome::Rejected { path: &path }).err()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DATASET: &str = r#"{"period": {"start": "2016-03-14", "end": "2016-03-20"},
        "personnel": [{"id": "S200", "role": "sergeant"}], "worksheets": []}"#;

    fn vector(expect: &str) -> Arc<ConformanceVector> {
        ConformanceVector::parse(format!(r#"{{"name": "n", "dataset": {DATASET}, "expect": {expect}}}"#))
            .unwrap()
    }

    #[test]
    fn the_judge_is_the_cores() {
        let pass = vector(r#"{"findings": [{"rule": "SGT-BRIEFING", "subject": "personnel:S200"}]}"#);
        assert_eq!(pass.name().unwrap(), "n");
        assert_eq!(pass.policy_json().unwrap(), None);
        let report =
            crate::Policy::norwalk_2016().unwrap().audit_json(pass.dataset_json().unwrap().unwrap()).unwrap();
        assert_eq!(pass.judge_report(report.clone()).unwrap(), None);
        assert_eq!(
            pass.judge_rejection("period".into()).unwrap().as_deref(),
            Some("rejected at path \"period\", expected a report")
        );
        let error = vector(r#"{"error": {"path": "period"}}"#);
        assert_eq!(error.judge_rejection("period.end".into()).unwrap(), None);
        assert_eq!(
            error.judge_report(report).unwrap().as_deref(),
            Some("accepted, expected a rejection at \"period\"")
        );
        match ConformanceVector::parse("{}".into()).unwrap_err() {
            Contact755Error::InvalidVector { message } => {
                assert!(message.starts_with("not a valid vector: "))
            }
            other => panic!("{other:?}"),
        }
    }
}
