//! Error types: every rejection carries the JSON path of the offending value.

use serde::Serialize;

use crate::words::word_enum;

word_enum! {
    /// What kind of structural problem made the input unacceptable.
    ///
    /// The kinds mirror the rejection table of the SPEC (§2, "Rejected input"), so a caller can
    /// react to a class of problem without parsing the message. The C ABI numbers them in this
    /// order, from 1.
    pub enum InputErrorKind as "error_kind" {
        /// The document is not well-formed JSON (or TOML, or CSV), or is nested too deeply.
        Syntax = "syntax",
        /// An object has a field the format does not define.
        UnknownField = "unknown_field",
        /// A required field is absent.
        MissingField = "missing_field",
        /// A key appears twice in one object.
        DuplicateKey = "duplicate_key",
        /// A value has the wrong JSON type (a string where a number belongs, ...).
        InvalidType = "invalid_type",
        /// A value has the right type but is not acceptable: an unknown enum value, a bad date or
        /// timestamp, a bad id, a negative or too large number.
        InvalidValue = "invalid_value",
        /// Every value is fine on its own but together they break a rule of the format
        /// (`period.end` before `period.start`, a field worksheet without `area`, ...).
        Constraint = "constraint",
    }
}

/// A dataset (or an entry given to [`crate::check_entry`]) was rejected as a whole.
///
/// `path` names the offending value the way the SPEC writes it: fields joined by `.`, array
/// indices in `[]`, no leading `$` (`worksheets[0].entries[1].at`); it is empty for a syntax
/// error, which carries `line` and `column` (1-based) instead.
///
/// The message names the field and the bad value where that value is a code, id, date or enum
/// word; free text (a contact's description, a wrong-typed string) is never quoted.
///
/// ```
/// let err = contact755::Dataset::from_json(b"{\"period\": 1}").unwrap_err();
/// assert_eq!(err.path, "period");
/// assert_eq!(err.kind, contact755::InputErrorKind::InvalidType);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[error("{}", display_error(.path, .line, .column, .message))]
pub struct InputError {
    /// What kind of problem this is.
    pub kind: InputErrorKind,
    /// The JSON path of the offending value, or `""` for a syntax error.
    pub path: String,
    /// 1-based line of the problem in the document, where known.
    pub line: Option<u64>,
    /// 1-based column of the problem in the document, where known.
    pub column: Option<u64>,
    /// What is wrong, in words (no citizen data).
    pub message: String,
}

pub(crate) fn display_error(path: &str, line: &Option<u64>, column: &Option<u64>, message: &str) -> String {
    let mut out = String::new();
    if !path.is_empty() {
        out.push_str(path);
        out.push_str(": ");
    }
    out.push_str(message);
    if let (Some(l), Some(c)) = (line, column) {
        out.push_str(&format!(" (line {l}, column {c})"));
    }
    out
}

impl InputError {
    /// An error about the value at `path`.
    pub(crate) fn at(kind: InputErrorKind, path: impl Into<String>, message: impl Into<String>) -> Self {
        InputError { kind, path: path.into(), line: None, column: None, message: message.into() }
    }
}

/// A policy (station settings) was rejected.
///
/// `path` is the setting's name (`covered_areas`, or `covered_areas[1]` for one bad item), or
/// `""` for a document that is not valid JSON/TOML.
///
/// ```
/// let err = contact755::Policy::from_json(r#"{"covered_areas": []}"#).unwrap_err();
/// assert_eq!(err.path, "covered_areas");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[error("policy {}", display_error(.path, .line, .column, .message))]
pub struct PolicyError {
    /// What kind of problem this is.
    pub kind: InputErrorKind,
    /// The setting at fault, or `""` for a syntax error.
    pub path: String,
    /// 1-based line of a syntax error, where known.
    pub line: Option<u64>,
    /// 1-based column of a syntax error, where known.
    pub column: Option<u64>,
    /// What is wrong, in words.
    pub message: String,
}

impl From<InputError> for PolicyError {
    fn from(e: InputError) -> Self {
        PolicyError { kind: e.kind, path: e.path, line: e.line, column: e.column, message: e.message }
    }
}

/// The longest stretch of an offending value quoted in a message: enough to recognise a
/// mistyped code or date, too little to carry a narrative.
const QUOTE_LIMIT: usize = 40;

/// Shortens a value for quoting in a message.
pub(crate) fn quote(value: &str) -> String {
    let mut out: String = value.chars().take(QUOTE_LIMIT).flat_map(char::escape_default).collect();
    if value.chars().count() > QUOTE_LIMIT {
        out.push('…');
    }
    format!("\"{out}\"")
}

/// Turns serde's message into ours: strings quoted by serde for a type mismatch could be free
/// text, so they are dropped; enum words and field names are kept, shortened.
pub(crate) fn redact_serde_message(msg: &str) -> String {
    // serde: `invalid type: string "…", expected …` / `invalid value: string "…", expected …`
    let mut out = String::with_capacity(msg.len());
    let mut rest = msg;
    while let Some(pos) = rest.find("string \"") {
        out.push_str(&rest[..pos]);
        out.push_str("a string");
        let after = &rest[pos + "string \"".len()..];
        // Skip to the closing quote (serde escapes inner quotes with `\"`).
        let mut chars = after.char_indices();
        let mut end = after.len();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => {
                    chars.next();
                }
                '"' => {
                    end = i + 1;
                    break;
                }
                _ => {}
            }
        }
        rest = &after[end.min(after.len())..];
    }
    out.push_str(rest);
    // Backquoted words (unknown variants, field names) are kept but shortened.
    shorten_backquoted(&out)
}

fn shorten_backquoted(msg: &str) -> String {
    let mut out = String::with_capacity(msg.len());
    let mut parts = msg.split('`');
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for (i, part) in parts.enumerate() {
        out.push('`');
        if i % 2 == 0 && part.chars().count() > QUOTE_LIMIT {
            out.extend(part.chars().take(QUOTE_LIMIT));
            out.push('…');
        } else {
            out.push_str(part);
        }
    }
    out
}

pub(crate) fn classify_message(msg: &str) -> InputErrorKind {
    if msg.starts_with("unknown field") {
        InputErrorKind::UnknownField
    } else if msg.starts_with("missing field") {
        InputErrorKind::MissingField
    } else if msg.starts_with("duplicate field") {
        InputErrorKind::DuplicateKey
    } else if msg.starts_with("invalid type") || msg.starts_with("unexpected type") {
        // "unexpected type" is pythonize's wording (a Python value read as a dataset).
        InputErrorKind::InvalidType
    } else {
        InputErrorKind::InvalidValue
    }
}

/// Renders a serde_path_to_error path the SPEC's way (`a.b[0].c`, `""` for the root).
pub(crate) fn render_path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Segment::Unknown => {}
        }
    }
    out
}

/// Converts a serde_json error found at `path` into an [`InputError`].
pub(crate) fn from_json_error(path: String, err: &serde_json::Error) -> InputError {
    use serde_json::error::Category;
    let line = Some(err.line() as u64).filter(|&l| l > 0);
    // serde_json says column 0 before the first character of a line; we count from 1.
    let column = Some(err.column().max(1) as u64).filter(|_| line.is_some());
    // serde_json appends " at line L column C" to its messages; we carry those separately.
    let full = err.to_string();
    let bare = match full.rfind(" at line ") {
        Some(i) => &full[..i],
        None => full.as_str(),
    };
    match err.classify() {
        Category::Syntax | Category::Eof | Category::Io => InputError {
            kind: InputErrorKind::Syntax,
            path: String::new(),
            line,
            column,
            message: redact_serde_message(bare),
        },
        Category::Data => {
            let message = redact_serde_message(bare);
            InputError { kind: classify_message(&message), path, line, column, message }
        }
    }
}

/// Converts a TOML error (policy files) into an [`InputError`].
pub(crate) fn from_toml_error(err: &toml::de::Error, source: &str) -> InputError {
    let (line, column) = match err.span() {
        Some(span) => {
            let upto = &source[..span.start.min(source.len())];
            let line = upto.matches('\n').count() as u64 + 1;
            let column = upto.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u64 + 1;
            (Some(line), Some(column))
        }
        None => (None, None),
    };
    InputError {
        kind: InputErrorKind::Syntax,
        path: String::new(),
        line,
        column,
        message: redact_serde_message(err.message()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_strings_are_redacted() {
        let m = redact_serde_message("invalid type: string \"Mrs \\\"X\\\" at 12 Elm\", expected a boolean");
        assert_eq!(m, "invalid type: a string, expected a boolean");
    }

    #[test]
    fn long_backquoted_words_are_shortened() {
        let long = "x".repeat(100);
        let m = shorten_backquoted(&format!("unknown variant `{long}`, expected `a`"));
        assert!(m.len() < 80, "{m}");
        assert!(m.ends_with("expected `a`"));
    }

    #[test]
    fn quote_escapes_and_shortens() {
        assert_eq!(quote("a\u{7}b"), "\"a\\u{7}b\"");
        assert!(quote(&"y".repeat(100)).ends_with("…\""));
    }
}
