//! Runs conformance vectors (SPEC §5) through the Rust core.
//!
//! ```text
//! cargo run --release --example conformance -- ../shared/conformance tests/conformance
//! ```
//!
//! Prints one line per failing vector, then `N passed, M failed`; exits non-zero when a vector
//! fails or none was found.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Folders are searched recursively for `*.json`; a file named on the command line is read
/// whatever its extension.
fn collect(path: &Path, named: bool, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if path.is_dir() {
        let mut children: Vec<PathBuf> =
            std::fs::read_dir(path)?.map(|e| e.map(|e| e.path())).collect::<Result<_, _>>()?;
        children.sort();
        for child in children {
            collect(&child, false, out)?;
        }
    } else if named || path.extension().is_some_and(|e| e == "json") {
        out.push(path.to_path_buf());
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() {
        eprintln!("usage: conformance PATH...   (files or folders searched recursively for *.json)");
        return ExitCode::from(2);
    }
    let mut files = Vec::new();
    for arg in &args {
        let path = Path::new(arg);
        if !path.exists() {
            println!("{arg}: no such file or folder");
            continue;
        }
        if let Err(e) = collect(path, true, &mut files) {
            println!("{arg}: {e}");
        }
    }
    let (mut passed, mut failed) = (0usize, 0usize);
    for file in &files {
        let outcome = std::fs::read_to_string(file)
            .map_err(|e| format!("cannot read: {e}"))
            .and_then(|text| contact755::conformance::check_vector_text(&text));
        match outcome {
            Ok(()) => passed += 1,
            Err(why) => {
                failed += 1;
                println!("FAIL {}: {why}", file.display());
            }
        }
    }
    println!("{passed} passed, {failed} failed");
    if failed > 0 || passed == 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
