//! The report's summary (SPEC §4), counted while the engine walks the worksheets.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use crate::model::{Activity, Category, Period, Role};
use crate::policy::Policy;
use crate::report::{week_start, weekly_series, Finding, PersonSummary, Summary};
use crate::words::Word;

/// The counts of an audit in progress.
pub(crate) struct Tally<'a> {
    summary: Summary,
    /// Entries with a valid 755, per covered area (the policy's order).
    area_counts: Vec<u64>,
    people: HashMap<&'a str, PersonSummary>,
    /// Entries with a valid 755 by (week start, covered area index): `area_counts` split by
    /// week, for the rendered charts (not in the SPEC JSON).
    weekly: BTreeMap<(NaiveDate, usize), u64>,
}

fn person(id: &str) -> PersonSummary {
    PersonSummary { id: id.to_string(), covered_shifts: 0, contacts_755: 0, findings: 0 }
}

impl<'a> Tally<'a> {
    /// Every roster person starts with a line of zeros.
    pub(crate) fn new(policy: &Policy, roster: &HashMap<&'a str, Role>) -> Tally<'a> {
        Tally {
            summary: Summary::default(),
            area_counts: vec![0; policy.covered_areas.len()],
            people: roster.keys().map(|id| (*id, person(id))).collect(),
            weekly: BTreeMap::new(),
        }
    }

    /// A worksheet dated in the period (and not a duplicate).
    pub(crate) fn audited_worksheet(&mut self) {
        self.summary.worksheets_audited += 1;
    }

    /// The entries of a covered worksheet in the covered area `area_index`: `valid_755` with a
    /// valid 755, of which `by_activity` per activity (`Activity::ALL` order); `contacts` per
    /// category (`Category::ALL` order), `cards_provided` with a card handed over.
    pub(crate) fn covered_entries(
        &mut self,
        area_index: usize,
        valid_755: u64,
        contacts: &[u32],
        cards_provided: u32,
        by_activity: &[u32],
    ) {
        let s = &mut self.summary;
        for (category, n) in Category::ALL.iter().zip(contacts).filter(|(_, n)| **n > 0) {
            *s.by_category.entry(*category).or_default() += u64::from(*n);
        }
        s.cards_provided += u64::from(cards_provided);
        s.contacts_755 += valid_755;
        for (activity, n) in Activity::ALL.iter().zip(by_activity).filter(|(_, n)| **n > 0) {
            *s.by_activity.entry(*activity).or_default() += u64::from(*n);
        }
        if let Some(count) = self.area_counts.get_mut(area_index) {
            *count += valid_755;
        }
    }

    /// A covered worksheet of `personnel_id`, dated `date` in the covered area `area_index`,
    /// with `contacts` entries with a valid 755.
    pub(crate) fn covered_worksheet(
        &mut self,
        personnel_id: &'a str,
        date: NaiveDate,
        area_index: usize,
        contacts: u64,
    ) {
        if contacts > 0 {
            *self.weekly.entry((week_start(date), area_index)).or_default() += contacts;
        }
        self.summary.worksheets_covered += 1;
        let line = self.people.entry(personnel_id).or_insert_with(|| person(personnel_id));
        line.covered_shifts += 1;
        line.contacts_755 += contacts;
    }

    /// The summary, once the (sorted) findings are known; `roster` gives the roles (the index
    /// keeps a repeated id's first record).
    pub(crate) fn finish(
        mut self,
        policy: &Policy,
        period: Period,
        findings: &[Finding],
        roster: &HashMap<&'a str, Role>,
    ) -> Summary {
        // Not in the SPEC JSON: the rendered charts' weekly series and headers' period.
        self.summary.contacts_755_by_week =
            weekly_series(&policy.covered_areas, std::mem::take(&mut self.weekly));
        self.summary.period = Some(period);
        self.summary.roles = Some(roster.iter().map(|(id, role)| (id.to_string(), *role)).collect());
        for (area, count) in policy.covered_areas.iter().zip(&self.area_counts) {
            if *count > 0 {
                *self.summary.by_area.entry(area.clone()).or_default() += count;
            }
        }
        for f in findings {
            *self.summary.findings_by_rule.entry(f.rule.as_str().to_string()).or_default() += 1;
            if let Some(line) = f.personnel_id.as_deref().and_then(|id| self.people.get_mut(id)) {
                line.findings += 1;
            }
        }
        let mut personnel: Vec<PersonSummary> = self.people.into_values().collect();
        personnel.sort_unstable_by(|a, b| a.id.cmp(&b.id));
        self.summary.personnel = personnel;
        self.summary
    }
}
