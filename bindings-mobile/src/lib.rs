//! # contact755-mobile
//!
//! The UniFFI binding of [`contact755`] for mobile apps (Kotlin on Android and the JVM, Swift
//! on iOS): Norwalk Station's "755" community-contact directive, checked on the device before
//! a contact is sent.
//!
//! The binding converts types and errors and nothing else; every decision is the core's.
//!
//! * [`Policy`]: the station's settings (`Policy.norwalk2016()`, `Policy.preset(name)`,
//!   `fromJson`, `fromToml`, `fromSettings`), readable with `settings()`, `rules()`,
//!   `directive()` and `fingerprint()`; [`presets`] lists the presets;
//! * `policy.checkEntry(worksheet, entry)`: the real-time check of one MDC entry;
//! * `policy.audit(datasetJson)` → a [`Report`] record, `policy.auditJson(datasetJson)` → the
//!   SPEC report text, byte for byte what the Rust core writes;
//! * `policy.auditDataset(datasetJson)` and `policy.auditTables(files, period, mapping)` (CSV
//!   tables, SPEC §7, through an optional [`Mapping`]) → an [`Audit`], which renders what
//!   people read (SPEC §8: `toText`, `toCsv`, `toHtml`, `toXlsx`, `toJson`) and compares two
//!   audits (`before.diff(after)` → [`ReportDiff`]); [`diff()`] compares two saved report
//!   texts, `Audit.fromJson` reads one back;
//! * [`rules`]: the rule catalog (the `norwalk-2016` preset's); [`vocabularies`]: the core's
//!   words of every enum, for the test that the enums match them;
//! * [`ConformanceVector`]: the core's conformance judge (SPEC §5), for a test suite that runs
//!   the shared vectors through this binding;
//! * errors: [`Contact755Error`] (`Contact755Exception` in Kotlin), whose variants keep the
//!   core's structure: kind, path, line, column and message (`InvalidInput`, `InvalidPolicy`,
//!   `InvalidMapping`), or the reason (`RenderFailed`, `InvalidVector`).
//!
//! Dates are `YYYY-MM-DD` strings, checked by the core's date parser; timestamps are the
//! platform's instant type (`java.time.Instant`, `Date`). Integers crossing the boundary are
//! `u32`/`u64`, never `usize`.
//!
//! ## Every exported function returns `Result`
//!
//! Every exported function, constructor and method returns `Result<_, Contact755Error>`, even
//! those that cannot fail (`norwalk_2016`, `settings`, `to_json`, `for_worksheet`, `rules`,
//! `directive`, `fingerprint`, `presets`, `vocabularies`, the audit's `report`,
//! `policy_sha256`, `to_text`, `to_csv`, `to_html` and `diff`, `file_names`, and the vector's
//! accessors and judgements), which always return `Ok`. The reason is the generated Swift: UniFFI calls a function that
//! returns no `Result` with `try! rustCall(...)`, so a panic caught by the scaffolding would stop
//! a Swift app with a runtime error; a function that returns `Result` is declared `throws`, and
//! the same panic is thrown as UniFFI's internal error (`UniffiInternalError.rustPanic`). Kotlin
//! throws `InternalException` either way. A `Contact755Error` still means only "the core
//! refused an input": no variant is added for panics, which never become a `Contact755Error`.
//! `scripts/test-kotlin.sh` fails when the generated Swift calls anything but UniFFI's own
//! handle and buffer functions and the `Display` of the error with `try!`.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

// UniFFI's scaffolding turns a panic into an internal error (Kotlin `InternalException`, Swift
// `UniffiInternalError.rustPanic`, thrown by every exported function since each returns
// `Result`) with `catch_unwind`, which catches nothing when panics abort.
#[cfg(not(panic = "unwind"))]
compile_error!(
    "contact755-mobile must be built with panic = \"unwind\" (UniFFI catches panics only when they unwind)"
);

use std::collections::HashMap;
use std::sync::Arc;

mod audit;
mod conformance;
mod convert;
mod error;
mod mapping;
mod types;

pub use audit::{diff, Audit};
pub use conformance::ConformanceVector;
pub use error::Contact755Error;
pub use mapping::Mapping;
pub use types::{
    Contact, Directive, Entry, Finding, PersonSummary, PolicySettings, Report, ReportDiff, Rule, RuleSetting,
    Summary, WorksheetHeader,
};

uniffi::setup_scaffolding!("contact755");

/// A station's settings. `Policy.norwalk2016()` is the directive of March 16, 2016, as
/// written; every number the directive leaves open is a station setting with a documented
/// default, and `0` turns that check off.
///
/// A policy is immutable and safe to share between threads. In Kotlin, release it with
/// `use { }` (or `close()`) when done.
#[derive(Debug, uniffi::Object)]
pub struct Policy(contact755::Policy);

#[uniffi::export]
impl Policy {
    /// Norwalk Station's directive of March 16, 2016, with the documented defaults for the
    /// settings it leaves open.
    ///
    /// Fails only if the library itself fails (an internal error: Kotlin `InternalException`,
    /// Swift `UniffiInternalError`), never a `Contact755Error`.
    #[uniffi::constructor]
    pub fn norwalk_2016() -> Result<Arc<Self>, Contact755Error> {
        guarded(|| Ok(Arc::new(Policy(contact755::Policy::norwalk_2016()))))
    }

    /// The preset of that name (see `presets()`): `Policy.preset("compton-2018")`. An unknown
    /// name is rejected with `InvalidPolicy` at path `preset`.
    #[uniffi::constructor]
    pub fn preset(name: String) -> Result<Arc<Self>, Contact755Error> {
        guarded(|| Ok(Arc::new(Policy(contact755::Policy::preset(&name)?))))
    }

    /// A preset (the one the key `preset` names, default `norwalk-2016`) overridden field by
    /// field by a JSON object such as `{"min_contacts_per_shift": 2}` or
    /// `{"preset": "compton-2018", "rules": {"FP-CARD": {"enabled": false}}}`. Unknown fields,
    /// wrong types and nonsensical settings are rejected with `InvalidPolicy`, whose path is the
    /// setting's (`min_contacts_per_shift`, `rules.FP-CARD.severity`).
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Self>, Contact755Error> {
        guarded(|| Ok(Arc::new(Policy(contact755::Policy::from_json(json)?))))
    }

    /// A preset overridden field by field by a TOML document such as
    /// `min_cards_in_vehicle = 20`. Rejections as for `fromJson`; a TOML syntax error carries
    /// line and column.
    #[uniffi::constructor]
    pub fn from_toml(toml: String) -> Result<Arc<Self>, Contact755Error> {
        guarded(|| Ok(Arc::new(Policy(contact755::Policy::from_toml(&toml)?))))
    }

    /// A policy from every setting spelled out (for instance a `settings()` record with one
    /// field changed), read by the core's policy reader as the JSON object it is: an ill-formed
    /// code or pattern, no covered area, a blank area, no reviewer role, an unknown rule or a
    /// rule of severity `Data` is rejected with `InvalidPolicy` at the setting's path
    /// (`covered_areas[1]`, `rules.FP-CARD.severity`), without line or column. A rule left out
    /// of `rules` keeps the setting of the `preset` named.
    #[uniffi::constructor]
    pub fn from_settings(settings: PolicySettings) -> Result<Arc<Self>, Contact755Error> {
        guarded(|| Ok(Arc::new(Policy(settings.into_core()?))))
    }

    /// Every setting of this policy.
    ///
    /// Fails only if the library itself fails (an internal error: Kotlin `InternalException`,
    /// Swift `UniffiInternalError`), never a `Contact755Error`.
    pub fn settings(&self) -> Result<PolicySettings, Contact755Error> {
        guarded(|| Ok(PolicySettings::from_core(&self.0)))
    }

    /// The catalog as this policy applies it, in the SPEC's order: each rule's severity,
    /// citation and whether it is enabled under this policy (data rules: `Data`, no citation,
    /// always enabled).
    ///
    /// Fails only if the library itself fails (an internal error: Kotlin `InternalException`,
    /// Swift `UniffiInternalError`), never a `Contact755Error`.
    pub fn rules(&self) -> Result<Vec<Rule>, Contact755Error> {
        guarded(|| Ok(self.0.rules().into_iter().map(Rule::from).collect()))
    }

    /// The order this policy encodes (id, title, the day it was issued when known).
    ///
    /// Fails only if the library itself fails (an internal error: Kotlin `InternalException`,
    /// Swift `UniffiInternalError`), never a `Contact755Error`.
    pub fn directive(&self) -> Result<Directive, Contact755Error> {
        guarded(|| Ok(Directive::from_core(self.0.directive())))
    }

    /// The policy's fingerprint: the lowercase hex SHA-256 of its canonical JSON (RFC 8785),
    /// the `policySha256` of every report made under it. Two policies that apply the same rules
    /// have the same fingerprint, whatever file they came from.
    ///
    /// Fails only if the library itself fails (an internal error: Kotlin `InternalException`,
    /// Swift `UniffiInternalError`), never a `Contact755Error`.
    pub fn fingerprint(&self) -> Result<String, Contact755Error> {
        guarded(|| Ok(self.0.fingerprint()))
    }

    /// This policy as a pretty JSON object, every setting spelled out (what `fromJson`
    /// reads back).
    ///
    /// Fails only if the library itself fails (an internal error: Kotlin `InternalException`,
    /// Swift `UniffiInternalError`), never a `Contact755Error`.
    pub fn to_json(&self) -> Result<String, Contact755Error> {
        guarded(|| Ok(self.0.to_json()))
    }

    /// The real-time check of one MDC entry, for an app that checks a contact before it is
    /// sent: the findings the entry earns on its own (`FP-CODE-755`, `FP-CARD`,
    /// `FP-755-DETAILS`, `DATA-CODE-MALFORMED`, `DATA-CODE-DUPLICATE`,
    /// `DATA-ENTRY-OUTSIDE-SHIFT`), sorted by rule; the same findings the audit reports for
    /// that entry. An empty list means there is nothing to fix.
    ///
    /// The worksheet header and the entry are checked as in a dataset; a rejection is an
    /// `InvalidInput` error whose path starts with `worksheet` or `entry`
    /// (`worksheet.date`, `entry.contact.description`, ...).
    pub fn check_entry(
        &self,
        worksheet: WorksheetHeader,
        entry: Entry,
    ) -> Result<Vec<Finding>, Contact755Error> {
        guarded(|| {
            let worksheet = worksheet.into_core()?;
            let entry = entry.into_core()?;
            let findings = contact755::check_entry(&self.0, &worksheet, &entry)?;
            Ok(findings.into_iter().map(Finding::from).collect())
        })
    }

    /// The real-time check prepared for one worksheet: the header is converted once, and each
    /// `checkEntry(entry)` on the result then carries only the entry across the boundary. For an
    /// app or MDC that checks entry after entry of the same shift; `checker.checkEntry(entry)`
    /// returns exactly what `policy.checkEntry(worksheet, entry)` returns, rejections included.
    ///
    /// Never fails because of its input: a header the core rejects (`worksheet.date`,
    /// `worksheet.id`, ...) makes every check of the checker fail with that `InvalidInput`
    /// error, as `checkEntry` would. It fails only if the library itself fails (an internal
    /// error: Kotlin `InternalException`, Swift `UniffiInternalError`), never with a
    /// `Contact755Error`. In Kotlin, release the checker with `use { }` (or `close()`) when the
    /// shift is done.
    pub fn for_worksheet(
        self: Arc<Self>,
        worksheet: WorksheetHeader,
    ) -> Result<Arc<WorksheetChecker>, Contact755Error> {
        guarded(|| {
            // The whole header is checked once, here: every check of the checker then fails with
            // the same error, whatever it checks (even an empty batch).
            let worksheet = worksheet.into_core().and_then(|header| {
                header.validate()?;
                Ok(header)
            });
            Ok(Arc::new(WorksheetChecker { policy: self, worksheet }))
        })
    }

    /// Audits a dataset (SPEC §2, JSON text) under this policy: findings sorted by rule then
    /// subject, and the summary. A dataset that breaks the format is rejected as a whole with
    /// an `InvalidInput` error carrying the JSON path of the offending value
    /// (`worksheets[0].entries[1].at`), or line and column for a syntax error.
    pub fn audit(&self, dataset_json: String) -> Result<Report, Contact755Error> {
        guarded(|| Ok(Report::from(contact755::audit_json(&self.0, dataset_json.as_bytes())?)))
    }

    /// Audits a dataset as `audit` does and returns the SPEC report (§4) as JSON text: the
    /// very bytes the Rust core writes for the same input, in every language.
    pub fn audit_json(&self, dataset_json: String) -> Result<String, Contact755Error> {
        guarded(|| Ok(contact755::audit_json(&self.0, dataset_json.as_bytes())?.to_json()))
    }
}

/// Test hooks, compiled only with the cargo feature `test-hooks` (never in a library an app
/// ships, and absent from the checked-in bindings): they let the Kotlin tests prove that a panic
/// inside an exported function reaches the app as UniFFI's internal error, not as an abort.
#[cfg(feature = "test-hooks")]
#[uniffi::export]
impl Policy {
    /// Converts `entry` as `checkEntry` does, then panics deliberately with a message that
    /// quotes the entry, which the guard replaces. Kotlin: throws `InternalException` with
    /// `INTERNAL_ERROR_MESSAGE`.
    pub fn panic_for_test(&self, entry: Entry) -> Result<Vec<Finding>, Contact755Error> {
        guarded(|| {
            let entry = entry.into_core()?;
            // The message quotes the input on purpose: the guard must keep it from the app.
            panic!("test hook: deliberate panic on entry {} ({:?})", entry.id, entry.contact)
        })
    }
}

/// The message of every panic that leaves this library: UniFFI hands a panic's message to the
/// app as its internal error's message, and a panic message may quote data (the standard
/// library's do, e.g. a string sliced off a character boundary).
const INTERNAL_ERROR_MESSAGE: &str =
    "contact755 internal error (a bug in contact755, not a problem with the input)";

/// Runs an exported function's body; a panic in it continues with [`INTERNAL_ERROR_MESSAGE`]
/// instead of its own message, to be caught by UniFFI's scaffolding and thrown as the
/// platform's internal error. Every exported function's body is inside one (a unit test checks).
pub(crate) fn guarded<T>(body: impl FnOnce() -> T) -> T {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(body)) {
        Ok(value) => value,
        // resume_unwind does not run the panic hook again: the panic is reported once.
        Err(_) => std::panic::resume_unwind(Box::new(INTERNAL_ERROR_MESSAGE)),
    }
}

/// The real-time check of one worksheet's entries under a policy, made by
/// `policy.forWorksheet(worksheet)`. Immutable and safe to share between threads; it keeps its
/// policy alive.
#[derive(Debug, uniffi::Object)]
pub struct WorksheetChecker {
    policy: Arc<Policy>,
    /// The header as the core's type, or why it could not become one.
    worksheet: Result<contact755::WorksheetHeader, Contact755Error>,
}

#[uniffi::export]
impl WorksheetChecker {
    /// The findings one entry of this worksheet earns on its own, sorted by rule: what
    /// `policy.checkEntry(worksheet, entry)` returns. An empty list means there is nothing to
    /// fix. A rejected header or entry is an `InvalidInput` error (`worksheet.date`,
    /// `entry.at`, ...).
    pub fn check_entry(&self, entry: Entry) -> Result<Vec<Finding>, Contact755Error> {
        guarded(|| {
            let worksheet = self.worksheet.as_ref().map_err(Clone::clone)?;
            let findings = contact755::check_entry(&self.policy.0, worksheet, &entry.into_core()?)?;
            Ok(findings.into_iter().map(Finding::from).collect())
        })
    }

    /// `checkEntry` for several entries of this worksheet in one call (for instance every
    /// entry before the worksheet is sent): element `i` of the result holds the findings of
    /// `entries[i]`. The entries are checked one by one, as `checkEntry` checks them; the
    /// first rejected entry rejects the whole call, with the path `entries[i]...` (`entries[3].at`).
    pub fn check_entries(&self, entries: Vec<Entry>) -> Result<Vec<Vec<Finding>>, Contact755Error> {
        guarded(|| {
            let worksheet = self.worksheet.as_ref().map_err(Clone::clone)?;
            entries
                .into_iter()
                .enumerate()
                .map(|(i, entry)| {
                    let checked = entry
                        .into_core()
                        .and_then(|entry| Ok(contact755::check_entry(&self.policy.0, worksheet, &entry)?));
                    match checked {
                        Ok(findings) => Ok(findings.into_iter().map(Finding::from).collect()),
                        Err(e) => Err(e.for_entry_at(i)),
                    }
                })
                .collect()
        })
    }
}

/// The rule catalog in the SPEC's order, as the `norwalk-2016` preset applies it: every rule
/// id with its severity, scope, title, what it checks and the directive's sentence it rests on
/// (data rules cite none). A policy's own view is `policy.rules()`.
///
/// Fails only if the library itself fails (an internal error: Kotlin `InternalException`,
/// Swift `UniffiInternalError`), never a `Contact755Error`.
#[uniffi::export]
pub fn rules() -> Result<Vec<Rule>, Contact755Error> {
    guarded(|| Ok(contact755::rules().into_iter().map(Rule::from).collect()))
}

/// The names of the presets, `norwalk-2016` first: what `Policy.preset(name)` and the key
/// `preset` of a policy file accept.
///
/// Fails only if the library itself fails (an internal error: Kotlin `InternalException`,
/// Swift `UniffiInternalError`), never a `Contact755Error`.
#[uniffi::export]
pub fn presets() -> Result<Vec<String>, Contact755Error> {
    guarded(|| Ok(contact755::presets().into_iter().map(str::to_string).collect()))
}

/// The core's words of every vocabulary that crosses the boundary, by vocabulary name
/// (`"role"` → `["deputy", "sergeant", ...]`, in declaration order): `role`, `assignment`,
/// `activity`, `category`, `severity`, `scope`, `subject_kind`, `error_kind`. Each enum of this
/// binding is its vocabulary, member for word (`SELF_INITIATED` is `self_initiated`); the
/// Kotlin tests compare them both ways.
///
/// Fails only if the library itself fails (an internal error: Kotlin `InternalException`,
/// Swift `UniffiInternalError`), never a `Contact755Error`.
#[uniffi::export]
pub fn vocabularies() -> Result<HashMap<String, Vec<String>>, Contact755Error> {
    guarded(|| {
        Ok(contact755::vocabularies()
            .into_iter()
            .map(|(name, words)| (name.to_string(), words.iter().map(|w| w.to_string()).collect()))
            .collect())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, SystemTime};

    fn header(date: &str) -> WorksheetHeader {
        WorksheetHeader {
            id: "W1".into(),
            personnel_id: "V300".into(),
            date: date.into(),
            assignment: contact755::Assignment::Field,
            area: Some("La Mirada".into()),
            shift_start: None,
            shift_end: None,
        }
    }

    fn entry(at: SystemTime, codes: &[&str]) -> Entry {
        Entry {
            id: "E1".into(),
            at,
            activity: contact755::Activity::SelfInitiated,
            clearance_codes: codes.iter().map(|c| c.to_string()).collect(),
            contact: Some(Contact {
                category: contact755::Category::Resident,
                card_provided: true,
                description: None,
            }),
        }
    }

    /// 2016-03-17T16:12:00Z.
    fn at() -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(1_458_231_120)
    }

    #[test]
    fn check_entry_delegates_to_the_core() {
        let p = Policy::norwalk_2016().unwrap();
        let findings = p.check_entry(header("2016-03-17"), entry(at(), &["415"])).unwrap();
        let rules: Vec<&str> = findings.iter().map(|f| f.rule.as_str()).collect();
        assert_eq!(rules, ["FP-CODE-755"]);
        assert_eq!(findings[0].subject, "entry:W1/E1");
        assert_eq!(findings[0].date.as_deref(), Some("2016-03-17"));
        assert!(p.check_entry(header("2016-03-17"), entry(at(), &[" 755 "])).unwrap().is_empty());
    }

    #[test]
    fn a_bad_date_names_its_path() {
        let err = Policy::norwalk_2016()
            .unwrap()
            .check_entry(header("2016-02-30"), entry(at(), &["755"]))
            .unwrap_err();
        match err {
            Contact755Error::InvalidInput { kind, path, .. } => {
                assert_eq!(
                    (kind, path.as_str()),
                    (contact755::InputErrorKind::InvalidValue, "worksheet.date")
                )
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn instants_before_the_epoch_and_out_of_range() {
        let p = Policy::norwalk_2016().unwrap();
        let early = SystemTime::UNIX_EPOCH - Duration::from_secs(86_400 * 365 * 100);
        let mut h = header("1916-03-17");
        h.shift_start = Some(early);
        h.shift_end = Some(early + Duration::from_secs(3600));
        let findings = p.check_entry(h, entry(early + Duration::from_secs(7200), &["755"])).unwrap();
        let rules: Vec<&str> = findings.iter().map(|f| f.rule.as_str()).collect();
        assert_eq!(rules, ["DATA-ENTRY-OUTSIDE-SHIFT"]);

        let far = SystemTime::UNIX_EPOCH + Duration::from_secs(u64::MAX / 4);
        match p.check_entry(header("2016-03-17"), entry(far, &["755"])).unwrap_err() {
            Contact755Error::InvalidInput { path, .. } => assert_eq!(path, "entry.at"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_worksheet_checker_gives_what_check_entry_gives() {
        let p = Policy::norwalk_2016().unwrap();
        let checker = p.clone().for_worksheet(header("2016-03-17")).unwrap();
        let entries = [entry(at(), &["415"]), entry(at(), &["755"]), entry(at(), &["755", "75-5"])];
        for e in &entries {
            assert_eq!(checker.check_entry(e.clone()), p.check_entry(header("2016-03-17"), e.clone()));
        }
        let batch = checker.check_entries(entries.to_vec()).unwrap();
        assert_eq!(batch.iter().map(Vec::len).collect::<Vec<_>>(), [1, 0, 1]);

        let far = SystemTime::UNIX_EPOCH + Duration::from_secs(u64::MAX / 4);
        match checker.check_entries(vec![entries[0].clone(), entry(far, &["755"])]).unwrap_err() {
            Contact755Error::InvalidInput { path, .. } => assert_eq!(path, "entries[1].at"),
            other => panic!("{other:?}"),
        }
        // A header the core rejects fails every check the same way, an empty batch included.
        let no_area = WorksheetHeader { area: None, ..header("2016-03-17") };
        let no_id = WorksheetHeader { id: String::new(), ..header("2016-03-17") };
        for (bad_header, expected) in
            [(header("2016-02-30"), "worksheet.date"), (no_area, "worksheet"), (no_id, "worksheet.id")]
        {
            let bad = p.clone().for_worksheet(bad_header.clone()).unwrap();
            let direct = p.check_entry(bad_header, entries[0].clone());
            for result in
                [direct, bad.check_entry(entries[0].clone()), bad.check_entries(vec![]).map(|_| vec![])]
            {
                match result.unwrap_err() {
                    Contact755Error::InvalidInput { path, .. } => assert_eq!(path, expected),
                    other => panic!("{other:?}"),
                }
            }
        }
    }

    #[test]
    fn entry_paths_get_the_index_of_the_batch() {
        let e = |path: &str| Contact755Error::invalid_value(path, "x".into());
        let path = |e: Contact755Error| match e {
            Contact755Error::InvalidInput { path, .. } => path,
            other => panic!("{other:?}"),
        };
        assert_eq!(path(e("entry").for_entry_at(2)), "entries[2]");
        assert_eq!(path(e("entry.contact.description").for_entry_at(0)), "entries[0].contact.description");
        assert_eq!(path(e("entry.clearance_codes[1]").for_entry_at(7)), "entries[7].clearance_codes[1]");
        assert_eq!(path(e("worksheet.id").for_entry_at(3)), "worksheet.id");
        assert_eq!(path(e("entryx").for_entry_at(3)), "entryx");
    }

    #[test]
    fn audit_json_is_the_core_report() {
        let dataset = r#"{"period": {"start": "2016-03-14", "end": "2016-03-20"},
            "personnel": [{"id": "D100", "role": "deputy"}], "worksheets": []}"#;
        let p = Policy::norwalk_2016().unwrap();
        let core = contact755::audit_json(&contact755::Policy::norwalk_2016(), dataset.as_bytes()).unwrap();
        assert_eq!(p.audit_json(dataset.into()).unwrap(), core.to_json());
        let report = p.audit(dataset.into()).unwrap();
        assert_eq!(report.summary.personnel.len(), 1);
        assert_eq!(report.policy, p.settings().unwrap());
    }

    #[test]
    fn errors_keep_their_structure() {
        match Policy::norwalk_2016().unwrap().audit("{\n  \"period\": ".into()).unwrap_err() {
            Contact755Error::InvalidInput { kind, path, line, column, .. } => {
                assert_eq!(kind, contact755::InputErrorKind::Syntax);
                assert_eq!(path, "");
                assert_eq!(line, Some(2));
                assert!(column.is_some());
            }
            other => panic!("{other:?}"),
        }
        match Policy::from_json(r#"{"covered_areas": []}"#.into()).unwrap_err() {
            e @ Contact755Error::InvalidPolicy { .. } => {
                assert_eq!(e.to_string(), "policy covered_areas: at least one covered area is needed")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn settings_round_trip() {
        let p = Policy::from_toml("min_contacts_per_shift = 2".into()).unwrap();
        let mut s = p.settings().unwrap();
        assert_eq!(s.min_contacts_per_shift, 2);
        s.covered_areas.push("Cerritos".into());
        let q = Policy::from_settings(s.clone()).unwrap();
        assert_eq!(q.settings().unwrap(), s);
        s.reviewer_roles.clear();
        assert!(
            matches!(Policy::from_settings(s), Err(Contact755Error::InvalidPolicy { path, .. }) if path == "reviewer_roles")
        );
    }

    #[test]
    fn the_catalog_is_the_cores() {
        let ids: Vec<String> = rules().unwrap().into_iter().map(|r| r.id).collect();
        let core: Vec<&str> = contact755::rules().into_iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, core);
        let compton = Policy::preset("compton-2018".into()).unwrap();
        let details = compton.rules().unwrap().into_iter().find(|r| r.id == "FP-755-DETAILS").unwrap();
        assert_eq!(details.severity, contact755::Severity::Violation);
        assert_eq!(compton.directive().unwrap().id, "Compton Station 18-001");
        assert_eq!(presets().unwrap(), ["norwalk-2016", "compton-2018"]);
        assert_eq!(vocabularies().unwrap()["error_kind"][0], "syntax");
    }

    #[test]
    fn reports_carry_the_policys_fingerprint() {
        let dataset =
            r#"{"period": {"start": "2016-03-14", "end": "2016-03-20"}, "personnel": [], "worksheets": []}"#;
        let p = Policy::from_json(r#"{"preset": "compton-2018"}"#.into()).unwrap();
        let fingerprint = p.fingerprint().unwrap();
        assert_eq!(fingerprint, Policy::preset("compton-2018".into()).unwrap().fingerprint().unwrap());
        assert_eq!(p.audit(dataset.into()).unwrap().policy_sha256, fingerprint);
        assert_ne!(fingerprint, Policy::norwalk_2016().unwrap().fingerprint().unwrap());
    }

    #[test]
    fn a_panic_leaves_the_guard_with_the_fixed_message_only() {
        let caught = std::panic::catch_unwind(|| guarded(|| panic!("entry E-SECRET: {}", "Mrs Q. Citizen")));
        let payload = caught.expect_err("the panic goes on");
        assert_eq!(payload.downcast_ref::<&str>(), Some(&INTERNAL_ERROR_MESSAGE));
        assert_eq!(guarded(|| 7), 7);
    }

    /// Every exported function's body runs inside `guarded`, so no panic message reaches an app.
    /// Exported functions are the `pub fn`s of every source file of the crate (the others' helpers
    /// are `pub(crate)` or private).
    #[test]
    fn every_exported_body_is_guarded() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut bodies = 0;
        for file in std::fs::read_dir(&src).unwrap() {
            let path = file.unwrap().path();
            let source = std::fs::read_to_string(&path).unwrap();
            let exported = source.split("#[cfg(test)]").next().unwrap_or_default();
            for chunk in exported.split("pub fn ").skip(1) {
                let name = chunk.split('(').next().unwrap_or_default();
                let body = chunk.split_once("{\n").map(|(_, rest)| rest.trim_start()).unwrap_or_default();
                assert!(
                    body.starts_with("guarded("),
                    "{}: the body of {name} does not start with guarded(",
                    path.display()
                );
                bodies += 1;
            }
        }
        assert!(bodies >= 25, "found {bodies} exported functions");
    }

    #[test]
    fn policy_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Policy>();
        assert_send_sync::<WorksheetChecker>();
        assert_send_sync::<ConformanceVector>();
        assert_send_sync::<Audit>();
        assert_send_sync::<Mapping>();
    }
}
