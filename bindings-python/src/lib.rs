//! `contact755._native`: the private native module under the Python package `contact755`.
//!
//! This crate converts types and errors and nothing else; every decision stays in the core
//! crate `contact755`. The public, documented, typed API is the pure-Python package in
//! `python/contact755/`, which wraps what is defined here:
//!
//! * [`NativePolicy`] (`_native.Policy`): a frozen wrapper of [`contact755::Policy`] with its
//!   constructors, one getter per setting, `audit` (GIL released while the core parses and
//!   audits) and `check_entry`;
//! * [`NativeReport`] (`_native.Report`): a frozen wrapper of [`contact755::Report`] that hands
//!   out its findings and summary as plain tuples and its JSON (`Report::to_json`);
//! * `rules()`, `path_has_prefix()` and `__version__`.
//!
//! Errors are raised as the Python classes `contact755._errors.InvalidInputError` and
//! `PolicyError`, built from the core's [`InputError`] / [`PolicyError`] fields.
//!
//! Enum values cross the boundary as the core's serde words (`"self_initiated"`,
//! `"sergeant"`, ...), read and written with serde so the spelling (and aliases such as `obs`)
//! is always the core's.

#![forbid(unsafe_code)]

use contact755::{
    Activity, Assignment, Category, Contact, Entry, Finding, InputError, InputErrorKind, Policy, PolicyError,
    Report, WorksheetHeader,
};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedBytes;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyType};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// A finding as it crosses the boundary:
/// `(rule, severity, subject, personnel_id, date "YYYY-MM-DD" or None, message)`.
type FindingTuple = (&'static str, &'static str, String, Option<String>, Option<String>, String);

/// One person's summary line: `(id, covered_shifts, contacts_755, findings)`.
type PersonTuple = (String, u64, u64, u64);

/// The summary: `(worksheets_audited, worksheets_covered, contacts_755, cards_provided,
/// by_category, by_activity, by_area, findings_by_rule, personnel)`; the maps are lists of
/// `(key, count)` pairs in the core's order.
type SummaryTuple = (
    u64,
    u64,
    u64,
    u64,
    Vec<(String, u64)>,
    Vec<(String, u64)>,
    Vec<(String, u64)>,
    Vec<(String, u64)>,
    Vec<PersonTuple>,
);

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

static INVALID_INPUT_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static POLICY_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// The fields shared by the core's two error types.
struct ErrorFields {
    kind: InputErrorKind,
    path: String,
    line: Option<u64>,
    column: Option<u64>,
    message: String,
    /// The core's `Display` of the error: `path: message (line L, column C)`.
    text: String,
}

impl From<InputError> for ErrorFields {
    fn from(e: InputError) -> Self {
        let text = e.to_string();
        ErrorFields { kind: e.kind, path: e.path, line: e.line, column: e.column, message: e.message, text }
    }
}

impl From<PolicyError> for ErrorFields {
    fn from(e: PolicyError) -> Self {
        let text = e.to_string();
        ErrorFields { kind: e.kind, path: e.path, line: e.line, column: e.column, message: e.message, text }
    }
}

/// Builds an instance of the Python exception class `contact755._errors.<name>`.
fn raise(py: Python<'_>, cell: &'static PyOnceLock<Py<PyType>>, name: &str, e: ErrorFields) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let cls = cell.import(py, "contact755._errors", name)?;
        let kwargs = PyDict::new(py);
        kwargs.set_item("kind", e.kind.as_str())?;
        kwargs.set_item("path", &e.path)?;
        kwargs.set_item("line", e.line)?;
        kwargs.set_item("column", e.column)?;
        kwargs.set_item("message", &e.message)?;
        let instance = cls.call((e.text.as_str(),), Some(&kwargs))?;
        Ok(PyErr::from_value(instance))
    };
    build().unwrap_or_else(|err| err)
}

/// The core rejected a dataset or an entry: `contact755.InvalidInputError`.
fn input_error(py: Python<'_>, e: impl Into<ErrorFields>) -> PyErr {
    raise(py, &INVALID_INPUT_ERROR, "InvalidInputError", e.into())
}

/// The core rejected a policy: `contact755.PolicyError`.
fn policy_error(py: Python<'_>, e: impl Into<ErrorFields>) -> PyErr {
    raise(py, &POLICY_ERROR, "PolicyError", e.into())
}

/// A value given to `check_entry` that the core's types cannot hold (an unknown enum word, a
/// malformed date or timestamp), reported at `path` like the core reports dataset values.
fn invalid_value(path: &str, message: String) -> ErrorFields {
    let text = format!("{path}: {message}");
    ErrorFields {
        kind: InputErrorKind::InvalidValue,
        path: path.to_string(),
        line: None,
        column: None,
        message,
        text,
    }
}

// ---------------------------------------------------------------------------------------------
// Enum words, always through the core's serde spelling
// ---------------------------------------------------------------------------------------------

/// The serde word of a unit enum value (`Category::BusinessOwner` → `"business_owner"`).
fn word<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        // The core's enums are all unit variants that serialize as strings.
        other => format!("{other:?}"),
    }
}

/// Reads a serde word into a core enum (aliases included), or says why not.
fn parse_word<T: DeserializeOwned>(path: &str, value: &str) -> Result<T, ErrorFields> {
    serde_json::from_value(serde_json::Value::String(value.to_string()))
        .map_err(|e| invalid_value(path, e.to_string()))
}

/// A map keyed by a core enum, as `(word, count)` pairs in the map's order.
fn words<K: Serialize>(map: &std::collections::BTreeMap<K, u64>) -> Vec<(String, u64)> {
    map.iter().map(|(k, v)| (word(k), *v)).collect()
}

fn finding_tuple(f: &Finding) -> FindingTuple {
    (
        f.rule.as_str(),
        f.severity.as_str(),
        f.subject.clone(),
        f.personnel_id.clone(),
        f.date.map(|d| d.to_string()),
        f.message.clone(),
    )
}

// ---------------------------------------------------------------------------------------------
// Policy
// ---------------------------------------------------------------------------------------------

/// The station's settings (native half of `contact755.Policy`).
#[pyclass(name = "Policy", module = "contact755._native", frozen)]
pub struct NativePolicy {
    inner: Policy,
}

#[pymethods]
impl NativePolicy {
    /// Norwalk Station's directive of March 16, 2016, with the documented defaults.
    #[staticmethod]
    fn norwalk_2016() -> Self {
        NativePolicy { inner: Policy::norwalk_2016() }
    }

    /// The Norwalk defaults overridden field by field by a JSON object (UTF-8 bytes).
    #[staticmethod]
    fn from_json(py: Python<'_>, data: PyBackedBytes) -> PyResult<Self> {
        let parsed = py.detach(|| Policy::from_json(&*data));
        parsed.map(|inner| NativePolicy { inner }).map_err(|e| policy_error(py, e))
    }

    /// The Norwalk defaults overridden field by field by a TOML document (UTF-8 bytes).
    #[staticmethod]
    fn from_toml(py: Python<'_>, data: PyBackedBytes) -> PyResult<Self> {
        let text = match std::str::from_utf8(&data) {
            Ok(text) => text,
            Err(e) => return Err(policy_error(py, utf8_error(&data, &e))),
        };
        let parsed = py.detach(|| Policy::from_toml(text));
        parsed.map(|inner| NativePolicy { inner }).map_err(|e| policy_error(py, e))
    }

    /// The station's name, printed in reports.
    #[getter]
    fn station(&self) -> &str {
        &self.inner.station
    }

    /// The clearance code that documents a community-relations contact.
    #[getter]
    fn community_relations_code(&self) -> &str {
        &self.inner.community_relations_code
    }

    /// The covered areas, in the policy's spelling.
    #[getter]
    fn covered_areas(&self) -> Vec<String> {
        self.inner.covered_areas.clone()
    }

    /// The roles allowed to review worksheets, as the core's words.
    #[getter]
    fn reviewer_roles(&self) -> Vec<String> {
        self.inner.reviewer_roles.iter().map(word).collect()
    }

    /// `FP-REGULAR`'s minimum of valid 755 entries per covered shift (0: off).
    #[getter]
    fn min_contacts_per_shift(&self) -> u32 {
        self.inner.min_contacts_per_shift
    }

    /// Days a sergeant's briefing counts for (0: off).
    #[getter]
    fn briefing_interval_days(&self) -> u32 {
        self.inner.briefing_interval_days
    }

    /// The fewest cards a checked patrol vehicle may hold (0: off).
    #[getter]
    fn min_cards_in_vehicle(&self) -> u32 {
        self.inner.min_cards_in_vehicle
    }

    /// Days a vehicle check counts for (0: off).
    #[getter]
    fn card_check_interval_days(&self) -> u32 {
        self.inner.card_check_interval_days
    }

    /// The policy as the core's pretty JSON, every setting spelled out.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// Parses a JSON dataset (UTF-8 bytes) and audits it; the GIL is released meanwhile.
    fn audit(&self, py: Python<'_>, data: PyBackedBytes) -> PyResult<NativeReport> {
        let policy = &self.inner;
        let outcome = py.detach(|| contact755::audit_json(policy, &data));
        outcome.map(|inner| NativeReport { inner }).map_err(|e| input_error(py, e))
    }

    /// The core's real-time check of one entry. Enum values are the core's words, the date is
    /// `YYYY-MM-DD`, timestamps are RFC 3339 with an offset; `contact` is
    /// `(category, card_provided, description)`.
    #[allow(clippy::too_many_arguments)]
    #[pyo3(signature = (worksheet_id, personnel_id, date, assignment, area, shift_start, shift_end,
                        entry_id, at, activity, clearance_codes, contact))]
    fn check_entry(
        &self,
        py: Python<'_>,
        worksheet_id: String,
        personnel_id: String,
        date: &str,
        assignment: &str,
        area: Option<String>,
        shift_start: Option<&str>,
        shift_end: Option<&str>,
        entry_id: String,
        at: &str,
        activity: &str,
        clearance_codes: Vec<String>,
        contact: Option<(String, bool, Option<String>)>,
    ) -> PyResult<Vec<FindingTuple>> {
        let timestamp =
            |path: &str, value: &str| contact755::parse_timestamp(value).map_err(|m| invalid_value(path, m));
        let build = || -> Result<(WorksheetHeader, Entry), ErrorFields> {
            let header = WorksheetHeader {
                id: worksheet_id,
                personnel_id,
                date: contact755::parse_date(date).map_err(|m| invalid_value("worksheet.date", m))?,
                assignment: parse_word::<Assignment>("worksheet.assignment", assignment)?,
                area,
                shift_start: shift_start.map(|s| timestamp("worksheet.shift_start", s)).transpose()?,
                shift_end: shift_end.map(|s| timestamp("worksheet.shift_end", s)).transpose()?,
            };
            let contact = match contact {
                Some((category, card_provided, description)) => Some(Contact {
                    category: parse_word::<Category>("entry.contact.category", &category)?,
                    card_provided,
                    description,
                }),
                None => None,
            };
            let entry = Entry {
                id: entry_id,
                at: timestamp("entry.at", at)?,
                activity: parse_word::<Activity>("entry.activity", activity)?,
                clearance_codes,
                contact,
            };
            Ok((header, entry))
        };
        let (header, entry) = build().map_err(|e| input_error(py, e))?;
        let findings =
            contact755::check_entry(&self.inner, &header, &entry).map_err(|e| input_error(py, e))?;
        Ok(findings.iter().map(finding_tuple).collect())
    }

    fn __repr__(&self) -> String {
        format!("<contact755._native.Policy {:?}>", self.inner.station)
    }
}

/// A syntax error for a policy document that is not UTF-8, with the line and column (1-based,
/// in characters) of the first bad byte.
fn utf8_error(data: &[u8], e: &std::str::Utf8Error) -> PolicyError {
    let valid = std::str::from_utf8(&data[..e.valid_up_to()]).unwrap_or_default();
    let line = valid.matches('\n').count() as u64 + 1;
    let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u64 + 1;
    let message = "the document is not valid UTF-8".to_string();
    PolicyError {
        kind: InputErrorKind::Syntax,
        path: String::new(),
        line: Some(line),
        column: Some(column),
        message,
    }
}

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------

/// The result of an audit (native half of `contact755.Report`).
#[pyclass(name = "Report", module = "contact755._native", frozen)]
pub struct NativeReport {
    inner: Report,
}

#[pymethods]
impl NativeReport {
    /// The core's `Report::to_json()`: pretty JSON ending in a newline (GIL released).
    fn to_json(&self, py: Python<'_>) -> String {
        py.detach(|| self.inner.to_json())
    }

    /// The findings, sorted by rule then subject, as
    /// `(rule, severity, subject, personnel_id, date, message)` tuples.
    fn findings(&self) -> Vec<FindingTuple> {
        self.inner.findings.iter().map(finding_tuple).collect()
    }

    /// How many findings the report holds.
    fn finding_count(&self) -> usize {
        self.inner.findings.len()
    }

    /// The summary as a tuple (see the stub for the order).
    fn summary(&self) -> SummaryTuple {
        let s = &self.inner.summary;
        (
            s.worksheets_audited,
            s.worksheets_covered,
            s.contacts_755,
            s.cards_provided,
            words(&s.by_category),
            words(&s.by_activity),
            s.by_area.iter().map(|(k, v)| (k.clone(), *v)).collect(),
            s.findings_by_rule.iter().map(|(k, v)| (k.clone(), *v)).collect(),
            s.personnel
                .iter()
                .map(|p| (p.id.clone(), p.covered_shifts, p.contacts_755, p.findings))
                .collect(),
        )
    }

    /// The policy the audit applied.
    fn policy(&self) -> NativePolicy {
        NativePolicy { inner: self.inner.policy.clone() }
    }
}

// ---------------------------------------------------------------------------------------------
// Module
// ---------------------------------------------------------------------------------------------

/// The rule catalog as `(id, severity, title, citation)` tuples, in the core's order.
#[pyfunction]
fn rules() -> Vec<(&'static str, &'static str, &'static str, Option<&'static str>)> {
    contact755::rules().map(|r| (r.id.as_str(), r.severity.as_str(), r.title, r.citation)).collect()
}

/// The core's SPEC §5 test: whether `reported` starts with `expected` at a path boundary.
#[pyfunction]
fn path_has_prefix(reported: &str, expected: &str) -> bool {
    contact755::conformance::path_has_prefix(reported, expected)
}

/// Private native module of the `contact755` package; use `contact755` instead.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<NativePolicy>()?;
    m.add_class::<NativeReport>()?;
    m.add_function(wrap_pyfunction!(rules, m)?)?;
    m.add_function(wrap_pyfunction!(path_has_prefix, m)?)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enum_words_are_the_cores_serde_words() {
        assert_eq!(word(&Category::BusinessOwner), "business_owner");
        assert_eq!(word(&contact755::Role::ReserveDeputy), "reserve_deputy");
        assert_eq!(word(&Activity::CallForService), "call_for_service");
        assert!(matches!(parse_word::<Activity>("entry.activity", "obs"), Ok(Activity::SelfInitiated)));
        assert!(matches!(
            parse_word::<Assignment>("worksheet.assignment", "non_field"),
            Ok(Assignment::NonField)
        ));
        match parse_word::<Activity>("entry.activity", "patrol") {
            Err(e) => {
                assert_eq!((e.path.as_str(), e.kind), ("entry.activity", InputErrorKind::InvalidValue));
                assert!(e.text.starts_with("entry.activity: unknown variant `patrol`"), "{}", e.text);
            }
            Ok(_) => panic!("an unknown activity was accepted"),
        }
    }

    #[test]
    fn utf8_errors_point_at_the_first_bad_byte() {
        let data: Vec<u8> = [&b"station = 'x'\nab"[..], &[0xff], b"c = 1"].concat();
        let err = std::str::from_utf8(&data).unwrap_err();
        let e = utf8_error(&data, &err);
        assert_eq!(
            (e.kind, e.path.as_str(), e.line, e.column),
            (InputErrorKind::Syntax, "", Some(2), Some(3))
        );
    }
}
