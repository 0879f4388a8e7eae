//! Auditing a dataset and checking one entry in real time.
//!
//! [`engine`] runs the catalog over a dataset, [`header`] holds the worksheet header the
//! real-time check takes, [`summary`] counts the report's summary.

pub(crate) mod engine;
pub(crate) mod header;
mod parallel;
mod stream;
pub(crate) mod summary;

pub use header::WorksheetHeader;

use crate::error::InputError;
use crate::model::read::validate_entry;
use crate::model::{Dataset, Entry};
use crate::policy::Policy;
use crate::report::{Finding, Report};
use engine::{check_entry_rules, entry_rules, Findings};
use header::Shift;

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
    let shift = Shift::new(policy, header.into());
    let mut findings = Findings::new(policy);
    check_entry_rules(&mut findings, &entry_rules(), &shift, entry);
    Ok(findings.sorted())
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
///
/// The same report, or the same error, as [`audit`] of [`Dataset::from_json`], with less
/// memory: each worksheet's entries are checked as soon as the worksheet is read and then
/// dropped, so besides `json` itself memory holds the worksheets without their entries, and the
/// findings.
pub fn audit_json(policy: &Policy, json: &[u8]) -> Result<Report, InputError> {
    stream::audit_slice(policy, json)
}

/// [`audit_json`] on two threads: the same report, or the same error, in less time on a
/// machine with two cores or more (figures in `docs/performance.md`).
///
/// The document is cut between two worksheets near its middle (where a worksheet's `id` is
/// followed by its `personnel_id`, as exporters write them) and each half is read and its
/// entries checked on a thread of its own; the halves are joined in input order. A document
/// under 1 MiB, one with no such boundary, and any document either half fails to read are
/// audited by [`audit_json`] (a rejection is always decided there, so errors are the same).
///
/// ```
/// use contact755::{audit_json, audit_json_parallel, Policy};
/// let json = br#"{"period": {"start": "2016-03-14", "end": "2016-03-20"},
///   "personnel": [{"id": "D100", "role": "deputy"}], "worksheets": []}"#;
/// let policy = Policy::norwalk_2016();
/// assert_eq!(audit_json_parallel(&policy, json), audit_json(&policy, json));
/// ```
pub fn audit_json_parallel(policy: &Policy, json: &[u8]) -> Result<Report, InputError> {
    parallel::audit_slice_parallel(policy, json)
}

/// The parallel reader's two halves alone, whatever the document's size, cut at the first
/// worksheet boundary from byte `from` on: `None` when it leaves the document to the
/// one-thread reader. For tests that must know which reader decided; not part of the API.
#[doc(hidden)]
pub fn audit_json_in_halves(policy: &Policy, json: &[u8], from: usize) -> Option<Report> {
    parallel::in_halves(policy, json, from)
}

/// Reads a JSON dataset from `reader` (a file, standard input, a socket) and audits it as it
/// is read: the report, or the error, of [`audit_json`] of the same bytes, in memory that
/// grows with the worksheets and the findings but not with the entries (each worksheet's
/// entries are checked as soon as the worksheet is read, then dropped).
///
/// The top-level keys may come in any order: with `period` after `worksheets`, each
/// worksheet's entries are checked before the period is known and what does not count is
/// dropped at the end. An error of `reader` is reported as a syntax error carrying its message.
/// The reader is buffered here; reading a path is `File::open(path)` away.
///
/// ```
/// use contact755::{audit_reader, Policy};
/// let json = br#"{
///   "worksheets": [],
///   "personnel": [{"id": "D100", "role": "deputy"}],
///   "period": {"start": "2016-03-14", "end": "2016-03-20"}
/// }"#;
/// let report = audit_reader(&Policy::norwalk_2016(), &json[..]).unwrap();
/// assert_eq!(report.summary.worksheets_audited, 0);
/// ```
pub fn audit_reader<R: std::io::Read>(policy: &Policy, reader: R) -> Result<Report, InputError> {
    stream::audit_reader(policy, reader)
}

/// Audits a dataset under a policy: every rule of the catalog, the summary, sorted findings.
///
/// The dataset is trusted to be valid ([`Dataset::from_json`] guarantees it; call
/// [`Dataset::validate`] on one built in code). Nothing in it can make this panic.
pub fn audit(policy: &Policy, dataset: &Dataset) -> Report {
    engine::run(policy, dataset)
}
