//! Writes real-time check cases for the C test program: for a sample of a dataset's entries,
//! three lines each, the worksheet object, the entry object (compact JSON) and the findings the
//! core's typed `check_entry` gives for them (`contract::findings_json`). The C program runs
//! the first two through `c755_check_entry_json` and compares the bytes with the third.
//!
//! ```text
//! cargo run -p contact755-c --example entry_cases -- examples/data/sample-month.json > cases.txt
//! ```
//!
//! The sample: every entry of every eighth worksheet (a deterministic choice); half of those
//! worksheets are given with their `entries` and `review` (the ABI reads and drops them), half
//! without.

use std::process::ExitCode;

use contact755_core::{check_entry, contract, Dataset, Policy, WorksheetHeader};
use serde_json::Value;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: entry_cases DATASET.json");
        return ExitCode::from(2);
    };
    match cases(&path) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(why) => {
            eprintln!("error: {path}: {why}");
            ExitCode::FAILURE
        }
    }
}

fn cases(path: &str) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let dataset = Dataset::from_json(&bytes).map_err(|e| e.to_string())?;
    let raw: Value = serde_json::from_slice(&bytes).map_err(|e| e.to_string())?;
    let raw_worksheets = raw["worksheets"].as_array().ok_or("no worksheets array")?;
    let policy = Policy::norwalk_2016();
    let mut out = String::new();
    for (i, (worksheet, raw_ws)) in dataset.worksheets.iter().zip(raw_worksheets).enumerate().step_by(8) {
        let mut object = raw_ws.as_object().ok_or("a worksheet is not an object")?.clone();
        if (i / 8) % 2 == 1 {
            object.remove("entries");
            object.remove("review");
        }
        let worksheet_json = serde_json::to_string(&object).map_err(|e| e.to_string())?;
        let header = WorksheetHeader::from(worksheet);
        let raw_entries = raw_ws["entries"].as_array().map(Vec::as_slice).unwrap_or_default();
        for (entry, raw_entry) in worksheet.entries.iter().zip(raw_entries) {
            let findings = check_entry(&policy, &header, entry).map_err(|e| e.to_string())?;
            out.push_str(&worksheet_json);
            out.push('\n');
            out.push_str(&serde_json::to_string(raw_entry).map_err(|e| e.to_string())?);
            out.push('\n');
            out.push_str(&contract::findings_json(&findings));
            out.push('\n');
        }
    }
    Ok(out)
}
