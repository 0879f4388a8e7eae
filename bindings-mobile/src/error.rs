//! The one error type of the binding: the core's `InputError`, `PolicyError` and
//! `MappingError`, field for field, never flattened into a string, the XLSX writer's refusal
//! and the judge's refusal of a conformance vector.

use contact755::render::RenderError;
use contact755::{InputError, InputErrorKind, MappingError, PolicyError};

/// Why the core refused an input; the variants keep the core's structure.
///
/// `path` names the offending value the way the SPEC writes it (`worksheets[0].entries[1].at`;
/// `worksheet.date` or `entry.contact` for `checkEntry`; the setting's name for a policy); it
/// is empty for a syntax error, which carries `line` and `column` (1-based) instead.
///
/// Kotlin: `Contact755Exception.InvalidInput` / `.InvalidPolicy` / `.InvalidMapping` /
/// `.RenderFailed` / `.InvalidVector`; Swift: `Contact755Error.InvalidInput` / ... likewise. A
/// failure of the library itself (a panic) is never one of these: it arrives as UniFFI's
/// internal error (Kotlin `InternalException`, Swift `UniffiInternalError.rustPanic`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
#[uniffi::export(Display)]
pub enum Contact755Error {
    /// A dataset, worksheet header or entry was rejected as a whole.
    #[error("{}", InputError { kind: *kind, path: path.clone(), line: *line, column: *column, message: message.clone() })]
    InvalidInput {
        /// What kind of problem this is.
        kind: InputErrorKind,
        /// Where: the path of the offending value, or `""` for a syntax error.
        path: String,
        /// 1-based line of the problem in the document, where known.
        line: Option<u64>,
        /// 1-based column of the problem in the document, where known.
        column: Option<u64>,
        /// What is wrong, in words (no citizen data).
        message: String,
    },
    /// A policy (station settings) was rejected.
    #[error("{}", PolicyError { kind: *kind, path: path.clone(), line: *line, column: *column, message: message.clone() })]
    InvalidPolicy {
        /// What kind of problem this is.
        kind: InputErrorKind,
        /// The setting at fault (`covered_areas`, `covered_areas[1]`), or `""` for a syntax
        /// error.
        path: String,
        /// 1-based line of a syntax error, where known.
        line: Option<u64>,
        /// 1-based column of a syntax error, where known.
        column: Option<u64>,
        /// What is wrong, in words.
        message: String,
    },
    /// A mapping of an export's layout (SPEC §7.3, `Mapping.fromToml` / `fromJson`) was
    /// rejected.
    #[error("{}", MappingError { kind: *kind, path: path.clone(), line: *line, column: *column, message: message.clone() })]
    InvalidMapping {
        /// What kind of problem this is.
        kind: InputErrorKind,
        /// The mapping key at fault (`entries.timestamps.time_zone`), or `""` for a syntax
        /// error.
        path: String,
        /// 1-based line of a syntax error, where known.
        line: Option<u64>,
        /// 1-based column of a syntax error, where known.
        column: Option<u64>,
        /// What is wrong, in words.
        message: String,
    },
    /// The XLSX writer refused a report (`toXlsx`): a sheet over the spreadsheet's limits, such
    /// as more than 1 048 575 findings.
    #[error("{message}")]
    RenderFailed {
        /// Why, in the core's words (`the XLSX workbook could not be written: ...`).
        message: String,
    },
    /// A text given to `ConformanceVector.parse` is not a conformance vector (SPEC §5).
    #[error("{message}")]
    InvalidVector {
        /// Why, in the core judge's words (`not a valid vector: ...`).
        message: String,
    },
}

impl From<InputError> for Contact755Error {
    fn from(e: InputError) -> Self {
        let InputError { kind, path, line, column, message } = e;
        Contact755Error::InvalidInput { kind, path, line, column, message }
    }
}

impl From<PolicyError> for Contact755Error {
    fn from(e: PolicyError) -> Self {
        let PolicyError { kind, path, line, column, message } = e;
        Contact755Error::InvalidPolicy { kind, path, line, column, message }
    }
}

impl From<MappingError> for Contact755Error {
    fn from(e: MappingError) -> Self {
        let MappingError { kind, path, line, column, message } = e;
        Contact755Error::InvalidMapping { kind, path, line, column, message }
    }
}

impl From<RenderError> for Contact755Error {
    fn from(e: RenderError) -> Self {
        Contact755Error::RenderFailed { message: e.to_string() }
    }
}

impl Contact755Error {
    /// A value of a record given to `checkEntry` that could not become the core's type (a
    /// date that is not `YYYY-MM-DD`, an instant out of range).
    pub(crate) fn invalid_value(path: &str, message: String) -> Self {
        Contact755Error::InvalidInput {
            kind: InputErrorKind::InvalidValue,
            path: path.to_string(),
            line: None,
            column: None,
            message,
        }
    }

    /// An error of the entry at `index` of a `checkEntries` call: the core's `entry...` path
    /// becomes `entries[index]...`; a worksheet error is returned as it is.
    pub(crate) fn for_entry_at(self, index: usize) -> Self {
        match self {
            Contact755Error::InvalidInput { kind, path, line, column, message } => {
                let path = match path.strip_prefix("entry") {
                    Some(rest) if rest.is_empty() || rest.starts_with(['.', '[']) => {
                        format!("entries[{index}]{rest}")
                    }
                    _ => path,
                };
                Contact755Error::InvalidInput { kind, path, line, column, message }
            }
            other => other,
        }
    }
}
