//! The contract every binding shares: what crosses a language boundary, written once.
//!
//! Modelled on cedar-policy's `ffi` module: one JSON-in/JSON-out surface over the core's own
//! serde types, so a binding (Python, Kotlin/Swift, C) converts bytes and errors and decides
//! nothing.
//!
//! * Settings, rules, findings, the summary, the report and errors are the core's serde types
//!   ([`crate::Policy`], [`crate::Rule`], [`crate::Finding`], [`crate::Summary`],
//!   [`crate::Report`], [`crate::InputError`] / [`crate::PolicyError`], whose JSON is
//!   `{"kind", "path", "line", "column", "message"}`); the functions below give their JSON.
//! * The enum word lists: [`vocabularies`].
//! * The conformance judge: [`judge`] reads a vector into policy bytes, dataset bytes and
//!   expectations, and compares an outcome (a report's JSON, or a rejection's path) against
//!   them, with the messages every runner prints. Each runner audits through its own binding
//!   and hands the outcome to this judge.

pub mod judge;

use serde::Deserialize;

use crate::error::{render_path, InputError, InputErrorKind};
use crate::model::read::{check_area, check_id, optional_object, validate_entry};
use crate::model::{Assignment, Dataset, Entry, Review, Timestamp};
use crate::{Finding, Policy, WorksheetHeader};

pub use crate::words::vocabularies;

/// Parses a JSON dataset, audits it and returns the SPEC §4 report's bytes (the same bytes
/// `Report::to_json` writes and the audit example prints with `--format json`).
///
/// ```
/// let report = contact755::contract::audit_json(&contact755::Policy::norwalk_2016(), br#"{
///   "period": {"start": "2016-03-14", "end": "2016-03-20"}, "personnel": [], "worksheets": []
/// }"#).unwrap();
/// assert!(report.starts_with("{\n  \"policy\": {"));
/// ```
pub fn audit_json(policy: &Policy, dataset: &[u8]) -> Result<String, InputError> {
    crate::audit_json(policy, dataset).map(|r| r.to_json())
}

/// A §2 worksheet object given to the real-time check: its `entries` and `review` are
/// optional (read and checked when given, then left out).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WorksheetObject {
    id: String,
    personnel_id: String,
    #[serde(deserialize_with = "crate::model::read::de_date")]
    date: chrono::NaiveDate,
    assignment: Assignment,
    #[serde(default)]
    area: Option<String>,
    #[serde(default)]
    #[allow(dead_code)] // read and checked like a dataset's; not part of the header
    reporting_district: Option<String>,
    #[serde(default)]
    vehicle_id: Option<String>,
    #[serde(default, deserialize_with = "crate::model::read::de_opt_timestamp")]
    shift_start: Option<Timestamp>,
    #[serde(default, deserialize_with = "crate::model::read::de_opt_timestamp")]
    shift_end: Option<Timestamp>,
    #[serde(default, deserialize_with = "crate::model::read::null_or_objects")]
    entries: Vec<Entry>,
    #[serde(default, deserialize_with = "optional_object")]
    review: Option<Review>,
}

/// The real-time check from JSON: a §2 worksheet object (its `entries` and `review` optional)
/// and a §2 entry object in, the entry's findings out, as [`crate::check_entry`] gives them.
/// Errors name `worksheet.…` and `entry.…` paths.
///
/// ```
/// let findings = contact755::contract::check_entry_json(
///     &contact755::Policy::norwalk_2016(),
///     br#"{"id": "W1", "personnel_id": "D100", "date": "2016-03-17", "assignment": "field", "area": "Norwalk"}"#,
///     br#"{"id": "E1", "at": "2016-03-17T09:12:00-07:00", "activity": "obs", "clearance_codes": ["415"],
///          "contact": {"category": "resident", "card_provided": true}}"#,
/// ).unwrap();
/// assert_eq!(findings[0].rule.as_str(), "FP-CODE-755");
/// ```
pub fn check_entry_json(policy: &Policy, worksheet: &[u8], entry: &[u8]) -> Result<Vec<Finding>, InputError> {
    let w: WorksheetObject =
        crate::model::read::parse_json(worksheet).map_err(|e| prefixed("worksheet", e))?;
    let header = WorksheetHeader {
        id: w.id,
        personnel_id: w.personnel_id,
        date: w.date,
        assignment: w.assignment,
        area: w.area,
        shift_start: w.shift_start,
        shift_end: w.shift_end,
    };
    header.validate()?;
    if let Some(v) = &w.vehicle_id {
        check_id(v, || "worksheet.vehicle_id".into())?;
    }
    check_area(header.assignment, header.area.as_deref(), || "worksheet".into())?;
    for (i, e) in w.entries.iter().enumerate() {
        validate_entry(e, || format!("worksheet.entries[{i}]"))?;
    }
    if let Some(r) = &w.review {
        check_id(&r.reviewer_id, || "worksheet.review.reviewer_id".into())?;
    }
    let entry: Entry = crate::model::read::parse_json(entry).map_err(|e| prefixed("entry", e))?;
    crate::check_entry(policy, &header, &entry)
}

/// A path of a sub-document, under the name the caller gave it (`worksheet.date`); a syntax
/// error keeps its empty path and its line and column.
fn prefixed(name: &str, mut e: InputError) -> InputError {
    if e.kind != InputErrorKind::Syntax {
        e.path = if e.path.is_empty() { name.to_string() } else { format!("{name}.{}", e.path) };
    }
    e
}

/// Findings as a JSON array of §4 finding objects.
pub fn findings_json(findings: &[Finding]) -> String {
    // Findings hold strings, words and dates: they always serialize.
    serde_json::to_string(findings).unwrap_or_default()
}

/// The catalog as `policy` applies it, as a JSON array (`id`, `severity`, `enabled`, `scope`,
/// `subject`, `title`, `checks`, `citation`, `example`).
pub fn rules_json(policy: &Policy) -> String {
    serde_json::to_string(&policy.rules()).unwrap_or_default()
}

/// A rejection as JSON: `{"kind", "path", "line", "column", "message"}`.
pub fn error_json(error: &InputError) -> String {
    serde_json::to_string(error).unwrap_or_default()
}

/// Reads a dataset from any serde data format (a Python `dict` through `pythonize`, say), with
/// the path of the first problem, then validates it as [`Dataset::from_json`] does. Line and
/// column are unknown outside a text format.
pub fn read_dataset<'de, D: serde::Deserializer<'de>>(de: D) -> Result<Dataset, InputError> {
    let dataset: Dataset = serde_path_to_error::deserialize(ObjectDe(de)).map_err(|e| {
        let message = crate::error::redact_serde_message(&e.inner().to_string());
        InputError::at(crate::error::classify_message(&message), render_path(e.path()), message)
    })?;
    dataset.validate()?;
    Ok(dataset)
}

/// Reads a policy object (overrides of a preset) from any serde data format, as
/// [`Policy::from_json`] reads JSON; paths as for JSON, no line or column.
pub fn read_policy<'de, D: serde::Deserializer<'de>>(de: D) -> Result<Policy, crate::PolicyError> {
    Policy::from_deserializer(ObjectDe(de))
}

/// A deserializer whose top level must be an object (records are objects only, SPEC §2).
struct ObjectDe<D>(D);

impl<'de, D: serde::Deserializer<'de>> serde::Deserializer<'de> for ObjectDe<D> {
    type Error = D::Error;
    fn deserialize_any<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        self.0.deserialize_map(visitor)
    }
    fn deserialize_struct<V: serde::de::Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.deserialize_map(visitor)
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
    }
}
