//! The exported functions called from Rust, as C calls them: every success matches the core's
//! own answer byte for byte, every misuse is an error, never undefined behaviour.

use std::collections::BTreeMap;
use std::ffi::{c_char, CStr};
use std::ptr::{null, null_mut};

use contact755_core::{contract, InputErrorKind, Policy, Word};

use super::*;
use crate::abi::{kind_number, Failure};

const DATASET: &str = r#"{
  "period": {"start": "2016-03-17", "end": "2016-03-17"},
  "personnel": [{"id": "D100", "role": "deputy"}, {"id": "S200", "role": "sergeant"}],
  "worksheets": [{
    "id": "W1", "personnel_id": "D100", "date": "2016-03-17", "assignment": "field", "area": "La Mirada",
    "entries": [{"id": "E1", "at": "2016-03-17T09:12:00-07:00", "activity": "obs", "clearance_codes": ["415"],
                 "contact": {"category": "resident", "card_provided": true}}],
    "review": {"reviewer_id": "S200", "reviewed_on": "2016-03-18", "approved": true}
  }],
  "briefings": [{"id": "B1", "sergeant_id": "S200", "date": "2016-03-01"}]
}"#;
const WORKSHEET: &str =
    r#"{"id": "W1", "personnel_id": "D100", "date": "2016-03-17", "assignment": "field", "area": "Norwalk"}"#;
const ENTRY: &str = r#"{"id": "E1", "at": "2016-03-17T09:12:00-07:00", "activity": "obs", "clearance_codes": ["415"],
                        "contact": {"category": "resident", "card_provided": true}}"#;

/// A C755Error read back and freed.
#[derive(Debug, PartialEq, Eq)]
struct Error {
    kind: i32,
    path: String,
    message: String,
    line: u32,
    column: u32,
}

/// Takes the error a call stored (freeing it), or `None` when `*error` is NULL.
fn take_error(error: *mut C755Error) -> Option<Error> {
    if error.is_null() {
        return None;
    }
    // SAFETY: a non-NULL error the library stored; its strings are never NULL.
    let e = unsafe { &*error };
    let string = |p: *mut c_char| {
        assert!(!p.is_null());
        // SAFETY: a NUL-terminated string of the error.
        unsafe { CStr::from_ptr(p) }.to_str().unwrap().to_string()
    };
    let out = Error {
        kind: e.kind,
        path: string(e.path),
        message: string(e.message),
        line: e.line,
        column: e.column,
    };
    // SAFETY: stored by the library, freed once.
    unsafe { c755_error_free(error) };
    Some(out)
}

/// Takes a buffer's text (freeing it); checks the NUL after it.
fn take_bytes(bytes: C755Bytes) -> String {
    String::from_utf8(take_raw(bytes)).unwrap()
}

/// Takes a buffer's bytes, UTF-8 or not (freeing it); checks the NUL after them.
fn take_raw(bytes: C755Bytes) -> Vec<u8> {
    if bytes.ptr.is_null() {
        assert_eq!(bytes.len, 0);
        return Vec::new();
    }
    // SAFETY: a buffer the library returned: len bytes and a NUL.
    let slice = unsafe { std::slice::from_raw_parts(bytes.ptr, bytes.len + 1) };
    assert_eq!(slice[bytes.len], 0, "a NUL follows the bytes");
    let out = slice[..bytes.len].to_vec();
    // SAFETY: returned by the library, unchanged, freed once.
    unsafe { c755_bytes_free(bytes) };
    out
}

/// A policy made by `make`, or its error.
fn policy_from(make: impl FnOnce(*mut *mut C755Error) -> *mut C755Policy) -> Result<Owned, Error> {
    let mut error = null_mut();
    let policy = make(&mut error);
    match take_error(error) {
        None => {
            assert!(!policy.is_null());
            Ok(Owned(policy))
        }
        Some(e) => {
            assert!(policy.is_null());
            Err(e)
        }
    }
}

/// A policy freed on drop.
#[derive(Debug)]
struct Owned(*mut C755Policy);

impl Drop for Owned {
    fn drop(&mut self) {
        // SAFETY: made by a constructor, freed once.
        unsafe { c755_policy_free(self.0) };
    }
}

fn norwalk() -> Owned {
    // SAFETY: a NUL-terminated name and a writable error pointer.
    policy_from(|e| unsafe { c755_policy_preset(c"norwalk-2016".as_ptr(), e) }).unwrap()
}

fn from_json(json: &[u8]) -> Result<Owned, Error> {
    // SAFETY: `json` is `len` readable bytes.
    policy_from(|e| unsafe { c755_policy_from_json(json.as_ptr(), json.len(), e) })
}

fn audit(policy: *const C755Policy, dataset: &[u8]) -> Result<String, Error> {
    let mut report = C755Bytes { ptr: std::ptr::dangling_mut(), len: 9 }; // garbage: the call empties it
    let mut error = std::ptr::dangling_mut::<C755Error>(); // garbage: the call clears it
                                                           // SAFETY: valid pointers and lengths.
    let code = unsafe { c755_audit_json(policy, dataset.as_ptr(), dataset.len(), &mut report, &mut error) };
    let error = take_error(error);
    assert_eq!(code, error.as_ref().map_or(0, |e| e.kind));
    match error {
        None => Ok(take_bytes(report)),
        Some(e) => {
            assert_eq!(report, C755Bytes::EMPTY, "a failed call leaves the buffer empty");
            Err(e)
        }
    }
}

fn check_entry(policy: *const C755Policy, worksheet: &[u8], entry: &[u8]) -> Result<String, Error> {
    let mut findings = C755Bytes::EMPTY;
    let mut error = null_mut();
    // SAFETY: valid pointers and lengths.
    let code = unsafe {
        c755_check_entry_json(
            policy,
            worksheet.as_ptr(),
            worksheet.len(),
            entry.as_ptr(),
            entry.len(),
            &mut findings,
            &mut error,
        )
    };
    let error = take_error(error);
    assert_eq!(code, error.as_ref().map_or(0, |e| e.kind));
    error.map_or_else(|| Ok(take_bytes(findings)), Err)
}

#[test]
fn error_kinds_are_numbered_in_the_cores_order_from_one() {
    let constants = [
        C755_ERROR_SYNTAX,
        C755_ERROR_UNKNOWN_FIELD,
        C755_ERROR_MISSING_FIELD,
        C755_ERROR_DUPLICATE_KEY,
        C755_ERROR_INVALID_TYPE,
        C755_ERROR_INVALID_VALUE,
        C755_ERROR_CONSTRAINT,
    ];
    // A kind added to the core without a constant here (and in the header) fails this test.
    assert_eq!(InputErrorKind::ALL.len(), constants.len());
    for (i, kind) in InputErrorKind::ALL.iter().enumerate() {
        assert_eq!(kind_number(*kind), constants[i]);
        assert_eq!(constants[i], i as i32 + 1);
        let name = c755_error_kind_name(constants[i]);
        // SAFETY: a static NUL-terminated string.
        assert_eq!(unsafe { CStr::from_ptr(name) }.to_str().unwrap(), InputErrorKind::WORDS[i]);
    }
    for (kind, word) in [(0, "ok"), (100, "abi"), (101, "internal"), (102, "not_a_vector")] {
        // SAFETY: a static NUL-terminated string.
        assert_eq!(unsafe { CStr::from_ptr(c755_error_kind_name(kind)) }.to_str().unwrap(), word);
    }
    // A mapping's kinds: the base plus the SPEC kind, named `mapping_` and the SPEC word.
    for (i, kind) in InputErrorKind::ALL.iter().enumerate() {
        let number = crate::abi::mapping_kind_number(*kind);
        assert_eq!(number, C755_ERROR_MAPPING + constants[i]);
        // SAFETY: a static NUL-terminated string.
        let name = unsafe { CStr::from_ptr(c755_error_kind_name(number)) }.to_str().unwrap();
        assert_eq!(name, format!("mapping_{}", InputErrorKind::WORDS[i]));
    }
    assert_eq!(
        [C755_ERROR_MAPPING_SYNTAX, C755_ERROR_MAPPING_INVALID_VALUE, C755_ERROR_MAPPING_CONSTRAINT],
        [201, 206, 207]
    );
    for unknown in [-1, 8, 99, 103, 200, 208, 301, i32::MIN, i32::MAX] {
        assert!(c755_error_kind_name(unknown).is_null(), "{unknown}");
    }
}

#[test]
fn the_version_is_the_crates() {
    // SAFETY: a static NUL-terminated string.
    let version = unsafe { CStr::from_ptr(c755_version()) };
    assert_eq!(version.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
}

#[test]
fn objects_are_safe_to_share_between_threads() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<Policy>();
    send_sync::<C755Policy>();
    send_sync::<C755Vector>();
    send_sync::<C755Mapping>();
}

#[test]
fn one_policy_audits_on_four_threads_at_once_with_the_same_bytes() {
    let policy = norwalk();
    let address = policy.0 as usize; // a raw pointer is not Send; the policy is Sync
    let expected = contract::audit_json(&Policy::norwalk_2016(), DATASET.as_bytes()).unwrap();
    let reports: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|_| s.spawn(move || audit(address as *const C755Policy, DATASET.as_bytes()).unwrap()))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(reports.iter().all(|r| *r == expected));
}

#[test]
fn the_audit_gives_the_cores_bytes() {
    let policy = norwalk();
    let report = audit(policy.0, DATASET.as_bytes()).unwrap();
    assert_eq!(report, contract::audit_json(&Policy::norwalk_2016(), DATASET.as_bytes()).unwrap());
    assert!(report.ends_with("}\n"));
}

#[test]
fn a_rejected_dataset_gives_the_cores_error() {
    let policy = norwalk();
    let bad = DATASET.replace("\"2016-03-17T09:12:00-07:00\"", "\"2016-03-17T09:12:00\"");
    let got = audit(policy.0, bad.as_bytes()).unwrap_err();
    let want = contract::audit_json(&Policy::norwalk_2016(), bad.as_bytes()).unwrap_err();
    assert_eq!(got.kind, kind_number(want.kind));
    assert_eq!(got.path, "worksheets[0].entries[0].at");
    assert_eq!((got.path, got.message), (want.path, want.message));

    let syntax = audit(policy.0, b"{\n  \"period\": ]").unwrap_err();
    assert_eq!((syntax.kind, syntax.path.as_str(), syntax.line), (C755_ERROR_SYNTAX, "", 2));
    assert!(syntax.column > 0);
    // Bytes that are not UTF-8 inside a JSON string: the core's syntax error, with its place.
    let latin1 = audit(policy.0, b"{\"period\": \"caf\xe9\"}").unwrap_err();
    assert_eq!(latin1.kind, C755_ERROR_SYNTAX);
    assert!(latin1.line > 0);
}

#[test]
fn the_error_argument_may_be_null() {
    let policy = norwalk();
    let mut report = C755Bytes::EMPTY;
    // SAFETY: valid pointers; error NULL is allowed.
    let code = unsafe { c755_audit_json(policy.0, b"[]".as_ptr(), 2, &mut report, null_mut()) };
    assert_eq!(code, C755_ERROR_INVALID_TYPE);
    assert_eq!(report, C755Bytes::EMPTY);
    // SAFETY: NULL name and error: an ABI error, reported by NULL alone.
    assert!(unsafe { c755_policy_preset(null(), null_mut()) }.is_null());
}

#[test]
fn the_real_time_check_gives_the_cores_findings() {
    let policy = norwalk();
    let got = check_entry(policy.0, WORKSHEET.as_bytes(), ENTRY.as_bytes()).unwrap();
    let findings =
        contract::check_entry_json(&Policy::norwalk_2016(), WORKSHEET.as_bytes(), ENTRY.as_bytes()).unwrap();
    assert_eq!(got, contract::findings_json(&findings));
    assert!(got.contains("\"FP-CODE-755\""));
    let fine = ENTRY.replace("\"415\"", "\"755\"");
    assert_eq!(check_entry(policy.0, WORKSHEET.as_bytes(), fine.as_bytes()).unwrap(), "[]");

    let bad =
        check_entry(policy.0, WORKSHEET.replace("2016-03-17", "2016-3-17").as_bytes(), ENTRY.as_bytes());
    assert_eq!(bad.unwrap_err().path, "worksheet.date");
    let bad =
        check_entry(policy.0, WORKSHEET.as_bytes(), ENTRY.replace("obs", "nap").as_bytes()).unwrap_err();
    assert_eq!((bad.kind, bad.path.as_str()), (C755_ERROR_INVALID_VALUE, "entry.activity"));
}

#[test]
fn policies_load_from_presets_json_and_toml() {
    let compton = "compton-2018\0";
    // SAFETY: a NUL-terminated name.
    let p = policy_from(|e| unsafe { c755_policy_preset(compton.as_ptr().cast(), e) }).unwrap();
    let effective = policy_json(p.0);
    let want = Policy::preset("compton-2018").unwrap();
    assert!(effective.contains(&format!("\"policy_sha256\": \"{}\"", want.fingerprint())));
    let value: serde_json::Value = serde_json::from_str(&effective).unwrap();
    assert_eq!(value["policy"], serde_json::from_str::<serde_json::Value>(&want.to_json()).unwrap());
    // The report's own order: the policy's keys as the report writes them.
    assert!(effective.starts_with("{\n  \"policy\": {\n    \"preset\": \"compton-2018\""), "{effective}");

    let json = from_json(br#"{"min_contacts_per_shift": 2}"#).unwrap();
    assert_eq!(
        policy_json(json.0),
        policy_json_of(&Policy::from_json(r#"{"min_contacts_per_shift": 2}"#).unwrap())
    );

    let toml = b"min_cards_in_vehicle = 20\n";
    // SAFETY: `toml` is `len` readable bytes.
    let t = policy_from(|e| unsafe { c755_policy_from_toml(toml.as_ptr(), toml.len(), e) }).unwrap();
    assert_eq!(policy_json(t.0), policy_json_of(&Policy::from_toml("min_cards_in_vehicle = 20\n").unwrap()));
}

fn policy_json(policy: *const C755Policy) -> String {
    let mut out = C755Bytes::EMPTY;
    // SAFETY: a live policy and a writable buffer.
    assert_eq!(unsafe { c755_policy_json(policy, &mut out) }, 0);
    take_bytes(out)
}

fn policy_json_of(policy: &Policy) -> String {
    let owned = from_json(policy.to_json().as_bytes()).unwrap();
    policy_json(owned.0)
}

#[test]
fn policy_errors_are_the_cores() {
    let e = from_json(br#"{"rules": {"FP-CARD": {"severity": "data"}}}"#).unwrap_err();
    let want = Policy::from_json(r#"{"rules": {"FP-CARD": {"severity": "data"}}}"#).unwrap_err();
    assert_eq!((e.kind, e.path, e.message), (kind_number(want.kind), want.path, want.message));
    let e = from_json(b"{\"covered_areas\": [}").unwrap_err();
    assert_eq!((e.kind, e.line), (C755_ERROR_SYNTAX, 1));
    // NULL with length 0 is the empty document: the core's syntax error.
    let e = policy_from(|e| unsafe_from_json(null(), 0, e)).unwrap_err();
    assert_eq!(e.kind, C755_ERROR_SYNTAX);

    // SAFETY: NUL-terminated.
    let e = policy_from(|e| unsafe { c755_policy_preset(c"lakewood".as_ptr(), e) }).unwrap_err();
    assert_eq!((e.kind, e.path.as_str()), (C755_ERROR_INVALID_VALUE, "preset"));

    let toml = b"min_cards_in_vehicle = \n";
    // SAFETY: `toml` is `len` readable bytes.
    let e = policy_from(|e| unsafe { c755_policy_from_toml(toml.as_ptr(), toml.len(), e) }).unwrap_err();
    assert_eq!((e.kind, e.line), (C755_ERROR_SYNTAX, 1));
}

fn unsafe_from_json(data: *const u8, len: usize, error: *mut *mut C755Error) -> *mut C755Policy {
    // SAFETY: the tests pass NULL or a pointer that is never read (the length is refused first).
    unsafe { c755_policy_from_json(data, len, error) }
}

#[test]
fn misuse_is_an_abi_error_that_quotes_nothing() {
    let abi = |e: Error| {
        assert_eq!((e.kind, e.path.as_str(), e.line, e.column), (C755_ERROR_ABI, "", 0, 0));
        e.message
    };
    let m = abi(policy_from(|e| unsafe_from_json(null(), 5, e)).unwrap_err());
    assert_eq!(m, "`data` is NULL but its length is 5");
    // A length past isize::MAX is refused before the pointer is read.
    let m = abi(policy_from(|e| unsafe_from_json(b"{}".as_ptr(), usize::MAX, e)).unwrap_err());
    assert!(m.contains("larger than isize::MAX"), "{m}");

    let secret = b"station = \"Mrs Q. Citizen \xff\"";
    // SAFETY: `secret` is `len` readable bytes.
    let e = policy_from(|e| unsafe { c755_policy_from_toml(secret.as_ptr(), secret.len(), e) }).unwrap_err();
    let m = abi(e);
    assert_eq!(m, "`data` is not UTF-8 (first bad byte at offset 26)");
    // SAFETY: a NUL-terminated name.
    let e = policy_from(|e| unsafe { c755_policy_preset(c"Citizen\xff".as_ptr(), e) }).unwrap_err();
    assert!(!abi(e).contains("Citizen"));
    // SAFETY: NULL name.
    let e = policy_from(|e| unsafe { c755_policy_preset(null(), e) }).unwrap_err();
    assert_eq!(abi(e), "`name` is NULL");

    let policy = norwalk();
    assert_eq!(abi(audit(null(), DATASET.as_bytes()).unwrap_err()), "`policy` is NULL");
    // Empty input is the core's to judge (a syntax error), not a misuse.
    assert_eq!(check_entry(policy.0, b"", b"").unwrap_err().kind, C755_ERROR_SYNTAX);
    let mut error = null_mut();
    let mut empty = C755Bytes::EMPTY;
    // SAFETY: NULL worksheet with a length: refused before anything is read.
    let code = unsafe {
        c755_check_entry_json(policy.0, null(), 3, ENTRY.as_ptr(), ENTRY.len(), &mut empty, &mut error)
    };
    assert_eq!(code, C755_ERROR_ABI);
    assert_eq!(abi(take_error(error).unwrap()), "`worksheet` is NULL but its length is 3");
    let mut error = null_mut();
    // SAFETY: NULL out-buffer (refused), valid error pointer.
    let code = unsafe { c755_audit_json(policy.0, DATASET.as_ptr(), DATASET.len(), null_mut(), &mut error) };
    assert_eq!(code, C755_ERROR_ABI);
    assert_eq!(take_error(error).unwrap().message, "`report` is NULL");
    // SAFETY: NULL pointers are refused.
    unsafe {
        assert_eq!(c755_rules_json(policy.0, null_mut()), C755_ERROR_ABI);
        assert_eq!(c755_rules_json(null(), &mut empty), C755_ERROR_ABI);
        assert_eq!(c755_policy_json(null(), &mut empty), C755_ERROR_ABI);
        assert_eq!(c755_presets_json(null_mut()), C755_ERROR_ABI);
        assert_eq!(c755_vocabularies_json(null_mut()), C755_ERROR_ABI);
    }
}

#[test]
fn freeing_null_and_empty_does_nothing() {
    // SAFETY: NULL and the empty buffer are documented no-ops.
    unsafe {
        c755_bytes_free(C755Bytes::EMPTY);
        c755_error_free(null_mut());
        c755_policy_free(null_mut());
        c755_vector_free(null_mut());
    }
}

#[test]
fn a_panic_becomes_an_internal_error_with_a_fixed_message() {
    let mut error = null_mut();
    // SAFETY: a writable error pointer.
    let guard = unsafe { crate::abi::ErrorOut::new(&mut error) };
    let code = crate::abi::status(guard, || panic!("entry E-SECRET: {}", "Mrs Q. Citizen"));
    assert_eq!(code, C755_ERROR_INTERNAL);
    let e = take_error(error).unwrap();
    assert_eq!(e.kind, C755_ERROR_INTERNAL);
    assert_eq!(e.message, Failure::internal().message);
    assert!(!e.message.contains("Citizen") && !e.message.contains("SECRET"));
    // A panicking constructor gives NULL.
    // SAFETY: as above.
    let guard = unsafe { crate::abi::ErrorOut::new(&mut error) };
    let object: *mut C755Policy = crate::abi::object(guard, || panic!("boom"));
    assert!(object.is_null());
    assert_eq!(take_error(error).unwrap().kind, C755_ERROR_INTERNAL);
    assert_eq!(crate::abi::or(7, || panic!("boom")), 7);
}

#[test]
fn a_nul_inside_an_error_string_is_escaped_not_cut() {
    let p = crate::abi::c_string("a\0b".to_string());
    // SAFETY: made by c_string, NUL-terminated.
    assert_eq!(unsafe { CStr::from_ptr(p) }.to_str().unwrap(), "a\\u0000b");
    // SAFETY: made by c_string, freed once.
    unsafe { crate::abi::free_c_string(p) };
    // A key with a NUL in a document reaches the path or message escaped.
    let e = from_json(b"{\"a\\u0000b\": 1}").unwrap_err();
    assert_eq!(e.kind, C755_ERROR_UNKNOWN_FIELD);
    assert!(!e.message.contains('\0'));
}

#[test]
fn catalogs_and_word_lists_are_the_cores() {
    let policy = norwalk();
    let mut out = C755Bytes::EMPTY;
    // SAFETY: valid pointers.
    assert_eq!(unsafe { c755_rules_json(policy.0, &mut out) }, 0);
    assert_eq!(take_bytes(out), contract::rules_json(&Policy::norwalk_2016()));
    // SAFETY: a writable buffer.
    assert_eq!(unsafe { c755_presets_json(&mut out) }, 0);
    assert_eq!(take_bytes(out), r#"["norwalk-2016","compton-2018"]"#);
    // SAFETY: a writable buffer.
    assert_eq!(unsafe { c755_vocabularies_json(&mut out) }, 0);
    let words: serde_json::Value = serde_json::from_str(&take_bytes(out)).unwrap();
    assert_eq!(words["error_kind"][0], "syntax");
    assert_eq!(words["error_kind"].as_array().unwrap().len(), InputErrorKind::ALL.len());
}

#[test]
fn the_judge_reads_vectors_and_judges_outcomes() {
    let text = format!(
        r#"{{"name": "n", "policy": {{"min_contacts_per_shift": 0}}, "dataset": {DATASET},
            "expect": {{"findings": [{{"rule": "FP-CODE-755", "subject": "entry:W1/E1"}}]}}}}"#
    );
    let mut error = null_mut();
    // SAFETY: `text` is `len` readable bytes.
    let vector = unsafe { c755_vector_parse(text.as_ptr(), text.len(), &mut error) };
    assert!(take_error(error).is_none());
    let piece = |vector: *const C755Vector,
                 f: unsafe extern "C" fn(*const C755Vector, *mut C755Bytes) -> i32| {
        let mut out = C755Bytes::EMPTY;
        // SAFETY: a live vector and a writable buffer.
        assert_eq!(unsafe { f(vector, &mut out) }, 0);
        take_bytes(out)
    };
    assert_eq!(piece(vector, c755_vector_name), "n");
    assert_eq!(piece(vector, c755_vector_policy_json), r#"{"min_contacts_per_shift": 0}"#);
    assert_eq!(piece(vector, c755_vector_dataset_json), DATASET);

    let policy = from_json(piece(vector, c755_vector_policy_json).as_bytes()).unwrap();
    let report = audit(policy.0, piece(vector, c755_vector_dataset_json).as_bytes()).unwrap();
    let judge_report = |report: &str| {
        let mut failure = C755Bytes::EMPTY;
        // SAFETY: valid pointers and lengths.
        let code = unsafe {
            c755_vector_judge_report(vector, report.as_ptr(), report.len(), &mut failure, null_mut())
        };
        assert_eq!(code, 0);
        take_bytes(failure)
    };
    // The vector's expectation is exact: the example's other findings make it fail.
    let want = contact755_core::conformance::Vector::from_json(&text).unwrap();
    let verdict =
        want.judge(contact755_core::conformance::Outcome::Report(&report)).err().unwrap_or_default();
    assert_eq!(judge_report(&report), verdict);
    assert!(verdict.starts_with("unexpected "), "{verdict}");

    let mut failure = C755Bytes::EMPTY;
    // SAFETY: valid pointers.
    let code = unsafe { c755_vector_judge_rejection(vector, c"period".as_ptr(), &mut failure, null_mut()) };
    assert_eq!(code, 0);
    assert_eq!(take_bytes(failure), "rejected at path \"period\", expected a report");
    // SAFETY: NULL path is refused.
    let code = unsafe { c755_vector_judge_rejection(vector, null(), &mut failure, null_mut()) };
    assert_eq!(code, C755_ERROR_ABI);
    // SAFETY: a report that is not UTF-8 is refused.
    let code = unsafe { c755_vector_judge_report(vector, b"\xff".as_ptr(), 1, &mut failure, null_mut()) };
    assert_eq!(code, C755_ERROR_ABI);
    // SAFETY: made by c755_vector_parse, freed once.
    unsafe { c755_vector_free(vector) };

    let no_policy =
        format!(r#"{{"name": "m", "dataset": {DATASET}, "expect": {{"error": {{"path": "period"}}}}}}"#);
    // SAFETY: `no_policy` is `len` readable bytes.
    let vector = unsafe { c755_vector_parse(no_policy.as_ptr(), no_policy.len(), null_mut()) };
    assert_eq!(piece(vector, c755_vector_policy_json), "", "no policy: the empty buffer");
    let mut failure = C755Bytes { ptr: std::ptr::dangling_mut(), len: 1 };
    // SAFETY: valid pointers.
    let code =
        unsafe { c755_vector_judge_rejection(vector, c"period.end".as_ptr(), &mut failure, null_mut()) };
    assert_eq!(code, 0);
    assert_eq!(failure, C755Bytes::EMPTY, "a pass: nothing differed");
    // SAFETY: made by c755_vector_parse, freed once.
    unsafe { c755_vector_free(vector) };

    // SAFETY: `{}` is 2 readable bytes.
    let vector = unsafe { c755_vector_parse(b"{}".as_ptr(), 2, &mut error) };
    assert!(vector.is_null());
    let e = take_error(error).unwrap();
    assert_eq!(e.kind, C755_ERROR_NOT_A_VECTOR);
    assert!(e.message.starts_with("not a valid vector: "), "{}", e.message);
}

/// Every exported function's body runs under the panic guard (`abi::status`, `abi::object`,
/// `abi::or`, or `vector_text`, which runs `abi::status`).
#[test]
fn every_exported_body_is_guarded() {
    for source in [include_str!("lib.rs"), include_str!("vector.rs"), include_str!("tables.rs")] {
        let code = source.split("#[cfg(test)]").next().unwrap_or_default();
        for body in code.split("extern \"C\" fn ").skip(1) {
            let name = body.split('(').next().unwrap_or_default();
            let body = body.split("\n}\n").next().unwrap_or_default();
            let guarded = ["abi::status(", "abi::object(", "abi::or(", "vector_text(", "vector_file("]
                .iter()
                .any(|g| body.contains(g));
            assert!(guarded, "{name} runs outside the panic guard");
        }
    }
}

// ---- tabular datasets (SPEC section 7) ------------------------------------------------------

/// `DATASET` as the canonical tables: the JSON sample's dataset, cell by cell.
const TABLES: [(&str, &str); 4] = [
    ("personnel.csv", "id,role\nD100,deputy\nS200,sergeant\n"),
    (
        "worksheets.csv",
        "id,personnel_id,date,assignment,area,reviewer_id,reviewed_on,approved\n\
         W1,D100,2016-03-17,field,La Mirada,S200,2016-03-18,true\n",
    ),
    (
        "entries.csv",
        "worksheet_id,id,at,activity,clearance_codes,category,card_provided\n\
         W1,E1,2016-03-17T09:12:00-07:00,obs,415,resident,true\n",
    ),
    ("briefings.csv", "id,sergeant_id,date\nB1,S200,2016-03-01\n"),
];

/// Files as C gives them: names as C strings, and the array of `C755Table`s over them.
struct Files {
    names: Vec<std::ffi::CString>,
    data: Vec<Vec<u8>>,
}

impl Files {
    fn new<'a>(files: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> Files {
        let (names, data) =
            files.into_iter().map(|(n, d)| (std::ffi::CString::new(n).unwrap(), d.to_vec())).unzip();
        Files { names, data }
    }

    fn canonical() -> Files {
        Files::new(TABLES.iter().map(|(n, d)| (*n, d.as_bytes())))
    }

    fn tables(&self) -> Vec<C755Table> {
        self.names
            .iter()
            .zip(&self.data)
            .map(|(n, d)| C755Table { name: n.as_ptr(), data: d.as_ptr(), len: d.len() })
            .collect()
    }
}

/// A mapping freed on drop.
#[derive(Debug)]
struct OwnedMapping(*mut C755Mapping);

impl Drop for OwnedMapping {
    fn drop(&mut self) {
        // SAFETY: made by a constructor, freed once.
        unsafe { c755_mapping_free(self.0) };
    }
}

fn mapping_from(
    text: &[u8],
    make: unsafe extern "C" fn(*const u8, usize, *mut *mut C755Error) -> *mut C755Mapping,
) -> Result<OwnedMapping, Error> {
    let mut error = std::ptr::dangling_mut::<C755Error>(); // garbage: the call clears it
                                                           // SAFETY: `text` is `len` readable bytes.
    let mapping = unsafe { make(text.as_ptr(), text.len(), &mut error) };
    match take_error(error) {
        None => {
            assert!(!mapping.is_null());
            Ok(OwnedMapping(mapping))
        }
        Some(e) => {
            assert!(mapping.is_null());
            Err(e)
        }
    }
}

fn audit_tables_raw(
    policy: *const C755Policy,
    files: *const C755Table,
    count: usize,
    period: *const c_char,
    mapping: *const C755Mapping,
) -> Result<String, Error> {
    let mut report = C755Bytes { ptr: std::ptr::dangling_mut(), len: 3 }; // garbage: the call empties it
    let mut error = null_mut();
    // SAFETY: the tests pass valid pointers, or NULLs the function refuses.
    let code = unsafe { c755_audit_tables(policy, files, count, period, mapping, &mut report, &mut error) };
    let error = take_error(error);
    assert_eq!(code, error.as_ref().map_or(0, |e| e.kind));
    match error {
        None => Ok(take_bytes(report)),
        Some(e) => {
            assert_eq!(report, C755Bytes::EMPTY, "a failed call leaves the buffer empty");
            Err(e)
        }
    }
}

fn audit_tables(files: &Files, period: &CStr, mapping: *const C755Mapping) -> Result<String, Error> {
    let policy = norwalk();
    let tables = files.tables();
    audit_tables_raw(policy.0, tables.as_ptr(), tables.len(), period.as_ptr(), mapping)
}

#[test]
fn tables_give_the_report_of_the_json_dataset_byte_for_byte() {
    let policy = norwalk();
    let json = audit(policy.0, DATASET.as_bytes()).unwrap();
    assert_eq!(audit_tables(&Files::canonical(), c"2016-03-17", null()).unwrap(), json);
    assert_eq!(audit_tables(&Files::canonical(), c"2016-03-17..2016-03-17", null()).unwrap(), json);
    // The core's own audit_tables, for a period the JSON sample does not have.
    let files: BTreeMap<String, Vec<u8>> =
        TABLES.iter().map(|(n, d)| (n.to_string(), d.as_bytes().to_vec())).collect();
    let month = contact755_core::parse_period("2016-03").unwrap();
    let want = contact755_core::audit_tables(&Policy::norwalk_2016(), &files, month, None).unwrap();
    assert_eq!(audit_tables(&Files::canonical(), c"2016-03", null()).unwrap(), want.to_json());

    // Through a mapping: another file name, `;` between fields, a value map.
    let toml = b"[entries]\nfile = \"cad.csv\"\ndelimiter = \";\"\n[entries.values.activity]\nY = \"obs\"\n";
    let mapping = mapping_from(toml, c755_mapping_from_toml).unwrap();
    let cad = "worksheet_id;id;at;activity;clearance_codes;category;card_provided\n\
               W1;E1;2016-03-17T09:12:00-07:00;Y;415;resident;true\n";
    let mut renamed: Vec<(&str, &[u8])> =
        TABLES.iter().filter(|(n, _)| *n != "entries.csv").map(|(n, d)| (*n, d.as_bytes())).collect();
    renamed.push(("cad.csv", cad.as_bytes()));
    renamed.push(("README.txt", b"files no table reads are ignored"));
    assert_eq!(audit_tables(&Files::new(renamed.clone()), c"2016-03-17", mapping.0).unwrap(), json);
    // The JSON form of the same mapping.
    let json_mapping =
        br#"{"entries": {"file": "cad.csv", "delimiter": ";", "values": {"activity": {"Y": "obs"}}}}"#;
    let mapping = mapping_from(json_mapping, c755_mapping_from_json).unwrap();
    assert_eq!(audit_tables(&Files::new(renamed), c"2016-03-17", mapping.0).unwrap(), json);
    // The empty TOML document is the canonical layout.
    let empty = mapping_from(b"", c755_mapping_from_toml).unwrap();
    assert_eq!(audit_tables(&Files::canonical(), c"2016-03-17", empty.0).unwrap(), json);
}

#[test]
fn rejected_tables_and_periods_give_the_cores_error() {
    let mut bad: Vec<(&str, &[u8])> = TABLES.iter().map(|(n, d)| (*n, d.as_bytes())).collect();
    let entries = "worksheet_id,id,at,activity,clearance_codes\nW1,E1,noon,obs,755\n";
    bad[2] = ("entries.csv", entries.as_bytes());
    let e = audit_tables(&Files::new(bad.clone()), c"2016-03", null()).unwrap_err();
    let files: BTreeMap<&str, &[u8]> = bad.iter().copied().collect();
    let month = contact755_core::parse_period("2016-03").unwrap();
    let want = contact755_core::audit_tables(&Policy::norwalk_2016(), &files, month, None).unwrap_err();
    assert_eq!((e.kind, e.path.as_str(), e.line), (C755_ERROR_INVALID_VALUE, "entries.csv:2:at", 2));
    assert_eq!((e.path, e.message), (want.path, want.message));

    let e = audit_tables(&Files::new([]), c"2016-03", null()).unwrap_err();
    assert_eq!((e.kind, e.path.as_str()), (C755_ERROR_MISSING_FIELD, "personnel.csv"));
    let e = audit_tables(&Files::canonical(), c"2016-13", null()).unwrap_err();
    assert_eq!((e.kind, e.path.as_str()), (C755_ERROR_INVALID_VALUE, "period"));
    let e = audit_tables(&Files::canonical(), c"2016-03-20..2016-03-14", null()).unwrap_err();
    assert_eq!((e.kind, e.path.as_str()), (C755_ERROR_CONSTRAINT, "period"));
    // Bytes that are not UTF-8 in a file: the core's rejection of that record.
    bad[2] = ("entries.csv", b"worksheet_id,id,at,activity,clearance_codes\nW1,E\xff,x,obs,755\n");
    let e = audit_tables(&Files::new(bad), c"2016-03", null()).unwrap_err();
    assert_eq!(e.path, "entries.csv:2");
}

#[test]
fn mapping_errors_have_the_mapping_kinds_and_the_keys_path() {
    let zone = b"[entries.timestamps]\nformat = \"%m/%d/%Y %H:%M\"\ntime_zone = \"Pacific/Nowhere\"\n";
    let e = mapping_from(zone, c755_mapping_from_toml).unwrap_err();
    let want = contact755_core::Mapping::from_toml(std::str::from_utf8(zone).unwrap()).unwrap_err();
    assert_eq!((e.kind, e.path.as_str()), (C755_ERROR_MAPPING_INVALID_VALUE, "entries.timestamps.time_zone"));
    assert_eq!(e.message, want.message);
    let e = mapping_from(b"[personnel.timestamps]\nformat = \"%Y\"\n", c755_mapping_from_toml).unwrap_err();
    assert_eq!((e.kind, e.path.as_str()), (C755_ERROR_MAPPING_UNKNOWN_FIELD, "personnel.timestamps"));
    let e = mapping_from(b"[entries.timestamps]\ntime_zone = \"UTC\"\n", c755_mapping_from_toml).unwrap_err();
    assert_eq!((e.kind, e.path.as_str()), (C755_ERROR_MAPPING_MISSING_FIELD, "entries.timestamps.format"));
    let e = mapping_from(b"[entries\n", c755_mapping_from_toml).unwrap_err();
    assert_eq!((e.kind, e.path.as_str(), e.line), (C755_ERROR_MAPPING_SYNTAX, "", 1));
    assert!(e.column > 0);

    let e = mapping_from(br#"{"entries": {"file": "a.csv", "file": "b.csv"}}"#, c755_mapping_from_json)
        .unwrap_err();
    assert_eq!(e.kind, C755_ERROR_MAPPING_DUPLICATE_KEY);
    let e = mapping_from(br#"{"entries": {"delimiter": 1}}"#, c755_mapping_from_json).unwrap_err();
    assert_eq!((e.kind, e.path.as_str()), (C755_ERROR_MAPPING_INVALID_TYPE, "entries.delimiter"));
    let e = mapping_from(b"{\n  \"entries\": ]", c755_mapping_from_json).unwrap_err();
    assert_eq!((e.kind, e.path.as_str(), e.line), (C755_ERROR_MAPPING_SYNTAX, "", 2));
    // The empty JSON document is not a mapping (the empty TOML document is).
    assert_eq!(mapping_from(b"", c755_mapping_from_json).unwrap_err().kind, C755_ERROR_MAPPING_SYNTAX);
}

#[test]
fn tables_misuse_is_an_abi_error() {
    let abi = |e: Error| {
        assert_eq!((e.kind, e.path.as_str(), e.line, e.column), (C755_ERROR_ABI, "", 0, 0));
        e.message
    };
    let policy = norwalk();
    let files = Files::canonical();
    let tables = files.tables();
    let (ptr, n) = (tables.as_ptr(), tables.len());
    let month = c"2016-03".as_ptr();
    assert_eq!(abi(audit_tables_raw(null(), ptr, n, month, null()).unwrap_err()), "`policy` is NULL");
    assert_eq!(abi(audit_tables_raw(policy.0, ptr, n, null(), null()).unwrap_err()), "`period` is NULL");
    let m = abi(audit_tables_raw(policy.0, null(), 2, month, null()).unwrap_err());
    assert_eq!(m, "`files` is NULL but its count is 2");
    let m = abi(audit_tables_raw(policy.0, ptr, usize::MAX / 8, month, null()).unwrap_err());
    assert!(m.contains("too large"), "{m}");
    // NULL with 0 is no file at all: the core's rejection.
    assert_eq!(audit_tables_raw(policy.0, null(), 0, month, null()).unwrap_err().path, "personnel.csv");
    let m = abi(audit_tables_raw(policy.0, ptr, n, c"2016-03\xff".as_ptr(), null()).unwrap_err());
    assert!(m.starts_with("`period` is not UTF-8"), "{m}");

    let mut broken = tables.clone();
    broken[1].name = null();
    assert_eq!(
        abi(audit_tables_raw(policy.0, broken.as_ptr(), n, month, null()).unwrap_err()),
        "`files[1].name` is NULL"
    );
    let mut broken = tables.clone();
    broken[2].name = c"entries\xff.csv".as_ptr();
    let m = abi(audit_tables_raw(policy.0, broken.as_ptr(), n, month, null()).unwrap_err());
    assert!(m.starts_with("`files[2].name` is not UTF-8"), "{m}");
    let mut broken = tables.clone();
    broken[0].data = null();
    let m = abi(audit_tables_raw(policy.0, broken.as_ptr(), n, month, null()).unwrap_err());
    assert_eq!(m, format!("`files[0].data` is NULL but its length is {}", TABLES[0].1.len()));
    let mut broken = tables.clone();
    broken[3].len = usize::MAX;
    let m = abi(audit_tables_raw(policy.0, broken.as_ptr(), n, month, null()).unwrap_err());
    assert!(m.starts_with("`files[3].data`'s length"), "{m}");
    let mut broken = tables.clone();
    broken[3].name = broken[0].name;
    let m = abi(audit_tables_raw(policy.0, broken.as_ptr(), n, month, null()).unwrap_err());
    assert_eq!(m, "`files[3].name` repeats the name of an earlier file");
    // An empty file (NULL, 0) is the empty input: here a personnel table without a header.
    let mut empty = tables.clone();
    empty[0].data = null();
    empty[0].len = 0;
    assert!(audit_tables_raw(policy.0, empty.as_ptr(), n, month, null())
        .unwrap_err()
        .path
        .starts_with("personnel.csv"));

    let mut error = null_mut();
    // SAFETY: NULL report: refused before anything is read.
    let code = unsafe { c755_audit_tables(policy.0, ptr, n, month, null(), null_mut(), &mut error) };
    assert_eq!(code, C755_ERROR_ABI);
    assert_eq!(abi(take_error(error).unwrap()), "`report` is NULL");
    let mut report = C755Bytes::EMPTY;
    // SAFETY: error NULL is allowed.
    let code =
        unsafe { c755_audit_tables(policy.0, ptr, n, c"2016-13".as_ptr(), null(), &mut report, null_mut()) };
    assert_eq!((code, report), (C755_ERROR_INVALID_VALUE, C755Bytes::EMPTY));

    let m = abi(mapping_from(b"file = \"caf\xe9\"", c755_mapping_from_toml).unwrap_err());
    assert_eq!(m, "`data` is not UTF-8 (first bad byte at offset 11)");
    for make in [c755_mapping_from_toml, c755_mapping_from_json] {
        let mut error = null_mut();
        // SAFETY: NULL data with a length, and a length past isize::MAX: refused unread.
        let mapping = unsafe { make(null(), 4, &mut error) };
        assert!(mapping.is_null());
        assert_eq!(abi(take_error(error).unwrap()), "`data` is NULL but its length is 4");
        // SAFETY: as above.
        let mapping = unsafe { make(b"{}".as_ptr(), usize::MAX, null_mut()) };
        assert!(mapping.is_null());
    }
    // SAFETY: freeing NULL does nothing.
    unsafe { c755_mapping_free(null_mut()) };
}

#[test]
fn one_policy_and_one_mapping_audit_tables_on_four_threads() {
    let policy = norwalk();
    let mapping = mapping_from(b"[briefings]\nfile = \"b.csv\"\n", c755_mapping_from_toml).unwrap();
    let files = Files::canonical();
    let tables = files.tables();
    // Raw pointers are not Send; the objects are Sync and the array outlives the threads.
    let (p, m, t, n) = (policy.0 as usize, mapping.0 as usize, tables.as_ptr() as usize, tables.len());
    let canonical = audit_tables(&files, c"2016-03", null()).unwrap();
    let once = audit_tables_raw(policy.0, tables.as_ptr(), n, c"2016-03".as_ptr(), mapping.0).unwrap();
    // b.csv is absent: no briefings, so the mapping makes another report.
    assert_ne!(once, canonical, "the mapping was applied");
    let reports: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|_| {
                s.spawn(move || {
                    let (policy, mapping) = (p as *const C755Policy, m as *const C755Mapping);
                    audit_tables_raw(policy, t as *const C755Table, n, c"2016-03".as_ptr(), mapping).unwrap()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(reports.iter().all(|r| *r == once));
}

#[test]
fn the_judge_gives_a_tabular_vectors_parts() {
    let text = r#"{"name": "t", "tables": {
        "period": {"start": "2016-03-01", "end": "2016-03-31"},
        "personnel.csv": "id,role\nD100,deputy\n",
        "entries.csv": {"base64": "/w=="},
        "a\u0000b.csv": ""
      },
      "mapping": {"entries": {"delimiter": ";"}},
      "expect": {"error": {"path": "worksheets.csv"}}}"#;
    let mut error = null_mut();
    // SAFETY: `text` is `len` readable bytes.
    let vector = unsafe { c755_vector_parse(text.as_ptr(), text.len(), &mut error) };
    assert!(take_error(error).is_none());
    type Piece = unsafe extern "C" fn(*const C755Vector, *mut C755Bytes) -> i32;
    type FilePiece = unsafe extern "C" fn(*const C755Vector, usize, *mut C755Bytes) -> i32;
    let piece = |f: Piece| {
        let mut out = C755Bytes { ptr: std::ptr::dangling_mut(), len: 1 }; // garbage: emptied first
                                                                           // SAFETY: a live vector and a writable buffer.
        assert_eq!(unsafe { f(vector, &mut out) }, 0);
        take_raw(out)
    };
    let file_piece = |f: FilePiece, index: usize| {
        let mut out = C755Bytes::EMPTY;
        // SAFETY: a live vector and a writable buffer.
        assert_eq!(unsafe { f(vector, index, &mut out) }, 0);
        take_raw(out)
    };
    let period = piece(c755_vector_period);
    assert_eq!(period, b"2016-03-01..2016-03-31");
    assert_eq!(piece(c755_vector_dataset_json), b"");
    assert_eq!(piece(c755_vector_mapping_json), br#"{"entries": {"delimiter": ";"}}"#);
    let mut count = 99;
    // SAFETY: a live vector and a writable count.
    assert_eq!(unsafe { c755_vector_table_count(vector, &mut count) }, 0);
    assert_eq!(count, 3);
    // In the byte order of the names; a NUL in a name is escaped.
    let names: Vec<Vec<u8>> = (0..count).map(|i| file_piece(c755_vector_table_name, i)).collect();
    assert_eq!(names, [b"a\\u0000b.csv".to_vec(), b"entries.csv".to_vec(), b"personnel.csv".to_vec()]);
    let data: Vec<Vec<u8>> = (0..count).map(|i| file_piece(c755_vector_table_data, i)).collect();
    assert_eq!(data, [b"".to_vec(), b"\xff".to_vec(), b"id,role\nD100,deputy\n".to_vec()]);

    let mut out = C755Bytes::EMPTY;
    // SAFETY: an index out of range and NULL pointers are refused.
    unsafe {
        assert_eq!(c755_vector_table_name(vector, 3, &mut out), C755_ERROR_ABI);
        assert_eq!(c755_vector_table_data(vector, usize::MAX, &mut out), C755_ERROR_ABI);
        assert_eq!(c755_vector_table_name(vector, 0, null_mut()), C755_ERROR_ABI);
        assert_eq!(c755_vector_table_data(null(), 0, &mut out), C755_ERROR_ABI);
        assert_eq!(c755_vector_table_count(vector, null_mut()), C755_ERROR_ABI);
        assert_eq!(c755_vector_table_count(null(), &mut count), C755_ERROR_ABI);
        assert_eq!(c755_vector_period(null(), &mut out), C755_ERROR_ABI);
        assert_eq!(c755_vector_period(vector, null_mut()), C755_ERROR_ABI);
        assert_eq!(c755_vector_mapping_json(null(), &mut out), C755_ERROR_ABI);
    }
    assert_eq!(out, C755Bytes::EMPTY);

    // The runner's path: the mapping, then the tables, and the judge (paths must be equal).
    let mapping = mapping_from(&piece(c755_vector_mapping_json), c755_mapping_from_json).unwrap();
    let files =
        Files::new(names.iter().map(|n| std::str::from_utf8(n).unwrap()).zip(data.iter().map(Vec::as_slice)));
    let period = std::ffi::CString::new(period).unwrap();
    let e = audit_tables(&files, &period, mapping.0).unwrap_err();
    assert_eq!(e.path, "worksheets.csv");
    let judge = |path: &CStr| {
        let mut failure = C755Bytes::EMPTY;
        // SAFETY: valid pointers.
        let code = unsafe { c755_vector_judge_rejection(vector, path.as_ptr(), &mut failure, null_mut()) };
        assert_eq!(code, 0);
        take_bytes(failure)
    };
    assert_eq!(judge(c"worksheets.csv"), "");
    assert!(!judge(c"worksheets.csv:1").is_empty(), "a tabular path must be equal, not a prefix");
    // SAFETY: made by c755_vector_parse, freed once.
    unsafe { c755_vector_free(vector) };

    // A JSON vector has no tables.
    let json = format!(r#"{{"name": "j", "dataset": {DATASET}, "expect": {{}}}}"#);
    // SAFETY: `json` is `len` readable bytes.
    let vector = unsafe { c755_vector_parse(json.as_ptr(), json.len(), null_mut()) };
    assert!(!vector.is_null());
    // SAFETY: a live vector and writable out-parameters.
    unsafe {
        assert_eq!(c755_vector_table_count(vector, &mut count), 0);
        assert_eq!(count, 0);
        assert_eq!(c755_vector_period(vector, &mut out), 0);
        assert_eq!(out, C755Bytes::EMPTY);
        assert_eq!(c755_vector_mapping_json(vector, &mut out), 0);
        assert_eq!(out, C755Bytes::EMPTY);
        assert_eq!(c755_vector_table_name(vector, 0, &mut out), C755_ERROR_ABI);
        c755_vector_free(vector);
    }
}
