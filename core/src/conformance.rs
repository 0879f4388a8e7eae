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
    /// The dataset, as written in the file (absent when the vector gives `tables`).
    #[serde(default)]
    pub dataset: Option<Box<RawValue>>,
    // --- Tabular datasets (SPEC §5, §7) -------------------------------------------------------
    /// A tabular dataset instead of `dataset`: `"period"` and file names to their text (or
    /// `{"base64": "..."}` for bytes that are not UTF-8).
    #[serde(default)]
    pub tables: Option<serde_json::Map<String, serde_json::Value>>,
    /// The mapping (SPEC §7.3) the tables are read through, in its JSON form.
    #[serde(default)]
    pub mapping: Option<Box<RawValue>>,
    // --- end of tabular datasets ----------------------------------------------------------------
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
    let outcome = match (&vector.dataset, &vector.tables) {
        (Some(dataset), None) => policy.and_then(|p| {
            Dataset::from_json(dataset.get().as_bytes()).map(|d| audit(&p, &d)).map_err(|e| e.path)
        }),
        (None, Some(tables)) => {
            let (files, period) = tables::files(tables)?;
            policy.and_then(|p| tables::audit(&p, &files, period, vector.mapping.as_deref()))
        }
        _ => return Err("not a valid vector: it needs exactly one of `dataset` and `tables`".into()),
    };
    let expect = &vector.expect;
    // A tabular dataset's rejection path must equal the expected one (SPEC §5).
    let path_matches = |path: &str, want: &str| {
        if vector.tables.is_some() {
            path == want
        } else {
            path_has_prefix(path, want)
        }
    };
    match (outcome, &expect.error) {
        (Err(path), Some(want)) if path_matches(&path, &want.path) => Ok(()),
        (Err(path), Some(want)) if vector.tables.is_some() => {
            Err(format!("rejected at path {path:?}, expected the path {:?}", want.path))
        }
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

// --- Tabular datasets (SPEC §5, §7) -----------------------------------------------------------
mod tables {
    use std::collections::BTreeMap;

    use base64::Engine as _;
    use serde_json::value::RawValue;

    use crate::{audit_tables, Mapping, Period, Policy, Report};

    /// The files and the period of a vector's `tables` object.
    pub(super) fn files(
        tables: &serde_json::Map<String, serde_json::Value>,
    ) -> Result<(BTreeMap<String, Vec<u8>>, Period), String> {
        let mut files = BTreeMap::new();
        let mut period = None;
        for (name, value) in tables {
            if name == "period" {
                let p: Period = serde_json::from_value(value.clone())
                    .map_err(|e| format!("not a valid vector: tables.period: {e}"))?;
                period = Some(p);
                continue;
            }
            let bytes = match value {
                serde_json::Value::String(text) => text.clone().into_bytes(),
                serde_json::Value::Object(o) if o.len() == 1 => match o.get("base64") {
                    Some(serde_json::Value::String(b64)) => base64::engine::general_purpose::STANDARD
                        .decode(b64)
                        .map_err(|e| format!("not a valid vector: tables.{name}.base64: {e}"))?,
                    _ => {
                        return Err(format!(
                            "not a valid vector: tables.{name} is not text or {{\"base64\": ...}}"
                        ))
                    }
                },
                _ => {
                    return Err(format!(
                        "not a valid vector: tables.{name} is not text or {{\"base64\": ...}}"
                    ))
                }
            };
            files.insert(name.clone(), bytes);
        }
        let period = period.ok_or("not a valid vector: tables has no period")?;
        Ok((files, period))
    }

    /// Reads the mapping, then the tables, then audits; a rejection gives its path.
    pub(super) fn audit(
        policy: &Policy,
        files: &BTreeMap<String, Vec<u8>>,
        period: Period,
        mapping: Option<&RawValue>,
    ) -> Result<Report, String> {
        let mapping = mapping.map(|m| Mapping::from_json(m.get())).transpose().map_err(|e| e.path)?;
        audit_tables(policy, files, period, mapping.as_ref()).map_err(|e| e.path)
    }
}
// --- end of tabular datasets --------------------------------------------------------------------

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
