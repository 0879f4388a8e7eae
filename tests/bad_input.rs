//! The bad-input matrix of issue 5, one test per case: each input is rejected with a typed
//! error naming its path (or accepted, where docs/robustness.md says so), never a panic or a
//! hang, and the library keeps working afterwards.

use contact755::{audit_json, Dataset, InputError, InputErrorKind as K, Policy};

const VALID: &str = r#"{"period": {"start": "2016-03-14", "end": "2016-03-20"},
 "personnel": [{"id": "D100", "role": "deputy"}],
 "worksheets": [{"id": "W1", "personnel_id": "D100", "date": "2016-03-17", "assignment": "non_field",
   "entries": [{"id": "E1", "at": "2016-03-17T09:12:00-07:00", "activity": "station", "clearance_codes": ["755"]}]}]}"#;

fn parse(bytes: &[u8]) -> Result<Dataset, InputError> {
    let result = Dataset::from_json(bytes);
    // The process stays usable: a valid document still audits afterwards.
    assert!(audit_json(&Policy::norwalk_2016(), VALID.as_bytes()).is_ok());
    result
}

/// VALID with `from` replaced by `to` once.
fn with(from: &str, to: &str) -> Vec<u8> {
    assert!(VALID.contains(from), "{from}");
    VALID.replacen(from, to, 1).into_bytes()
}

fn rejected(bytes: &[u8]) -> InputError {
    parse(bytes).expect_err("must be rejected")
}

#[test]
fn empty_document() {
    let e = rejected(b"");
    assert_eq!((e.kind, e.path.as_str(), e.line), (K::Syntax, "", Some(1)));
}

#[test]
fn null_document() {
    assert_eq!(rejected(b"null").kind, K::InvalidType);
}

#[test]
fn invalid_json() {
    let e = rejected(&with("\"deputy\"}]", "\"deputy\"]"));
    assert_eq!((e.kind, e.path.as_str()), (K::Syntax, ""));
    assert!(e.line.is_some() && e.column.is_some());
}

#[test]
fn invalid_utf8() {
    let mut bytes = with("\"W1\"", "\"W\u{e9}\"");
    let at = bytes.iter().position(|&b| b == 0xc3).unwrap();
    bytes[at] = 0xff;
    assert_eq!(rejected(&bytes).kind, K::Syntax);
}

#[test]
fn byte_order_mark_is_rejected_as_documented() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(VALID.as_bytes());
    let e = rejected(&bytes);
    assert_eq!((e.kind, e.line, e.column), (K::Syntax, Some(1), Some(1)));
}

#[test]
fn nesting_100_000_levels() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let e = rejected(&with("\"station\"", &deep));
    // serde_json refuses an array where an enum word belongs as a syntax error at its position.
    assert!(
        e.path.starts_with("worksheets[0].entries[0].activity") || (e.kind == K::Syntax && e.line == Some(4)),
        "{e:?}"
    );
    let e = rejected(deep.as_bytes());
    assert_eq!(e.kind, K::InvalidType);
}

#[test]
fn a_100_mb_string() {
    let big = "x".repeat(100 * 1024 * 1024);
    // As an id: over 64 characters, rejected at its path without quoting it.
    let e = rejected(&with("\"W1\"", &format!("\"{big}\"")));
    assert_eq!((e.kind, e.path.as_str()), (K::InvalidValue, "worksheets[0].id"));
    assert!(e.message.len() < 200);
    // As a free label: accepted (no limit is set on reporting_district), and never echoed.
    let bytes = with("\"assignment\"", &format!("\"reporting_district\": \"{big}\", \"assignment\""));
    let report = audit_json(&Policy::norwalk_2016(), &bytes).unwrap();
    assert!(report.to_json().len() < 10_000);
}

#[test]
fn numbers_beyond_64_bits() {
    let checks = |n: &str| {
        VALID.replacen(
            "\"worksheets\"",
            &format!("\"vehicle_checks\": [{{\"id\": \"C1\", \"vehicle_id\": \"V\", \"date\": \"2016-03-14\", \"cards_on_hand\": {n}}}], \"worksheets\""),
            1,
        )
    };
    assert!(parse(checks("18446744073709551615").as_bytes()).is_ok()); // u64::MAX
    for n in ["18446744073709551616", "1e400", "-1", "340282366920938463463374607431768211456"] {
        let e = rejected(checks(n).as_bytes());
        // serde_json reads 1e400 as a number out of range: a syntax error at a line and column.
        if e.kind == K::Syntax {
            assert!(e.path.is_empty() && e.line.is_some(), "{n}: {e:?}");
        } else {
            assert_eq!(e.path, "vehicle_checks[0].cards_on_hand", "{n}");
            assert!(matches!(e.kind, K::InvalidType | K::InvalidValue), "{n}: {e:?}");
        }
    }
}

#[test]
fn nan_and_infinity() {
    for token in ["NaN", "Infinity", "-Infinity"] {
        assert_eq!(rejected(&with("[\"755\"]", token)).kind, K::Syntax, "{token}");
    }
}

#[test]
fn duplicate_keys_in_one_object() {
    let e = rejected(&with("\"id\": \"E1\",", "\"id\": \"E1\", \"id\": \"E2\","));
    assert_eq!((e.kind, e.path.as_str()), (K::DuplicateKey, "worksheets[0].entries[0]"));
}

#[test]
fn ids_of_65_characters() {
    let e = rejected(&with("\"E1\"", &format!("\"{}\"", "E".repeat(65))));
    assert_eq!((e.kind, e.path.as_str()), (K::InvalidValue, "worksheets[0].entries[0].id"));
    assert!(parse(&with("\"E1\"", &format!("\"{}\"", "E".repeat(64)))).is_ok());
}

#[test]
fn timestamps_at_the_edges_of_the_representable_range() {
    // Four-digit years 0001 to 9999 only: every accepted timestamp fits chrono's range,
    // offsets included (the first instant below lies in year 0000 UTC, which is fine).
    for ts in ["0001-01-01T00:00:00+23:59", "9999-12-31T23:59:59.999999999-23:59", "0001-01-01T00:00:00Z"] {
        assert!(parse(&with("2016-03-17T09:12:00-07:00", ts)).is_ok(), "{ts}");
    }
    for ts in [
        "+10000-01-01T00:00:00Z",
        "-0001-01-01T00:00:00Z",
        "99999-12-31T23:59:59Z",
        "2016-03-17T09:12:00+24:00",
        "0000-01-01T00:00:00Z",
        "0000-12-31T23:59:59+23:59",
    ] {
        let e = rejected(&with("2016-03-17T09:12:00-07:00", ts));
        assert_eq!((e.kind, e.path.as_str()), (K::InvalidValue, "worksheets[0].entries[0].at"), "{ts}");
    }
    // Dates at the edges audit without overflow (briefing windows, card windows).
    let edge =
        VALID.replacen("\"2016-03-20\"", "\"9999-12-31\"", 1).replacen("\"2016-03-14\"", "\"0001-01-01\"", 1);
    let sergeant = edge.replacen("\"deputy\"", "\"sergeant\"", 1);
    assert!(audit_json(&Policy::norwalk_2016(), sergeant.as_bytes()).is_ok());
}

#[test]
fn dates_that_are_not_calendar_days() {
    for d in ["2016-02-30", "2015-02-29", "2016-13-01", "2016-00-10", "2016-04-31"] {
        let e = rejected(&with("\"2016-03-17\"", &format!("\"{d}\"")));
        assert_eq!((e.kind, e.path.as_str()), (K::InvalidValue, "worksheets[0].date"), "{d}");
    }
}

#[test]
fn policy_nesting_100_000_levels() {
    // A policy is a flat record: deep nesting is refused at the first value of the wrong
    // shape, in JSON and in TOML, without recursing into it.
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let e = Policy::from_json(format!("{{\"covered_areas\": {deep}}}").as_bytes()).unwrap_err();
    assert_eq!(e.path, "covered_areas[0]", "{e:?}");
    assert!(Policy::from_json(deep.as_bytes()).is_err());
    let e = Policy::from_toml(&format!("covered_areas = {deep}")).unwrap_err();
    assert!(e.message.len() < 400, "{}", e.message.len());
    let inline_tables = format!("covered_areas = {}{}", "{a = ".repeat(100_000), "}".repeat(100_000));
    assert!(Policy::from_toml(&inline_tables).is_err());
    // Still usable afterwards.
    assert!(Policy::from_toml("community_relations_code = \"755\"").is_ok());
}
