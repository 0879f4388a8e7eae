//! Profiling aid: parse a dataset file once, then audit it `N` times (default 5), printing
//! the time of each phase. `cargo run --release --example profile_audit -- FILE [N]`; run it
//! under `perf record` or `valgrind --tool=callgrind` to see where the audit spends its time.

fn main() -> std::process::ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: profile_audit FILE [N]");
        return std::process::ExitCode::from(2);
    };
    let rounds: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(5);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    let policy = contact755::Policy::norwalk_2016();
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
