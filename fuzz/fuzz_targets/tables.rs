//! Bytes → a tabular dataset (SPEC §7): the input is up to six parts separated by NUL bytes,
//! the five files in the order personnel, worksheets, entries, briefings, vehicle checks, then
//! a mapping (TOML, else JSON). Read without the mapping and, when it loads, with it (the parts
//! then go to the files it names). Asserts: no panic; an accepted dataset validates, and its
//! JSON form (`serde_json::to_vec`) is accepted by the JSON reader and gives the same report
//! bytes under each fuzzing policy.
#![no_main]

use std::collections::BTreeMap;

use contact755::{audit, audit_json, read_tables, table_file_names, Mapping, Period};
use libfuzzer_sys::fuzz_target;

#[path = "../common/mod.rs"]
mod common;

fn check(parts: &[&[u8]], mapping: Option<&Mapping>) {
    let names = table_file_names(mapping);
    let files: BTreeMap<String, Vec<u8>> =
        names.into_iter().zip(parts).map(|(n, p)| (n, p.to_vec())).collect();
    let period = Period {
        start: contact755::parse_date("2016-03-01").expect("a date"),
        end: contact755::parse_date("2016-03-31").expect("a date"),
    };
    let Ok(dataset) = read_tables(&files, period, mapping) else { return };
    assert!(dataset.validate().is_ok(), "a dataset read from tables does not validate");
    let json = serde_json::to_vec(&dataset).expect("a dataset serializes");
    for policy in common::policies() {
        let from_json = audit_json(&policy, &json).expect("the JSON form of an accepted table is accepted");
        assert_eq!(from_json.to_json(), audit(&policy, &dataset).to_json(), "tables and their JSON disagree");
    }
}

fuzz_target!(|data: &[u8]| {
    let parts: Vec<&[u8]> = data.splitn(6, |&b| b == 0).collect();
    check(&parts[..parts.len().min(5)], None);
    if let Some(text) = parts.get(5) {
        let mapping = match std::str::from_utf8(text).ok().map(Mapping::from_toml) {
            Some(Ok(m)) => Some(m),
            _ => Mapping::from_json(text).ok(),
        };
        if let Some(m) = mapping {
            check(&parts[..5], Some(&m));
        }
    }
});
