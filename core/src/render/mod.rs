//! What people read (SPEC §8): a [`Report`] as text, CSV, HTML and XLSX.
//!
//! Every function takes a report and returns a `String` (or the XLSX's bytes); the same report
//! always gives the same bytes. Nothing here reads a file or a clock.
//!
//! * [`text`]: the sergeant's view (station summary, one row per person, findings grouped by
//!   rule with the directive's sentence), the `audit` example's output;
//! * [`findings_csv`]: one row per finding, for any tool that reads CSV;
//! * [`html`]: one self-contained page with two inline SVG charts, for a browser or a printer;
//! * [`xlsx`]: a workbook with `Summary`, `Personnel`, `Findings` and `Rules` sheets.
//!
//! Text from the dataset and the policy (ids, area names, the station's name) is data, never
//! markup or a formula: the HTML escapes it, the CSV defuses cells a spreadsheet would run as
//! a formula, the XLSX writes it as string cells.
//!
//! Built with the default cargo feature `render`; `--no-default-features` leaves it (and the
//! `csv` and `rust_xlsxwriter` crates) out.
//!
//! ```
//! use contact755::{audit_json, render, Policy};
//! let report = audit_json(&Policy::norwalk_2016(), br#"{
//!   "period": {"start": "2016-03-14", "end": "2016-03-20"},
//!   "personnel": [{"id": "D100", "role": "deputy"}],
//!   "worksheets": []
//! }"#).unwrap();
//! assert!(render::text(&report, &render::TextOptions::default()).contains("STATION SUMMARY"));
//! assert_eq!(render::findings_csv(&report), "rule,severity,subject,personnel_id,date,message\n");
//! assert!(render::html(&report).starts_with("<!DOCTYPE html>"));
//! assert!(render::xlsx(&report).unwrap().starts_with(b"PK"));
//! ```

mod csv_findings;
mod html;
mod svg;
mod text;
mod xlsx;

use crate::report::Report;
use crate::rules::{RuleId, Severity};

pub use csv_findings::findings_csv;
pub use html::html;
pub use text::{text, TextOptions, DIRECTIVE_LABEL, FINGERPRINT_LABEL, LIST_LIMIT};
pub use xlsx::xlsx;

/// The XLSX writer failed (a sheet over the spreadsheet limits, such as more than 1 048 575
/// findings).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RenderError {
    /// `rust_xlsxwriter` refused the workbook; its reason, in words.
    #[error("the XLSX workbook could not be written: {message}")]
    Xlsx {
        /// What the writer said.
        message: String,
    },
}

/// How a report's policy applies one rule: what every renderer shows about it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RuleView<'a> {
    pub id: RuleId,
    pub severity: Severity,
    pub title: &'a str,
    pub citation: Option<&'a str>,
}

/// THE place every renderer looks up a rule's severity, title and citation: as the report's
/// policy applies the rule (SPEC §6.3), the title from the catalog.
pub(crate) fn rule_view(report: &Report, id: RuleId) -> RuleView<'_> {
    RuleView {
        id,
        severity: report.policy.severity(id),
        title: id.def().title,
        citation: report.policy.citation(id),
    }
}

/// Every rule as the report's policy applies it, in catalog order.
pub(crate) fn rule_views(report: &Report) -> impl Iterator<Item = RuleView<'_>> {
    RuleId::ALL.iter().map(move |id| rule_view(report, *id))
}

/// An enum's JSON word, with spaces for a person to read (`self initiated`).
pub(crate) fn word<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(|s| s.replace('_', " "))).unwrap_or_default()
}

/// How many findings are violations, advisories and data problems (by the findings' own
/// severity, as the report's JSON has it).
pub(crate) fn severity_counts(report: &Report) -> (usize, usize, usize) {
    let count = |s| report.findings.iter().filter(|f| f.severity == s).count();
    (count(Severity::Violation), count(Severity::Advisory), count(Severity::Data))
}

/// Each rule's number of findings, in catalog order, rules without findings left out.
pub(crate) fn findings_per_rule(report: &Report) -> Vec<(RuleView<'_>, usize)> {
    rule_views(report)
        .map(|view| (view, report.findings_of(view.id).count()))
        .filter(|(_, n)| *n > 0)
        .collect()
}

/// Text made safe for HTML and SVG, in element content and in quoted attribute values alike:
/// `&`, `<`, `>`, `"` and `'` become character references (the ones XML knows too, so the
/// page is also well-formed XML), and a character that neither HTML nor XML allows in a
/// document (a control character other than tab and line ends, U+FFFE, U+FFFF) becomes
/// U+FFFD `�`. Ids cannot hold control characters, but a policy's station name or a report
/// read back from JSON can.
pub(crate) fn esc(text: &str) -> std::borrow::Cow<'_, str> {
    let special = |c: char| matches!(c, '&' | '<' | '>' | '"' | '\'') || not_in_documents(c);
    if !text.contains(special) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if not_in_documents(c) => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Characters an HTML or XML document must not contain, even as references.
fn not_in_documents(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_the_five_characters() {
        assert_eq!(esc(r#"<b>"x" & 'y'</b>"#), "&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;");
        assert_eq!(esc("&amp;"), "&amp;amp;");
        assert_eq!(esc("La Mirada · ü"), "La Mirada · ü");
        assert_eq!(esc("a\u{1}b\u{7f}c\u{9f}d\u{ffff}\te\n"), "a\u{fffd}b\u{fffd}c\u{fffd}d\u{fffd}\te\n");
    }

    #[test]
    fn every_rule_is_looked_up_once_in_catalog_order() {
        let report = crate::audit(
            &crate::Policy::norwalk_2016(),
            &crate::Dataset::from_json(
                br#"{"period": {"start": "2016-03-01", "end": "2016-03-01"},
                "personnel": [], "worksheets": []}"#,
            )
            .unwrap(),
        );
        let ids: Vec<RuleId> = rule_views(&report).map(|v| v.id).collect();
        assert_eq!(ids, RuleId::ALL);
        for rule in crate::rules() {
            let view = rule_view(&report, rule.id);
            assert_eq!(
                (view.severity, view.title, view.citation),
                (rule.severity, rule.title, rule.citation.as_deref())
            );
        }
    }
}
