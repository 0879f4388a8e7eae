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
//! ```
//!
//! Bad input prints the error with its JSON path and exits with status 2; so does asking for
//! the XLSX workbook without `--output` (it is not for a terminal).

use std::process::ExitCode;

use contact755::render::{self, TextOptions};
use contact755::{audit, Dataset, Policy, Report};

/// A realistic month of a small station (see `examples/data/README.md`).
const SAMPLE: &str = include_str!("data/sample-month.json");

const USAGE: &str = "usage: audit [--format text|json|csv|html|xlsx] [--json] [--all] \
                     [--preset NAME | --policy FILE.json|FILE.toml] [--output FILE] [DATASET.json]\n       \
                     audit diff BEFORE.json AFTER.json [--output FILE]\n\
                     With no DATASET, audits the embedded sample month. --json is --format json; \
                     --all lists every finding in the text; xlsx needs --output. --preset picks a station's \
                     preset (norwalk-2016, compton-2018); a policy file names its own with `preset = ...`. \
                     diff compares two \
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
    let out = match args.format {
        Format::Json => report.to_json().into_bytes(),
        Format::Text => {
            let options =
                TextOptions { all: args.all, source: Some(name), ..TextOptions::for_dataset(&dataset) };
            render::text(&report, &options).into_bytes()
        }
        Format::Csv => render::findings_csv(&report).into_bytes(),
        Format::Html => render::html(&report).into_bytes(),
        Format::Xlsx => match render::xlsx(&report) {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        },
    };
    emit(args.output.as_deref(), out)
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
