//! The conformance-vector format (SPEC §5) and its checker, shared by the Rust runner
//! (`cargo run --example conformance`) and the Rust tests.
//!
//! A vector names a policy override, a dataset (kept as raw JSON text so that repeated keys
//! and syntax reach the parser untouched) and what to expect: the exact set of
//! `(rule, subject)` pairs and a subset of the summary, or an error path prefix.

use std::collections::BTreeSet;

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::{audit, Dataset, Policy};

/// One vector, as read from its file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vector {
    /// What the vector proves.
    pub name: String,
    /// Overrides of the Norwalk defaults, field by field.
    #[serde(default)]
    pub policy: Option<Box<RawValue>>,
    /// The dataset, as written in the file.
    pub dataset: Box<RawValue>,
    /// What the audit must give.
    pub expect: Expect,
}

/// A vector's expectation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// The exact set of findings, as (rule, subject) pairs.
    #[serde(default)]
    pub findings: Option<Vec<ExpectedFinding>>,
    /// Summary keys that must equal the report's.
    #[serde(default)]
    pub summary: Option<serde_json::Map<String, serde_json::Value>>,
    /// The input must be rejected with a path starting with this one.
    #[serde(default)]
    pub error: Option<ExpectedError>,
}

/// One expected finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
pub struct ExpectedFinding {
    /// The rule id.
    pub rule: String,
    /// The subject.
    pub subject: String,
}

/// An expected rejection.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedError {
    /// A prefix of the reported path.
    pub path: String,
}

/// Whether `reported` starts with `expected` at a path boundary (`a.b` is a prefix of `a.b`,
/// `a.b.c` and `a.b[0]`, but not of `a.bc`).
pub fn path_has_prefix(reported: &str, expected: &str) -> bool {
    match reported.strip_prefix(expected) {
        Some(rest) => {
            expected.is_empty() || rest.is_empty() || rest.starts_with('.') || rest.starts_with('[')
        }
        None => false,
    }
}

/// Checks one vector given as JSON text. `Ok(())` when it passes, else what differed.
pub fn check_vector_text(text: &str) -> Result<(), String> {
    let vector: Vector = serde_json::from_str(text).map_err(|e| format!("not a valid vector: {e}"))?;
    check_vector(&vector)
}

/// Checks one parsed vector. `Ok(())` when it passes, else what differed.
pub fn check_vector(vector: &Vector) -> Result<(), String> {
    let policy = match &vector.policy {
        Some(raw) => Policy::from_json(raw.get()).map_err(|e| e.path),
        None => Ok(Policy::norwalk_2016()),
    };
    let outcome = policy.and_then(|p| {
        Dataset::from_json(vector.dataset.get().as_bytes()).map(|d| audit(&p, &d)).map_err(|e| e.path)
    });
    let expect = &vector.expect;
    match (outcome, &expect.error) {
        (Err(path), Some(want)) if path_has_prefix(&path, &want.path) => Ok(()),
        (Err(path), Some(want)) => {
            Err(format!("rejected at path {path:?}, expected a path starting with {:?}", want.path))
        }
        (Err(path), None) => Err(format!("rejected at path {path:?}, expected a report")),
        (Ok(_), Some(want)) => Err(format!("accepted, expected a rejection at {:?}", want.path)),
        (Ok(report), None) => {
            let mut problems = Vec::new();
            if let Some(want) = &expect.findings {
                let want: BTreeSet<(&str, &str)> =
                    want.iter().map(|f| (f.rule.as_str(), f.subject.as_str())).collect();
                let got: BTreeSet<(&str, &str)> =
                    report.findings.iter().map(|f| (f.rule.as_str(), f.subject.as_str())).collect();
                for (rule, subject) in want.difference(&got) {
                    problems.push(format!("missing {rule} {subject}"));
                }
                for (rule, subject) in got.difference(&want) {
                    problems.push(format!("unexpected {rule} {subject}"));
                }
            }
            if let Some(want) = &expect.summary {
                let got = serde_json::to_value(&report.summary).unwrap_or_default();
                for (key, value) in want {
                    match got.get(key) {
                        Some(v) if v == value => {}
                        Some(v) => problems.push(format!("summary.{key} is {v}, expected {value}")),
                        None => problems.push(format!("summary has no key {key:?}")),
                    }
                }
            }
            if problems.is_empty() {
                Ok(())
            } else {
                Err(problems.join("; "))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::path_has_prefix;

    #[test]
    fn prefixes_respect_segments() {
        assert!(path_has_prefix("worksheets[0].entries[0].at", "worksheets[0].entries[0]"));
        assert!(path_has_prefix("worksheets[0]", "worksheets[0]"));
        assert!(path_has_prefix("x", ""));
        assert!(!path_has_prefix("worksheets[0].entries[10]", "worksheets[0].entries[1]"));
        assert!(!path_has_prefix("periods", "period"));
    }
}
