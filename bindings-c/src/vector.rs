//! Conformance vectors (SPEC section 5) for a runner written in C: the core's judge
//! ([`contact755_core::contract::judge`]) reads a vector and compares an outcome with what it
//! expects, so the runner parses no JSON and decides nothing; it only runs the audit through
//! this ABI and hands the outcome back. A vector holds a JSON dataset (SPEC section 2) or a
//! tabular one (section 7: files, a period and an optional mapping), which the runner audits
//! through `c755_audit_json` or `c755_audit_tables`.

use std::ffi::c_char;

use contact755_core::contract::judge::{Outcome, Vector};

use crate::abi::{self, BytesOut, ErrorOut, Failure};
use crate::{C755Bytes, C755Error, C755_ERROR_NOT_A_VECTOR};

/// A conformance vector (SPEC section 5), as the core's judge read it.
///
/// Opaque. Made by `c755_vector_parse`, freed by `c755_vector_free`; immutable, so safe to
/// share between threads. A runner audits `c755_vector_policy_json` and
/// `c755_vector_dataset_json` through `c755_policy_from_json` (or, when the vector has no
/// policy, `c755_policy_preset("norwalk-2016")`) and `c755_audit_json`, then hands the report
/// to `c755_vector_judge_report` or the rejected path to `c755_vector_judge_rejection`.
///
/// A tabular vector (SPEC section 5: `tables` instead of `dataset`) has an empty dataset and a
/// period (`c755_vector_period`, never empty for it): the runner reads its mapping, when
/// `c755_vector_mapping_json` gives one, with `c755_mapping_from_json`, and audits its files
/// (`c755_vector_table_count`, `c755_vector_table_name`, `c755_vector_table_data`) with
/// `c755_audit_tables`. The policy comes first, then the mapping, then the tables: the first
/// rejection is the outcome (its path must equal the expected one; the judge checks that).
pub struct C755Vector {
    vector: Vector,
}

/// Reads a conformance vector from `len` bytes of UTF-8 JSON (a vector file's content).
///
/// Returns a new vector to free with `c755_vector_free`, or NULL with `*error` set:
/// `C755_ERROR_NOT_A_VECTOR` with the judge's reason, or `C755_ERROR_ABI`.
///
/// # Safety
/// `data` is NULL or points to `len` readable bytes; `error` is NULL or points to a writable
/// `C755Error *`.
#[no_mangle]
pub unsafe extern "C" fn c755_vector_parse(
    data: *const u8,
    len: usize,
    error: *mut *mut C755Error,
) -> *mut C755Vector {
    // SAFETY: the caller's contract above.
    let error = unsafe { ErrorOut::new(error) };
    abi::object(error, || {
        // SAFETY: the caller's contract above.
        let text = unsafe { abi::text(data, len, "data") }?;
        let vector = Vector::from_json(text)
            .map_err(|why| Failure { kind: C755_ERROR_NOT_A_VECTOR, ..Failure::abi(why) })?;
        Ok(C755Vector { vector })
    })
}

/// The vector's `name` (what it proves), as UTF-8 text (not JSON), into `*name`.
///
/// Returns 0, or `C755_ERROR_ABI` when a pointer is NULL.
///
/// # Safety
/// `vector` is NULL or a live vector; `name` is NULL or points to a writable `C755Bytes`.
#[no_mangle]
pub unsafe extern "C" fn c755_vector_name(vector: *const C755Vector, name: *mut C755Bytes) -> i32 {
    // SAFETY: the caller's contract above.
    unsafe { vector_text(vector, name, "name", |v| Some(v.name.as_str())) }
}

/// The vector's policy overrides, as the JSON text of the file, into `*policy`; the empty
/// buffer when the vector has none (then the policy is the `norwalk-2016` preset).
///
/// Returns 0, or `C755_ERROR_ABI` when a pointer is NULL.
///
/// # Safety
/// `vector` is NULL or a live vector; `policy` is NULL or points to a writable `C755Bytes`.
#[no_mangle]
pub unsafe extern "C" fn c755_vector_policy_json(vector: *const C755Vector, policy: *mut C755Bytes) -> i32 {
    // SAFETY: the caller's contract above.
    unsafe { vector_text(vector, policy, "policy", Vector::policy_json) }
}

/// The vector's dataset, as the JSON text of the file (repeated keys and all), into
/// `*dataset`; the empty buffer for a tabular vector.
///
/// Returns 0, or `C755_ERROR_ABI` when a pointer is NULL.
///
/// # Safety
/// `vector` is NULL or a live vector; `dataset` is NULL or points to a writable `C755Bytes`.
#[no_mangle]
pub unsafe extern "C" fn c755_vector_dataset_json(vector: *const C755Vector, dataset: *mut C755Bytes) -> i32 {
    // SAFETY: the caller's contract above.
    unsafe { vector_text(vector, dataset, "dataset", |v| v.dataset_json()) }
}

/// The period of a tabular vector as `c755_audit_tables` reads it, `"START..END"`
/// (`"2016-03-01..2016-03-31"`), into `*period`; the empty buffer for a vector with a JSON
/// dataset (whose period is inside the dataset). So a vector is tabular exactly when its period
/// is not empty.
///
/// Returns 0, or `C755_ERROR_ABI` when a pointer is NULL.
///
/// # Safety
/// `vector` is NULL or a live vector; `period` is NULL or points to a writable `C755Bytes`.
#[no_mangle]
pub unsafe extern "C" fn c755_vector_period(vector: *const C755Vector, period: *mut C755Bytes) -> i32 {
    abi::status(ErrorOut::NONE, || {
        // SAFETY: the caller's contract above.
        let out = unsafe { BytesOut::new(period, "period") }?;
        // SAFETY: the caller's contract above.
        let vector = &unsafe { abi::object_ref(vector, "vector") }?.vector;
        // NaiveDate's Display is the SPEC's YYYY-MM-DD, which `parse_period` reads back.
        let text = vector.tables().map(|t| format!("{}..{}", t.period.start, t.period.end));
        out.set(text.unwrap_or_default());
        Ok(())
    })
}

/// The number of files of a tabular vector, into `*count`; 0 for a vector with a JSON
/// dataset (a tabular vector may have none too: tell them apart by `c755_vector_period`).
///
/// Returns 0, or `C755_ERROR_ABI` when a pointer is NULL.
///
/// # Safety
/// `vector` is NULL or a live vector; `count` is NULL or points to a writable `size_t`.
#[no_mangle]
pub unsafe extern "C" fn c755_vector_table_count(vector: *const C755Vector, count: *mut usize) -> i32 {
    abi::status(ErrorOut::NONE, || {
        if count.is_null() {
            return Err(Failure::abi("`count` is NULL"));
        }
        // SAFETY: the caller's contract above.
        let vector = &unsafe { abi::object_ref(vector, "vector") }?.vector;
        let n = vector.tables().map_or(0, |t| t.files.len());
        // SAFETY: not NULL, and writable by the caller's contract above.
        unsafe { count.write(n) };
        Ok(())
    })
}

/// The name of file `index` (from 0, in the byte order of the names) of a tabular vector, as
/// UTF-8 text, into `*name`: what `C755Table.name` gets. A NUL inside a name (which no table
/// reads) is written `\u0000`, so that the name stays a C string and still matches no table.
///
/// Returns 0, or `C755_ERROR_ABI` when a pointer is NULL or `index` is not below
/// `c755_vector_table_count`.
///
/// # Safety
/// `vector` is NULL or a live vector; `name` is NULL or points to a writable `C755Bytes`.
#[no_mangle]
pub unsafe extern "C" fn c755_vector_table_name(
    vector: *const C755Vector,
    index: usize,
    name: *mut C755Bytes,
) -> i32 {
    // SAFETY: the caller's contract above.
    unsafe { vector_file(vector, index, name, "name", |name, _| name.replace('\0', "\\u0000").into_bytes()) }
}

/// The content of file `index` of a tabular vector (the file's text, or the bytes of its
/// `base64` form: not necessarily UTF-8), into `*data`: what `C755Table.data` and `len` get.
/// An empty file is the empty buffer.
///
/// Returns 0, or `C755_ERROR_ABI` when a pointer is NULL or `index` is not below
/// `c755_vector_table_count`.
///
/// # Safety
/// `vector` is NULL or a live vector; `data` is NULL or points to a writable `C755Bytes`.
#[no_mangle]
pub unsafe extern "C" fn c755_vector_table_data(
    vector: *const C755Vector,
    index: usize,
    data: *mut C755Bytes,
) -> i32 {
    // SAFETY: the caller's contract above.
    unsafe { vector_file(vector, index, data, "data", |_, bytes| bytes.to_vec()) }
}

/// The mapping of a tabular vector, as the JSON text of the file, into `*mapping`: what
/// `c755_mapping_from_json` reads; the empty buffer when the vector has none (then the tables
/// are in the canonical layout: `c755_audit_tables` gets a NULL mapping).
///
/// Returns 0, or `C755_ERROR_ABI` when a pointer is NULL.
///
/// # Safety
/// `vector` is NULL or a live vector; `mapping` is NULL or points to a writable `C755Bytes`.
#[no_mangle]
pub unsafe extern "C" fn c755_vector_mapping_json(vector: *const C755Vector, mapping: *mut C755Bytes) -> i32 {
    // SAFETY: the caller's contract above.
    unsafe { vector_text(vector, mapping, "mapping", Vector::mapping_json) }
}

/// Judges a report (`report_len` bytes of the SPEC section 4 JSON that `c755_audit_json` gave)
/// against the vector's expectations.
///
/// Returns 0 when the judging was done: then `*failure` is empty when the vector passed, or
/// holds what differed (UTF-8 text, one sentence per difference, joined by `; `). Returns
/// `C755_ERROR_ABI` with `*error` set when a pointer is NULL or the report is not UTF-8.
///
/// # Safety
/// `vector` is NULL or a live vector; `report` is NULL or points to `report_len` readable
/// bytes; `failure` is NULL or points to a writable `C755Bytes`; `error` is NULL or points to
/// a writable `C755Error *`.
#[no_mangle]
pub unsafe extern "C" fn c755_vector_judge_report(
    vector: *const C755Vector,
    report: *const u8,
    report_len: usize,
    failure: *mut C755Bytes,
    error: *mut *mut C755Error,
) -> i32 {
    // SAFETY: the caller's contract above.
    let error = unsafe { ErrorOut::new(error) };
    abi::status(error, || {
        // SAFETY: the caller's contract above.
        let out = unsafe { BytesOut::new(failure, "failure") }?;
        // SAFETY: the caller's contract above.
        let vector = &unsafe { abi::object_ref(vector, "vector") }?.vector;
        // SAFETY: the caller's contract above.
        let report = unsafe { abi::text(report, report_len, "report") }?;
        out.set(vector.judge(Outcome::Report(report)).err().unwrap_or_default());
        Ok(())
    })
}

/// Judges a rejection: the policy or the dataset was rejected at `path` (the `path` of the
/// `C755Error`), against the vector's expectations.
///
/// Returns 0 when the judging was done: then `*failure` is empty when the vector passed, or
/// holds what differed. Returns `C755_ERROR_ABI` with `*error` set when a pointer is NULL or
/// the path is not UTF-8.
///
/// # Safety
/// `vector` is NULL or a live vector; `path` is NULL or a NUL-terminated string; `failure` is
/// NULL or points to a writable `C755Bytes`; `error` is NULL or points to a writable
/// `C755Error *`.
#[no_mangle]
pub unsafe extern "C" fn c755_vector_judge_rejection(
    vector: *const C755Vector,
    path: *const c_char,
    failure: *mut C755Bytes,
    error: *mut *mut C755Error,
) -> i32 {
    // SAFETY: the caller's contract above.
    let error = unsafe { ErrorOut::new(error) };
    abi::status(error, || {
        // SAFETY: the caller's contract above.
        let out = unsafe { BytesOut::new(failure, "failure") }?;
        // SAFETY: the caller's contract above.
        let vector = &unsafe { abi::object_ref(vector, "vector") }?.vector;
        // SAFETY: the caller's contract above.
        let path = unsafe { abi::c_str(path, "path") }?;
        out.set(vector.judge(Outcome::Rejected { path }).err().unwrap_or_default());
        Ok(())
    })
}

/// Frees a vector. Freeing NULL does nothing.
///
/// # Safety
/// `vector` is NULL or a vector from `c755_vector_parse`, not yet freed, that no other thread
/// is using; it is not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn c755_vector_free(vector: *mut C755Vector) {
    // SAFETY: the caller's contract above.
    abi::or((), || unsafe { abi::free_object(vector) })
}

/// Writes a piece of file `index` of a tabular vector into `*out`.
///
/// # Safety
/// As the exported functions that call it say.
unsafe fn vector_file(
    vector: *const C755Vector,
    index: usize,
    out: *mut C755Bytes,
    name: &str,
    pick: impl FnOnce(&str, &[u8]) -> Vec<u8>,
) -> i32 {
    abi::status(ErrorOut::NONE, || {
        // SAFETY: the callers' contract.
        let out = unsafe { BytesOut::new(out, name) }?;
        // SAFETY: the callers' contract.
        let vector = &unsafe { abi::object_ref(vector, "vector") }?.vector;
        let files = vector.tables().map(|t| &t.files);
        let Some((file, bytes)) = files.and_then(|f| f.iter().nth(index)) else {
            let count = files.map_or(0, |f| f.len());
            return Err(Failure::abi(format!("`index` {index} is not below the vector's {count} files")));
        };
        out.set_bytes(pick(file, bytes));
        Ok(())
    })
}

/// Writes a piece of a vector's text into `*out` (empty when `pick` gives none).
///
/// # Safety
/// As the exported functions that call it say.
unsafe fn vector_text(
    vector: *const C755Vector,
    out: *mut C755Bytes,
    name: &str,
    pick: impl FnOnce(&Vector) -> Option<&str>,
) -> i32 {
    abi::status(ErrorOut::NONE, || {
        // SAFETY: the callers' contract.
        let out = unsafe { BytesOut::new(out, name) }?;
        // SAFETY: the callers' contract.
        let vector = &unsafe { abi::object_ref(vector, "vector") }?.vector;
        out.set(pick(vector).unwrap_or_default().to_string());
        Ok(())
    })
}
