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
    run_files(dir, |_| true)
}

/// Runs the vectors of one folder whose file name `keep` accepts.
fn run_files(dir: &Path, keep: impl Fn(&str) -> bool) -> BTreeSet<String> {
    let mut files = Vec::new();
    vectors_under(dir, &mut files);
    files.retain(|f| f.file_name().and_then(|n| n.to_str()).is_some_and(&keep));
    assert!(!files.is_empty(), "no vector under {}", dir.display());
    let mut failures = Vec::new();
    let mut fired = BTreeSet::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let vector: Vector = match Vector::from_json(&text) {
            Ok(v) => v,
            Err(e) => {
                failures.push(format!("{}: not a vector: {e}", file.display()));
                continue;
            }
        };
        match check_vector(&vector) {
            Ok(()) => fired.extend(vector.expected_rules().map(str::to_string)),
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

/// The public vectors of the sections being built that this implementation has built: SPEC §6
/// (presets, rule settings, code format: 027-030) and §7 (tabular datasets: 031-033).
const BUILT_NEXT: &[&str] = &["027-", "028-", "029-", "030-", "031-", "032-", "033-"];

#[test]
fn shared_next_vectors_of_built_sections_pass() {
    let dir = repo().join("../shared/conformance-next");
    if !dir.is_dir() {
        eprintln!("NOTICE: {} not found; shared next vectors skipped", dir.display());
        return;
    }
    run_files(&dir, |name| BUILT_NEXT.iter().any(|prefix| name.starts_with(prefix)));
}

#[test]
fn own_vectors_pass_and_fire_every_rule() {
    let fired = run_folder(&repo().join("tests/conformance"));
    let missing: Vec<String> = contact755::rules()
        .into_iter()
        .map(|r| r.id.as_str().to_string())
        .filter(|id| !fired.contains(id))
        .collect();
    assert!(missing.is_empty(), "rules without a vector in tests/conformance that fires them: {missing:?}");
}

/// Each rule's documented example (`Rule::example`) is a vector of the project that fires it.
#[test]
fn every_rule_example_is_a_vector_that_fires_it() {
    for rule in contact755::rules() {
        let path = repo().join("tests/conformance").join(rule.example);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let vector = Vector::from_json(&text).unwrap();
        assert!(
            vector.expected_rules().any(|r| r == rule.id.as_str()),
            "{} does not fire {}",
            rule.example,
            rule.id
        );
        contact755::conformance::check_vector(&vector).unwrap_or_else(|e| panic!("{}: {e}", rule.example));
    }
}
