//! The audit engine: indexes the dataset once, computes facts, runs the catalog's checks.
//!
//! Cost is O(n log n) in the number of records: duplicates are found with hash sets, card
//! checks and briefings are looked up in per-vehicle and per-sergeant sorted lists with a
//! binary search, never by scanning per worksheet.
//!
//! Every finding goes through [`Findings::fire`], which reads the catalog row: whether the
//! policy enables the rule, the severity the policy gives it, and who it is charged to.
//!
//! An audit is an [`Auditor`]: [`Auditor::begin`] indexes every record but the entries,
//! [`Auditor::entry`] checks one entry and keeps only counts of it, [`Auditor::finish`] runs
//! the worksheet, sergeant and briefing rules over those counts. A JSON dataset feeds each
//! worksheet's entries in order ([`run`]); a tabular one feeds them as `entries.csv` yields
//! them, in any order of worksheets (`crate::tables`), and gets the same report.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::header::Shift;
use super::summary::Tally;
use crate::model::{Briefing, Dataset, Entry, Role, Worksheet};
use crate::policy::Policy;
use crate::report::{Finding, Report};
use crate::rules::{
    BriefingFacts, Check, EntryFacts, People, RuleDef, RuleId, SergeantFacts, Standing, Subject,
    WorksheetFacts, CATALOG,
};

/// Up to this many codes on an entry, repeated codes are found by comparing every pair; past
/// it, by sorting.
const PAIRWISE_CODES: usize = 16;
/// Up to this many entries on a worksheet, repeated entry ids are found by comparing hashes
/// pairwise; past it, with a hash set.
const PAIRWISE_ENTRIES: usize = 32;

/// Where a finding was produced: the worksheet's index in the dataset and the entry's position
/// among that worksheet's entries (duplicates counted).
///
/// Two entries of different worksheets can share a subject (worksheet `A/B` entry `C` and
/// worksheet `A` entry `B/C` are both `entry:A/B/C`), and a rule fires once per subject: the
/// first finding produced is kept. A JSON dataset produces them in worksheet order, then entry
/// order; `entries.csv` may interleave worksheets. Sorting ties by origin keeps the same finding
/// whatever the order entries arrive in. Findings that are not about an entry keep the default
/// origin and their production order, which is the same for every input form.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Origin {
    worksheet: usize,
    entry: u64,
}

/// The findings of an audit in progress, under one policy.
pub(crate) struct Findings<'p> {
    policy: &'p Policy,
    /// The origin of the findings fired from now on.
    origin: Origin,
    list: Vec<(Origin, Finding)>,
}

impl<'p> Findings<'p> {
    pub(crate) fn new(policy: &'p Policy) -> Self {
        Findings { policy, origin: Origin::default(), list: Vec::new() }
    }

    /// Records that `def` fired on `subject`, unless the policy turned the rule off.
    pub(crate) fn fire(
        &mut self,
        def: &RuleDef,
        subject: Subject,
        people: People,
        date: Option<NaiveDate>,
        message: String,
    ) {
        if !self.policy.is_enabled(def.id) {
            return;
        }
        self.list.push((
            self.origin,
            Finding {
                rule: def.id,
                severity: self.policy.severity(def.id),
                subject: subject.to_string(),
                personnel_id: def.responsible.charged(people).map(str::to_string),
                date,
                message,
            },
        ));
    }

    /// Sorted by rule id then subject (byte order), one finding per (rule, subject): the first
    /// one produced (the lowest [`Origin`] among entries), which for duplicates is the first
    /// repeated record.
    pub(crate) fn sorted(mut self) -> Vec<Finding> {
        // Stable: equal origins keep their production order.
        self.list.sort_by(|(oa, a), (ob, b)| {
            (a.rule.as_str(), &a.subject, oa).cmp(&(b.rule.as_str(), &b.subject, ob))
        });
        self.list.dedup_by(|(_, later), (_, earlier)| {
            later.rule == earlier.rule && later.subject == earlier.subject
        });
        self.list.into_iter().map(|(_, f)| f).collect()
    }
}

/// Computes the facts of one entry from its codes and its shift.
fn entry_facts<'a>(policy: &Policy, shift: &Shift, entry: &'a Entry) -> EntryFacts<'a> {
    let code = policy.community_relations_code.as_str();
    let pattern = &policy.clearance_code_pattern;
    let mut facts =
        EntryFacts { entry, valid_755: false, malformed: None, duplicate_code: None, outside_shift: None };
    let codes = &entry.clearance_codes;
    for (i, raw) in codes.iter().enumerate() {
        let c = raw.trim();
        if let Some(why) = pattern.malformed_reason(c) {
            facts.malformed = facts.malformed.or(Some(why));
            continue;
        }
        facts.valid_755 |= c == code;
        if facts.duplicate_code.is_none() && codes.len() <= PAIRWISE_CODES {
            let seen_before = codes[..i].iter().any(|p| p.trim() == c);
            if seen_before {
                facts.duplicate_code = Some(c);
            }
        }
    }
    if codes.len() > PAIRWISE_CODES {
        let mut good: Vec<&str> =
            codes.iter().map(|c| c.trim()).filter(|c| pattern.malformed_reason(c).is_none()).collect();
        good.sort_unstable();
        facts.duplicate_code = good.windows(2).find(|w| w[0] == w[1]).map(|w| w[0]);
    }
    if let Some((start, end)) = shift.bounds {
        if entry.at < start {
            facts.outside_shift = Some("before the shift started");
        } else if entry.at > end {
            facts.outside_shift = Some("after the shift ended");
        }
    }
    facts
}

/// Runs the entry rules among `rules` over one entry of an audited shift; returns its facts.
pub(crate) fn check_entry_rules<'a>(
    findings: &mut Findings,
    rules: &[&'static RuleDef],
    shift: &Shift,
    entry: &'a Entry,
) -> EntryFacts<'a> {
    let facts = entry_facts(findings.policy, shift, entry);
    let standing = Standing { audited: true, covered: shift.covered() };
    let people = People { worker: Some(shift.personnel_id), ..People::default() };
    for def in rules {
        if let Check::Entry(check) = def.check {
            if !def.scope.admits(standing) {
                continue;
            }
            if let Some(message) = check(&facts) {
                let subject = Subject::Entry { worksheet: shift.worksheet_id, entry: &entry.id };
                findings.fire(def, subject, people, Some(shift.date), message);
            }
        }
    }
    facts
}

/// The catalog's entry rules, picked out once rather than per entry.
pub(crate) fn entry_rules() -> Vec<&'static RuleDef> {
    CATALOG.iter().filter(|d| matches!(d.check, Check::Entry(_))).collect()
}

/// Audits a dataset under a policy: every rule of the catalog, the summary, sorted findings.
pub(crate) fn run(policy: &Policy, dataset: &Dataset) -> Report {
    let mut auditor = Auditor::begin(policy, dataset);
    for (i, w) in dataset.worksheets.iter().enumerate() {
        if !auditor.keeps(i) {
            continue; // the entries of an ignored duplicate worksheet are not examined
        }
        // All of a worksheet's entries are at hand: repeated ids are found in one go, while
        // they are in the cache.
        let duplicates = duplicate_entry_indices(&w.entries);
        for (j, entry) in w.entries.iter().enumerate() {
            auditor.entry(i, entry, duplicates.contains(&j));
        }
    }
    auditor.finish()
}

/// What an audit keeps of one worksheet's entries: counts, whatever its number of entries.
#[derive(Debug, Clone, Copy, Default)]
struct Sheet {
    /// The first worksheet with its id (a later one is a duplicate, its entries ignored).
    kept: bool,
    /// Kept and dated in the period.
    audited: bool,
    /// An audited worksheet's covered area, if it is covered ([`Shift::covered_area`]).
    area_index: Option<usize>,
    /// Entries fed so far, repeated ids included: the next entry's position.
    entries: u64,
    /// Entries (repeated ids excluded) with a valid 755.
    valid_755: u64,
    /// Entries of a covered worksheet with a contact but no valid 755.
    uncoded_contacts: u32,
}

/// An audit in progress, fed one entry at a time: the rules of the catalog over a dataset
/// whose entries come separately, in any order of worksheets (within a worksheet, in its
/// order). Memory grows with the records other than entries and with the findings; an entry
/// leaves only counts in its worksheet's [`Sheet`].
pub(crate) struct Auditor<'a> {
    dataset: &'a Dataset,
    findings: Findings<'a>,
    index: Index<'a>,
    tally: Tally<'a>,
    entry_rules: Vec<&'static RuleDef>,
    /// Per worksheet of the dataset, by index.
    sheets: Vec<Sheet>,
    /// The worksheet of the previous entry and its shift: entries mostly come worksheet by
    /// worksheet, so the shift is put together once per run of them.
    current: Option<(usize, Shift<'a>)>,
}

impl<'a> Auditor<'a> {
    /// Starts an audit of `dataset` under `policy`: indexes every record and reports duplicate
    /// ids among personnel, worksheets, briefings and vehicle checks. The worksheets' own
    /// `entries` are not looked at: feed entries with [`Auditor::entry`].
    pub(crate) fn begin(policy: &'a Policy, dataset: &'a Dataset) -> Auditor<'a> {
        let mut findings = Findings::new(policy);
        let index = Index::build(dataset, &mut findings);
        let tally = Tally::new(policy, &index.roster);
        let mut sheets = vec![Sheet::default(); dataset.worksheets.len()];
        for &i in &index.worksheets {
            if let (Some(sheet), Some(w)) = (sheets.get_mut(i), dataset.worksheets.get(i)) {
                sheet.kept = true;
                sheet.audited = dataset.period.contains(w.date);
                if sheet.audited {
                    sheet.area_index = Shift::covered_area(policy, &w.into());
                }
            }
        }
        Auditor { dataset, findings, index, tally, entry_rules: entry_rules(), sheets, current: None }
    }

    /// Whether the entries of worksheet `worksheet` (an index into the dataset's worksheets)
    /// are examined: it is the first with its id.
    pub(crate) fn keeps(&self, worksheet: usize) -> bool {
        self.sheets.get(worksheet).is_some_and(|s| s.kept)
    }

    /// Checks the next entry of worksheet `worksheet` (an index into the dataset's worksheets;
    /// an entry of a worksheet that is not kept is ignored). `seen_before`: an earlier entry of
    /// that worksheet has the same id; the entry is reported (`DATA-DUPLICATE-ID`) and then
    /// ignored by every other rule.
    pub(crate) fn entry(&mut self, worksheet: usize, entry: &Entry, seen_before: bool) {
        let (Some(sheet), Some(w)) = (self.sheets.get_mut(worksheet), self.dataset.worksheets.get(worksheet))
        else {
            return;
        };
        if !sheet.kept {
            return;
        }
        self.findings.origin = Origin { worksheet, entry: sheet.entries };
        sheet.entries += 1;
        if seen_before {
            report_duplicate_entry(&mut self.findings, w, entry);
            return;
        }
        if !sheet.audited {
            return;
        }
        if self.current.as_ref().is_none_or(|(i, _)| *i != worksheet) {
            self.current = Some((worksheet, Shift::with_area(w.into(), sheet.area_index)));
        }
        let Some((_, shift)) = &self.current else { return };
        let facts = check_entry_rules(&mut self.findings, &self.entry_rules, shift, entry);
        sheet.valid_755 += u64::from(facts.valid_755);
        if let Some(area_index) = shift.area_index {
            if entry.contact.is_some() && !facts.valid_755 {
                sheet.uncoded_contacts = sheet.uncoded_contacts.saturating_add(1);
            }
            self.tally.covered_entry(entry, facts.valid_755, area_index);
        }
    }

    /// Runs the worksheet rules over the counts, then the sergeant and briefing rules; the
    /// report.
    pub(crate) fn finish(self) -> Report {
        let Auditor { dataset, mut findings, index, mut tally, sheets, .. } = self;
        findings.origin = Origin::default();
        for &i in &index.worksheets {
            let (Some(sheet), Some(w)) = (sheets.get(i), dataset.worksheets.get(i)) else { continue };
            if !sheet.audited {
                continue;
            }
            tally.audited_worksheet();
            check_worksheet(&mut findings, w, sheet, &index, &mut tally);
        }
        check_sergeants(&mut findings, dataset, &index);
        check_briefings(&mut findings, dataset, &index);

        let policy = findings.policy;
        let findings = findings.sorted();
        let summary = tally.finish(policy, dataset.period, &findings, &index.roster);
        Report::new(policy.clone(), findings, summary)
    }
}

/// The catalog's one `DATA-DUPLICATE-ID` row.
fn duplicate_rule() -> &'static RuleDef {
    RuleId::DataDuplicateId.def()
}

fn duplicate_message(kind: &str, id: &str) -> String {
    format!("{kind} id {id} is used again; this record is ignored")
}

/// The dataset's records indexed by id, duplicates set aside.
struct Index<'a> {
    /// First occurrence of each person id.
    roster: HashMap<&'a str, Role>,
    /// Indices of the worksheets whose id was not seen before, in input order.
    worksheets: Vec<usize>,
    /// Each vehicle's checks (date, cards), sorted by date, input order kept within a day.
    checks: HashMap<&'a str, Vec<(NaiveDate, u64)>>,
    /// Each sergeant's counted briefing dates, ascending.
    briefings: HashMap<&'a str, Vec<NaiveDate>>,
    /// Briefings whose id was not seen before.
    unique_briefings: Vec<&'a Briefing>,
}

impl<'a> Index<'a> {
    /// Indexes every record kind, reporting `DATA-DUPLICATE-ID` for later records with a seen
    /// id (the catalog row's check is `DuplicateRecord`); those are then ignored.
    fn build(d: &'a Dataset, findings: &mut Findings) -> Index<'a> {
        let dup = duplicate_rule();
        let nobody = People::default();

        let mut roster = HashMap::with_capacity(d.personnel.len());
        for p in &d.personnel {
            if roster.contains_key(p.id.as_str()) {
                let message = duplicate_message("personnel", &p.id);
                findings.fire(dup, Subject::Personnel(&p.id), nobody, None, message);
            } else {
                roster.insert(p.id.as_str(), p.role);
            }
        }

        let mut seen = HashSet::with_capacity(d.worksheets.len());
        let mut worksheets = Vec::with_capacity(d.worksheets.len());
        for (i, w) in d.worksheets.iter().enumerate() {
            if seen.insert(w.id.as_str()) {
                worksheets.push(i);
            } else {
                let people = People { worker: Some(&w.personnel_id), ..People::default() };
                let message = duplicate_message("worksheet", &w.id);
                findings.fire(dup, Subject::Worksheet(&w.id), people, Some(w.date), message);
            }
        }

        let mut seen = HashSet::with_capacity(d.briefings.len());
        let mut unique_briefings = Vec::with_capacity(d.briefings.len());
        let mut briefings: HashMap<&str, Vec<NaiveDate>> = HashMap::new();
        for b in &d.briefings {
            if !seen.insert(b.id.as_str()) {
                let message = duplicate_message("briefing", &b.id);
                findings.fire(dup, Subject::Briefing(&b.id), nobody, Some(b.date), message);
                continue;
            }
            unique_briefings.push(b);
            if roster.get(b.sergeant_id.as_str()) == Some(&Role::Sergeant) {
                briefings.entry(b.sergeant_id.as_str()).or_default().push(b.date);
            }
        }
        for dates in briefings.values_mut() {
            dates.sort_unstable();
        }

        let mut seen = HashSet::with_capacity(d.vehicle_checks.len());
        let mut checks: HashMap<&str, Vec<(NaiveDate, u64)>> = HashMap::new();
        for c in &d.vehicle_checks {
            if !seen.insert(c.id.as_str()) {
                let message = duplicate_message("vehicle check", &c.id);
                findings.fire(dup, Subject::VehicleCheck(&c.id), nobody, Some(c.date), message);
                continue;
            }
            checks.entry(c.vehicle_id.as_str()).or_default().push((c.date, c.cards_on_hand));
        }
        for list in checks.values_mut() {
            // Stable: checks of one day keep their input order, so the last is the latest.
            list.sort_by_key(|(date, _)| *date);
        }

        Index { roster, worksheets, checks, briefings, unique_briefings }
    }
}

/// An entry repeating an id within one (kept) worksheet: reported, then ignored by every other
/// rule.
fn report_duplicate_entry(findings: &mut Findings, w: &Worksheet, e: &Entry) {
    let people = People { worker: Some(&w.personnel_id), ..People::default() };
    let message = format!("entry id {} is used again on worksheet {}; this entry is ignored", e.id, w.id);
    let subject = Subject::Entry { worksheet: &w.id, entry: &e.id };
    findings.fire(duplicate_rule(), subject, people, Some(w.date), message);
}

/// The worksheet rules over an audited worksheet and the counts of its entries.
fn check_worksheet<'a>(
    findings: &mut Findings,
    w: &'a Worksheet,
    sheet: &Sheet,
    index: &Index<'a>,
    tally: &mut Tally<'a>,
) {
    let policy = findings.policy;
    let shift = Shift::with_area(w.into(), sheet.area_index);
    if let Some(area_index) = shift.area_index {
        tally.covered_worksheet(&w.personnel_id, w.date, area_index, sheet.valid_755);
    }

    let vehicle_id = w.vehicle_id.as_deref();
    let latest_check = vehicle_id.and_then(|v| {
        let list = index.checks.get(v)?;
        let upto = list.partition_point(|(d, _)| *d <= w.date);
        upto.checked_sub(1).and_then(|i| list.get(i).copied())
    });
    let facts = WorksheetFacts {
        policy,
        worker_id: &w.personnel_id,
        date: w.date,
        // Counting one by one with a saturating add gives the same.
        valid_755_entries: u32::try_from(sheet.valid_755).unwrap_or(u32::MAX),
        uncoded_contacts: sheet.uncoded_contacts,
        worker_on_roster: index.roster.contains_key(w.personnel_id.as_str()),
        review: w.review.as_ref(),
        reviewer_role: w.review.as_ref().and_then(|r| index.roster.get(r.reviewer_id.as_str()).copied()),
        shift_invalid: shift.invalid,
        vehicle_id,
        latest_check,
    };
    let standing = Standing { audited: true, covered: shift.covered() };
    let people = People {
        worker: Some(&w.personnel_id),
        reviewer: w.review.as_ref().map(|r| r.reviewer_id.as_str()),
        sergeant: None,
    };
    for def in CATALOG {
        if let Check::Worksheet(check) = def.check {
            if !def.scope.admits(standing) {
                continue;
            }
            if let Some(message) = check(&facts) {
                findings.fire(def, Subject::Worksheet(&w.id), people, Some(w.date), message);
            }
        }
    }
}

/// `SGT-BRIEFING` for every sergeant of the roster (its scope: `Sergeants`).
fn check_sergeants(findings: &mut Findings, dataset: &Dataset, index: &Index) {
    let period = dataset.period;
    let interval_days = findings.policy.briefing_interval_days;
    for (id, role) in &index.roster {
        if *role != Role::Sergeant {
            continue;
        }
        let dates = index.briefings.get(id).map_or(&[][..], Vec::as_slice);
        let facts = SergeantFacts { period, interval_days, briefing_dates: dates };
        let people = People { sergeant: Some(id), ..People::default() };
        for def in CATALOG {
            if let Check::Sergeant(check) = def.check {
                if let Some((day, message)) = check(&facts) {
                    findings.fire(def, Subject::Personnel(id), people, Some(day), message);
                }
            }
        }
    }
}

/// The briefing rules for every (kept) briefing dated on or before the end of the period
/// (their scope: `Briefings`).
fn check_briefings(findings: &mut Findings, dataset: &Dataset, index: &Index) {
    let end = dataset.period.end;
    for b in index.unique_briefings.iter().filter(|b| b.date <= end) {
        let facts = BriefingFacts {
            sergeant_id: &b.sergeant_id,
            briefer_role: index.roster.get(b.sergeant_id.as_str()).copied(),
        };
        for def in CATALOG {
            if let Check::Briefing(check) = def.check {
                if let Some(message) = check(&facts) {
                    findings.fire(def, Subject::Briefing(&b.id), People::default(), Some(b.date), message);
                }
            }
        }
    }
}

/// Indices of entries whose id appeared earlier in the same worksheet.
fn duplicate_entry_indices(entries: &[Entry]) -> Vec<usize> {
    if entries.len() <= PAIRWISE_ENTRIES {
        // A worksheet holds a handful of entries: compare cheap hashes pairwise and the ids
        // only when the hashes agree (nearly never), instead of hashing into a set.
        let mut keys = [0u64; PAIRWISE_ENTRIES];
        for (key, e) in keys.iter_mut().zip(entries) {
            *key = fnv1a(e.id.as_bytes());
        }
        (1..entries.len())
            .filter(|&i| (0..i).any(|j| keys[j] == keys[i] && entries[j].id == entries[i].id))
            .collect()
    } else {
        let mut seen = HashSet::with_capacity(entries.len());
        (0..entries.len()).filter(|&i| !seen.insert(entries[i].id.as_str())).collect()
    }
}

/// FNV-1a: a few instructions per byte, good enough to tell short ids apart.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}
