//! # contact755-c
//!
//! The C ABI of contact755, for MDC software that is not written in Rust: JSON in, JSON out,
//! over the core's contract module ([`contact755_core::contract`]), in the way of
//! cedar-policy's `ffi` module. Every decision is the core's; this crate checks C's pointers
//! and lengths, turns errors into [`C755Error`]s and keeps panics from unwinding into C.
//!
//! The header `include/contact755.h` is generated from this crate by cbindgen (the test
//! `tests/header.rs` fails when the checked-in file is stale; `C755_BLESS_HEADER=1 cargo test
//! -p contact755-c --test header` rewrites it). The doc comments below are the header's.
#![deny(missing_docs)]
#![deny(unsafe_op_in_unsafe_fn)]
#![deny(clippy::undocumented_unsafe_blocks)]

// Every exported body runs inside `catch_unwind`, which catches nothing when panics abort: a
// library built that way would abort the host process on a bug instead of returning
// C755_ERROR_INTERNAL.
#[cfg(not(panic = "unwind"))]
compile_error!("contact755-c must be built with panic = \"unwind\" (its panic guard needs unwinding)");

mod abi;
mod tables;
mod vector;

use std::ffi::{c_char, CStr};

use contact755_core::{contract, Policy};

use abi::{BytesOut, ErrorOut, Failure};

pub use tables::*;
pub use vector::*;

/// Success.
pub const C755_OK: i32 = 0;
/// The document is not well-formed JSON (or TOML), or is nested too deeply; `line` and
/// `column` say where, `path` is empty. In CSV tables (SPEC section 7): malformed quoting, a
/// record with the wrong number of fields, or bytes that are not UTF-8, at path `FILE:LINE`
/// with `line` set.
pub const C755_ERROR_SYNTAX: i32 = 1;
/// An object has a field the format does not define.
pub const C755_ERROR_UNKNOWN_FIELD: i32 = 2;
/// A required field is absent.
pub const C755_ERROR_MISSING_FIELD: i32 = 3;
/// A key appears twice in one object.
pub const C755_ERROR_DUPLICATE_KEY: i32 = 4;
/// A value has the wrong JSON type (a string where a number belongs, ...).
pub const C755_ERROR_INVALID_TYPE: i32 = 5;
/// A value has the right type but is not acceptable: an unknown enum word, a bad date or
/// timestamp, a bad id, a negative or too large number, an unknown preset.
pub const C755_ERROR_INVALID_VALUE: i32 = 6;
/// Every value is fine on its own but together they break a rule of the format
/// (`period.end` before `period.start`, a field worksheet without `area`, ...).
pub const C755_ERROR_CONSTRAINT: i32 = 7;
/// A misuse of this ABI, not a problem of the document: a NULL pointer where one is not
/// allowed, NULL data with a length above 0, a length above `PTRDIFF_MAX`, or text that must
/// be UTF-8 and is not (a preset name, a TOML policy, a report or path given to the judge).
/// `path` is empty; the message names the parameter.
pub const C755_ERROR_ABI: i32 = 100;
/// A bug inside the library (a Rust panic, caught before it reached C). The message is fixed
/// text; the panic's own message goes only to Rust's panic hook (by default, standard error).
pub const C755_ERROR_INTERNAL: i32 = 101;
/// The text given to `c755_vector_parse` is not a conformance vector.
pub const C755_ERROR_NOT_A_VECTOR: i32 = 102;
/// The base of the kinds of a rejected mapping (SPEC section 7.3), never a kind itself: a
/// mapping's error has kind `C755_ERROR_MAPPING + k`, where `k` is the SPEC kind (1 to 7) the
/// core gave it, so `kind - C755_ERROR_MAPPING` is that kind. Only `c755_mapping_from_toml` and
/// `c755_mapping_from_json` return these; the path is the mapping key at fault
/// (`entries.timestamps.time_zone`), or empty for a syntax error (then line and column say
/// where).
pub const C755_ERROR_MAPPING: i32 = 200;
/// The mapping is not well-formed TOML or JSON (`C755_ERROR_MAPPING + C755_ERROR_SYNTAX`).
pub const C755_ERROR_MAPPING_SYNTAX: i32 = C755_ERROR_MAPPING + C755_ERROR_SYNTAX;
/// A key of the mapping that the format does not define, or that cannot apply to its table
/// (`personnel.timestamps`), or an unknown canonical column (`entries.columns.place`).
pub const C755_ERROR_MAPPING_UNKNOWN_FIELD: i32 = C755_ERROR_MAPPING + C755_ERROR_UNKNOWN_FIELD;
/// A key the mapping needs is absent (`time_zone` without `format`: path
/// `TABLE.timestamps.format`).
pub const C755_ERROR_MAPPING_MISSING_FIELD: i32 = C755_ERROR_MAPPING + C755_ERROR_MISSING_FIELD;
/// A key appears twice in one table of the mapping.
pub const C755_ERROR_MAPPING_DUPLICATE_KEY: i32 = C755_ERROR_MAPPING + C755_ERROR_DUPLICATE_KEY;
/// A key of the mapping has a value of the wrong type (`strict = "true"`).
pub const C755_ERROR_MAPPING_INVALID_TYPE: i32 = C755_ERROR_MAPPING + C755_ERROR_INVALID_TYPE;
/// A key of the mapping has a value that cannot be used: a delimiter other than `,` `;` `|`
/// or a tab, a format that cannot be used, a time zone that is not an IANA name, a file name
/// with a folder.
pub const C755_ERROR_MAPPING_INVALID_VALUE: i32 = C755_ERROR_MAPPING + C755_ERROR_INVALID_VALUE;
/// Keys of the mapping fine alone but wrong together.
pub const C755_ERROR_MAPPING_CONSTRAINT: i32 = C755_ERROR_MAPPING + C755_ERROR_CONSTRAINT;

/// A policy: the station's settings (a preset, or a preset overridden field by field by a JSON
/// or TOML document), as the core checked it.
///
/// Opaque. Made by `c755_policy_preset`, `c755_policy_from_json` or `c755_policy_from_toml`;
/// freed by `c755_policy_free`. Immutable: one policy may be used by any number of threads at
/// once, and freed by any thread once no call is using it.
pub struct C755Policy {
    policy: Policy,
}

/// Bytes the library allocated and the caller owns: UTF-8 text (JSON unless the function says
/// otherwise), followed by a NUL byte that `len` does not count, so `ptr` can also be read as
/// a C string. Free with `c755_bytes_free`, passing the struct back unchanged.
///
/// The empty buffer is `{NULL, 0}`: what every out-buffer holds after a failed call (and
/// freeing it is a no-op).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct C755Bytes {
    /// The first byte, or NULL for the empty buffer.
    pub ptr: *mut u8,
    /// The number of bytes, the final NUL not counted.
    pub len: usize,
}

impl C755Bytes {
    /// The empty buffer.
    pub const EMPTY: C755Bytes = C755Bytes { ptr: std::ptr::null_mut(), len: 0 };
}

/// Why a call failed. The library allocates it and the caller owns it: free it with
/// `c755_error_free` (which frees `path` and `message` too; free neither alone).
///
/// Messages name the field and the bad value where that value is a code, id, date or word;
/// they never quote free text or other citizen data.
#[repr(C)]
#[derive(Debug)]
pub struct C755Error {
    /// What kind of problem: one of the `C755_ERROR_*` numbers (never `C755_OK`); the same
    /// number the failed function returned.
    pub kind: i32,
    /// The JSON path of the offending value as the SPEC writes it
    /// (`worksheets[0].entries[1].at`, `rules.FP-CARD.severity`, `worksheet.date` and
    /// `entry.at` for the real-time check), or the empty string (a syntax error, an ABI or
    /// internal error). Never NULL; NUL-terminated UTF-8.
    pub path: *mut c_char,
    /// What is wrong, in English words. Never NULL; NUL-terminated UTF-8.
    pub message: *mut c_char,
    /// The 1-based line of the problem in the document, or 0 when unknown.
    pub line: u32,
    /// The 1-based column of the problem in the document, or 0 when unknown.
    pub column: u32,
}

const VERSION: &CStr = match CStr::from_bytes_with_nul(concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes()) {
    Ok(version) => version,
    Err(_) => c"",
};

/// The names of the error kinds 1..=7, in the core's order (a test holds them to it).
const KIND_NAMES: [&CStr; 7] = [
    c"syntax",
    c"unknown_field",
    c"missing_field",
    c"duplicate_key",
    c"invalid_type",
    c"invalid_value",
    c"constraint",
];

/// The names of the mapping kinds 201..=207: `mapping_` and the SPEC kind's word.
const MAPPING_KIND_NAMES: [&CStr; 7] = [
    c"mapping_syntax",
    c"mapping_unknown_field",
    c"mapping_missing_field",
    c"mapping_duplicate_key",
    c"mapping_invalid_type",
    c"mapping_invalid_value",
    c"mapping_constraint",
];

/// The library's version (`"0.1.0"`): a static NUL-terminated string. Never free it.
#[no_mangle]
pub extern "C" fn c755_version() -> *const c_char {
    abi::or(c"".as_ptr(), || VERSION.as_ptr())
}

/// The SPEC's word for an error kind, as a static NUL-terminated string (never free it):
/// `"syntax"`, `"unknown_field"`, `"missing_field"`, `"duplicate_key"`, `"invalid_type"`,
/// `"invalid_value"`, `"constraint"` for 1 to 7 (the words of the `kind` of the core's error
/// JSON), `"ok"` for 0, `"abi"` for 100, `"internal"` for 101, `"not_a_vector"` for 102,
/// `"mapping_syntax"` ... `"mapping_constraint"` for 201 to 207 (a rejected mapping: `mapping_`
/// and the word of `kind - C755_ERROR_MAPPING`); NULL for any other number (200 included).
#[no_mangle]
pub extern "C" fn c755_error_kind_name(kind: i32) -> *const c_char {
    abi::or(std::ptr::null(), || {
        let name = match kind {
            C755_OK => c"ok",
            C755_ERROR_ABI => c"abi",
            C755_ERROR_INTERNAL => c"internal",
            C755_ERROR_NOT_A_VECTOR => c"not_a_vector",
            _ => {
                // 1..=7 index KIND_NAMES; 201..=207 index MAPPING_KIND_NAMES.
                let (names, k) = match kind.checked_sub(C755_ERROR_MAPPING) {
                    Some(k) if k > 0 => (&MAPPING_KIND_NAMES, k),
                    _ => (&KIND_NAMES, kind),
                };
                match usize::try_from(k).ok().and_then(|k| names.get(k.wrapping_sub(1))) {
                    Some(name) => name,
                    None => return std::ptr::null(),
                }
            }
        };
        name.as_ptr()
    })
}

/// The names of the presets, as a JSON array (`["norwalk-2016","compton-2018"]`), into
/// `*presets`.
///
/// Returns 0, or `C755_ERROR_ABI` when `presets` is NULL.
///
/// # Safety
/// `presets` is NULL or points to a writable `C755Bytes`.
#[no_mangle]
pub unsafe extern "C" fn c755_presets_json(presets: *mut C755Bytes) -> i32 {
    abi::status(ErrorOut::NONE, || {
        // SAFETY: the caller's contract above.
        let out = unsafe { BytesOut::new(presets, "presets") }?;
        out.set(to_json(&contact755_core::presets())?);
        Ok(())
    })
}

/// Every vocabulary of the SPEC, as a JSON object from its name to its words in order
/// (`{"role": ["deputy", ...], "error_kind": ["syntax", ...], ...}`), into `*vocabularies`.
/// The `error_kind` words are the kinds 1, 2, ... of `C755Error`.
///
/// Returns 0, or `C755_ERROR_ABI` when `vocabularies` is NULL.
///
/// # Safety
/// `vocabularies` is NULL or points to a writable `C755Bytes`.
#[no_mangle]
pub unsafe extern "C" fn c755_vocabularies_json(vocabularies: *mut C755Bytes) -> i32 {
    abi::status(ErrorOut::NONE, || {
        // SAFETY: the caller's contract above.
        let out = unsafe { BytesOut::new(vocabularies, "vocabularies") }?;
        let map: serde_json::Map<String, serde_json::Value> = contract::vocabularies()
            .into_iter()
            .map(|(name, words)| (name.to_string(), words.iter().copied().collect()))
            .collect();
        out.set(to_json(&map)?);
        Ok(())
    })
}

/// The preset called `name` (`"norwalk-2016"`, `"compton-2018"`, see `c755_presets_json`).
///
/// Returns a new policy to free with `c755_policy_free`, or NULL with `*error` set: an unknown
/// name is `C755_ERROR_INVALID_VALUE` at path `preset`; a NULL or non-UTF-8 `name` is
/// `C755_ERROR_ABI`.
///
/// # Safety
/// `name` is NULL or a NUL-terminated string; `error` is NULL or points to a writable
/// `C755Error *`.
#[no_mangle]
pub unsafe extern "C" fn c755_policy_preset(
    name: *const c_char,
    error: *mut *mut C755Error,
) -> *mut C755Policy {
    // SAFETY: the caller's contract above.
    let error = unsafe { ErrorOut::new(error) };
    abi::object(error, || {
        // SAFETY: the caller's contract above.
        let name = unsafe { abi::c_str(name, "name") }?;
        Ok(C755Policy { policy: Policy::preset(name)? })
    })
}

/// A policy from a JSON object of overrides (`{"min_contacts_per_shift": 2}`, or
/// `{"preset": "compton-2018", ...}`): the preset it names (default `norwalk-2016`) overridden
/// field by field, as SPEC sections 3 and 6 say. `data` holds `len` bytes of UTF-8 JSON (no NUL
/// needed); NULL with `len` 0 is the empty document (a syntax error).
///
/// Returns a new policy to free with `c755_policy_free`, or NULL with `*error` set (the path
/// of the setting at fault, `rules.FP-CARD.severity`; line and column for a syntax error).
///
/// # Safety
/// `data` is NULL or points to `len` readable bytes; `error` is NULL or points to a writable
/// `C755Error *`.
#[no_mangle]
pub unsafe extern "C" fn c755_policy_from_json(
    data: *const u8,
    len: usize,
    error: *mut *mut C755Error,
) -> *mut C755Policy {
    // SAFETY: the caller's contract above.
    let error = unsafe { ErrorOut::new(error) };
    abi::object(error, || {
        // SAFETY: the caller's contract above.
        let json = unsafe { abi::bytes(data, len, "data") }?;
        Ok(C755Policy { policy: Policy::from_json(json)? })
    })
}

/// A policy from a TOML document of overrides (`min_cards_in_vehicle = 20`), as
/// `c755_policy_from_json` reads JSON. TOML is text: bytes that are not UTF-8 are
/// `C755_ERROR_ABI`.
///
/// Returns a new policy to free with `c755_policy_free`, or NULL with `*error` set.
///
/// # Safety
/// `data` is NULL or points to `len` readable bytes; `error` is NULL or points to a writable
/// `C755Error *`.
#[no_mangle]
pub unsafe extern "C" fn c755_policy_from_toml(
    data: *const u8,
    len: usize,
    error: *mut *mut C755Error,
) -> *mut C755Policy {
    // SAFETY: the caller's contract above.
    let error = unsafe { ErrorOut::new(error) };
    abi::object(error, || {
        // SAFETY: the caller's contract above.
        let toml = unsafe { abi::text(data, len, "data") }?;
        Ok(C755Policy { policy: Policy::from_toml(toml)? })
    })
}

/// The effective policy, whole, and its fingerprint, as the report writes them (SPEC section 6.3):
/// `{"policy": {"preset": ..., "station": ..., ..., "rules": {...}}, "policy_sha256": "..."}`
/// (pretty JSON), into `*policy_json`.
///
/// Returns 0, or `C755_ERROR_ABI` when a pointer is NULL.
///
/// # Safety
/// `policy` is NULL or a live policy; `policy_json` is NULL or points to a writable
/// `C755Bytes`.
#[no_mangle]
pub unsafe extern "C" fn c755_policy_json(policy: *const C755Policy, policy_json: *mut C755Bytes) -> i32 {
    abi::status(ErrorOut::NONE, || {
        // SAFETY: the caller's contract above.
        let out = unsafe { BytesOut::new(policy_json, "policy_json") }?;
        // SAFETY: the caller's contract above.
        let policy = &unsafe { abi::object_ref(policy, "policy") }?.policy;
        /// The report's first two keys, in the report's order.
        #[derive(serde::Serialize)]
        struct Effective<'a> {
            policy: &'a Policy,
            policy_sha256: String,
        }
        let effective = Effective { policy, policy_sha256: policy.fingerprint() };
        // A struct of strings, lists and string-keyed maps always serializes.
        out.set(serde_json::to_string_pretty(&effective).map_err(|_| Failure::internal())?);
        Ok(())
    })
}

/// The rule catalog as `policy` applies it, as a JSON array of rules (`id`, `severity`,
/// `enabled`, `scope`, `subject`, `title`, `checks`, `citation`, `example`), into `*rules`.
///
/// Returns 0, or `C755_ERROR_ABI` when a pointer is NULL.
///
/// # Safety
/// `policy` is NULL or a live policy; `rules` is NULL or points to a writable `C755Bytes`.
#[no_mangle]
pub unsafe extern "C" fn c755_rules_json(policy: *const C755Policy, rules: *mut C755Bytes) -> i32 {
    abi::status(ErrorOut::NONE, || {
        // SAFETY: the caller's contract above.
        let out = unsafe { BytesOut::new(rules, "rules") }?;
        // SAFETY: the caller's contract above.
        let policy = &unsafe { abi::object_ref(policy, "policy") }?.policy;
        out.set(contract::rules_json(policy));
        Ok(())
    })
}

/// Audits a dataset (SPEC section 2, `len` bytes of UTF-8 JSON) under `policy` and writes the SPEC section 4
/// report into `*report`: pretty JSON ending in a newline, the very bytes the Rust core, the
/// Python package and the audit example write for the same input.
///
/// Returns 0, or the kind of the error with `*error` set and `*report` empty. A dataset with a
/// structural problem is rejected as a whole (SPEC section 2, "Rejected input"), with the path of the
/// offending value. The core reads JSON as bytes: bytes that are not UTF-8 inside a string are
/// its `C755_ERROR_SYNTAX`, with line and column.
///
/// # Safety
/// `policy` is NULL or a live policy; `dataset` is NULL or points to `len` readable bytes;
/// `report` is NULL or points to a writable `C755Bytes`; `error` is NULL or points to a
/// writable `C755Error *`.
#[no_mangle]
pub unsafe extern "C" fn c755_audit_json(
    policy: *const C755Policy,
    dataset: *const u8,
    len: usize,
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
        let dataset = unsafe { abi::bytes(dataset, len, "dataset") }?;
        out.set(contract::audit_json(policy, dataset)?);
        Ok(())
    })
}

/// The real-time check of one MDC entry, for MDC software at the moment a deputy clears an
/// incident: a SPEC section 2 worksheet object (its `entries` and `review` optional: checked when
/// given, then left out) and a section 2 entry object in, the entry's findings out, into `*findings`
/// as a JSON array of section 4 finding objects (`[]` when the entry is fine).
///
/// Returns 0, or the kind of the error with `*error` set and `*findings` empty; paths start
/// with `worksheet` or `entry` (`worksheet.date`, `entry.clearance_codes[0]`).
///
/// # Safety
/// `policy` is NULL or a live policy; `worksheet` and `entry` are NULL or point to
/// `worksheet_len` and `entry_len` readable bytes; `findings` is NULL or points to a writable
/// `C755Bytes`; `error` is NULL or points to a writable `C755Error *`.
#[no_mangle]
pub unsafe extern "C" fn c755_check_entry_json(
    policy: *const C755Policy,
    worksheet: *const u8,
    worksheet_len: usize,
    entry: *const u8,
    entry_len: usize,
    findings: *mut C755Bytes,
    error: *mut *mut C755Error,
) -> i32 {
    // SAFETY: the caller's contract above.
    let error = unsafe { ErrorOut::new(error) };
    abi::status(error, || {
        // SAFETY: the caller's contract above.
        let out = unsafe { BytesOut::new(findings, "findings") }?;
        // SAFETY: the caller's contract above.
        let policy = &unsafe { abi::object_ref(policy, "policy") }?.policy;
        // SAFETY: the caller's contract above.
        let worksheet = unsafe { abi::bytes(worksheet, worksheet_len, "worksheet") }?;
        // SAFETY: the caller's contract above.
        let entry = unsafe { abi::bytes(entry, entry_len, "entry") }?;
        out.set(contract::findings_json(&contract::check_entry_json(policy, worksheet, entry)?));
        Ok(())
    })
}

/// Frees a buffer this library returned. Freeing the empty buffer `{NULL, 0}` does nothing.
///
/// # Safety
/// `bytes` is the empty buffer or one this library returned, unchanged and not yet freed; it
/// is not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn c755_bytes_free(bytes: C755Bytes) {
    // SAFETY: the caller's contract above.
    abi::or((), || unsafe { abi::free_bytes(bytes) })
}

/// Frees an error (with its `path` and `message`). Freeing NULL does nothing.
///
/// # Safety
/// `error` is NULL or an error this library stored, not yet freed; it is not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn c755_error_free(error: *mut C755Error) {
    abi::or((), || {
        if error.is_null() {
            return;
        }
        // SAFETY: the caller's contract above: it came from `Box::into_raw` in `ErrorOut`.
        let error = unsafe { Box::from_raw(error) };
        // SAFETY: both strings came from `abi::c_string` and go with the error.
        unsafe { abi::free_c_string(error.path) };
        // SAFETY: as above.
        unsafe { abi::free_c_string(error.message) };
    })
}

/// Frees a policy. Freeing NULL does nothing.
///
/// # Safety
/// `policy` is NULL or a policy from a `c755_policy_*` constructor, not yet freed, that no
/// other thread is using; it is not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn c755_policy_free(policy: *mut C755Policy) {
    // SAFETY: the caller's contract above.
    abi::or((), || unsafe { abi::free_object(policy) })
}

/// Test hook (cargo feature `test-hooks`, never in a library that ships, not in the header):
/// panics inside the guard, so the C test can see a panic become `C755_ERROR_INTERNAL`.
///
/// # Safety
/// `error` is NULL or points to a writable `C755Error *`.
#[cfg(feature = "test-hooks")]
#[no_mangle]
pub unsafe extern "C" fn c755_test_panic(error: *mut *mut C755Error) -> i32 {
    // SAFETY: the caller's contract above.
    let error = unsafe { ErrorOut::new(error) };
    abi::status(error, || panic!("a panic on purpose (contact755-c test hook)"))
}

/// Compact JSON of a value the library built (names, words): it always serializes.
fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> Result<String, Failure> {
    serde_json::to_string(value).map_err(|_| Failure::internal())
}

#[cfg(test)]
mod tests;
