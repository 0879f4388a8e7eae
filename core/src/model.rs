//! The input dataset (SPEC §2): typed, strict, and free of citizen-identifying data.
//!
//! Parsing is two-phase: serde reads the shapes and the value formats (dates, timestamps,
//! enum words), then [`Dataset::validate`] checks what serde cannot express (ids, constraints
//! between fields). Both phases report the JSON path of the first problem they meet.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone};
use serde::{Deserialize, Deserializer, Serialize};

use crate::error::{quote, render_path, InputError, InputErrorKind};

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
    #[serde(deserialize_with = "object")]
    pub period: Period,
    /// The station roster.
    #[serde(deserialize_with = "objects")]
    pub personnel: Vec<Person>,
    /// The Deputy Daily Worksheets.
    #[serde(deserialize_with = "objects")]
    pub worksheets: Vec<Worksheet>,
    /// Sergeants' briefings on the Community Partnership Program.
    #[serde(default, deserialize_with = "null_or_objects")]
    pub briefings: Vec<Briefing>,
    /// Checks of the "755" card supply in patrol vehicles.
    #[serde(default, deserialize_with = "null_or_objects")]
    pub vehicle_checks: Vec<VehicleCheck>,
}

/// An inclusive range of calendar days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// First day of the period.
    #[serde(deserialize_with = "de_date")]
    pub start: NaiveDate,
    /// Last day of the period (inclusive, never before `start`).
    #[serde(deserialize_with = "de_date")]
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

/// A person's rank or role at the station.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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

/// Whether a shift was worked in the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Assignment {
    /// A field assignment (patrol, traffic, volunteer patrol, ...).
    Field,
    /// Desk, jail or any other assignment outside the field.
    NonField,
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
    #[serde(deserialize_with = "de_date")]
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
    #[serde(default, deserialize_with = "de_opt_timestamp")]
    pub shift_start: Option<Timestamp>,
    /// When the shift ended.
    #[serde(default, deserialize_with = "de_opt_timestamp")]
    pub shift_end: Option<Timestamp>,
    /// The MDC incidents cleared during the shift.
    #[serde(deserialize_with = "objects")]
    pub entries: Vec<Entry>,
    /// The sergeant's review of this worksheet, if it happened.
    #[serde(default, deserialize_with = "optional_object")]
    pub review: Option<Review>,
}

/// One MDC incident cleared during a shift.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The entry's id, unique within its worksheet.
    pub id: String,
    /// When the incident was cleared.
    #[serde(deserialize_with = "de_timestamp")]
    pub at: Timestamp,
    /// How the incident arose.
    pub activity: Activity,
    /// The clearance codes entered in the MDC (trimmed before use).
    #[serde(deserialize_with = "codes")]
    pub clearance_codes: Vec<String>,
    /// The social contact with citizens during this incident, if one happened.
    #[serde(default, deserialize_with = "optional_object")]
    pub contact: Option<Contact>,
}

/// How an MDC incident arose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Activity {
    /// Self-initiated activity ("obs").
    #[serde(alias = "obs")]
    SelfInitiated,
    /// A call for service ("cfs").
    #[serde(alias = "cfs")]
    CallForService,
    /// At the station: counter reports, station events.
    Station,
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

/// The kind of a social contact: the directive's examples, plus `other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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
    /// Anything else (a description is required).
    Other,
}

/// A sergeant's review of a worksheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// Who reviewed the worksheet.
    pub reviewer_id: String,
    /// When.
    #[serde(deserialize_with = "de_date")]
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
    #[serde(deserialize_with = "de_date")]
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
    #[serde(deserialize_with = "de_date")]
    pub date: NaiveDate,
    /// How many cards were in the vehicle.
    pub cards_on_hand: u64,
}

impl Dataset {
    /// Parses and validates a dataset from JSON bytes; see the SPEC §2 for the format.
    ///
    /// The document is rejected as a whole on the first structural problem, with an
    /// [`InputError`] carrying the JSON path of the offending value.
    pub fn from_json(json: &[u8]) -> Result<Dataset, InputError> {
        let dataset: Dataset = parse_json(json)?;
        dataset.validate()?;
        Ok(dataset)
    }

    /// Checks everything serde cannot: ids, `period.end ≥ period.start`, `area` on field
    /// worksheets, the contact's description. [`Dataset::from_json`] calls it; call it yourself
    /// on a dataset built in code.
    pub fn validate(&self) -> Result<(), InputError> {
        if self.period.end < self.period.start {
            return Err(InputError::at(
                InputErrorKind::Constraint,
                "period",
                format!("period.end {} is before period.start {}", self.period.end, self.period.start),
            ));
        }
        for (i, p) in self.personnel.iter().enumerate() {
            check_id(&p.id, || format!("personnel[{i}].id"))?;
        }
        for (i, w) in self.worksheets.iter().enumerate() {
            let path = || format!("worksheets[{i}]");
            check_id(&w.id, || format!("{}.id", path()))?;
            check_id(&w.personnel_id, || format!("{}.personnel_id", path()))?;
            if let Some(v) = &w.vehicle_id {
                check_id(v, || format!("{}.vehicle_id", path()))?;
            }
            check_area(w.assignment, w.area.as_deref(), path)?;
            for (j, e) in w.entries.iter().enumerate() {
                validate_entry(e, || format!("worksheets[{i}].entries[{j}]"))?;
            }
            if let Some(r) = &w.review {
                check_id(&r.reviewer_id, || format!("{}.review.reviewer_id", path()))?;
            }
        }
        for (i, b) in self.briefings.iter().enumerate() {
            check_id(&b.id, || format!("briefings[{i}].id"))?;
            check_id(&b.sergeant_id, || format!("briefings[{i}].sergeant_id"))?;
        }
        for (i, c) in self.vehicle_checks.iter().enumerate() {
            check_id(&c.id, || format!("vehicle_checks[{i}].id"))?;
            check_id(&c.vehicle_id, || format!("vehicle_checks[{i}].vehicle_id"))?;
        }
        Ok(())
    }
}

/// Parses JSON into `T`; on failure, parses again with path tracking to say where.
///
/// The happy path pays nothing for paths; a rejected document is parsed twice, which is cheap
/// next to a person reading the error.
pub(crate) fn parse_json<T: serde::de::DeserializeOwned>(json: &[u8]) -> Result<T, InputError> {
    match serde_json::from_slice::<Object<T>>(json) {
        Ok(Object(v)) => Ok(v),
        Err(fast_err) => {
            let mut de = serde_json::Deserializer::from_slice(json);
            let slow_err = match serde_path_to_error::deserialize::<_, Object<T>>(&mut de) {
                Err(e) => crate::error::from_json_error(render_path(e.path()), e.inner()),
                Ok(_) => match de.end() {
                    Err(e) => crate::error::from_json_error(String::new(), &e),
                    // Cannot happen (same input, same deserializer); report the first error
                    // rather than trust a value the fast path refused.
                    Ok(()) => crate::error::from_json_error(String::new(), &fast_err),
                },
            };
            Err(slow_err)
        }
    }
}

/// A document whose top level must be a JSON object.
struct Object<T>(T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        object(de).map(Object)
    }
}

/// The longest id accepted, in characters.
pub const MAX_ID_CHARS: usize = 64;
/// The longest contact description accepted, in Unicode code points.
pub const MAX_DESCRIPTION_CHARS: usize = 200;

/// An id is 1 to 64 characters with no control character.
pub(crate) fn check_id(id: &str, path: impl FnOnce() -> String) -> Result<(), InputError> {
    // Fast path: a short ASCII id without control bytes, as nearly every id is.
    if !id.is_empty() && id.len() <= MAX_ID_CHARS && id.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return Ok(());
    }
    let problem = if id.is_empty() {
        Some("an id must not be empty".to_string())
    } else if id.chars().nth(MAX_ID_CHARS).is_some() {
        Some(format!("an id has at most {MAX_ID_CHARS} characters, this one has {}", id.chars().count()))
    } else if id.chars().any(char::is_control) {
        Some(format!("an id must not contain control characters: {}", quote(id)))
    } else {
        None
    };
    match problem {
        Some(message) => Err(InputError::at(InputErrorKind::InvalidValue, path(), message)),
        None => Ok(()),
    }
}

/// A field worksheet must say where it was worked.
pub(crate) fn check_area(
    assignment: Assignment,
    area: Option<&str>,
    path: impl FnOnce() -> String,
) -> Result<(), InputError> {
    if assignment == Assignment::Field && area.is_none() {
        return Err(InputError::at(
            InputErrorKind::Constraint,
            path(),
            "a worksheet with assignment \"field\" needs an area",
        ));
    }
    Ok(())
}

/// Checks one entry's ids and contact; `path` names the entry.
pub(crate) fn validate_entry(entry: &Entry, path: impl Fn() -> String) -> Result<(), InputError> {
    check_id(&entry.id, || format!("{}.id", path()))?;
    if let Some(contact) = &entry.contact {
        let description = contact.description.as_deref();
        if let Some(d) = description {
            let n = d.chars().count();
            if n > MAX_DESCRIPTION_CHARS {
                return Err(InputError::at(
                    InputErrorKind::InvalidValue,
                    format!("{}.contact.description", path()),
                    format!("a description has at most {MAX_DESCRIPTION_CHARS} characters, this one has {n}"),
                ));
            }
        }
        if contact.category == Category::Other && description.is_none_or(|d| d.trim().is_empty()) {
            return Err(InputError::at(
                InputErrorKind::Constraint,
                format!("{}.contact", path()),
                "a contact of category \"other\" needs a non-empty description",
            ));
        }
    }
    Ok(())
}

// Records are JSON objects only. serde's derived structs would also accept an array of
// field values in order; these helpers ask the format for a map, so an array is a type error.

/// A record that must be a JSON object.
pub(crate) fn object<'de, D: Deserializer<'de>, T: Deserialize<'de>>(de: D) -> Result<T, D::Error> {
    de.deserialize_map(ObjectVisitor(std::marker::PhantomData))
}

struct ObjectVisitor<T>(std::marker::PhantomData<T>);

impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for ObjectVisitor<T> {
    type Value = T;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::deserialize(serde::de::value::MapAccessDeserializer::new(map))
    }
}

impl<'de, T: Deserialize<'de>> serde::de::DeserializeSeed<'de> for ObjectVisitor<T> {
    type Value = T;
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<T, D::Error> {
        object(de)
    }
}

/// An array of records that must each be a JSON object.
fn objects<'de, D: Deserializer<'de>, T: Deserialize<'de>>(de: D) -> Result<Vec<T>, D::Error> {
    de.deserialize_seq(ObjectsVisitor(std::marker::PhantomData))
}

struct ObjectsVisitor<T>(std::marker::PhantomData<T>);

impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for ObjectsVisitor<T> {
    type Value = Vec<T>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an array of objects")
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        // JSON gives no length. Room for 16 records covers a worksheet's entries in one
        // allocation (instead of growing 4 → 8 → 16, copying each time); the shrink below then
        // gives the rest back in place. A hint, if any, comes from the input: capped.
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).clamp(16, 4096));
        while let Some(item) = seq.next_element_seed(ObjectVisitor(std::marker::PhantomData))? {
            out.push(item);
        }
        // Growth by doubling leaves up to half of the buffer unused; a year of worksheets
        // keeps these vectors for the whole audit, so give the slack back.
        out.shrink_to_fit();
        Ok(out)
    }
}

impl<'de, T: Deserialize<'de>> serde::de::DeserializeSeed<'de> for ObjectsVisitor<T> {
    type Value = Vec<T>;
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Vec<T>, D::Error> {
        objects(de)
    }
}

/// A list of clearance codes, with no spare capacity: an entry has one or two codes, and a
/// vector grown by pushing would reserve room for four.
fn codes<'de, D: Deserializer<'de>>(de: D) -> Result<Vec<String>, D::Error> {
    struct CodesVisitor;
    impl<'de> serde::de::Visitor<'de> for CodesVisitor {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a sequence")
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<String>, A::Error> {
            // Nearly every entry has exactly one code: allocate for it exactly, once.
            let Some(first) = seq.next_element::<String>()? else { return Ok(Vec::new()) };
            let Some(second) = seq.next_element::<String>()? else { return Ok(vec![first]) };
            let mut out = vec![first, second];
            while let Some(code) = seq.next_element::<String>()? {
                out.push(code);
            }
            out.shrink_to_fit();
            Ok(out)
        }
    }
    de.deserialize_seq(CodesVisitor)
}

/// An optional array of records; `null` means empty.
fn null_or_objects<'de, D: Deserializer<'de>, T: Deserialize<'de>>(de: D) -> Result<Vec<T>, D::Error> {
    Ok(optional(de, ObjectsVisitor(std::marker::PhantomData))?.unwrap_or_default())
}

/// An optional record; `null` means absent.
fn optional_object<'de, D: Deserializer<'de>, T: Deserialize<'de>>(de: D) -> Result<Option<T>, D::Error> {
    optional(de, ObjectVisitor(std::marker::PhantomData))
}

/// Reads `null` as `None`, anything else with `seed`.
fn optional<'de, D: Deserializer<'de>, S: serde::de::DeserializeSeed<'de>>(
    de: D,
    seed: S,
) -> Result<Option<S::Value>, D::Error> {
    struct OptionalVisitor<S>(S);
    impl<'de, S: serde::de::DeserializeSeed<'de>> serde::de::Visitor<'de> for OptionalVisitor<S> {
        type Value = Option<S::Value>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a value or null")
        }
        fn visit_none<E>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, de: D) -> Result<Self::Value, D::Error> {
            self.0.deserialize(de).map(Some)
        }
    }
    de.deserialize_option(OptionalVisitor(seed))
}

/// Reads a string without allocating when the input allows it.
struct StrVisitor<F>(F, &'static str);

impl<'de, T, F: FnOnce(&str) -> Result<T, String>> serde::de::Visitor<'de> for StrVisitor<F> {
    type Value = T;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(self.1)
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<T, E> {
        (self.0)(v).map_err(E::custom)
    }
}

pub(crate) fn de_date<'de, D: Deserializer<'de>>(de: D) -> Result<NaiveDate, D::Error> {
    de.deserialize_str(StrVisitor(parse_date, "a date YYYY-MM-DD"))
}

fn de_timestamp<'de, D: Deserializer<'de>>(de: D) -> Result<Timestamp, D::Error> {
    de.deserialize_str(StrVisitor(parse_timestamp, "an RFC 3339 timestamp with offset"))
}

fn de_opt_timestamp<'de, D: Deserializer<'de>>(de: D) -> Result<Option<Timestamp>, D::Error> {
    struct OptVisitor;
    impl<'de> serde::de::Visitor<'de> for OptVisitor {
        type Value = Option<Timestamp>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an RFC 3339 timestamp with offset, or null")
        }
        fn visit_none<E>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, de: D) -> Result<Self::Value, D::Error> {
            de_timestamp(de).map(Some)
        }
    }
    de.deserialize_option(OptVisitor)
}

fn digits(b: &[u8]) -> Option<u32> {
    if b.is_empty() || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0')))
}

/// Parses exactly `YYYY-MM-DD`, zero-padded, a real calendar day.
///
/// ```
/// use contact755::parse_date;
/// assert!(parse_date("2016-02-29").is_ok());
/// assert!(parse_date("2016-02-30").is_err());
/// assert!(parse_date("2016-3-01").is_err());
/// ```
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let b = s.as_bytes();
    let bad = || format!("expected a date YYYY-MM-DD, found {}", quote(s));
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(bad());
    }
    let (y, m, d) = match (digits(&b[0..4]), digits(&b[5..7]), digits(&b[8..10])) {
        (Some(y), Some(m), Some(d)) => (y, m, d),
        _ => return Err(bad()),
    };
    NaiveDate::from_ymd_opt(y as i32, m, d).ok_or_else(|| format!("{} is not a calendar day", quote(s)))
}

/// Parses an RFC 3339 timestamp that carries an offset: `T` or `t` between date and time,
/// an optional fraction, `Z` or `±hh:mm`. A leap second (`:60`) is rejected.
///
/// ```
/// use contact755::parse_timestamp;
/// assert!(parse_timestamp("2016-03-17T09:12:00-07:00").is_ok());
/// assert!(parse_timestamp("2016-03-17t16:12:00.5Z").is_ok());
/// assert!(parse_timestamp("2016-03-17T09:12:00").is_err()); // no offset
/// assert!(parse_timestamp("2016-12-31T23:59:60Z").is_err()); // leap second
/// ```
pub fn parse_timestamp(s: &str) -> Result<Timestamp, String> {
    let bad = |why: &str| format!("expected an RFC 3339 timestamp with offset ({why}), found {}", quote(s));
    let b = s.as_bytes();
    if b.len() < 20 || !s.is_char_boundary(10) {
        return Err(bad("too short"));
    }
    let date = parse_date(&s[..10]).map_err(|_| bad("bad date"))?;
    if !matches!(b[10], b'T' | b't') {
        return Err(bad("`T` between date and time"));
    }
    if b[13] != b':' || b[16] != b':' {
        return Err(bad("time hh:mm:ss"));
    }
    let (h, mi, sec) = match (digits(&b[11..13]), digits(&b[14..16]), digits(&b[17..19])) {
        (Some(h), Some(mi), Some(sec)) => (h, mi, sec),
        _ => return Err(bad("time hh:mm:ss")),
    };
    if sec == 60 {
        return Err(bad("leap seconds are not accepted"));
    }
    let mut rest = &b[19..];
    let mut nanos = 0u32;
    if let Some((b'.', frac)) = rest.split_first() {
        let n = frac.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return Err(bad("digits after `.`"));
        }
        // Digits past nanoseconds are accepted and dropped.
        for (i, d) in frac[..n].iter().take(9).enumerate() {
            nanos += u32::from(d - b'0') * 10u32.pow(8 - i as u32);
        }
        rest = &frac[n..];
    }
    let offset_secs: i32 = match rest {
        [b'Z'] => 0,
        [sign @ (b'+' | b'-'), hh @ ..] if hh.len() == 5 && hh[2] == b':' => {
            let (oh, om) = match (digits(&hh[0..2]), digits(&hh[3..5])) {
                (Some(oh), Some(om)) if oh <= 23 && om <= 59 => (oh as i32, om as i32),
                _ => return Err(bad("offset ±hh:mm")),
            };
            let secs = oh * 3600 + om * 60;
            if *sign == b'-' {
                -secs
            } else {
                secs
            }
        }
        _ => return Err(bad("an offset `Z` or ±hh:mm")),
    };
    let time = NaiveTime::from_hms_nano_opt(h, mi, sec, nanos).ok_or_else(|| bad("time out of range"))?;
    let offset = FixedOffset::east_opt(offset_secs).ok_or_else(|| bad("offset out of range"))?;
    offset.from_local_datetime(&date.and_time(time)).single().ok_or_else(|| bad("time out of range"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_compare_as_instants() {
        let a = parse_timestamp("2016-03-17T09:00:00-07:00").unwrap();
        let b = parse_timestamp("2016-03-17T16:00:00Z").unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn timestamp_rejections() {
        for s in [
            "2016-03-17 09:12:00-07:00",
            "2016-03-17T09:12-07:00",
            "2016-03-17T24:00:00Z",
            "2016-03-17T09:12:00z",
            "2016-03-17T09:12:00+0700",
            "2016-03-17T09:12:00.Z",
            "2016-03-17T09:12:00+24:00",
            "2016-03-17T09:12:00Z ",
            "2016-03-1é09:12:00Z",
        ] {
            assert!(parse_timestamp(s).is_err(), "{s}");
        }
        assert!(parse_timestamp("0000-01-01T00:00:00+23:59").is_ok());
        assert!(parse_timestamp("9999-12-31T23:59:59.999999999999-23:59").is_ok());
    }

    #[test]
    fn ids() {
        assert!(check_id("D100", String::new).is_ok());
        assert!(check_id("", String::new).is_err());
        assert!(check_id(&"é".repeat(64), String::new).is_ok());
        assert!(check_id(&"é".repeat(65), String::new).is_err());
        assert!(check_id("a\nb", String::new).is_err());
    }
}
