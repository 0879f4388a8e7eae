//! The audit engine: indexes the dataset once, computes facts, runs the catalog's checks.
//!
//! Cost is O(n log n) in the number of records: duplicates are found with hash sets, card
//! checks and briefings are looked up in per-vehicle and per-sergeant sorted lists with a
//! binary search, never by scanning per worksheet.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use crate::error::InputError;
use crate::model::{
    check_area, check_id, validate_entry, Assignment, Dataset, Entry, Role, Timestamp, Worksheet,
};
use crate::policy::Policy;
use crate::report::{Finding, PersonSummary, Report, Summary};
use crate::rules::{
    malformed_reason, BriefingFacts, Check, EntryFacts, Responsible, RuleDef, RuleId, Scope, SergeantFacts,
    WorksheetFacts, CATALOG,
};

/// The worksheet header that the real-time check needs: what MDC software knows about the
/// shift when a deputy clears an incident.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorksheetHeader {
    /// The worksheet's id.
    pub id: String,
    /// Who is working the shift.
    pub personnel_id: String,
    /// The shift's date.
    pub date: NaiveDate,
    /// Field or non-field.
    pub assignment: Assignment,
    /// The area worked (required for field assignments).
    pub area: Option<String>,
    /// When the shift began, if known.
    pub shift_start: Option<Timestamp>,
    /// When the shift ends, if known.
    pub shift_end: Option<Timestamp>,
}

impl From<&Worksheet> for WorksheetHeader {
    /// The header of a worksheet of a dataset (its entries and review left out).
    fn from(w: &Worksheet) -> Self {
        WorksheetHeader {
            id: w.id.clone(),
            personnel_id: w.personnel_id.clone(),
            date: w.date,
            assignment: w.assignment,
            area: w.area.clone(),
            shift_start: w.shift_start,
            shift_end: w.shift_end,
        }
    }
}

impl WorksheetHeader {
    /// Checks the header as a dataset's worksheet is checked (ids, an area on a field
    /// assignment); errors name `worksheet.…` paths. [`check_entry`] calls it; MDC software that
    /// checks many entries of one shift can call it once when the shift starts.
    ///
    /// ```
    /// use contact755::*;
    /// let header = WorksheetHeader {
    ///     id: "W1".into(), personnel_id: "D100".into(),
    ///     date: parse_date("2016-03-17").unwrap(), assignment: Assignment::Field,
    ///     area: None, shift_start: None, shift_end: None,
    /// };
    /// assert_eq!(header.validate().unwrap_err().path, "worksheet");
    /// ```
    pub fn validate(&self) -> Result<(), InputError> {
        check_id(&self.id, || "worksheet.id".into())?;
        check_id(&self.personnel_id, || "worksheet.personnel_id".into())?;
        check_area(self.assignment, self.area.as_deref(), || "worksheet".into())
    }
}

/// What entry rules need to know about the shift an entry belongs to.
struct Shift<'a> {
    worksheet_id: &'a str,
    personnel_id: &'a str,
    date: NaiveDate,
    covered: bool,
    /// Both bounds, only when the end is after the start.
    bounds: Option<(Timestamp, Timestamp)>,
}

/// The header fields of a worksheet, borrowed from a [`Worksheet`] or a [`WorksheetHeader`].
struct HeaderRef<'a> {
    id: &'a str,
    personnel_id: &'a str,
    date: NaiveDate,
    assignment: Assignment,
    area: Option<&'a str>,
    start: Option<Timestamp>,
    end: Option<Timestamp>,
}

impl<'a> From<&'a Worksheet> for HeaderRef<'a> {
    fn from(w: &'a Worksheet) -> Self {
        HeaderRef {
            id: &w.id,
            personnel_id: &w.personnel_id,
            date: w.date,
            assignment: w.assignment,
            area: w.area.as_deref(),
            start: w.shift_start,
            end: w.shift_end,
        }
    }
}

impl<'a> From<&'a WorksheetHeader> for HeaderRef<'a> {
    fn from(h: &'a WorksheetHeader) -> Self {
        HeaderRef {
            id: &h.id,
            personnel_id: &h.personnel_id,
            date: h.date,
            assignment: h.assignment,
            area: h.area.as_deref(),
            start: h.shift_start,
            end: h.shift_end,
        }
    }
}

impl<'a> Shift<'a> {
    /// The shift, the index of its covered area (if covered) and whether its bounds are
    /// out of order.
    fn new(policy: &Policy, h: HeaderRef<'a>) -> (Shift<'a>, Option<usize>, bool) {
        let area_index = if h.assignment == Assignment::Field {
            h.area.and_then(|a| covered_area(policy, a))
        } else {
            None
        };
        let shift_invalid = matches!((h.start, h.end), (Some(s), Some(e)) if e <= s);
        let bounds = match (h.start, h.end) {
            (Some(s), Some(e)) if e > s => Some((s, e)),
            _ => None,
        };
        let shift = Shift {
            worksheet_id: h.id,
            personnel_id: h.personnel_id,
            date: h.date,
            covered: area_index.is_some(),
            bounds,
        };
        (shift, area_index, shift_invalid)
    }

    fn entry_subject(&self, entry_id: &str) -> String {
        format!("entry:{}/{}", self.worksheet_id, entry_id)
    }
}

/// The index of the policy area `area` names, compared case-insensitively after trimming and
/// collapsing inner white space.
fn covered_area(policy: &Policy, area: &str) -> Option<usize> {
    policy.covered_areas.iter().position(|a| same_area(a, area))
}

fn same_area(a: &str, b: &str) -> bool {
    let (mut aw, mut bw) = (a.split_whitespace(), b.split_whitespace());
    loop {
        match (aw.next(), bw.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if same_word(x, y) => {}
            _ => return false,
        }
    }
}

fn same_word(x: &str, y: &str) -> bool {
    if x.is_ascii() && y.is_ascii() {
        x.eq_ignore_ascii_case(y)
    } else {
        x.chars().flat_map(char::to_lowercase).eq(y.chars().flat_map(char::to_lowercase))
    }
}

/// Computes the facts of one entry from its codes and its shift.
fn entry_facts<'a>(policy: &Policy, shift: &Shift, entry: &'a Entry) -> EntryFacts<'a> {
    let code = policy.community_relations_code.as_str();
    let mut facts =
        EntryFacts { entry, valid_755: false, malformed: None, duplicate_code: None, outside_shift: None };
    let codes = &entry.clearance_codes;
    for (i, raw) in codes.iter().enumerate() {
        let c = raw.trim();
        if let Some(why) = malformed_reason(c) {
            facts.malformed = facts.malformed.or(Some(why));
            continue;
        }
        facts.valid_755 |= c == code;
        if facts.duplicate_code.is_none() && codes.len() <= 16 {
            let seen_before = codes[..i].iter().any(|p| p.trim() == c);
            if seen_before {
                facts.duplicate_code = Some(c);
            }
        }
    }
    if codes.len() > 16 {
        // Many codes: sort instead of comparing every pair.
        let mut good: Vec<&str> =
            codes.iter().map(|c| c.trim()).filter(|c| malformed_reason(c).is_none()).collect();
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

/// Runs the entry rules among `rules` over one entry, appending its findings; returns its facts.
fn check_entry_rules<'a>(
    policy: &Policy,
    rules: impl IntoIterator<Item = &'static RuleDef>,
    shift: &Shift,
    entry: &'a Entry,
    out: &mut Vec<Finding>,
) -> EntryFacts<'a> {
    let facts = entry_facts(policy, shift, entry);
    for def in rules {
        if let Check::Entry(check) = def.check {
            if def.rule.scope == Scope::Covered && !shift.covered {
                continue;
            }
            if let Some(message) = check(&facts) {
                out.push(Finding {
                    rule: def.rule.id,
                    severity: def.rule.severity,
                    subject: shift.entry_subject(&entry.id),
                    personnel_id: Some(shift.personnel_id.to_string()),
                    date: Some(shift.date),
                    message,
                });
            }
        }
    }
    facts
}

/// The real-time check for MDC software: the findings one entry earns on its own
/// (`FP-CODE-755`, `FP-CARD`, `FP-755-DETAILS`, `DATA-CODE-*`, `DATA-ENTRY-OUTSIDE-SHIFT`),
/// sorted by rule. They equal what [`audit`] reports for that entry.
///
/// The header and entry are validated as in a dataset; errors name `worksheet.…` or
/// `entry.…` paths.
///
/// ```
/// use contact755::*;
/// let header = WorksheetHeader {
///     id: "W1".into(), personnel_id: "D100".into(),
///     date: parse_date("2016-03-17").unwrap(), assignment: Assignment::Field,
///     area: Some("La Mirada".into()), shift_start: None, shift_end: None,
/// };
/// let entry = Entry {
///     id: "E1".into(), at: parse_timestamp("2016-03-17T09:12:00-07:00").unwrap(),
///     activity: Activity::SelfInitiated, clearance_codes: vec!["415".into()],
///     contact: Some(Contact { category: Category::Resident, card_provided: true, description: None }),
/// };
/// let findings = check_entry(&Policy::norwalk_2016(), &header, &entry).unwrap();
/// assert_eq!(findings[0].rule, RuleId::FpCode755);
/// ```
pub fn check_entry(
    policy: &Policy,
    header: &WorksheetHeader,
    entry: &Entry,
) -> Result<Vec<Finding>, InputError> {
    header.validate()?;
    validate_entry(entry, || "entry".into())?;
    let (shift, _, _) = Shift::new(policy, header.into());
    let mut findings = Vec::new();
    check_entry_rules(policy, CATALOG, &shift, entry, &mut findings);
    sort_findings(&mut findings);
    Ok(findings)
}

/// Parses a JSON dataset and audits it.
///
/// ```
/// let report = contact755::audit_json(&contact755::Policy::norwalk_2016(), br#"{
///   "period": {"start": "2016-03-14", "end": "2016-03-20"},
///   "personnel": [{"id": "D100", "role": "deputy"}],
///   "worksheets": []
/// }"#).unwrap();
/// assert!(report.findings.is_empty());
/// ```
pub fn audit_json(policy: &Policy, json: &[u8]) -> Result<Report, InputError> {
    Ok(audit(policy, &Dataset::from_json(json)?))
}

/// Audits a dataset under a policy: every rule of the catalog, the summary, sorted findings.
///
/// The dataset is trusted to be valid ([`Dataset::from_json`] guarantees it; call
/// [`Dataset::validate`] on one built in code). Nothing in it can make this panic.
pub fn audit(policy: &Policy, dataset: &Dataset) -> Report {
    let entry_rules = CATALOG.iter().filter(|d| matches!(d.check, Check::Entry(_))).collect();
    let mut a = Auditor { policy, entry_rules, dataset, findings: Vec::new(), weekly: Default::default() };
    let index = a.index();
    let mut summary = Summary::default();
    let mut people: HashMap<&str, PersonSummary> = index
        .roster
        .keys()
        .map(|id| {
            (*id, PersonSummary { id: id.to_string(), covered_shifts: 0, contacts_755: 0, findings: 0 })
        })
        .collect();

    let mut area_counts = vec![0u64; policy.covered_areas.len()];
    for w in &index.worksheets {
        // Entry ids are checked here rather than in `index()`: one pass over the entries, while
        // they are in the cache, instead of two (a year of worksheets does not fit in it).
        let duplicates = duplicate_entry_indices(&w.entries);
        a.report_duplicate_entries(w, &duplicates);
        if !dataset.period.contains(w.date) {
            continue;
        }
        summary.worksheets_audited += 1;
        a.audit_worksheet(w, &duplicates, &index, &mut summary, &mut area_counts, &mut people);
    }
    for (area, count) in policy.covered_areas.iter().zip(area_counts) {
        if count > 0 {
            *summary.by_area.entry(area.clone()).or_default() += count;
        }
    }
    // Not in the SPEC JSON: the rendered charts' weekly series and headers' period (report.rs).
    summary.contacts_755_by_week =
        crate::report::weekly_series(&policy.covered_areas, std::mem::take(&mut a.weekly));
    summary.period = Some(dataset.period);
    a.check_sergeants(&index);
    a.check_briefings(&index);

    let mut findings = a.findings;
    sort_findings(&mut findings);
    for f in &findings {
        *summary.findings_by_rule.entry(f.rule.as_str().to_string()).or_default() += 1;
        if let Some(p) = f.personnel_id.as_deref().and_then(|id| people.get_mut(id)) {
            p.findings += 1;
        }
    }
    summary.personnel = people.into_values().collect();
    summary.personnel.sort_unstable_by(|a, b| a.id.cmp(&b.id));
    Report { policy: policy.clone(), findings, summary }
}

/// Sorts by rule id then subject (byte order) and keeps one finding per (rule, subject): the
/// first one produced, which for duplicates is the first repeated record.
fn sort_findings(findings: &mut Vec<Finding>) {
    findings.sort_by(|a, b| (a.rule.as_str(), &a.subject).cmp(&(b.rule.as_str(), &b.subject)));
    findings.dedup_by(|later, earlier| later.rule == earlier.rule && later.subject == earlier.subject);
}

/// The dataset's records indexed by id, duplicates set aside.
struct Index<'a> {
    /// First occurrence of each person id.
    roster: HashMap<&'a str, Role>,
    /// Worksheets whose id was not seen before, in input order.
    worksheets: Vec<&'a Worksheet>,
    /// Each vehicle's checks (date, cards), sorted by date, input order kept within a day.
    checks: HashMap<&'a str, Vec<(NaiveDate, u64)>>,
    /// Each sergeant's counted briefing dates, ascending.
    briefings: HashMap<&'a str, Vec<NaiveDate>>,
    /// Briefings whose id was not seen before.
    unique_briefings: Vec<&'a crate::model::Briefing>,
}

struct Auditor<'a> {
    policy: &'a Policy,
    /// The catalog's entry rules, picked out once rather than per entry.
    entry_rules: Vec<&'static RuleDef>,
    dataset: &'a Dataset,
    findings: Vec<Finding>,
    /// 755 contacts by (week start, covered area index): `by_area` split by week.
    weekly: std::collections::BTreeMap<(NaiveDate, usize), u64>,
}

impl<'a> Auditor<'a> {
    fn push(
        &mut self,
        rule: RuleId,
        subject: String,
        personnel_id: Option<&str>,
        date: Option<NaiveDate>,
        message: String,
    ) {
        self.findings.push(Finding {
            rule,
            severity: rule.severity(),
            subject,
            personnel_id: personnel_id.map(str::to_string),
            date,
            message,
        });
    }

    /// `DATA-DUPLICATE-ID` over every record kind (the catalog row's check is
    /// `DuplicateRecord`): later records with a seen id are reported, then ignored.
    fn index(&mut self) -> Index<'a> {
        let d = self.dataset;
        let dup = RuleId::DataDuplicateId;
        let dup_msg = |kind: &str, id: &str| format!("{kind} id {id} is used again; this record is ignored");

        let mut roster = HashMap::with_capacity(d.personnel.len());
        for p in &d.personnel {
            if roster.contains_key(p.id.as_str()) {
                self.push(dup, format!("personnel:{}", p.id), None, None, dup_msg("personnel", &p.id));
            } else {
                roster.insert(p.id.as_str(), p.role);
            }
        }

        let mut seen = HashSet::with_capacity(d.worksheets.len());
        let mut worksheets = Vec::with_capacity(d.worksheets.len());
        for w in &d.worksheets {
            if seen.insert(w.id.as_str()) {
                worksheets.push(w);
            } else {
                // Responsible: the worksheet's person (DATA-* on worksheets).
                self.push(
                    dup,
                    format!("worksheet:{}", w.id),
                    Some(&w.personnel_id),
                    Some(w.date),
                    dup_msg("worksheet", &w.id),
                );
            }
        }

        let mut seen = HashSet::with_capacity(d.briefings.len());
        let mut unique_briefings = Vec::with_capacity(d.briefings.len());
        let mut briefings: HashMap<&str, Vec<NaiveDate>> = HashMap::new();
        for b in &d.briefings {
            if !seen.insert(b.id.as_str()) {
                self.push(dup, format!("briefing:{}", b.id), None, Some(b.date), dup_msg("briefing", &b.id));
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
                self.push(
                    dup,
                    format!("vehicle_check:{}", c.id),
                    None,
                    Some(c.date),
                    dup_msg("vehicle check", &c.id),
                );
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

    /// Entries repeating an id within one (kept) worksheet: reported, then ignored by every
    /// other rule.
    fn report_duplicate_entries(&mut self, w: &Worksheet, duplicates: &[usize]) {
        for &i in duplicates {
            let e = &w.entries[i];
            self.push(
                RuleId::DataDuplicateId,
                format!("entry:{}/{}", w.id, e.id),
                Some(&w.personnel_id),
                Some(w.date),
                format!("entry id {} is used again on worksheet {}; this entry is ignored", e.id, w.id),
            );
        }
    }

    fn audit_worksheet(
        &mut self,
        w: &'a Worksheet,
        duplicates: &[usize],
        index: &Index<'a>,
        summary: &mut Summary,
        area_counts: &mut [u64],
        people: &mut HashMap<&'a str, PersonSummary>,
    ) {
        let policy = self.policy;
        let (shift, area_index, shift_invalid) = Shift::new(policy, w.into());
        let mut valid_755_entries = 0u32;
        let mut uncoded_contacts = 0u32;
        let mut person_contacts = 0u64;
        let mut area_contacts = 0u64; // what `area_counts` gets from this worksheet
        for (i, entry) in w.entries.iter().enumerate() {
            if duplicates.contains(&i) {
                continue;
            }
            let facts = check_entry_rules(
                policy,
                self.entry_rules.iter().copied(),
                &shift,
                entry,
                &mut self.findings,
            );
            valid_755_entries = valid_755_entries.saturating_add(u32::from(facts.valid_755));
            if !shift.covered {
                continue;
            }
            if entry.contact.is_some() && !facts.valid_755 {
                uncoded_contacts = uncoded_contacts.saturating_add(1);
            }
            if let Some(c) = &entry.contact {
                *summary.by_category.entry(c.category).or_default() += 1;
                summary.cards_provided += u64::from(c.card_provided);
            }
            if facts.valid_755 {
                summary.contacts_755 += 1;
                person_contacts += 1;
                *summary.by_activity.entry(entry.activity).or_default() += 1;
                if let Some(count) = area_index.and_then(|i| area_counts.get_mut(i)) {
                    *count += 1;
                    area_contacts += 1;
                }
            }
        }
        // The weekly series: the same count, added once per worksheet (one week, one area).
        if let Some(area) = area_index.filter(|_| area_contacts > 0) {
            *self.weekly.entry((crate::report::week_start(w.date), area)).or_default() += area_contacts;
        }
        if shift.covered {
            summary.worksheets_covered += 1;
            let person = people.entry(w.personnel_id.as_str()).or_insert_with(|| PersonSummary {
                id: w.personnel_id.clone(),
                covered_shifts: 0,
                contacts_755: 0,
                findings: 0,
            });
            person.covered_shifts += 1;
            person.contacts_755 += person_contacts;
        }

        let vehicle_id = w.vehicle_id.as_deref();
        let latest_check = vehicle_id.and_then(|v| {
            let list = index.checks.get(v)?;
            let upto = list.partition_point(|(d, _)| *d <= w.date);
            upto.checked_sub(1).map(|i| list[i])
        });
        let facts = WorksheetFacts {
            policy,
            worker_id: &w.personnel_id,
            date: w.date,
            valid_755_entries,
            uncoded_contacts,
            worker_on_roster: index.roster.contains_key(w.personnel_id.as_str()),
            review: w.review.as_ref(),
            reviewer_role: w.review.as_ref().and_then(|r| index.roster.get(r.reviewer_id.as_str()).copied()),
            shift_invalid,
            vehicle_id,
            latest_check,
        };
        for def in CATALOG {
            if let Check::Worksheet(check) = def.check {
                if def.rule.scope == Scope::Covered && !shift.covered {
                    continue;
                }
                if let Some(message) = check(&facts) {
                    let responsible = match def.responsible {
                        Responsible::Reviewer => w.review.as_ref().map(|r| r.reviewer_id.as_str()),
                        Responsible::Nobody => None,
                        Responsible::Worker | Responsible::Sergeant => Some(w.personnel_id.as_str()),
                    };
                    self.push(def.rule.id, format!("worksheet:{}", w.id), responsible, Some(w.date), message);
                }
            }
        }
    }

    fn check_sergeants(&mut self, index: &Index<'a>) {
        let period = self.dataset.period;
        let interval_days = self.policy.briefing_interval_days;
        let mut seen = HashSet::new();
        for p in &self.dataset.personnel {
            // The roster keeps a person's first record; a duplicate is ignored.
            if p.role != Role::Sergeant
                || !seen.insert(p.id.as_str())
                || index.roster.get(p.id.as_str()) != Some(&Role::Sergeant)
            {
                continue;
            }
            let dates = index.briefings.get(p.id.as_str()).map_or(&[][..], Vec::as_slice);
            let facts = SergeantFacts { period, interval_days, briefing_dates: dates };
            for def in CATALOG {
                if let Check::Sergeant(check) = def.check {
                    if let Some((day, message)) = check(&facts) {
                        self.push(
                            def.rule.id,
                            format!("personnel:{}", p.id),
                            Some(&p.id),
                            Some(day),
                            message,
                        );
                    }
                }
            }
        }
    }

    fn check_briefings(&mut self, index: &Index<'a>) {
        let end = self.dataset.period.end;
        for b in index.unique_briefings.iter().filter(|b| b.date <= end) {
            let facts = BriefingFacts {
                sergeant_id: &b.sergeant_id,
                briefer_role: index.roster.get(b.sergeant_id.as_str()).copied(),
            };
            for def in CATALOG {
                if let Check::Briefing(check) = def.check {
                    if let Some(message) = check(&facts) {
                        self.push(def.rule.id, format!("briefing:{}", b.id), None, Some(b.date), message);
                    }
                }
            }
        }
    }
}

/// Indices of entries whose id appeared earlier in the same worksheet.
fn duplicate_entry_indices(entries: &[Entry]) -> Vec<usize> {
    const SMALL: usize = 32;
    if entries.len() <= SMALL {
        // A worksheet holds a handful of entries: compare cheap hashes pairwise and the ids
        // only when the hashes agree (nearly never), instead of hashing into a set.
        let mut keys = [0u64; SMALL];
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
