//! The findings as CSV (RFC 4180), with cells a spreadsheet would run as a formula defused.

use std::borrow::Cow;

use crate::report::Report;

/// The CSV's header row, the SPEC's column names.
const HEADER: [&str; 6] = ["rule", "severity", "subject", "personnel_id", "date", "message"];

/// The findings as CSV: the header `rule,severity,subject,personnel_id,date,message`, then
/// one row per finding in report order. RFC 4180 quoting only where a cell needs it (a comma,
/// a double quote or a line break), LF line ends, UTF-8 without a byte-order mark. An absent
/// `personnel_id` or `date` is an empty cell; dates are `YYYY-MM-DD`.
///
/// **Formula safety.** Ids come from the dataset, and a spreadsheet opening a CSV runs a cell
/// that starts with `=`, `+`, `-` or `@` (or a tab or carriage return) as a formula. Such a
/// cell is written with a single quote `'` in front, as OWASP's "CSV Injection" advice says:
/// spreadsheets then show it as text. So that the quote can always be told from data, a cell
/// that itself starts with `'` gets one more. A program reading this CSV drops one leading
/// `'` from any cell that starts with one; no other cell is changed.
///
/// ```
/// use contact755::{audit_json, render, Policy};
/// let report = audit_json(&Policy::norwalk_2016(), br#"{
///   "period": {"start": "2016-03-17", "end": "2016-03-17"},
///   "personnel": [],
///   "worksheets": [{"id": "=1+1", "personnel_id": "D1", "date": "2016-03-17",
///                   "assignment": "non_field", "entries": []}]
/// }"#).unwrap();
/// let csv = render::findings_csv(&report);
/// assert!(csv.contains("\nDATA-UNKNOWN-PERSONNEL,data,worksheet:=1+1,D1,2016-03-17,"));
/// ```
pub fn findings_csv(report: &Report) -> String {
    match write(report) {
        Ok(bytes) => {
            String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into())
        }
        // Cannot happen: the writer writes to memory, and every cell is a `str`.
        Err(_) => String::new(),
    }
}

fn write(report: &Report) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(Vec::new());
    w.write_record(HEADER)?;
    for f in &report.findings {
        let date = f.date.map(|d| d.to_string()).unwrap_or_default();
        let cells = [
            f.rule.as_str(),
            f.severity.as_str(),
            &f.subject,
            f.personnel_id.as_deref().unwrap_or(""),
            &date,
            &f.message,
        ]
        .map(cell);
        w.write_record(cells.iter().map(|c| c.as_bytes()))?;
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

/// A cell's text with a `'` in front where a spreadsheet would otherwise run it as a formula
/// (or where it starts with `'` itself, so the rule can be undone).
pub(crate) fn cell(value: &str) -> Cow<'_, str> {
    match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\'') => Cow::Owned(format!("'{value}")),
        _ => Cow::Borrowed(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starters_and_quotes_get_a_quote() {
        for v in ["=1+1", "+x", "-x", "@x", "\tx", "\rx", "'x", "''"] {
            assert_eq!(cell(v), format!("'{v}"));
        }
        for v in ["", "x", "D100", " =1", "1-2", "a@b", "entry:=1/+2", "2016-03-17"] {
            assert_eq!(cell(v), v);
        }
    }
}
