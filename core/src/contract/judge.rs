//! The conformance judge (SPEC §5), shared by every runner: the Rust example
//! (`cargo run --example conformance`), `python -m contact755.conformance`, the Kotlin test
//! suite and the C test program.
//!
//! A runner reads a vector with [`Vector::from_json`], audits [`Vector::policy_json`] and
//! [`Vector::dataset_json`] through its own binding, and hands the [`Outcome`] to
//! [`Vector::judge`], which says what differed in the words every runner prints.
//!
//! A vector keeps its policy and dataset as the raw JSON text of the file, so repeated keys
//! and syntax reach the binding's parser untouched.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::Value;

use crate::{Period, Policy};

/// One vector, as read from its file.
#[derive(Debug)]
pub struct Vector {
    /// What the vector proves.
    pub name: String,
    policy: Option<Box<RawValue>>,
    input: Input,
    mapping: Option<Box<RawValue>>,
    expect: Expect,
}

/// What a vector audits: a JSON dataset (SPEC §2) or a tabular one (SPEC §7).
#[derive(Debug)]
enum Input {
    Dataset(Box<RawValue>),
    Tables(Tables),
}

/// A vector's tabular dataset: the files by name and the period the caller gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tables {
    /// The files, by name (`entries.csv`), as bytes.
    pub files: BTreeMap<String, Vec<u8>>,
    /// The period of the audit.
    pub period: Period,
}

/// A vector as written in its file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VectorFile {
    name: String,
    #[serde(default)]
    policy: Option<Box<RawValue>>,
    #[serde(default)]
    dataset: Option<Box<RawValue>>,
    /// `"period"` and file names to their text (or `{"base64": "..."}` for bytes that are not
    /// UTF-8).
    #[serde(default)]
    tables: Option<serde_json::Map<String, Value>>,
    /// The mapping (SPEC §7.3) the tables are read through, in its JSON form.
    #[serde(default)]
    mapping: Option<Box<RawValue>>,
    expect: Expect,
}

/// A vector's expectation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    #[serde(default)]
    findings: Option<Vec<ExpectedFinding>>,
    #[serde(default)]
    summary: Option<serde_json::Map<String, Value>>,
    #[serde(default)]
    error: Option<ExpectedError>,
}

/// One expected finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedFinding {
    rule: String,
    subject: String,
    /// When given, the report's finding must have this severity.
    #[serde(default)]
    severity: Option<String>,
}

/// An expected rejection.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedError {
    path: String,
}

/// What a binding made of a vector's input.
#[derive(Debug, Clone, Copy)]
pub enum Outcome<'a> {
    /// The audit's report, as the SPEC §4 JSON text.
    Report(&'a str),
    /// The policy or the dataset was rejected at this path.
    Rejected {
        /// The error's path.
        path: &'a str,
    },
}

impl Vector {
    /// Reads a vector; the error says why the text is not one (`not a valid vector: …`).
    pub fn from_json(text: &str) -> Result<Vector, String> {
        let file: VectorFile = serde_json::from_str(text).map_err(|e| format!("not a valid vector: {e}"))?;
        let input = match (file.dataset, file.tables) {
            (Some(dataset), None) => Input::Dataset(dataset),
            (None, Some(tables)) => Input::Tables(read_tables(&tables)?),
            _ => return Err("not a valid vector: it needs exactly one of `dataset` and `tables`".into()),
        };
        if file.mapping.is_some() && matches!(input, Input::Dataset(_)) {
            return Err("not a valid vector: a `mapping` goes with `tables`".into());
        }
        Ok(Vector { name: file.name, policy: file.policy, input, mapping: file.mapping, expect: file.expect })
    }

    /// The vector's policy override, as the JSON text of the file (`None`: the default
    /// preset).
    pub fn policy_json(&self) -> Option<&str> {
        self.policy.as_deref().map(RawValue::get)
    }

    /// The vector's JSON dataset, as the text of the file; `None` for a tabular one.
    pub fn dataset_json(&self) -> Option<&str> {
        match &self.input {
            Input::Dataset(d) => Some(d.get()),
            Input::Tables(_) => None,
        }
    }

    /// The vector's tabular dataset; `None` for a JSON one.
    pub fn tables(&self) -> Option<&Tables> {
        match &self.input {
            Input::Tables(t) => Some(t),
            Input::Dataset(_) => None,
        }
    }

    /// The mapping the tables are read through, as the JSON text of the file.
    pub fn mapping_json(&self) -> Option<&str> {
        self.mapping.as_deref().map(RawValue::get)
    }

    /// The rule ids the vector expects to fire.
    pub fn expected_rules(&self) -> impl Iterator<Item = &str> {
        self.expect.findings.iter().flatten().map(|f| f.rule.as_str())
    }

    /// Compares what a binding made of the vector with what it expects: `Ok(())` when it
    /// passes, else what differed (one sentence per difference, joined by `; `).
    pub fn judge(&self, outcome: Outcome) -> Result<(), String> {
        let expect = &self.expect;
        // A tabular dataset's rejection path must equal the expected one (SPEC §5).
        let tabular = self.tables().is_some();
        let report = match (outcome, &expect.error) {
            (Outcome::Rejected { path }, Some(want)) if tabular && path == want.path => return Ok(()),
            (Outcome::Rejected { path }, Some(want)) if tabular => {
                return Err(format!("rejected at path {path:?}, expected the path {:?}", want.path))
            }
            (Outcome::Rejected { path }, Some(want)) if path_has_prefix(path, &want.path) => return Ok(()),
            (Outcome::Rejected { path }, Some(want)) => {
                return Err(format!(
                    "rejected at path {path:?}, expected a path starting with {:?}",
                    want.path
                ))
            }
            (Outcome::Rejected { path }, None) => {
                return Err(format!("rejected at path {path:?}, expected a report"))
            }
            (Outcome::Report(_), Some(want)) => {
                return Err(format!("accepted, expected a rejection at {:?}", want.path))
            }
            (Outcome::Report(json), None) => {
                serde_json::from_str::<Value>(json).map_err(|e| format!("the report is not JSON: {e}"))?
            }
        };
        let mut problems = Vec::new();
        if let Some(want) = &expect.findings {
            let got_findings = report["findings"].as_array().map(Vec::as_slice).unwrap_or_default();
            fn pair(f: &Value) -> (&str, &str) {
                (f["rule"].as_str().unwrap_or_default(), f["subject"].as_str().unwrap_or_default())
            }
            let got: BTreeSet<(&str, &str)> = got_findings.iter().map(pair).collect();
            let wanted: BTreeSet<(&str, &str)> =
                want.iter().map(|f| (f.rule.as_str(), f.subject.as_str())).collect();
            for (rule, subject) in wanted.difference(&got) {
                problems.push(format!("missing {rule} {subject}"));
            }
            for (rule, subject) in got.difference(&wanted) {
                problems.push(format!("unexpected {rule} {subject}"));
            }
            for f in want {
                let Some(severity) = &f.severity else { continue };
                let found = got_findings.iter().find(|g| pair(g) == (f.rule.as_str(), f.subject.as_str()));
                if let Some(actual) = found.and_then(|g| g["severity"].as_str()).filter(|s| s != severity) {
                    problems
                        .push(format!("{} {} has severity {actual}, expected {severity}", f.rule, f.subject));
                }
            }
        }
        if let Some(want) = &expect.summary {
            let got = &report["summary"];
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

/// The files and the period of a vector's `tables` object.
fn read_tables(tables: &serde_json::Map<String, Value>) -> Result<Tables, String> {
    use base64::Engine as _;
    let mut files = BTreeMap::new();
    let mut period = None;
    for (name, value) in tables {
        if name == "period" {
            let p: Period = serde_json::from_value(value.clone())
                .map_err(|e| format!("not a valid vector: tables.period: {e}"))?;
            period = Some(p);
            continue;
        }
        let not_a_file = || format!("not a valid vector: tables.{name} is not text or {{\"base64\": ...}}");
        let bytes = match value {
            Value::String(text) => text.clone().into_bytes(),
            Value::Object(o) if o.len() == 1 => match o.get("base64") {
                Some(Value::String(b64)) => base64::engine::general_purpose::STANDARD
                    .decode(b64)
                    .map_err(|e| format!("not a valid vector: tables.{name}.base64: {e}"))?,
                _ => return Err(not_a_file()),
            },
            _ => return Err(not_a_file()),
        };
        files.insert(name.clone(), bytes);
    }
    let period = period.ok_or("not a valid vector: tables has no period")?;
    Ok(Tables { files, period })
}

/// Runs one vector through the Rust core and judges it: what the Rust runner does.
pub fn check_vector(vector: &Vector) -> Result<(), String> {
    let policy = match vector.policy_json() {
        Some(text) => Policy::from_json(text),
        None => Ok(Policy::norwalk_2016()),
    };
    let outcome = policy.map_err(|e| e.path).and_then(|p| match (vector.dataset_json(), vector.tables()) {
        (Some(json), _) => crate::contract::audit_json(&p, json.as_bytes()).map_err(|e| e.path),
        (None, Some(t)) => {
            let mapping =
                vector.mapping_json().map(crate::Mapping::from_json).transpose().map_err(|e| e.path)?;
            crate::audit_tables(&p, &t.files, t.period, mapping.as_ref())
                .map(|r| r.to_json())
                .map_err(|e| e.path)
        }
        (None, None) => Err(String::new()),
    });
    match &outcome {
        Ok(json) => vector.judge(Outcome::Report(json)),
        Err(path) => vector.judge(Outcome::Rejected { path }),
    }
}

/// Reads and checks one vector given as JSON text through the Rust core.
pub fn check_vector_text(text: &str) -> Result<(), String> {
    check_vector(&Vector::from_json(text)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_respect_segments() {
        assert!(path_has_prefix("worksheets[0].entries[0].at", "worksheets[0].entries[0]"));
        assert!(path_has_prefix("worksheets[0]", "worksheets[0]"));
        assert!(path_has_prefix("x", ""));
        assert!(!path_has_prefix("worksheets[0].entries[10]", "worksheets[0].entries[1]"));
        assert!(!path_has_prefix("periods", "period"));
    }

    const DATASET: &str = r#"{"period": {"start": "2016-03-14", "end": "2016-03-20"},
        "personnel": [{"id": "S200", "role": "sergeant"}], "worksheets": []}"#;

    fn vector(expect: &str) -> Vector {
        Vector::from_json(&format!(r#"{{"name": "n", "dataset": {DATASET}, "expect": {expect}}}"#)).unwrap()
    }

    #[test]
    fn the_judge_tells_a_pass_from_each_failure() {
        let pass = r#"{"findings": [{"rule": "SGT-BRIEFING", "subject": "personnel:S200", "severity": "violation"}],
                       "summary": {"worksheets_audited": 0}}"#;
        assert_eq!(check_vector(&vector(pass)), Ok(()));
        let missing = pass.replace("SGT-BRIEFING", "FP-CARD");
        assert_eq!(
            check_vector(&vector(&missing)),
            Err("missing FP-CARD personnel:S200; unexpected SGT-BRIEFING personnel:S200".into())
        );
        let severity = pass.replace("\"violation\"", "\"advisory\"");
        assert_eq!(
            check_vector(&vector(&severity)),
            Err("SGT-BRIEFING personnel:S200 has severity violation, expected advisory".into())
        );
        let summary = pass.replace("\"worksheets_audited\": 0", "\"worksheets_audited\": 1");
        assert_eq!(
            check_vector(&vector(&summary)),
            Err("summary.worksheets_audited is 0, expected 1".into())
        );
        let error = vector(r#"{"error": {"path": "period"}}"#);
        assert_eq!(check_vector(&error), Err("accepted, expected a rejection at \"period\"".into()));
        assert_eq!(error.judge(Outcome::Rejected { path: "period.end" }), Ok(()));
        assert_eq!(
            error.judge(Outcome::Rejected { path: "periods" }),
            Err("rejected at path \"periods\", expected a path starting with \"period\"".into())
        );
        assert_eq!(
            vector(pass).judge(Outcome::Rejected { path: "" }),
            Err("rejected at path \"\", expected a report".into())
        );
        assert!(Vector::from_json("{}").unwrap_err().starts_with("not a valid vector: "));
    }

    #[test]
    fn a_tabular_rejection_path_must_be_equal() {
        let v = Vector::from_json(
            r#"{"name": "n", "tables": {"period": {"start": "2016-03-01", "end": "2016-03-01"},
                "personnel.csv": "id,role\n"}, "expect": {"error": {"path": "entries.csv"}}}"#,
        )
        .unwrap();
        assert_eq!(v.judge(Outcome::Rejected { path: "entries.csv" }), Ok(()));
        assert_eq!(
            v.judge(Outcome::Rejected { path: "entries.csv:2:at" }),
            Err("rejected at path \"entries.csv:2:at\", expected the path \"entries.csv\"".into())
        );
        assert_eq!(v.tables().map(|t| t.files.len()), Some(1));
        assert_eq!(v.dataset_json(), None);
    }
}
