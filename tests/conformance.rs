//! Runs every conformance vector through the Rust core: the public ones in
//! `../shared/conformance` (when that folder is beside the checkout) and the project's own in
//! `tests/conformance`. Also proves that every rule of the catalog has a vector that fires it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use contact755::conformance::{check_vector, Vector};

fn vectors_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(read) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = read.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            vectors_under(&p, out);
        } else if p.extension().is_some_and(|e| e == "json") {
            out.push(p);
        }
    }
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Runs the vectors of one folder; returns the rule ids they expect to fire.
fn run_folder(dir: &Path) -> BTreeSet<String> {
    let mut files = Vec::new();
    vectors_under(dir, &mut files);
    assert!(!files.is_empty(), "no vector under {}", dir.display());
    let mut failures = Vec::new();
    let mut fired = BTreeSet::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let vector: Vector = match serde_json::from_str(&text) {
            Ok(v) => v,
            Err(e) => {
                failures.push(format!("{}: not a vector: {e}", file.display()));
                continue;
            }
        };
        match check_vector(&vector) {
            Ok(()) => fired.extend(vector.expect.findings.iter().flatten().map(|f| f.rule.clone())),
            Err(why) => failures.push(format!("{}: {why}", file.display())),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} vectors failed:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
    fired
}

#[test]
fn shared_vectors_pass() {
    let dir = repo().join("../shared/conformance");
    if !dir.is_dir() {
        // A clone without ../shared still passes; CI always has it.
        eprintln!("NOTICE: {} not found; shared vectors skipped", dir.display());
        return;
    }
    run_folder(&dir);
}

#[test]
fn own_vectors_pass_and_fire_every_rule() {
    let fired = run_folder(&repo().join("tests/conformance"));
    let missing: Vec<&str> =
        contact755::rules().map(|r| r.id.as_str()).filter(|id| !fired.contains(*id)).collect();
    assert!(missing.is_empty(), "rules without a vector in tests/conformance that fires them: {missing:?}");
}

// --- Tabular datasets (SPEC §7) -----------------------------------------------------------------
/// §7 is built in Rust: the public next vectors that give `tables` run from now on.
#[test]
fn shared_next_tables_vectors_pass() {
    let dir = repo().join("../shared/conformance-next");
    if !dir.is_dir() {
        eprintln!("NOTICE: {} not found; shared tables vectors skipped", dir.display());
        return;
    }
    let mut files = Vec::new();
    vectors_under(&dir, &mut files);
    let mut ran = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let vector: Vector = serde_json::from_str(&text).unwrap();
        if vector.tables.is_none() {
            continue;
        }
        ran += 1;
        if let Err(why) = check_vector(&vector) {
            panic!("{}: {why}", file.display());
        }
    }
    assert!(ran >= 3, "expected the tables vectors 031-033, ran {ran}");
}
// --- end of tabular datasets ----------------------------------------------------------------------
