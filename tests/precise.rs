//! Precise points the vectors leave open, each pinned by a test: the edges that the mutation
//! baseline (docs/robustness.md, "Mutation testing") showed no test looked at — error texts and
//! kinds, date and timestamp scanning, offsets and fractions, code and entry-id duplicates on
//! long lists, area comparison beyond ASCII, the JSON of a policy and a report.

use chrono::{Offset, Timelike};
use contact755::*;

fn rejected(json: &str) -> InputError {
    match Dataset::from_json(json.as_bytes()) {
        Ok(_) => panic!("accepted: {}", json.chars().take(120).collect::<String>()),
        Err(e) => e,
    }
}

const BASE: &str = r#"{"period": {"start": "2016-03-17", "end": "2016-03-17"},
  "personnel": [{"id": "D100", "role": "deputy"}, {"id": "S200", "role": "sergeant"}, {"id": "L300", "role": "lieutenant"}],
  "worksheets": [{"id": "W1", "personnel_id": "D100", "date": "2016-03-17", "assignment": "field", "area": "Norwalk",
    "entries": [ENTRIES],
    "review": {"reviewer_id": "REVIEWER", "reviewed_on": "2016-03-18", "approved": true}}],
  "briefings": [{"id": "B1", "sergeant_id": "S200", "date": "2016-03-01"}]}"#;

fn entry(id: &str, codes: &[&str]) -> String {
    let codes: Vec<String> = codes.iter().map(|c| format!("{c:?}")).collect();
    format!(
        r#"{{"id": "{id}", "at": "2016-03-17T09:12:00-07:00", "activity": "obs", "clearance_codes": [{}],
           "contact": {{"category": "resident", "card_provided": true}}}}"#,
        codes.join(", ")
    )
}

fn dataset(entries: &[String], reviewer: &str) -> String {
    BASE.replace("ENTRIES", &entries.join(", ")).replace("REVIEWER", reviewer)
}

fn rules_of(report: &Report) -> Vec<(&str, &str)> {
    report.findings.iter().map(|f| (f.rule.as_str(), f.subject.as_str())).collect()
}

#[test]
fn dates_are_exactly_ten_characters() {
    for d in ["2016-03-011", "2016-03-1", "2016/03/01", "2016-03-01 "] {
        assert!(parse_date(d).is_err(), "{d}");
    }
    assert!(parse_date("2016-03-01").is_ok());
}

#[test]
fn timestamps_need_both_colons_and_read_fractions_and_offsets_exactly() {
    for t in [
        "2016-03-17T09x12:00Z",
        "2016-03-17T09:12x00Z",
        "2016-03-17T09:12:00+00:60",
        "2016-03-17T09:12:00+24:00",
    ] {
        assert!(parse_timestamp(t).is_err(), "{t}");
    }
    let half = parse_timestamp("2016-03-17T09:12:00.5Z").unwrap();
    assert_eq!(half.nanosecond(), 500_000_000);
    assert_eq!(parse_timestamp("2016-03-17T09:12:00.123456789Z").unwrap().nanosecond(), 123_456_789);
    assert_eq!(parse_timestamp("2016-03-17T09:12:00.000000001Z").unwrap().nanosecond(), 1);
    let india = parse_timestamp("2016-03-17T09:12:00+05:30").unwrap();
    assert_eq!(india.offset().fix().local_minus_utc(), 5 * 3600 + 30 * 60);
    let west = parse_timestamp("2016-03-17T09:12:00-07:15").unwrap();
    assert_eq!(west.offset().fix().local_minus_utc(), -(7 * 3600 + 15 * 60));
}

#[test]
fn a_long_code_list_finds_its_duplicate_and_only_a_real_one() {
    let mut codes: Vec<String> = (0..20).map(|i| format!("C{i}")).collect();
    let unique: Vec<&str> = codes.iter().map(String::as_str).collect();
    let report =
        audit_json(&Policy::norwalk_2016(), dataset(&[entry("E1", &unique)], "S200").as_bytes()).unwrap();
    assert!(!rules_of(&report).contains(&("DATA-CODE-DUPLICATE", "entry:W1/E1")), "{:?}", rules_of(&report));
    codes.push(" C7 ".into());
    codes.push("755".into());
    let with_dup: Vec<&str> = codes.iter().map(String::as_str).collect();
    let report =
        audit_json(&Policy::norwalk_2016(), dataset(&[entry("E1", &with_dup)], "S200").as_bytes()).unwrap();
    let dup = report.findings_of(RuleId::DataCodeDuplicate).next().expect("the repeated C7");
    assert!(dup.message.contains("C7"), "{}", dup.message);
    assert_eq!(report.summary.contacts_755, 1);
}

#[test]
fn a_long_worksheet_finds_its_repeated_entry_ids_and_only_those() {
    let entries: Vec<String> = (0..40).map(|i| entry(&format!("E{i}"), &["755"])).collect();
    let report = audit_json(&Policy::norwalk_2016(), dataset(&entries, "S200").as_bytes()).unwrap();
    assert_eq!(report.findings_of(RuleId::DataDuplicateId).count(), 0);
    assert_eq!(report.summary.contacts_755, 40);
    let mut repeated = entries.clone();
    repeated.push(entry("E3", &["415"]));
    let report = audit_json(&Policy::norwalk_2016(), dataset(&repeated, "S200").as_bytes()).unwrap();
    let dups: Vec<&str> = report.findings_of(RuleId::DataDuplicateId).map(|f| f.subject.as_str()).collect();
    assert_eq!(dups, ["entry:W1/E3"]);
    // The repeated entry is ignored: its contact without 755 is no FP-CODE-755.
    assert_eq!(report.findings_of(RuleId::FpCode755).count(), 0);
}

#[test]
fn areas_compare_case_insensitively_beyond_ascii() {
    let p = Policy::from_json(r#"{"covered_areas": ["Ñuñoa", "Norwalk"]}"#).unwrap();
    let report = |area: &str| {
        let json = dataset(&[entry("E1", &["755"])], "S200")
            .replace("\"area\": \"Norwalk\"", &format!("\"area\": {area:?}"));
        audit_json(&p, json.as_bytes()).unwrap().summary.worksheets_covered
    };
    assert_eq!(report("ñUÑOA"), 1);
    assert_eq!(report("Nunoa"), 0);
    assert_eq!(report("Ñuñoa Norte"), 0);
    assert_eq!(report("NORWALK"), 1);
}

#[test]
fn review_messages_name_the_role_in_words() {
    let report =
        audit_json(&Policy::norwalk_2016(), dataset(&[entry("E1", &["755"])], "L300").as_bytes()).unwrap();
    let f = report.findings_of(RuleId::SgtReviewRole).next().expect("a lieutenant may not review");
    assert_eq!(f.message, "reviewer L300 is a lieutenant, not an allowed reviewer");
}

#[test]
fn words_and_ids_display_as_the_spec_writes_them() {
    assert_eq!(format!("{}", RuleId::FpCode755), "FP-CODE-755");
    assert_eq!(format!("{}", Severity::Advisory), "advisory");
    assert_eq!(format!("{}", InputErrorKind::DuplicateKey), "duplicate_key");
    assert_eq!(InputErrorKind::Constraint.as_str(), "constraint");
}

#[test]
fn errors_display_path_message_and_position() {
    let e = rejected("{\n  \"period\": 1\n}");
    assert_eq!(e.to_string(), format!("period: {} (line 2, column {})", e.message, e.column.unwrap()));
    assert!(e.message.contains("expected an object"), "{}", e.message);
    let e = rejected("{\n  \"period\": ");
    assert_eq!((e.kind, e.path.as_str(), e.line), (InputErrorKind::Syntax, "", Some(2)));
    assert!(e.to_string().starts_with(&e.message) && e.to_string().ends_with(')'));
    let e = rejected(
        &BASE.replace("ENTRIES", &entry("E1", &["755"])).replace("\"2016-03-17T09:12:00-07:00\"", "1"),
    );
    assert!(e.message.contains("expected an RFC 3339 timestamp with offset"), "{}", e.message);
    let e = rejected(&BASE.replace("\"2016-03-17\", \"end\"", "7, \"end\"").replace("ENTRIES", ""));
    assert!(e.message.contains("expected a date YYYY-MM-DD"), "{}", e.message);
    let e = rejected(&BASE.replace("ENTRIES", "").replace("\"entries\": []", "\"entries\": {}"));
    assert!(e.message.contains("expected an array of objects"), "{}", e.message);
    let e = rejected(
        &BASE
            .replace("ENTRIES", &entry("E1", &["755"]))
            .replace("\"clearance_codes\": [\"755\"]", "\"clearance_codes\": 3"),
    );
    assert!(e.message.contains("expected a sequence"), "{}", e.message);
    let e = rejected(
        &BASE.replace("ENTRIES", "").replace("\"worksheets\": [{", "\"worksheets\": [{\"shift_start\": 4, "),
    );
    assert!(e.message.contains("expected an RFC 3339 timestamp with offset"), "{}", e.message);
}

#[test]
fn toml_errors_have_their_line_kind_and_path() {
    let e = Policy::from_toml("station = \"x\"\n\nmin_contacts_per_shift = \n").unwrap_err();
    assert_eq!((e.kind, e.line), (InputErrorKind::Syntax, Some(3)));
    let e = Policy::from_toml("station = \"x\"\nmin_contacts_per_shift = \"2\"\n").unwrap_err();
    assert_eq!((e.kind, e.path.as_str()), (InputErrorKind::InvalidType, "min_contacts_per_shift"));
    let e = Policy::from_toml("colour = 1\n").unwrap_err();
    assert_eq!((e.kind, e.path.as_str()), (InputErrorKind::UnknownField, "colour"));
}

#[test]
fn long_values_are_shortened_in_messages_at_forty_characters() {
    let forty = "x".repeat(40);
    let e = rejected(
        &BASE.replace("ENTRIES", "").replace("\"2016-03-17\", \"end\"", &format!("{forty:?}, \"end\"")),
    );
    assert!(e.message.contains(&format!("\"{forty}\"")) && !e.message.contains('…'), "{}", e.message);
    let e = rejected(
        &BASE.replace("ENTRIES", "").replace("\"2016-03-17\", \"end\"", &format!("\"{forty}y\", \"end\"")),
    );
    assert!(e.message.contains('…'), "{}", e.message);
    let long_word = "w".repeat(41);
    let e = rejected(&BASE.replace("ENTRIES", "").replace("\"deputy\"", &format!("{long_word:?}")));
    assert!(e.message.contains(&format!("`{}…`", "w".repeat(40))), "{}", e.message);
    let exact = "w".repeat(40);
    let e = rejected(&BASE.replace("ENTRIES", "").replace("\"deputy\"", &format!("{exact:?}")));
    assert!(e.message.contains(&format!("`{exact}`")), "{}", e.message);
}

#[test]
fn policies_and_reports_write_json_that_reads_back() {
    let p = Policy::from_toml("min_contacts_per_shift = 3\n[rules.FP-CARD]\nenabled = false\n").unwrap();
    assert_eq!(Policy::from_json(p.to_json()).unwrap(), p);
    let report = audit_json(&p, dataset(&[entry("E1", &["415"])], "S200").as_bytes()).unwrap();
    let json = report.to_json();
    assert!(json.ends_with("}\n"));
    assert_eq!(Report::from_json(json.as_bytes()).unwrap().findings, report.findings);
    let card: Vec<&Finding> = report.findings_of(RuleId::FpCode755).collect();
    assert_eq!(card.len(), 1);
    assert!(report.findings_of(RuleId::FpCard).next().is_none());
}

#[test]
fn a_worksheet_header_is_checked_like_a_worksheet() {
    let header = WorksheetHeader {
        id: "W\n1".into(),
        personnel_id: "D100".into(),
        date: parse_date("2016-03-17").unwrap(),
        assignment: Assignment::Field,
        area: Some("Norwalk".into()),
        shift_start: None,
        shift_end: None,
    };
    assert_eq!(header.validate().unwrap_err().path, "worksheet.id");
    let entry = Entry {
        id: "E1".into(),
        at: parse_timestamp("2016-03-17T09:12:00-07:00").unwrap(),
        activity: Activity::SelfInitiated,
        clearance_codes: vec!["755".into()],
        contact: None,
    };
    assert_eq!(check_entry(&Policy::norwalk_2016(), &header, &entry).unwrap_err().path, "worksheet.id");
    let bad_person = WorksheetHeader { id: "W1".into(), personnel_id: String::new(), ..header };
    assert_eq!(bad_person.validate().unwrap_err().path, "worksheet.personnel_id");
}

#[test]
fn the_contract_writes_findings_rules_and_vocabularies() {
    let report =
        audit_json(&Policy::norwalk_2016(), dataset(&[entry("E1", &["415"])], "S200").as_bytes()).unwrap();
    let json: serde_json::Value = serde_json::from_str(&contract::findings_json(&report.findings)).unwrap();
    assert_eq!(json.as_array().map(Vec::len), Some(report.findings.len()));
    assert_eq!(json[0]["rule"], "FP-CODE-755");
    let rules: serde_json::Value =
        serde_json::from_str(&contract::rules_json(&Policy::norwalk_2016())).unwrap();
    assert_eq!(rules.as_array().map(Vec::len), Some(18));
    assert_eq!(rules[2]["severity"], "advisory");
    let vocabularies = vocabularies();
    let names: Vec<&str> = vocabularies.iter().map(|(n, _)| *n).collect();
    assert_eq!(
        names,
        ["role", "assignment", "activity", "category", "severity", "scope", "subject_kind", "error_kind"]
    );
    assert_eq!(vocabularies[0].1, Role::WORDS);
    assert!(vocabularies[2].1.contains(&"self_initiated"));
}

#[test]
fn code_patterns_print_as_written_and_the_default_check_refuses_bad_codes() {
    let p = CodePattern::new("[0-9]{3}").unwrap();
    assert_eq!((p.as_str(), p.to_string()), ("[0-9]{3}", "[0-9]{3}".to_string()));
    assert!(!is_well_formed_code("75 5") && !is_well_formed_code("") && !is_well_formed_code("123456789"));
    assert!(is_well_formed_code("CR1"));
}

#[test]
fn weeks_start_on_monday() {
    let d = |s: &str| parse_date(s).unwrap();
    assert_eq!(week_start(d("2016-03-17")), d("2016-03-14"));
    assert_eq!(week_start(d("2016-03-14")), d("2016-03-14"));
    assert_eq!(week_start(d("2016-03-13")), d("2016-03-07"));
    let report =
        audit_json(&Policy::norwalk_2016(), dataset(&[entry("E1", &["755"])], "S200").as_bytes()).unwrap();
    let weekly = &report.summary.contacts_755_by_week;
    assert_eq!(weekly.len(), 1);
    assert_eq!(
        (weekly[0].week_start, weekly[0].area.as_str(), weekly[0].contacts),
        (d("2016-03-14"), "Norwalk", 1)
    );
}

// Missed by the mutation run of the contract refactor (docs/robustness.md): the contract's
// JSON-in/JSON-out functions are what the bindings call, and the core's own tests now pin them.

#[test]
fn check_entry_json_finds_and_its_paths_name_the_sub_document() {
    let policy = Policy::norwalk_2016();
    let worksheet = br#"{"id": "W1", "personnel_id": "D100", "date": "2016-03-17", "assignment": "field", "area": "Norwalk"}"#;
    let entry =
        br#"{"id": "E1", "at": "2016-03-17T09:12:00-07:00", "activity": "obs", "clearance_codes": ["415"],
                      "contact": {"category": "resident", "card_provided": true}}"#;
    let findings = contract::check_entry_json(&policy, worksheet, entry).unwrap();
    let rules: Vec<&str> = findings.iter().map(|f| f.rule.as_str()).collect();
    assert_eq!(rules, ["FP-CODE-755"]);
    // A data error gets the sub-document's name in front of its path.
    let bad_date = br#"{"id": "W1", "personnel_id": "D100", "date": "2016-13-17", "assignment": "field", "area": "Norwalk"}"#;
    let e = contract::check_entry_json(&policy, bad_date, entry).unwrap_err();
    assert_eq!((e.kind, e.path.as_str()), (InputErrorKind::InvalidValue, "worksheet.date"));
    let e = contract::check_entry_json(&policy, worksheet, br#"{"id": "E1"}"#).unwrap_err();
    assert_eq!((e.kind, e.path.as_str()), (InputErrorKind::MissingField, "entry"));
    // A syntax error keeps its empty path and its position.
    let e = contract::check_entry_json(&policy, worksheet, b"{\n  \"id\": ").unwrap_err();
    assert_eq!((e.kind, e.path.as_str(), e.line), (InputErrorKind::Syntax, "", Some(2)));
}

#[test]
fn error_json_is_the_error_object() {
    let e = rejected(&BASE.replace("ENTRIES", r#"{"id": "E1"}"#));
    let v: serde_json::Value = serde_json::from_str(&contract::error_json(&e)).unwrap();
    assert_eq!(v["kind"], "missing_field");
    assert_eq!(v["path"], "worksheets[0].entries[0]");
    assert_eq!(v["line"], e.line.unwrap());
    assert_eq!(v["column"], e.column.unwrap());
    assert_eq!(v["message"], e.message.as_str());
    assert_eq!(v.as_object().unwrap().len(), 5);
}

#[test]
fn policies_read_from_any_serde_format_keep_their_settings() {
    let value = serde_json::json!({"preset": "compton-2018", "min_contacts_per_shift": 3});
    let read = contract::read_policy(&value).unwrap();
    assert_eq!((read.preset.as_str(), read.min_contacts_per_shift), ("compton-2018", 3));
    assert_eq!(read, Policy::from_json(value.to_string()).unwrap());
    // `Policy: Deserialize` (a policy inside a caller's own configuration) reads the same way.
    let inside: Policy = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(inside, read);
    let e = contract::read_policy(serde_json::json!({"min_contacts_per_shift": "3"})).unwrap_err();
    assert_eq!((e.kind, e.path.as_str()), (InputErrorKind::InvalidType, "min_contacts_per_shift"));
}

#[test]
fn toml_errors_have_their_column() {
    // The value starts after `min_contacts_per_shift = `, 25 characters: column 26.
    let e = Policy::from_toml("station = \"x\"\nmin_contacts_per_shift = \"2\"\n").unwrap_err();
    assert_eq!((e.line, e.column), (Some(2), Some(26)));
    // Columns count characters, not bytes.
    let e = Policy::from_toml("station = \"é\"\ncolour = 1\n").unwrap_err();
    assert_eq!((e.line, e.column), (Some(2), Some(1)));
    let e = Policy::from_toml("station = \"é\" # é\nmin_contacts_per_shift = true\n").unwrap_err();
    assert_eq!((e.line, e.column), (Some(2), Some(26)));
}

#[test]
fn of_several_repeated_codes_the_first_repeated_is_named() {
    // Two codes repeated: the message names the first one met again, in the entry's order,
    // for a short list (compared pairwise) and at the longest list compared pairwise (16).
    let short = ["9", "9", "1", "1"];
    let mut sixteen: Vec<String> = short.iter().map(|c| c.to_string()).collect();
    sixteen.extend((0..12).map(|i| format!("C{i}")));
    let sixteen: Vec<&str> = sixteen.iter().map(String::as_str).collect();
    for codes in [&short[..], &sixteen[..]] {
        let json = dataset(&[entry("E1", codes)], "S200");
        let report = audit_json(&Policy::norwalk_2016(), json.as_bytes()).unwrap();
        let dup = report.findings_of(RuleId::DataCodeDuplicate).next().expect("a repeated code");
        assert!(dup.message.contains("code 9 "), "{} codes: {}", codes.len(), dup.message);
    }
}

#[test]
fn an_area_matches_under_unicode_lowercase_when_only_one_side_is_ascii() {
    // U+212A KELVIN SIGN lowercases to an ASCII `k`: "NORWAL\u{212A}" is the policy's "Norwalk".
    let json = dataset(&[entry("E1", &["755"])], "S200")
        .replace("\"area\": \"Norwalk\"", "\"area\": \"NORWAL\u{212A}\"");
    assert!(json.contains('\u{212A}'));
    let report = audit_json(&Policy::norwalk_2016(), json.as_bytes()).unwrap();
    assert_eq!(report.summary.worksheets_covered, 1);
    assert_eq!(report.summary.by_area.get("Norwalk"), Some(&1));
}

// Part 3 of the mutation run (docs/robustness.md): each kills a mutant it missed.

#[test]
fn a_repeated_worksheet_is_reported_with_its_message_and_charged_to_its_worker() {
    let mut d = Dataset::from_json(dataset(&[entry("E1", &["755"])], "S200").as_bytes()).unwrap();
    let again = d.worksheets[0].clone();
    d.worksheets.push(again);
    let report = audit(&Policy::norwalk_2016(), &d);
    let f = report
        .findings
        .iter()
        .find(|f| f.rule.as_str() == "DATA-DUPLICATE-ID" && f.subject == "worksheet:W1")
        .expect("the repeated worksheet is reported");
    assert_eq!(f.message, "worksheet id W1 is used again; this record is ignored");
    assert_eq!(f.personnel_id.as_deref(), Some("D100"));
}

#[test]
fn a_date_or_an_offset_with_a_wrong_separator_is_rejected() {
    assert!(parse_date("2016-03x01").is_err());
    assert!(parse_date("2016x03-01").is_err());
    assert!(parse_date("2016-03-01").is_ok());
    assert!(parse_timestamp("2016-03-01T10:00:00+05x30").is_err());
    assert!(parse_timestamp("2016-03-01T10:00:00+05:30").is_ok());
}

#[test]
fn the_presets_are_listed_norwalk_first() {
    assert_eq!(presets(), ["norwalk-2016", "compton-2018"]);
}

#[test]
fn code_patterns_are_equal_when_their_sources_are() {
    assert_eq!(CodePattern::new("^755$").unwrap(), CodePattern::new("^755$").unwrap());
    assert_ne!(CodePattern::new("^755$").unwrap(), CodePattern::new("^[0-9]{3}$").unwrap());
}

#[test]
fn a_table_file_object_with_a_second_key_is_not_a_valid_vector() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/conformance/tables/path-non-utf8-in-header.json"
    ))
    .unwrap();
    assert_eq!(conformance::check_vector_text(&text), Ok(()));
    let mut vector: serde_json::Value = serde_json::from_str(&text).unwrap();
    let tables = vector["tables"].as_object_mut().unwrap();
    let file = tables.values_mut().find(|v| v.get("base64").is_some()).expect("a file given as base64");
    file["extra"] = serde_json::json!(1);
    let err = conformance::check_vector_text(&vector.to_string()).unwrap_err();
    assert!(err.contains("is not text or"), "{err}");
}
