//! The sergeant's view as plain text (moved here from `examples/audit.rs`, output unchanged).

use std::collections::BTreeMap;
use std::fmt::Write;

use super::{rule_views, severity_counts, word};
use crate::model::{Dataset, Role};
use crate::report::Report;
use crate::rules::RuleId;

/// How many findings of one rule [`text`] lists before summing up the rest, unless
/// [`TextOptions::all`] is set.
pub const LIST_LIMIT: usize = 8;

/// What [`text`] shows beyond the report itself.
///
/// ```
/// use contact755::render::TextOptions;
/// let dataset = contact755::Dataset::from_json(br#"{
///   "period": {"start": "2016-03-01", "end": "2016-03-31"},
///   "personnel": [{"id": "D100", "role": "deputy"}], "worksheets": []
/// }"#).unwrap();
/// let options = TextOptions { source: Some("march.json".into()), ..TextOptions::for_dataset(&dataset) };
/// assert_eq!(options.roles.unwrap()["D100"], contact755::Role::Deputy);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextOptions {
    /// List every finding of a rule instead of the first [`LIST_LIMIT`] (the example's
    /// `--all`).
    pub all: bool,
    /// Where the data came from (a file name), shown in the header as `Data: ...`.
    pub source: Option<String>,
    /// Each person's role by id, for the per-person table. `None` takes the report's own
    /// (`Summary::roles`, which a report read back from JSON lacks: the column is then blank);
    /// with a roster, a person not on it shows `(not on roster)`.
    pub roles: Option<BTreeMap<String, Role>>,
}

impl TextOptions {
    /// The roster's roles from the audited dataset (a repeated id keeps its first record's
    /// role, as the audit does); `all` off, no source.
    pub fn for_dataset(dataset: &Dataset) -> TextOptions {
        let mut roles = BTreeMap::new();
        for p in &dataset.personnel {
            roles.entry(p.id.clone()).or_insert(p.role);
        }
        TextOptions { all: false, source: None, roles: Some(roles) }
    }
}

/// The report as text for a person: a header, the station summary, one row per person and
/// the findings grouped by rule, each group with the directive's sentence and at most
/// [`LIST_LIMIT`] findings unless `options.all`.
///
/// The header line that names the policy's directive (id, title, date issued).
pub const DIRECTIVE_LABEL: &str = "Directive: ";
/// The header line that gives the policy's fingerprint (`policy_sha256`) and preset.
pub const FINGERPRINT_LABEL: &str = "Policy fingerprint: ";

/// Lines end in `\n`; the column layout assumes ids of up to 10 characters, as stations use.
pub fn text(report: &Report, options: &TextOptions) -> String {
    let mut out = String::new();
    let s = &report.summary;
    let p = &report.policy;
    let rule_line = "=".repeat(78);
    let _ = writeln!(out, "{rule_line}\n{} — community relations (755) audit", p.station);
    let mut about = Vec::new();
    if let Some(period) = s.period {
        about.push(format!("Period {} to {}", period.start, period.end));
    }
    if let Some(source) = &options.source {
        about.push(format!("Data: {source}"));
    }
    if !about.is_empty() {
        let _ = writeln!(out, "{}", about.join("   "));
    }
    let d = &p.directive;
    let issued = d.issued.map(|day| format!(", issued {day}")).unwrap_or_default();
    let _ = writeln!(out, "{DIRECTIVE_LABEL}{} — “{}”{issued}", d.id, d.title);
    let _ = writeln!(out, "{FINGERPRINT_LABEL}{} (preset {})", report.policy_sha256, p.preset);
    let _ = writeln!(out, "{rule_line}\n");

    let _ = writeln!(out, "STATION SUMMARY");
    let _ = writeln!(out, "  Worksheets audited          {:>6}", s.worksheets_audited);
    let _ = writeln!(
        out,
        "  Covered field shifts        {:>6}   (areas: {})",
        s.worksheets_covered,
        p.covered_areas.join(", ")
    );
    let _ = writeln!(out, "  Entries cleared {:<11} {:>6}", p.community_relations_code, s.contacts_755);
    let _ = writeln!(out, "  755 cards provided          {:>6}", s.cards_provided);
    let (violations, advisories, data) = severity_counts(report);
    let _ = writeln!(
        out,
        "  Findings                    {:>6}   ({violations} violations, {advisories} advisories, {data} data problems)",
        report.findings.len()
    );
    let line = |m: &mut String, label: &str, map: Vec<(String, u64)>| {
        let parts: Vec<String> = map.into_iter().map(|(k, v)| format!("{k} {v}")).collect();
        let _ = writeln!(m, "  {label:<28}{}", if parts.is_empty() { "—".into() } else { parts.join(" · ") });
    };
    line(&mut out, "755 contacts by area", s.by_area.iter().map(|(k, v)| (k.clone(), *v)).collect());
    line(&mut out, "755 contacts by activity", s.by_activity.iter().map(|(k, v)| (word(k), *v)).collect());
    line(&mut out, "Contacts by category", s.by_category.iter().map(|(k, v)| (word(k), *v)).collect());

    let mut by_person: BTreeMap<&str, BTreeMap<RuleId, usize>> = BTreeMap::new();
    for f in &report.findings {
        if let Some(id) = f.personnel_id.as_deref() {
            *by_person.entry(id).or_default().entry(f.rule).or_default() += 1;
        }
    }
    let _ = writeln!(out, "\nPER PERSON");
    let _ = writeln!(
        out,
        "  {:<10} {:<19} {:>7} {:>9} {:>9}  most frequent",
        "id", "role", "shifts", "755s", "findings"
    );
    for person in &s.personnel {
        let role = match options.roles.as_ref().or(report.summary.roles.as_ref()) {
            Some(roles) => roles.get(&person.id).map_or_else(|| "(not on roster)".into(), word),
            None => String::new(),
        };
        let top = by_person
            .get(person.id.as_str())
            .and_then(|m| m.iter().max_by_key(|(rule, n)| (**n, std::cmp::Reverse(**rule))))
            .map(|(rule, n)| format!("{rule} ×{n}"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {:<10} {:<19} {:>7} {:>9} {:>9}  {top}",
            person.id, role, person.covered_shifts, person.contacts_755, person.findings
        );
    }

    let _ = writeln!(out, "\nFINDINGS BY RULE");
    if report.findings.is_empty() {
        let _ = writeln!(out, "  None: every audited worksheet follows the directive.");
    }
    for rule in rule_views(report) {
        let findings: Vec<_> = report.findings_of(rule.id).collect();
        if findings.is_empty() {
            continue;
        }
        let _ =
            writeln!(out, "\n{} [{}] {} — {}", rule.id, rule.severity.as_str(), rule.title, findings.len());
        if let Some(citation) = rule.citation {
            let _ = writeln!(out, "  Directive: {citation}");
        }
        let shown = if options.all { findings.len() } else { LIST_LIMIT.min(findings.len()) };
        for f in findings.iter().take(shown) {
            let date = f.date.map(|d| d.to_string()).unwrap_or_default();
            let who = f.personnel_id.as_deref().unwrap_or("");
            let _ = writeln!(out, "  {date:<10} {who:<8} {:<36} {}", f.subject, f.message);
        }
        if shown < findings.len() {
            let _ = writeln!(
                out,
                "  … and {} more (--all lists every one, --json gives the report)",
                findings.len() - shown
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{audit_json, Policy};

    const DATASET: &[u8] = br#"{
      "period": {"start": "2016-03-14", "end": "2016-03-20"},
      "personnel": [{"id": "D100", "role": "deputy"}, {"id": "D100", "role": "volunteer"},
                    {"id": "S200", "role": "sergeant"}],
      "worksheets": [{"id": "W1", "personnel_id": "X9", "date": "2016-03-17", "assignment": "field",
                      "area": "norwalk", "entries": []}]
    }"#;

    #[test]
    fn the_header_names_what_it_knows() {
        let report = audit_json(&Policy::norwalk_2016(), DATASET).unwrap();
        let none = text(&report, &TextOptions::default());
        assert!(none.contains("\nPeriod 2016-03-14 to 2016-03-20\n"), "{none}");
        let named = text(&report, &TextOptions { source: Some("week.json".into()), ..Default::default() });
        assert!(named.contains("\nPeriod 2016-03-14 to 2016-03-20   Data: week.json\n"));
        // A report read back from JSON has no period: the line goes.
        let mut read_back = report.clone();
        read_back.summary.period = None;
        let bare = text(&read_back, &TextOptions::default());
        assert!(bare.starts_with(&format!(
            "{0}\nNorwalk Station — community relations (755) audit\n{DIRECTIVE_LABEL}Norwalk Station Unit Order 16-02 — “Logging Community Relations Contacts”, issued 2016-03-16\n{FINGERPRINT_LABEL}{1} (preset norwalk-2016)\n{0}\n\n",
            "=".repeat(78),
            report.policy_sha256
        )), "{bare}");
    }

    #[test]
    fn roles_come_from_the_roster_when_given() {
        let dataset = Dataset::from_json(DATASET).unwrap();
        let report = crate::audit(&Policy::norwalk_2016(), &dataset);
        let with = text(&report, &TextOptions::for_dataset(&dataset));
        // The first record of a repeated id wins, as in the audit.
        assert!(with.contains("\n  D100       deputy "), "{with}");
        assert!(with.contains("\n  X9         (not on roster) "), "{with}");
        // Without a roster in the options, the report's own (kept by the audit) serves.
        assert_eq!(text(&report, &TextOptions::default()), with);
        // A report read back from JSON has none: the column stays blank.
        let mut read_back = report.clone();
        read_back.summary.roles = None;
        let without = text(&read_back, &TextOptions::default());
        assert!(without.contains(&format!("\n  D100       {:<19} ", "")), "{without}");
        assert!(!without.contains("(not on roster)"));
    }

    #[test]
    fn long_lists_are_cut_unless_all() {
        let worksheets: Vec<String> = (0..LIST_LIMIT + 3)
            .map(|i| {
                format!(
                    r#"{{"id": "W{i:02}", "personnel_id": "D100", "date": "2016-03-17", "assignment": "field",
                        "area": "Norwalk", "entries": [], "review": {{"reviewer_id": "S200",
                        "reviewed_on": "2016-03-18", "approved": true}}}}"#
                )
            })
            .collect();
        let json = format!(
            r#"{{"period": {{"start": "2016-03-17", "end": "2016-03-17"}},
                 "personnel": [{{"id": "D100", "role": "deputy"}}, {{"id": "S200", "role": "sergeant"}}],
                 "worksheets": [{}], "briefings": [{{"id": "B1", "sergeant_id": "S200", "date": "2016-03-01"}}]}}"#,
            worksheets.join(",")
        );
        let report = audit_json(&Policy::norwalk_2016(), json.as_bytes()).unwrap();
        assert_eq!(report.findings.len(), LIST_LIMIT + 3);
        let cut = text(&report, &TextOptions::default());
        assert!(cut.contains("worksheet:W07") && !cut.contains("worksheet:W08"));
        assert!(cut.contains("  … and 3 more (--all lists every one, --json gives the report)\n"));
        let all = text(&report, &TextOptions { all: true, ..Default::default() });
        assert!(all.contains("worksheet:W10") && !all.contains("more (--all"));
    }
}
