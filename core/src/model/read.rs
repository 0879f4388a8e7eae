//! Reading a dataset from JSON: serde plumbing that keeps every error's path, and the checks
//! serde cannot express (ids, constraints between fields).

use serde::{Deserialize, Deserializer};

use super::time::{parse_date, parse_timestamp};
use super::{Assignment, Category, Dataset, Entry, Period, Person, Timestamp, Worksheet};
use crate::error::{quote, render_path, InputError, InputErrorKind};
use chrono::NaiveDate;

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
        self.validate_period_and_personnel()?;
        for (i, w) in self.worksheets.iter().enumerate() {
            validate_worksheet(i, w)?;
        }
        self.validate_briefings_and_checks()
    }

    /// The part of [`Dataset::validate`] before the worksheets.
    pub(crate) fn validate_period_and_personnel(&self) -> Result<(), InputError> {
        validate_period(&self.period)?;
        for (i, p) in self.personnel.iter().enumerate() {
            validate_person(i, p)?;
        }
        Ok(())
    }

    /// The part of [`Dataset::validate`] after the worksheets.
    pub(crate) fn validate_briefings_and_checks(&self) -> Result<(), InputError> {
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

/// `period.end ≥ period.start`.
fn validate_period(period: &Period) -> Result<(), InputError> {
    if period.end < period.start {
        return Err(InputError::at(
            InputErrorKind::Constraint,
            "period",
            format!("period.end {} is before period.start {}", period.end, period.start),
        ));
    }
    Ok(())
}

/// The roster's person number `i`.
fn validate_person(i: usize, p: &Person) -> Result<(), InputError> {
    check_id(&p.id, || format!("personnel[{i}].id"))
}

/// Worksheet number `i`, its entries included.
pub(crate) fn validate_worksheet(i: usize, w: &Worksheet) -> Result<(), InputError> {
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
    Ok(())
}

/// Parses JSON into `T`; on failure, parses again with path tracking to say where.
///
/// The happy path pays nothing for paths; a rejected document is parsed twice, which is cheap
/// next to a person reading the error.
pub(crate) fn parse_json<T: serde::de::DeserializeOwned>(json: &[u8]) -> Result<T, InputError> {
    // UTF-8 checked once for the whole input rather than string by string (see
    // `audit::stream::audit_slice`); bytes that are not UTF-8 get the byte reader's error.
    let fast = match std::str::from_utf8(json) {
        Ok(text) => serde_json::from_str::<Object<T>>(text),
        Err(_) => serde_json::from_slice::<Object<T>>(json),
    };
    match fast {
        Ok(Object(v)) => Ok(v),
        Err(fast_err) => Err(exact_json_error::<T>(json, &fast_err)),
    }
}

/// The error of reading `json` as a `T` (a JSON object) with its path: `json` is parsed again
/// with path tracking. `fast_err` is the error a reader without paths met.
pub(crate) fn exact_json_error<T: serde::de::DeserializeOwned>(
    json: &[u8],
    fast_err: &serde_json::Error,
) -> InputError {
    let mut de = serde_json::Deserializer::from_slice(json);
    match serde_path_to_error::deserialize::<_, Object<T>>(&mut de) {
        Err(e) => crate::error::from_json_error(render_path(e.path()), e.inner()),
        Ok(_) => match de.end() {
            Err(e) => crate::error::from_json_error(String::new(), &e),
            // Cannot happen (same input, same deserializer); report the first error rather
            // than trust a value the fast path refused.
            Ok(()) => crate::error::from_json_error(String::new(), fast_err),
        },
    }
}

/// A document whose top level must be a JSON object.
pub(crate) struct Object<T>(pub(crate) T);

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

pub(crate) struct ObjectVisitor<T>(pub(crate) std::marker::PhantomData<T>);

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

/// Room for this many records before a record array first grows (see `ObjectsVisitor`).
const RECORDS_FIRST_ALLOCATION: usize = 16;
/// The most records a size hint (which comes from the input) may make room for at once.
const RECORDS_HINT_CAP: usize = 4096;

/// An array of records that must each be a JSON object.
pub(crate) fn objects<'de, D: Deserializer<'de>, T: Deserialize<'de>>(de: D) -> Result<Vec<T>, D::Error> {
    de.deserialize_seq(ObjectsVisitor(std::marker::PhantomData))
}

pub(crate) struct ObjectsVisitor<T>(pub(crate) std::marker::PhantomData<T>);

impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for ObjectsVisitor<T> {
    type Value = Vec<T>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an array of objects")
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        // JSON gives no length. Room for 16 records covers a worksheet's entries in one
        // allocation (instead of growing 4 → 8 → 16, copying each time); the shrink below then
        // gives the rest back in place. A hint, if any, comes from the input: capped.
        let mut out = Vec::with_capacity(
            seq.size_hint().unwrap_or(0).clamp(RECORDS_FIRST_ALLOCATION, RECORDS_HINT_CAP),
        );
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
pub(crate) fn codes<'de, D: Deserializer<'de>>(de: D) -> Result<Vec<String>, D::Error> {
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
pub(crate) fn null_or_objects<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    de: D,
) -> Result<Vec<T>, D::Error> {
    Ok(optional(de, ObjectsVisitor(std::marker::PhantomData))?.unwrap_or_default())
}

/// [`null_or_objects`] as a seed.
pub(crate) struct NullOrObjects<T>(pub(crate) std::marker::PhantomData<T>);

impl<'de, T: Deserialize<'de>> serde::de::DeserializeSeed<'de> for NullOrObjects<T> {
    type Value = Vec<T>;
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Vec<T>, D::Error> {
        null_or_objects(de)
    }
}

/// An optional record; `null` means absent.
pub(crate) fn optional_object<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    de: D,
) -> Result<Option<T>, D::Error> {
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

pub(crate) fn de_timestamp<'de, D: Deserializer<'de>>(de: D) -> Result<Timestamp, D::Error> {
    de.deserialize_str(StrVisitor(parse_timestamp, "an RFC 3339 timestamp with offset"))
}

pub(crate) fn de_opt_timestamp<'de, D: Deserializer<'de>>(de: D) -> Result<Option<Timestamp>, D::Error> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert!(check_id("D100", String::new).is_ok());
        assert!(check_id("", String::new).is_err());
        assert!(check_id(&"é".repeat(64), String::new).is_ok());
        assert!(check_id(&"é".repeat(65), String::new).is_err());
        assert!(check_id("a\nb", String::new).is_err());
    }
}
