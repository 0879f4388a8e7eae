//! Comparing two reports (SPEC §8, "Comparing two reports"): did the returned worksheets get
//! corrected?
//!
//! This is data, not rendering, so it lives outside the `render` feature: every build of the
//! core can diff reports.

use std::collections::HashSet;

use serde::Serialize;

use crate::error::InputError;
use crate::report::{Finding, Report};
use crate::rules::RuleId;

/// What changed from one report to another, keyed by (rule, subject).
///
/// Serializes to the SPEC's keys, in this order: `before_policy_sha256`,
/// `after_policy_sha256`, `resolved`, `new`, `unchanged`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportDiff {
    /// The fingerprint of the earlier report's policy.
    pub before_policy_sha256: Option<String>,
    /// The fingerprint of the later report's policy.
    pub after_policy_sha256: Option<String>,
    /// Findings of the earlier report whose (rule, subject) the later one does not have, in
    /// the earlier report's order.
    pub resolved: Vec<Finding>,
    /// Findings of the later report whose (rule, subject) the earlier one does not have, in
    /// the later report's order.
    pub new: Vec<Finding>,
    /// How many findings of the later report the earlier one has too.
    pub unchanged: u64,
}

impl ReportDiff {
    /// The diff as pretty JSON ending in a newline, like [`Report::to_json`].
    pub fn to_json(&self) -> String {
        // Strings, integers, dates and findings always serialize.
        let mut out = serde_json::to_string_pretty(self).unwrap_or_default();
        out.push('\n');
        out
    }
}

/// Compares two reports: `resolved` the findings of `before` whose (rule, subject) is not in
/// `after`, `new` those of `after` not in `before`, `unchanged` the number in both.
///
/// A finding whose message or date changed but whose rule and subject did not is unchanged:
/// it is still the same problem on the same record.
///
/// ```
/// use contact755::{audit_json, diff, Policy};
/// let month = |codes: &str| format!(r#"{{
///   "period": {{"start": "2016-03-17", "end": "2016-03-17"}},
///   "personnel": [{{"id": "D100", "role": "deputy"}}, {{"id": "S200", "role": "sergeant"}}],
///   "worksheets": [{{"id": "W1", "personnel_id": "D100", "date": "2016-03-17",
///     "assignment": "field", "area": "Norwalk",
///     "entries": [{{"id": "E1", "at": "2016-03-17T09:12:00-07:00", "activity": "obs",
///       "clearance_codes": [{codes}], "contact": {{"category": "resident", "card_provided": true}}}}],
///     "review": {{"reviewer_id": "S200", "reviewed_on": "2016-03-18", "approved": false}}}}],
///   "briefings": [{{"id": "B1", "sergeant_id": "S200", "date": "2016-03-01"}}]
/// }}"#);
/// let policy = Policy::norwalk_2016();
/// let returned = audit_json(&policy, month(r#""415""#).as_bytes()).unwrap();
/// let corrected = audit_json(&policy, month(r#""415", "755""#).as_bytes()).unwrap();
/// let d = diff(&returned, &corrected);
/// let resolved: Vec<&str> = d.resolved.iter().map(|f| f.rule.as_str()).collect();
/// assert_eq!(resolved, ["FP-CODE-755", "FP-REGULAR"]);
/// assert!(d.new.is_empty());
/// assert_eq!(d.unchanged, 0);
/// ```
pub fn diff(before: &Report, after: &Report) -> ReportDiff {
    fn keys(report: &Report) -> HashSet<(RuleId, &str)> {
        report.findings.iter().map(|f| (f.rule, f.subject.as_str())).collect()
    }
    let (before_keys, after_keys) = (keys(before), keys(after));
    let absent_from =
        |keys: &HashSet<(RuleId, &str)>, f: &Finding| !keys.contains(&(f.rule, f.subject.as_str()));
    let resolved = before.findings.iter().filter(|f| absent_from(&after_keys, f)).cloned().collect();
    let new: Vec<Finding> = after.findings.iter().filter(|f| absent_from(&before_keys, f)).cloned().collect();
    ReportDiff {
        before_policy_sha256: Some(before.policy_sha256.clone()),
        after_policy_sha256: Some(after.policy_sha256.clone()),
        resolved,
        unchanged: (after.findings.len() - new.len()) as u64,
        new,
    }
}

/// Reads two SPEC §4 report JSON documents and compares them with [`diff()`].
///
/// A document that is not a report is rejected like a dataset: the error carries the path of
/// the offending value inside that document, and its message starts with `before report:` or
/// `after report:` to say which of the two it is. Read each one with [`Report::from_json`]
/// to handle them apart.
pub fn diff_json(before: &[u8], after: &[u8]) -> Result<ReportDiff, InputError> {
    let read = |json: &[u8], side: &str| {
        Report::from_json(json).map_err(|mut e| {
            e.message = format!("{side} report: {}", e.message);
            e
        })
    };
    Ok(diff(&read(before, "before")?, &read(after, "after")?))
}

impl Report {
    /// Reads a report from its SPEC §4 JSON ([`Report::to_json`]'s output).
    ///
    /// Rejected like a dataset, with the path of the offending value: anything that is not a
    /// report (an unknown field anywhere, a missing or mistyped one, an unknown rule id or
    /// severity, a bad date) and a policy that [`crate::Policy::validate`] refuses (path
    /// `policy.SETTING`). The parts of [`crate::Summary`] that are not in the JSON (the weekly
    /// series and the period) are empty in the result.
    pub fn from_json(json: &[u8]) -> Result<Report, InputError> {
        /// The report as written, its policy kept as text for the policy reader.
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Written {
            policy: Box<serde_json::value::RawValue>,
            policy_sha256: String,
            findings: Vec<Finding>,
            summary: crate::Summary,
        }
        let written: Written = crate::model::read::parse_json(json)?;
        // The policy reader checks every setting; its paths are inside `policy`.
        let policy = crate::Policy::from_json(written.policy.get()).map_err(|e| InputError {
            kind: e.kind,
            path: if e.path.is_empty() { "policy".into() } else { format!("policy.{}", e.path) },
            line: None,
            column: None,
            message: e.message,
        })?;
        let report = Report {
            policy,
            policy_sha256: written.policy_sha256,
            findings: written.findings,
            summary: written.summary,
        };
        if report.policy_sha256 != report.policy.fingerprint() {
            return Err(InputError::at(
                crate::InputErrorKind::Constraint,
                "policy_sha256",
                "policy_sha256 is not the fingerprint of the report's policy",
            ));
        }
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{InputErrorKind, Policy, Severity, Summary};

    fn finding(rule: RuleId, subject: &str, message: &str) -> Finding {
        Finding {
            rule,
            severity: Policy::norwalk_2016().severity(rule),
            subject: subject.to_string(),
            personnel_id: Some("D100".to_string()),
            date: None,
            message: message.to_string(),
        }
    }

    fn report(policy: Policy, findings: Vec<Finding>) -> Report {
        Report::new(policy, findings, Summary::default())
    }

    fn subjects(findings: &[Finding]) -> Vec<(&str, &str)> {
        findings.iter().map(|f| (f.rule.as_str(), f.subject.as_str())).collect()
    }

    #[test]
    fn resolved_new_and_unchanged_are_keyed_by_rule_and_subject() {
        let before = report(
            Policy::norwalk_2016(),
            vec![
                finding(RuleId::FpCode755, "entry:W1/E1", "a"),
                finding(RuleId::FpCode755, "entry:W2/E1", "b"),
                finding(RuleId::FpRegular, "worksheet:W1", "c"),
                finding(RuleId::SgtReviewMissing, "worksheet:W3", "d"),
            ],
        );
        let after = report(
            Policy::norwalk_2016(),
            vec![
                // Same rule and subject, other message: still the same problem.
                finding(RuleId::FpCode755, "entry:W2/E1", "b, reworded"),
                // Same subject, other rule: a new problem.
                finding(RuleId::FpRegular, "worksheet:W3", "e"),
                finding(RuleId::SgtReviewMissing, "worksheet:W3", "d"),
                finding(RuleId::SgtReviewSelf, "worksheet:W4", "f"),
            ],
        );
        let d = diff(&before, &after);
        assert_eq!(subjects(&d.resolved), [("FP-CODE-755", "entry:W1/E1"), ("FP-REGULAR", "worksheet:W1")]);
        assert_eq!(subjects(&d.new), [("FP-REGULAR", "worksheet:W3"), ("SGT-REVIEW-SELF", "worksheet:W4")]);
        assert_eq!(d.unchanged, 2);
        // The findings are copied whole, from their own report.
        assert_eq!(d.resolved[0], before.findings[0]);
        assert_eq!(d.new[1], after.findings[3]);
    }

    #[test]
    fn identical_reports_differ_in_nothing() {
        let r = report(
            Policy::norwalk_2016(),
            vec![finding(RuleId::FpCard, "entry:W1/E1", "a"), finding(RuleId::FpCard, "entry:W1/E2", "b")],
        );
        let d = diff(&r, &r);
        assert!(d.resolved.is_empty() && d.new.is_empty());
        assert_eq!(d.unchanged, 2);
        let empty = report(Policy::norwalk_2016(), vec![]);
        assert_eq!(diff(&empty, &empty).unchanged, 0);
    }

    #[test]
    fn reports_under_different_policies_are_compared_by_their_findings() {
        let mut strict = Policy::norwalk_2016();
        strict.min_contacts_per_shift = 2;
        strict.station = "Other Station".into();
        let before = report(Policy::norwalk_2016(), vec![finding(RuleId::FpCard, "entry:W1/E1", "a")]);
        let after = report(
            strict,
            vec![
                finding(RuleId::FpCard, "entry:W1/E1", "a"),
                finding(RuleId::FpRegular, "worksheet:W1", "b"),
            ],
        );
        let d = diff(&before, &after);
        assert!(d.resolved.is_empty());
        assert_eq!(subjects(&d.new), [("FP-REGULAR", "worksheet:W1")]);
        assert_eq!(d.unchanged, 1);
        // Each side carries its own policy's fingerprint (SPEC §6.3).
        assert_eq!(d.before_policy_sha256, Some(before.policy.fingerprint()));
        assert_eq!(d.after_policy_sha256, Some(after.policy.fingerprint()));
        assert_ne!(d.before_policy_sha256, d.after_policy_sha256);
    }

    #[test]
    fn the_json_has_the_spec_keys_in_order() {
        let before = report(Policy::norwalk_2016(), vec![finding(RuleId::FpCard, "entry:W1/E1", "a")]);
        let after = report(Policy::norwalk_2016(), vec![]);
        let json = diff(&before, &after).to_json();
        let keys: Vec<usize> =
            ["before_policy_sha256", "after_policy_sha256", "resolved", "new", "unchanged"]
                .iter()
                .map(|k| json.find(&format!("\"{k}\"")).unwrap_or(usize::MAX))
                .collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]), "{json}");
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["before_policy_sha256"], Policy::norwalk_2016().fingerprint());
        assert_eq!(value["resolved"][0]["rule"], "FP-CARD");
        assert_eq!(value["resolved"][0]["severity"], "violation");
        assert_eq!(value["new"], serde_json::json!([]));
        assert_eq!(value["unchanged"], 0);
        assert!(json.ends_with("}\n"));
    }

    #[test]
    fn diff_json_reads_what_to_json_writes() {
        let before = report(
            Policy::norwalk_2016(),
            vec![Finding {
                date: chrono::NaiveDate::from_ymd_opt(2016, 3, 17),
                ..finding(RuleId::FpCard, "entry:W1/E1", "a")
            }],
        );
        let after =
            report(Policy::norwalk_2016(), vec![finding(RuleId::DataShiftInvalid, "worksheet:W9", "b")]);
        let d = diff_json(before.to_json().as_bytes(), after.to_json().as_bytes()).unwrap();
        assert_eq!(d, diff(&before, &after));
        assert_eq!(d.new[0].severity, Severity::Data);
    }

    #[test]
    fn a_malformed_report_is_rejected_with_its_path() {
        let good =
            report(Policy::norwalk_2016(), vec![finding(RuleId::FpCard, "entry:W1/E1", "a")]).to_json();
        let cases: &[(&str, &str, &str, InputErrorKind)] = &[
            (
                r#""rule": "FP-CARD""#,
                r#""rule": "FP-NOPE""#,
                "findings[0].rule",
                InputErrorKind::InvalidValue,
            ),
            (
                r#""severity": "violation",
      "subject""#,
                r#""severity": "bad",
      "subject""#,
                "findings[0].severity",
                InputErrorKind::InvalidValue,
            ),
            (r#""subject""#, r#""subjekt""#, "findings[0].subjekt", InputErrorKind::UnknownField),
            (
                r#""worksheets_audited": 0"#,
                r#""worksheets_audited": -1"#,
                "summary.worksheets_audited",
                InputErrorKind::InvalidValue,
            ),
            (
                r#""worksheets_audited": 0"#,
                r#""worksheets_audited": "0""#,
                "summary.worksheets_audited",
                InputErrorKind::InvalidType,
            ),
            (r#""findings": ["#, r#""extra": 1, "findings": ["#, "extra", InputErrorKind::UnknownField),
            (r#""date": null"#, r#""date": "2016-02-30""#, "findings[0].date", InputErrorKind::InvalidValue),
            (
                r#""covered_areas": ["#,
                r#""x": 1, "covered_areas": ["#,
                "policy.x",
                InputErrorKind::UnknownField,
            ),
            (r#""policy_sha256": ""#, r#""policy_sha256": "0"#, "policy_sha256", InputErrorKind::Constraint),
        ];
        for (from, to, path, kind) in cases {
            assert!(good.contains(from), "{from}");
            let bad = good.replacen(from, to, 1);
            let err = diff_json(bad.as_bytes(), good.as_bytes()).unwrap_err();
            assert_eq!((err.path.as_str(), err.kind), (*path, *kind), "{to}: {err}");
            assert!(err.message.starts_with("before report: "), "{err}");
            let err = diff_json(good.as_bytes(), bad.as_bytes()).unwrap_err();
            assert_eq!(err.path, *path);
            assert!(err.message.starts_with("after report: "), "{err}");
        }
        // Keys the SPEC JSON never has, though the struct does, are unknown too.
        let bad = good.replacen(r#""personnel": []"#, r#""personnel": [], "period": null"#, 1);
        assert_eq!(Report::from_json(bad.as_bytes()).unwrap_err().path, "summary.period");
        // A policy the audit would refuse.
        let bad = good.replacen(
            r#""reviewer_roles": [
      "sergeant"
    ]"#,
            r#""reviewer_roles": []"#,
            1,
        );
        assert_ne!(bad, good);
        assert_eq!(Report::from_json(bad.as_bytes()).unwrap_err().path, "policy.reviewer_roles");
        // Not JSON at all, or not an object.
        let err = Report::from_json(b"{\"policy\": ").unwrap_err();
        assert_eq!((err.path.as_str(), err.kind), ("", InputErrorKind::Syntax));
        assert!(err.line.is_some());
        assert_eq!(Report::from_json(b"[]").unwrap_err().kind, InputErrorKind::InvalidType);
    }
}
