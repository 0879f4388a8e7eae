//! `contact755._native`: the private native module under the Python package `contact755`.
//!
//! This crate converts types and errors and nothing else; every decision stays in the core
//! crate `contact755`, and what crosses the boundary is the core's contract
//! (`contact755::contract`): its serde types become Python values through `pythonize` (dicts
//! keyed by the core's own field names, dates as `datetime.date` through PyO3's chrono
//! feature), a `dict` dataset or policy is read by the core's serde reader through
//! [`strict::PyValue`] (JSON's semantics, the core's paths), and the conformance judge is the
//! core's.
//! The public, documented, typed API is the pure-Python package in `python/contact755/`:
//!
//! * [`NativePolicy`] (`_native.Policy`): a frozen wrapper of [`contact755::Policy`] with its
//!   constructors, `settings()`, `rules()`, `fingerprint()`, `audit` (GIL released while the
//!   core parses and audits), `audit_dict` and `check_entry`;
//! * [`NativeReport`] (`_native.Report`): a frozen wrapper of [`contact755::Report`];
//! * [`NativeVector`] (`_native.Vector`): a conformance vector and the core's judge;
//! * `rules()`, `presets()`, `vocabularies()`, `setting_names()` and `__version__`.
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

#![forbid(unsafe_code)]

// `guarded` catches panics with `catch_unwind`, which catches nothing when panics abort.
#[cfg(not(panic = "unwind"))]
compile_error!("contact755-python must be built with panic = \"unwind\" (its panic guard needs unwinding)");

mod strict;

use std::borrow::Cow;
use std::panic::{catch_unwind, AssertUnwindSafe};

use chrono::{FixedOffset, NaiveDate, NaiveTime, TimeZone};
use std::collections::BTreeMap;
use std::path::PathBuf;

use contact755::contract::judge::{Outcome, Vector};
use contact755::{
    Activity, Assignment, Category, Contact, Entry, Finding, InputError, InputErrorKind, Policy, PolicyError,
    Report, Timestamp, WorksheetHeader,
};
use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedBytes;
use pyo3::sync::PyOnceLock;
use pyo3::types::{
    PyBool, PyBytes, PyDate, PyDateTime, PyDict, PyList, PyString, PyTimeAccess, PyTuple, PyType,
};
use serde::de::DeserializeOwned;
use serde::Serialize;

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
static MAPPING_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

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

impl From<contact755::MappingError> for ErrorFields {
    fn from(e: contact755::MappingError) -> Self {
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

/// The core rejected a mapping of an export's layout: `contact755.MappingError`.
fn mapping_error(py: Python<'_>, e: impl Into<ErrorFields>) -> PyErr {
    raise(py, &MAPPING_ERROR, "MappingError", e.into())
}

/// A value given to `check_entry` that the core's types cannot hold (an unknown enum word, a
/// naive datetime), reported at `path` like the core reports dataset values.
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
// Core values to Python values
// ---------------------------------------------------------------------------------------------

/// A core value as Python values: dicts keyed by the core's serde field names, lists, `str`,
/// `int`, `bool`, `None` (dates as their `YYYY-MM-DD` text; see [`finding`] for findings).
fn to_py<'py>(py: Python<'py>, value: &impl Serialize) -> PyResult<Bound<'py, PyAny>> {
    pythonize::pythonize(py, value).map_err(PyErr::from)
}

/// A finding as a dict of the core's fields, its `date` a `datetime.date` (PyO3's chrono
/// conversion).
fn finding<'py>(py: Python<'py>, f: &Finding) -> PyResult<Bound<'py, PyAny>> {
    let dict = to_py(py, f)?;
    dict.set_item(intern!(py, "date"), f.date)?;
    Ok(dict)
}

fn findings<'py>(py: Python<'py>, list: &[Finding]) -> PyResult<Bound<'py, PyList>> {
    let items = list.iter().map(|f| finding(py, f)).collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, items)
}

/// Reads a serde word into a core enum (aliases included), or says why not, in the words of
/// serde's error (the same as for a dataset's value, without its position).
fn parse_word<T: DeserializeOwned>(path: &str, value: &str) -> Result<T, ErrorFields> {
    let word = serde::de::value::StrDeserializer::<serde::de::value::Error>::new(value);
    T::deserialize(word).map_err(|e| invalid_value(path, e.to_string()))
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
    /// Norwalk Station's order 16-02 of March 16, 2016 (the `norwalk-2016` preset).
    #[staticmethod]
    fn norwalk_2016() -> PyResult<Self> {
        guarded(|| Ok(NativePolicy { inner: Policy::norwalk_2016() }))
    }

    /// The preset of that name.
    #[staticmethod]
    fn preset(py: Python<'_>, name: &str) -> PyResult<Self> {
        guarded(|| Policy::preset(name).map(|inner| NativePolicy { inner }).map_err(|e| policy_error(py, e)))
    }

    /// A preset overridden field by field by a JSON object (UTF-8 bytes).
    #[staticmethod]
    fn from_json(py: Python<'_>, data: PyBackedBytes) -> PyResult<Self> {
        guarded(|| {
            let parsed = py.detach(|| Policy::from_json(&data));
            parsed.map(|inner| NativePolicy { inner }).map_err(|e| policy_error(py, e))
        })
    }

    /// A preset overridden field by field by a TOML document (UTF-8 bytes).
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

    /// A preset overridden field by field by a `dict` (read by the core's serde reader).
    #[staticmethod]
    fn from_dict(py: Python<'_>, settings: &Bound<'_, PyAny>) -> PyResult<Self> {
        guarded(|| {
            let parsed = contact755::contract::read_policy(strict::PyValue(settings));
            parsed.map(|inner| NativePolicy { inner }).map_err(|e| policy_error(py, e))
        })
    }

    /// Every setting as plain Python values, keyed by the core's setting names.
    fn settings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guarded(|| to_py(py, &self.inner))
    }

    /// The catalog as this policy applies it, as dicts of the core's `Rule` fields.
    fn rules<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guarded(|| to_py(py, &self.inner.rules()))
    }

    /// The policy's fingerprint (hex SHA-256 of its RFC 8785 canonical form).
    fn fingerprint(&self) -> PyResult<String> {
        guarded(|| Ok(self.inner.fingerprint()))
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
            outcome.map(NativeReport::new).map_err(|e| input_error(py, e))
        })
    }

    /// Reads a dataset given as a `dict` with the core's serde reader (paths as for JSON) and
    /// audits it; the audit itself runs with the GIL released.
    fn audit_dict(&self, py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<NativeReport> {
        guarded(|| {
            let dataset =
                contact755::contract::read_dataset(strict::PyValue(data)).map_err(|e| input_error(py, e))?;
            let policy = &self.inner;
            Ok(NativeReport::new(py.detach(|| contact755::audit(policy, &dataset))))
        })
    }

    /// Reads a tabular dataset (SPEC §7) from named byte buffers and audits it; the GIL is
    /// released meanwhile.
    #[pyo3(signature = (files, start, end, mapping=None))]
    fn audit_tables(
        &self,
        py: Python<'_>,
        files: BTreeMap<String, PyBackedBytes>,
        start: NaiveDate,
        end: NaiveDate,
        mapping: Option<PyRef<'_, NativeMapping>>,
    ) -> PyResult<NativeReport> {
        guarded(|| {
            let files: BTreeMap<String, Vec<u8>> = files.into_iter().map(|(k, v)| (k, v.to_vec())).collect();
            let period = contact755::Period { start, end };
            let (policy, mapping) = (&self.inner, mapping.as_ref().map(|m| &m.inner));
            let outcome = py.detach(|| contact755::audit_tables(policy, &files, period, mapping));
            outcome.map(NativeReport::new).map_err(|e| input_error(py, e))
        })
    }

    /// Reads a JSON dataset from a file (the core reads it, one worksheet at a time: memory
    /// grows with worksheets, not entries) and audits it; the GIL is released meanwhile.
    /// `OSError` (its subclass, e.g. `FileNotFoundError`) when the file cannot be opened.
    fn audit_file(&self, py: Python<'_>, path: PathBuf) -> PyResult<NativeReport> {
        guarded(|| {
            let file = std::fs::File::open(&path).map_err(PyErr::from)?;
            let policy = &self.inner;
            let outcome = py.detach(|| contact755::audit_reader(policy, file));
            outcome.map(NativeReport::new).map_err(|e| input_error(py, e))
        })
    }

    /// Reads a tabular dataset from a folder (the core reads the files) and audits it; the GIL
    /// is released meanwhile. `OSError` for a file that cannot be read.
    #[pyo3(signature = (folder, start, end, mapping=None))]
    fn audit_tables_dir(
        &self,
        py: Python<'_>,
        folder: PathBuf,
        start: NaiveDate,
        end: NaiveDate,
        mapping: Option<PyRef<'_, NativeMapping>>,
    ) -> PyResult<NativeReport> {
        guarded(|| {
            let period = contact755::Period { start, end };
            let (policy, mapping) = (&self.inner, mapping.as_ref().map(|m| &m.inner));
            // The core streams entries.csv from disk: memory grows with worksheets, not entries.
            match py.detach(|| contact755::audit_tables_dir(policy, &folder, period, mapping)) {
                Ok(report) => Ok(NativeReport::new(report)),
                Err(contact755::TablesDirError::Input(e)) => Err(input_error(py, e)),
                Err(e) => Err(pyo3::exceptions::PyOSError::new_err(e.to_string())),
            }
        })
    }

    /// The core's real-time check of one entry, from the Python values `contact755.Policy.
    /// check_entry` was given: `str` ids and words (enum members are `str`s), a
    /// `datetime.date`, aware `datetime.datetime`s, an iterable of `str` codes and a
    /// `contact755.Contact` or `None`. Wrong Python types raise `TypeError`; a lone surrogate,
    /// a naive datetime and whatever the core rejects raise `InvalidInputError` with the
    /// core's path. Returns the findings as dicts.
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
    ) -> PyResult<Bound<'py, PyList>> {
        guarded(|| {
            // Python's side first, in the order of the parameters' checks: types, Unicode,
            // naive datetimes. Then the core's words, then its checks.
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
            let found =
                contact755::check_entry(&self.inner, &header, &entry).map_err(|e| input_error(py, e))?;
            findings(py, &found)
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
// Two steps. First the Python side, parameter by parameter: Python types (`TypeError`), lone
// surrogates and naive datetimes (`InvalidInputError`); dates and datetimes through PyO3's
// chrono conversion. Then the core reads the enum words with its own rules and messages,
// exactly as it reads a dataset's.

/// A worksheet header as Python gave it, before the core reads its date, words and timestamps.
struct RawHeader {
    id: String,
    personnel_id: String,
    date: NaiveDate,
    assignment: String,
    area: Option<String>,
    shift_start: Option<Timestamp>,
    shift_end: Option<Timestamp>,
}

/// An entry as Python gave it, before the core reads its timestamp and words.
struct RawEntry {
    id: String,
    at: Timestamp,
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

/// The core's header and entry, with the enum words read by the core.
fn core_values(h: RawHeader, e: RawEntry) -> Result<(WorksheetHeader, Entry), ErrorFields> {
    let header = WorksheetHeader {
        id: h.id,
        personnel_id: h.personnel_id,
        date: h.date,
        assignment: parse_word::<Assignment>("worksheet.assignment", &h.assignment)?,
        area: h.area,
        shift_start: h.shift_start,
        shift_end: h.shift_end,
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
        at: e.at,
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

/// The worksheet's `date`: a `datetime.date` that is not a `datetime.datetime`, read through
/// PyO3's chrono conversion (a subclass is read by its fields).
fn py_date(value: &Bound<'_, PyAny>) -> PyResult<NaiveDate> {
    if !value.is_instance_of::<PyDate>() || value.is_instance_of::<PyDateTime>() {
        return Err(type_error("date", "a datetime.date", value));
    }
    value.extract::<NaiveDate>()
}

/// An aware `datetime.datetime` as the core's timestamp: its wall-clock date and time (PyO3's
/// chrono conversion of its fields) at its `utcoffset()`. Any `tzinfo` works (`zoneinfo`
/// included), which PyO3's own `DateTime<FixedOffset>` conversion does not allow. An offset
/// with seconds has no RFC 3339 form and is rejected, as the core rejects it in a dataset.
fn timestamp(value: &Bound<'_, PyAny>, param: &str, path: &str) -> PyResult<Timestamp> {
    let py = value.py();
    let Ok(dt) = value.cast::<PyDateTime>() else {
        return Err(type_error(param, "a datetime.datetime with a timezone", value));
    };
    // `utcoffset()` is None for a naive datetime: without tzinfo, or with one that gives None.
    let offset = value.call_method0(intern!(py, "utcoffset"))?;
    if offset.is_none() {
        let message = format!(
            "{param} is a naive datetime; give a timezone-aware one, \
             e.g. datetime(..., tzinfo=zoneinfo.ZoneInfo('America/Los_Angeles'))"
        );
        return Err(input_error(py, invalid_value(path, message)));
    }
    let offset: chrono::TimeDelta = offset.extract()?;
    let seconds = offset.num_seconds();
    let whole_minutes = seconds % 60 == 0 && offset.subsec_nanos() == 0;
    let offset = i32::try_from(seconds).ok().filter(|_| whole_minutes).and_then(FixedOffset::east_opt);
    let Some(offset) = offset else {
        let message = format!("{param} has a UTC offset with seconds, which RFC 3339 cannot write");
        return Err(input_error(py, invalid_value(path, message)));
    };
    let date: NaiveDate = value.extract()?;
    let time = NaiveTime::from_hms_micro_opt(
        u32::from(dt.get_hour()),
        u32::from(dt.get_minute()),
        u32::from(dt.get_second()),
        dt.get_microsecond(),
    );
    let local = time.map(|t| date.and_time(t));
    match local.and_then(|l| offset.from_local_datetime(&l).single()) {
        Some(t) => Ok(t),
        None => Err(input_error(py, invalid_value(path, format!("{param} is out of the supported range")))),
    }
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

impl NativeReport {
    fn new(inner: Report) -> Self {
        NativeReport { inner }
    }
}

#[pymethods]
impl NativeReport {
    /// Reads a SPEC §4 report's JSON (what `to_json` writes), with the core's path on error.
    #[staticmethod]
    fn from_json(py: Python<'_>, data: PyBackedBytes) -> PyResult<Self> {
        guarded(|| Report::from_json(&data).map(NativeReport::new).map_err(|e| input_error(py, e)))
    }

    /// The sergeant's text view (`contact755::render::text`).
    #[pyo3(signature = (all=false, source=None))]
    fn to_text(&self, all: bool, source: Option<String>) -> PyResult<String> {
        guarded(|| {
            let options = contact755::render::TextOptions { all, source, roles: None };
            Ok(contact755::render::text(&self.inner, &options))
        })
    }

    /// The findings as CSV (`contact755::render::findings_csv`).
    fn to_csv(&self) -> PyResult<String> {
        guarded(|| Ok(contact755::render::findings_csv(&self.inner)))
    }

    /// One self-contained HTML page (`contact755::render::html`).
    fn to_html(&self) -> PyResult<String> {
        guarded(|| Ok(contact755::render::html(&self.inner)))
    }

    /// The XLSX workbook's bytes (`contact755::render::xlsx`); `ValueError` when the writer
    /// refuses it (over the spreadsheet limits).
    fn to_xlsx<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        guarded(|| {
            let bytes = py.detach(|| contact755::render::xlsx(&self.inner));
            bytes.map(|b| PyBytes::new(py, &b)).map_err(|e| PyValueError::new_err(e.to_string()))
        })
    }

    /// What changed from this report to `after` (SPEC §8), as a dict of the core's
    /// `ReportDiff` fields (findings as in `findings()`).
    fn diff<'py>(&self, py: Python<'py>, after: PyRef<'py, NativeReport>) -> PyResult<Bound<'py, PyAny>> {
        guarded(|| {
            let d = contact755::diff(&self.inner, &after.inner);
            let out = to_py(py, &d)?;
            out.set_item("resolved", findings(py, &d.resolved)?)?;
            out.set_item("new", findings(py, &d.new)?)?;
            Ok(out)
        })
    }

    /// The core's `Report::to_json()`: pretty JSON ending in a newline (GIL released).
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        guarded(|| Ok(py.detach(|| self.inner.to_json())))
    }

    /// The findings, sorted by rule then subject, as dicts of the core's `Finding` fields.
    fn findings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        guarded(|| findings(py, &self.inner.findings))
    }

    /// How many findings the report holds.
    fn finding_count(&self) -> PyResult<usize> {
        guarded(|| Ok(self.inner.findings.len()))
    }

    /// The summary as a dict of the core's `Summary` fields.
    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guarded(|| to_py(py, &self.inner.summary))
    }

    /// The policy the audit applied.
    fn policy(&self) -> PyResult<NativePolicy> {
        guarded(|| Ok(NativePolicy { inner: self.inner.policy.clone() }))
    }

    /// The fingerprint of the policy the audit applied.
    #[getter]
    fn policy_sha256(&self) -> PyResult<&str> {
        guarded(|| Ok(self.inner.policy_sha256.as_str()))
    }
}

// ---------------------------------------------------------------------------------------------
// Conformance vectors: the core's judge
// ---------------------------------------------------------------------------------------------

/// One conformance vector, read by the core, judged by the core.
#[pyclass(name = "Vector", module = "contact755._native", frozen)]
pub struct NativeVector {
    inner: Vector,
}

#[pymethods]
impl NativeVector {
    /// Reads a vector; `ValueError("not a valid vector: …")` when the text is not one.
    #[staticmethod]
    fn parse(text: &str) -> PyResult<Self> {
        guarded(|| Vector::from_json(text).map(|inner| NativeVector { inner }).map_err(PyValueError::new_err))
    }

    /// The vector's name.
    #[getter]
    fn name(&self) -> PyResult<&str> {
        guarded(|| Ok(self.inner.name.as_str()))
    }

    /// The policy override as the file's JSON text, or `None`.
    #[getter]
    fn policy_json(&self) -> PyResult<Option<&str>> {
        guarded(|| Ok(self.inner.policy_json()))
    }

    /// The dataset as the file's JSON text, or `None` for a tabular dataset.
    #[getter]
    fn dataset_json(&self) -> PyResult<Option<&str>> {
        guarded(|| Ok(self.inner.dataset_json()))
    }

    /// A tabular dataset's files by name (bytes), or `None`.
    #[getter]
    fn tables_files<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        guarded(|| {
            let Some(t) = self.inner.tables() else { return Ok(None) };
            let out = PyDict::new(py);
            for (name, bytes) in &t.files {
                out.set_item(name, PyBytes::new(py, bytes))?;
            }
            Ok(Some(out))
        })
    }

    /// A tabular dataset's period as `(start, end)` dates, or `None`.
    #[getter]
    fn tables_period(&self) -> PyResult<Option<(NaiveDate, NaiveDate)>> {
        guarded(|| Ok(self.inner.tables().map(|t| (t.period.start, t.period.end))))
    }

    /// The mapping of a tabular dataset as the file's JSON text, or `None`.
    #[getter]
    fn mapping_json(&self) -> PyResult<Option<&str>> {
        guarded(|| Ok(self.inner.mapping_json()))
    }

    /// The core's verdict on a report's JSON: `None` when the vector passes, else what differed.
    fn judge_report(&self, report_json: &str) -> PyResult<Option<String>> {
        guarded(|| Ok(self.inner.judge(Outcome::Report(report_json)).err()))
    }

    /// The core's verdict on a rejection at `path`.
    fn judge_rejection(&self, path: &str) -> PyResult<Option<String>> {
        guarded(|| Ok(self.inner.judge(Outcome::Rejected { path }).err()))
    }
}

// ---------------------------------------------------------------------------------------------
// Tabular datasets: mappings and periods
// ---------------------------------------------------------------------------------------------

/// How another system's export reads as the SPEC's tables (SPEC §7.3).
#[pyclass(name = "Mapping", module = "contact755._native", frozen)]
pub struct NativeMapping {
    inner: contact755::Mapping,
}

#[pymethods]
impl NativeMapping {
    /// A mapping from TOML (UTF-8 bytes).
    #[staticmethod]
    fn from_toml(py: Python<'_>, data: PyBackedBytes) -> PyResult<Self> {
        guarded(|| {
            let text = std::str::from_utf8(&data).map_err(|e| mapping_error(py, utf8_error(&data, &e)))?;
            contact755::Mapping::from_toml(text)
                .map(|inner| NativeMapping { inner })
                .map_err(|e| mapping_error(py, e))
        })
    }

    /// A mapping from JSON (UTF-8 bytes).
    #[staticmethod]
    fn from_json(py: Python<'_>, data: PyBackedBytes) -> PyResult<Self> {
        guarded(|| {
            contact755::Mapping::from_json(&data[..])
                .map(|inner| NativeMapping { inner })
                .map_err(|e| mapping_error(py, e))
        })
    }

    /// The file names this mapping reads.
    fn file_names(&self) -> PyResult<Vec<String>> {
        guarded(|| Ok(self.inner.file_names()))
    }
}

/// A period as the command line writes it (`2016-03`, `2016-03-01..2016-03-31`): `(start, end)`.
#[pyfunction]
fn parse_period(py: Python<'_>, text: &str) -> PyResult<(NaiveDate, NaiveDate)> {
    guarded(|| contact755::parse_period(text).map(|p| (p.start, p.end)).map_err(|e| input_error(py, e)))
}

/// What changed between two reports given as JSON (SPEC §8), as in `Report.diff`.
#[pyfunction]
fn diff_json<'py>(
    py: Python<'py>,
    before: PyBackedBytes,
    after: PyBackedBytes,
) -> PyResult<Bound<'py, PyAny>> {
    guarded(|| {
        let d = contact755::diff_json(&before, &after).map_err(|e| input_error(py, e))?;
        let out = to_py(py, &d)?;
        out.set_item("resolved", findings(py, &d.resolved)?)?;
        out.set_item("new", findings(py, &d.new)?)?;
        Ok(out)
    })
}

// ---------------------------------------------------------------------------------------------
// Module
// ---------------------------------------------------------------------------------------------

/// The rule catalog as the `norwalk-2016` preset applies it, as dicts of the core's fields.
#[pyfunction]
fn rules(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    guarded(|| to_py(py, &contact755::rules()))
}

/// The names of the presets.
#[pyfunction]
fn presets() -> PyResult<Vec<&'static str>> {
    guarded(|| Ok(contact755::presets()))
}

/// Every vocabulary of the core with its words: `{"role": ["deputy", ...], ...}`.
#[pyfunction]
fn vocabularies(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    guarded(|| {
        let out = PyDict::new(py);
        for (name, words) in contact755::vocabularies() {
            out.set_item(name, words.to_vec())?;
        }
        Ok(out)
    })
}

/// The names of the policy's settings, in the report's order.
#[pyfunction]
fn setting_names() -> PyResult<Vec<&'static str>> {
    guarded(|| Ok(contact755::SETTING_NAMES.to_vec()))
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
    m.add_class::<NativeVector>()?;
    m.add_class::<NativeMapping>()?;
    m.add_function(wrap_pyfunction!(parse_period, m)?)?;
    m.add_function(wrap_pyfunction!(diff_json, m)?)?;
    m.add_function(wrap_pyfunction!(rules, m)?)?;
    m.add_function(wrap_pyfunction!(presets, m)?)?;
    m.add_function(wrap_pyfunction!(vocabularies, m)?)?;
    m.add_function(wrap_pyfunction!(setting_names, m)?)?;
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
        assert_eq!(Category::BusinessOwner.as_str(), "business_owner");
        assert_eq!(contact755::Role::ReserveDeputy.as_str(), "reserve_deputy");
        assert_eq!(Activity::CallForService.as_str(), "call_for_service");
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
        assert!(checked.len() >= 25, "{checked:#?}");
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
