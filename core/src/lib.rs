//! # contact755
//!
//! Norwalk Station's directive "Logging Community Relations Contacts" (March 16, 2016) as
//! executable rules. Everyone working a field assignment in Norwalk, La Mirada and
//! Unincorporated Whittier — station volunteers included — makes social contacts with
//! citizens, hands each a "755" card and clears the contact in the MDC with clearance code
//! 755; sergeants brief the program, check the coding when they review the Deputy Daily
//! Worksheets and keep the patrol cars stocked with cards.
//!
//! The crate is a library of pure functions over plain data:
//!
//! * [`audit`] / [`audit_json`] / [`audit_reader`]: a [`Policy`] and a [`Dataset`] (or its JSON,
//!   in memory or streamed from any `io::Read`) in, a [`Report`] out
//!   (findings sorted by rule and subject, a summary, deterministic JSON bytes);
//! * [`check_entry`]: the real-time check of one MDC entry for MDC software;
//! * [`rules()`]: the rule catalog, with the directive's sentence behind each rule;
//! * [`contract`]: the JSON surface every binding shares, and the conformance judge;
//! * `render` (module, default feature `render`): the report as text, CSV, HTML and XLSX (SPEC §8);
//! * [`diff()`] / [`diff_json`]: what changed between two reports (SPEC §8);
//! * [`read_tables`] / [`audit_tables`]: the same dataset as CSV files (SPEC §7), canonical or
//!   through a [`Mapping`] for another system's export.
//!
//! ```
//! use contact755::{audit_json, Policy, RuleId};
//!
//! let dataset = br#"{
//!   "period": {"start": "2016-03-17", "end": "2016-03-17"},
//!   "personnel": [{"id": "D100", "role": "deputy"}, {"id": "S200", "role": "sergeant"}],
//!   "worksheets": [{
//!     "id": "W1", "personnel_id": "D100", "date": "2016-03-17",
//!     "assignment": "field", "area": "La Mirada",
//!     "entries": [{"id": "E1", "at": "2016-03-17T09:12:00-07:00", "activity": "obs",
//!                  "clearance_codes": ["415"],
//!                  "contact": {"category": "resident", "card_provided": true}}],
//!     "review": {"reviewer_id": "S200", "reviewed_on": "2016-03-18", "approved": true}
//!   }],
//!   "briefings": [{"id": "B1", "sergeant_id": "S200", "date": "2016-03-01"}]
//! }"#;
//! let report = audit_json(&Policy::norwalk_2016(), dataset).unwrap();
//! let rules: Vec<RuleId> = report.findings.iter().map(|f| f.rule).collect();
//! assert_eq!(rules, [RuleId::FpCode755, RuleId::FpRegular, RuleId::SgtCodification]);
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod audit;
pub mod contract;
mod diff;
mod error;
mod model;
mod policy;
#[cfg(feature = "render")]
pub mod render;
mod report;
mod rules;
// Tabular datasets (SPEC §7).
mod tables;
mod words;

pub use audit::{
    audit, audit_json, audit_json_in_halves, audit_json_parallel, audit_reader, check_entry, WorksheetHeader,
};
pub use diff::{diff, diff_json, ReportDiff};
pub use error::{InputError, InputErrorKind, PolicyError};
pub use model::{
    parse_date, parse_timestamp, Activity, Assignment, Briefing, Category, Contact, Dataset, Entry, Period,
    Person, Review, Role, Timestamp, VehicleCheck, Worksheet, MAX_DESCRIPTION_CHARS, MAX_ID_CHARS,
};
pub use policy::{
    is_well_formed_code, preset_file, presets, CodePattern, Directive, Policy, RuleSetting, RuleSettings,
    DEFAULT_CODE_PATTERN, SETTING_NAMES,
};
pub use report::{week_start, Finding, PersonSummary, Report, Summary, WeeklyContacts};
pub use rules::{rules, Rule, RuleId, Scope, Severity, SubjectKind};
pub use words::{vocabularies, Word};

/// The conformance judge, where the runners have always found it.
pub use contract::judge as conformance;
// Tabular datasets (SPEC §7).
pub use tables::{
    audit_tables, audit_tables_dir, parse_period, read_tables, read_tables_dir, table_file_names, Mapping,
    MappingError, TableSource, TablesDirError,
};
