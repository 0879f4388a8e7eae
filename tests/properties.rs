//! Invariants, checked on generated datasets: determinism, order independence, sorted
//! findings with catalog ids and subjects naming input records, no citizen text in any
//! output, and no panic on arbitrary input.

use chrono::{Days, NaiveDate};
use contact755::*;
use proptest::prelude::*;

fn day(offset: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2016, 3, 1).unwrap().checked_add_days(Days::new(offset)).unwrap()
}

fn ts(d: NaiveDate, minutes: u32) -> Timestamp {
    parse_timestamp(&format!("{d}T{:02}:{:02}:00-07:00", (minutes / 60) % 24, minutes % 60)).unwrap()
}

/// Free text planted in every description; it must never reach any output.
const SECRET: &str = "SECRET-citizen-narrative";

fn id(prefix: &'static str, n: u32) -> impl Strategy<Value = String> {
    (0..n).prop_map(move |i| format!("{prefix}{i}"))
}

fn entry() -> impl Strategy<Value = (String, u32, u8, Vec<String>, Option<(u8, bool)>)> {
    (
        id("E", 6),
        0u32..1440,
        0u8..3,
        prop::collection::vec(
            prop::sample::select(vec!["755", " 755 ", "415", "7-55", "", "CR1", "123456789"]),
            0..4,
        )
        .prop_map(|v| v.into_iter().map(String::from).collect()),
        prop::option::of((0u8..8, any::<bool>())),
    )
}

prop_compose! {
    fn worksheet()(
        wid in id("W", 12), pid in id("P", 8), date in 0u64..40, field in any::<bool>(),
        area in prop::sample::select(vec!["Norwalk", " la  MIRADA ", "Lakewood", "Unincorporated Whittier"]),
        vehicle in prop::option::of(id("V", 3)),
        shift in prop::option::of((0u32..1440, 0u32..1440)),
        entries in prop::collection::vec(entry(), 0..6),
        review in prop::option::of((id("P", 9), any::<bool>())),
    ) -> Worksheet {
        let date = day(date);
        let activities = [Activity::SelfInitiated, Activity::CallForService, Activity::Station];
        let categories = [Category::CommunityGroup, Category::Resident, Category::BusinessOwner, Category::Patron,
            Category::BlockWatch, Category::StationEvent, Category::CounterReport, Category::Other];
        Worksheet {
            id: wid, personnel_id: pid, date,
            assignment: if field { Assignment::Field } else { Assignment::NonField },
            area: Some(area.to_string()),
            reporting_district: Some(SECRET.to_string()),
            vehicle_id: vehicle,
            shift_start: shift.map(|(s, _)| ts(date, s)),
            shift_end: shift.map(|(_, e)| ts(date, e)),
            entries: entries.into_iter().map(|(eid, at, act, codes, contact)| Entry {
                id: eid, at: ts(date, at), activity: activities[act as usize], clearance_codes: codes,
                contact: contact.map(|(c, card)| Contact {
                    category: categories[c as usize], card_provided: card, description: Some(SECRET.to_string()),
                }),
            }).collect(),
            review: review.map(|(r, approved)| Review { reviewer_id: r, reviewed_on: date, approved }),
        }
    }
}

prop_compose! {
    fn dataset()(
        personnel in prop::collection::vec((id("P", 10), 0u8..7), 0..10),
        worksheets in prop::collection::vec(worksheet(), 0..12),
        briefings in prop::collection::vec((id("B", 6), id("P", 10), 0u64..40), 0..6),
        checks in prop::collection::vec((id("C", 6), id("V", 3), 0u64..40, 0u64..30), 0..6),
        start in 0u64..10, len in 0u64..30,
    ) -> Dataset {
        let roles = [Role::Deputy, Role::Sergeant, Role::Lieutenant, Role::Captain, Role::ReserveDeputy,
            Role::Volunteer, Role::ProfessionalStaff];
        Dataset {
            period: Period { start: day(start), end: day(start + len) },
            personnel: personnel.into_iter().map(|(id, r)| Person { id, role: roles[r as usize] }).collect(),
            worksheets,
            briefings: briefings.into_iter().map(|(id, s, d)| Briefing { id, sergeant_id: s, date: day(d) }).collect(),
            vehicle_checks: checks.into_iter()
                .map(|(id, v, d, n)| VehicleCheck { id, vehicle_id: v, date: day(d), cards_on_hand: n }).collect(),
        }
    }
}

fn policies() -> impl Strategy<Value = Policy> {
    (0u32..3, 0u32..40, 0u32..20, 0u32..10).prop_map(|(m, b, c, i)| Policy {
        min_contacts_per_shift: m,
        briefing_interval_days: b,
        min_cards_in_vehicle: c,
        card_check_interval_days: i,
        ..Policy::norwalk_2016()
    })
}

/// Keeps the first record of each id (and of each date for dated records), so that any
/// reordering is meaningful: no "first of two duplicates" or "last check of the day" ties.
fn distinct(mut d: Dataset) -> Dataset {
    let mut seen = std::collections::HashSet::new();
    d.personnel.retain(|p| seen.insert(p.id.clone()));
    let mut seen = std::collections::HashSet::new();
    d.worksheets.retain(|w| seen.insert(w.id.clone()));
    for w in &mut d.worksheets {
        let mut seen = std::collections::HashSet::new();
        w.entries.retain(|e| seen.insert(e.id.clone()));
    }
    let mut seen = std::collections::HashSet::new();
    d.briefings.retain(|b| seen.insert(b.id.clone()));
    let mut seen = std::collections::HashSet::new();
    d.vehicle_checks
        .retain(|c| seen.insert(c.id.clone()) && seen.insert(format!("{}@{}", c.vehicle_id, c.date)));
    d
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn same_input_same_bytes(d in dataset(), p in policies()) {
        let json = serde_json::to_vec(&d).unwrap();
        let a = audit_json(&p, &json).unwrap().to_json();
        let b = audit_json(&p, &json).unwrap().to_json();
        prop_assert_eq!(a, b);
    }

    #[test]
    fn order_of_records_does_not_matter(d in dataset(), p in policies(), seed in any::<u64>()) {
        let d = distinct(d);
        let mut shuffled = d.clone();
        let mut rng = seed | 1;
        let mut next = move |n: usize| { rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17; (rng % n as u64) as usize };
        fn shuffle<T>(v: &mut [T], next: &mut impl FnMut(usize) -> usize) {
            for i in (1..v.len()).rev() { let j = next(i + 1); v.swap(i, j); }
        }
        shuffle(&mut shuffled.personnel, &mut next);
        shuffle(&mut shuffled.worksheets, &mut next);
        for w in &mut shuffled.worksheets { shuffle(&mut w.entries, &mut next); }
        shuffle(&mut shuffled.briefings, &mut next);
        shuffle(&mut shuffled.vehicle_checks, &mut next);
        prop_assert_eq!(audit(&p, &d), audit(&p, &shuffled));
    }

    #[test]
    fn findings_are_sorted_catalogued_and_name_input_records(d in dataset(), p in policies()) {
        let report = audit(&p, &d);
        let keys: Vec<(&str, &str)> = report.findings.iter().map(|f| (f.rule.as_str(), f.subject.as_str())).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        sorted.dedup();
        prop_assert_eq!(&keys, &sorted, "sorted, one finding per (rule, subject)");
        let mut subjects = std::collections::HashSet::new();
        for p in &d.personnel { subjects.insert(format!("personnel:{}", p.id)); }
        for b in &d.briefings { subjects.insert(format!("briefing:{}", b.id)); }
        for c in &d.vehicle_checks { subjects.insert(format!("vehicle_check:{}", c.id)); }
        for w in &d.worksheets {
            subjects.insert(format!("worksheet:{}", w.id));
            for e in &w.entries { subjects.insert(format!("entry:{}/{}", w.id, e.id)); }
        }
        for f in &report.findings {
            prop_assert!(RuleId::from_id(f.rule.as_str()).is_some());
            prop_assert_eq!(f.severity, report.policy.severity(f.rule));
            prop_assert!(subjects.contains(&f.subject), "{} names no input record", f.subject);
        }
        let total: u64 = report.summary.findings_by_rule.values().sum();
        prop_assert_eq!(total as usize, report.findings.len());
    }

    #[test]
    fn no_free_text_reaches_the_report(d in dataset(), p in policies()) {
        let json = audit(&p, &d).to_json();
        prop_assert!(!json.contains(SECRET));
    }

    #[test]
    fn arbitrary_json_never_panics(v in arbitrary_json()) {
        let text = serde_json::to_vec(&v).unwrap();
        let _ = Dataset::from_json(&text);
        let _ = Policy::from_json(&text);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let _ = Dataset::from_json(&bytes);
        let _ = Policy::from_json(&bytes);
        let _ = Policy::from_toml(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn mutated_valid_datasets_never_panic(d in dataset(), cut in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let mut json = serde_json::to_vec(&d).unwrap();
        let i = cut.index(json.len());
        json[i] = byte;
        if let Ok(parsed) = Dataset::from_json(&json) {
            let _ = audit(&Policy::norwalk_2016(), &parsed);
        }
    }
}

fn arbitrary_json() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from),
        prop::sample::select(vec![
            "2016-03-17",
            "2016-03-17T09:12:00-07:00",
            "755",
            "deputy",
            "field",
            "obs",
            "",
            "period"
        ])
        .prop_map(|s| Value::String(s.into())),
    ];
    leaf.prop_recursive(6, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop::sample::select(vec![
                    "period",
                    "start",
                    "end",
                    "personnel",
                    "worksheets",
                    "id",
                    "role",
                    "entries",
                    "briefings",
                    "vehicle_checks",
                    "date",
                    "at",
                    "x"
                ])
                .prop_map(String::from),
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Random policy overrides (SPEC §6): a subset of settings with values that validate.
fn policy_overrides() -> impl Strategy<Value = Vec<(String, serde_json::Value)>> {
    use serde_json::json;
    let setting = prop_oneof![
        prop::sample::select(vec!["norwalk-2016", "compton-2018"])
            .prop_map(|p| ("preset".to_string(), json!(p))),
        "[A-Z][a-z]{1,8} Station".prop_map(|s| ("station".to_string(), json!(s))),
        prop::collection::vec("[A-Z][a-z]{2,8}", 1..4).prop_map(|a| ("covered_areas".to_string(), json!(a))),
        (0u32..5).prop_map(|n| ("min_contacts_per_shift".to_string(), json!(n))),
        (0u32..60).prop_map(|n| ("briefing_interval_days".to_string(), json!(n))),
        (0u32..60).prop_map(|n| ("min_cards_in_vehicle".to_string(), json!(n))),
        (0u32..14).prop_map(|n| ("card_check_interval_days".to_string(), json!(n))),
        prop::sample::select(vec!["[0-9A-Za-z]{1,8}", "[0-9]{3}", "755|CR[0-9]"])
            .prop_map(|p| ("clearance_code_pattern".to_string(), json!(p))),
        (
            prop::sample::select(vec!["FP-CARD", "FP-755-DETAILS", "SGT-BRIEFING"]),
            any::<bool>(),
            any::<bool>()
        )
            .prop_map(|(id, enabled, advisory)| {
                let severity = if advisory { "advisory" } else { "violation" };
                ("rules".to_string(), json!({id: {"enabled": enabled, "severity": severity}}))
            }),
    ];
    prop::collection::vec(setting, 0..6).prop_map(|settings| {
        // One value per key (the last wins), in the order drawn.
        let mut out: Vec<(String, serde_json::Value)> = Vec::new();
        for (k, v) in settings {
            out.retain(|(key, _)| *key != k);
            out.push((k, v));
        }
        out
    })
}

fn json_text(pairs: &[(String, serde_json::Value)]) -> String {
    let members: Vec<String> =
        pairs.iter().map(|(k, v)| format!("{}: {v}", serde_json::Value::from(k.as_str()))).collect();
    format!("{{{}}}", members.join(", "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// SPEC §6.3: one policy written as JSON, as TOML, with its keys in any order, has one
    /// fingerprint; a preset plus an empty override is the preset; and the fingerprint is
    /// the SHA-256 of the canonical JSON of the report's policy object.
    #[test]
    fn the_fingerprint_does_not_depend_on_how_the_policy_is_written(
        pairs in policy_overrides(),
        seed in any::<u64>(),
    ) {
        let from_json = Policy::from_json(json_text(&pairs)).unwrap();
        let mut shuffled = pairs.clone();
        let n = shuffled.len();
        if n > 1 {
            shuffled.rotate_left((seed % n as u64) as usize);
            if seed % 2 == 1 { shuffled.reverse(); }
        }
        prop_assert_eq!(Policy::from_json(json_text(&shuffled)).unwrap().fingerprint(), from_json.fingerprint());
        let table: toml::Table = serde_json::from_str(&json_text(&pairs)).unwrap();
        let from_toml = Policy::from_toml(&toml::to_string(&table).unwrap()).unwrap();
        prop_assert_eq!(from_toml.fingerprint(), from_json.fingerprint());
        let preset = from_json.preset.clone();
        prop_assert_eq!(
            Policy::from_json(format!("{{\"preset\": \"{preset}\"}}")).unwrap().fingerprint(),
            Policy::preset(&preset).unwrap().fingerprint()
        );
        // The report's policy object read back is the same policy.
        let again = Policy::from_json(from_json.to_json()).unwrap();
        prop_assert_eq!(again.fingerprint(), from_json.fingerprint());
        prop_assert_eq!(&again, &from_json);
    }
}

/// The three ways to audit JSON: `audit` of `Dataset::from_json` (the reference), `audit_json`
/// (one worksheet at a time over the buffer) and `audit_reader` (the same over an `io::Read`).
/// Reports are compared as bytes; errors by kind, path and message, and by position where
/// serde_json's two readers agree (see tests/stream.rs: a data error may be reported one
/// character later by the `io::Read` reader).
fn three_ways_agree(policy: &Policy, json: &[u8]) -> Result<(), TestCaseError> {
    let reference = Dataset::from_json(json).map(|d| audit(policy, &d).to_json());
    let slice = audit_json(policy, json).map(|r| r.to_json());
    prop_assert_eq!(&slice, &reference);
    let strip = |r: Result<String, InputError>| r.map_err(|e| InputError { line: None, column: None, ..e });
    let reader = audit_reader(policy, json).map(|r| r.to_json());
    prop_assert_eq!(strip(reader), strip(reference.clone()));
    // The parallel reader's halves, cut from a few places: a report only where the reference
    // gives one, and the same.
    for from in [json.len() / 2, json.len() / 3, json.len() / 7] {
        if let Some(report) = audit_json_in_halves(policy, json, from) {
            prop_assert_eq!(Ok(report.to_json()), reference.clone());
        }
    }
    Ok(())
}

/// `json` with its top-level keys rotated by `turn` (an object's members are kept whole).
fn rotate_keys(json: &[u8], turn: usize) -> Vec<u8> {
    let Ok(map) = serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(json) else {
        return json.to_vec();
    };
    let mut members: Vec<String> =
        map.iter().map(|(k, v)| format!("{}:{v}", serde_json::Value::from(k.as_str()))).collect();
    if !members.is_empty() {
        let n = members.len();
        members.rotate_left(turn % n);
    }
    format!("{{{}}}", members.join(",")).into_bytes()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn streaming_readers_agree_on_valid_datasets_in_any_key_order(d in dataset(), p in policies(), turn in 0usize..5) {
        let json = serde_json::to_vec(&d).unwrap();
        three_ways_agree(&p, &json)?;
        let moved = rotate_keys(&json, turn);
        three_ways_agree(&p, &moved)?;
        prop_assert_eq!(audit_json(&p, &moved).unwrap().to_json(), audit(&p, &d).to_json());
    }

    #[test]
    fn streaming_readers_agree_on_mutated_datasets(d in dataset(), cut in any::<prop::sample::Index>(), byte in any::<u8>(), turn in 0usize..5) {
        let mut json = rotate_keys(&serde_json::to_vec(&d).unwrap(), turn);
        let i = cut.index(json.len());
        json[i] = byte;
        three_ways_agree(&Policy::norwalk_2016(), &json)?;
        three_ways_agree(&Policy::norwalk_2016(), &json[..i])?;
    }

    #[test]
    fn streaming_readers_agree_on_arbitrary_json(v in arbitrary_json()) {
        three_ways_agree(&Policy::norwalk_2016(), &serde_json::to_vec(&v).unwrap())?;
    }
}
