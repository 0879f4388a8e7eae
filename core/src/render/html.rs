//! The report as one self-contained HTML page.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::svg::{rules_chart, weekly_chart};
use super::{esc, findings_per_rule, severity_counts, word};
use crate::report::Report;
use crate::rules::RuleId;

/// The page's style sheet: inline, system fonts only, nothing fetched; a print layout that
/// keeps charts and table rows whole.
const STYLE: &str = "
:root { color: #1a1a1a; background: #ffffff; }
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif;
       line-height: 1.4; max-width: 62rem; margin: 1.5rem auto; padding: 0 1rem; }
header { border-bottom: 3px solid #1a1a1a; padding-bottom: .5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .4rem; }
h2 { font-size: 1.25rem; border-bottom: 1px solid #888888; padding-bottom: .15rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 1.5rem 0 .3rem; }
dl.meta { display: grid; grid-template-columns: max-content auto; gap: .1rem 1rem; margin: 0; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border-bottom: 1px solid #cccccc; padding: .25rem .5rem; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid #1a1a1a; }
table.summary th { width: 16rem; font-weight: 600; }
.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.id, .date { font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace; }
.id { overflow-wrap: anywhere; }
.date { white-space: nowrap; }
.severity { display: inline-block; font-size: .8rem; padding: 0 .4rem; border: 1px solid currentColor;
            border-radius: .3rem; margin: 0 .3rem; }
.severity-violation { color: #a33a00; }
.severity-advisory { color: #8a3f72; }
.severity-data { color: #00558a; }
blockquote.citation { margin: .2rem 0 .6rem; padding: .2rem .8rem; border-left: 4px solid #999999;
                      font-style: italic; }
figure { margin: 1rem 0; }
figcaption { font-weight: 600; margin-bottom: .3rem; }
svg { max-width: 100%; height: auto; }
footer { margin-top: 2rem; font-size: .8rem; color: #555555; }
@page { margin: 1.5cm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
  h2, h3 { break-after: avoid; }
  figure, tr, blockquote { break-inside: avoid; }
}
";

/// The report as one self-contained HTML page: the page header (station, directive, period,
/// policy fingerprint), the station summary, two inline SVG charts (755 contacts per week by
/// area, findings per rule), the table of persons and the findings grouped by rule with the
/// directive's sentence for each.
///
/// The page loads nothing: no script, no external style sheet, font, image or link target
/// (the one `http:` in it is the SVG namespace name). Every text taken from the dataset or the
/// policy is HTML-escaped, in content and in attributes. It is also well-formed XML, and keeps
/// fixed ids for tools: `summary` (the summary table), `chart-weekly` and `chart-rules` (the
/// two `<svg>`), `personnel` (the persons' table: one `<tbody>` row per person) and
/// `findings`.
///
/// A report read back from JSON has no weekly series and no period (they are not in the
/// SPEC's JSON); the weekly chart then says so.
pub fn html(report: &Report) -> String {
    let mut out = String::with_capacity(16 * 1024 + report.findings.len() * 256);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
    let _ = writeln!(out, "<title>{}</title>", esc(&page_title(report)));
    let _ = writeln!(out, "<style>{STYLE}</style>\n</head>\n<body>");
    out.push_str(&page_header(report));
    summary(&mut out, report);
    charts(&mut out, report);
    personnel(&mut out, report);
    findings(&mut out, report);
    out.push_str(
        "<footer><p>Written by contact755 from the audit report; every count and finding above \
         comes from that report.</p></footer>\n</body>\n</html>\n",
    );
    out
}

fn page_title(report: &Report) -> String {
    let mut title = format!("{} — community relations (755) audit", report.policy.station);
    if let Some(p) = report.summary.period {
        let _ = write!(title, ", {} to {}", p.start, p.end);
    }
    title
}

/// THE page header: what the report is about and under which order (SPEC §8: the directive
/// with its id, and the policy's fingerprint).
fn page_header(report: &Report) -> String {
    let p = &report.policy;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<header id=\"report-header\">\n<h1>{} — community relations (755) audit</h1>",
        esc(&p.station)
    );
    out.push_str("<dl class=\"meta\">\n");
    let _ = writeln!(out, "<dt>Station</dt><dd id=\"station\">{}</dd>", esc(&p.station));
    let d = &p.directive;
    let issued = d.issued.map(|day| format!(", issued {day}")).unwrap_or_default();
    let _ = writeln!(
        out,
        "<dt>Directive</dt><dd id=\"directive\">{} — “{}”{issued} (preset {})</dd>",
        esc(&d.id),
        esc(&d.title),
        esc(&p.preset)
    );
    if let Some(period) = report.summary.period {
        let _ = writeln!(out, "<dt>Period</dt><dd id=\"period\">{} to {}</dd>", period.start, period.end);
    }
    let _ = writeln!(
        out,
        "<dt>Policy fingerprint</dt><dd id=\"policy-sha256\"><code>{}</code></dd>",
        esc(&report.policy_sha256)
    );
    out.push_str("</dl>\n</header>\n");
    out
}

fn summary(out: &mut String, report: &Report) {
    let s = &report.summary;
    let p = &report.policy;
    let (violations, advisories, data) = severity_counts(report);
    out.push_str("<section id=\"station-summary\">\n<h2>Station summary</h2>\n<table id=\"summary\" class=\"summary\">\n<tbody>\n");
    let row = |out: &mut String, label: &str, value: &str| {
        let _ = writeln!(out, "<tr><th scope=\"row\">{}</th><td>{value}</td></tr>", esc(label));
    };
    let joined = |items: Vec<(String, u64)>| {
        if items.is_empty() {
            "—".to_string()
        } else {
            items.iter().map(|(k, v)| format!("{} {v}", esc(k))).collect::<Vec<_>>().join(" · ")
        }
    };
    row(out, "Worksheets audited", &s.worksheets_audited.to_string());
    let areas: Vec<String> = p.covered_areas.iter().map(|a| esc(a).into_owned()).collect();
    row(out, "Covered field shifts", &format!("{} (areas: {})", s.worksheets_covered, areas.join(", ")));
    row(out, &format!("Entries cleared {}", p.community_relations_code), &s.contacts_755.to_string());
    row(out, "755 cards provided", &s.cards_provided.to_string());
    row(
        out,
        "Findings",
        &format!(
            "{} ({violations} violations, {advisories} advisories, {data} data problems)",
            report.findings.len()
        ),
    );
    row(out, "755 contacts by area", &joined(s.by_area.iter().map(|(k, v)| (k.clone(), *v)).collect()));
    row(out, "755 contacts by activity", &joined(s.by_activity.iter().map(|(k, v)| (word(k), *v)).collect()));
    row(out, "Contacts by category", &joined(s.by_category.iter().map(|(k, v)| (word(k), *v)).collect()));
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn charts(out: &mut String, report: &Report) {
    out.push_str("<section id=\"charts\">\n<h2>Charts</h2>\n");
    let _ = writeln!(
        out,
        "<figure>\n<figcaption>755 contacts per week by area (weeks start on Monday)</figcaption>\n{}\n</figure>",
        weekly_chart(report)
    );
    let _ = writeln!(
        out,
        "<figure>\n<figcaption>Findings per rule</figcaption>\n{}\n</figure>",
        rules_chart(report)
    );
    out.push_str("</section>\n");
}

fn personnel(out: &mut String, report: &Report) {
    let mut by_person: BTreeMap<&str, BTreeMap<RuleId, usize>> = BTreeMap::new();
    for f in &report.findings {
        if let Some(id) = f.personnel_id.as_deref() {
            *by_person.entry(id).or_default().entry(f.rule).or_default() += 1;
        }
    }
    out.push_str(
        "<section id=\"persons\">\n<h2>Personnel</h2>\n<table id=\"personnel\">\n<thead><tr><th>Id</th>\
         <th class=\"n\">Covered shifts</th><th class=\"n\">755 contacts</th><th class=\"n\">Findings</th>\
         <th>Most frequent finding</th></tr></thead>\n<tbody>\n",
    );
    for person in &report.summary.personnel {
        // The same pick as the text view: the most findings, then the first rule in the catalog.
        let top = by_person
            .get(person.id.as_str())
            .and_then(|m| m.iter().max_by_key(|(rule, n)| (**n, std::cmp::Reverse(**rule))))
            .map(|(rule, n)| format!("{rule} ×{n}"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "<tr><td class=\"id\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
             <td>{}</td></tr>",
            esc(&person.id),
            person.covered_shifts,
            person.contacts_755,
            person.findings,
            esc(&top)
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn findings(out: &mut String, report: &Report) {
    out.push_str("<section id=\"findings\">\n<h2>Findings by rule</h2>\n");
    let rules = findings_per_rule(report);
    if rules.is_empty() {
        out.push_str("<p>None: every audited worksheet follows the directive.</p>\n");
    }
    for (rule, n) in rules {
        let id = esc(rule.id.as_str());
        let severity = rule.severity.as_str();
        let _ = writeln!(
            out,
            "<section class=\"rule\" id=\"rule-{id}\">\n<h3><span class=\"id\">{id}</span><span class=\"severity \
             severity-{severity}\">{severity}</span>{} — {n}</h3>",
            esc(rule.title)
        );
        if let Some(citation) = rule.citation {
            let _ = writeln!(
                out,
                "<blockquote class=\"citation\"><p>Directive: {}</p></blockquote>",
                esc(citation)
            );
        }
        out.push_str(
            "<table class=\"findings\">\n<thead><tr><th>Date</th><th>Person</th><th>Subject</th><th>Message</th>\
             </tr></thead>\n<tbody>\n",
        );
        for f in report.findings_of(rule.id) {
            let date = f.date.map(|d| d.to_string()).unwrap_or_default();
            let _ = writeln!(
                out,
                "<tr><td class=\"date\">{date}</td><td class=\"id\">{}</td><td class=\"id\">{}</td><td>{}</td></tr>",
                esc(f.personnel_id.as_deref().unwrap_or("")),
                esc(&f.subject),
                esc(&f.message)
            );
        }
        out.push_str("</tbody>\n</table>\n</section>\n");
    }
    out.push_str("</section>\n");
}
