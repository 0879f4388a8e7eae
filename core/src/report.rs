//! The audit report (SPEC §4).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::{Activity, Category};
use crate::policy::Policy;
use crate::rules::{RuleId, Severity};

/// One rule firing on one subject.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
