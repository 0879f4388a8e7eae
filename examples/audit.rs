//! The main job: audit a month of Deputy Daily Worksheets and print what a sergeant wants to
//! read.
//!
//! ```text
//! cargo run --release --example audit                      # the embedded sample month
//! cargo run --release --example audit -- data.json         # your own dataset
//! cargo run --release --example audit -- --json            # the SPEC report (JSON)
//! cargo run --release --example audit -- --policy station.toml data.json
//! cargo run --release --example audit -- --csv examples/data/sample-month-csv --period 2016-03
//! cargo run --release --example audit -- --csv examples/data/cad-export --period 2016-03-01..2016-03-31 \
//!     --mapping examples/data/cad-export/mapping.toml
//! cargo run --release --example audit -- --csv DIR --period 2016-03 --to-json   # the JSON dataset
//! ```
//!
//! Bad input prints the error with its JSON path and exits with status 2.

use std::collections::BTreeMap;
use std::process::ExitCode;

use contact755::{audit, Dataset, Policy, Report, RuleId, Severity};

/// A realistic month of a small station (see `examples/data/README.md`).
const SAMPLE: &str = include_str!("data/sample-month.json");

/// How many findings of one rule the text report lists before summing up the rest.
const LIST_LIMIT: usize = 8;

struct Args {
    json: bool,
    all: bool,
    policy: Option<String>,
    dataset: Option<String>,
    // Tabular datasets (SPEC §7).
    tables: TableArgs,
}

/// `--csv DIR --period P [--mapping FILE] [--to-json]`.
#[derive(Default)]
struct TableArgs {
    dir: Option<String>,
    period: Option<String>,
    mapping: Option<String>,
    to_json: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args =
        Args { json: false, all: false, policy: None, dataset: None, tables: TableArgs::default() };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--json" => args.json = true,
            "--all" => args.all = true,
            "--policy" => args.policy = Some(it.next().ok_or("--policy needs a file")?),
            // Tabular datasets (SPEC §7).
            "--csv" => args.tables.dir = Some(it.next().ok_or("--csv needs a folder")?),
            "--period" => args.tables.period = Some(it.next().ok_or("--period needs YYYY-MM or START..END")?),
            "--mapping" => args.tables.mapping = Some(it.next().ok_or("--mapping needs a file")?),
            "--to-json" => args.tables.to_json = true,
            "-h" | "--help" => {
                return Err("usage: audit [--json] [--all] [--policy FILE.json|FILE.toml] [DATASET.json]\n\
                     \x20      audit [--json] [--all] [--policy FILE] --csv DIR --period YYYY-MM|START..END \
                     [--mapping FILE.toml|FILE.json] [--to-json]\n\
                     With no DATASET and no --csv, audits the embedded sample month. --to-json prints the \
                     JSON dataset the tables describe."
                    .into())
            }
            s if s.starts_with('-') => return Err(format!("unknown option {s} (try --help)")),
            s if args.dataset.is_none() => args.dataset = Some(s.to_string()),
            s => return Err(format!("one dataset at a time ({s})")),
        }
    }
    Ok(args)
}

fn load_policy(path: &str) -> Result<Policy, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let policy = if path.ends_with(".toml") { Policy::from_toml(&text) } else { Policy::from_json(&text) };
    policy.map_err(|e| format!("{path}: {e}"))
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(msg) => {
            eprintln!("{msg}");
            return ExitCode::from(2);
        }
    };
    let policy = match args.policy.as_deref().map(load_policy).unwrap_or_else(|| Ok(Policy::norwalk_2016())) {
        Ok(p) => p,
        Err(msg) => {
            eprintln!("error: {msg}");
            return ExitCode::from(2);
        }
    };
    // Tabular datasets (SPEC §7): --csv reads a folder of tables instead of a JSON dataset.
    let t = &args.tables;
    if t.dir.is_some() || t.to_json || t.period.is_some() || t.mapping.is_some() {
        let dataset = match read_tables(&args) {
            Ok(d) => d,
            Err(msg) => {
                eprintln!("error: {msg}");
                return ExitCode::from(2);
            }
        };
        if args.tables.to_json {
            match serde_json::to_string_pretty(&dataset) {
                Ok(json) => println!("{json}"),
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::FAILURE;
                }
            }
            return ExitCode::SUCCESS;
        }
        let report = audit(&policy, &dataset);
        let name = args.tables.dir.clone().unwrap_or_default();
        if args.json {
            print!("{}", report.to_json());
        } else {
            print!("{}", render(&name, &dataset, &report, args.all));
        }
        return ExitCode::SUCCESS;
    }
    let (name, bytes) = match &args.dataset {
        Some(path) => match std::fs::read(path) {
            Ok(b) => (path.clone(), b),
            Err(e) => {
                eprintln!("error: {path}: {e}");
                return ExitCode::from(2);
            }
        },
        None => (
            "embedded sample month (examples/data/sample-month.json)".to_string(),
            SAMPLE.as_bytes().to_vec(),
        ),
    };
    let dataset = match Dataset::from_json(&bytes) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {name} is not a valid dataset: {e}");
            return ExitCode::from(2);
        }
    };
    let report = audit(&policy, &dataset);
    if args.json {
        print!("{}", report.to_json());
    } else {
        print!("{}", render(&name, &dataset, &report, args.all));
    }
    ExitCode::SUCCESS
}

// --- Tabular datasets (SPEC §7) -----------------------------------------------------------------
/// The dataset of `--csv DIR --period P [--mapping FILE]`; the error says which file or cell.
fn read_tables(args: &Args) -> Result<Dataset, String> {
    let t = &args.tables;
    let dir = t.dir.as_deref().ok_or("--period, --mapping and --to-json go with --csv DIR")?;
    if args.dataset.is_some() {
        return Err("give either --csv DIR or a DATASET.json, not both".into());
    }
    let period = t.period.as_deref().ok_or("--csv needs --period YYYY-MM or START..END")?;
    let period = contact755::parse_period(period).map_err(|e| format!("--period: {}", e.message))?;
    let mapping = match t.mapping.as_deref() {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
            let mapping = if path.ends_with(".json") {
                contact755::Mapping::from_json(&text)
            } else {
                contact755::Mapping::from_toml(&text)
            };
            Some(mapping.map_err(|e| format!("{path}: {e}"))?)
        }
        None => None,
    };
    contact755::read_tables_dir(std::path::Path::new(dir), period, mapping.as_ref())
        .map_err(|e| format!("{dir} is not a valid tabular dataset: {e}"))
}
// --- end of tabular datasets ----------------------------------------------------------------------

/// The report as text for a person: summary, per-person table, findings grouped by rule.
fn render(name: &str, dataset: &Dataset, report: &Report, all: bool) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let s = &report.summary;
    let p = &report.policy;
    let rule_line = "=".repeat(78);
    let _ = writeln!(out, "{rule_line}\n{} — community relations (755) audit", p.station);
    let _ = writeln!(out, "Period {} to {}   Data: {name}", dataset.period.start, dataset.period.end);
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
    let violations = report.findings.iter().filter(|f| f.severity == Severity::Violation).count();
    let advisories = report.findings.iter().filter(|f| f.severity == Severity::Advisory).count();
    let data = report.findings.len() - violations - advisories;
    let _ = writeln!(out, "  Findings                    {:>6}   ({violations} violations, {advisories} advisories, {data} data problems)", report.findings.len());
    let line = |m: &mut String, label: &str, map: Vec<(String, u64)>| {
        let parts: Vec<String> = map.into_iter().map(|(k, v)| format!("{k} {v}")).collect();
        let _ = writeln!(m, "  {label:<28}{}", if parts.is_empty() { "—".into() } else { parts.join(" · ") });
    };
    line(&mut out, "755 contacts by area", s.by_area.iter().map(|(k, v)| (k.clone(), *v)).collect());
    line(&mut out, "755 contacts by activity", s.by_activity.iter().map(|(k, v)| (word(k), *v)).collect());
    line(&mut out, "Contacts by category", s.by_category.iter().map(|(k, v)| (word(k), *v)).collect());

    let roles: BTreeMap<&str, String> =
        dataset.personnel.iter().rev().map(|p| (p.id.as_str(), word(&p.role))).collect();
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
        let role = roles.get(person.id.as_str()).cloned().unwrap_or_else(|| "(not on roster)".into());
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
    for rule in contact755::rules() {
        let findings: Vec<_> = report.findings_of(rule.id).collect();
        if findings.is_empty() {
            continue;
        }
        let _ =
            writeln!(out, "\n{} [{}] {} — {}", rule.id, rule.severity.as_str(), rule.title, findings.len());
        if let Some(citation) = rule.citation {
            let _ = writeln!(out, "  Directive: {citation}");
        }
        let shown = if all { findings.len() } else { LIST_LIMIT.min(findings.len()) };
        for f in &findings[..shown] {
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

/// An enum's JSON word, with spaces for a person to read.
fn word<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(|s| s.replace('_', " "))).unwrap_or_default()
}
