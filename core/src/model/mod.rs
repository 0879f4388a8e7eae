//! The input dataset (SPEC §2): typed, strict, and free of citizen-identifying data.
//!
//! This module holds the types; [`read`] reads them from JSON (serde for the shapes and value
//! formats, then [`Dataset::validate`] for what serde cannot express) and [`time`] parses
//! dates and timestamps. Both phases report the path of the first problem they meet.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::words::word_enum;

pub(crate) mod read;
pub(crate) mod time;

pub use read::{MAX_DESCRIPTION_CHARS, MAX_ID_CHARS};
pub use time::{parse_date, parse_timestamp};

/// An instant with the offset it was written with (`2016-03-17T09:12:00-07:00`).
pub type Timestamp = DateTime<FixedOffset>;

/// The whole input of an audit: a period, the roster, the Deputy Daily Worksheets, the
/// sergeants' briefings and the checks of the patrol vehicles' card supply.
///
/// ```
/// let data = contact755::Dataset::from_json(br#"{
///   "period": {"start": "2016-03-01", "end": "2016-03-31"},
///   "personnel": [{"id": "D100", "role": "deputy"}],
///   "worksheets": []
/// }"#).unwrap();
/// assert_eq!(data.personnel[0].id, "D100");
/// assert!(data.briefings.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    /// The audited period; worksheets dated outside it are not audited.
    #[serde(deserialize_with = "read::object")]
    pub period: Period,
    /// The station roster.
    #[serde(deserialize_with = "read::objects")]
    pub personnel: Vec<Person>,
    /// The Deputy Daily Worksheets.
    #[serde(deserialize_with = "read::objects")]
    pub worksheets: Vec<Worksheet>,
    /// Sergeants' briefings on the Community Partnership Program.
    #[serde(default, deserialize_with = "read::null_or_objects")]
    pub briefings: Vec<Briefing>,
    /// Checks of the "755" card supply in patrol vehicles.
    #[serde(default, deserialize_with = "read::null_or_objects")]
    pub vehicle_checks: Vec<VehicleCheck>,
}

/// An inclusive range of calendar days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// First day of the period.
    #[serde(deserialize_with = "read::de_date")]
    pub start: NaiveDate,
    /// Last day of the period (inclusive, never before `start`).
    #[serde(deserialize_with = "read::de_date")]
    pub end: NaiveDate,
}

impl Period {
    /// Whether `date` lies in the period (both ends included).
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }
}

/// One person on the roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// The person's id (employee or volunteer number).
    pub id: String,
    /// The person's rank or role.
    pub role: Role,
}

word_enum! {
    /// A person's rank or role at the station.
    pub enum Role as "role" {
        /// Deputy sheriff.
        Deputy = "deputy",
        /// Sergeant: briefs the program, reviews worksheets, checks the card supply.
        Sergeant = "sergeant",
        /// Lieutenant.
        Lieutenant = "lieutenant",
        /// Captain.
        Captain = "captain",
        /// Reserve deputy.
        ReserveDeputy = "reserve_deputy",
        /// Station volunteer (covered by the directive when working the field).
        Volunteer = "volunteer",
        /// Professional (civilian) staff.
        ProfessionalStaff = "professional_staff",
    }
}

word_enum! {
    /// Whether a shift was worked in the field.
    pub enum Assignment as "assignment" {
        /// A field assignment (patrol, traffic, volunteer patrol, ...).
        Field = "field",
        /// Desk, jail or any other assignment outside the field.
        NonField = "non_field",
    }
}

/// A Deputy Daily Worksheet: one person's one shift with the MDC entries of that shift.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Worksheet {
    /// The worksheet's id.
    pub id: String,
    /// Who worked the shift.
    pub personnel_id: String,
    /// The shift's date.
    #[serde(deserialize_with = "read::de_date")]
    pub date: NaiveDate,
    /// Field or non-field.
    pub assignment: Assignment,
    /// The area (reporting district group) worked; required for field assignments.
    #[serde(default)]
    pub area: Option<String>,
    /// A free label used only for grouping; never copied into findings.
    #[serde(default)]
    pub reporting_district: Option<String>,
    /// The patrol vehicle used on this shift, if any.
    #[serde(default)]
    pub vehicle_id: Option<String>,
    /// When the shift began.
    #[serde(default, deserialize_with = "read::de_opt_timestamp")]
    pub shift_start: Option<Timestamp>,
    /// When the shift ended.
    #[serde(default, deserialize_with = "read::de_opt_timestamp")]
    pub shift_end: Option<Timestamp>,
    /// The MDC incidents cleared during the shift.
    #[serde(deserialize_with = "read::objects")]
    pub entries: Vec<Entry>,
    /// The sergeant's review of this worksheet, if it happened.
    #[serde(default, deserialize_with = "read::optional_object")]
    pub review: Option<Review>,
}

/// One MDC incident cleared during a shift.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The entry's id, unique within its worksheet.
    pub id: String,
    /// When the incident was cleared.
    #[serde(deserialize_with = "read::de_timestamp")]
    pub at: Timestamp,
    /// How the incident arose.
    pub activity: Activity,
    /// The clearance codes entered in the MDC (trimmed before use).
    #[serde(deserialize_with = "read::codes")]
    pub clearance_codes: Vec<String>,
    /// The social contact with citizens during this incident, if one happened.
    #[serde(default, deserialize_with = "read::optional_object")]
    pub contact: Option<Contact>,
}

word_enum! {
    /// How an MDC incident arose. Datasets may also write `obs` and `cfs`.
    pub enum Activity as "activity" {
        /// Self-initiated activity ("obs").
        SelfInitiated = "self_initiated" | "obs",
        /// A call for service ("cfs").
        CallForService = "call_for_service" | "cfs",
        /// At the station: counter reports, station events.
        Station = "station",
    }
}

/// A social contact with citizens, as the directive lists its examples.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// What kind of contact it was.
    pub category: Category,
    /// Whether a "755" card was handed over.
    pub card_provided: bool,
    /// A short neutral description (≤ 200 characters), required for `other`. It never
    /// appears in findings or reports.
    #[serde(default)]
    pub description: Option<String>,
}

word_enum! {
    /// The kind of a social contact: the directive's examples, plus `other`.
    pub enum Category as "category" {
        /// Speaking to community groups.
        CommunityGroup = "community_group",
        /// Residents who are out (watering the lawn, walking the dog) during routine patrol.
        Resident = "resident",
        /// Business owners.
        BusinessOwner = "business_owner",
        /// Patrons of local coffee shops and restaurants.
        Patron = "patron",
        /// Block watch meetings.
        BlockWatch = "block_watch",
        /// Station events where citizens are welcome.
        StationEvent = "station_event",
        /// Taking counter reports.
        CounterReport = "counter_report",
        /// Anything else (a description is required).
        Other = "other",
    }
}

/// A sergeant's review of a worksheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// Who reviewed the worksheet.
    pub reviewer_id: String,
    /// When.
    #[serde(deserialize_with = "read::de_date")]
    pub reviewed_on: NaiveDate,
    /// `false`: returned to the deputy for correction.
    pub approved: bool,
}

/// A sergeant's briefing on the Community Partnership Program.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Briefing {
    /// The briefing's id.
    pub id: String,
    /// The sergeant who gave it.
    pub sergeant_id: String,
    /// When it was given.
    #[serde(deserialize_with = "read::de_date")]
    pub date: NaiveDate,
}

/// A check of the "755" card supply in one patrol vehicle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VehicleCheck {
    /// The check's id.
    pub id: String,
    /// The vehicle checked.
    pub vehicle_id: String,
    /// When.
    #[serde(deserialize_with = "read::de_date")]
    pub date: NaiveDate,
    /// How many cards were in the vehicle.
    pub cards_on_hand: u64,
}
