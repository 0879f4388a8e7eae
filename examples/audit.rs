//! The main job: audit a month of Deputy Daily Worksheets and print what a sergeant wants to
//! read, in the format a person or a tool wants.
//!
//! ```text
//! cargo run --release --example audit                      # the embedded sample month, as text
//! cargo run --release --example audit -- data.json         # your own dataset
//! cargo run --release --example audit -- --json            # the SPEC report (JSON), = --format json
//! cargo run --release --example audit -- --format csv      # the findings as CSV
//! cargo run --release --example audit -- --format html --output report.html
//! cargo run --release --example audit -- --format xlsx --output report.xlsx
//! cargo run --release --example audit -- --policy station.toml data.json
//! cargo run --release --example audit -- --preset compton-2018 data.json
//! cargo run --release --example audit -- diff before.json after.json   # two --json reports
//! cargo run --release --example audit -- --csv examples/data/sample-month-csv --period 2016-03
//! cargo run --release --example audit -- --csv examples/data/cad-export --period 2016-03-01..2016-03-31 \
//!     --mapping examples/data/cad-export/mapping.toml
//! cargo run --release --example audit -- --csv DIR --period 2016-03 --to-json   # the JSON dataset
//! ```
//!
//! Bad input prints the error with its JSON path and exits with status 2; so does asking for
//! the XLSX workbook without `--output` (it is not for a terminal).

use std::process::ExitCode;

use contact755::render::{self, TextOptions};
use contact755::{audit_json, audit_reader, Dataset, Policy, Report};

/// A realistic month of a small station (see `examples/data/README.md`).
const SAMPLE: &str = include_str!("data/sample-month.json");

const USAGE: &str = "usage: audit [--format text|json|csv|html|xlsx] [--json] [--all] \
                     [--preset NAME | --policy FILE.json|FILE.toml] [--output FILE] \
                     [DATASET.json | --csv DIR --period YYYY-MM|START..END [--mapping FILE] [--to-json]]\n       \
                     audit diff BEFORE.json AFTER.json [--output FILE]\n\
                     With no DATASET, audits the embedded sample month. --json is --format json; \
                     --all lists every finding in the text; xlsx needs --output. --preset picks a station's \
                     preset (norwalk-2016, compton-2018); a policy file names its own with `preset = ...`. \
                     --csv reads a folder of CSV tables (SPEC §7), through --mapping for another system's \
                     export; --to-json prints the JSON dataset the tables describe. diff compares two \
                     --json reports and prints what was resolved, what is new and how many stayed.";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Json,
    Csv,
    Html,
    Xlsx,
}

struct Args {
    format: Format,
    all: bool,
    policy: Option<String>,
    preset: Option<String>,
    output: Option<String>,
    dataset: Option<String>,
    /// `diff BEFORE AFTER`: compare two reports instead of auditing.
    diff: Option<(String, String)>,
    /// Tabular datasets (SPEC §7).
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

fn parse_format(s: &str) -> Result<Format, String> {
    Ok(match s {
        "text" => Format::Text,
        "json" => Format::Json,
        "csv" => Format::Csv,
        "html" => Format::Html,
        "xlsx" => Format::Xlsx,
        other => return Err(format!("unknown format {other:?}: text, json, csv, html or xlsx")),
    })
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        format: Format::Text,
        all: false,
        policy: None,
        preset: None,
        output: None,
        dataset: None,
        diff: None,
        tables: TableArgs::default(),
    };
    let mut positional = Vec::new();
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--json" => args.format = Format::Json,
            "--format" => args.format = parse_format(&it.next().ok_or("--format needs a format")?)?,
            "--all" => args.all = true,
            "--policy" => args.policy = Some(it.next().ok_or("--policy needs a file")?),
            "--preset" => args.preset = Some(it.next().ok_or("--preset needs a name")?),
            "--output" | "-o" => args.output = Some(it.next().ok_or("--output needs a file")?),
            "--csv" => args.tables.dir = Some(it.next().ok_or("--csv needs a folder")?),
            "--period" => args.tables.period = Some(it.next().ok_or("--period needs YYYY-MM or START..END")?),
            "--mapping" => args.tables.mapping = Some(it.next().ok_or("--mapping needs a file")?),
            "--to-json" => args.tables.to_json = true,
            "-h" | "--help" => return Err(USAGE.into()),
            s if s.starts_with('-') => return Err(format!("unknown option {s} (try --help)")),
            s => positional.push(s.to_string()),
        }
    }
    let mut positional = positional.into_iter();
    match (positional.next(), positional.next(), positional.next(), positional.next()) {
        (None, ..) => {}
        (Some(cmd), Some(before), Some(after), None) if cmd == "diff" => args.diff = Some((before, after)),
        (Some(cmd), ..) if cmd == "diff" => {
            return Err("diff needs two reports: diff BEFORE.json AFTER.json".into())
        }
        (Some(dataset), None, ..) => args.dataset = Some(dataset),
        (Some(_), Some(s), ..) => return Err(format!("one dataset at a time ({s})")),
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
    if let Some((before, after)) = &args.diff {
        return match (read_report(before), read_report(after)) {
            (Ok(b), Ok(a)) => emit(args.output.as_deref(), contact755::diff(&b, &a).to_json().into_bytes()),
            (Err(msg), _) | (_, Err(msg)) => {
                eprintln!("error: {msg}");
                ExitCode::from(2)
            }
        };
    }
    if args.format == Format::Xlsx && args.output.is_none() {
        eprintln!("error: the XLSX workbook is binary and is not written to standard output: add --output FILE.xlsx");
        return ExitCode::from(2);
    }
    let policy = match (&args.policy, &args.preset) {
        (Some(_), Some(_)) => {
            Err("--preset and --policy exclude each other: a policy file names its preset itself \
                                   (preset = \"compton-2018\")"
                .to_string())
        }
        (Some(path), None) => load_policy(path),
        (None, Some(name)) => Policy::preset(name).map_err(|e| e.to_string()),
        (None, None) => Ok(Policy::norwalk_2016()),
    };
    let policy = match policy {
        Ok(p) => p,
        Err(msg) => {
            eprintln!("error: {msg}");
            return ExitCode::from(2);
        }
    };
    // Tabular datasets (SPEC §7): audited as the entries file is read, never held whole.
    if args.tables.dir.is_some() && !args.tables.to_json {
        return match audit_tables_folder(&args, &policy) {
            // The text's roles: the report's own, the roster's first record per id.
            Ok((name, report)) => {
                write_report(&args, &report, TextOptions { source: Some(name), ..Default::default() })
            }
            Err(msg) => {
                eprintln!("error: {msg}");
                ExitCode::from(2)
            }
        };
    }
    // A JSON dataset: audited one worksheet at a time while the file is read, never held whole.
    let t = &args.tables;
    if t.dir.is_none() && !t.to_json && t.period.is_none() && t.mapping.is_none() {
        return match audit_json_dataset(&args, &policy) {
            // The text's roles: the report's own, the roster's first record per id.
            Ok((name, report)) => {
                write_report(&args, &report, TextOptions { source: Some(name), ..Default::default() })
            }
            Err(msg) => {
                eprintln!("error: {msg}");
                ExitCode::from(2)
            }
        };
    }
    // What is left: `--to-json` (or `--period`/`--mapping` without `--csv`, which `table_args`
    // refuses): the JSON dataset the tables describe (SPEC §7), so a station can check what
    // was read.
    let dataset = match read_tables(&args) {
        Ok(d) => d,
        Err(msg) => {
            eprintln!("error: {msg}");
            return ExitCode::from(2);
        }
    };
    match serde_json::to_string_pretty(&dataset) {
        Ok(json) => emit(args.output.as_deref(), format!("{json}\n").into_bytes()),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Writes the report in the format asked for; `options` for the text.
fn write_report(args: &Args, report: &Report, options: TextOptions) -> ExitCode {
    let out = match args.format {
        Format::Json => report.to_json().into_bytes(),
        Format::Text => render::text(report, &TextOptions { all: args.all, ..options }).into_bytes(),
        Format::Csv => render::findings_csv(report).into_bytes(),
        Format::Html => render::html(report).into_bytes(),
        Format::Xlsx => match render::xlsx(report) {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        },
    };
    emit(args.output.as_deref(), out)
}

/// The report of a JSON dataset, a file streamed through `audit_reader` or the embedded sample
/// month, and the dataset's name.
fn audit_json_dataset(args: &Args, policy: &Policy) -> Result<(String, Report), String> {
    match &args.dataset {
        Some(path) => {
            let file = std::fs::File::open(path).map_err(|e| format!("{path}: {e}"))?;
            let report =
                audit_reader(policy, file).map_err(|e| format!("{path} is not a valid dataset: {e}"))?;
            Ok((path.clone(), report))
        }
        None => {
            let name = "embedded sample month (examples/data/sample-month.json)";
            let report = audit_json(policy, SAMPLE.as_bytes())
                .map_err(|e| format!("{name} is not a valid dataset: {e}"))?;
            Ok((name.to_string(), report))
        }
    }
}

/// The dataset of `--csv DIR --period P [--mapping FILE]`; the error says which file or cell.
fn read_tables(args: &Args) -> Result<Dataset, String> {
    let (dir, period, mapping) = table_args(args)?;
    contact755::read_tables_dir(std::path::Path::new(dir), period, mapping.as_ref())
        .map_err(|e| format!("{dir} is not a valid tabular dataset: {e}"))
}

/// The report of `--csv DIR --period P [--mapping FILE]`, the entries audited as they are read,
/// and the folder's name.
fn audit_tables_folder(args: &Args, policy: &Policy) -> Result<(String, Report), String> {
    let (dir, period, mapping) = table_args(args)?;
    contact755::audit_tables_dir(policy, std::path::Path::new(dir), period, mapping.as_ref())
        .map(|report| (dir.to_string(), report))
        .map_err(|e| format!("{dir} is not a valid tabular dataset: {e}"))
}

/// The folder, period and mapping of `--csv DIR --period P [--mapping FILE]`.
fn table_args(args: &Args) -> Result<(&str, contact755::Period, Option<contact755::Mapping>), String> {
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
    Ok((dir, period, mapping))
}

/// Reads a report written by `--json`, naming the file in the error.
fn read_report(path: &str) -> Result<Report, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    Report::from_json(&bytes).map_err(|e| format!("{path} is not a report: {e}"))
}

/// Writes the output to the file, or to standard output without one.
fn emit(output: Option<&str>, bytes: Vec<u8>) -> ExitCode {
    use std::io::Write as _;
    let written = match output {
        Some(path) => std::fs::write(path, &bytes).map_err(|e| format!("{path}: {e}")),
        None => std::io::stdout().lock().write_all(&bytes).map_err(|e| format!("standard output: {e}")),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("error: {msg}");
            ExitCode::FAILURE
        }
    }
}
