//! The audit report (SPEC §4).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::{Activity, Category, Period};
use crate::policy::Policy;
use crate::rules::{RuleId, Severity};

/// One rule firing on one subject.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    /// The rule that fired.
    pub rule: RuleId,
    /// The rule's severity.
    pub severity: Severity,
    /// What it fired on: `entry:W/E`, `worksheet:W`, `personnel:S`, `briefing:B` or
    /// `vehicle_check:C`.
    pub subject: String,
    /// The person responsible, where one is (SPEC §3).
    pub personnel_id: Option<String>,
    /// The day the finding is about, where one applies (SPEC §4).
    pub date: Option<NaiveDate>,
    /// A sentence for a person to read; ids, codes and dates only, never citizen data.
    pub message: String,
}

/// One person's line of the summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonSummary {
    /// The person's id.
    pub id: String,
    /// Covered worksheets of this person.
    pub covered_shifts: u64,
    /// Entries with a valid 755 on those worksheets.
    pub contacts_755: u64,
    /// Findings charged to this person.
    pub findings: u64,
}

/// Station-level counts. All but `worksheets_audited` look only at covered worksheets; maps
/// leave out zero counts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    /// Worksheets dated in the period, duplicates excluded.
    pub worksheets_audited: u64,
    /// Audited worksheets that are covered.
    pub worksheets_covered: u64,
    /// Entries with a valid 755.
    pub contacts_755: u64,
    /// Entries whose contact has `card_provided: true`.
    pub cards_provided: u64,
    /// Entries with a contact, by category.
    pub by_category: BTreeMap<Category, u64>,
    /// Entries with a valid 755, by activity.
    pub by_activity: BTreeMap<Activity, u64>,
    /// Entries with a valid 755, by covered area (the policy's spelling).
    pub by_area: BTreeMap<String, u64>,
    /// Findings per rule id.
    pub findings_by_rule: BTreeMap<String, u64>,
    /// Every roster person and every unknown person of a covered worksheet, sorted by id.
    pub personnel: Vec<PersonSummary>,
    /// Entries with a valid 755 per ISO week and covered area, sorted by (week, area): what
    /// `by_area` counts, split by week, for the rendered charts (`render`). Not part of the
    /// SPEC §4 JSON (skipped both ways), so a report read back from JSON has none.
    #[serde(skip)]
    pub contacts_755_by_week: Vec<WeeklyContacts>,
    /// The audited period, for the rendered headers. Not part of the SPEC §4 JSON (skipped
    /// both ways), so a report read back from JSON has none.
    #[serde(skip)]
    pub period: Option<Period>,
    /// Each roster person's role (the first record of a repeated id), for the rendered
    /// per-person table. Not part of the SPEC §4 JSON (skipped both ways), so a report read
    /// back from JSON has none.
    #[serde(skip)]
    pub roles: Option<BTreeMap<String, crate::model::Role>>,
}

/// Entries with a valid 755 on covered worksheets of one ISO 8601 week (Monday to Sunday) in
/// one covered area.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct WeeklyContacts {
    /// The Monday that starts the week (see [`week_start`]).
    pub week_start: NaiveDate,
    /// The covered area, in the policy's spelling (as in `by_area`).
    pub area: String,
    /// Entries with a valid 755 on that week's covered worksheets of that area.
    pub contacts: u64,
}

/// The Monday on or before `date`: the first day of its ISO 8601 week, which labels the week.
///
/// ```
/// use chrono::NaiveDate;
/// let thursday = NaiveDate::from_ymd_opt(2016, 3, 17).unwrap();
/// assert_eq!(contact755::week_start(thursday), NaiveDate::from_ymd_opt(2016, 3, 14).unwrap());
/// ```
pub fn week_start(date: NaiveDate) -> NaiveDate {
    use chrono::Datelike;
    let back = u64::from(date.weekday().num_days_from_monday());
    // chrono's range reaches far before year 1, so the fallback only keeps this total.
    date.checked_sub_days(chrono::Days::new(back)).unwrap_or(date)
}

/// The weekly series from the audit's counts keyed by (week start, index into `areas`):
/// named by the policy's spelling, sorted by (week, area), equal names merged as `by_area`
/// merges them.
pub(crate) fn weekly_series(
    areas: &[String],
    counts: BTreeMap<(NaiveDate, usize), u64>,
) -> Vec<WeeklyContacts> {
    let mut merged: BTreeMap<(NaiveDate, &str), u64> = BTreeMap::new();
    for ((week, i), n) in counts {
        if let Some(area) = areas.get(i) {
            *merged.entry((week, area.as_str())).or_default() += n;
        }
    }
    // Every count is positive: the tally adds a worksheet's 755s only when there are some.
    merged
        .into_iter()
        .map(|((week_start, area), contacts)| WeeklyContacts { week_start, area: area.to_string(), contacts })
        .collect()
}

/// The result of an audit: the effective policy, the findings (sorted by rule, then subject)
/// and the summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// The policy the audit applied, whole (SPEC §6.3).
    pub policy: Policy,
    /// The policy's fingerprint ([`Policy::fingerprint`]): what a reader quotes to say which
    /// rules were applied.
    pub policy_sha256: String,
    /// Every finding, sorted by rule id, then subject (byte order).
    pub findings: Vec<Finding>,
    /// The counts.
    pub summary: Summary,
}

impl Report {
    /// A report of `findings` (sorted) and `summary` under `policy`, with its fingerprint.
    pub(crate) fn new(policy: Policy, findings: Vec<Finding>, summary: Summary) -> Report {
        let policy_sha256 = policy.fingerprint();
        Report { policy, policy_sha256, findings, summary }
    }

    /// The SPEC report as pretty JSON ending in a newline. The same input always gives the
    /// same bytes, in every language.
    pub fn to_json(&self) -> String {
        // Strings, integers, dates and string-keyed maps always serialize.
        let mut out = serde_json::to_string_pretty(self).unwrap_or_default();
        out.push('\n');
        out
    }

    /// The findings of one rule.
    pub fn findings_of(&self, rule: RuleId) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.rule == rule)
    }
}
