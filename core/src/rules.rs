//! The rule catalog (SPEC §3): one table row per rule id, holding its severity, scope, title,
//! the directive's sentence it rests on, and the check itself.
//!
//! [`rules()`] returns the public half of the same rows, so the catalog can never drift from
//! what the audit applies. The audit engine (`audit.rs`) computes plain facts about each entry,
//! worksheet, sergeant and briefing once, then runs every row of the matching kind over them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::{Entry, Period, Review, Role};
use crate::policy::Policy;
use crate::words::word_enum;

word_enum! {
    /// How serious a finding is.
    pub enum Severity as "severity" {
        /// The directive says *shall*.
        Violation = "violation",
        /// The directive says *should*.
        Advisory = "advisory",
        /// The data itself is inconsistent.
        Data = "data",
    }
}

word_enum! {
    /// Which records a rule looks at (the SPEC's "applies to" column). The engine reads it for
    /// every rule: [`Scope::admits`] decides whether a record is looked at.
    pub enum Scope as "scope" {
        /// Audited worksheets that are covered (field assignment in a covered area).
        Covered = "covered",
        /// Every audited worksheet (dated in the period, not a duplicate).
        Audited = "audited",
        /// Every record of the dataset, in or out of the period.
        All = "all",
        /// Every person on the roster whose role is sergeant.
        Sergeants = "sergeants",
        /// Briefings dated on or before the end of the period.
        Briefings = "briefings",
    }
}

word_enum! {
    /// What kind of record a rule's findings name as their subject.
    pub enum SubjectKind as "subject_kind" {
        /// `entry:W/E`: the rule looks at one entry; [`crate::check_entry`] runs exactly these.
        Entry = "entry",
        /// `worksheet:W`.
        Worksheet = "worksheet",
        /// `personnel:S`.
        Personnel = "personnel",
        /// `briefing:B`.
        Briefing = "briefing",
        /// Any record kind (`DATA-DUPLICATE-ID`).
        AnyRecord = "any_record",
    }
}

/// Where a record stands, as a rule's [`Scope`] asks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Standing {
    /// Dated in the period (briefings: on or before its end) and not a duplicate.
    pub audited: bool,
    /// An audited worksheet (or one of its entries) that the directive covers.
    pub covered: bool,
}

impl Scope {
    /// Whether a rule of this scope looks at a record standing so. Sergeants and briefings are
    /// picked out by the engine's loops over them, so only `Covered` and `Audited` narrow.
    pub(crate) fn admits(self, standing: Standing) -> bool {
        match self {
            Scope::Covered => standing.covered,
            Scope::Audited | Scope::Sergeants | Scope::Briefings => standing.audited,
            Scope::All => true,
        }
    }
}

/// The subject of a finding, written in exactly one place ([`std::fmt::Display`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Subject<'a> {
    /// `entry:W/E`.
    Entry { worksheet: &'a str, entry: &'a str },
    /// `worksheet:W`.
    Worksheet(&'a str),
    /// `personnel:P`.
    Personnel(&'a str),
    /// `briefing:B`.
    Briefing(&'a str),
    /// `vehicle_check:C`.
    VehicleCheck(&'a str),
}

impl std::fmt::Display for Subject<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Subject::Entry { worksheet, entry } => write!(f, "entry:{worksheet}/{entry}"),
            Subject::Worksheet(w) => write!(f, "worksheet:{w}"),
            Subject::Personnel(p) => write!(f, "personnel:{p}"),
            Subject::Briefing(b) => write!(f, "briefing:{b}"),
            Subject::VehicleCheck(c) => write!(f, "vehicle_check:{c}"),
        }
    }
}

/// Who a finding is charged to (`personnel_id` on the finding, SPEC §3 "Responsible person").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Responsible {
    /// The person of the worksheet the subject is on (a worksheet or one of its entries);
    /// nobody for a subject that is on no worksheet (a person, a briefing, a vehicle check).
    Worker,
    /// The worksheet's reviewer.
    Reviewer,
    /// The sergeant the finding is about.
    Sergeant,
    /// Nobody in particular (`null`).
    Nobody,
}

/// The people a finding could be charged to, as the engine knows them where it fires.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct People<'a> {
    /// The person of the worksheet the subject is on, if it is on one.
    pub worker: Option<&'a str>,
    /// The reviewer of that worksheet, if it was reviewed.
    pub reviewer: Option<&'a str>,
    /// The sergeant the subject is (`personnel:S` of `SGT-BRIEFING`).
    pub sergeant: Option<&'a str>,
}

impl Responsible {
    /// The one place that says who is charged.
    pub(crate) fn charged<'a>(self, people: People<'a>) -> Option<&'a str> {
        match self {
            Responsible::Worker => people.worker,
            Responsible::Reviewer => people.reviewer,
            Responsible::Sergeant => people.sergeant,
            Responsible::Nobody => None,
        }
    }
}

/// What an entry rule sees: one entry and what its codes and shift say.
pub(crate) struct EntryFacts<'a> {
    pub entry: &'a Entry,
    /// One of its well-formed codes equals the policy's community relations code.
    pub valid_755: bool,
    /// Why the first malformed code is malformed, if any code is.
    pub malformed: Option<&'static str>,
    /// The first well-formed code given twice, if any.
    pub duplicate_code: Option<&'a str>,
    /// "before the shift started" / "after the shift ended", with valid bounds only.
    pub outside_shift: Option<&'static str>,
}

/// What a worksheet rule sees.
pub(crate) struct WorksheetFacts<'a> {
    pub policy: &'a Policy,
    pub worker_id: &'a str,
    pub date: NaiveDate,
    /// Entries (duplicates excluded) with a valid 755.
    pub valid_755_entries: u32,
    /// Entries with a contact but no valid 755 (`FP-CODE-755` findings).
    pub uncoded_contacts: u32,
    pub worker_on_roster: bool,
    pub review: Option<&'a Review>,
    /// The reviewer's role; `None` when the reviewer is not on the roster.
    pub reviewer_role: Option<Role>,
    /// Both shift bounds given and the end not after the start.
    pub shift_invalid: bool,
    pub vehicle_id: Option<&'a str>,
    /// The vehicle's latest check on or before the worksheet's date (the last in input order
    /// on that day): its date and card count.
    pub latest_check: Option<(NaiveDate, u64)>,
}

impl WorksheetFacts<'_> {
    /// The check that can satisfy or fail the worksheet: inside the window when there is
    /// one, else the latest on or before the date.
    fn relevant_check(&self) -> Option<(NaiveDate, u64)> {
        let window = self.policy.card_check_interval_days;
        self.latest_check.filter(|(d, _)| window == 0 || days_between(*d, self.date) < i64::from(window))
    }
}

/// What the briefing rule sees for one sergeant.
pub(crate) struct SergeantFacts<'a> {
    pub period: Period,
    pub interval_days: u32,
    /// Dates of the sergeant's counted briefings, ascending.
    pub briefing_dates: &'a [NaiveDate],
}

/// What the briefer rule sees for one briefing.
pub(crate) struct BriefingFacts<'a> {
    pub sergeant_id: &'a str,
    /// The briefer's role; `None` when not on the roster.
    pub briefer_role: Option<Role>,
}

/// How a rule is evaluated: a plain function over the facts of its kind, returning the
/// finding's message when the rule fires.
pub(crate) enum Check {
    Entry(fn(&EntryFacts) -> Option<String>),
    Worksheet(fn(&WorksheetFacts) -> Option<String>),
    /// Returns the first uncovered day and the message.
    Sergeant(fn(&SergeantFacts) -> Option<(NaiveDate, String)>),
    Briefing(fn(&BriefingFacts) -> Option<String>),
    /// Detected while the engine indexes records by id (a duplicate is then ignored by every
    /// other rule, so it cannot be a check over facts).
    DuplicateRecord,
}

/// One rule of the catalog as a policy applies it: what `policy.rules()` returns (and
/// [`rules()`], the `norwalk-2016` preset's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rule {
    /// The rule's id, e.g. `FP-CODE-755`.
    pub id: RuleId,
    /// How serious a finding of this rule is, under this policy.
    pub severity: Severity,
    /// Whether this policy applies the rule (a disabled rule never fires).
    pub enabled: bool,
    /// Which records it looks at.
    pub scope: Scope,
    /// What its findings' subjects name.
    pub subject: SubjectKind,
    /// A one-line title.
    pub title: &'static str,
    /// What the rule checks, in a sentence.
    pub checks: &'static str,
    /// The order's sentence it rests on, as this policy cites it; `None` for data rules.
    pub citation: Option<String>,
    /// A conformance vector of the project (under `tests/conformance/`) in which it fires.
    pub example: &'static str,
}

/// One row of the catalog: everything about a rule that no policy changes, plus the Norwalk
/// order's severity and sentence, which the `norwalk-2016` preset applies.
pub(crate) struct RuleDef {
    pub id: RuleId,
    pub severity: Severity,
    pub scope: Scope,
    pub subject: SubjectKind,
    pub title: &'static str,
    pub checks: &'static str,
    pub example: &'static str,
    pub citation: Option<&'static str>,
    pub responsible: Responsible,
    pub check: Check,
}

impl RuleDef {
    /// A data rule: always on, severity `data`, no citation, no policy setting.
    pub(crate) fn is_data(&self) -> bool {
        self.severity == Severity::Data
    }
}

macro_rules! subject_kind {
    (Entry) => {
        SubjectKind::Entry
    };
    (Worksheet) => {
        SubjectKind::Worksheet
    };
    (Sergeant) => {
        SubjectKind::Personnel
    };
    (Briefing) => {
        SubjectKind::Briefing
    };
    (DuplicateRecord) => {
        SubjectKind::AnyRecord
    };
}

macro_rules! catalog {
    ($( $(#[doc = $doc:literal])* $variant:ident = $id:literal {
        severity: $sev:ident, scope: $scope:ident, responsible: $resp:ident,
        title: $title:literal, checks: $checks:literal, example: $example:literal,
        citation: $cite:expr, check: $kind:ident $(($f:expr))? $(,)?
    } )*) => {
        /// A rule's id. Serializes as the SPEC's spelling (`"FP-CODE-755"`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum RuleId {
            $( $(#[doc = $doc])* $variant, )*
        }

        impl RuleId {
            /// Every rule id, in catalog order.
            pub const ALL: &'static [RuleId] = &[$( RuleId::$variant ),*];

            /// The SPEC's spelling of this id.
            pub fn as_str(self) -> &'static str {
                match self { $( RuleId::$variant => $id, )* }
            }

            /// The id spelled as in the SPEC, if it is one.
            pub fn from_id(id: &str) -> Option<RuleId> {
                match id { $( $id => Some(RuleId::$variant), )* _ => None }
            }
        }

        pub(crate) static CATALOG: &[RuleDef] = &[$(
            RuleDef {
                id: RuleId::$variant,
                severity: Severity::$sev,
                scope: Scope::$scope,
                subject: subject_kind!($kind),
                title: $title,
                checks: $checks,
                example: $example,
                citation: $cite,
                responsible: Responsible::$resp,
                check: Check::$kind $(($f))?,
            },
        )*];
    };
}

const SHALL_755_CODE: &str = "Field personnel shall utilize the 755 clearance code in both \u{201c}obs,\u{201d} self-initiated activities, or regular calls for service.";
const SHALL_CARD: &str = "Field personnel shall provide the citizen with a \u{201c}755\u{201d} card containing safety tips and important phone numbers.";
const SHOULD_DOCUMENT: &str = "To that end, all field personnel should make regular attempts to initiate social contacts with citizens and document the contact in the MDC system with a clearance code of 755 (community relations).";
const SHALL_REGULAR: &str = "Field personnel shall engage in regular, social contact with citizens regarding public safety issues or individual concerns.";
const SHALL_REVIEW: &str = "Sergeants shall ensure the proper codification has been entered when reviewing the Deputy Daily Worksheets";
const SHALL_SUPPLY: &str = "Sergeants shall ensure field personnel maintain a supply of \u{201c}755\u{201d} cards in their patrol vehicles.";
const SHALL_BRIEF: &str =
    "Sergeants shall conduct re-current briefings on the Community Partnership Program.";

catalog! {
    /// A contact cleared without a valid 755 code.
    FpCode755 = "FP-CODE-755" {
        severity: Violation, scope: Covered, responsible: Worker,
        title: "Contact cleared without clearance code 755",
        checks: "A covered entry that records a contact has a valid community relations clearance code.",
        example: "rules/fp-code-755-fires.json",
        citation: Some(SHALL_755_CODE),
        check: Entry(|e| (e.entry.contact.is_some() && !e.valid_755)
            .then(|| format!("entry {} records a contact but no valid community relations clearance code", e.entry.id))),
    }
    /// A contact where no 755 card was handed over.
    FpCard = "FP-CARD" {
        severity: Violation, scope: Covered, responsible: Worker,
        title: "No 755 card provided to the citizen",
        checks: "A covered entry's contact handed the citizen a card.",
        example: "rules/fp-card-fires.json",
        citation: Some(SHALL_CARD),
        check: Entry(|e| e.entry.contact.as_ref().is_some_and(|c| !c.card_provided)
            .then(|| format!("entry {} records a contact where no 755 card was provided", e.entry.id))),
    }
    /// 755 cleared with no contact details.
    Fp755Details = "FP-755-DETAILS" {
        severity: Advisory, scope: Covered, responsible: Worker,
        title: "755 cleared without contact details",
        checks: "A covered entry cleared with a valid 755 records the contact it documents.",
        example: "rules/fp-755-details-fires.json",
        citation: Some(SHOULD_DOCUMENT),
        check: Entry(|e| (e.valid_755 && e.entry.contact.is_none())
            .then(|| format!("entry {} is cleared 755 but records no contact details", e.entry.id))),
    }
    /// Too few 755 contacts on a covered shift.
    FpRegular = "FP-REGULAR" {
        severity: Violation, scope: Covered, responsible: Worker,
        title: "Too few 755 contacts on a field shift",
        checks: "A covered shift has at least `min_contacts_per_shift` entries with a valid 755.",
        example: "rules/fp-regular-fires-no-entries.json",
        citation: Some(SHALL_REGULAR),
        check: Worksheet(|w| {
            let min = w.policy.min_contacts_per_shift;
            (min > 0 && w.valid_755_entries < min).then(|| format!(
                "{} entr{} with a valid 755 on this shift; the station expects at least {min}",
                w.valid_755_entries, if w.valid_755_entries == 1 { "y" } else { "ies" }))
        }),
    }
    /// A covered worksheet nobody reviewed.
    SgtReviewMissing = "SGT-REVIEW-MISSING" {
        severity: Violation, scope: Covered, responsible: Worker,
        title: "Worksheet not reviewed",
        checks: "A covered worksheet has a review.",
        example: "rules/sgt-review-missing-fires.json",
        citation: Some(SHALL_REVIEW),
        check: Worksheet(|w| w.review.is_none().then(|| "the worksheet has no review".to_string())),
    }
    /// Reviewed by someone whose role may not review.
    SgtReviewRole = "SGT-REVIEW-ROLE" {
        severity: Violation, scope: Covered, responsible: Reviewer,
        title: "Worksheet reviewed by someone not allowed to review",
        checks: "A covered worksheet's reviewer is on the roster with one of the `reviewer_roles`.",
        example: "rules/sgt-review-role-fires-lieutenant.json",
        citation: Some(SHALL_REVIEW),
        check: Worksheet(|w| {
            let review = w.review?;
            match w.reviewer_role {
                Some(role) if w.policy.reviewer_roles.contains(&role) => None,
                Some(role) => Some(format!("reviewer {} is a {}, not an allowed reviewer", review.reviewer_id, role_word(role))),
                None => Some(format!("reviewer {} is not on the roster", review.reviewer_id)),
            }
        }),
    }
    /// Reviewed by the worksheet's own author.
    SgtReviewSelf = "SGT-REVIEW-SELF" {
        severity: Violation, scope: Covered, responsible: Reviewer,
        title: "Worksheet reviewed by its own author",
        checks: "A covered worksheet is not reviewed by its own author.",
        example: "rules/sgt-review-self-fires-sergeant.json",
        citation: Some(SHALL_REVIEW),
        check: Worksheet(|w| w.review.filter(|r| r.reviewer_id == w.worker_id)
            .map(|r| format!("{} reviewed their own worksheet", r.reviewer_id))),
    }
    /// Approved although a contact lacks its 755 code.
    SgtCodification = "SGT-CODIFICATION" {
        severity: Violation, scope: Covered, responsible: Reviewer,
        title: "Worksheet approved with a contact missing code 755",
        checks: "An approved covered worksheet has no contact left without a valid 755.",
        example: "rules/sgt-codification-fires.json",
        citation: Some(SHALL_REVIEW),
        check: Worksheet(|w| w.review.filter(|r| r.approved && w.uncoded_contacts > 0).map(|r| format!(
            "{} approved the worksheet although {} contact{} lack{} clearance code 755",
            r.reviewer_id, w.uncoded_contacts,
            if w.uncoded_contacts == 1 { "" } else { "s" }, if w.uncoded_contacts == 1 { "s" } else { "" }))),
    }
    /// The patrol vehicle's card supply was not checked recently.
    SgtCardSupplyUnchecked = "SGT-CARD-SUPPLY-UNCHECKED" {
        severity: Violation, scope: Covered, responsible: Worker,
        title: "Patrol vehicle's 755 card supply not checked recently",
        checks: "The patrol vehicle of a covered shift had its card supply checked within `card_check_interval_days`.",
        example: "rules/sgt-card-supply-unchecked-fires-7-days.json",
        citation: Some(SHALL_SUPPLY),
        check: Worksheet(|w| {
            let vehicle = w.vehicle_id?;
            let window = w.policy.card_check_interval_days;
            if window == 0 || w.relevant_check().is_some() {
                return None;
            }
            Some(match w.latest_check {
                Some((d, _)) => format!("vehicle {vehicle} was last checked on {d}, {} days before the shift; checks count for {window} days", days_between(d, w.date)),
                None => format!("vehicle {vehicle} has no card check on or before the shift"),
            })
        }),
    }
    /// The patrol vehicle held too few cards.
    SgtCardSupplyLow = "SGT-CARD-SUPPLY-LOW" {
        severity: Violation, scope: Covered, responsible: Worker,
        title: "Patrol vehicle low on 755 cards",
        checks: "The vehicle's check that counts for a covered shift found at least `min_cards_in_vehicle` cards.",
        example: "rules/sgt-card-supply-low-fires-9.json",
        citation: Some(SHALL_SUPPLY),
        check: Worksheet(|w| {
            let vehicle = w.vehicle_id?;
            let min = w.policy.min_cards_in_vehicle;
            let (d, cards) = w.relevant_check()?;
            (min > 0 && cards < u64::from(min)).then(|| format!(
                "vehicle {vehicle} held {cards} cards at its check on {d}; the station expects at least {min}"))
        }),
    }
    /// A sergeant went too long without a briefing.
    SgtBriefing = "SGT-BRIEFING" {
        severity: Violation, scope: Sergeants, responsible: Sergeant,
        title: "Sergeant's briefings not re-current",
        checks: "Every day of the period is within `briefing_interval_days` of a briefing by each sergeant.",
        example: "rules/sgt-briefing-fires-30-days.json",
        citation: Some(SHALL_BRIEF),
        check: Sergeant(|s| {
            let day = first_unbriefed_day(s)?;
            Some((day, format!("no briefing in the {} days up to {day}", s.interval_days)))
        }),
    }
    /// A record id used more than once.
    DataDuplicateId = "DATA-DUPLICATE-ID" {
        severity: Data, scope: All, responsible: Worker,
        title: "Record id used more than once",
        checks: "No two records of a kind (or two entries of one worksheet) share an id; later ones are ignored.",
        example: "rules/data-duplicate-id-worksheet-ignored.json",
        citation: None,
        check: DuplicateRecord,
    }
    /// A worksheet for someone not on the roster.
    DataUnknownPersonnel = "DATA-UNKNOWN-PERSONNEL" {
        severity: Data, scope: Audited, responsible: Worker,
        title: "Worksheet for someone not on the roster",
        checks: "An audited worksheet's person is on the roster.",
        example: "rules/data-unknown-personnel-still-audited.json",
        citation: None,
        check: Worksheet(|w| (!w.worker_on_roster).then(|| format!("{} is not on the roster", w.worker_id))),
    }
    /// A briefing by someone who is not a sergeant.
    DataBrieferNotSergeant = "DATA-BRIEFER-NOT-SERGEANT" {
        severity: Data, scope: Briefings, responsible: Nobody,
        title: "Briefing not given by a sergeant",
        checks: "A briefing is given by a sergeant on the roster; others are not counted.",
        example: "rules/data-briefer-not-sergeant-unknown.json",
        citation: None,
        check: Briefing(|b| match b.briefer_role {
            Some(Role::Sergeant) => None,
            Some(role) => Some(format!("{} is a {}, not a sergeant; the briefing is not counted", b.sergeant_id, role_word(role))),
            None => Some(format!("{} is not on the roster; the briefing is not counted", b.sergeant_id)),
        }),
    }
    /// Shift bounds out of order.
    DataShiftInvalid = "DATA-SHIFT-INVALID" {
        severity: Data, scope: Audited, responsible: Worker,
        title: "Shift ends before it starts",
        checks: "An audited worksheet's shift ends after it starts.",
        example: "rules/data-shift-invalid-fires.json",
        citation: None,
        check: Worksheet(|w| w.shift_invalid.then(|| "shift_end is not after shift_start".to_string())),
    }
    /// An entry timed outside its shift.
    DataEntryOutsideShift = "DATA-ENTRY-OUTSIDE-SHIFT" {
        severity: Data, scope: Audited, responsible: Worker,
        title: "Entry timed outside its shift",
        checks: "An audited entry is cleared within its shift's bounds.",
        example: "rules/data-entry-outside-shift-before-start.json",
        citation: None,
        check: Entry(|e| e.outside_shift.map(|when| format!("entry {} was cleared {when}", e.entry.id))),
    }
    /// A clearance code that is not 1–8 letters or digits.
    DataCodeMalformed = "DATA-CODE-MALFORMED" {
        severity: Data, scope: Audited, responsible: Worker,
        title: "Malformed clearance code",
        checks: "Every clearance code of an audited entry is well-formed under `clearance_code_pattern`.",
        example: "rules/data-code-malformed-fires-9-chars.json",
        citation: None,
        check: Entry(|e| e.malformed.map(|why| format!("entry {} has a clearance code that is {why}; it is ignored", e.entry.id))),
    }
    /// The same code twice on one entry.
    DataCodeDuplicate = "DATA-CODE-DUPLICATE" {
        severity: Data, scope: Audited, responsible: Worker,
        title: "Clearance code repeated on one entry",
        checks: "No well-formed code appears twice on one audited entry.",
        example: "rules/data-code-duplicate-fires.json",
        citation: None,
        check: Entry(|e| e.duplicate_code.map(|c| format!("entry {} lists clearance code {c} more than once", e.entry.id))),
    }
}

/// The rule catalog as the `norwalk-2016` preset applies it, in the SPEC's order; a policy's
/// own view is [`Policy::rules`].
///
/// ```
/// let rules = contact755::rules();
/// assert_eq!(rules.len(), 18);
/// assert_eq!(rules[0].id.as_str(), "FP-CODE-755");
/// assert!(rules[0].citation.as_deref().unwrap().starts_with("Field personnel shall utilize"));
/// ```
pub fn rules() -> Vec<Rule> {
    Policy::norwalk_2016().rules()
}

impl RuleId {
    /// This rule's catalog row.
    pub(crate) fn def(self) -> &'static RuleDef {
        &CATALOG[self as usize]
    }

    /// Whether this is a data rule (severity `data`, never configured by a policy).
    pub fn is_data(self) -> bool {
        self.def().is_data()
    }
}

impl std::fmt::Display for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for RuleId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for RuleId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        RuleId::from_id(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown rule id {}", crate::error::quote(&s))))
    }
}

/// Calendar days from `from` to `to` (negative when `to` is earlier).
pub(crate) fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

/// The first day of the period not covered by a briefing dated `b ≤ d` with `d − b < interval`.
fn first_unbriefed_day(s: &SergeantFacts) -> Option<NaiveDate> {
    if s.interval_days == 0 {
        return None;
    }
    let interval = i64::from(s.interval_days);
    let mut day = s.period.start;
    loop {
        // The latest briefing on or before `day`.
        let upto = s.briefing_dates.partition_point(|b| *b <= day);
        let latest = upto.checked_sub(1).map(|i| s.briefing_dates[i]);
        match latest {
            Some(b) if days_between(b, day) < interval => {
                // Covered through b + interval − 1; look at the first day after that.
                day = match b.checked_add_days(chrono::Days::new(interval as u64)) {
                    Some(next) if next <= s.period.end => next,
                    _ => return None,
                };
            }
            _ => return Some(day),
        }
    }
}

fn role_word(role: Role) -> &'static str {
    match role {
        Role::Deputy => "deputy",
        Role::Sergeant => "sergeant",
        Role::Lieutenant => "lieutenant",
        Role::Captain => "captain",
        Role::ReserveDeputy => "reserve deputy",
        Role::Volunteer => "volunteer",
        Role::ProfessionalStaff => "professional staff member",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_is_in_enum_order() {
        for (i, def) in CATALOG.iter().enumerate() {
            assert_eq!(def.id as usize, i);
            assert_eq!(RuleId::from_id(def.id.as_str()), Some(def.id));
            assert_eq!(def.citation.is_none(), def.is_data());
        }
        assert_eq!(RuleId::ALL.len(), CATALOG.len());
    }

    #[test]
    fn briefing_window() {
        let d = |s: &str| crate::parse_date(s).unwrap();
        let period = Period { start: d("2016-03-01"), end: d("2016-03-31") };
        let facts = |dates: &[NaiveDate]| {
            SergeantFacts { period, interval_days: 30, briefing_dates: dates }.clone_day()
        };
        assert_eq!(facts(&[]), Some(d("2016-03-01")));
        assert_eq!(facts(&[d("2016-02-01")]), Some(d("2016-03-02")));
        // 2016 is a leap year: 2016-02-02 + 30 days is 2016-03-03.
        assert_eq!(facts(&[d("2016-02-02")]), Some(d("2016-03-03")));
        assert_eq!(facts(&[d("2016-02-02"), d("2016-03-03")]), None);
        assert_eq!(facts(&[d("2016-02-02"), d("2016-03-04")]), Some(d("2016-03-03")));
        assert_eq!(facts(&[d("2016-03-05")]), Some(d("2016-03-01")));
        assert_eq!(facts(&[d("2016-02-15"), d("2016-04-01")]), Some(d("2016-03-16")));
    }

    impl SergeantFacts<'_> {
        fn clone_day(&self) -> Option<NaiveDate> {
            first_unbriefed_day(self)
        }
    }
}
