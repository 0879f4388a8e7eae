//! The clearance code format (SPEC §6.2 `clearance_code_pattern`): a regular expression a whole
//! trimmed code must match.

use serde::{Deserialize, Serialize};

/// The default pattern: 1 to 8 ASCII letters or digits.
pub const DEFAULT_CODE_PATTERN: &str = "[0-9A-Za-z]{1,8}";

/// A compiled clearance code pattern; compares, prints and serializes as its source text.
///
/// ```
/// use contact755::CodePattern;
/// let three_digits = CodePattern::new("[0-9]{3}").unwrap();
/// assert!(three_digits.matches("755"));
/// assert!(!three_digits.matches("7555"));
/// assert!(CodePattern::new("(").is_err());
/// ```
#[derive(Debug, Clone)]
pub struct CodePattern {
    source: String,
    /// `^(?:source)$`: the whole code must match.
    whole: regex::Regex,
}

impl CodePattern {
    /// Compiles `source`; the error says why it is not a regular expression.
    pub fn new(source: &str) -> Result<CodePattern, String> {
        let whole = regex::Regex::new(&format!("^(?:{source})$")).map_err(|e| match e {
            regex::Error::Syntax(_) => "not a valid regular expression".to_string(),
            regex::Error::CompiledTooBig(_) => "the regular expression is too large".to_string(),
            _ => "not a usable regular expression".to_string(),
        })?;
        Ok(CodePattern { source: source.to_string(), whole })
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Whether the whole of `code` matches.
    pub fn matches(&self, code: &str) -> bool {
        self.whole.is_match(code)
    }

    /// Why a trimmed code is malformed, or `None` when it is well-formed. The default pattern
    /// is checked without the regex engine (it is the hot path of every audit), giving the
    /// SPEC's three reasons; a test proves both ways agree.
    pub(crate) fn malformed_reason(&self, code: &str) -> Option<&'static str> {
        if code.is_empty() {
            return Some("empty");
        }
        if self.source == DEFAULT_CODE_PATTERN {
            return default_pattern_reason(code);
        }
        (!self.matches(code)).then_some("not matching the station's clearance code pattern")
    }
}

/// The default pattern's reasons, as the SPEC lists them for `DATA-CODE-MALFORMED`.
fn default_pattern_reason(code: &str) -> Option<&'static str> {
    if !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
        Some("not made only of letters and digits")
    } else if code.len() > 8 {
        Some("longer than 8 characters")
    } else {
        None
    }
}

impl Default for CodePattern {
    fn default() -> Self {
        // The default pattern compiles (a unit test proves it).
        CodePattern::new(DEFAULT_CODE_PATTERN)
            .unwrap_or_else(|_| unreachable!("the default pattern compiles"))
    }
}

impl PartialEq for CodePattern {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}

impl Eq for CodePattern {}

impl std::fmt::Display for CodePattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.source)
    }
}

impl Serialize for CodePattern {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.source)
    }
}

impl<'de> Deserialize<'de> for CodePattern {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let source = String::deserialize(d)?;
        CodePattern::new(&source).map_err(serde::de::Error::custom)
    }
}

/// Whether a trimmed clearance code is well-formed under the default pattern
/// (`[0-9A-Za-z]{1,8}`); a policy's own pattern is [`crate::Policy::is_well_formed_code`].
///
/// ```
/// assert!(contact755::is_well_formed_code("755"));
/// assert!(!contact755::is_well_formed_code("7-55"));
/// assert!(!contact755::is_well_formed_code(""));
/// ```
pub fn is_well_formed_code(code: &str) -> bool {
    !code.is_empty() && default_pattern_reason(code).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_path_agrees_with_the_regex() {
        let default = CodePattern::default();
        let regex = CodePattern::new("[0-9A-Za-z]{1,8}|[0-9A-Za-z]{1,8}").unwrap(); // same language, slow path
        for code in ["755", "ABCdef12", "ABCdef123", "é", "7-55", " 755", "", "0", "Z9", "\u{0661}"] {
            assert_eq!(
                default.malformed_reason(code).is_none(),
                regex.malformed_reason(code).is_none(),
                "{code:?}"
            );
        }
        assert_eq!(default.malformed_reason("ABCdef123"), Some("longer than 8 characters"));
        assert_eq!(default.malformed_reason("é"), Some("not made only of letters and digits"));
    }

    #[test]
    fn whole_code_match_with_alternation() {
        let p = CodePattern::new("755|CR[0-9]").unwrap();
        assert!(p.matches("755") && p.matches("CR1"));
        assert!(!p.matches("7555") && !p.matches("xCR1") && !p.matches("CR12"));
    }
}
