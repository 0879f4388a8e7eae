//! The report as an XLSX workbook for spreadsheets.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::{rule_views, severity_counts, word, RenderError};
use crate::report::Report;

/// The workbook's creation (and modification) time in its document properties: fixed, so
/// the same report gives the same bytes. It is the zip format's own epoch, which
/// `rust_xlsxwriter` already uses for every file's date inside the package.
const FIXED_TIME: (u16, u8, u8) = (1980, 1, 1);

/// The number format of date cells.
const DATE_FORMAT: &str = "yyyy-mm-dd";

/// Counts by a key, in the summary's order.
type Counts = Vec<(String, u64)>;

/// The formats of the workbook's cells.
struct Formats {
    header: Format,
    date: Format,
    /// Text from the dataset or the policy: a string cell that also stays text when a person
    /// edits it (Excel's "quote prefix"), so `=1+1` never becomes a formula.
    data: Format,
}

/// The report as an XLSX workbook with four sheets:
///
/// * `Summary`: the station, the period, the counts, then the counts by area, activity and
///   category and the 755 contacts per week by area;
/// * `Personnel`: one row per person of the summary;
/// * `Findings`: the CSV's columns (`rule`, `severity`, `subject`, `personnel_id`, `date`,
///   `message`), one row per finding in report order;
/// * `Rules`: the catalog as the report's policy applies it (`id`, `severity`, `title`,
///   `citation`).
///
/// Every table's header row stays in view (frozen) and carries an autofilter. Dates are
/// spreadsheet dates shown `yyyy-mm-dd`; a date before 1900, which spreadsheets cannot hold,
/// is written as its `YYYY-MM-DD` text instead. Counts are numbers. Every text from the dataset
/// or the policy is a string cell (never a formula) with the quote-prefix style, so editing it
/// in a spreadsheet does not turn it into one either.
///
/// The bytes are deterministic: the document properties carry a fixed time (1980-01-01), not
/// the clock's, and the package's files carry the zip format's fixed date.
///
/// Fails with [`RenderError::Xlsx`] only past the spreadsheet's limits (more than 1 048 575
/// findings in one sheet).
pub fn xlsx(report: &Report) -> Result<Vec<u8>, RenderError> {
    write(report).map_err(|e| RenderError::Xlsx { message: e.to_string() })
}

fn write(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let (y, m, d) = FIXED_TIME;
    let properties = DocProperties::new()
        .set_title(format!("{} — community relations (755) audit", report.policy.station))
        .set_creation_datetime(&ExcelDateTime::from_ymd(y, m, d)?);
    let formats = Formats {
        header: Format::new().set_bold(),
        date: Format::new().set_num_format(DATE_FORMAT),
        data: Format::new().set_quote_prefix(),
    };
    let mut workbook = Workbook::new();
    workbook.set_properties(&properties);
    summary_sheet(workbook.add_worksheet().set_name("Summary")?, report, &formats)?;
    personnel_sheet(workbook.add_worksheet().set_name("Personnel")?, report, &formats)?;
    findings_sheet(workbook.add_worksheet().set_name("Findings")?, report, &formats)?;
    rules_sheet(workbook.add_worksheet().set_name("Rules")?, report, &formats)?;
    workbook.save_to_buffer()
}

/// A date cell, or its text where spreadsheets have no such date (before 1900).
fn write_date(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    date: NaiveDate,
    f: &Formats,
) -> Result<(), XlsxError> {
    let excel = match (u16::try_from(date.year()), u8::try_from(date.month()), u8::try_from(date.day())) {
        (Ok(y), Ok(m), Ok(d)) => ExcelDateTime::from_ymd(y, m, d).ok(),
        _ => None,
    };
    match excel {
        Some(excel) => sheet.write_datetime_with_format(row, col, &excel, &f.date)?,
        None => sheet.write_string(row, col, date.to_string())?,
    };
    Ok(())
}

/// A header row in bold, frozen, with an autofilter over it and `rows` rows below it.
fn table_header(
    sheet: &mut Worksheet,
    row: u32,
    names: &[&str],
    rows: usize,
    f: &Formats,
) -> Result<(), XlsxError> {
    for (col, name) in (0u16..).zip(names) {
        sheet.write_string_with_format(row, col, *name, &f.header)?;
    }
    let last_row = u32::try_from(rows).map_or(u32::MAX, |n| n.saturating_add(row));
    let last_col = u16::try_from(names.len().saturating_sub(1)).unwrap_or(0);
    sheet.set_freeze_panes(row + 1, 0)?;
    sheet.autofilter(row, 0, last_row, last_col)?;
    Ok(())
}

/// The row number of the `i`th row under a header on row 0.
fn data_row(i: usize) -> u32 {
    u32::try_from(i).map_or(u32::MAX, |i| i.saturating_add(1))
}

fn summary_sheet(sheet: &mut Worksheet, report: &Report, f: &Formats) -> Result<(), XlsxError> {
    let s = &report.summary;
    let p = &report.policy;
    sheet.set_column_width(0, 34)?;
    sheet.set_column_width(1, 28)?;
    sheet.set_column_width(2, 12)?;
    sheet.write_string_with_format(0, 0, "Item", &f.header)?;
    sheet.write_string_with_format(0, 1, "Value", &f.header)?;
    sheet.set_freeze_panes(1, 0)?;
    let mut row = 1u32;
    sheet.write_string(row, 0, "Station")?;
    sheet.write_string_with_format(row, 1, p.station.as_str(), &f.data)?;
    row += 1;
    if let Some(period) = s.period {
        sheet.write_string(row, 0, "Period start")?;
        write_date(sheet, row, 1, period.start, f)?;
        sheet.write_string(row + 1, 0, "Period end")?;
        write_date(sheet, row + 1, 1, period.end, f)?;
        row += 2;
    }
    sheet.write_string(row, 0, "Covered areas")?;
    sheet.write_string_with_format(row, 1, p.covered_areas.join(", "), &f.data)?;
    row += 1;
    let (violations, advisories, data) = severity_counts(report);
    let counts: [(String, u64); 9] = [
        ("Worksheets audited".into(), s.worksheets_audited),
        ("Covered field shifts".into(), s.worksheets_covered),
        (format!("Entries cleared {}", p.community_relations_code), s.contacts_755),
        ("755 cards provided".into(), s.cards_provided),
        ("Findings".into(), report.findings.len() as u64),
        ("Violations".into(), violations as u64),
        ("Advisories".into(), advisories as u64),
        ("Data problems".into(), data as u64),
        ("Persons".into(), s.personnel.len() as u64),
    ];
    for (label, n) in counts {
        sheet.write_string_with_format(row, 0, label, &f.data)?;
        sheet.write_number(row, 1, n as f64)?;
        row += 1;
    }
    let groups: [(&str, &str, Counts); 3] = [
        ("755 contacts by area", "Area", s.by_area.iter().map(|(k, v)| (k.clone(), *v)).collect()),
        ("755 contacts by activity", "Activity", s.by_activity.iter().map(|(k, v)| (word(k), *v)).collect()),
        ("Contacts by category", "Category", s.by_category.iter().map(|(k, v)| (word(k), *v)).collect()),
    ];
    for (title, key, items) in groups {
        row += 1;
        sheet.write_string_with_format(row, 0, title, &f.header)?;
        sheet.write_string_with_format(row + 1, 0, key, &f.header)?;
        sheet.write_string_with_format(row + 1, 1, "Contacts", &f.header)?;
        row += 2;
        for (k, v) in items {
            sheet.write_string_with_format(row, 0, k, &f.data)?;
            sheet.write_number(row, 1, v as f64)?;
            row += 1;
        }
    }
    row += 1;
    sheet.write_string_with_format(row, 0, "755 contacts per week by area", &f.header)?;
    for (col, name) in [(0, "Week starting (Monday)"), (1, "Area"), (2, "Contacts")] {
        sheet.write_string_with_format(row + 1, col, name, &f.header)?;
    }
    row += 2;
    for w in &s.contacts_755_by_week {
        write_date(sheet, row, 0, w.week_start, f)?;
        sheet.write_string_with_format(row, 1, w.area.as_str(), &f.data)?;
        sheet.write_number(row, 2, w.contacts as f64)?;
        row = row.saturating_add(1);
    }
    Ok(())
}

fn personnel_sheet(sheet: &mut Worksheet, report: &Report, f: &Formats) -> Result<(), XlsxError> {
    let people = &report.summary.personnel;
    table_header(sheet, 0, &["id", "covered_shifts", "contacts_755", "findings"], people.len(), f)?;
    sheet.set_column_width(0, 14)?;
    for col in 1..4 {
        sheet.set_column_width(col, 14)?;
    }
    for (i, p) in people.iter().enumerate() {
        let row = data_row(i);
        sheet.write_string_with_format(row, 0, p.id.as_str(), &f.data)?;
        sheet.write_number(row, 1, p.covered_shifts as f64)?;
        sheet.write_number(row, 2, p.contacts_755 as f64)?;
        sheet.write_number(row, 3, p.findings as f64)?;
    }
    Ok(())
}

fn findings_sheet(sheet: &mut Worksheet, report: &Report, f: &Formats) -> Result<(), XlsxError> {
    let names = ["rule", "severity", "subject", "personnel_id", "date", "message"];
    table_header(sheet, 0, &names, report.findings.len(), f)?;
    for (col, width) in [(0, 26), (1, 10), (2, 36), (3, 14), (4, 12), (5, 90)] {
        sheet.set_column_width(col, width)?;
    }
    for (i, finding) in report.findings.iter().enumerate() {
        let row = data_row(i);
        sheet.write_string(row, 0, finding.rule.as_str())?;
        sheet.write_string(row, 1, finding.severity.as_str())?;
        sheet.write_string_with_format(row, 2, finding.subject.as_str(), &f.data)?;
        if let Some(id) = &finding.personnel_id {
            sheet.write_string_with_format(row, 3, id.as_str(), &f.data)?;
        }
        if let Some(date) = finding.date {
            write_date(sheet, row, 4, date, f)?;
        }
        sheet.write_string_with_format(row, 5, finding.message.as_str(), &f.data)?;
    }
    Ok(())
}

fn rules_sheet(sheet: &mut Worksheet, report: &Report, f: &Formats) -> Result<(), XlsxError> {
    let rules: Vec<_> = rule_views(report).collect();
    table_header(sheet, 0, &["id", "severity", "title", "citation"], rules.len(), f)?;
    for (col, width) in [(0, 26), (1, 10), (2, 48), (3, 110)] {
        sheet.set_column_width(col, width)?;
    }
    for (i, rule) in rules.iter().enumerate() {
        let row = data_row(i);
        sheet.write_string(row, 0, rule.id.as_str())?;
        sheet.write_string(row, 1, rule.severity.as_str())?;
        sheet.write_string_with_format(row, 2, rule.title, &f.data)?;
        if let Some(citation) = rule.citation {
            sheet.write_string_with_format(row, 3, citation, &f.data)?;
        }
    }
    Ok(())
}
