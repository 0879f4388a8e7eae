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
//! Panic safety: the body of every function and method of this module runs inside
//! [`guarded`], which turns an unexpected Rust panic into [`InternalError`]
//! (`contact755.InternalError`, a `RuntimeError`) instead of PyO3's `PanicException` (a
//! `BaseException` that `except Exception` would miss). With the cargo feature `test-hooks`
//! the module also has `_panic_for_test()`, which panics on purpose through the same guard; the
//! test wheel is built with it, distributed wheels are not.
//!
//! Enum values cross the boundary as the core's serde words (`"self_initiated"`,
//! `"sergeant"`, ...), read and written with serde so the spelling (and aliases such as `obs`)
//! is always the core's.

#![forbid(unsafe_code)]

// `guarded` catches panics with `catch_unwind`, which catches nothing when panics abort.
#[cfg(not(panic = "unwind"))]
compile_error!("contact755-python must be built with panic = \"unwind\" (its panic guard needs unwinding)");

use std::borrow::Cow;
use std::panic::{catch_unwind, AssertUnwindSafe};

use contact755::{
    Activity, Assignment, Category, Contact, Entry, Finding, InputError, InputErrorKind, Policy, PolicyError,
    Report, WorksheetHeader,
};
use pyo3::conversion::FromPyObjectOwned;
use pyo3::exceptions::{PyRuntimeError, PyTypeError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedBytes;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyBytes, PyDate, PyDateTime, PyDict, PyList, PyString, PyTuple, PyType};
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

pyo3::create_exception!(
    contact755,
    InternalError,
    PyRuntimeError,
    "An unexpected failure inside contact755 (a bug), never a verdict on the input.\n\n\
     Raised instead of crashing or of PyO3's PanicException when the Rust code panics. The \
     message carries no input data. The interpreter stays usable: later calls work normally."
);

/// The text of every [`InternalError`]: what happened, without the panic's own message, which
/// could quote input data.
const INTERNAL_ERROR_MESSAGE: &str =
    "contact755 internal error: the Rust code failed unexpectedly (a bug, not a \
     problem with the input); please report it. The call had no effect, and later calls work normally.";

/// Runs the body of a native function or method and turns an unexpected panic into
/// [`InternalError`]. Every entry point of this module goes through it, so no panic reaches
/// PyO3 (which would raise `PanicException`, a `BaseException`).
///
/// `AssertUnwindSafe` is sound here: the bodies only read the immutable core values behind
/// `&self` and build new values; a panic leaves nothing half-updated behind.
fn guarded<T>(body: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    catch_unwind(AssertUnwindSafe(body))
        .unwrap_or_else(|_payload| Err(InternalError::new_err(INTERNAL_ERROR_MESSAGE)))
}

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

/// Reads a serde word into a core enum (aliases included), or says why not, in the words of
/// serde's error (the same as for a dataset's value, without its position).
fn parse_word<T: DeserializeOwned>(path: &str, value: &str) -> Result<T, ErrorFields> {
    let word = serde::de::value::StrDeserializer::<serde::de::value::Error>::new(value);
    T::deserialize(word).map_err(|e| invalid_value(path, e.to_string()))
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
    fn norwalk_2016() -> PyResult<Self> {
        guarded(|| Ok(NativePolicy { inner: Policy::norwalk_2016() }))
    }

    /// The Norwalk defaults overridden field by field by a JSON object (UTF-8 bytes).
    #[staticmethod]
    fn from_json(py: Python<'_>, data: PyBackedBytes) -> PyResult<Self> {
        guarded(|| {
            let parsed = py.detach(|| Policy::from_json(&data));
            parsed.map(|inner| NativePolicy { inner }).map_err(|e| policy_error(py, e))
        })
    }

    /// The Norwalk defaults overridden field by field by a TOML document (UTF-8 bytes).
    #[staticmethod]
    fn from_toml(py: Python<'_>, data: PyBackedBytes) -> PyResult<Self> {
        guarded(|| {
            let text = match std::str::from_utf8(&data) {
                Ok(text) => text,
                Err(e) => return Err(policy_error(py, utf8_error(&data, &e))),
            };
            let parsed = py.detach(|| Policy::from_toml(text));
            parsed.map(|inner| NativePolicy { inner }).map_err(|e| policy_error(py, e))
        })
    }

    /// The station's name, printed in reports.
    #[getter]
    fn station(&self) -> PyResult<&str> {
        guarded(|| Ok(self.inner.station.as_str()))
    }

    /// The clearance code that documents a community-relations contact.
    #[getter]
    fn community_relations_code(&self) -> PyResult<&str> {
        guarded(|| Ok(self.inner.community_relations_code.as_str()))
    }

    /// The covered areas, in the policy's spelling.
    #[getter]
    fn covered_areas(&self) -> PyResult<Vec<String>> {
        guarded(|| Ok(self.inner.covered_areas.clone()))
    }

    /// The roles allowed to review worksheets, as the core's words.
    #[getter]
    fn reviewer_roles(&self) -> PyResult<Vec<String>> {
        guarded(|| Ok(self.inner.reviewer_roles.iter().map(word).collect()))
    }

    /// `FP-REGULAR`'s minimum of valid 755 entries per covered shift (0: off).
    #[getter]
    fn min_contacts_per_shift(&self) -> PyResult<u32> {
        guarded(|| Ok(self.inner.min_contacts_per_shift))
    }

    /// Days a sergeant's briefing counts for (0: off).
    #[getter]
    fn briefing_interval_days(&self) -> PyResult<u32> {
        guarded(|| Ok(self.inner.briefing_interval_days))
    }

    /// The fewest cards a checked patrol vehicle may hold (0: off).
    #[getter]
    fn min_cards_in_vehicle(&self) -> PyResult<u32> {
        guarded(|| Ok(self.inner.min_cards_in_vehicle))
    }

    /// Days a vehicle check counts for (0: off).
    #[getter]
    fn card_check_interval_days(&self) -> PyResult<u32> {
        guarded(|| Ok(self.inner.card_check_interval_days))
    }

    /// The policy as the core's pretty JSON, every setting spelled out.
    fn to_json(&self) -> PyResult<String> {
        guarded(|| Ok(self.inner.to_json()))
    }

    /// Parses a JSON dataset (UTF-8 bytes) and audits it; the GIL is released meanwhile.
    fn audit(&self, py: Python<'_>, data: PyBackedBytes) -> PyResult<NativeReport> {
        guarded(|| {
            let policy = &self.inner;
            let outcome = py.detach(|| contact755::audit_json(policy, &data));
            outcome.map(|inner| NativeReport { inner }).map_err(|e| input_error(py, e))
        })
    }

    /// The core's real-time check of one entry, from the Python values `contact755.Policy.
    /// check_entry` was given: `str` ids and words (enum members are `str`s), a
    /// `datetime.date`, aware `datetime.datetime`s, an iterable of `str` codes and a
    /// `contact755.Contact` or `None`. Wrong Python types raise `TypeError`; a lone surrogate,
    /// a naive datetime and whatever the core rejects raise `InvalidInputError` with the
    /// core's path. Returns the findings as tuples.
    #[allow(clippy::too_many_arguments)]
    #[pyo3(signature = (worksheet_id, personnel_id, date, assignment, area, shift_start, shift_end,
                        entry_id, at, activity, clearance_codes, contact))]
    fn check_entry<'py>(
        &self,
        py: Python<'py>,
        worksheet_id: &Bound<'py, PyAny>,
        personnel_id: &Bound<'py, PyAny>,
        date: &Bound<'py, PyAny>,
        assignment: &Bound<'py, PyAny>,
        area: &Bound<'py, PyAny>,
        shift_start: &Bound<'py, PyAny>,
        shift_end: &Bound<'py, PyAny>,
        entry_id: &Bound<'py, PyAny>,
        at: &Bound<'py, PyAny>,
        activity: &Bound<'py, PyAny>,
        clearance_codes: &Bound<'py, PyAny>,
        contact: &Bound<'py, PyAny>,
    ) -> PyResult<Vec<FindingTuple>> {
        guarded(|| {
            // Python's side first, in the order of the parameters' checks: types, Unicode,
            // naive datetimes. Then the core's words, dates and timestamps, then its checks.
            let date = py_date(date)?;
            let contact = py_contact(contact)?;
            let header = RawHeader {
                id: text(worksheet_id, "worksheet_id", "worksheet.id")?,
                personnel_id: text(personnel_id, "personnel_id", "worksheet.personnel_id")?,
                date,
                assignment: enum_word(
                    assignment,
                    "an Assignment or str",
                    "assignment",
                    "worksheet.assignment",
                )?,
                area: optional(area, |v| text(v, "area", "worksheet.area"))?,
                shift_start: optional(shift_start, |v| timestamp(v, "shift_start", "worksheet.shift_start"))?,
                shift_end: optional(shift_end, |v| timestamp(v, "shift_end", "worksheet.shift_end"))?,
            };
            let entry = RawEntry {
                id: text(entry_id, "entry_id", "entry.id")?,
                at: timestamp(at, "at", "entry.at")?,
                activity: enum_word(activity, "an Activity or str", "activity", "entry.activity")?,
                clearance_codes: codes(clearance_codes)?,
                contact,
            };
            let (header, entry) = core_values(header, entry).map_err(|e| input_error(py, e))?;
            let findings =
                contact755::check_entry(&self.inner, &header, &entry).map_err(|e| input_error(py, e))?;
            Ok(findings.iter().map(finding_tuple).collect())
        })
    }

    fn __repr__(&self) -> PyResult<String> {
        guarded(|| Ok(format!("<contact755._native.Policy {:?}>", self.inner.station)))
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
// check_entry's arguments: Python values to the core's types
// ---------------------------------------------------------------------------------------------
//
// Two steps, as the Python wrapper and this module used to split them. First the Python
// side, parameter by parameter: Python types (`TypeError`), lone surrogates and naive
// datetimes (`InvalidInputError`). Dates and timestamps become the text `isoformat()` gives:
// for the standard library's own `date` and `datetime` it is computed from their fields (no
// Python call), a subclass's own `isoformat()` is called. Then the core parses that text and
// the enum words, with its own rules and messages, exactly as it parses a dataset.

/// A worksheet header as Python gave it, before the core reads its date, words and timestamps.
struct RawHeader {
    id: String,
    personnel_id: String,
    date: String,
    assignment: String,
    area: Option<String>,
    shift_start: Option<String>,
    shift_end: Option<String>,
}

/// An entry as Python gave it, before the core reads its timestamp and words.
struct RawEntry {
    id: String,
    at: String,
    activity: String,
    clearance_codes: Vec<String>,
    contact: Option<RawContact>,
}

/// A `contact755.Contact` as Python gave it.
struct RawContact {
    category: String,
    card_provided: bool,
    description: Option<String>,
}

/// The core's header and entry, with its words, date and timestamps parsed.
fn core_values(h: RawHeader, e: RawEntry) -> Result<(WorksheetHeader, Entry), ErrorFields> {
    let timestamp =
        |path: &str, value: &str| contact755::parse_timestamp(value).map_err(|m| invalid_value(path, m));
    let header = WorksheetHeader {
        id: h.id,
        personnel_id: h.personnel_id,
        date: contact755::parse_date(&h.date).map_err(|m| invalid_value("worksheet.date", m))?,
        assignment: parse_word::<Assignment>("worksheet.assignment", &h.assignment)?,
        area: h.area,
        shift_start: h.shift_start.map(|s| timestamp("worksheet.shift_start", &s)).transpose()?,
        shift_end: h.shift_end.map(|s| timestamp("worksheet.shift_end", &s)).transpose()?,
    };
    let contact = match e.contact {
        Some(c) => Some(Contact {
            category: parse_word::<Category>("entry.contact.category", &c.category)?,
            card_provided: c.card_provided,
            description: c.description,
        }),
        None => None,
    };
    let entry = Entry {
        id: e.id,
        at: timestamp("entry.at", &e.at)?,
        activity: parse_word::<Activity>("entry.activity", &e.activity)?,
        clearance_codes: e.clearance_codes,
        contact,
    };
    Ok((header, entry))
}

/// `TypeError: {param} must be {expected}, not {type(value).__name__}`.
fn type_error(param: &str, expected: &str, value: &Bound<'_, PyAny>) -> PyErr {
    PyTypeError::new_err(format!("{param} must be {expected}, not {}", type_name(value)))
}

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value.get_type().name().map_or_else(|_| "?".to_string(), |name| name.to_string())
}

/// A `str` that UTF-8 cannot hold (a lone surrogate): `InvalidInputError` at `path`.
fn not_unicode(py: Python<'_>, param: &str, path: &str) -> PyErr {
    input_error(py, invalid_value(path, format!("{param} is not valid Unicode (it holds a lone surrogate)")))
}

/// The text of a `str` (or `str` subclass, such as the enums) given as `param`.
fn string_value(value: &Bound<'_, PyAny>, param: &str, path: &str, expected: &str) -> PyResult<String> {
    match value.cast::<PyString>() {
        Ok(s) => s.to_cow().map(Cow::into_owned).map_err(|_| not_unicode(value.py(), param, path)),
        Err(_) => Err(type_error(param, expected, value)),
    }
}

/// A `str` argument.
fn text(value: &Bound<'_, PyAny>, param: &str, path: &str) -> PyResult<String> {
    string_value(value, param, path, "a str")
}

/// An enum argument: a member of the `str` enum (read as its word, which is its `str` value) or
/// a word; `expected` names both for the `TypeError` (`"a Category or str"`).
fn enum_word(value: &Bound<'_, PyAny>, expected: &str, param: &str, path: &str) -> PyResult<String> {
    string_value(value, param, path, expected)
}

/// `None`, or the value converted.
fn optional<'py, T>(
    value: &Bound<'py, PyAny>,
    convert: impl FnOnce(&Bound<'py, PyAny>) -> PyResult<T>,
) -> PyResult<Option<T>> {
    if value.is_none() {
        Ok(None)
    } else {
        convert(value).map(Some)
    }
}

/// Integer attributes (`year`, `month`, ...) of a `date`, `datetime` or `timedelta`.
fn int_attrs<'py, T, const N: usize>(
    value: &Bound<'py, PyAny>,
    names: [&Bound<'py, PyString>; N],
) -> PyResult<[T; N]>
where
    T: Default + Copy + FromPyObjectOwned<'py, Error = PyErr>,
{
    let mut values = [T::default(); N];
    for (slot, name) in values.iter_mut().zip(names) {
        *slot = value.getattr(name)?.extract()?;
    }
    Ok(values)
}

/// Appends `(separator, value, width)` parts to `text`: each separator, then the value in
/// decimal, zero-padded to `width` digits (Python's `%0Nd`). Written by hand because
/// `format!` with padding cost more than all the rest of a `check_entry` conversion.
fn push_fields(text: &mut String, parts: &[(&str, u64, usize)]) {
    for &(separator, value, width) in parts {
        text.push_str(separator);
        let mut digits = [0u8; 20];
        let (mut rest, mut start) = (value, digits.len());
        while rest > 0 || start == digits.len() {
            start -= 1;
            digits[start] = b'0' + (rest % 10) as u8;
            rest /= 10;
        }
        for _ in digits.len() - start..width {
            text.push('0');
        }
        text.extend(digits[start..].iter().map(|&d| char::from(d)));
    }
}

/// `value.isoformat()`, for subclasses of `date` and `datetime`, which may define their own.
fn isoformat(value: &Bound<'_, PyAny>) -> PyResult<String> {
    value.call_method0(intern!(value.py(), "isoformat"))?.extract()
}

/// The worksheet's `date`: a `datetime.date` that is not a `datetime.datetime`, as
/// `YYYY-MM-DD`.
fn py_date(value: &Bound<'_, PyAny>) -> PyResult<String> {
    if !value.is_instance_of::<PyDate>() || value.is_instance_of::<PyDateTime>() {
        return Err(type_error("date", "a datetime.date", value));
    }
    if !value.is_exact_instance_of::<PyDate>() {
        return isoformat(value);
    }
    let py = value.py();
    let [y, m, d] =
        int_attrs::<u64, 3>(value, [intern!(py, "year"), intern!(py, "month"), intern!(py, "day")])?;
    let mut text = String::with_capacity(10);
    push_fields(&mut text, &[("", y, 4), ("-", m, 2), ("-", d, 2)]);
    Ok(text)
}

/// An aware `datetime.datetime` as RFC 3339 text, the text `isoformat()` gives:
/// `YYYY-MM-DDTHH:MM:SS[.ffffff]±HH:MM[:SS[.ffffff]]` (the core refuses offsets with seconds).
fn timestamp(value: &Bound<'_, PyAny>, param: &str, path: &str) -> PyResult<String> {
    let py = value.py();
    if !value.is_instance_of::<PyDateTime>() {
        return Err(type_error(param, "a datetime.datetime with a timezone", value));
    }
    // `utcoffset()` is None for a naive datetime: without tzinfo, or with one that gives None.
    let offset = value.call_method0(intern!(py, "utcoffset"))?;
    if offset.is_none() {
        let message = format!(
            "{param} is a naive datetime; give a timezone-aware one, \
             e.g. datetime(..., tzinfo=zoneinfo.ZoneInfo('America/Los_Angeles'))"
        );
        return Err(input_error(py, invalid_value(path, message)));
    }
    if !value.is_exact_instance_of::<PyDateTime>() {
        return isoformat(value);
    }
    let [year, month, day, hour, minute, second, micros] = int_attrs::<u64, 7>(
        value,
        [
            intern!(py, "year"),
            intern!(py, "month"),
            intern!(py, "day"),
            intern!(py, "hour"),
            intern!(py, "minute"),
            intern!(py, "second"),
            intern!(py, "microsecond"),
        ],
    )?;
    let mut text = String::with_capacity(40);
    push_fields(
        &mut text,
        &[("", year, 4), ("-", month, 2), ("-", day, 2), ("T", hour, 2), (":", minute, 2), (":", second, 2)],
    );
    if micros != 0 {
        push_fields(&mut text, &[(".", micros, 6)]);
    }
    // The offset: a timedelta strictly within ±24 h (datetime.utcoffset() checks that).
    let [days, seconds, micros] = int_attrs::<i64, 3>(
        &offset,
        [intern!(py, "days"), intern!(py, "seconds"), intern!(py, "microseconds")],
    )?;
    let total = (days * 86_400 + seconds) * 1_000_000 + micros;
    let sign = if total < 0 { "-" } else { "+" };
    let total = total.unsigned_abs();
    let (hours, minutes) = (total / 3_600_000_000, total / 60_000_000 % 60);
    let (seconds, micros) = (total / 1_000_000 % 60, total % 1_000_000);
    push_fields(&mut text, &[(sign, hours, 2), (":", minutes, 2)]);
    if seconds != 0 || micros != 0 {
        push_fields(&mut text, &[(":", seconds, 2)]);
        if micros != 0 {
            push_fields(&mut text, &[(".", micros, 6)]);
        }
    }
    Ok(text)
}

static CONTACT: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// The entry's `contact`: `None` or a `contact755.Contact`.
fn py_contact(value: &Bound<'_, PyAny>) -> PyResult<Option<RawContact>> {
    if value.is_none() {
        return Ok(None);
    }
    let py = value.py();
    if !value.is_instance(CONTACT.import(py, "contact755._model", "Contact")?)? {
        return Err(type_error("contact", "a contact755.Contact or None", value));
    }
    let card_provided = value.getattr(intern!(py, "card_provided"))?;
    let Ok(card_provided) = card_provided.cast::<PyBool>() else {
        return Err(type_error("contact.card_provided", "a bool", &card_provided));
    };
    Ok(Some(RawContact {
        card_provided: card_provided.is_true(),
        category: enum_word(
            &value.getattr(intern!(py, "category"))?,
            "a Category or str",
            "contact.category",
            "entry.contact.category",
        )?,
        description: optional(&value.getattr(intern!(py, "description"))?, |v| {
            text(v, "contact.description", "entry.contact.description")
        })?,
    }))
}

/// The entry's `clearance_codes`: any iterable of `str` but a single `str` (or `bytes`).
fn codes(values: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    if values.is_instance_of::<PyString>() || values.is_instance_of::<PyBytes>() {
        let name = type_name(values);
        return Err(PyTypeError::new_err(format!(
            "clearance_codes must be an iterable of strings, not a single {name}"
        )));
    }
    let items: Vec<Bound<'_, PyAny>> = if let Ok(list) = values.cast::<PyList>() {
        list.iter().collect()
    } else if let Ok(tuple) = values.cast::<PyTuple>() {
        tuple.iter().collect()
    } else {
        values.try_iter()?.collect::<PyResult<_>>()?
    };
    let mut codes = Vec::with_capacity(items.len());
    for (i, code) in items.iter().enumerate() {
        let Ok(code_str) = code.cast::<PyString>() else {
            return Err(type_error(&format!("clearance_codes[{i}]"), "a str", code));
        };
        match code_str.to_cow() {
            Ok(c) => codes.push(c.into_owned()),
            Err(_) => {
                let (param, path) = (format!("clearance_codes[{i}]"), format!("entry.clearance_codes[{i}]"));
                return Err(not_unicode(code.py(), &param, &path));
            }
        }
    }
    Ok(codes)
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
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        guarded(|| Ok(py.detach(|| self.inner.to_json())))
    }

    /// The findings, sorted by rule then subject, as
    /// `(rule, severity, subject, personnel_id, date, message)` tuples.
    fn findings(&self) -> PyResult<Vec<FindingTuple>> {
        guarded(|| Ok(self.inner.findings.iter().map(finding_tuple).collect()))
    }

    /// How many findings the report holds.
    fn finding_count(&self) -> PyResult<usize> {
        guarded(|| Ok(self.inner.findings.len()))
    }

    /// The summary as a tuple (see the stub for the order).
    fn summary(&self) -> PyResult<SummaryTuple> {
        guarded(|| {
            let s = &self.inner.summary;
            Ok((
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
            ))
        })
    }

    /// The policy the audit applied.
    fn policy(&self) -> PyResult<NativePolicy> {
        guarded(|| Ok(NativePolicy { inner: self.inner.policy.clone() }))
    }
}

// ---------------------------------------------------------------------------------------------
// Module
// ---------------------------------------------------------------------------------------------

/// A rule of the catalog: `(id, severity, title, citation)`.
type RuleTuple = (&'static str, &'static str, &'static str, Option<&'static str>);

/// The rule catalog as `(id, severity, title, citation)` tuples, in the core's order.
#[pyfunction]
fn rules() -> PyResult<Vec<RuleTuple>> {
    guarded(|| {
        Ok(contact755::rules().map(|r| (r.id.as_str(), r.severity.as_str(), r.title, r.citation)).collect())
    })
}

/// The core's SPEC §5 test: whether `reported` starts with `expected` at a path boundary.
#[pyfunction]
fn path_has_prefix(reported: &str, expected: &str) -> PyResult<bool> {
    guarded(|| Ok(contact755::conformance::path_has_prefix(reported, expected)))
}

/// Test hook (cargo feature `test-hooks`, never in distributed wheels): panics on purpose
/// inside [`guarded`], with the GIL released when `detached`, so the tests can prove that a
/// panic becomes `contact755.InternalError`. The panic message quotes `text`, standing for
/// input data that must not reach the exception.
#[cfg(feature = "test-hooks")]
#[pyfunction]
#[pyo3(name = "_panic_for_test", signature = (text = "", detached = false))]
fn panic_for_test(py: Python<'_>, text: &str, detached: bool) -> PyResult<()> {
    guarded(|| {
        if detached {
            py.detach(|| panic!("deliberate panic for the tests, GIL released: {text}"))
        } else {
            panic!("deliberate panic for the tests: {text}")
        }
    })
}

/// Private native module of the `contact755` package; use `contact755` instead.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("InternalError", m.py().get_type::<InternalError>())?;
    m.add_class::<NativePolicy>()?;
    m.add_class::<NativeReport>()?;
    m.add_function(wrap_pyfunction!(rules, m)?)?;
    m.add_function(wrap_pyfunction!(path_has_prefix, m)?)?;
    // `setattr`, not `add_function`, which would list this private name in `__all__`.
    #[cfg(feature = "test-hooks")]
    m.setattr("_panic_for_test", wrap_pyfunction!(panic_for_test, m)?)?;
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
        // The same message as serde_json gives for the word as a JSON value.
        for bad in ["patrol", "", "Self_Initiated"] {
            let json = serde_json::from_value::<Activity>(serde_json::Value::String(bad.into())).unwrap_err();
            let ours = parse_word::<Activity>("entry.activity", bad).err().map(|e| e.message);
            assert_eq!(ours, Some(json.to_string()));
        }
    }

    /// Issue 5: every function and method Python can call runs its body inside `guarded`, so a
    /// panic anywhere becomes `InternalError` (tests/test_panic.py proves the guard itself).
    #[test]
    fn every_entry_point_runs_inside_the_panic_guard() {
        let mut lines = include_str!("lib.rs").lines();
        let (mut in_methods, mut in_function, mut checked) = (false, false, Vec::new());
        while let Some(line) = lines.next() {
            in_methods = (in_methods || line.starts_with("#[pymethods]")) && line != "}";
            in_function = in_function || line.starts_with("#[pyfunction]");
            if (in_methods && line.starts_with("    fn ")) || (in_function && line.starts_with("fn ")) {
                in_function = false;
                let mut signature = line;
                while !signature.ends_with('{') {
                    signature = lines.next().expect("a function body");
                }
                let body = lines.next().expect("a function body").trim_start();
                assert!(body.starts_with("guarded("), "`{}` does not run inside guarded()", line.trim());
                checked.push(line);
            }
        }
        assert!(checked.len() >= 22, "{checked:#?}");
    }

    #[test]
    fn fields_are_zero_padded_like_python_percent_0nd() {
        let mut text = String::new();
        push_fields(&mut text, &[("", 16, 4), ("-", 3, 2), ("T", 0, 2), (".", 1200, 6), ("/", 12345, 2)]);
        assert_eq!(text, "0016-03T00.001200/12345");
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
