//! Every rejection case of SPEC §2: each mutation of a valid dataset is rejected as a whole,
//! with the documented path and kind, and nothing panics.

use contact755::{Dataset, InputErrorKind as K, Policy};
use serde_json::{json, Value};

fn base() -> Value {
    json!({
        "period": {"start": "2016-03-14", "end": "2016-03-20"},
        "personnel": [{"id": "D100", "role": "deputy"}, {"id": "S200", "role": "sergeant"}],
        "worksheets": [{
            "id": "W1", "personnel_id": "D100", "date": "2016-03-17",
            "assignment": "field", "area": "Norwalk", "vehicle_id": "NWK-12",
            "shift_start": "2016-03-17T06:00:00-07:00", "shift_end": "2016-03-17T16:00:00-07:00",
            "entries": [{
                "id": "E1", "at": "2016-03-17T09:12:00-07:00", "activity": "self_initiated",
                "clearance_codes": ["755"],
                "contact": {"category": "resident", "card_provided": true}
            }],
            "review": {"reviewer_id": "S200", "reviewed_on": "2016-03-18", "approved": true}
        }],
        "briefings": [{"id": "B1", "sergeant_id": "S200", "date": "2016-03-01"}],
        "vehicle_checks": [{"id": "C1", "vehicle_id": "NWK-12", "date": "2016-03-14", "cards_on_hand": 40}]
    })
}

/// Applies `f` to the base dataset and returns the rejection's (path, kind).
fn reject(f: impl FnOnce(&mut Value)) -> (String, K) {
    let mut v = base();
    f(&mut v);
    let bytes = serde_json::to_vec(&v).unwrap();
    let err = Dataset::from_json(&bytes).expect_err("must be rejected");
    assert!(!err.message.is_empty());
    (err.path, err.kind)
}

fn set(v: &mut Value, pointer: &str, value: Value) {
    *v.pointer_mut(pointer).unwrap_or_else(|| panic!("{pointer}")) = value;
}

fn remove(v: &mut Value, pointer: &str, key: &str) {
    v.pointer_mut(pointer).unwrap().as_object_mut().unwrap().remove(key).unwrap();
}

fn insert(v: &mut Value, pointer: &str, key: &str, value: Value) {
    v.pointer_mut(pointer).unwrap().as_object_mut().unwrap().insert(key.into(), value);
}

const E0: &str = "/worksheets/0/entries/0";

#[test]
fn the_base_is_valid() {
    Dataset::from_json(&serde_json::to_vec(&base()).unwrap()).unwrap();
}

#[test]
fn unknown_fields_everywhere() {
    for (pointer, path) in [
        ("", ""),
        ("/period", "period"),
        ("/personnel/0", "personnel[0]"),
        ("/worksheets/0", "worksheets[0]"),
        (E0, "worksheets[0].entries[0]"),
        ("/worksheets/0/entries/0/contact", "worksheets[0].entries[0].contact"),
        ("/worksheets/0/review", "worksheets[0].review"),
        ("/briefings/0", "briefings[0]"),
        ("/vehicle_checks/0", "vehicle_checks[0]"),
    ] {
        let (got, kind) = reject(|v| insert(v, pointer, "citizen_name", json!("x")));
        assert_eq!(kind, K::UnknownField, "{pointer}");
        assert!(got.starts_with(path), "{pointer}: {got}");
    }
}

#[test]
fn missing_required_fields() {
    for (pointer, key, path) in [
        ("", "period", ""),
        ("", "personnel", ""),
        ("", "worksheets", ""),
        ("/period", "start", "period"),
        ("/period", "end", "period"),
        ("/personnel/0", "id", "personnel[0]"),
        ("/personnel/0", "role", "personnel[0]"),
        ("/worksheets/0", "id", "worksheets[0]"),
        ("/worksheets/0", "personnel_id", "worksheets[0]"),
        ("/worksheets/0", "date", "worksheets[0]"),
        ("/worksheets/0", "assignment", "worksheets[0]"),
        ("/worksheets/0", "entries", "worksheets[0]"),
        (E0, "id", "worksheets[0].entries[0]"),
        (E0, "at", "worksheets[0].entries[0]"),
        (E0, "activity", "worksheets[0].entries[0]"),
        (E0, "clearance_codes", "worksheets[0].entries[0]"),
        ("/worksheets/0/entries/0/contact", "category", "worksheets[0].entries[0].contact"),
        ("/worksheets/0/entries/0/contact", "card_provided", "worksheets[0].entries[0].contact"),
        ("/worksheets/0/review", "reviewer_id", "worksheets[0].review"),
        ("/worksheets/0/review", "reviewed_on", "worksheets[0].review"),
        ("/worksheets/0/review", "approved", "worksheets[0].review"),
        ("/briefings/0", "sergeant_id", "briefings[0]"),
        ("/vehicle_checks/0", "cards_on_hand", "vehicle_checks[0]"),
    ] {
        let (got, kind) = reject(|v| remove(v, pointer, key));
        assert_eq!((got.as_str(), kind), (path, K::MissingField), "{pointer}/{key}");
    }
}

#[test]
fn wrong_types_and_unknown_words() {
    for (pointer, value, path, kind) in [
        ("/personnel", json!({}), "personnel", K::InvalidType),
        ("/personnel/0/role", json!("chief"), "personnel[0].role", K::InvalidValue),
        ("/worksheets/0/assignment", json!("desk"), "worksheets[0].assignment", K::InvalidValue),
        (
            "/worksheets/0/entries/0/activity",
            json!("patrol"),
            "worksheets[0].entries[0].activity",
            K::InvalidValue,
        ),
        (
            "/worksheets/0/entries/0/contact/category",
            json!("citizen"),
            "worksheets[0].entries[0].contact.category",
            K::InvalidValue,
        ),
        (
            "/worksheets/0/entries/0/contact/card_provided",
            json!("yes"),
            "worksheets[0].entries[0].contact.card_provided",
            K::InvalidType,
        ),
        (
            "/worksheets/0/entries/0/clearance_codes",
            json!("755"),
            "worksheets[0].entries[0].clearance_codes",
            K::InvalidType,
        ),
        (
            "/worksheets/0/entries/0/clearance_codes/0",
            json!(755),
            "worksheets[0].entries[0].clearance_codes[0]",
            K::InvalidType,
        ),
        ("/worksheets/0/review/approved", json!(1), "worksheets[0].review.approved", K::InvalidType),
        ("/worksheets/0/id", json!(1), "worksheets[0].id", K::InvalidType),
        ("/vehicle_checks/0/cards_on_hand", json!(-1), "vehicle_checks[0].cards_on_hand", K::InvalidValue),
        ("/vehicle_checks/0/cards_on_hand", json!(2.5), "vehicle_checks[0].cards_on_hand", K::InvalidType),
        ("/vehicle_checks/0/cards_on_hand", json!("40"), "vehicle_checks[0].cards_on_hand", K::InvalidType),
    ] {
        let (got, k) = reject(|v| set(v, pointer, value.clone()));
        assert_eq!((got.as_str(), k), (path, kind), "{pointer} = {value}");
    }
}

#[test]
fn bad_dates_and_timestamps() {
    for (pointer, value, path) in [
        ("/period/start", "2016-02-30", "period.start"),
        ("/period/start", "2016-3-01", "period.start"),
        ("/period/end", "03/20/2016", "period.end"),
        ("/worksheets/0/date", "2016-03-17T00:00:00Z", "worksheets[0].date"),
        ("/worksheets/0/review/reviewed_on", "", "worksheets[0].review.reviewed_on"),
        ("/briefings/0/date", "+2016-03-01", "briefings[0].date"),
        ("/worksheets/0/entries/0/at", "2016-03-17T09:12:00", "worksheets[0].entries[0].at"),
        ("/worksheets/0/entries/0/at", "2016-03-17 09:12:00-07:00", "worksheets[0].entries[0].at"),
        ("/worksheets/0/entries/0/at", "2016-12-31T23:59:60Z", "worksheets[0].entries[0].at"),
        ("/worksheets/0/entries/0/at", "2016-03-17T09:12-07:00", "worksheets[0].entries[0].at"),
        ("/worksheets/0/shift_start", "2016-03-17", "worksheets[0].shift_start"),
        ("/worksheets/0/shift_end", "2016-03-17T25:00:00Z", "worksheets[0].shift_end"),
    ] {
        let (got, kind) = reject(|v| set(v, pointer, json!(value)));
        assert_eq!((got.as_str(), kind), (path, K::InvalidValue), "{pointer} = {value}");
    }
}

#[test]
fn bad_ids_in_records_and_references() {
    let long = "X".repeat(65);
    for pointer in [
        "/personnel/0/id",
        "/worksheets/0/id",
        "/worksheets/0/personnel_id",
        "/worksheets/0/vehicle_id",
        "/worksheets/0/entries/0/id",
        "/worksheets/0/review/reviewer_id",
        "/briefings/0/id",
        "/briefings/0/sergeant_id",
        "/vehicle_checks/0/id",
        "/vehicle_checks/0/vehicle_id",
    ] {
        let path = pointer.trim_start_matches('/').replace('/', ".");
        let path = regex_like_indices(&path);
        for bad in ["", long.as_str(), "D1\u{0}00", "D\t1"] {
            let (got, kind) = reject(|v| set(v, pointer, json!(bad)));
            assert_eq!((got.as_str(), kind), (path.as_str(), K::InvalidValue), "{pointer} = {bad:?}");
        }
    }
    // 64 characters (not bytes) is fine.
    let mut v = base();
    set(&mut v, "/personnel/0/id", json!("é".repeat(64)));
    Dataset::from_json(&serde_json::to_vec(&v).unwrap()).unwrap();
}

/// `worksheets.0.entries.0.id` → `worksheets[0].entries[0].id`.
fn regex_like_indices(dotted: &str) -> String {
    let mut out = String::new();
    for part in dotted.split('.') {
        if part.chars().all(|c| c.is_ascii_digit()) {
            out.push_str(&format!("[{part}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(part);
        }
    }
    out
}

#[test]
fn constraints_between_fields() {
    let (p, k) = reject(|v| set(v, "/period/end", json!("2016-03-13")));
    assert_eq!((p.as_str(), k), ("period", K::Constraint));
    let (p, k) = reject(|v| remove(v, "/worksheets/0", "area"));
    assert_eq!((p.as_str(), k), ("worksheets[0]", K::Constraint));
    let (p, k) = reject(|v| set(v, "/worksheets/0/area", Value::Null));
    assert_eq!((p.as_str(), k), ("worksheets[0]", K::Constraint));
    let (p, k) = reject(|v| set(v, "/worksheets/0/entries/0/contact/category", json!("other")));
    assert_eq!((p.as_str(), k), ("worksheets[0].entries[0].contact", K::Constraint));
    let (p, _) = reject(|v| {
        set(v, "/worksheets/0/entries/0/contact/category", json!("other"));
        insert(v, "/worksheets/0/entries/0/contact", "description", json!(" \t "));
    });
    assert_eq!(p, "worksheets[0].entries[0].contact");
    let (p, k) =
        reject(|v| insert(v, "/worksheets/0/entries/0/contact", "description", json!("é".repeat(201))));
    assert_eq!((p.as_str(), k), ("worksheets[0].entries[0].contact.description", K::InvalidValue));
    // 200 code points is the limit, not 200 bytes.
    let mut v = base();
    insert(&mut v, "/worksheets/0/entries/0/contact", "description", json!("é".repeat(200)));
    Dataset::from_json(&serde_json::to_vec(&v).unwrap()).unwrap();
}

#[test]
fn nulls_mean_absent() {
    let mut v = base();
    for key in ["reporting_district", "vehicle_id", "shift_start", "shift_end", "review"] {
        insert(&mut v, "/worksheets/0", key, Value::Null);
    }
    insert(&mut v, E0, "contact", Value::Null);
    insert(&mut v, "", "briefings", Value::Null);
    insert(&mut v, "", "vehicle_checks", Value::Null);
    let d = Dataset::from_json(&serde_json::to_vec(&v).unwrap()).unwrap();
    assert!(d.worksheets[0].review.is_none() && d.briefings.is_empty() && d.vehicle_checks.is_empty());
    // A required field given as null is a type error, not an absence.
    let (p, k) = reject(|v| set(v, "/worksheets/0/entries/0/clearance_codes", Value::Null));
    assert_eq!((p.as_str(), k), ("worksheets[0].entries[0].clearance_codes", K::InvalidType));
}

#[test]
fn syntax_errors_have_no_path_but_a_position() {
    for (text, line) in [
        (&b""[..], 1),
        (b"null", 1),
        (b"{\n  \"period\": ", 2),
        (b"{\"period\": {\"start\": \"2016-03-14\",}}", 1),
        (b"\xEF\xBB\xBF{}", 1),
        (b"{\"period\": {\"start\": \"\xff\"}}", 1),
        (b"{\"period\": NaN}", 1),
        (b"[] []", 1),
    ] {
        let err = Dataset::from_json(text).unwrap_err();
        if err.kind == K::Syntax {
            assert_eq!(err.path, "", "{text:?}");
            assert_eq!(err.line, Some(line), "{text:?}");
            assert!(err.column.is_some());
        } else {
            // `null` and `[] []` start as JSON but are not a dataset object.
            assert!(matches!(err.kind, K::InvalidType | K::InvalidValue), "{text:?}: {err:?}");
        }
    }
}

#[test]
fn repeated_keys_are_rejected() {
    let text =
        serde_json::to_string(&base()).unwrap().replacen("\"id\":\"E1\"", "\"id\":\"E1\",\"id\":\"E2\"", 1);
    let err = Dataset::from_json(text.as_bytes()).unwrap_err();
    assert_eq!(err.kind, K::DuplicateKey);
    assert!(err.path.starts_with("worksheets[0].entries[0]"), "{}", err.path);
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let text = format!("{{\"period\": {deep}}}");
    let err = Dataset::from_json(text.as_bytes()).unwrap_err();
    assert!(err.path.starts_with("period"), "{err:?}");
    assert!(Policy::from_json(&deep).is_err());
    // Deep nesting where any value may stand: serde_json's recursion limit answers.
    let err = Dataset::from_json(format!("{{\"period\": {{\"start\": {deep}}}}}").as_bytes()).unwrap_err();
    assert!(err.path.starts_with("period"), "{err:?}");
}

#[test]
fn messages_never_quote_free_text() {
    let secret = "Mrs Jane Roe of 12 Elm St, 555-0100";
    let (_, _) = reject(|v| set(v, "/worksheets/0/entries/0/contact/card_provided", json!(secret)));
    let mut v = base();
    set(&mut v, "/worksheets/0/entries/0/contact/card_provided", json!(secret));
    let err = Dataset::from_json(&serde_json::to_vec(&v).unwrap()).unwrap_err();
    assert!(!err.to_string().contains("Jane"), "{err}");
    let mut v = base();
    insert(&mut v, "/worksheets/0/entries/0/contact", "description", json!(secret.repeat(10)));
    let err = Dataset::from_json(&serde_json::to_vec(&v).unwrap()).unwrap_err();
    assert!(!err.to_string().contains("Jane"), "{err}");
}

#[test]
fn records_must_be_objects_not_arrays() {
    for (pointer, value, path) in [
        ("/period", json!(["2016-03-14", "2016-03-20"]), "period"),
        ("/personnel/0", json!(["D100", "deputy"]), "personnel[0]"),
        ("/worksheets/0/review", json!(["S200", "2016-03-18", true]), "worksheets[0].review"),
        ("/worksheets/0/entries/0/contact", json!(["resident", true]), "worksheets[0].entries[0].contact"),
        ("/briefings/0", json!(["B1", "S200", "2016-03-01"]), "briefings[0]"),
        ("/vehicle_checks/0", json!(["C1", "NWK-12", "2016-03-14", 40]), "vehicle_checks[0]"),
    ] {
        let (got, kind) = reject(|v| set(v, pointer, value.clone()));
        assert_eq!((got.as_str(), kind), (path, K::InvalidType), "{pointer}");
    }
    let err = Dataset::from_json(b"[]").unwrap_err();
    assert_eq!(err.kind, K::InvalidType);
    assert_eq!(Policy::from_json("[]").unwrap_err().kind, K::InvalidType);
}
