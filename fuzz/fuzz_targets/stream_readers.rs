//! Bytes → the three JSON audits: `audit` of `Dataset::from_json` (the reference), `audit_json`
//! (one worksheet at a time over the buffer) and `audit_reader` (the same over an `io::Read`,
//! here fed in 5-byte pieces), and the parallel reader's two halves. Asserts, under each fuzzing
//! policy: the same report bytes, or the same error kind, path and message (positions: see
//! tests/stream.rs); the halves give a report only where the reference does, and the same.
#![no_main]

use std::io::Read;

use contact755::{audit, audit_json, audit_json_in_halves, audit_reader, Dataset, InputError};
use libfuzzer_sys::fuzz_target;

#[path = "../common/mod.rs"]
mod common;

struct Pieces<'a>(&'a [u8]);

impl Read for Pieces<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = buf.len().min(self.0.len()).min(5);
        buf[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Ok(n)
    }
}

fn unplaced(r: Result<String, InputError>) -> Result<String, InputError> {
    r.map_err(|e| InputError { line: None, column: None, ..e })
}

fuzz_target!(|data: &[u8]| {
    for policy in common::policies() {
        let reference = Dataset::from_json(data).map(|d| audit(&policy, &d).to_json());
        let slice = audit_json(&policy, data).map(|r| r.to_json());
        assert_eq!(slice, reference, "audit_json differs from audit of Dataset::from_json");
        let reader = audit_reader(&policy, Pieces(data)).map(|r| r.to_json());
        assert_eq!(unplaced(reader), unplaced(reference.clone()), "audit_reader differs from the reference");
        // The parallel reader's two halves, cut from the middle and from a third: a report only
        // where the reference gives one, and the same.
        for from in [data.len() / 2, data.len() / 3] {
            if let Some(report) = audit_json_in_halves(&policy, data, from) {
                assert_eq!(Ok(report.to_json()), reference, "the two halves differ from the reference");
            }
        }
    }
});
