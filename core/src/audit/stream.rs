//! Auditing a JSON dataset while it is read: each worksheet's entries are checked as soon as
//! the worksheet has been read, then dropped, so memory grows with worksheets and findings,
//! not with entries.
//!
//! The document is read by a [`serde::de::DeserializeSeed`] that accepts exactly what
//! [`Dataset::from_json`] accepts (the same record readers; the top-level object's keys in any
//! order, each at most once, unknown keys refused) and rejects with the same errors: serde's
//! errors first (a document is refused as a whole on its first structural problem), then
//! [`Dataset::validate`]'s, in its order. Entries are checked before the rest of the dataset is
//! known (a later worksheet with the same id, a `period` written after the worksheets);
//! [`EntryAudit::finish`] keeps what counts.

use std::io::Read;
use std::marker::PhantomData;

use serde::de::{DeserializeSeed, Deserializer, Error as _, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::engine::EntryAudit;
use crate::error::{from_json_error, render_path, InputError};
use crate::model::read::{
    exact_json_error, validate_worksheet, NullOrObjects, ObjectVisitor, ObjectsVisitor,
};
use crate::model::{Briefing, Dataset, Period, Person, VehicleCheck, Worksheet};
use crate::policy::Policy;
use crate::report::Report;

/// Parses a JSON dataset held in memory and audits it, one worksheet at a time; the report and
/// errors of [`crate::audit_json`].
pub(crate) fn audit_slice(policy: &Policy, json: &[u8]) -> Result<Report, InputError> {
    // Reading bytes, serde_json checks UTF-8 string by string; checked once for the whole
    // input, the text is read as a `str` (~18 % fewer instructions: docs/performance.md).
    // Bytes that are not UTF-8 go to the byte reader, whose error the exact pass reports.
    let read = match std::str::from_utf8(json) {
        Ok(text) => read_all(policy, serde_json::Deserializer::from_str(text)),
        Err(_) => read_all(policy, serde_json::Deserializer::from_slice(json)),
    };
    match read {
        Ok(read) => read.finish(),
        // Read again with path tracking to say where: the reader is the derived `Dataset`'s,
        // which this one follows.
        Err(fast_err) => Err(exact_json_error::<Dataset>(json, &fast_err)),
    }
}

/// Reads a whole document with `de`: the dataset, then nothing but white space.
fn read_all<'de, 'p, R: serde_json::de::Read<'de>>(
    policy: &'p Policy,
    mut de: serde_json::Deserializer<R>,
) -> Result<ReadDataset<'p>, serde_json::Error> {
    let parts = DatasetSeed { policy, partial: false }.deserialize(&mut de)?;
    de.end()?;
    parts.complete()
}

/// Reads a JSON dataset from `reader` and audits it, one worksheet at a time; see
/// [`crate::audit_reader`].
pub(crate) fn audit_reader<R: Read>(policy: &Policy, reader: R) -> Result<Report, InputError> {
    // serde_json reads an `io::Read` a byte at a time: a buffer makes that cheap.
    let mut de = serde_json::Deserializer::from_reader(std::io::BufReader::with_capacity(1 << 16, reader));
    // The input cannot be read twice: paths are tracked on the one pass.
    let mut track = serde_path_to_error::Track::new();
    let read = DatasetSeed { policy, partial: false }
        .deserialize(serde_path_to_error::Deserializer::new(&mut de, &mut track));
    let read = match read {
        Ok(read) => read,
        Err(e) => return Err(from_json_error(render_path(&track.path()), &e)),
    };
    de.end().map_err(|e| from_json_error(String::new(), &e))?;
    // A whole document's keys were checked as they were read: `complete` finds none missing.
    read.complete::<serde_json::Error>().map_err(|e| from_json_error(String::new(), &e))?.finish()
}

/// A dataset read with its entries checked and dropped, and the first problem
/// [`Dataset::validate`] would find in its worksheets.
pub(super) struct ReadDataset<'p> {
    /// The dataset, its worksheets without their entries.
    dataset: Dataset,
    entries: EntryAudit<'p>,
    invalid_worksheet: Option<InputError>,
}

impl ReadDataset<'_> {
    /// [`Dataset::validate`]'s first error, in its order, or the report.
    pub(super) fn finish(self) -> Result<Report, InputError> {
        let ReadDataset { dataset, entries, invalid_worksheet } = self;
        dataset.validate_period_and_personnel()?;
        if let Some(e) = invalid_worksheet {
            return Err(e);
        }
        dataset.validate_briefings_and_checks()?;
        Ok(entries.finish(&dataset))
    }
}

/// The top-level object's keys, as the derived `Dataset` reader names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(field_identifier, rename_all = "snake_case")]
pub(super) enum Field {
    Period,
    Personnel,
    Worksheets,
    Briefings,
    VehicleChecks,
}

/// Reads the top-level object. `partial`: a part of a document split for the parallel reader
/// ([`super::parallel`]), whose required keys may be in the other part.
pub(super) struct DatasetSeed<'p> {
    pub(super) policy: &'p Policy,
    pub(super) partial: bool,
}

/// The members of a top-level object (or of a part of one) as read.
pub(super) struct Parts<'p> {
    pub(super) period: Option<Period>,
    pub(super) personnel: Option<Vec<Person>>,
    pub(super) sheets: Sheets<'p>,
    pub(super) worksheets_seen: bool,
    pub(super) briefings: Option<Vec<Briefing>>,
    pub(super) vehicle_checks: Option<Vec<VehicleCheck>>,
    /// The last key read.
    pub(super) last: Option<Field>,
}

impl<'p> Parts<'p> {
    /// The derived reader's error for the first required key missing, in its field order.
    fn check_required<E: serde::de::Error>(&self) -> Result<(), E> {
        if self.period.is_none() {
            return Err(E::missing_field("period"));
        }
        if self.personnel.is_none() {
            return Err(E::missing_field("personnel"));
        }
        if !self.worksheets_seen {
            return Err(E::missing_field("worksheets"));
        }
        Ok(())
    }

    /// The dataset, or the derived reader's error for its first missing key.
    pub(super) fn complete<E: serde::de::Error>(self) -> Result<ReadDataset<'p>, E> {
        self.check_required()?;
        let (Some(period), Some(personnel)) = (self.period, self.personnel) else {
            return Err(E::missing_field("period")); // cannot happen: checked just above
        };
        let Sheets { mut worksheets, entries, invalid, .. } = self.sheets;
        worksheets.shrink_to_fit();
        let dataset = Dataset {
            period,
            personnel,
            worksheets,
            briefings: self.briefings.unwrap_or_default(),
            vehicle_checks: self.vehicle_checks.unwrap_or_default(),
        };
        Ok(ReadDataset { dataset, entries, invalid_worksheet: invalid })
    }
}

impl<'de, 'p> DeserializeSeed<'de> for DatasetSeed<'p> {
    type Value = Parts<'p>;
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Parts<'p>, D::Error> {
        de.deserialize_map(self)
    }
}

impl<'de, 'p> Visitor<'de> for DatasetSeed<'p> {
    type Value = Parts<'p>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Parts<'p>, A::Error> {
        let mut parts = Parts {
            period: None,
            personnel: None,
            sheets: Sheets::new(self.policy),
            worksheets_seen: false,
            briefings: None,
            vehicle_checks: None,
            last: None,
        };
        // As the derived reader: a repeated key is refused before its value is read.
        while let Some(field) = map.next_key::<Field>()? {
            parts.last = Some(field);
            match field {
                Field::Period => {
                    if parts.period.is_some() {
                        return Err(A::Error::duplicate_field("period"));
                    }
                    let p = map.next_value_seed(ObjectVisitor::<Period>(PhantomData))?;
                    parts.period = Some(p);
                    parts.sheets.period = Some(p);
                }
                Field::Personnel => {
                    if parts.personnel.is_some() {
                        return Err(A::Error::duplicate_field("personnel"));
                    }
                    parts.personnel = Some(map.next_value_seed(ObjectsVisitor(PhantomData))?);
                }
                Field::Worksheets => {
                    if parts.worksheets_seen {
                        return Err(A::Error::duplicate_field("worksheets"));
                    }
                    parts.worksheets_seen = true;
                    map.next_value_seed(&mut parts.sheets)?;
                }
                Field::Briefings => {
                    if parts.briefings.is_some() {
                        return Err(A::Error::duplicate_field("briefings"));
                    }
                    parts.briefings = Some(map.next_value_seed(NullOrObjects(PhantomData))?);
                }
                Field::VehicleChecks => {
                    if parts.vehicle_checks.is_some() {
                        return Err(A::Error::duplicate_field("vehicle_checks"));
                    }
                    parts.vehicle_checks = Some(map.next_value_seed(NullOrObjects(PhantomData))?);
                }
            }
        }
        if !self.partial {
            // Checked here, as the derived reader does, for the error's position.
            parts.check_required::<A::Error>()?;
        }
        Ok(parts)
    }
}

/// The `worksheets` array, read one worksheet at a time.
pub(super) struct Sheets<'p> {
    /// The period, if it came before the worksheets.
    period: Option<Period>,
    /// The worksheets read so far, without their entries.
    worksheets: Vec<Worksheet>,
    entries: EntryAudit<'p>,
    /// The first worksheet [`Dataset::validate`] refuses.
    pub(super) invalid: Option<InputError>,
}

impl<'p> Sheets<'p> {
    pub(super) fn new(policy: &'p Policy) -> Self {
        Sheets { period: None, worksheets: Vec::new(), entries: EntryAudit::new(policy), invalid: None }
    }

    /// Appends the worksheets `later` read after these (and what their entries produced).
    pub(super) fn join(&mut self, later: Sheets<'p>) {
        let first = self.worksheets.len();
        self.entries.absorb(later.entries, first);
        self.worksheets.extend(later.worksheets);
        self.invalid = self.invalid.take().or(later.invalid);
    }

    pub(super) fn worksheet(&mut self, mut w: Worksheet) {
        let index = self.worksheets.len();
        if self.invalid.is_none() {
            self.invalid = validate_worksheet(index, &w).err();
        }
        // An invalid dataset gets no report: its entries need no audit.
        if self.invalid.is_none() {
            // Not knowing the period yet, audit; `EntryAudit::finish` drops what does not count.
            let audited = self.period.is_none_or(|p| p.contains(w.date));
            self.entries.worksheet(index, &w, audited);
        }
        // What the rest of the audit does not read is not kept: the entries (their counts are
        // in `entries`) and the reporting district (a grouping label no rule reads).
        w.entries = Vec::new();
        w.reporting_district = None;
        self.worksheets.push(w);
    }
}

impl<'de> DeserializeSeed<'de> for &mut Sheets<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<(), D::Error> {
        de.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for &mut Sheets<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an array of objects")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(w) = seq.next_element_seed(ObjectVisitor::<Worksheet>(PhantomData))? {
            self.worksheet(w);
        }
        Ok(())
    }
}
