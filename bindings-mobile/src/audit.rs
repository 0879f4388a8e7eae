//! What people read (SPEC §8) and datasets as tables (SPEC §7): the [`Audit`] object that
//! `policy.auditDataset(datasetJson)` and `policy.auditTables(files, period, mapping)` return,
//! its renderings, and the comparison of two reports.
//!
//! An object rather than the `Report` record because the core's renderers need what the SPEC
//! JSON leaves out (the weekly series of the chart, the period, the roster's roles): the object
//! keeps the core's report itself, and every method is one call of the core on it.

use std::collections::HashMap;
use std::sync::Arc;

use crate::error::Contact755Error;
use crate::mapping::Mapping;
use crate::types::{Report, ReportDiff};
use crate::{guarded, Policy};

#[uniffi::export]
impl Policy {
    /// Audits a dataset (SPEC §2, JSON text) as `audit` does, and keeps the whole result for
    /// rendering: `audit.report()` is what `audit` returns, `audit.toJson()` what `auditJson`
    /// returns, and `toText`, `toCsv`, `toHtml`, `toXlsx` and `diff` render or compare it.
    /// Rejections as for `audit` (`InvalidInput` at the JSON path of the offending value).
    pub fn audit_dataset(&self, dataset_json: String) -> Result<Arc<Audit>, Contact755Error> {
        guarded(|| Ok(Arc::new(Audit(contact755::audit_json(&self.0, dataset_json.as_bytes())?))))
    }

    /// Audits a tabular dataset (SPEC §7): the CSV files by name (`personnel.csv`,
    /// `worksheets.csv`, `entries.csv`, and optionally `briefings.csv` and
    /// `vehicle_checks.csv`, or the names `mapping` gives them), each as its bytes, over
    /// `period`: `"2016-03"` (that whole month), `"2016-03-01..2016-03-31"` (both days
    /// included) or `"2016-03-17"` (one day). Files no table reads are ignored.
    ///
    /// The tables give exactly the report of the JSON dataset they describe, byte for byte.
    /// A period that is none of the three forms is `InvalidInput` at path `period`; a rejected
    /// dataset is `InvalidInput` at the §7.2 path of the offending cell, record, column or file
    /// (`entries.csv:3:at`, `worksheets.csv:7`, `personnel.csv:1:role`, `personnel.csv`),
    /// with the export's own file and header names when read through a mapping.
    #[uniffi::method(default(mapping = None))]
    pub fn audit_tables(
        &self,
        files: HashMap<String, Vec<u8>>,
        period: String,
        mapping: Option<Arc<Mapping>>,
    ) -> Result<Arc<Audit>, Contact755Error> {
        guarded(|| {
            let period = contact755::parse_period(&period)?;
            let mapping = mapping.as_deref().map(|m| &m.0);
            Ok(Arc::new(Audit(contact755::audit_tables(&self.0, &files, period, mapping)?)))
        })
    }
}

/// The result of an audit, kept whole for what people read (SPEC §8): made by
/// `policy.auditDataset(datasetJson)`, `policy.auditTables(files, period, mapping)`, or
/// `Audit.fromJson(reportJson)` for a report saved earlier.
///
/// The same audit always renders to the same text and bytes. Text taken from the dataset and
/// the policy is data in every format, never markup or a formula. Immutable and safe to share
/// between threads; in Kotlin, release it with `use { }` (or `close()`) when done.
#[derive(Debug, uniffi::Object)]
pub struct Audit(contact755::Report);

#[uniffi::export]
impl Audit {
    /// A report saved earlier as SPEC §4 JSON (what `toJson` and `auditJson` write), for
    /// rendering it again or comparing it with a newer one. A text that is not such a report is
    /// `InvalidInput` at the path of the offending value (`findings[0].rule`, `policy_sha256`
    /// when it is not the fingerprint of the report's policy). The JSON has no weekly series,
    /// period or roles: the HTML's weekly chart is empty and the text's role column blank.
    #[uniffi::constructor]
    pub fn from_json(report_json: String) -> Result<Arc<Self>, Contact755Error> {
        guarded(|| Ok(Arc::new(Audit(contact755::Report::from_json(report_json.as_bytes())?))))
    }

    /// The report as a record: what `policy.audit(datasetJson)` returns.
    pub fn report(&self) -> Result<Report, Contact755Error> {
        guarded(|| Ok(Report::from(self.0.clone())))
    }

    /// The fingerprint of the policy the audit applied (`policy.fingerprint()`), without
    /// converting the whole report.
    pub fn policy_sha256(&self) -> Result<String, Contact755Error> {
        guarded(|| Ok(self.0.policy_sha256.clone()))
    }

    /// The SPEC report (§4) as JSON text: the very bytes the Rust core writes, what
    /// `auditJson` returns.
    pub fn to_json(&self) -> Result<String, Contact755Error> {
        guarded(|| Ok(self.0.to_json()))
    }

    /// The sergeant's view as plain text: a header naming the directive and the policy's
    /// fingerprint, the station summary, one row per person and the findings grouped by rule
    /// with the directive's sentence. `all` lists every finding of a rule instead of the first
    /// eight; `source` (a file name) is shown in the header as `Data: ...`.
    #[uniffi::method(default(all = false, source = None))]
    pub fn to_text(&self, all: bool, source: Option<String>) -> Result<String, Contact755Error> {
        guarded(|| {
            // roles None: the report's own (the roster's, for an audit of a dataset).
            let options = contact755::render::TextOptions { all, source, roles: None };
            Ok(contact755::render::text(&self.0, &options))
        })
    }

    /// The findings as CSV: the header `rule,severity,subject,personnel_id,date,message`, then
    /// one row per finding in report order (RFC 4180 quoting only where needed, LF line ends,
    /// UTF-8 without BOM). A cell a spreadsheet would run as a formula is defused.
    pub fn to_csv(&self) -> Result<String, Contact755Error> {
        guarded(|| Ok(contact755::render::findings_csv(&self.0)))
    }

    /// One self-contained HTML page (no script, no external stylesheet, font, image or link):
    /// the directive and fingerprint, the station summary, inline SVG charts of 755 contacts per
    /// week by area (`id="chart-weekly"`) and of findings per rule (`id="chart-rules"`), the
    /// table of persons (`id="personnel"`) and the findings by rule with their citations.
    pub fn to_html(&self) -> Result<String, Contact755Error> {
        guarded(|| Ok(contact755::render::html(&self.0)))
    }

    /// An XLSX workbook (sheets `Summary`, `Personnel`, `Findings`, `Rules`) as its bytes, with
    /// no clock time in its properties. `RenderFailed` when a sheet would be over the
    /// spreadsheet's limits (more than 1 048 575 findings).
    pub fn to_xlsx(&self) -> Result<Vec<u8>, Contact755Error> {
        guarded(|| Ok(contact755::render::xlsx(&self.0)?))
    }

    /// What changed from this audit to `after` (SPEC §8): `resolved` the findings of this one
    /// whose (rule, subject) `after` lacks, `new` those of `after` this one lacks, `unchanged`
    /// the number in both.
    pub fn diff(&self, after: Arc<Audit>) -> Result<ReportDiff, Contact755Error> {
        guarded(|| Ok(ReportDiff::from(contact755::diff(&self.0, &after.0))))
    }
}

/// What changed between two saved reports (SPEC §8), each the SPEC §4 JSON text that
/// `auditJson` and `toJson` write: `before.diff(after)` without making `Audit`s first. A text
/// that is not a report is `InvalidInput` at the path inside that text, the message starting
/// with `before report:` or `after report:` to say which.
#[uniffi::export]
pub fn diff(before_json: String, after_json: String) -> Result<ReportDiff, Contact755Error> {
    guarded(|| Ok(ReportDiff::from(contact755::diff_json(before_json.as_bytes(), after_json.as_bytes())?)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DATASET: &str = r#"{"period": {"start": "2016-03-17", "end": "2016-03-17"},
        "personnel": [{"id": "D100", "role": "deputy"}, {"id": "S200", "role": "sergeant"}],
        "worksheets": [{"id": "W1", "personnel_id": "D100", "date": "2016-03-17",
          "assignment": "field", "area": "La Mirada",
          "entries": [{"id": "E1", "at": "2016-03-17T09:12:00-07:00", "activity": "obs",
                       "clearance_codes": ["415"],
                       "contact": {"category": "resident", "card_provided": true}}],
          "review": {"reviewer_id": "S200", "reviewed_on": "2016-03-18", "approved": true}}],
        "briefings": [{"id": "B1", "sergeant_id": "S200", "date": "2016-03-01"}]}"#;

    #[test]
    fn every_rendering_is_the_cores() {
        let policy = Policy::norwalk_2016().unwrap();
        let audit = policy.audit_dataset(DATASET.into()).unwrap();
        let core = contact755::audit_json(&contact755::Policy::norwalk_2016(), DATASET.as_bytes()).unwrap();
        assert_eq!(audit.report().unwrap(), policy.audit(DATASET.into()).unwrap());
        assert_eq!(audit.to_json().unwrap(), policy.audit_json(DATASET.into()).unwrap());
        assert_eq!(audit.policy_sha256().unwrap(), policy.fingerprint().unwrap());
        let options =
            contact755::render::TextOptions { all: true, source: Some("m.json".into()), roles: None };
        assert_eq!(
            audit.to_text(true, Some("m.json".into())).unwrap(),
            contact755::render::text(&core, &options)
        );
        assert_eq!(audit.to_csv().unwrap(), contact755::render::findings_csv(&core));
        assert_eq!(audit.to_html().unwrap(), contact755::render::html(&core));
        assert_eq!(audit.to_xlsx().unwrap(), contact755::render::xlsx(&core).unwrap());
    }

    #[test]
    fn diffs_are_the_cores() {
        let policy = Policy::norwalk_2016().unwrap();
        let before = policy.audit_dataset(DATASET.into()).unwrap();
        let after = policy.audit_dataset(DATASET.replace(r#"["415"]"#, r#"["415", "755"]"#)).unwrap();
        let d = before.diff(after.clone()).unwrap();
        let resolved: Vec<&str> = d.resolved.iter().map(|f| f.rule.as_str()).collect();
        assert_eq!(resolved, ["FP-CODE-755", "FP-REGULAR", "SGT-CODIFICATION"]);
        assert!(d.new.is_empty());
        assert_eq!(d.unchanged, 0);
        assert_eq!(d.before_policy_sha256, Some(policy.fingerprint().unwrap()));
        assert_eq!(diff(before.to_json().unwrap(), after.to_json().unwrap()).unwrap(), d);
        // A saved report reads back to the same findings.
        let saved = Audit::from_json(before.to_json().unwrap()).unwrap();
        assert_eq!(saved.to_json().unwrap(), before.to_json().unwrap());
        match diff("{}".into(), after.to_json().unwrap()).unwrap_err() {
            Contact755Error::InvalidInput { message, .. } => assert!(message.starts_with("before report:")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn tables_read_through_the_core() {
        let files: HashMap<String, Vec<u8>> = [
            ("personnel.csv", "id,role\nD100,deputy\nS200,sergeant\n"),
            (
                "worksheets.csv",
                "id,personnel_id,date,assignment,area,reviewer_id,reviewed_on,approved\n\
                 W1,D100,2016-03-17,field,La Mirada,S200,2016-03-18,true\n",
            ),
            (
                "entries.csv",
                "worksheet_id,id,at,activity,clearance_codes,category,card_provided\n\
                 W1,E1,2016-03-17T09:12:00-07:00,obs,415,resident,true\n",
            ),
            ("briefings.csv", "id,sergeant_id,date\nB1,S200,2016-03-01\n"),
        ]
        .into_iter()
        .map(|(name, text)| (name.to_string(), text.as_bytes().to_vec()))
        .collect();
        let policy = Policy::norwalk_2016().unwrap();
        let audit = policy.audit_tables(files.clone(), "2016-03-17".into(), None).unwrap();
        assert_eq!(audit.to_json().unwrap(), policy.audit_json(DATASET.into()).unwrap());
        let path = |e: Contact755Error| match e {
            Contact755Error::InvalidInput { path, .. } => path,
            other => panic!("{other:?}"),
        };
        assert_eq!(path(policy.audit_tables(files.clone(), "March".into(), None).unwrap_err()), "period");
        let mut bad = files.clone();
        bad.insert("entries.csv".into(), b"worksheet_id,id,at\nW1,E1,noon\n".to_vec());
        assert_eq!(
            path(policy.audit_tables(bad, "2016-03".into(), None).unwrap_err()),
            "entries.csv:1:activity"
        );
        // Through a mapping that renames the roster's file.
        let mapping = Mapping::from_toml("[personnel]\nfile = \"ROSTER.CSV\"".into()).unwrap();
        assert_eq!(
            path(policy.audit_tables(files.clone(), "2016-03".into(), Some(mapping.clone())).unwrap_err()),
            "ROSTER.CSV"
        );
        let mut renamed = files;
        let roster = renamed.remove("personnel.csv").unwrap();
        renamed.insert("ROSTER.CSV".into(), roster);
        let through = policy.audit_tables(renamed, "2016-03-17".into(), Some(mapping)).unwrap();
        assert_eq!(through.to_json().unwrap(), audit.to_json().unwrap());
    }
}
