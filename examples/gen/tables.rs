//! Writes a dataset (SPEC §2) as tables (SPEC §7): the canonical CSV files, or the export of a
//! made-up CAD/MDC system with the mapping that reads it back ([`CAD_MAPPING`]).
//!
//! Both writers use the `csv` crate, an implementation independent of the core's reader, so a
//! test that writes with one and reads with the other checks both. They refuse (with the
//! record at fault) what a table cannot hold: an empty or blank clearance code, a code holding
//! the codes separator, an optional text that is the empty string (an empty cell is absent).
//! What they drop never changes a report: the entries of a later worksheet repeating an id
//! (SPEC §3: they are not examined, and §7.1 gives a duplicate no entries), and, in the export,
//! white space around codes (the rules trim codes), the offsets of timestamps (written as Los
//! Angeles wall-clock time of the same instant), area spellings replaced by a district number
//! that maps to the same area, and `reporting_district` (used only for grouping).
//!
//! Shared through `#[path = "gen/tables.rs"] mod tables;`; not every user uses every item.
#![allow(dead_code)]

use std::collections::BTreeMap;

use chrono::{NaiveDate, TimeZone};
use contact755::{Activity, Assignment, Category, Dataset, Role, Timestamp};

/// File name to bytes, as [`contact755::read_tables`] takes them.
pub type Files = BTreeMap<String, Vec<u8>>;

fn writer(delimiter: u8, terminator: csv::Terminator) -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new().delimiter(delimiter).terminator(terminator).from_writer(Vec::new())
}

fn finish(name: &str, w: csv::Writer<Vec<u8>>, files: &mut Files) -> Result<(), String> {
    let bytes = w.into_inner().map_err(|e| format!("{name}: {e}"))?;
    files.insert(name.to_string(), bytes);
    Ok(())
}

fn row<const N: usize>(w: &mut csv::Writer<Vec<u8>>, fields: [&str; N]) -> Result<(), String> {
    w.write_record(fields).map_err(|e| e.to_string())
}

/// An enum's JSON word (`self_initiated`).
fn word<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// An optional text as a cell: `None` is the empty cell; `Some("")` cannot be written.
fn text<'a>(v: &'a Option<String>, what: &str) -> Result<&'a str, String> {
    match v.as_deref() {
        Some("") => Err(format!("an empty {what} cannot be written (an empty cell is absent)")),
        Some(s) => Ok(s),
        None => Ok(""),
    }
}

fn rfc3339(t: &Timestamp) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, false)
}

/// The codes of an entry as one cell, pieces joined with `separator`.
fn codes_cell(codes: &[String], separator: &str, trim: bool) -> Result<String, String> {
    let mut pieces = Vec::with_capacity(codes.len());
    for c in codes {
        if c.trim().is_empty() {
            return Err(format!("the clearance code {c:?} cannot be written (empty pieces are dropped)"));
        }
        let piece = if trim { c.trim() } else { c.as_str() };
        if piece.contains(separator) {
            return Err(format!("the clearance code {c:?} holds the separator {separator:?}"));
        }
        pieces.push(piece);
    }
    Ok(pieces.join(separator))
}

/// Indices of the worksheets whose entries a table holds: the first with each id.
fn first_worksheets(d: &Dataset) -> Vec<bool> {
    let mut seen = std::collections::HashSet::new();
    d.worksheets.iter().map(|w| seen.insert(w.id.as_str())).collect()
}

/// The canonical tables of SPEC §7 (LF line ends, quoting only where needed).
pub fn canonical(d: &Dataset) -> Result<Files, String> {
    let mut files = Files::new();
    let lf = csv::Terminator::Any(b'\n');

    let mut w = writer(b',', lf);
    row(&mut w, ["id", "role"])?;
    for p in &d.personnel {
        row(&mut w, [p.id.as_str(), &word(&p.role)])?;
    }
    finish("personnel.csv", w, &mut files)?;

    let mut w = writer(b',', lf);
    row(
        &mut w,
        [
            "id",
            "personnel_id",
            "date",
            "assignment",
            "area",
            "reporting_district",
            "vehicle_id",
            "shift_start",
            "shift_end",
            "reviewer_id",
            "reviewed_on",
            "approved",
        ],
    )?;
    for ws in &d.worksheets {
        let review = ws.review.as_ref();
        row(
            &mut w,
            [
                ws.id.as_str(),
                &ws.personnel_id,
                &ws.date.to_string(),
                &word(&ws.assignment),
                text(&ws.area, "area")?,
                text(&ws.reporting_district, "reporting_district")?,
                text(&ws.vehicle_id, "vehicle_id")?,
                &ws.shift_start.as_ref().map(rfc3339).unwrap_or_default(),
                &ws.shift_end.as_ref().map(rfc3339).unwrap_or_default(),
                review.map_or("", |r| r.reviewer_id.as_str()),
                &review.map(|r| r.reviewed_on.to_string()).unwrap_or_default(),
                review.map_or("", |r| if r.approved { "true" } else { "false" }),
            ],
        )?;
    }
    finish("worksheets.csv", w, &mut files)?;

    let mut w = writer(b',', lf);
    row(
        &mut w,
        [
            "worksheet_id",
            "id",
            "at",
            "activity",
            "clearance_codes",
            "category",
            "card_provided",
            "description",
        ],
    )?;
    for (ws, first) in d.worksheets.iter().zip(first_worksheets(d)) {
        if !first {
            continue;
        }
        for e in &ws.entries {
            let contact = e.contact.as_ref();
            let description = match contact {
                Some(c) => text(&c.description, "description")?,
                None => "",
            };
            row(
                &mut w,
                [
                    ws.id.as_str(),
                    &e.id,
                    &rfc3339(&e.at),
                    &word(&e.activity),
                    &codes_cell(&e.clearance_codes, ";", false)?,
                    &contact.map(|c| word(&c.category)).unwrap_or_default(),
                    contact.map_or("", |c| if c.card_provided { "true" } else { "false" }),
                    description,
                ],
            )?;
        }
    }
    finish("entries.csv", w, &mut files)?;

    let mut w = writer(b',', lf);
    row(&mut w, ["id", "sergeant_id", "date"])?;
    for b in &d.briefings {
        row(&mut w, [b.id.as_str(), &b.sergeant_id, &b.date.to_string()])?;
    }
    finish("briefings.csv", w, &mut files)?;

    let mut w = writer(b',', lf);
    row(&mut w, ["id", "vehicle_id", "date", "cards_on_hand"])?;
    for c in &d.vehicle_checks {
        row(&mut w, [c.id.as_str(), &c.vehicle_id, &c.date.to_string(), &c.cards_on_hand.to_string()])?;
    }
    finish("vehicle_checks.csv", w, &mut files)?;
    Ok(files)
}

// ---------------------------------------------------------------------------------------------
// The CAD export: another system's names, codes and formats.

/// Reporting districts of the made-up station and the area each lies in (the generator's
/// numbering: 2800-2829 Norwalk, 2840-2869 La Mirada, 2870-2899 Unincorporated Whittier,
/// 2300-2329 Lakewood, 2500-2529 Cerritos).
pub fn districts() -> Vec<(u32, &'static str)> {
    let mut out = Vec::new();
    for (base, area) in [
        (2800, "Norwalk"),
        (2840, "La Mirada"),
        (2870, "Unincorporated Whittier"),
        (2300, "Lakewood"),
        (2500, "Cerritos"),
    ] {
        out.extend((base..base + 30).map(|d| (d, area)));
    }
    out
}

/// The mapping that reads [`cad_export`]'s files (TOML, SPEC §7.3).
pub fn cad_mapping() -> String {
    let mut m = String::from(
        r#"# How the CAD/MDC export of examples/data/cad-export reads as the tables of SPEC §7.
# Semicolon-separated files with CRLF line ends, this system's column names, rank and
# contact codes, Y/N flags, US dates and Pacific wall-clock times in split date and time
# columns, reporting district numbers instead of area names, and columns the audit ignores.

[personnel]
file = "ROSTER.CSV"
delimiter = ";"
[personnel.columns]
id = "Emp No"
role = "Rank"
[personnel.values.role]
CAPT = "captain"
LT = "lieutenant"
SGT = "sergeant"
DEP = "deputy"
RES = "reserve_deputy"
VOL = "volunteer"
PSA = "professional_staff"
strict = true

[worksheets]
file = "DDWS.CSV"
delimiter = ";"
[worksheets.columns]
id = "DDWS No"
personnel_id = "Emp No"
date = "Shift Date"
assignment = "Assignment"
area = "RD"
vehicle_id = "Unit"
shift_start = ["On Duty Date", "On Duty Time"]
shift_end = ["Off Duty Date", "Off Duty Time"]
reviewer_id = "Reviewed By"
reviewed_on = "Reviewed On"
approved = "Approved"
[worksheets.values.assignment]
FIELD = "field"
DESK = "non_field"
strict = true
[worksheets.values.approved]
Y = "true"
N = "false"
strict = true
[worksheets.dates]
format = "%m/%d/%Y"
[worksheets.timestamps]
format = "%m/%d/%Y %H%M"
time_zone = "America/Los_Angeles"
# A shift without a district number carries its area's name in RD, which passes unchanged.
[worksheets.values.area]
"#,
    );
    for (d, area) in districts() {
        m.push_str(&format!("\"{d}\" = \"{area}\"\n"));
    }
    m.push_str(
        r#"
[entries]
file = "MDC_EXPORT.CSV"
delimiter = ";"
codes_separator = " "
[entries.columns]
worksheet_id = "DDWS No"
id = "Incident No"
at = ["Clear Date", "Clear Time"]
activity = "Self Init"
clearance_codes = "Dispositions"
category = "Contact Type"
card_provided = "755 Card"
description = "Contact Notes"
[entries.values.activity]
Y = "self_initiated"
N = "call_for_service"
STA = "station"
strict = true
[entries.values.card_provided]
Y = "true"
N = "false"
strict = true
[entries.values.category]
CG = "community_group"
RES = "resident"
BUS = "business_owner"
PAT = "patron"
BW = "block_watch"
SE = "station_event"
CR = "counter_report"
OTH = "other"
strict = true
[entries.timestamps]
format = "%m/%d/%Y %H:%M:%S"
time_zone = "America/Los_Angeles"

[briefings]
file = "BRIEFINGS.CSV"
delimiter = ";"
[briefings.columns]
id = "Briefing No"
sergeant_id = "Sgt Emp No"
date = "Briefing Date"
[briefings.dates]
format = "%m/%d/%Y"

[vehicle_checks]
file = "CAR_CHECKS.CSV"
delimiter = ";"
[vehicle_checks.columns]
id = "Check No"
vehicle_id = "Unit"
date = "Check Date"
cards_on_hand = "755 Cards"
[vehicle_checks.dates]
format = "%m/%d/%Y"
"#,
    );
    m
}

fn rank(role: Role) -> &'static str {
    match role {
        Role::Captain => "CAPT",
        Role::Lieutenant => "LT",
        Role::Sergeant => "SGT",
        Role::Deputy => "DEP",
        Role::ReserveDeputy => "RES",
        Role::Volunteer => "VOL",
        Role::ProfessionalStaff => "PSA",
    }
}

fn contact_code(c: Category) -> &'static str {
    match c {
        Category::CommunityGroup => "CG",
        Category::Resident => "RES",
        Category::BusinessOwner => "BUS",
        Category::Patron => "PAT",
        Category::BlockWatch => "BW",
        Category::StationEvent => "SE",
        Category::CounterReport => "CR",
        Category::Other => "OTH",
    }
}

fn yn(b: bool) -> &'static str {
    if b {
        "Y"
    } else {
        "N"
    }
}

fn us_date(d: NaiveDate) -> Result<String, String> {
    use chrono::Datelike;
    if !(1..=9999).contains(&d.year()) {
        return Err(format!("the date {d} cannot be written as %m/%d/%Y"));
    }
    Ok(d.format("%m/%d/%Y").to_string())
}

/// The Los Angeles wall-clock date and time of `t`, as (`%m/%d/%Y`, time in `time_format`),
/// when that wall-clock time names `t` alone (not in the repeated hour of a fall back).
fn pacific(t: &Timestamp, time_format: &str) -> Result<(String, String), String> {
    use chrono::Timelike;
    let la = chrono_tz::America::Los_Angeles;
    let local = t.with_timezone(&la);
    let naive = local.naive_local();
    let unique = matches!(la.from_local_datetime(&naive), chrono::LocalResult::Single(_));
    let whole_seconds = t.nanosecond() == 0 && (time_format.contains("%S") || t.second() == 0);
    if !unique || !whole_seconds {
        return Err(format!("{} cannot be written as a Los Angeles wall-clock time", rfc3339(t)));
    }
    Ok((us_date(naive.date())?, naive.format(time_format).to_string()))
}

fn same_area(a: &str, b: &str) -> bool {
    let lower = |s: &str| s.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>();
    lower(a) == lower(b)
}

/// The worksheet's RD cell: its district number when that maps to its area, else the area as
/// written (which must not itself be a district number).
fn rd_cell(ws: &contact755::Worksheet, districts: &BTreeMap<String, &str>) -> Result<String, String> {
    let area = text(&ws.area, "area")?;
    let number = ws.reporting_district.as_deref().and_then(|r| r.strip_prefix("RD ")).filter(|n| {
        districts.get(*n).is_some_and(|mapped| ws.assignment == Assignment::Field && same_area(mapped, area))
    });
    match number {
        Some(n) => Ok(n.to_string()),
        None if districts.contains_key(area) => Err(format!("the area {area:?} reads as a district number")),
        None => Ok(area.to_string()),
    }
}

/// The same dataset as the CAD export that [`cad_mapping`] reads, with `mapping.toml` among the
/// files: `;`-separated, CRLF line ends, extra columns the mapping ignores.
pub fn cad_export(d: &Dataset) -> Result<Files, String> {
    let mut files = Files::new();
    let crlf = csv::Terminator::CRLF;
    let districts: BTreeMap<String, &str> =
        districts().into_iter().map(|(n, a)| (n.to_string(), a)).collect();

    let mut w = writer(b';', crlf);
    row(&mut w, ["Emp No", "Last Name", "Rank", "Unit Assigned"])?;
    for p in &d.personnel {
        // No names in this project's data, ever: the export's name column is left blank.
        row(&mut w, [p.id.as_str(), "", rank(p.role), "NWK"])?;
    }
    finish("ROSTER.CSV", w, &mut files)?;

    let mut w = writer(b';', crlf);
    row(
        &mut w,
        [
            "DDWS No",
            "Emp No",
            "Shift Date",
            "Assignment",
            "RD",
            "Unit",
            "On Duty Date",
            "On Duty Time",
            "Off Duty Date",
            "Off Duty Time",
            "Reviewed By",
            "Reviewed On",
            "Approved",
            "Watch",
        ],
    )?;
    for ws in &d.worksheets {
        let start = ws.shift_start.as_ref().map(|t| pacific(t, "%H%M")).transpose()?.unwrap_or_default();
        let end = ws.shift_end.as_ref().map(|t| pacific(t, "%H%M")).transpose()?.unwrap_or_default();
        let review = ws.review.as_ref();
        let reviewed_on = review.map(|r| us_date(r.reviewed_on)).transpose()?.unwrap_or_default();
        row(
            &mut w,
            [
                ws.id.as_str(),
                &ws.personnel_id,
                &us_date(ws.date)?,
                if ws.assignment == Assignment::Field { "FIELD" } else { "DESK" },
                &rd_cell(ws, &districts)?,
                text(&ws.vehicle_id, "vehicle_id")?,
                &start.0,
                &start.1,
                &end.0,
                &end.1,
                review.map_or("", |r| r.reviewer_id.as_str()),
                &reviewed_on,
                review.map_or("", |r| yn(r.approved)),
                "",
            ],
        )?;
    }
    finish("DDWS.CSV", w, &mut files)?;

    let mut w = writer(b';', crlf);
    row(
        &mut w,
        [
            "Incident No",
            "DDWS No",
            "Unit",
            "Priority",
            "Clear Date",
            "Clear Time",
            "Self Init",
            "Dispositions",
            "Contact Type",
            "755 Card",
            "Contact Notes",
            "Priority",
        ],
    )?;
    for (ws, first) in d.worksheets.iter().zip(first_worksheets(d)) {
        if !first {
            continue;
        }
        for e in &ws.entries {
            let (date, time) = pacific(&e.at, "%H:%M:%S")?;
            let contact = e.contact.as_ref();
            let notes = match contact {
                Some(c) => text(&c.description, "description")?,
                None => "",
            };
            let activity = match e.activity {
                Activity::SelfInitiated => "Y",
                Activity::CallForService => "N",
                Activity::Station => "STA",
            };
            row(
                &mut w,
                [
                    e.id.as_str(),
                    &ws.id,
                    text(&ws.vehicle_id, "vehicle_id")?,
                    "3",
                    &date,
                    &time,
                    activity,
                    &codes_cell(&e.clearance_codes, " ", true)?,
                    contact.map_or("", |c| contact_code(c.category)),
                    contact.map_or("", |c| yn(c.card_provided)),
                    notes,
                    "",
                ],
            )?;
        }
    }
    finish("MDC_EXPORT.CSV", w, &mut files)?;

    let mut w = writer(b';', crlf);
    row(&mut w, ["Briefing No", "Briefing Date", "Sgt Emp No", "Topic"])?;
    for b in &d.briefings {
        row(&mut w, [b.id.as_str(), &us_date(b.date)?, &b.sergeant_id, "755"])?;
    }
    finish("BRIEFINGS.CSV", w, &mut files)?;

    let mut w = writer(b';', crlf);
    row(&mut w, ["Check No", "Unit", "Check Date", "755 Cards", "Checked By"])?;
    for c in &d.vehicle_checks {
        row(&mut w, [c.id.as_str(), &c.vehicle_id, &us_date(c.date)?, &c.cards_on_hand.to_string(), ""])?;
    }
    finish("CAR_CHECKS.CSV", w, &mut files)?;

    files.insert("mapping.toml".to_string(), cad_mapping().into_bytes());
    Ok(files)
}

/// Writes `files` into folder `dir` (created if needed).
pub fn write_folder(dir: &std::path::Path, files: &Files) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for (name, bytes) in files {
        std::fs::write(dir.join(name), bytes)?;
    }
    Ok(())
}

/// `d` without the clearance codes a table cannot hold (empty or blank: SPEC §7.1 drops empty
/// pieces), and how many were left out. Their `DATA-CODE-MALFORMED` findings are then not in
/// the tables' report; the sample month has none.
pub fn without_blank_codes(d: &Dataset) -> (Dataset, usize) {
    let mut out = d.clone();
    let mut dropped = 0;
    for w in &mut out.worksheets {
        for e in &mut w.entries {
            let before = e.clearance_codes.len();
            e.clearance_codes.retain(|c| !c.trim().is_empty());
            dropped += before - e.clearance_codes.len();
        }
    }
    (out, dropped)
}
