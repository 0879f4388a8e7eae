//! Tabular datasets (SPEC §7): the §2 dataset as CSV files, from named byte buffers or a
//! folder, in the canonical layout or through a [`Mapping`] for another system's export.
//!
//! ```
//! use std::collections::BTreeMap;
//! use contact755::{audit_tables, parse_period, Policy};
//!
//! let mut files = BTreeMap::new();
//! files.insert("personnel.csv".to_string(), b"id,role\nD100,deputy\nS200,sergeant\n".to_vec());
//! files.insert(
//!     "worksheets.csv".to_string(),
//!     b"id,personnel_id,date,assignment,area,reviewer_id,reviewed_on,approved\n\
//!       W1,D100,2016-03-17,field,La Mirada,S200,2016-03-18,true\n".to_vec(),
//! );
//! files.insert(
//!     "entries.csv".to_string(),
//!     b"worksheet_id,id,at,activity,clearance_codes,category,card_provided\n\
//!       W1,E1,2016-03-17T09:12:00-07:00,obs,415,resident,true\n".to_vec(),
//! );
//! let period = parse_period("2016-03").unwrap();
//! let report = audit_tables(&Policy::norwalk_2016(), &files, period, None).unwrap();
//! assert_eq!(report.findings[0].subject, "entry:W1/E1");
//!
//! files.insert("entries.csv".to_string(), b"worksheet_id,id,at\nW1,E1,noon\n".to_vec());
//! let err = contact755::read_tables(&files, period, None).unwrap_err();
//! assert_eq!(err.path, "entries.csv:1:activity"); // a required column is missing
//! ```

mod dir;
mod format;
mod mapping;
mod reader;
mod split;
// Streaming: the entries audited record by record, never all held.
mod stream;

use std::borrow::Borrow;
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasher, Hash};

pub use dir::{audit_tables_dir, read_tables_dir, TablesDirError};
pub use mapping::{Mapping, MappingError};
#[allow(unused_imports)] // the entry iterator, for an incremental audit
pub(crate) use reader::{open_tables, EntryRow, EntryRows};

use crate::error::{InputError, InputErrorKind};
use crate::{parse_date, Dataset, Period, Policy, Report};

/// Gives the bytes of a tabular dataset's files by name (`"entries.csv"`).
///
/// Implemented for `BTreeMap` and `HashMap` from names to bytes; implement it for any other
/// store (an archive, a database of uploads).
pub trait TableSource {
    /// The whole content of the file called `name`, or `None` when there is no such file.
    fn file(&self, name: &str) -> Option<&[u8]>;
}

impl<K: Borrow<str> + Ord, V: AsRef<[u8]>> TableSource for BTreeMap<K, V> {
    fn file(&self, name: &str) -> Option<&[u8]> {
        self.get(name).map(AsRef::as_ref)
    }
}

impl<K: Borrow<str> + Hash + Eq, V: AsRef<[u8]>, H: BuildHasher> TableSource for HashMap<K, V, H> {
    fn file(&self, name: &str) -> Option<&[u8]> {
        self.get(name).map(AsRef::as_ref)
    }
}

/// A borrowed source is a source.
impl<T: TableSource + ?Sized> TableSource for &T {
    fn file(&self, name: &str) -> Option<&[u8]> {
        (**self).file(name)
    }
}

/// Reads a tabular dataset (SPEC §7) from its files: `personnel.csv`, `worksheets.csv`,
/// `entries.csv`, and optionally `briefings.csv` and `vehicle_checks.csv`, or the files a
/// `mapping` names. The period is the caller's (see [`parse_period`]).
///
/// The result is exactly the §2 dataset the tables describe; a rejection carries the §7.2 path
/// of the offending cell, record, column or file (`entries.csv:3:at`, `worksheets.csv:7`,
/// `personnel.csv:1:role`, `personnel.csv`).
pub fn read_tables<S: TableSource + ?Sized>(
    files: &S,
    period: Period,
    mapping: Option<&Mapping>,
) -> Result<Dataset, InputError> {
    let (mut dataset, rows) = open_tables(files, period, mapping)?;
    for row in rows {
        let row = row?;
        if let Some(w) = dataset.worksheets.get_mut(row.worksheet) {
            w.entries.push(row.entry);
        }
    }
    for w in &mut dataset.worksheets {
        w.entries.shrink_to_fit();
    }
    // Every value was checked at its cell; this is the JSON reader's own check of the whole,
    // so that a dataset from tables is valid by the same code (it finds nothing new).
    dataset.validate()?;
    Ok(dataset)
}

/// Reads a tabular dataset ([`read_tables`]) and audits it under `policy`: the same report,
/// byte for byte, as the JSON dataset the tables describe, and the same rejection as
/// [`read_tables`] gives.
///
/// The entries are audited record by record as `entries.csv` is read and never held all at
/// once: beside the files themselves, memory grows with the worksheets and the findings, not
/// with the entries (`entries.csv` is read twice, the first time for counts only). To leave
/// the file itself unread until it is audited, use [`audit_tables_dir`].
pub fn audit_tables<S: TableSource + ?Sized>(
    policy: &Policy,
    files: &S,
    period: Period,
    mapping: Option<&Mapping>,
) -> Result<Report, InputError> {
    let name = table_file_names(mapping).swap_remove(2);
    stream::audit(policy, files, period, mapping, || Ok(files.file(&name))).map_err(|e| match e {
        stream::StreamError::Input(e) => e,
        // Bytes in memory are always read whole and never change.
        stream::StreamError::Io(message) => InputError::at(InputErrorKind::Syntax, name.clone(), message),
    })
}

/// The file names a tabular dataset is read from, canonical or as `mapping` renames them, in
/// the order personnel, worksheets, entries, briefings, vehicle checks.
pub fn table_file_names(mapping: Option<&Mapping>) -> Vec<String> {
    match mapping {
        Some(m) => m.file_names(),
        None => reader::TABLES.iter().map(|t| t.file.to_string()).collect(),
    }
}

/// Reads a period as a command line gives it: `2016-03` (that whole month),
/// `2016-03-01..2016-03-31` (both days included) or `2016-03-17` (one day). Errors have the
/// path `period`.
///
/// ```
/// let p = contact755::parse_period("2016-02").unwrap();
/// assert_eq!((p.start.to_string(), p.end.to_string()), ("2016-02-01".into(), "2016-02-29".into()));
/// assert!(contact755::parse_period("2016-03-31..2016-03-01").is_err());
/// ```
pub fn parse_period(text: &str) -> Result<Period, InputError> {
    let bad = |why: String| InputError::at(InputErrorKind::InvalidValue, "period", why);
    let (start, end) = if let Some((a, b)) = text.split_once("..") {
        (parse_date(a).map_err(bad)?, parse_date(b).map_err(bad)?)
    } else if text.len() == 7 && text.as_bytes().get(4) == Some(&b'-') {
        let start = parse_date(&format!("{text}-01"))
            .map_err(|_| bad(format!("expected a month YYYY-MM, found {}", crate::error::quote(text))))?;
        let next = start.checked_add_months(chrono::Months::new(1));
        let end = next.and_then(|n| n.pred_opt()).ok_or_else(|| bad("the month is out of range".into()))?;
        (start, end)
    } else {
        let day = parse_date(text).map_err(|_| {
            bad(format!(
                "expected YYYY-MM, YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD, found {}",
                crate::error::quote(text)
            ))
        })?;
        (day, day)
    };
    if end < start {
        return Err(InputError::at(
            InputErrorKind::Constraint,
            "period",
            format!("the period ends ({end}) before it starts ({start})"),
        ));
    }
    Ok(Period { start, end })
}
