//! The tables of SPEC §7 read into the §2 model: headers, cells, the §7.1 rules per table, and
//! the entries of `entries.csv` as an iterator, one record at a time.
//!
//! Every value goes through the same checks as the JSON reader's (`parse_date`,
//! `parse_timestamp`, serde's enum words with their aliases, `check_id`, `check_area`,
//! `validate_entry`), so the two readers cannot disagree; only the error paths differ, and
//! they are the cell's (`entries.csv:3:at`, SPEC §7.2).

use std::borrow::Cow;
use std::collections::HashMap;

use serde::de::DeserializeOwned;

use super::mapping::{Mapping, TableMapping, ValueMap};
use super::split::Records;
use super::TableSource;
use crate::error::{quote, InputError, InputErrorKind as Kind};
use crate::model::read::{check_area, check_id, validate_entry};
use crate::{
    parse_date, parse_timestamp, Briefing, Contact, Dataset, Entry, Period, Person, Review, Timestamp,
    VehicleCheck, Worksheet,
};

/// One canonical table: its mapping key, default file, columns and which of them are required.
#[derive(Debug)]
pub(crate) struct TableDef {
    /// The table's key in a mapping (`entries`).
    pub(crate) key: &'static str,
    /// The canonical file name (`entries.csv`).
    pub(crate) file: &'static str,
    /// The canonical columns, in the SPEC's order.
    pub(crate) columns: &'static [&'static str],
    /// How many of the first `columns` are required.
    pub(crate) required: usize,
    /// Whether the tables may be absent (no records).
    pub(crate) optional_file: bool,
}

impl TableDef {
    /// The index of canonical column `name`.
    pub(crate) fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| *c == name)
    }
}

/// The five tables, in reading order; a [`Mapping`] keeps its tables in this order too.
pub(crate) const TABLES: [TableDef; 5] = [
    TableDef {
        key: "personnel",
        file: "personnel.csv",
        columns: &["id", "role"],
        required: 2,
        optional_file: false,
    },
    TableDef {
        key: "worksheets",
        file: "worksheets.csv",
        columns: &[
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
        required: 4,
        optional_file: false,
    },
    TableDef {
        key: "entries",
        file: "entries.csv",
        columns: &[
            "worksheet_id",
            "id",
            "at",
            "activity",
            "clearance_codes",
            "category",
            "card_provided",
            "description",
        ],
        required: 5,
        optional_file: false,
    },
    TableDef {
        key: "briefings",
        file: "briefings.csv",
        columns: &["id", "sergeant_id", "date"],
        required: 3,
        optional_file: true,
    },
    TableDef {
        key: "vehicle_checks",
        file: "vehicle_checks.csv",
        columns: &["id", "vehicle_id", "date", "cards_on_hand"],
        required: 4,
        optional_file: true,
    },
];

// Column indices, per table, in the order of `TABLES[..].columns`.
mod col {
    pub(super) mod personnel {
        pub(crate) const ID: usize = 0;
        pub(crate) const ROLE: usize = 1;
    }
    pub(super) mod worksheets {
        pub(crate) const ID: usize = 0;
        pub(crate) const PERSONNEL_ID: usize = 1;
        pub(crate) const DATE: usize = 2;
        pub(crate) const ASSIGNMENT: usize = 3;
        pub(crate) const AREA: usize = 4;
        pub(crate) const REPORTING_DISTRICT: usize = 5;
        pub(crate) const VEHICLE_ID: usize = 6;
        pub(crate) const SHIFT_START: usize = 7;
        pub(crate) const SHIFT_END: usize = 8;
        pub(crate) const REVIEWER_ID: usize = 9;
        pub(crate) const REVIEWED_ON: usize = 10;
        pub(crate) const APPROVED: usize = 11;
    }
    pub(super) mod entries {
        pub(crate) const WORKSHEET_ID: usize = 0;
        pub(crate) const ID: usize = 1;
        pub(crate) const AT: usize = 2;
        pub(crate) const ACTIVITY: usize = 3;
        pub(crate) const CLEARANCE_CODES: usize = 4;
        pub(crate) const CATEGORY: usize = 5;
        pub(crate) const CARD_PROVIDED: usize = 6;
        pub(crate) const DESCRIPTION: usize = 7;
    }
    pub(super) mod briefings {
        pub(crate) const ID: usize = 0;
        pub(crate) const SERGEANT_ID: usize = 1;
        pub(crate) const DATE: usize = 2;
    }
    pub(super) mod vehicle_checks {
        pub(crate) const ID: usize = 0;
        pub(crate) const VEHICLE_ID: usize = 1;
        pub(crate) const DATE: usize = 2;
        pub(crate) const CARDS_ON_HAND: usize = 3;
    }
}

fn err_at(kind: Kind, path: String, line: Option<u64>, message: impl Into<String>) -> InputError {
    let mut e = InputError::at(kind, path, message);
    e.line = line;
    e
}

/// Where a canonical column's cells come from in the file.
struct Source {
    /// Field indices; several are joined with one space.
    fields: Vec<usize>,
    /// The header name paths use: the first column's.
    header: String,
}

/// One open table: its records, resolved header and mapping. The header and mapping (`'m`) stay
/// while the records (`'b`) may be one block of the file after another ([`Table::reseat`]).
pub(super) struct Table<'m, 'b> {
    def: &'static TableDef,
    file: &'m str,
    records: Records<'b>,
    width: usize,
    sources: Vec<Option<Source>>,
    values: Vec<Option<&'m ValueMap>>,
    mapping: Option<&'m TableMapping>,
    /// The current record.
    fields: Vec<Cow<'b, str>>,
    line: u64,
}

/// The file a table is read from: the mapping's name for it, or the canonical one.
pub(super) fn file_name<'m>(def: &'static TableDef, mapping: Option<&'m TableMapping>) -> &'m str {
    mapping.and_then(|m| m.file.as_deref()).unwrap_or(def.file)
}

/// The field delimiter of a table.
pub(super) fn delimiter(mapping: Option<&TableMapping>) -> u8 {
    mapping.map_or(b',', |m| m.delimiter)
}

/// The error of a file that a table requires and that is not there.
pub(super) fn missing_file(file: &str) -> InputError {
    err_at(Kind::MissingField, file.to_string(), None, "the file is missing")
}

impl<'m, 'b> Table<'m, 'b> {
    /// Opens table `def` of `files`; `None` for an optional file that is not there.
    fn open<S: TableSource + ?Sized>(
        def: &'static TableDef,
        files: &'b S,
        mapping: Option<&'m TableMapping>,
    ) -> Result<Option<Table<'m, 'b>>, InputError> {
        let file = file_name(def, mapping);
        let Some(bytes) = files.file(file) else {
            if def.optional_file {
                return Ok(None);
            }
            return Err(missing_file(file));
        };
        Table::with_header(def, mapping, Records::new(bytes, delimiter(mapping)))
    }

    /// Reads the header of table `def` from the first of `records` and resolves its columns;
    /// `None` when the records are a block that does not hold the whole header record yet.
    pub(super) fn with_header(
        def: &'static TableDef,
        mapping: Option<&'m TableMapping>,
        mut records: Records<'b>,
    ) -> Result<Option<Table<'m, 'b>>, InputError> {
        let file = file_name(def, mapping);
        let mut header = Vec::new();
        let split_error = |e: super::split::SplitError| {
            err_at(Kind::Syntax, format!("{file}:{}", e.line), Some(e.line), e.message)
        };
        // A file without a header record reads as a header without columns, on line 1.
        let h = match records.next_into(&mut header).map_err(split_error)? {
            Some(h) => h,
            None if !records.is_last_block() => return Ok(None),
            None => 1,
        };
        let header_path = |name: &str| format!("{file}:{h}:{name}");
        let mut sources: Vec<Option<Source>> = def.columns.iter().map(|_| None).collect();
        match mapping.and_then(|m| m.columns.as_ref()) {
            None => {
                // The canonical layout: every column known, none twice.
                for (i, name) in header.iter().enumerate() {
                    let Some(c) = def.column(name) else {
                        return Err(err_at(
                            Kind::UnknownField,
                            header_path(name),
                            Some(h),
                            format!("{file} has no column {}", quote(name)),
                        ));
                    };
                    if sources[c].is_some() {
                        return Err(err_at(
                            Kind::DuplicateKey,
                            header_path(name),
                            Some(h),
                            format!("the column {} appears twice", quote(name)),
                        ));
                    }
                    sources[c] = Some(Source { fields: vec![i], header: name.to_string() });
                }
            }
            Some(columns) => {
                // Renamed columns: look up only the names the mapping reads; the export's
                // other columns are ignored, repeated ones included.
                for (c, source) in sources.iter_mut().enumerate() {
                    let named = columns.iter().find(|(i, _)| *i == c).map(|(_, names)| names);
                    let names: Vec<&str> = match named {
                        Some(names) => names.iter().map(String::as_str).collect(),
                        None => vec![def.columns[c]],
                    };
                    let mut fields = Vec::with_capacity(names.len());
                    for name in &names {
                        let mut found = header.iter().enumerate().filter(|(_, h)| h.as_ref() == *name);
                        match (found.next(), found.next()) {
                            (Some((i, _)), None) => fields.push(i),
                            (Some(_), Some(_)) => {
                                return Err(err_at(
                                    Kind::DuplicateKey,
                                    header_path(name),
                                    Some(h),
                                    format!(
                                        "the column {} appears twice; which to read is unknown",
                                        quote(name)
                                    ),
                                ))
                            }
                            (None, _) if named.is_none() => break,
                            (None, _) => {
                                return Err(err_at(
                                    Kind::MissingField,
                                    header_path(name),
                                    Some(h),
                                    format!("{file} has no column {}, which the mapping names", quote(name)),
                                ))
                            }
                        }
                    }
                    if let (true, Some(first)) = (fields.len() == names.len(), names.first()) {
                        *source = Some(Source { fields, header: first.to_string() });
                    }
                }
            }
        }
        if let Some(c) = (0..def.required).find(|&c| sources[c].is_none()) {
            let name = def.columns[c];
            return Err(err_at(
                Kind::MissingField,
                header_path(name),
                Some(h),
                format!("{file} needs a column {}", quote(name)),
            ));
        }
        let mut values: Vec<Option<&ValueMap>> = def.columns.iter().map(|_| None).collect();
        for (c, map) in mapping.map_or(&[][..], |m| m.values.as_slice()) {
            if let Some(slot) = values.get_mut(*c) {
                *slot = Some(map);
            }
        }
        Ok(Some(Table {
            def,
            file,
            records,
            width: header.len(),
            sources,
            values,
            mapping,
            fields: Vec::with_capacity(header.len().min(64)),
            line: h,
        }))
    }

    /// The same table over other records: the next block of its file.
    pub(super) fn reseat<'c>(self, records: Records<'c>) -> Table<'m, 'c> {
        let Table { def, file, records: _, width, sources, values, mapping, fields, line } = self;
        let fields = Vec::with_capacity(fields.capacity());
        Table { def, file, records, width, sources, values, mapping, fields, line }
    }

    /// The records being read.
    pub(super) fn records(&self) -> &Records<'b> {
        &self.records
    }

    /// Moves to the next record; `false` at the end of the file (of the block: the next record
    /// is not whole in it).
    pub(super) fn advance(&mut self) -> Result<bool, InputError> {
        let file = self.file;
        match self.records.next_into(&mut self.fields) {
            Err(e) => Err(err_at(Kind::Syntax, format!("{file}:{}", e.line), Some(e.line), e.message)),
            Ok(None) => Ok(false),
            Ok(Some(line)) => {
                self.line = line;
                if self.fields.len() != self.width {
                    return Err(err_at(
                        Kind::Syntax,
                        format!("{file}:{line}"),
                        Some(line),
                        format!("the record has {} fields, the header {}", self.fields.len(), self.width),
                    ));
                }
                Ok(true)
            }
        }
    }

    /// The path of column `c`'s cell in the current record.
    fn path(&self, c: usize) -> String {
        let header = match &self.sources[c] {
            Some(s) => s.header.as_str(),
            None => self.def.columns[c],
        };
        format!("{}:{}:{header}", self.file, self.line)
    }

    fn error(&self, kind: Kind, c: usize, message: impl Into<String>) -> InputError {
        err_at(kind, self.path(c), Some(self.line), message)
    }

    /// Column `c`'s cell after joining and value mapping; `None` when it is empty (absent).
    fn cell(&self, c: usize) -> Result<Option<Cow<'_, str>>, InputError> {
        let Some(source) = &self.sources[c] else { return Ok(None) };
        let field = |i: usize| self.fields.get(i).map_or("", |f| f.as_ref());
        let text: Cow<str> = match source.fields.as_slice() {
            [i] => Cow::Borrowed(field(*i)),
            several if several.iter().all(|&i| field(i).is_empty()) => Cow::Borrowed(""),
            several => Cow::Owned(several.iter().map(|&i| field(i)).collect::<Vec<_>>().join(" ")),
        };
        let text = match self.values[c] {
            Some(map) => match map.map.get(text.as_ref()) {
                Some(to) => Cow::Owned(to.clone()),
                None if map.strict && !text.is_empty() => {
                    return Err(self.error(
                        Kind::InvalidValue,
                        c,
                        format!("{} is not a value the mapping knows for this column", quote(&text)),
                    ))
                }
                None => text,
            },
            None => text,
        };
        Ok(if text.is_empty() { None } else { Some(text) })
    }

    fn required(&self, c: usize) -> Result<Cow<'_, str>, InputError> {
        self.cell(c)?
            .ok_or_else(|| self.error(Kind::MissingField, c, format!("{} is required", self.def.columns[c])))
    }

    fn id(&self, c: usize) -> Result<String, InputError> {
        let v = self.required(c)?;
        check_id(&v, || self.path(c)).map_err(|e| self.with_line(e))?;
        Ok(v.into_owned())
    }

    fn opt_id(&self, c: usize) -> Result<Option<String>, InputError> {
        match self.cell(c)? {
            None => Ok(None),
            Some(v) => {
                check_id(&v, || self.path(c)).map_err(|e| self.with_line(e))?;
                Ok(Some(v.into_owned()))
            }
        }
    }

    fn with_line(&self, mut e: InputError) -> InputError {
        e.line = Some(self.line);
        e
    }

    fn opt_text(&self, c: usize) -> Result<Option<String>, InputError> {
        Ok(self.cell(c)?.map(Cow::into_owned))
    }

    fn parse_date(&self, c: usize, text: &str) -> Result<chrono::NaiveDate, InputError> {
        let parsed = match self.mapping.and_then(|m| m.dates.as_ref()) {
            Some(format) => format.date(text),
            None => parse_date(text),
        };
        parsed.map_err(|why| self.error(Kind::InvalidValue, c, why))
    }

    fn date(&self, c: usize) -> Result<chrono::NaiveDate, InputError> {
        let v = self.required(c)?;
        self.parse_date(c, &v)
    }

    fn opt_date(&self, c: usize) -> Result<Option<chrono::NaiveDate>, InputError> {
        self.cell(c)?.map(|v| self.parse_date(c, &v)).transpose()
    }

    fn parse_timestamp(&self, c: usize, text: &str) -> Result<Timestamp, InputError> {
        let parsed = match self.mapping.and_then(|m| m.timestamps.as_ref()) {
            Some((format, zone)) => format.timestamp(text, *zone),
            None => parse_timestamp(text),
        };
        parsed.map_err(|why| self.error(Kind::InvalidValue, c, why))
    }

    fn timestamp(&self, c: usize) -> Result<Timestamp, InputError> {
        let v = self.required(c)?;
        self.parse_timestamp(c, &v)
    }

    fn opt_timestamp(&self, c: usize) -> Result<Option<Timestamp>, InputError> {
        self.cell(c)?.map(|v| self.parse_timestamp(c, &v)).transpose()
    }

    /// An enum word, read by serde exactly as the JSON reader reads it (aliases included).
    fn parse_word<T: DeserializeOwned>(&self, c: usize, text: &str) -> Result<T, InputError> {
        let de = serde::de::value::StrDeserializer::<serde::de::value::Error>::new(text);
        T::deserialize(de).map_err(|e| {
            let msg = e.to_string();
            let expected = msg.find("expected ").map_or("", |i| &msg[i..]);
            self.error(
                Kind::InvalidValue,
                c,
                format!("unknown {} {}, {expected}", self.def.columns[c], quote(text)),
            )
        })
    }

    fn word<T: DeserializeOwned>(&self, c: usize) -> Result<T, InputError> {
        let v = self.required(c)?;
        self.parse_word(c, &v)
    }

    fn opt_word<T: DeserializeOwned>(&self, c: usize) -> Result<Option<T>, InputError> {
        self.cell(c)?.map(|v| self.parse_word(c, &v)).transpose()
    }

    fn parse_bool(&self, c: usize, text: &str) -> Result<bool, InputError> {
        match text {
            "true" => Ok(true),
            "false" => Ok(false),
            _ => Err(self.error(
                Kind::InvalidValue,
                c,
                format!("{} is true or false, not {}", self.def.columns[c], quote(text)),
            )),
        }
    }

    fn opt_bool(&self, c: usize) -> Result<Option<bool>, InputError> {
        self.cell(c)?.map(|v| self.parse_bool(c, &v)).transpose()
    }

    fn count(&self, c: usize) -> Result<u64, InputError> {
        let v = self.required(c)?;
        let bad = || {
            self.error(
                Kind::InvalidValue,
                c,
                format!("expected a count of decimal digits, found {}", quote(&v)),
            )
        };
        // `u64::from_str` also takes a leading `+`; a count is digits only.
        if !v.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        v.parse().map_err(|_| bad())
    }
}

/// Reads every record of an optional or required table with `row`.
fn read_all<T, S: TableSource + ?Sized>(
    def: &'static TableDef,
    files: &S,
    mapping: Option<&TableMapping>,
    mut row: impl FnMut(&Table) -> Result<T, InputError>,
) -> Result<Vec<T>, InputError> {
    let Some(mut table) = Table::open(def, files, mapping)? else { return Ok(Vec::new()) };
    let mut out = Vec::new();
    while table.advance()? {
        out.push(row(&table)?);
    }
    out.shrink_to_fit();
    Ok(out)
}

fn person(t: &Table) -> Result<Person, InputError> {
    use col::personnel::*;
    Ok(Person { id: t.id(ID)?, role: t.word(ROLE)? })
}

fn worksheet(t: &Table) -> Result<Worksheet, InputError> {
    use col::worksheets::*;
    let id = t.id(ID)?;
    let personnel_id = t.id(PERSONNEL_ID)?;
    let date = t.date(DATE)?;
    let assignment = t.word(ASSIGNMENT)?;
    let area = t.opt_text(AREA)?;
    let reporting_district = t.opt_text(REPORTING_DISTRICT)?;
    let vehicle_id = t.opt_id(VEHICLE_ID)?;
    let shift_start = t.opt_timestamp(SHIFT_START)?;
    let shift_end = t.opt_timestamp(SHIFT_END)?;
    let reviewer_id = t.opt_id(REVIEWER_ID)?;
    let reviewed_on = t.opt_date(REVIEWED_ON)?;
    let approved = t.opt_bool(APPROVED)?;
    // All three empty: no review; any given: all three required.
    let review = match (reviewer_id, reviewed_on, approved) {
        (None, None, None) => None,
        (Some(reviewer_id), Some(reviewed_on), Some(approved)) => {
            Some(Review { reviewer_id, reviewed_on, approved })
        }
        (r, d, _) => {
            let missing = if r.is_none() {
                REVIEWER_ID
            } else if d.is_none() {
                REVIEWED_ON
            } else {
                APPROVED
            };
            return Err(t.error(
                Kind::MissingField,
                missing,
                format!(
                    "a review needs reviewer_id, reviewed_on and approved; {} is empty",
                    TABLES[1].columns[missing]
                ),
            ));
        }
    };
    check_area(assignment, area.as_deref(), || t.path(AREA)).map_err(|e| t.with_line(e))?;
    Ok(Worksheet {
        id,
        personnel_id,
        date,
        assignment,
        area,
        reporting_district,
        vehicle_id,
        shift_start,
        shift_end,
        entries: Vec::new(),
        review,
    })
}

fn briefing(t: &Table) -> Result<Briefing, InputError> {
    use col::briefings::*;
    Ok(Briefing { id: t.id(ID)?, sergeant_id: t.id(SERGEANT_ID)?, date: t.date(DATE)? })
}

fn vehicle_check(t: &Table) -> Result<VehicleCheck, InputError> {
    use col::vehicle_checks::*;
    Ok(VehicleCheck {
        id: t.id(ID)?,
        vehicle_id: t.id(VEHICLE_ID)?,
        date: t.date(DATE)?,
        cards_on_hand: t.count(CARDS_ON_HAND)?,
    })
}

/// One record of `entries.csv`, read: the entry, the index of its worksheet in
/// `Dataset::worksheets` (the first row with its `worksheet_id`) and the line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EntryRow {
    /// Index into the worksheets of the dataset [`open_tables`] returned.
    pub(crate) worksheet: usize,
    /// The physical line of `entries.csv` (or the mapped file) where the record starts.
    pub(crate) line: u64,
    /// The entry, validated as the JSON reader validates one.
    pub(crate) entry: Entry,
}

/// The records of `entries.csv`, one [`EntryRow`] at a time, in file order. Only the current
/// record is held (its fields borrow from the input buffer); after an error the iterator ends.
pub(crate) struct EntryRows<'a> {
    table: Table<'a, 'a>,
    entries: EntryContext<'a>,
    done: bool,
}

/// What reading an entry record needs besides its table.
pub(super) struct EntryContext<'m> {
    /// Worksheet id → index of its first row in `worksheets.csv`.
    worksheets: HashMap<String, usize>,
    /// What separates the codes in `clearance_codes`.
    separator: &'m str,
}

impl EntryContext<'_> {
    /// The worksheet of the current record of `t`, when its `worksheet_id` names one; what a
    /// record that [`EntryContext::row`] reads belongs to, without reading the rest.
    pub(super) fn worksheet(&self, t: &Table) -> Option<usize> {
        let id = t.cell(col::entries::WORKSHEET_ID).ok()??;
        self.worksheets.get(id.as_ref()).copied()
    }
}

impl Iterator for EntryRows<'_> {
    type Item = Result<EntryRow, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let row = match self.table.advance() {
            Ok(true) => self.entries.row(&self.table),
            Ok(false) => {
                self.done = true;
                return None;
            }
            Err(e) => Err(e),
        };
        self.done = row.is_err();
        Some(row)
    }
}

impl EntryContext<'_> {
    /// Reads the current record of `t`, a table of entries.
    pub(super) fn row(&self, t: &Table) -> Result<EntryRow, InputError> {
        use col::entries::*;
        let worksheet_id = t.id(WORKSHEET_ID)?;
        let Some(&worksheet) = self.worksheets.get(&worksheet_id) else {
            return Err(t.error(
                Kind::Constraint,
                WORKSHEET_ID,
                format!("worksheet_id {} names no worksheet", quote(&worksheet_id)),
            ));
        };
        let id = t.required(ID)?.into_owned();
        let at = t.timestamp(AT)?;
        let activity = t.word(ACTIVITY)?;
        let clearance_codes = match t.cell(CLEARANCE_CODES)? {
            // Pieces empty after trimming are formatting (`755;`), not codes.
            Some(cell) => {
                cell.split(self.separator).filter(|p| !p.trim().is_empty()).map(str::to_string).collect()
            }
            None => Vec::new(),
        };
        let category = t.opt_word(CATEGORY)?;
        let card_provided = t.opt_bool(CARD_PROVIDED)?;
        let description = t.opt_text(DESCRIPTION)?;
        let contact = match category {
            Some(category) => {
                let Some(card_provided) = card_provided else {
                    return Err(t.error(Kind::MissingField, CARD_PROVIDED, "a contact needs card_provided"));
                };
                Some(Contact { category, card_provided, description })
            }
            None => {
                let stray = if card_provided.is_some() {
                    Some(CARD_PROVIDED)
                } else if description.is_some() {
                    Some(DESCRIPTION)
                } else {
                    None
                };
                if let Some(c) = stray {
                    return Err(t.error(
                        Kind::Constraint,
                        c,
                        format!("{} is given but category is empty (no contact)", TABLES[2].columns[c]),
                    ));
                }
                None
            }
        };
        let entry = Entry { id, at, activity, clearance_codes, contact };
        // The JSON reader's entry checks; their paths name the entry's fields, translated here
        // to cells (a contact of category other without description names the description).
        validate_entry(&entry, String::new).map_err(|mut e| {
            let c = match e.path.as_str() {
                ".id" => ID,
                ".contact.description" | ".contact" => DESCRIPTION,
                _ => WORKSHEET_ID,
            };
            e.path = t.path(c);
            e.line = Some(t.line);
            e
        })?;
        Ok(EntryRow { worksheet, line: t.line, entry })
    }
}

/// Reads every table except the entries, and opens `entries.csv` for reading record by record.
///
/// The dataset returned has the period, the roster, the worksheets (with no entries yet), the
/// briefings and the vehicle checks; each [`EntryRow`] of the iterator names the worksheet its
/// entry belongs to. [`super::read_tables`] pushes them in; an incremental audit can consume them
/// instead, holding one entry at a time.
pub(crate) fn open_tables<'a, S: TableSource + ?Sized>(
    files: &'a S,
    period: Period,
    mapping: Option<&'a Mapping>,
) -> Result<(Dataset, EntryRows<'a>), InputError> {
    let (dataset, entries, table) = read_around_entries(files, period, mapping, |def, m| {
        // `entries` is a required file: `open` reports it missing.
        Table::open(def, files, m)?.ok_or_else(|| missing_file(file_name(def, m)))
    })?;
    Ok((dataset, EntryRows { table, entries, done: false }))
}

/// Reads every table except the entries, in the order [`open_tables`] reads them, calling
/// `open_entries` where the header of `entries.csv` is read (so that errors come in the same
/// order however the entries are then read): the dataset without entries, what reading an
/// entry record needs, and what `open_entries` returned.
pub(super) fn read_around_entries<'m, S, T, E>(
    files: &S,
    period: Period,
    mapping: Option<&'m Mapping>,
    open_entries: impl FnOnce(&'static TableDef, Option<&'m TableMapping>) -> Result<T, E>,
) -> Result<(Dataset, EntryContext<'m>, T), E>
where
    S: TableSource + ?Sized,
    E: From<InputError>,
{
    if period.end < period.start {
        return Err(InputError::at(
            Kind::Constraint,
            "period",
            format!("period.end {} is before period.start {}", period.end, period.start),
        )
        .into());
    }
    let m = |i: usize| mapping.map(|m| &m.tables[i]);
    let [personnel_def, worksheets_def, entries_def, briefings_def, checks_def] = &TABLES;
    let personnel = read_all(personnel_def, files, m(0), person)?;
    let worksheets = read_all(worksheets_def, files, m(1), worksheet)?;
    let entries = open_entries(entries_def, m(2))?;
    let briefings = read_all(briefings_def, files, m(3), briefing)?;
    let vehicle_checks = read_all(checks_def, files, m(4), vehicle_check)?;
    let mut index = HashMap::with_capacity(worksheets.len());
    for (i, w) in worksheets.iter().enumerate() {
        index.entry(w.id.clone()).or_insert(i);
    }
    let separator = m(2).and_then(|t| t.codes_separator.as_deref()).unwrap_or(";");
    let context = EntryContext { worksheets: index, separator };
    Ok((Dataset { period, personnel, worksheets, briefings, vehicle_checks }, context, entries))
}
