//! Tabular datasets (SPEC §7) end to end: the sample folders give the JSON sample's report byte
//! for byte; random datasets written as tables (by the `csv` crate, independently of the core's
//! reader) read back as the same dataset and the same report, also as a mapped export; the
//! JSON a folder describes audits identically; bad input is a clear error at its path.

#[path = "../examples/gen/tables.rs"]
mod tables;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{Days, NaiveDate};
use contact755::*;
use proptest::prelude::*;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn sample_json() -> Vec<u8> {
    std::fs::read(repo().join("examples/data/sample-month.json")).unwrap()
}

fn march() -> Period {
    parse_period("2016-03").unwrap()
}

fn cad_mapping() -> Mapping {
    Mapping::from_toml(&tables::cad_mapping()).unwrap()
}

// ---------------------------------------------------------------------------------------------
// The samples.

#[test]
fn sample_folders_give_the_json_samples_report_byte_for_byte() {
    let policy = Policy::norwalk_2016();
    let want = audit_json(&policy, &sample_json()).unwrap().to_json();
    let canonical = read_tables_dir(&repo().join("examples/data/sample-month-csv"), march(), None).unwrap();
    assert_eq!(audit(&policy, &canonical).to_json(), want, "sample-month-csv");
    let dir = repo().join("examples/data/cad-export");
    let mapping = Mapping::from_toml(&std::fs::read_to_string(dir.join("mapping.toml")).unwrap()).unwrap();
    let cad = read_tables_dir(&dir, march(), Some(&mapping)).unwrap();
    assert_eq!(audit(&policy, &cad).to_json(), want, "cad-export");
    // The canonical folder is the JSON sample exactly (the duplicate worksheet's copy of its
    // entries aside: §7.1 gives a later worksheet with a used id no entries).
    assert_eq!(canonical, as_tables_hold_it(Dataset::from_json(&sample_json()).unwrap()));
}

#[test]
fn sample_folders_are_what_the_generator_writes() {
    let dataset = Dataset::from_json(&sample_json()).unwrap();
    for (folder, files) in [
        ("examples/data/sample-month-csv", tables::canonical(&dataset).unwrap()),
        ("examples/data/cad-export", tables::cad_export(&dataset).unwrap()),
    ] {
        let dir = repo().join(folder);
        let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        on_disk.sort();
        assert_eq!(on_disk, files.keys().cloned().collect::<Vec<_>>(), "{folder}");
        for (name, bytes) in &files {
            assert!(
                std::fs::read(dir.join(name)).unwrap() == *bytes,
                "{folder}/{name} is stale: rerun the generator"
            );
        }
    }
}

#[test]
fn the_json_a_folder_describes_is_a_dataset_that_audits_identically() {
    // What `audit --csv DIR --period P --to-json` prints.
    let dir = repo().join("examples/data/cad-export");
    let dataset = read_tables_dir(&dir, march(), Some(&cad_mapping())).unwrap();
    let json = serde_json::to_string_pretty(&dataset).unwrap();
    let back = Dataset::from_json(json.as_bytes()).unwrap();
    assert_eq!(back, dataset);
    let policy = Policy::norwalk_2016();
    assert_eq!(audit_json(&policy, json.as_bytes()).unwrap().to_json(), audit(&policy, &dataset).to_json());
}

#[test]
fn the_mapping_reads_the_same_from_toml_and_json() {
    let value: toml::Value = toml::from_str(&tables::cad_mapping()).unwrap();
    let from_json = Mapping::from_json(serde_json::to_vec(&value).unwrap()).unwrap();
    let files = tables::cad_export(&Dataset::from_json(&sample_json()).unwrap()).unwrap();
    assert_eq!(
        read_tables(&files, march(), Some(&from_json)).unwrap(),
        read_tables(&files, march(), Some(&cad_mapping())).unwrap()
    );
}

#[test]
fn periods_from_a_command_line() {
    let p = parse_period("2016-03-01..2016-03-31").unwrap();
    assert_eq!(p, march());
    assert_eq!(parse_period("2016-12").unwrap().end.to_string(), "2016-12-31");
    assert_eq!(parse_period("2016-03-17").unwrap().start, parse_period("2016-03-17").unwrap().end);
    for bad in
        ["2016-13", "2016-3", "March 2016", "2016-03-01..", "..2016-03-01", "2016-03-31..2016-03-01", ""]
    {
        assert_eq!(parse_period(bad).unwrap_err().path, "period", "{bad}");
    }
}

// ---------------------------------------------------------------------------------------------
// Random datasets: written as tables, read back, audited.

fn day(offset: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2016, 3, 1).unwrap().checked_add_days(Days::new(offset)).unwrap()
}

fn ts(d: NaiveDate, minutes: u32, seconds: u32, offset: &str) -> Timestamp {
    parse_timestamp(&format!("{d}T{:02}:{:02}:{seconds:02}{offset}", (minutes / 60) % 24, minutes % 60))
        .unwrap()
}

/// Ids that CSV must quote or that hold the other system's delimiter.
fn id(prefix: &'static str, n: u32) -> impl Strategy<Value = String> {
    prop_oneof![
        8 => (0..n).prop_map(move |i| format!("{prefix}{i}")),
        1 => Just(format!("{prefix},\"q\";1")),
        1 => Just(format!("{prefix} é")),
    ]
}

const OFFSETS: [&str; 4] = ["-07:00", "-08:00", "Z", "+05:30"];

/// An entry's parts: id, minute, offset, activity, codes, contact (category, card, description).
type EntryParts = (String, u32, usize, u8, Vec<String>, Option<(u8, bool, u8)>);

fn entry() -> impl Strategy<Value = EntryParts> {
    (
        id("E", 6),
        0u32..1440,
        0usize..OFFSETS.len(),
        0u8..3,
        prop::collection::vec(
            prop::sample::select(vec!["755", " 755 ", "415", "7-55", "CR1", "123456789", "415/459"]),
            0..4,
        )
        .prop_map(|v| v.into_iter().map(String::from).collect()),
        prop::option::of((0u8..8, any::<bool>(), 0u8..3)),
    )
}

const DESCRIPTIONS: [Option<&str>; 3] = [None, Some("coffee, with \"a\" deputy\r\nand; more"), Some("  x  ")];

prop_compose! {
    fn worksheet()(
        wid in id("W", 12), pid in id("P", 8), date in 0u64..40, field in any::<bool>(),
        area in prop::sample::select(vec![Some("Norwalk"), Some(" la  MIRADA "), Some("Lakewood"),
            Some("Unincorporated Whittier"), None]),
        district in prop::sample::select(vec![None, Some("RD 2805"), Some("RD 2845"), Some("beat 7")]),
        vehicle in prop::option::of(id("V", 3)),
        shift in prop::option::of((0u32..1440, 0u32..1440, 0usize..OFFSETS.len())),
        entries in prop::collection::vec(entry(), 0..6),
        review in prop::option::of((id("P", 9), any::<bool>(), 0u64..3)),
    ) -> Worksheet {
        let date = day(date);
        let activities = [Activity::SelfInitiated, Activity::CallForService, Activity::Station];
        let categories = [Category::CommunityGroup, Category::Resident, Category::BusinessOwner, Category::Patron,
            Category::BlockWatch, Category::StationEvent, Category::CounterReport, Category::Other];
        let area = if field { area.or(Some("Norwalk")) } else { area };
        Worksheet {
            id: wid, personnel_id: pid, date,
            assignment: if field { Assignment::Field } else { Assignment::NonField },
            area: area.map(String::from),
            reporting_district: district.map(String::from),
            vehicle_id: vehicle,
            shift_start: shift.map(|(s, _, o)| ts(date, s, 0, OFFSETS[o])),
            shift_end: shift.map(|(_, e, o)| ts(date, e, 0, OFFSETS[o])),
            entries: entries.into_iter().map(|(eid, at, o, act, codes, contact)| Entry {
                id: eid, at: ts(date, at, at % 7 * 8, OFFSETS[o]), activity: activities[act as usize], clearance_codes: codes,
                contact: contact.map(|(c, card, d)| Contact {
                    category: categories[c as usize], card_provided: card,
                    description: if c == 7 { Some("school career day".into()) }
                        else { DESCRIPTIONS[d as usize].map(String::from) },
                }),
            }).collect(),
            review: review.map(|(r, approved, after)| Review {
                reviewer_id: r, reviewed_on: date.checked_add_days(Days::new(after)).unwrap(), approved,
            }),
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

/// The dataset as tables describe it: a later worksheet repeating an id has no entries.
fn as_tables_hold_it(mut d: Dataset) -> Dataset {
    let mut seen = std::collections::HashSet::new();
    for w in &mut d.worksheets {
        if !seen.insert(w.id.clone()) {
            w.entries.clear();
        }
    }
    d
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn tables_give_the_dataset_and_the_report_of_the_json(d in dataset(), p in policies()) {
        prop_assume!(d.validate().is_ok());
        let json = serde_json::to_vec(&d).unwrap();
        let want = audit_json(&p, &json).unwrap().to_json();
        let files = tables::canonical(&d).unwrap();
        let read = read_tables(&files, d.period, None).unwrap();
        prop_assert_eq!(&read, &as_tables_hold_it(d.clone()));
        prop_assert_eq!(audit_tables(&p, &files, d.period, None).unwrap().to_json(), want.clone());
        let export = tables::cad_export(&d).unwrap();
        prop_assert_eq!(audit_tables(&p, &export, d.period, Some(&cad_mapping())).unwrap().to_json(), want);
    }

    #[test]
    fn an_accepted_table_audits_like_its_json(d in dataset(), cut in any::<prop::sample::Index>(), byte in any::<u8>()) {
        // One byte of one file changed: rejected with a path, or accepted and then the JSON
        // form of what was read gives the same report.
        prop_assume!(d.validate().is_ok());
        let mut files = tables::canonical(&d).unwrap();
        let names: Vec<String> = files.keys().cloned().collect();
        let name = &names[cut.index(names.len())];
        let file = files.get_mut(name).unwrap();
        if !file.is_empty() {
            let i = cut.index(file.len());
            file[i] = byte;
        }
        match read_tables(&files, d.period, None) {
            Ok(read) => {
                let json = serde_json::to_vec(&read).unwrap();
                let p = Policy::norwalk_2016();
                prop_assert_eq!(audit_json(&p, &json).unwrap().to_json(), audit(&p, &read).to_json());
            }
            Err(e) => prop_assert!(e.path.contains(".csv") || e.path == "period", "{e:?}"),
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..300), which in 0usize..5) {
        let mut files = tables::canonical(&Dataset::from_json(br#"{"period": {"start": "2016-03-01",
            "end": "2016-03-31"}, "personnel": [], "worksheets": []}"#).unwrap()).unwrap();
        let name = files.keys().nth(which).unwrap().clone();
        files.insert(name, bytes.clone());
        let _ = read_tables(&files, march(), None);
        let _ = read_tables(&files, march(), Some(&cad_mapping()));
        let _ = Mapping::from_json(&bytes);
        let _ = Mapping::from_toml(&String::from_utf8_lossy(&bytes));
    }
}

// ---------------------------------------------------------------------------------------------
// Bad input: a clear error at its path, never a panic.

fn small() -> BTreeMap<String, Vec<u8>> {
    let mut f = BTreeMap::new();
    f.insert("personnel.csv".to_string(), b"id,role\nD100,deputy\n".to_vec());
    f.insert(
        "worksheets.csv".to_string(),
        b"id,personnel_id,date,assignment\nW1,D100,2016-03-17,non_field\n".to_vec(),
    );
    f.insert(
        "entries.csv".to_string(),
        b"worksheet_id,id,at,activity,clearance_codes\nW1,E1,2016-03-17T09:12:00-07:00,station,755\n"
            .to_vec(),
    );
    f
}

fn rejected(files: &BTreeMap<String, Vec<u8>>, mapping: Option<&Mapping>) -> InputError {
    let e = read_tables(files, march(), mapping).expect_err("must be rejected");
    // Still usable afterwards.
    assert!(read_tables(&small(), march(), None).is_ok());
    e
}

#[test]
fn the_small_dataset_reads() {
    assert_eq!(read_tables(&small(), march(), None).unwrap().worksheets[0].entries.len(), 1);
}

#[test]
fn non_utf8_bytes() {
    let mut f = small();
    f.insert("personnel.csv".into(), b"id,role\nD100,deputy\r\nD\xc3\x28,deputy\n".to_vec());
    let e = rejected(&f, None);
    assert_eq!((e.path.as_str(), e.kind, e.line), ("personnel.csv:3", InputErrorKind::Syntax, Some(3)));
    assert!(!e.message.contains('\u{fffd}'));
}

#[test]
fn a_10_mb_cell() {
    let mut f = small();
    let big = "x".repeat(10 << 20);
    f.insert("personnel.csv".into(), format!("id,role\n{big},deputy\n").into_bytes());
    let e = rejected(&f, None);
    assert_eq!((e.path.as_str(), e.kind), ("personnel.csv:2:id", InputErrorKind::InvalidValue));
    assert!(e.message.len() < 200, "the message does not repeat the cell");
    // Quoted, with line breaks, as a description: the limit names its cell.
    let lines = "y\r\n".repeat(10 << 18);
    f = small();
    f.insert(
        "entries.csv".into(),
        format!(
            "worksheet_id,id,at,activity,clearance_codes,category,card_provided,description\n\
             W1,E1,2016-03-17T09:12:00-07:00,station,755,resident,true,\"{lines}\"\nW1,E2,x,station,755,,,\n"
        )
        .into_bytes(),
    );
    let e = rejected(&f, None);
    assert_eq!(e.path, "entries.csv:2:description");
    // The same text never closed: rejected at its record, not at the end of the file.
    f.insert(
        "entries.csv".into(),
        format!("worksheet_id,id,at,activity,clearance_codes\nW1,\"{lines}\n").into_bytes(),
    );
    assert_eq!(rejected(&f, None).path, "entries.csv:2");
}

#[test]
fn a_header_of_a_million_columns() {
    let n = 1_000_000;
    let mut header = String::from("id,role");
    let mut row = String::from("D100,deputy");
    for i in 0..n {
        header.push_str(&format!(",c{i}"));
        row.push(',');
    }
    let mut f = small();
    f.insert("personnel.csv".into(), format!("{header}\n{row}\n").into_bytes());
    let e = rejected(&f, None);
    assert_eq!((e.path.as_str(), e.kind), ("personnel.csv:1:c0", InputErrorKind::UnknownField));
    // With renamed columns the other million are ignored, and the file reads.
    let mapping = Mapping::from_toml("[personnel.columns]\nid = \"id\"\n").unwrap();
    let d = read_tables(&f, march(), Some(&mapping)).unwrap();
    assert_eq!(d.personnel[0].id, "D100");
    // A record that does not have them all.
    f.insert("personnel.csv".into(), format!("{header}\nD100,deputy\n").into_bytes());
    assert_eq!(rejected(&f, Some(&mapping)).path, "personnel.csv:2");
}

#[test]
fn a_missing_file() {
    for name in ["personnel.csv", "worksheets.csv", "entries.csv"] {
        let mut f = small();
        f.remove(name);
        let e = rejected(&f, None);
        assert_eq!((e.path.as_str(), e.kind, e.line), (name, InputErrorKind::MissingField, None));
    }
}

#[test]
fn a_mapping_naming_a_missing_column() {
    let mapping = Mapping::from_toml("[entries.columns]\nat = [\"Clear Date\", \"Clear Time\"]\n").unwrap();
    let e = rejected(&small(), Some(&mapping));
    assert_eq!((e.path.as_str(), e.kind), ("entries.csv:1:Clear Date", InputErrorKind::MissingField));
}

#[test]
fn a_folder_that_is_not_there_or_holds_the_tables() {
    let missing = repo().join("examples/data/no-such-folder");
    assert!(matches!(read_tables_dir(&missing, march(), None), Err(TablesDirError::Io { .. })));
    let empty = std::env::temp_dir().join(format!("contact755-tables-{}", std::process::id()));
    std::fs::create_dir_all(&empty).unwrap();
    let e = read_tables_dir(&empty, march(), None).unwrap_err();
    assert_eq!(
        e,
        TablesDirError::Input(read_tables(&BTreeMap::<String, Vec<u8>>::new(), march(), None).unwrap_err())
    );
    tables::write_folder(&empty, &small()).unwrap();
    assert_eq!(
        read_tables_dir(&empty, march(), None).unwrap(),
        read_tables(&small(), march(), None).unwrap()
    );
    std::fs::remove_dir_all(&empty).unwrap();
}

#[test]
fn the_entry_iterator_is_not_public_but_file_names_are() {
    assert_eq!(
        table_file_names(None),
        ["personnel.csv", "worksheets.csv", "entries.csv", "briefings.csv", "vehicle_checks.csv"]
    );
    assert_eq!(table_file_names(Some(&cad_mapping()))[2], "MDC_EXPORT.CSV");
}

// ---------------------------------------------------------------------------------------------
// Streaming: `audit_tables` and `audit_tables_dir` audit `entries.csv` record by record. The
// order of worksheets in it does not change the report, and a rejection is the reader's.

/// `entries.csv` of `files` with its records interleaved at random (`seed`), each worksheet's
/// entries kept in their order.
fn interleave(files: &mut BTreeMap<String, Vec<u8>>, mut seed: u64) {
    let bytes = files["entries.csv"].clone();
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let header = reader.byte_headers().unwrap().clone();
    let mut groups: Vec<std::collections::VecDeque<csv::ByteRecord>> = Vec::new();
    for record in reader.byte_records() {
        let record = record.unwrap();
        match groups.iter_mut().find(|g| g[0][0] == record[0]) {
            Some(group) => group.push_back(record),
            None => groups.push([record].into()),
        }
    }
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_byte_record(&header).unwrap();
    while !groups.is_empty() {
        // splitmix64
        seed = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = seed;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        let i = ((z ^ (z >> 31)) % groups.len() as u64) as usize;
        writer.write_byte_record(&groups[i].pop_front().unwrap()).unwrap();
        if groups[i].is_empty() {
            groups.remove(i);
        }
    }
    files.insert("entries.csv".to_string(), writer.into_inner().unwrap());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn interleaved_entries_give_the_report_of_the_json(d in dataset(), p in policies(), seed in any::<u64>()) {
        prop_assume!(d.validate().is_ok());
        let want = audit_json(&p, &serde_json::to_vec(&d).unwrap()).unwrap().to_json();
        let mut files = tables::canonical(&d).unwrap();
        interleave(&mut files, seed);
        prop_assert_eq!(audit_tables(&p, &files, d.period, None).unwrap().to_json(), want);
    }

    #[test]
    fn the_streamed_audit_rejects_what_the_reader_rejects(
        d in dataset(), p in policies(), cut in any::<prop::sample::Index>(), byte in any::<u8>(), seed in any::<u64>(),
    ) {
        // One byte of one file changed: rejected by both with the same error, or accepted by
        // both with the same report.
        prop_assume!(d.validate().is_ok());
        let mut files = tables::canonical(&d).unwrap();
        interleave(&mut files, seed);
        let names: Vec<String> = files.keys().cloned().collect();
        let name = &names[cut.index(names.len())];
        let file = files.get_mut(name).unwrap();
        if !file.is_empty() {
            let i = cut.index(file.len());
            file[i] = byte;
        }
        match (read_tables(&files, d.period, None), audit_tables(&p, &files, d.period, None)) {
            (Ok(read), Ok(report)) => prop_assert_eq!(report.to_json(), audit(&p, &read).to_json()),
            (Err(want), Err(got)) => prop_assert_eq!(got, want),
            (read, streamed) => prop_assert!(false, "read {:?}, streamed {:?}", read.map(|_| ()), streamed.map(|_| ())),
        }
    }
}

#[test]
fn a_subject_shared_through_a_slash_keeps_the_jsons_finding_in_any_entry_order() {
    // Worksheet A/B (D1) has entries C, C and worksheet A (D2) entries B/C, B/C: both pairs are
    // entry:A/B/C, for FP-CODE-755 and for DATA-DUPLICATE-ID. The JSON keeps A/B's findings
    // (the first worksheet); so must every interleaving of entries.csv.
    let entry = |id: &str, at: &str| {
        format!(
            r#"{{"id": "{id}", "at": "2016-03-15T{at}:00-07:00", "activity": "obs", "clearance_codes": ["415"],
                "contact": {{"category": "resident", "card_provided": true}}}}"#
        )
    };
    let json = format!(
        r#"{{"period": {{"start": "2016-03-01", "end": "2016-03-31"}},
            "personnel": [{{"id": "D1", "role": "deputy"}}, {{"id": "D2", "role": "deputy"}}],
            "worksheets": [
              {{"id": "A/B", "personnel_id": "D1", "date": "2016-03-15", "assignment": "field",
                "area": "La Mirada", "entries": [{}, {}]}},
              {{"id": "A", "personnel_id": "D2", "date": "2016-03-15", "assignment": "field",
                "area": "La Mirada", "entries": [{}, {}]}}]}}"#,
        entry("C", "09:00"),
        entry("C", "09:10"),
        entry("B/C", "09:20"),
        entry("B/C", "09:30")
    );
    let policy = Policy::norwalk_2016();
    let want = audit_json(&policy, json.as_bytes()).unwrap();
    let shared: Vec<&Finding> = want.findings.iter().filter(|f| f.subject == "entry:A/B/C").collect();
    assert_eq!(shared.len(), 2, "{shared:?}");
    assert!(shared.iter().all(|f| f.personnel_id.as_deref() == Some("D1")), "{shared:?}");
    assert!(shared.iter().any(|f| f.message.contains("on worksheet A/B;")), "{shared:?}");

    let row =
        |w: &str, e: &str, at: &str| format!("{w},{e},2016-03-15T{at}:00-07:00,obs,415,resident,true,\n");
    let a_b = [row("A/B", "C", "09:00"), row("A/B", "C", "09:10")];
    let a = [row("A", "B/C", "09:20"), row("A", "B/C", "09:30")];
    let mut files = BTreeMap::new();
    files.insert("personnel.csv".to_string(), b"id,role\nD1,deputy\nD2,deputy\n".to_vec());
    files.insert(
        "worksheets.csv".to_string(),
        b"id,personnel_id,date,assignment,area\nA/B,D1,2016-03-15,field,La Mirada\nA,D2,2016-03-15,field,La Mirada\n"
            .to_vec(),
    );
    let mut orders = 0;
    for mask in 0u32..16 {
        if mask.count_ones() != 2 {
            continue;
        }
        // Bit i set: the i-th record is one of A/B's.
        let (mut i, mut j) = (0, 0);
        let mut entries =
            "worksheet_id,id,at,activity,clearance_codes,category,card_provided,description\n".to_string();
        for k in 0..4 {
            if mask & (1 << k) != 0 {
                entries += &a_b[i];
                i += 1;
            } else {
                entries += &a[j];
                j += 1;
            }
        }
        files.insert("entries.csv".to_string(), entries.into_bytes());
        let period = parse_period("2016-03").unwrap();
        assert_eq!(
            audit_tables(&policy, &files, period, None).unwrap().to_json(),
            want.to_json(),
            "order {mask:04b}"
        );
        orders += 1;
    }
    assert_eq!(orders, 6);
}

#[test]
fn a_repeated_entry_id_is_found_however_far_apart() {
    // W0's E1 comes first, again after 20 000 entries of 2 000 other worksheets, and a third
    // time last; every other worksheet uses the same entry ids, which are no repeats.
    let mut worksheets = "id,personnel_id,date,assignment,area\n".to_string();
    let mut entries = "worksheet_id,id,at,activity,clearance_codes,category,card_provided\n".to_string();
    let row = |w: usize, e: usize, codes: &str| {
        format!("W{w},E{e},2016-03-17T09:{:02}:00-07:00,obs,{codes},,\n", e % 60)
    };
    for w in 0..=2000 {
        worksheets += &format!("W{w},D100,2016-03-17,field,Norwalk\n");
    }
    entries += &row(0, 1, "755");
    for w in 1..=2000 {
        for e in 0..10 {
            entries += &row(w, e, "755");
        }
    }
    entries += &row(0, 1, "CR1");
    entries += &row(0, 2, "755");
    entries += &row(0, 1, "bad code");
    let mut files = BTreeMap::new();
    files.insert("personnel.csv".to_string(), b"id,role\nD100,deputy\n".to_vec());
    files.insert("worksheets.csv".to_string(), worksheets.into_bytes());
    files.insert("entries.csv".to_string(), entries.into_bytes());
    let policy = Policy::norwalk_2016();
    let report = audit_tables(&policy, &files, march(), None).unwrap();
    assert_eq!(report.to_json(), audit(&policy, &read_tables(&files, march(), None).unwrap()).to_json());
    let duplicates: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.rule == RuleId::DataDuplicateId)
        .map(|f| f.subject.as_str())
        .collect();
    assert_eq!(duplicates, ["entry:W0/E1"]);
    // The repeats were ignored: their codes raised nothing, and W0 counts two valid 755s.
    assert!(report.findings.iter().all(|f| f.rule != RuleId::DataCodeMalformed));
    assert_eq!(report.summary.contacts_755, 2 + 2000 * 10);
}

// `values` maps apply to every table, the dated ones (briefings, vehicle checks) included.
#[test]
fn values_maps_apply_to_briefings_and_vehicle_checks() {
    let mut files = small();
    files.insert("briefings.csv".into(), b"id,sergeant_id,date\nB1,Sarge,2016-03-01\n".to_vec());
    files.insert(
        "vehicle_checks.csv".into(),
        b"id,vehicle_id,date,cards_on_hand\nV1,car-7,2016-03-01,ten\n".to_vec(),
    );
    let mapping = Mapping::from_toml(
        "[briefings.values.sergeant_id]\nSarge = \"S1\"\n[vehicle_checks.values.cards_on_hand]\nten = \"10\"",
    )
    .unwrap();
    let d = read_tables(&files, march(), Some(&mapping)).unwrap();
    assert_eq!(d.briefings[0].sergeant_id, "S1");
    assert_eq!(d.vehicle_checks[0].cards_on_hand, 10);
}

// `TableSource` is implemented for both standard maps; a caller holding its uploads in a
// `HashMap` gets the same dataset and report as from a `BTreeMap` (or the folder).
#[test]
fn a_hash_map_of_files_is_a_source_like_a_btree_map() {
    let policy = Policy::norwalk_2016();
    let dir = repo().join("examples/data/sample-month-csv");
    let mut files = std::collections::HashMap::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        files.insert(path.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&path).unwrap());
    }
    let want = read_tables_dir(&dir, march(), None).unwrap();
    assert_eq!(read_tables(&files, march(), None).unwrap(), want);
    assert_eq!(
        audit_tables(&policy, &files, march(), None).unwrap().to_json(),
        audit_json(&policy, &sample_json()).unwrap().to_json()
    );
}

#[test]
fn a_folder_audited_from_disk_gives_the_report_and_errors_of_its_files() {
    let policy = Policy::norwalk_2016();
    let want = audit_json(&policy, &sample_json()).unwrap().to_json();
    let canonical = audit_tables_dir(&policy, &repo().join("examples/data/sample-month-csv"), march(), None);
    assert_eq!(canonical.unwrap().to_json(), want, "sample-month-csv");
    let cad =
        audit_tables_dir(&policy, &repo().join("examples/data/cad-export"), march(), Some(&cad_mapping()));
    assert_eq!(cad.unwrap().to_json(), want, "cad-export");

    let missing = repo().join("examples/data/no-such-folder");
    assert!(matches!(audit_tables_dir(&policy, &missing, march(), None), Err(TablesDirError::Io { .. })));
    let dir = std::env::temp_dir().join(format!("contact755-stream-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    tables::write_folder(&dir, &small()).unwrap();
    assert_eq!(
        audit_tables_dir(&policy, &dir, march(), None).unwrap().to_json(),
        audit_tables(&policy, &small(), march(), None).unwrap().to_json()
    );
    // No entries file: the reader's error.
    std::fs::remove_file(dir.join("entries.csv")).unwrap();
    assert_eq!(
        audit_tables_dir(&policy, &dir, march(), None).unwrap_err(),
        read_tables_dir(&dir, march(), None).unwrap_err()
    );
    // An entries "file" that cannot be read.
    std::fs::create_dir(dir.join("entries.csv")).unwrap();
    let e = audit_tables_dir(&policy, &dir, march(), None).unwrap_err();
    assert!(matches!(&e, TablesDirError::Io { file, .. } if file == "entries.csv"), "{e:?}");
    assert!(matches!(read_tables_dir(&dir, march(), None), Err(TablesDirError::Io { .. })));
    std::fs::remove_dir_all(&dir).unwrap();
}
