//! Writes a seeded, realistic contact755 dataset (SPEC §2) with a few planted violations.
//!
//! ```text
//! cargo run --release --example generate -- [--worksheets N] [--seed S] [--start YYYY-MM-DD]
//!     [--days D] [--entries-scale K] [--pretty] [--stats] [--out FILE]
//! ```
//! Defaults: 400 worksheets, seed 755, March 2016 (2016-03-01, 31 days), compact JSON on stdout.
//! `--entries-scale K` gives every worksheet K times its usual 4 to 14 entries.
//! `--stats` prints the expected finding count of every rule to stderr.
//! `--tables DIR` also writes the dataset as the canonical CSV tables of SPEC §7, and
//! `--cad-export DIR` as a CAD system's export with the `mapping.toml` that reads it (§7.3):
//! ```text
//! cargo run --release --example generate -- --pretty --out examples/data/sample-month.json \
//!     --tables examples/data/sample-month-csv --cad-export examples/data/cad-export
//! ```

#[path = "gen/mod.rs"]
mod gen;
// Tabular datasets (SPEC §7).
#[path = "gen/tables.rs"]
mod tables;

use std::io::Write as _;
use std::process::ExitCode;

const USAGE: &str = "usage: generate [--worksheets N] [--seed S] [--start YYYY-MM-DD] [--days D] \
                     [--entries-scale K] [--pretty] [--stats] [--out FILE] [--tables DIR] [--cad-export DIR]";

struct Args {
    opts: gen::GenOptions,
    pretty: bool,
    stats: bool,
    out: Option<String>,
    /// Tabular datasets (SPEC §7): folders to write the tables into.
    tables: Option<String>,
    cad_export: Option<String>,
}

fn parse_date(s: &str) -> Option<(i32, u32, u32)> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i32 = s[0..4].parse().ok()?;
    let m: u32 = s[5..7].parse().ok()?;
    let d: u32 = s[8..10].parse().ok()?;
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let last = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=last).contains(&d).then_some((y, m, d))
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        opts: gen::GenOptions::default(),
        pretty: false,
        stats: false,
        out: None,
        tables: None,
        cad_export: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        match flag.as_str() {
            "--worksheets" => {
                args.opts.worksheets =
                    value("--worksheets")?.parse().map_err(|e| format!("--worksheets: {e}"))?;
            }
            "--seed" => {
                args.opts.seed = value("--seed")?.parse().map_err(|e| format!("--seed: {e}"))?;
            }
            "--start" => {
                let v = value("--start")?;
                args.opts.start = parse_date(&v).ok_or(format!("--start: bad date {v:?}"))?;
            }
            "--days" => {
                args.opts.days = value("--days")?.parse().map_err(|e| format!("--days: {e}"))?;
                if args.opts.days == 0 {
                    return Err("--days must be at least 1".into());
                }
            }
            "--entries-scale" => {
                args.opts.entries_scale =
                    value("--entries-scale")?.parse().map_err(|e| format!("--entries-scale: {e}"))?;
            }
            "--pretty" => args.pretty = true,
            "--stats" => args.stats = true,
            "--out" => args.out = Some(value("--out")?),
            "--tables" => args.tables = Some(value("--tables")?),
            "--cad-export" => args.cad_export = Some(value("--cad-export")?),
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(args)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("generate: {e}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let generated = gen::generate_with(&args.opts, args.pretty);
    let written = match &args.out {
        Some(path) => std::fs::write(path, &generated.json),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(generated.json.as_bytes()).and_then(|()| out.flush())
        }
    };
    if let Err(e) = written {
        eprintln!("generate: cannot write {}: {e}", args.out.as_deref().unwrap_or("stdout"));
        return ExitCode::FAILURE;
    }
    // Tabular datasets (SPEC §7): the same dataset as tables.
    if args.tables.is_some() || args.cad_export.is_some() {
        if let Err(e) = write_tables(&generated.json, args.tables.as_deref(), args.cad_export.as_deref()) {
            eprintln!("generate: {e}");
            return ExitCode::FAILURE;
        }
    }
    if args.stats {
        eprintln!(
            "worksheets {}  entries {}  contacts {}",
            generated.worksheets, generated.entries, generated.contacts
        );
        for (rule, n) in &generated.planted {
            eprintln!("{rule:<26} {n}");
        }
    }
    ExitCode::SUCCESS
}

/// Writes the dataset `json` as canonical tables into `canonical` and as a CAD export into
/// `cad`, whichever are given.
fn write_tables(json: &str, canonical: Option<&str>, cad: Option<&str>) -> Result<(), String> {
    let dataset =
        contact755::Dataset::from_json(json.as_bytes()).map_err(|e| format!("generated dataset: {e}"))?;
    let (dataset, dropped) = tables::without_blank_codes(&dataset);
    if dropped > 0 {
        eprintln!(
            "generate: {dropped} blank clearance code(s) cannot be written as CSV cells and are left out of \
             the tables (so are their DATA-CODE-MALFORMED findings)"
        );
    }
    for (dir, files) in [
        (canonical, canonical.map(|_| tables::canonical(&dataset))),
        (cad, cad.map(|_| tables::cad_export(&dataset))),
    ] {
        if let (Some(dir), Some(files)) = (dir, files) {
            let files = files.map_err(|e| format!("{dir}: {e}"))?;
            tables::write_folder(std::path::Path::new(dir), &files).map_err(|e| format!("{dir}: {e}"))?;
        }
    }
    Ok(())
}
