//! Profiling aid: parse a dataset file once, then audit it `N` times (default 5), printing
//! the time of each phase. `cargo run --release --example profile_audit -- FILE [N] [MODE]`; run
//! it under `perf record` or `valgrind --tool=callgrind` to see where the audit spends its time,
//! or under `/usr/bin/time -v` for its peak memory. MODE:
//!
//! * `dataset` (the default): `Dataset::from_json` of the file's bytes, then `audit` N times;
//! * `buffer`: `audit_json` of the file's bytes (read into memory), N times;
//! * `parallel`: `audit_json_parallel` of the file's bytes (read into memory first), N times;
//! * `reader`: `audit_reader` of the file (opened N times; never read into memory).

fn main() -> std::process::ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: profile_audit FILE [N]");
        return std::process::ExitCode::from(2);
    };
    let rounds: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(5);
    let policy = contact755::Policy::norwalk_2016();
    match args.next().as_deref() {
        None | Some("dataset") => {}
        Some("buffer") => {
            return whole_audits(&path, rounds, |p| {
                let bytes = std::fs::read(p).map_err(|e| e.to_string())?;
                contact755::audit_json(&policy, &bytes).map_err(|e| e.to_string())
            })
        }
        Some("parallel") => {
            return whole_audits(&path, rounds, |p| {
                let bytes = std::fs::read(p).map_err(|e| e.to_string())?;
                contact755::audit_json_parallel(&policy, &bytes).map_err(|e| e.to_string())
            })
        }
        Some("reader") => {
            return whole_audits(&path, rounds, |p| {
                let file = std::fs::File::open(p).map_err(|e| e.to_string())?;
                contact755::audit_reader(&policy, file).map_err(|e| e.to_string())
            })
        }
        Some(other) => {
            eprintln!("unknown mode {other}: dataset, buffer, parallel or reader");
            return std::process::ExitCode::from(2);
        }
    }
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    let t = std::time::Instant::now();
    let dataset = match contact755::Dataset::from_json(&bytes) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{path}: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    let entries: usize = dataset.worksheets.iter().map(|w| w.entries.len()).sum();
    println!("parse: {:?} for {entries} entries ({} bytes)", t.elapsed(), bytes.len());
    for _ in 0..rounds {
        let t = std::time::Instant::now();
        let report = contact755::audit(&policy, &dataset);
        let elapsed = t.elapsed();
        println!(
            "audit: {elapsed:?}, {:.2} M entries/s, {} findings",
            entries as f64 / elapsed.as_secs_f64() / 1e6,
            report.findings.len()
        );
    }
    std::process::ExitCode::SUCCESS
}

/// Runs `audit` (read and audit, whole) `rounds` times, printing each time.
fn whole_audits(
    path: &str,
    rounds: usize,
    audit: impl Fn(&str) -> Result<contact755::Report, String>,
) -> std::process::ExitCode {
    for _ in 0..rounds {
        let t = std::time::Instant::now();
        match audit(path) {
            Ok(report) => println!(
                "read + audit: {:?}, {} worksheets audited, {} findings",
                t.elapsed(),
                report.summary.worksheets_audited,
                report.findings.len()
            ),
            Err(e) => {
                eprintln!("{path}: {e}");
                return std::process::ExitCode::from(2);
            }
        }
    }
    std::process::ExitCode::SUCCESS
}
