//! Conversions between the binding's records and the core's types. Type conversion only:
//! dates go through the core's `parse_date`, instants become UTC timestamps (the core compares
//! instants), records of the checks and the report are moved field by field. Destructuring is
//! exhaustive, so a field added to the core there breaks the build here rather than being
//! dropped silently.
//!
//! The settings are the exception: `PolicySettings` is the core's policy in its serde form, so
//! it is written by the core's serializer and read back by the core's own policy reader (every
//! check and error path the core's). A setting added to the core is one field of the record;
//! the records deny unknown fields and a unit test compares their names with the core's
//! `SETTING_NAMES`, so a missing one fails `cargo test` (and every `settings()` call).

use std::time::{SystemTime, UNIX_EPOCH};

use chrono::{DateTime, FixedOffset, Utc};

use crate::error::Contact755Error;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::types::{
    Contact, Directive, Entry, Finding, PersonSummary, PolicySettings, Report, ReportDiff, Rule, Summary,
    WorksheetHeader,
};

/// A `YYYY-MM-DD` date, read by the core's parser.
fn date(text: &str, path: &str) -> Result<chrono::NaiveDate, Contact755Error> {
    contact755::parse_date(text).map_err(|message| Contact755Error::invalid_value(path, message))
}

/// A platform instant as the core's timestamp (UTC offset).
fn instant(t: SystemTime, path: &str) -> Result<contact755::Timestamp, Contact755Error> {
    let utc: Option<DateTime<Utc>> = match t.duration_since(UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_secs())
            .ok()
            .and_then(|secs| DateTime::from_timestamp(secs, after.subsec_nanos())),
        Err(before) => {
            // `before.duration()` is how far before the epoch `t` lies.
            let d = before.duration();
            i64::try_from(d.as_secs()).ok().and_then(|secs| {
                let (secs, nanos) = match d.subsec_nanos() {
                    0 => (-secs, 0),
                    n => (-secs - 1, 1_000_000_000 - n),
                };
                DateTime::from_timestamp(secs, nanos)
            })
        }
    };
    utc.map(|t| t.with_timezone(&FixedOffset::east_opt(0).expect("UTC is a valid offset"))).ok_or_else(|| {
        Contact755Error::invalid_value(path, "the instant is out of the supported range".into())
    })
}

fn optional_instant(
    t: Option<SystemTime>,
    path: &str,
) -> Result<Option<contact755::Timestamp>, Contact755Error> {
    t.map(|t| instant(t, path)).transpose()
}

impl WorksheetHeader {
    pub(crate) fn into_core(self) -> Result<contact755::WorksheetHeader, Contact755Error> {
        let WorksheetHeader { id, personnel_id, date: day, assignment, area, shift_start, shift_end } = self;
        Ok(contact755::WorksheetHeader {
            id,
            personnel_id,
            date: date(&day, "worksheet.date")?,
            assignment,
            area,
            shift_start: optional_instant(shift_start, "worksheet.shift_start")?,
            shift_end: optional_instant(shift_end, "worksheet.shift_end")?,
        })
    }
}

impl Entry {
    pub(crate) fn into_core(self) -> Result<contact755::Entry, Contact755Error> {
        let Entry { id, at, activity, clearance_codes, contact } = self;
        Ok(contact755::Entry {
            id,
            at: instant(at, "entry.at")?,
            activity,
            clearance_codes,
            contact: contact.map(|c| {
                let Contact { category, card_provided, description } = c;
                contact755::Contact { category, card_provided, description }
            }),
        })
    }
}

impl From<contact755::Finding> for Finding {
    fn from(f: contact755::Finding) -> Self {
        let contact755::Finding { rule, severity, subject, personnel_id, date, message } = f;
        Finding {
            rule: rule.as_str().to_string(),
            severity,
            subject,
            personnel_id,
            date: date.map(|d| d.to_string()),
            message,
        }
    }
}

impl From<contact755::PersonSummary> for PersonSummary {
    fn from(p: contact755::PersonSummary) -> Self {
        let contact755::PersonSummary { id, covered_shifts, contacts_755, findings } = p;
        PersonSummary { id, covered_shifts, contacts_755, findings }
    }
}

impl From<contact755::Summary> for Summary {
    fn from(s: contact755::Summary) -> Self {
        let contact755::Summary {
            worksheets_audited,
            worksheets_covered,
            contacts_755,
            cards_provided,
            by_category,
            by_activity,
            by_area,
            findings_by_rule,
            personnel,
            // For the core's renderers only (not in the SPEC JSON).
            contacts_755_by_week: _,
            period: _,
            roles: _,
        } = s;
        Summary {
            worksheets_audited,
            worksheets_covered,
            contacts_755,
            cards_provided,
            by_category: by_category.into_iter().collect(),
            by_activity: by_activity.into_iter().collect(),
            by_area: by_area.into_iter().collect(),
            findings_by_rule: findings_by_rule.into_iter().collect(),
            personnel: personnel.into_iter().map(PersonSummary::from).collect(),
        }
    }
}

impl From<contact755::Report> for Report {
    fn from(r: contact755::Report) -> Self {
        let contact755::Report { policy, policy_sha256, findings, summary } = r;
        Report {
            policy: PolicySettings::from_core(&policy),
            policy_sha256,
            findings: findings.into_iter().map(Finding::from).collect(),
            summary: Summary::from(summary),
        }
    }
}

impl From<contact755::ReportDiff> for ReportDiff {
    fn from(d: contact755::ReportDiff) -> Self {
        let contact755::ReportDiff { before_policy_sha256, after_policy_sha256, resolved, new, unchanged } =
            d;
        ReportDiff {
            before_policy_sha256,
            after_policy_sha256,
            resolved: resolved.into_iter().map(Finding::from).collect(),
            new: new.into_iter().map(Finding::from).collect(),
            unchanged,
        }
    }
}

/// A core value as the binding's record of the same serde form (JSON text in between, which
/// keeps the order of maps: the rules stay in catalog order).
pub(crate) fn through_serde<T: Serialize, U: DeserializeOwned>(value: &T) -> U {
    // A core value of strings, words, dates and integers always serializes.
    let text = serde_json::to_vec(value).unwrap_or_default();
    match serde_json::from_slice(&text) {
        Ok(record) => record,
        // Not an input problem: the record's fields are the core's (a unit test compares them),
        // so this happens only in a build where the two drifted apart. `guarded` turns it into
        // the platform's internal error.
        Err(e) => panic!("the binding's records are out of step with the core's serde form: {e}"),
    }
}

impl PolicySettings {
    /// Every setting of `policy`: the core's serde form, field for field.
    pub(crate) fn from_core(policy: &contact755::Policy) -> Self {
        through_serde(policy)
    }

    /// The policy these settings spell out, read by the core's own policy reader (so every
    /// check and every error path is the core's: `covered_areas[1]`,
    /// `rules.FP-CARD.severity`, `clearance_code_pattern`, ...).
    pub(crate) fn into_core(self) -> Result<contact755::Policy, Contact755Error> {
        // The list is this record's form of the core's object keyed by rule id, where a rule
        // cannot appear twice: a rule listed twice is refused here, not left to the last one.
        let mut seen = std::collections::BTreeSet::new();
        if let Some(twice) = self.rules.iter().find(|r| !seen.insert(r.rule.as_str())) {
            return Err(Contact755Error::InvalidPolicy {
                kind: contact755::InputErrorKind::DuplicateKey,
                path: format!("rules.{}", twice.rule),
                line: None,
                column: None,
                message: "a rule is listed more than once".into(),
            });
        }
        // Strings, words and integers always serialize.
        let json = serde_json::to_vec(&self).unwrap_or_default();
        contact755::Policy::from_json(json).map_err(|mut e| {
            // A position in the JSON written here would point into no text the caller wrote.
            e.line = None;
            e.column = None;
            Contact755Error::from(e)
        })
    }
}

impl Directive {
    /// The order `policy` encodes, in the same form as its settings' `directive`.
    pub(crate) fn from_core(directive: &contact755::Directive) -> Self {
        through_serde(directive)
    }
}

/// The serde form of `PolicySettings::rules`: the core's object keyed by rule id
/// (`{"FP-CARD": {"severity", "citation", "enabled"}}`), as a list of records in the object's
/// order.
pub(crate) mod rule_list {
    use serde::de::{MapAccess, Visitor};
    use serde::{Deserializer, Serializer};

    use crate::types::RuleSetting;

    pub(crate) fn serialize<S: Serializer>(rules: &[RuleSetting], s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(rules.iter().map(|r| {
            let RuleSetting { rule, severity, citation, enabled } = r;
            let setting = contact755::RuleSetting {
                severity: *severity,
                citation: citation.clone(),
                enabled: *enabled,
            };
            (rule, setting)
        }))
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<RuleSetting>, D::Error> {
        struct Rules;
        impl<'de> Visitor<'de> for Rules {
            type Value = Vec<RuleSetting>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object of rule settings keyed by rule id")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some((rule, setting)) = map.next_entry::<String, contact755::RuleSetting>()? {
                    let contact755::RuleSetting { severity, citation, enabled } = setting;
                    out.push(RuleSetting { rule, severity, citation, enabled });
                }
                Ok(out)
            }
        }
        d.deserialize_map(Rules)
    }
}

impl From<contact755::Rule> for Rule {
    fn from(r: contact755::Rule) -> Self {
        let contact755::Rule { id, severity, enabled, scope, subject, title, checks, citation, example } = r;
        Rule {
            id: id.as_str().to_string(),
            severity,
            enabled,
            scope,
            subject,
            title: title.to_string(),
            checks: checks.to_string(),
            citation,
            example: example.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn instants_convert_both_sides_of_the_epoch() {
        let t = UNIX_EPOCH + Duration::new(1_458_231_120, 500);
        assert_eq!(instant(t, "x").unwrap().to_rfc3339(), "2016-03-17T16:12:00.000000500+00:00");
        let t = UNIX_EPOCH - Duration::new(1, 250_000_000);
        assert_eq!(instant(t, "x").unwrap().to_rfc3339(), "1969-12-31T23:59:58.750+00:00");
        let t = UNIX_EPOCH - Duration::from_secs(86_400);
        assert_eq!(instant(t, "x").unwrap().to_rfc3339(), "1969-12-31T00:00:00+00:00");
    }

    /// The record has exactly the core's settings: a setting added to the core without a field
    /// here (or a field the core does not have) fails this test.
    #[test]
    fn the_settings_record_has_every_core_setting() {
        let settings = PolicySettings::from_core(&contact755::Policy::norwalk_2016());
        let value = serde_json::to_value(&settings).unwrap();
        let mut names: Vec<&str> = value.as_object().unwrap().keys().map(String::as_str).collect();
        let mut core = contact755::SETTING_NAMES.to_vec();
        names.sort_unstable();
        core.sort_unstable();
        assert_eq!(names, core);
    }

    #[test]
    fn settings_round_trip_through_the_core_reader() {
        for name in contact755::presets() {
            let policy = contact755::Policy::preset(name).unwrap();
            let settings = PolicySettings::from_core(&policy);
            assert_eq!(settings.preset, name);
            // The rules in catalog order, every non-data rule once.
            let ids: Vec<String> = settings.rules.iter().map(|r| r.rule.clone()).collect();
            let catalog: Vec<String> =
                policy.rules().into_iter().filter(|r| !r.id.is_data()).map(|r| r.id.to_string()).collect();
            assert_eq!(ids, catalog);
            assert_eq!(settings.clone().into_core().unwrap(), policy);
            assert_eq!(Directive::from_core(policy.directive()), settings.directive);
        }
        let norwalk = PolicySettings::from_core(&contact755::Policy::norwalk_2016());
        assert_eq!(norwalk.directive.issued.as_deref(), Some("2016-03-16"));
        assert_eq!(norwalk.clearance_code_pattern, contact755::DEFAULT_CODE_PATTERN);
    }

    #[test]
    fn bad_settings_are_rejected_at_the_cores_paths_without_positions() {
        let norwalk = PolicySettings::from_core(&contact755::Policy::norwalk_2016());
        let rejected = |s: PolicySettings| match s.into_core().unwrap_err() {
            Contact755Error::InvalidPolicy { kind, path, line, column, .. } => {
                assert_eq!((line, column), (None, None), "{path}");
                (kind, path)
            }
            other => panic!("{other:?}"),
        };
        use contact755::InputErrorKind as K;
        let mut s = norwalk.clone();
        s.rules[1].severity = contact755::Severity::Data;
        assert_eq!(rejected(s), (K::InvalidValue, "rules.FP-CARD.severity".to_string()));
        let mut s = norwalk.clone();
        s.rules[0].rule = "FP-NOPE".into();
        assert_eq!(rejected(s), (K::UnknownField, "rules.FP-NOPE".to_string()));
        let mut s = norwalk.clone();
        s.rules.push(s.rules[0].clone());
        assert_eq!(rejected(s), (K::DuplicateKey, "rules.FP-CODE-755".to_string()));
        let s = PolicySettings { clearance_code_pattern: "(".into(), ..norwalk.clone() };
        assert_eq!(rejected(s).1, "clearance_code_pattern");
        let s = PolicySettings { preset: "lakewood".into(), ..norwalk.clone() };
        assert_eq!(rejected(s).1, "preset");
        let directive = Directive { issued: Some("0000-01-01".into()), ..norwalk.directive.clone() };
        assert_eq!(rejected(PolicySettings { directive, ..norwalk.clone() }).1, "directive.issued");
        // A rule left out keeps the preset's setting.
        let mut s = norwalk.clone();
        s.rules.retain(|r| r.rule != "FP-CARD");
        assert_eq!(PolicySettings::from_core(&s.into_core().unwrap()), norwalk);
    }
}
