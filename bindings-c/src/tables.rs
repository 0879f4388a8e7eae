//! Tabular datasets (SPEC section 7) for C: the CSV files as named byte buffers, the period as
//! a command line writes it, and an optional mapping (section 7.3) for another system's export.
//! The core reads and audits them; the report is the one the same dataset gives as JSON.

use std::collections::BTreeMap;
use std::ffi::c_char;

use contact755_core::{audit_tables, parse_period, Mapping};

use crate::abi::{self, BytesOut, ErrorOut, Failure};
use crate::{C755Bytes, C755Error, C755Policy};

/// How the files of another system's export read as the tables of SPEC section 7 (file names,
/// delimiter, columns, value maps, date and time formats, time zone), as the core checked it.
///
/// Opaque. Made by `c755_mapping_from_toml` or `c755_mapping_from_json`, freed by
/// `c755_mapping_free`. Immutable: one mapping may be used by any number of threads at once,
/// and freed by any thread once no call is using it.
pub struct C755Mapping {
    mapping: Mapping,
}

/// One file of a tabular dataset, borrowed for the call: its name (`"entries.csv"`, or the
/// name a mapping gives it, compared exactly) and its whole content.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct C755Table {
    /// The file's name: a NUL-terminated UTF-8 string, without a folder.
    pub name: *const c_char,
    /// The file's bytes (no NUL needed; any encoding: the core reads UTF-8 and rejects the
    /// rest at its record), or NULL when `len` is 0.
    pub data: *const u8,
    /// The number of bytes at `data`.
    pub len: usize,
}

/// A mapping (SPEC section 7.3) from a TOML document (`[entries]` / `file = "cad_export.csv"` /
/// ...). `data` holds `len` bytes of UTF-8 TOML (no NUL needed); the empty document is the
/// canonical layout. TOML is text: bytes that are not UTF-8 are `C755_ERROR_ABI`.
///
/// Returns a new mapping to free with `c755_mapping_free`, or NULL with `*error` set: a
/// rejected mapping is one of `C755_ERROR_MAPPING_SYNTAX` ... `C755_ERROR_MAPPING_CONSTRAINT`,
/// with the path of the key at fault (`entries.timestamps.time_zone`), or an empty path and
/// line and column for a syntax error.
///
/// # Safety
/// `data` is NULL or points to `len` readable bytes; `error` is NULL or points to a writable
/// `C755Error *`.
#[no_mangle]
pub unsafe extern "C" fn c755_mapping_from_toml(
    data: *const u8,
    len: usize,
    error: *mut *mut C755Error,
) -> *mut C755Mapping {
    // SAFETY: the caller's contract above.
    let error = unsafe { ErrorOut::new(error) };
    abi::object(error, || {
        // SAFETY: the caller's contract above.
        let toml = unsafe { abi::text(data, len, "data") }?;
        Ok(C755Mapping { mapping: Mapping::from_toml(toml)? })
    })
}

/// A mapping from its JSON form (the keys of the TOML form, as nested objects:
/// `{"entries": {"file": "cad_export.csv"}}`), `len` bytes of UTF-8 JSON; NULL with `len` 0 is
/// the empty document (a syntax error).
///
/// Returns a new mapping to free with `c755_mapping_free`, or NULL with `*error` set, as
/// `c755_mapping_from_toml` says.
///
/// # Safety
/// `data` is NULL or points to `len` readable bytes; `error` is NULL or points to a writable
/// `C755Error *`.
#[no_mangle]
pub unsafe extern "C" fn c755_mapping_from_json(
    data: *const u8,
    len: usize,
    error: *mut *mut C755Error,
) -> *mut C755Mapping {
    // SAFETY: the caller's contract above.
    let error = unsafe { ErrorOut::new(error) };
    abi::object(error, || {
        // SAFETY: the caller's contract above.
        let json = unsafe { abi::bytes(data, len, "data") }?;
        Ok(C755Mapping { mapping: Mapping::from_json(json)? })
    })
}

/// Frees a mapping. Freeing NULL does nothing.
///
/// # Safety
/// `mapping` is NULL or a mapping from a `c755_mapping_*` constructor, not yet freed, that no
/// other thread is using; it is not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn c755_mapping_free(mapping: *mut C755Mapping) {
    // SAFETY: the caller's contract above.
    abi::or((), || unsafe { abi::free_object(mapping) })
}

/// Audits a tabular dataset (SPEC section 7) under `policy` and writes the SPEC section 4
/// report into `*report`: the very bytes `c755_audit_json` gives for the JSON dataset the
/// tables describe.
///
/// `files` is an array of `count` files (NULL when `count` is 0): `personnel.csv`,
/// `worksheets.csv`, `entries.csv`, and optionally `briefings.csv` and `vehicle_checks.csv`, or
/// the names `mapping` gives them; files that no table reads are ignored. `period` is the
/// period of the audit as a command line writes it: `"2016-03"` (that whole month),
/// `"2016-03-01..2016-03-31"` (both days included) or `"2016-03-17"` (one day). `mapping` is
/// NULL for the canonical layout.
///
/// Returns 0, or the kind of the error with `*error` set and `*report` empty. A rejected
/// dataset has the section 7.2 path of the offending cell, record, column or file
/// (`entries.csv:3:at`, `worksheets.csv:7`, `personnel.csv:1:role`, `personnel.csv`), and
/// `line` the line the path names (0 for a whole file); a bad period is
/// `C755_ERROR_INVALID_VALUE` (or `C755_ERROR_CONSTRAINT` when it ends before it starts) at
/// path `period`. `C755_ERROR_ABI`: a NULL `policy`, `period` or `report`, `files` NULL with
/// `count` above 0, a NULL or non-UTF-8 name, a name given twice, a file's data NULL with
/// `len` above 0 or `len` above `PTRDIFF_MAX`, or a `period` that is not UTF-8 (the message
/// names the parameter, as `files[2].name`).
///
/// # Safety
/// `policy` is NULL or a live policy; `files` is NULL or points to `count` `C755Table`s, each
/// `name` NULL or a NUL-terminated string and each `data` NULL or pointing to `len` readable
/// bytes; `period` is NULL or a NUL-terminated string; `mapping` is NULL or a live mapping;
/// `report` is NULL or points to a writable `C755Bytes`; `error` is NULL or points to a
/// writable `C755Error *`.
#[no_mangle]
pub unsafe extern "C" fn c755_audit_tables(
    policy: *const C755Policy,
    files: *const C755Table,
    count: usize,
    period: *const c_char,
    mapping: *const C755Mapping,
    report: *mut C755Bytes,
    error: *mut *mut C755Error,
) -> i32 {
    // SAFETY: the caller's contract above.
    let error = unsafe { ErrorOut::new(error) };
    abi::status(error, || {
        // SAFETY: the caller's contract above.
        let out = unsafe { BytesOut::new(report, "report") }?;
        // SAFETY: the caller's contract above.
        let policy = &unsafe { abi::object_ref(policy, "policy") }?.policy;
        // SAFETY: the caller's contract above.
        let files = unsafe { table_files(files, count) }?;
        // SAFETY: the caller's contract above.
        let period = parse_period(unsafe { abi::c_str(period, "period") }?)?;
        let mapping = if mapping.is_null() {
            None
        } else {
            // SAFETY: the caller's contract above (not NULL: a live mapping).
            Some(&unsafe { abi::object_ref(mapping, "mapping") }?.mapping)
        };
        out.set(audit_tables(policy, &files, period, mapping)?.to_json());
        Ok(())
    })
}

/// C's array of files as the core's table source: names to bytes, borrowed (nothing copied).
///
/// # Safety
/// As `c755_audit_tables` says of `files` and `count`.
unsafe fn table_files<'a>(
    files: *const C755Table,
    count: usize,
) -> Result<BTreeMap<&'a str, &'a [u8]>, Failure> {
    // SAFETY: the caller's contract.
    let tables = unsafe { abi::array(files, count, "files") }?;
    let mut out = BTreeMap::new();
    for (i, table) in tables.iter().enumerate() {
        // SAFETY: the caller's contract: each name is NULL or a NUL-terminated string.
        let name = unsafe { abi::c_str(table.name, &format!("files[{i}].name")) }?;
        // SAFETY: the caller's contract: each data is NULL or `len` readable bytes.
        let data = unsafe { abi::bytes(table.data, table.len, &format!("files[{i}].data")) }?;
        // A folder never holds two files of one name: which one was meant cannot be known.
        if out.insert(name, data).is_some() {
            return Err(Failure::abi(format!("`files[{i}].name` repeats the name of an earlier file")));
        }
    }
    Ok(out)
}
