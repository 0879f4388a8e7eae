//! The audit engine: indexes the dataset once, computes facts, runs the catalog's checks.
//!
//! Cost is O(n log n) in the number of records: duplicates are found with hash sets, card
//! checks and briefings are looked up in per-vehicle and per-sergeant sorted lists with a
//! binary search, never by scanning per worksheet.
//!
//! Every finding goes through [`Findings::fire`], which reads the catalog row: whether the
//! policy enables the rule, the severity the policy gives it, and who it is charged to.
//!
//! An audit has two phases. The entry phase ([`EntryAudit`]) checks each entry as it comes and
//! keeps only counts of it per worksheet; [`EntryAudit::finish`] indexes every other record and
//! runs the worksheet, sergeant and briefing rules over those counts. A JSON dataset feeds each
//! worksheet's entries as the worksheet is read ([`run`], `crate::stream`), a tabular one as
//! `entries.csv` yields them, in any order of worksheets ([`Auditor`], `crate::tables`), and all
//! get the same report.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::header::Shift;
use super::summary::Tally;
use crate::model::{Activity, Briefing, Category, Dataset, Entry, Role, Worksheet};
use crate::policy::Policy;
use crate::report::{Finding, Report};
use crate::rules::{
    BriefingFacts, Check, EntryFacts, People, RuleDef, RuleId, SergeantFacts, Standing, Subject,
    WorksheetFacts, CATALOG,
};
use crate::words::Word;

/// Up to this many codes on an entry, repeated codes are found by comparing every pair; past
/// it, by sorting.
const PAIRWISE_CODES: usize = 16;
/// Up to this many entries on a worksheet, repeated entry ids are found by comparing hashes
/// pairwise; past it, with a hash set.
const PAIRWISE_ENTRIES: usize = 32;

/// Where a finding was produced: the index in the dataset of the worksheet whose entry it is
/// about.
///
/// Two entries of different worksheets can share a subject (worksheet `A/B` entry `C` and
/// worksheet `A` entry `B/C` are both `entry:A/B/C`), and a rule fires once per subject: the
/// first finding produced is kept. A JSON dataset produces them in worksheet order, then entry
/// order; `entries.csv` may interleave worksheets. Sorting ties by origin keeps the same finding
/// whatever the order worksheets' entries arrive in. Within one worksheet no two different
/// findings of a rule share a subject (a repeated entry id gets the same `DATA-DUPLICATE-ID`
/// finding each time, and no other), so ties there need no order. Findings that are not about
/// an entry have no origin (it sorts first) and keep their production order, which is the same
/// for every input form.
///
/// The origin also lets [`EntryAudit::finish`] drop what the entries of a worksheet produced
/// when the worksheet turns out not to be audited: entries are checked as they are read, before
/// the whole dataset (a later worksheet with the same id, a `period` written after the
/// worksheets) is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Origin {
    worksheet: usize,
}

/// The findings of an audit in progress, under one policy.
pub(crate) struct Findings<'p> {
    policy: &'p Policy,
    /// The origin of the findings fired from now on (`None`: not about an entry).
    origin: Option<Origin>,
    list: Vec<(Option<Origin>, Finding)>,
}

impl<'p> Findings<'p> {
    pub(crate) fn new(policy: &'p Policy) -> Self {
        Findings { policy, origin: None, list: Vec::new() }
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
    let mut entries = EntryAudit::new(policy);
    for (i, w) in dataset.worksheets.iter().enumerate() {
        entries.worksheet(i, w, dataset.period.contains(w.date));
    }
    entries.finish(dataset)
}

/// What the entries of one worksheet leave for the worksheet rules and the summary: counts,
/// whatever the number of entries. A worksheet's counts saturate at `u32::MAX`; the summary
/// adds them up in 64 bits.
#[derive(Debug, Clone, Copy, Default)]
struct SheetCounts {
    /// Entries (repeated ids excluded) with a valid 755.
    valid_755: u32,
    /// Entries of a covered worksheet with a contact but no valid 755.
    uncoded_contacts: u32,
    /// Of a covered worksheet: the entries' contacts, by category (in `Category::ALL` order).
    contacts: [u32; <Category as Word>::ALL.len()],
    /// Of a covered worksheet: the contacts at which a card was provided.
    cards_provided: u32,
    /// Of a covered worksheet: the entries with a valid 755, by activity (`Activity::ALL` order).
    valid_755_by_activity: [u32; <Activity as Word>::ALL.len()],
}

impl SheetCounts {
    /// Counts one checked entry (not a repeated id) of an audited worksheet.
    fn add(&mut self, entry: &Entry, valid_755: bool, covered: bool) {
        self.valid_755 = self.valid_755.saturating_add(u32::from(valid_755));
        if !covered {
            return;
        }
        if let Some(c) = &entry.contact {
            if !valid_755 {
                self.uncoded_contacts = self.uncoded_contacts.saturating_add(1);
            }
            bump(&mut self.contacts, word_index(c.category));
            self.cards_provided = self.cards_provided.saturating_add(u32::from(c.card_provided));
        }
        if valid_755 {
            bump(&mut self.valid_755_by_activity, word_index(entry.activity));
        }
    }
}

fn bump(counts: &mut [u32], i: usize) {
    if let Some(n) = counts.get_mut(i) {
        *n = n.saturating_add(1);
    }
}

/// The position of `word` in its vocabulary's `ALL`.
fn word_index<W: Word + PartialEq>(word: W) -> usize {
    W::ALL.iter().position(|w| *w == word).unwrap_or(usize::MAX)
}

/// The entry phase of an audit: each entry is checked as it comes and leaves findings and
/// [`SheetCounts`] in its worksheet's slot; [`EntryAudit::finish`] runs the rest of the catalog
/// over the dataset, whose worksheets' `entries` it does not look at (they may be gone).
///
/// Entries are checked before the whole dataset is known: a JSON reader meets a worksheet's
/// entries before any later worksheet with the same id, and perhaps before the `period`. What a
/// worksheet's entries produced is kept or dropped by `finish`, which knows which worksheets are
/// audited (the first with their id, dated in the period) and which are only kept (the first
/// with their id: their repeated entry ids are still reported).
pub(crate) struct EntryAudit<'p> {
    findings: Findings<'p>,
    entry_rules: Vec<&'static RuleDef>,
    /// Per worksheet of the dataset, by index; grown as worksheets are fed.
    sheets: Vec<SheetCounts>,
}

impl<'p> EntryAudit<'p> {
    pub(crate) fn new(policy: &'p Policy) -> Self {
        EntryAudit { findings: Findings::new(policy), entry_rules: entry_rules(), sheets: Vec::new() }
    }

    /// Checks all the entries of worksheet `w`, the dataset's worksheet number `index`.
    /// `audited`: whether the entry rules run (the worksheet is dated in the period, or the
    /// period is not known yet); repeated entry ids are reported either way.
    pub(crate) fn worksheet(&mut self, index: usize, w: &Worksheet, audited: bool) {
        // All of a worksheet's entries are at hand: repeated ids are found in one go, while
        // they are in the cache.
        let duplicates = duplicate_entry_indices(&w.entries);
        let shift = audited.then(|| Shift::new(self.findings.policy, w.into()));
        for (j, entry) in w.entries.iter().enumerate() {
            self.entry(index, w, shift.as_ref(), entry, duplicates.contains(&j));
        }
    }

    /// Checks the next entry of worksheet `w`, the dataset's worksheet number `index`, whose
    /// shift is `shift` if its entries are audited. `seen_before`: an earlier entry of that
    /// worksheet has the same id; the entry is reported (`DATA-DUPLICATE-ID`) and then ignored
    /// by every other rule.
    pub(crate) fn entry(
        &mut self,
        index: usize,
        w: &Worksheet,
        shift: Option<&Shift>,
        entry: &Entry,
        seen_before: bool,
    ) {
        if self.sheets.len() <= index {
            self.sheets.resize(index + 1, SheetCounts::default());
        }
        let Some(sheet) = self.sheets.get_mut(index) else { return };
        self.findings.origin = Some(Origin { worksheet: index });
        if seen_before {
            report_duplicate_entry(&mut self.findings, w, entry);
            return;
        }
        let Some(shift) = shift else { return };
        let facts = check_entry_rules(&mut self.findings, &self.entry_rules, shift, entry);
        sheet.add(entry, facts.valid_755, shift.covered());
    }

    /// Takes over what `later` checked: the entries of the worksheets that follow this audit's,
    /// `later`'s worksheet `i` being the dataset's worksheet `first + i` (`first`: the number of
    /// worksheets fed here). Findings keep their production order: these first, then `later`'s.
    pub(crate) fn absorb(&mut self, later: EntryAudit<'p>, first: usize) {
        self.sheets.resize(first, SheetCounts::default());
        self.sheets.extend(later.sheets);
        let shifted = later
            .findings
            .list
            .into_iter()
            .map(|(origin, f)| (origin.map(|o| Origin { worksheet: o.worksheet + first }), f));
        self.findings.list.extend(shifted);
    }

    /// Indexes `dataset` (reporting duplicate ids among personnel, worksheets, briefings and
    /// vehicle checks), keeps what the entries of its audited worksheets produced, runs the
    /// worksheet rules over their counts, then the sergeant and briefing rules; the report.
    /// `dataset` must be the one whose entries were fed, in its order of worksheets.
    pub(crate) fn finish(self, dataset: &Dataset) -> Report {
        let EntryAudit { mut findings, sheets, .. } = self;
        let policy = findings.policy;
        findings.origin = None;
        let index = Index::build(dataset, &mut findings);

        // What became of each worksheet's entries' findings.
        let mut standing = vec![SheetStanding::Ignored; dataset.worksheets.len()];
        for &i in &index.worksheets {
            if let (Some(s), Some(w)) = (standing.get_mut(i), dataset.worksheets.get(i)) {
                *s = if dataset.period.contains(w.date) {
                    SheetStanding::Audited
                } else {
                    SheetStanding::Kept
                };
            }
        }
        findings.list.retain(|(origin, f)| match origin {
            None => true,
            Some(o) => match standing.get(o.worksheet) {
                Some(SheetStanding::Audited) => true,
                Some(SheetStanding::Kept) => f.rule == RuleId::DataDuplicateId,
                _ => false,
            },
        });

        let mut tally = Tally::new(policy, &index.roster);
        for &i in &index.worksheets {
            let (Some(SheetStanding::Audited), Some(w)) = (standing.get(i), dataset.worksheets.get(i)) else {
                continue;
            };
            let counts = sheets.get(i).copied().unwrap_or_default();
            tally.audited_worksheet();
            check_worksheet(&mut findings, w, &counts, &index, &mut tally);
        }
        check_sergeants(&mut findings, dataset, &index);
        check_briefings(&mut findings, dataset, &index);

        let findings = findings.sorted();
        let summary = tally.finish(policy, dataset.period, &findings, &index.roster);
        Report::new(policy.clone(), findings, summary)
    }
}

/// What an audit makes of a worksheet's entries, once the dataset is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SheetStanding {
    /// A repeat of an earlier worksheet's id: nothing of its entries counts.
    Ignored,
    /// The first with its id, dated outside the period: only its repeated entry ids count.
    Kept,
    /// The first with its id, dated in the period: everything counts.
    Audited,
}

/// An audit fed one entry at a time with the dataset known beforehand (`entries.csv` of a
/// tabular dataset, in any order of worksheets; within a worksheet, in its order): an
/// [`EntryAudit`] with each worksheet's shift put together once per run of its entries.
pub(crate) struct Auditor<'a> {
    dataset: &'a Dataset,
    entries: EntryAudit<'a>,
    /// The worksheet of the previous entry and its shift, if its entries are audited.
    current: Option<(usize, Option<Shift<'a>>)>,
}

impl<'a> Auditor<'a> {
    /// Starts an audit of `dataset` under `policy`; the worksheets' own `entries` are not
    /// looked at: feed entries with [`Auditor::entry`].
    pub(crate) fn begin(policy: &'a Policy, dataset: &'a Dataset) -> Auditor<'a> {
        let mut entries = EntryAudit::new(policy);
        entries.sheets = vec![SheetCounts::default(); dataset.worksheets.len()];
        Auditor { dataset, entries, current: None }
    }

    /// Checks the next entry of worksheet `worksheet` (an index into the dataset's
    /// worksheets); see [`EntryAudit::entry`].
    pub(crate) fn entry(&mut self, worksheet: usize, entry: &Entry, seen_before: bool) {
        let Some(w) = self.dataset.worksheets.get(worksheet) else { return };
        if self.current.as_ref().is_none_or(|(i, _)| *i != worksheet) {
            let policy = self.entries.findings.policy;
            let shift = self.dataset.period.contains(w.date).then(|| Shift::new(policy, w.into()));
            self.current = Some((worksheet, shift));
        }
        let shift = self.current.as_ref().and_then(|(_, s)| s.as_ref());
        self.entries.entry(worksheet, w, shift, entry, seen_before);
    }

    /// The report; see [`EntryAudit::finish`].
    pub(crate) fn finish(self) -> Report {
        self.entries.finish(self.dataset)
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
    counts: &SheetCounts,
    index: &Index<'a>,
    tally: &mut Tally<'a>,
) {
    let policy = findings.policy;
    let shift = Shift::new(policy, w.into());
    if let Some(area_index) = shift.area_index {
        tally.covered_worksheet(&w.personnel_id, w.date, area_index, u64::from(counts.valid_755));
        tally.covered_entries(
            area_index,
            u64::from(counts.valid_755),
            &counts.contacts,
            counts.cards_provided,
            &counts.valid_755_by_activity,
        );
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
        valid_755_entries: counts.valid_755,
        uncoded_contacts: counts.uncoded_contacts,
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
