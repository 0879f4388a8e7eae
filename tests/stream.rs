//! The streaming readers (`audit_json` over a buffer, `audit_reader` over any `io::Read`)
//! against the reference: `audit` of `Dataset::from_json`. Same report bytes, or the same
//! error (kind, path, line, column, message), on every vector, the sample month, generated
//! stations, with the top-level keys in other orders and the input in small pieces.

#[path = "../examples/gen/mod.rs"]
mod gen;

use std::io::Read;
use std::path::{Path, PathBuf};

use contact755::conformance::Vector;
use contact755::{
    audit, audit_json, audit_json_in_halves, audit_json_parallel, audit_reader, Dataset, InputError, Policy,
};

/// The reference outcome: the whole dataset parsed, then audited.
fn reference(policy: &Policy, json: &[u8]) -> Result<String, InputError> {
    Dataset::from_json(json).map(|d| audit(policy, &d).to_json())
}

/// A reader that hands out at most `piece` bytes per call, as a socket or a pipe may.
struct Pieces<'a> {
    rest: &'a [u8],
    piece: usize,
}

impl Read for Pieces<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.piece.min(buf.len()).min(self.rest.len());
        buf[..n].copy_from_slice(&self.rest[..n]);
        self.rest = &self.rest[n..];
        Ok(n)
    }
}

/// Asserts that both streaming readers agree with the reference on `json`; returns it.
fn agree(policy: &Policy, json: &[u8], what: &str) -> Result<String, InputError> {
    let expected = reference(policy, json);
    let slice = audit_json(policy, json).map(|r| r.to_json());
    assert_eq!(slice, expected, "audit_json, {what}");
    let whole = audit_reader(policy, json).map(|r| r.to_json());
    assert_eq!(without_position(&whole), without_position(&expected), "audit_reader, {what}");
    if let (Err(got), Err(want)) = (&whole, &expected) {
        assert!(same_or_one_later(got, want), "audit_reader's position, {what}: {got:?} vs {want:?}");
    }
    let pieces = audit_reader(policy, Pieces { rest: json, piece: 7 }).map(|r| r.to_json());
    assert_eq!(pieces, whole, "audit_reader in 7-byte pieces, {what}");
    assert!(audit_json_parallel(policy, json).map(|r| r.to_json()) == expected, "parallel, {what}");
    // The two halves decide only what the reference accepts, and then agree with it.
    if let Some(report) = audit_json_in_halves(policy, json, json.len() / 2) {
        assert!(Ok(report.to_json()) == expected, "in halves, {what}");
    }
    expected
}

/// serde_json's reader of an `io::Read` has read one character further than its reader of a
/// buffer when it reports a data error (the look-ahead that ended the value: serde-rs/json#490),
/// so `audit_reader`'s position of a data error is the same as `audit_json`'s or one character
/// later (the start of the next line after a value that ended a line). Syntax errors agree.
fn same_or_one_later(got: &InputError, want: &InputError) -> bool {
    let same = (got.line, got.column) == (want.line, want.column);
    let next_column = got.line == want.line && got.column == want.column.map(|c| c + 1);
    let next_line = got.line == want.line.map(|l| l + 1) && got.column == Some(1);
    same || (got.kind != contact755::InputErrorKind::Syntax && (next_column || next_line))
}

fn without_position(r: &Result<String, InputError>) -> Result<String, InputError> {
    r.clone().map_err(|e| InputError { line: None, column: None, ..e })
}

/// The same JSON object with its top-level keys in `order` (keys not in it dropped, keys of
/// `order` not in it skipped).
fn reorder(json: &[u8], order: &[&str]) -> Option<Vec<u8>> {
    // Raw values: each member's text is kept as written (the order of keys inside it too).
    let map: std::collections::BTreeMap<String, Box<serde_json::value::RawValue>> =
        serde_json::from_slice(json).ok()?;
    let fields: Vec<String> = order
        .iter()
        .filter_map(|k| map.get(*k).map(|v| format!("{}:{}", serde_json::to_string(k).unwrap(), v.get())))
        .collect();
    (fields.len() == map.len()).then(|| format!("{{{}}}", fields.join(",")).into_bytes())
}

const ORDERS: [[&str; 5]; 5] = [
    ["worksheets", "personnel", "period", "briefings", "vehicle_checks"],
    // `worksheets` last: the parallel reader's second half ends with the document.
    ["period", "personnel", "briefings", "vehicle_checks", "worksheets"],
    ["vehicle_checks", "briefings", "worksheets", "personnel", "period"],
    ["personnel", "worksheets", "vehicle_checks", "period", "briefings"],
    ["briefings", "period", "vehicle_checks", "worksheets", "personnel"],
];

/// A dataset the reference accepts gets the same report with its keys in other orders.
fn any_key_order(policy: &Policy, json: &[u8], report: &str, what: &str) {
    for order in ORDERS {
        let Some(moved) = reorder(json, &order) else { continue };
        let what = format!("{what}, keys {order:?}");
        assert_eq!(agree(policy, &moved, &what).as_deref(), Ok(report), "{what}");
    }
}

fn vectors_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(read) = std::fs::read_dir(dir) else { return };
    for p in read.filter_map(|e| e.ok().map(|e| e.path())) {
        if p.is_dir() {
            vectors_under(&p, out);
        } else if p.extension().is_some_and(|e| e == "json") {
            out.push(p);
        }
    }
}

#[test]
fn every_vector_gets_the_reference_outcome_in_any_key_order() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for dir in ["tests/conformance", "../shared/conformance", "../shared/conformance-next"] {
        vectors_under(&repo.join(dir), &mut files);
    }
    files.sort();
    let (mut accepted, mut rejected) = (0, 0);
    for file in &files {
        let Ok(vector) = Vector::from_json(&std::fs::read_to_string(file).unwrap()) else { continue };
        let Some(json) = vector.dataset_json() else { continue };
        let Ok(policy) = vector.policy_json().map_or(Ok(Policy::norwalk_2016()), Policy::from_json) else {
            continue;
        };
        let what = file.display().to_string();
        match agree(&policy, json.as_bytes(), &what) {
            Ok(report) => {
                accepted += 1;
                any_key_order(&policy, json.as_bytes(), &report, &what);
            }
            Err(_) => rejected += 1,
        }
    }
    // The vectors hold both kinds in numbers (a wrong path to them would find none).
    assert!(accepted > 150 && rejected > 50, "{accepted} accepted, {rejected} rejected");
}

#[test]
fn the_sample_month_and_generated_stations() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let sample = std::fs::read(repo.join("examples/data/sample-month.json")).unwrap();
    let policy = Policy::norwalk_2016();
    let report = agree(&policy, &sample, "sample month").unwrap();
    any_key_order(&policy, &sample, &report, "sample month");
    for (worksheets, seed) in [(1000, 755), (300, 7)] {
        let g = gen::generate_with(&gen::GenOptions { worksheets, seed, ..Default::default() }, false);
        let what = format!("generated, {worksheets} worksheets, seed {seed}");
        let report = agree(&policy, g.json.as_bytes(), &what).unwrap();
        assert!(report.len() > 1000, "{what}: a report with findings");
        any_key_order(&policy, g.json.as_bytes(), &report, &what);
    }
}

#[test]
fn keys_are_checked_as_the_derived_reader_checks_them() {
    let p = Policy::norwalk_2016();
    let period = r#""period":{"start":"2016-03-01","end":"2016-03-31"}"#;
    let people = r#""personnel":[{"id":"D1","role":"deputy"}]"#;
    for (json, what) in [
        (format!("{{{period},{people},\"worksheets\":[],\"period\":{{}}}}"), "a repeated key"),
        (format!("{{\"worksheets\":[],\"worksheets\":[],{period},{people}}}"), "repeated worksheets"),
        (format!("{{{people},\"worksheets\":[]}}"), "no period"),
        (format!("{{{period},\"worksheets\":[]}}"), "no personnel"),
        (format!("{{{period},{people}}}"), "no worksheets"),
        (format!("{{{period},{people},\"worksheets\":[],\"extra\":1}}"), "an unknown key"),
        (format!("{{{period},{people},\"worksheets\":{{}}}}"), "worksheets not an array"),
        (
            format!("{{{period},{people},\"worksheets\":[],\"briefings\":null,\"vehicle_checks\":null}}"),
            "nulls",
        ),
        (format!("{{{period},{people},\"worksheets\":[]}} x"), "trailing characters"),
        (format!("[{period}]"), "not an object"),
        (String::new(), "nothing"),
    ] {
        let accepted = agree(&p, json.as_bytes(), what).is_ok();
        assert_eq!(accepted, what == "nulls", "{what}");
    }
}

#[test]
fn validation_errors_come_in_the_reference_order_whatever_the_key_order() {
    // A bad id in the worksheets and one in the roster: `validate` reports the roster's first.
    let json = r#"{"worksheets":[{"id":"","personnel_id":"D1","date":"2016-03-02","assignment":"non_field","entries":[]}],
        "personnel":[{"id":"","role":"deputy"}],"period":{"start":"2016-03-31","end":"2016-03-01"}}"#;
    let p = Policy::norwalk_2016();
    let err = agree(&p, json.as_bytes(), "three invalid sections").unwrap_err();
    assert_eq!(err.path, "period");
    let json = json
        .replace(r#""start":"2016-03-31","end":"2016-03-01""#, r#""start":"2016-03-01","end":"2016-03-31""#);
    assert_eq!(agree(&p, json.as_bytes(), "two").unwrap_err().path, "personnel[0].id");
}

#[test]
fn a_failing_reader_is_a_syntax_error_with_its_message() {
    struct Broken;
    impl Read for Broken {
        fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("the line went down"))
        }
    }
    let err = audit_reader(&Policy::norwalk_2016(), Broken).unwrap_err();
    assert_eq!(err.kind, contact755::InputErrorKind::Syntax);
    assert!(err.message.contains("the line went down"), "{}", err.message);
    // An I/O error has no position in the document.
    assert_eq!((err.line, err.column, err.path.as_str()), (None, None, ""));
}

#[test]
fn generated_stations_are_read_in_two_halves() {
    let policy = Policy::norwalk_2016();
    for (worksheets, seed) in [(1000, 755), (400, 1), (60, 2)] {
        let g = gen::generate_with(&gen::GenOptions { worksheets, seed, ..Default::default() }, false);
        let expected = audit_json(&policy, g.json.as_bytes()).unwrap().to_json();
        let halves = audit_json_in_halves(&policy, g.json.as_bytes(), g.json.len() / 2).map(|r| r.to_json());
        assert!(
            halves.as_ref() == Some(&expected),
            "{worksheets} worksheets, seed {seed}: not read in halves"
        );
        // Pretty-printed, the top-level keys in other orders: the same.
        let dataset = Dataset::from_json(g.json.as_bytes()).unwrap();
        let pretty = serde_json::to_vec_pretty(&dataset).unwrap();
        for order in ORDERS {
            let moved = reorder(&pretty, &order).unwrap();
            let halves = audit_json_in_halves(&policy, &moved, moved.len() / 2).map(|r| r.to_json());
            assert!(halves.as_ref() == Some(&expected), "{worksheets} worksheets, {order:?}: not the same");
        }
        // Worksheets whose `personnel_id` does not follow their `id` offer no cut: one thread.
        let sorted =
            serde_json::to_vec(&serde_json::from_str::<serde_json::Value>(&g.json).unwrap()).unwrap();
        assert!(audit_json_in_halves(&policy, &sorted, sorted.len() / 2).is_none());
        assert!(audit_json_parallel(&policy, &sorted).unwrap().to_json() == expected);
    }
}

#[test]
fn a_cut_that_is_not_between_worksheets_is_refused() {
    let policy = Policy::norwalk_2016();
    let g = gen::generate_with(&gen::GenOptions { worksheets: 200, seed: 9, ..Default::default() }, false);
    let expected = audit_json(&policy, g.json.as_bytes()).unwrap().to_json();
    // Cuts looked for from ~300 places, in the personnel, the worksheets, the briefings and the
    // checks: the halves agree with the reference or leave the document to it.
    let json = g.json.as_bytes();
    let mut repeated = json.to_vec();
    let end = repeated.len() - 1;
    // A period repeated after the worksheets: the one-thread reader's error, never a report.
    repeated.splice(end..end, br#","period": {"start": "2016-03-01", "end": "2016-03-31"}"#.iter().copied());
    let refused = reference(&policy, &repeated);
    assert!(refused.is_err());
    let mut decided = 0;
    for from in (0..json.len()).step_by(json.len() / 300 + 1) {
        if let Some(r) = audit_json_in_halves(&policy, json, from) {
            decided += 1;
            assert!(r.to_json() == expected, "cut from {from}: not the same report");
        }
        assert!(audit_json_in_halves(&policy, &repeated, from).is_none(), "from {from}: a report");
    }
    assert!(decided > 200, "{decided} of ~300 cuts read in halves");
}

#[test]
fn a_cut_looked_for_from_inside_a_character_is_still_found() {
    let policy = Policy::norwalk_2016();
    let g = gen::generate_with(&gen::GenOptions { worksheets: 60, seed: 4, ..Default::default() }, false);
    let mut dataset = Dataset::from_json(g.json.as_bytes()).unwrap();
    for w in &mut dataset.worksheets {
        w.id = format!("é{}", w.id); // two bytes: a search from the second must not give up
    }
    let json = serde_json::to_vec(&dataset).unwrap();
    let expected = audit_json(&policy, &json).unwrap().to_json();
    let middles: Vec<usize> =
        (json.len() / 2..json.len()).filter(|&i| json[i] == 0xA9 && json[i - 1] == 0xC3).take(3).collect();
    assert_eq!(middles.len(), 3);
    for from in middles {
        let halves = audit_json_in_halves(&policy, &json, from).map(|r| r.to_json());
        assert!(halves.as_ref() == Some(&expected), "from byte {from}, inside an é: not read in halves");
    }
}
