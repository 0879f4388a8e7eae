//! The records and enums that cross the boundary.
//!
//! Enums are the core's own types, exported with `#[uniffi::remote(Enum)]`: their variants are
//! repeated here verbatim, so a variant added to the core without being added here is a
//! compile error. Records are the binding's own (dates as `YYYY-MM-DD` text, timestamps as
//! `SystemTime`, counts as `u64`); `convert.rs` turns them into the core's and back. The
//! settings records (`PolicySettings`, `Directive`, `RuleSetting`) are the core's settings in
//! their serde form, so they convert through the core's own reader and writer.

use std::collections::HashMap;
use std::time::SystemTime;

use contact755::{Activity, Assignment, Category, InputErrorKind, Role, Scope, Severity, SubjectKind};
use serde::{Deserialize, Serialize};

/// How an MDC incident arose.
#[uniffi::remote(Enum)]
pub enum Activity {
    /// Self-initiated activity ("obs").
    SelfInitiated,
    /// A call for service ("cfs").
    CallForService,
    /// At the station: counter reports, station events.
    Station,
}

/// The kind of a social contact with citizens: the directive's examples, plus `Other`.
#[uniffi::remote(Enum)]
pub enum Category {
    /// Speaking to community groups.
    CommunityGroup,
    /// Residents who are out (watering the lawn, walking the dog) during routine patrol.
    Resident,
    /// Business owners.
    BusinessOwner,
    /// Patrons of local coffee shops and restaurants.
    Patron,
    /// Block watch meetings.
    BlockWatch,
    /// Station events where citizens are welcome.
    StationEvent,
    /// Taking counter reports.
    CounterReport,
    /// Anything else: the contact then needs a non-empty description.
    Other,
}

/// A person's rank or role at the station.
#[uniffi::remote(Enum)]
pub enum Role {
    /// Deputy sheriff.
    Deputy,
    /// Sergeant: briefs the program, reviews worksheets, checks the card supply.
    Sergeant,
    /// Lieutenant.
    Lieutenant,
    /// Captain.
    Captain,
    /// Reserve deputy.
    ReserveDeputy,
    /// Station volunteer (covered by the directive when working the field).
    Volunteer,
    /// Professional (civilian) staff.
    ProfessionalStaff,
}

/// Whether a shift is worked in the field.
#[uniffi::remote(Enum)]
pub enum Assignment {
    /// A field assignment (patrol, traffic, volunteer patrol, ...).
    Field,
    /// Desk, jail or any other assignment outside the field.
    NonField,
}

/// How serious a finding is.
#[uniffi::remote(Enum)]
pub enum Severity {
    /// The directive says *shall*.
    Violation,
    /// The directive says *should*.
    Advisory,
    /// The data itself is inconsistent.
    Data,
}

/// Which records a rule looks at (the SPEC's "applies to" column).
#[uniffi::remote(Enum)]
pub enum Scope {
    /// Audited worksheets that are covered (field assignment in a covered area).
    Covered,
    /// Every audited worksheet (dated in the period, not a duplicate).
    Audited,
    /// Every record of the dataset, in or out of the period.
    All,
    /// Every person on the roster whose role is sergeant.
    Sergeants,
    /// Briefings dated on or before the end of the period.
    Briefings,
}

/// What kind of record a rule's findings name as their subject.
#[uniffi::remote(Enum)]
pub enum SubjectKind {
    /// `entry:W/E`: the rule looks at one entry; `checkEntry` runs exactly these.
    Entry,
    /// `worksheet:W`.
    Worksheet,
    /// `personnel:S`.
    Personnel,
    /// `briefing:B`.
    Briefing,
    /// Any record kind (`DATA-DUPLICATE-ID`).
    AnyRecord,
}

/// What kind of structural problem made an input unacceptable (SPEC §2, "Rejected input").
#[uniffi::remote(Enum)]
pub enum InputErrorKind {
    /// The document is not well-formed JSON (or TOML), or is nested too deeply.
    Syntax,
    /// An object has a field the format does not define.
    UnknownField,
    /// A required field is absent.
    MissingField,
    /// A key appears twice in one object.
    DuplicateKey,
    /// A value has the wrong JSON type (a string where a number belongs, ...).
    InvalidType,
    /// A value has the right type but is not acceptable: an unknown enum value, a bad date or
    /// timestamp, a bad id, a negative or too large number.
    InvalidValue,
    /// Every value is fine on its own but together they break a rule of the format (a field
    /// worksheet without an area, a contact of category `Other` without a description, ...).
    Constraint,
}

/// What the app knows about the shift when an incident is cleared: the header of the Deputy
/// Daily Worksheet.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct WorksheetHeader {
    /// The worksheet's id (1 to 64 characters, no control characters).
    pub id: String,
    /// Who is working the shift.
    pub personnel_id: String,
    /// The shift's date, `YYYY-MM-DD`.
    pub date: String,
    /// Field or non-field.
    pub assignment: Assignment,
    /// The area worked (`Norwalk`, `La Mirada`, `Unincorporated Whittier`, ...); required
    /// for field assignments.
    #[uniffi(default = None)]
    pub area: Option<String>,
    /// When the shift began, if known.
    #[uniffi(default = None)]
    pub shift_start: Option<SystemTime>,
    /// When the shift ends, if known.
    #[uniffi(default = None)]
    pub shift_end: Option<SystemTime>,
}

/// One MDC incident cleared during the shift.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Entry {
    /// The entry's id, unique within its worksheet.
    pub id: String,
    /// When the incident was cleared.
    pub at: SystemTime,
    /// How the incident arose.
    pub activity: Activity,
    /// The clearance codes entered in the MDC (each trimmed before use); `755` documents a
    /// community-relations contact.
    pub clearance_codes: Vec<String>,
    /// The social contact with citizens during this incident, if one happened.
    #[uniffi(default = None)]
    pub contact: Option<Contact>,
}

/// A social contact with citizens. It holds no citizen-identifying data, by design.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Contact {
    /// What kind of contact it was.
    pub category: Category,
    /// Whether a "755" card was handed over.
    pub card_provided: bool,
    /// A short neutral description (at most 200 characters), required for `Other`. It never
    /// appears in findings or reports.
    #[uniffi(default = None)]
    pub description: Option<String>,
}

/// One rule firing on one subject.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Finding {
    /// The rule's id as the SPEC spells it (`FP-CODE-755`).
    pub rule: String,
    /// The rule's severity.
    pub severity: Severity,
    /// What it fired on: `entry:W/E`, `worksheet:W`, `personnel:S`, `briefing:B` or
    /// `vehicle_check:C`.
    pub subject: String,
    /// The person responsible, where one is.
    pub personnel_id: Option<String>,
    /// The day the finding is about (`YYYY-MM-DD`), where one applies.
    pub date: Option<String>,
    /// A sentence for a person to read: ids, codes and dates only, never citizen data.
    pub message: String,
}

/// One person's line of the summary.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
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
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Summary {
    /// Worksheets dated in the period, duplicates excluded.
    pub worksheets_audited: u64,
    /// Audited worksheets that are covered.
    pub worksheets_covered: u64,
    /// Entries with a valid 755.
    pub contacts_755: u64,
    /// Entries whose contact has `card_provided` true.
    pub cards_provided: u64,
    /// Entries with a contact, by category.
    pub by_category: HashMap<Category, u64>,
    /// Entries with a valid 755, by activity.
    pub by_activity: HashMap<Activity, u64>,
    /// Entries with a valid 755, by covered area (the policy's spelling).
    pub by_area: HashMap<String, u64>,
    /// Findings per rule id.
    pub findings_by_rule: HashMap<String, u64>,
    /// Every roster person and every unknown person of a covered worksheet, sorted by id.
    pub personnel: Vec<PersonSummary>,
}

/// The result of an audit: the effective policy and its fingerprint, the findings (sorted by
/// rule, then subject) and the summary. `auditJson` gives the same report as the SPEC's JSON
/// text.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Report {
    /// The policy the audit applied, whole (SPEC §6.3).
    pub policy: PolicySettings,
    /// The policy's fingerprint (`policy.fingerprint()`): the lowercase hex SHA-256 of its
    /// canonical JSON, what a reader quotes to say which rules were applied.
    pub policy_sha256: String,
    /// Every finding, sorted by rule id, then subject (byte order).
    pub findings: Vec<Finding>,
    /// The counts.
    pub summary: Summary,
}

/// What changed from one report to another (SPEC §8, "Comparing two reports"), keyed by
/// (rule, subject): `before.diff(after)` on two `Audit`s, or the top-level `diff(beforeJson,
/// afterJson)` on two saved reports. A finding whose message or date changed but whose rule and
/// subject did not is unchanged: it is still the same problem on the same record.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ReportDiff {
    /// The fingerprint of the earlier report's policy.
    pub before_policy_sha256: Option<String>,
    /// The fingerprint of the later report's policy.
    pub after_policy_sha256: Option<String>,
    /// Findings of the earlier report whose (rule, subject) the later one does not have, in the
    /// earlier report's order: what was corrected.
    pub resolved: Vec<Finding>,
    /// Findings of the later report whose (rule, subject) the earlier one does not have, in the
    /// later report's order (the SPEC's key `new`).
    pub new: Vec<Finding>,
    /// How many findings of the later report the earlier one has too.
    pub unchanged: u64,
}

/// Every setting of a policy (SPEC §3 "Policy" and §6), as the report's `policy` object holds
/// them: `settings()` gives them, `fromSettings` takes a changed copy back.
///
/// The record is the core's settings through serde: its fields carry the core's names (a unit
/// test compares them with the core's list, in order), and `fromSettings` hands the record to
/// the core's own policy reader as JSON. A setting added to the core therefore needs one field
/// here and nothing else.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicySettings {
    /// The preset this policy is built on (`norwalk-2016`, `compton-2018`; see `presets()`).
    /// `fromSettings` starts from it, so a rule left out of `rules` keeps the preset's setting.
    pub preset: String,
    /// The station's name, printed in reports.
    pub station: String,
    /// The order this policy encodes (informational: it changes no finding).
    pub directive: Directive,
    /// The clearance code that documents a community-relations contact (directive: "755").
    pub community_relations_code: String,
    /// The regular expression a whole trimmed clearance code must match to be well-formed
    /// (default `[0-9A-Za-z]{1,8}`).
    pub clearance_code_pattern: String,
    /// The areas the directive covers, compared case-insensitively after trimming and
    /// collapsing white space. Reports use this spelling.
    pub covered_areas: Vec<String>,
    /// Roles whose members may review Deputy Daily Worksheets (directive: sergeants).
    pub reviewer_roles: Vec<Role>,
    /// How many entries with a valid 755 make a covered shift's contact "regular"
    /// (`FP-REGULAR`); 0 turns the check off.
    pub min_contacts_per_shift: u32,
    /// A sergeant's briefing counts for this many days, the briefing day included
    /// (`SGT-BRIEFING`); 0 turns the check off.
    pub briefing_interval_days: u32,
    /// The fewest "755" cards a checked patrol vehicle may hold (`SGT-CARD-SUPPLY-LOW`);
    /// 0 turns the check off.
    pub min_cards_in_vehicle: u32,
    /// A vehicle check counts for this many days, its own day included
    /// (`SGT-CARD-SUPPLY-UNCHECKED`); 0 turns the check off.
    pub card_check_interval_days: u32,
    /// How this policy applies each non-data rule, in catalog order.
    #[serde(with = "crate::convert::rule_list")]
    pub rules: Vec<RuleSetting>,
}

/// The order a policy encodes: shown in reports, it changes no finding.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Directive {
    /// The order's number or name (`Norwalk Station Unit Order 16-02`).
    pub id: String,
    /// Its title (`Logging Community Relations Contacts`).
    pub title: String,
    /// The day it was issued, `YYYY-MM-DD`, when known.
    #[uniffi(default = None)]
    pub issued: Option<String>,
}

/// How a policy applies one non-data rule.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RuleSetting {
    /// The rule's id as the SPEC spells it (`FP-755-DETAILS`).
    pub rule: String,
    /// `Violation` (the order says *shall*) or `Advisory` (*should*); never `Data`.
    pub severity: Severity,
    /// The order's sentence the rule rests on (not blank).
    pub citation: String,
    /// `false` turns the rule off: it never fires.
    pub enabled: bool,
}

/// One rule of the catalog, as a policy applies it (`policy.rules()`; the top-level `rules()`
/// is the `norwalk-2016` preset's).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Rule {
    /// The rule's id as the SPEC spells it (`FP-CODE-755`).
    pub id: String,
    /// How serious a finding of this rule is, under this policy.
    pub severity: Severity,
    /// Whether this policy applies the rule (a disabled rule never fires; data rules always
    /// apply).
    pub enabled: bool,
    /// Which records it looks at.
    pub scope: Scope,
    /// What its findings' subjects name.
    pub subject: SubjectKind,
    /// A one-line title.
    pub title: String,
    /// What the rule checks, in a sentence.
    pub checks: String,
    /// The order's sentence it rests on, as this policy cites it; none for data rules.
    pub citation: Option<String>,
    /// A conformance vector of the project (under `tests/conformance/`) in which it fires.
    pub example: String,
}
