//! Conversions between the binding's records and the core's types. Type conversion only:
//! dates go through the core's `parse_date`, instants become UTC timestamps (the core compares
//! instants), everything else is moved field by field. Destructuring is exhaustive, so a field
//! added to the core breaks the build here rather than being dropped silently.

use std::time::{SystemTime, UNIX_EPOCH};

use chrono::{DateTime, FixedOffset, Utc};

use crate::error::Contact755Error;
use crate::types::{
    Contact, Entry, Finding, PersonSummary, PolicySettings, Report, Rule, Summary, WorksheetHeader,
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
        let contact755::Report { policy, findings, summary } = r;
        Report {
            policy: PolicySettings::from(&policy),
            findings: findings.into_iter().map(Finding::from).collect(),
            summary: Summary::from(summary),
        }
    }
}

impl From<&contact755::Policy> for PolicySettings {
    fn from(p: &contact755::Policy) -> Self {
        let contact755::Policy {
            station,
            community_relations_code,
            covered_areas,
            reviewer_roles,
            min_contacts_per_shift,
            briefing_interval_days,
            min_cards_in_vehicle,
            card_check_interval_days,
        } = p.clone();
        PolicySettings {
            station,
            community_relations_code,
            covered_areas,
            reviewer_roles,
            min_contacts_per_shift,
            briefing_interval_days,
            min_cards_in_vehicle,
            card_check_interval_days,
        }
    }
}

impl From<PolicySettings> for contact755::Policy {
    fn from(s: PolicySettings) -> Self {
        let PolicySettings {
            station,
            community_relations_code,
            covered_areas,
            reviewer_roles,
            min_contacts_per_shift,
            briefing_interval_days,
            min_cards_in_vehicle,
            card_check_interval_days,
        } = s;
        contact755::Policy {
            station,
            community_relations_code,
            covered_areas,
            reviewer_roles,
            min_contacts_per_shift,
            briefing_interval_days,
            min_cards_in_vehicle,
            card_check_interval_days,
        }
    }
}

impl From<&contact755::Rule> for Rule {
    fn from(r: &contact755::Rule) -> Self {
        let contact755::Rule { id, severity, scope, subject, title, citation } = *r;
        Rule {
            id: id.as_str().to_string(),
            severity,
            scope,
            subject,
            title: title.to_string(),
            citation: citation.map(str::to_string),
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
}
