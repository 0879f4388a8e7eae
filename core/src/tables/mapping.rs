//! Mappings for other layouts (SPEC §7.3): how an export's files read as the canonical tables.
//!
//! A mapping is read in two steps: serde reads the shape (unknown keys, wrong types and repeated
//! keys are errors at their key's path), then [`Mapping`] is built and checked key by key
//! (canonical column names, delimiters, formats, time zones), so that reading the tables later
//! never meets a mapping that cannot be applied.

use std::collections::HashMap;
use std::fmt;

use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::format::{Format, FormatKind};
use super::reader::{TableDef, TABLES};
use crate::error::{render_path, InputError, InputErrorKind};

/// A mapping was rejected: the same fields as [`crate::PolicyError`], with `path` the mapping
/// key at fault (`entries.timestamps.time_zone`), or `""` for a document that is not valid JSON
/// or TOML (then `line` and `column` say where).
///
/// ```
/// let err = contact755::Mapping::from_toml("[entries]\ndelimiter = \":\"").unwrap_err();
/// assert_eq!(err.path, "entries.delimiter");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("mapping {}", crate::error::display_error(.path, .line, .column, .message))]
pub struct MappingError {
    /// What kind of problem this is.
    pub kind: InputErrorKind,
    /// The mapping key at fault, or `""` for a syntax error.
    pub path: String,
    /// 1-based line of a syntax error, where known.
    pub line: Option<u64>,
    /// 1-based column of a syntax error, where known.
    pub column: Option<u64>,
    /// What is wrong, in words.
    pub message: String,
}

impl From<InputError> for MappingError {
    fn from(e: InputError) -> Self {
        MappingError { kind: e.kind, path: e.path, line: e.line, column: e.column, message: e.message }
    }
}

impl MappingError {
    fn at(kind: InputErrorKind, path: String, message: impl Into<String>) -> MappingError {
        MappingError { kind, path, line: None, column: None, message: message.into() }
    }
}

/// How the files of an export read as the tables of SPEC §7: per table, the file name, the
/// delimiter, renamed or joined columns, value maps, date and timestamp formats and a time
/// zone. Every key is optional; `Mapping::default()` is the canonical layout.
///
/// ```
/// let mapping = contact755::Mapping::from_toml(r#"
/// [entries]
/// file = "cad_export.csv"
/// delimiter = ";"
/// [entries.columns]
/// at = ["Clear Date", "Clear Time"]
/// [entries.timestamps]
/// format = "%m/%d/%Y %H:%M"
/// time_zone = "America/Los_Angeles"
/// "#).unwrap();
/// assert_eq!(mapping.file_names()[2], "cad_export.csv");
/// ```
#[derive(Debug, Clone, Default)]
pub struct Mapping {
    /// Per table, in the order of [`TABLES`].
    pub(crate) tables: [TableMapping; 5],
}

/// The mapping of one table, checked.
#[derive(Debug, Clone)]
pub(crate) struct TableMapping {
    pub(crate) file: Option<String>,
    pub(crate) delimiter: u8,
    pub(crate) codes_separator: Option<String>,
    /// Canonical column index and the export's header names, when the mapping has `columns`.
    pub(crate) columns: Option<Vec<(usize, Vec<String>)>>,
    /// Canonical column index and its value map.
    pub(crate) values: Vec<(usize, ValueMap)>,
    pub(crate) dates: Option<Format>,
    pub(crate) timestamps: Option<(Format, Option<chrono_tz::Tz>)>,
}

impl Default for TableMapping {
    fn default() -> Self {
        TableMapping {
            file: None,
            delimiter: b',',
            codes_separator: None,
            columns: None,
            values: Vec::new(),
            dates: None,
            timestamps: None,
        }
    }
}

/// `values.COLUMN`: whole cells of the export to canonical text.
#[derive(Debug, Clone, Default)]
pub(crate) struct ValueMap {
    pub(crate) map: HashMap<String, String>,
    pub(crate) strict: bool,
}

impl Mapping {
    /// Reads a mapping from TOML text (SPEC §7.3); errors name the key at fault.
    pub fn from_toml(toml_text: &str) -> Result<Mapping, MappingError> {
        let de = toml::de::Deserializer::parse(toml_text)
            .map_err(|e| MappingError::from(crate::error::from_toml_error(&e, toml_text)))?;
        let raw: RawMapping = serde_path_to_error::deserialize(de).map_err(|e| {
            let mut err = crate::error::from_toml_error(e.inner(), toml_text);
            err.path = render_path(e.path());
            err.kind = classify(&err.message);
            MappingError::from(err)
        })?;
        raw.check()
    }

    /// Reads a mapping from JSON (the same keys as the TOML form); errors name the key at
    /// fault.
    ///
    /// ```
    /// let err = contact755::Mapping::from_json(br#"{"personnel": {"timestamps": {}}}"#).unwrap_err();
    /// assert_eq!(err.path, "personnel.timestamps");
    /// ```
    pub fn from_json(json: impl AsRef<[u8]>) -> Result<Mapping, MappingError> {
        let raw: RawMapping = crate::model::read::parse_json(json.as_ref())?;
        raw.check()
    }

    /// The names of the five files this mapping reads, in the order personnel, worksheets,
    /// entries, briefings, vehicle checks (the canonical names where it renames none).
    pub fn file_names(&self) -> Vec<String> {
        TABLES
            .iter()
            .zip(&self.tables)
            .map(|(def, t)| t.file.clone().unwrap_or_else(|| def.file.to_string()))
            .collect()
    }
}

fn classify(message: &str) -> InputErrorKind {
    if message.starts_with("unknown field") {
        InputErrorKind::UnknownField
    } else if message.starts_with("invalid type") {
        InputErrorKind::InvalidType
    } else if message.starts_with("duplicate") {
        InputErrorKind::DuplicateKey
    } else if message.starts_with("missing field") {
        InputErrorKind::MissingField
    } else {
        InputErrorKind::InvalidValue
    }
}

// ---------------------------------------------------------------------------------------------
// The shape, as serde reads it. Each table has only the keys that can apply to it, so that
// `personnel.timestamps` or `briefings.codes_separator` is an unknown key (SPEC §7.3).

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawMapping {
    #[serde(default)]
    personnel: Option<RawPlain>,
    #[serde(default)]
    worksheets: Option<RawWorksheets>,
    #[serde(default)]
    entries: Option<RawEntries>,
    #[serde(default)]
    briefings: Option<RawDated>,
    #[serde(default)]
    vehicle_checks: Option<RawDated>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlain {
    #[serde(default)]
    file: Option<String>,
    #[serde(default)]
    delimiter: Option<String>,
    #[serde(default)]
    columns: Option<UniqueMap<Columns>>,
    #[serde(default)]
    values: Option<UniqueMap<RawValues>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDated {
    #[serde(default)]
    file: Option<String>,
    #[serde(default)]
    delimiter: Option<String>,
    #[serde(default)]
    columns: Option<UniqueMap<Columns>>,
    #[serde(default)]
    values: Option<UniqueMap<RawValues>>,
    #[serde(default)]
    dates: Option<RawDates>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWorksheets {
    #[serde(default)]
    file: Option<String>,
    #[serde(default)]
    delimiter: Option<String>,
    #[serde(default)]
    columns: Option<UniqueMap<Columns>>,
    #[serde(default)]
    values: Option<UniqueMap<RawValues>>,
    #[serde(default)]
    dates: Option<RawDates>,
    #[serde(default)]
    timestamps: Option<RawTimestamps>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntries {
    #[serde(default)]
    file: Option<String>,
    #[serde(default)]
    delimiter: Option<String>,
    #[serde(default)]
    codes_separator: Option<String>,
    #[serde(default)]
    columns: Option<UniqueMap<Columns>>,
    #[serde(default)]
    values: Option<UniqueMap<RawValues>>,
    #[serde(default)]
    timestamps: Option<RawTimestamps>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDates {
    #[serde(default)]
    format: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTimestamps {
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    time_zone: Option<String>,
}

/// Every table's keys, whatever its shape.
#[derive(Default)]
struct RawTable {
    file: Option<String>,
    delimiter: Option<String>,
    codes_separator: Option<String>,
    columns: Option<UniqueMap<Columns>>,
    values: Option<UniqueMap<RawValues>>,
    dates: Option<RawDates>,
    timestamps: Option<RawTimestamps>,
}

impl From<RawPlain> for RawTable {
    fn from(r: RawPlain) -> Self {
        RawTable {
            file: r.file,
            delimiter: r.delimiter,
            columns: r.columns,
            values: r.values,
            ..Default::default()
        }
    }
}

impl From<RawDated> for RawTable {
    fn from(r: RawDated) -> Self {
        RawTable {
            file: r.file,
            delimiter: r.delimiter,
            columns: r.columns,
            values: r.values,
            dates: r.dates,
            ..Default::default()
        }
    }
}

impl From<RawWorksheets> for RawTable {
    fn from(r: RawWorksheets) -> Self {
        RawTable {
            file: r.file,
            delimiter: r.delimiter,
            columns: r.columns,
            values: r.values,
            dates: r.dates,
            timestamps: r.timestamps,
            ..Default::default()
        }
    }
}

impl From<RawEntries> for RawTable {
    fn from(r: RawEntries) -> Self {
        RawTable {
            file: r.file,
            delimiter: r.delimiter,
            codes_separator: r.codes_separator,
            columns: r.columns,
            values: r.values,
            timestamps: r.timestamps,
            ..Default::default()
        }
    }
}

/// A map whose keys must be distinct (JSON allows a repeated key; serde's maps keep the last).
struct UniqueMap<V>(Vec<(String, V)>);

impl<'de, V: Deserialize<'de>> Deserialize<'de> for UniqueMap<V> {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        struct MapVisitor<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for MapVisitor<V> {
            type Value = UniqueMap<V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a table")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out: Vec<(String, V)> = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    if out.iter().any(|(k, _)| *k == key) {
                        return Err(serde::de::Error::custom(format!(
                            "duplicate key {}",
                            crate::error::quote(&key)
                        )));
                    }
                    let value = map.next_value()?;
                    out.push((key, value));
                }
                Ok(UniqueMap(out))
            }
        }
        de.deserialize_map(MapVisitor(std::marker::PhantomData))
    }
}

/// `columns.NAME`: one header name, or several whose cells are joined.
struct Columns(Vec<String>);

impl<'de> Deserialize<'de> for Columns {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        struct ColumnsVisitor;
        impl<'de> Visitor<'de> for ColumnsVisitor {
            type Value = Columns;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a header name or a list of header names")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Columns, E> {
                Ok(Columns(vec![v.to_string()]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Columns, A::Error> {
                let mut out = Vec::new();
                while let Some(name) = seq.next_element::<String>()? {
                    out.push(name);
                }
                Ok(Columns(out))
            }
        }
        de.deserialize_any(ColumnsVisitor)
    }
}

/// `values.COLUMN`: cell texts to canonical texts, and `strict`, which must be a bool.
struct RawValues {
    map: UniqueMap<String>,
    strict: bool,
}

impl<'de> Deserialize<'de> for RawValues {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        struct ValuesVisitor;
        impl<'de> Visitor<'de> for ValuesVisitor {
            type Value = RawValues;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a table of cell texts")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawValues, A::Error> {
                let mut out = RawValues { map: UniqueMap(Vec::new()), strict: false };
                let mut strict_seen = false;
                while let Some(key) = map.next_key::<String>()? {
                    let repeated = if key == "strict" {
                        std::mem::replace(&mut strict_seen, true)
                    } else {
                        out.map.0.iter().any(|(k, _)| *k == key)
                    };
                    if repeated {
                        return Err(serde::de::Error::custom(format!(
                            "duplicate key {}",
                            crate::error::quote(&key)
                        )));
                    }
                    if key == "strict" {
                        // A bool only: `strict = "true"` is a typo to reject, not the text of
                        // a cell called "strict" to map.
                        out.strict = map.next_value::<bool>()?;
                    } else {
                        let value = map.next_value::<String>()?;
                        out.map.0.push((key, value));
                    }
                }
                Ok(out)
            }
        }
        de.deserialize_map(ValuesVisitor)
    }
}

// ---------------------------------------------------------------------------------------------
// Checking the values of the keys.

impl RawMapping {
    fn check(self) -> Result<Mapping, MappingError> {
        let raws: [Option<RawTable>; 5] = [
            self.personnel.map(Into::into),
            self.worksheets.map(Into::into),
            self.entries.map(Into::into),
            self.briefings.map(Into::into),
            self.vehicle_checks.map(Into::into),
        ];
        let mut mapping = Mapping::default();
        for ((def, raw), out) in TABLES.iter().zip(raws).zip(&mut mapping.tables) {
            if let Some(raw) = raw {
                *out = check_table(def, raw)?;
            }
        }
        Ok(mapping)
    }
}

fn check_table(def: &TableDef, raw: RawTable) -> Result<TableMapping, MappingError> {
    let key = |k: &str| format!("{}.{k}", def.key);
    let bad =
        |path: String, message: String| Err(MappingError::at(InputErrorKind::InvalidValue, path, message));
    let mut out = TableMapping::default();
    if let Some(file) = raw.file {
        // A plain file name: the folder reader must not be sent outside its folder.
        if file.is_empty() || file == "." || file == ".." || file.contains(['/', '\\', '\0']) {
            return bad(key("file"), "a file name without a folder (no `/` or `\\`) is needed".into());
        }
        out.file = Some(file);
    }
    if let Some(d) = raw.delimiter {
        out.delimiter = match d.as_str() {
            "," => b',',
            ";" => b';',
            "|" => b'|',
            "\t" => b'\t',
            _ => {
                return bad(
                    key("delimiter"),
                    format!("the delimiter is one of , ; | or a tab, not {}", crate::error::quote(&d)),
                )
            }
        };
    }
    if let Some(sep) = raw.codes_separator {
        if sep.is_empty() {
            return bad(key("codes_separator"), "the codes separator must not be empty".into());
        }
        out.codes_separator = Some(sep);
    }
    if let Some(UniqueMap(columns)) = raw.columns {
        let mut checked = Vec::with_capacity(columns.len());
        for (name, Columns(headers)) in columns {
            let path = format!("{}.columns.{name}", def.key);
            let Some(index) = def.column(&name) else {
                return Err(MappingError::at(
                    InputErrorKind::UnknownField,
                    path,
                    format!("{} has no column {}", def.file, crate::error::quote(&name)),
                ));
            };
            if headers.is_empty() {
                return bad(path, "at least one header name is needed".into());
            }
            checked.push((index, headers));
        }
        out.columns = Some(checked);
    }
    if let Some(UniqueMap(values)) = raw.values {
        for (name, raw_values) in values {
            let Some(index) = def.column(&name) else {
                return Err(MappingError::at(
                    InputErrorKind::UnknownField,
                    format!("{}.values.{name}", def.key),
                    format!("{} has no column {}", def.file, crate::error::quote(&name)),
                ));
            };
            let map = raw_values.map.0.into_iter().collect();
            out.values.push((index, ValueMap { map, strict: raw_values.strict }));
        }
    }
    if let Some(dates) = raw.dates {
        if let Some(text) = dates.format {
            let format = Format::compile(&text, FormatKind::Date).map_err(|why| {
                MappingError::at(InputErrorKind::InvalidValue, format!("{}.dates.format", def.key), why)
            })?;
            out.dates = Some(format);
        }
    }
    if let Some(ts) = raw.timestamps {
        let path = format!("{}.timestamps.format", def.key);
        let zone = match ts.time_zone {
            Some(name) => Some(name.parse::<chrono_tz::Tz>().map_err(|_| {
                MappingError::at(
                    InputErrorKind::InvalidValue,
                    format!("{}.timestamps.time_zone", def.key),
                    format!("{} is not an IANA time zone name", crate::error::quote(&name)),
                )
            })?),
            None => None,
        };
        match ts.format {
            Some(text) => {
                let format = Format::compile(&text, FormatKind::Timestamp)
                    .map_err(|why| MappingError::at(InputErrorKind::InvalidValue, path.clone(), why))?;
                if zone.is_none() && !format.reads_offset() {
                    return bad(
                        path,
                        "a timestamp format without `time_zone` must read an offset (`%z` or `%:z`)".into(),
                    );
                }
                out.timestamps = Some((format, zone));
            }
            None if zone.is_some() => {
                return Err(MappingError::at(
                    InputErrorKind::MissingField,
                    path,
                    "`time_zone` needs a `format` for the times it applies to",
                ))
            }
            None => {}
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toml_err(text: &str) -> (String, InputErrorKind) {
        let e = Mapping::from_toml(text).unwrap_err();
        (e.path, e.kind)
    }

    #[test]
    fn rejections_name_the_key() {
        use InputErrorKind as K;
        for (text, path, kind) in [
            ("[personnel.timestamps]\nformat = \"%Y\"", "personnel.timestamps", K::UnknownField),
            ("[briefings]\ncodes_separator = \" \"", "briefings.codes_separator", K::UnknownField),
            ("[entries.dates]\nformat = \"%Y-%m-%d\"", "entries.dates", K::UnknownField),
            ("[stations]", "stations", K::UnknownField),
            ("[entries]\ndelimiter = \":\"", "entries.delimiter", K::InvalidValue),
            ("[entries]\ndelimiter = \",,\"", "entries.delimiter", K::InvalidValue),
            ("[entries]\ndelimiter = 1", "entries.delimiter", K::InvalidType),
            ("[entries.columns]\nplace = \"Loc\"", "entries.columns.place", K::UnknownField),
            ("[entries.columns]\nat = []", "entries.columns.at", K::InvalidValue),
            ("[entries.values.colour]\nY = \"x\"", "entries.values.colour", K::UnknownField),
            (
                "[entries.values.activity]\nstrict = \"true\"",
                "entries.values.activity.strict",
                K::InvalidType,
            ),
            ("[entries.values.activity]\nY = 1", "entries.values.activity.Y", K::InvalidType),
            (
                "[entries.timestamps]\ntime_zone = \"America/Los_Angeles\"",
                "entries.timestamps.format",
                K::MissingField,
            ),
            (
                "[entries.timestamps]\nformat = \"%m/%d/%Y %H:%M\"",
                "entries.timestamps.format",
                K::InvalidValue,
            ),
            (
                "[entries.timestamps]\nformat = \"%m/%d/%Y %H:%M\"\ntime_zone = \"Pacific/Nowhere\"",
                "entries.timestamps.time_zone",
                K::InvalidValue,
            ),
            ("[worksheets.dates]\nformat = \"%m/%d/%y\"", "worksheets.dates.format", K::InvalidValue),
            ("[worksheets.dates]\nstyle = \"us\"", "worksheets.dates.style", K::UnknownField),
            ("[worksheets]\nfile = \"../x.csv\"", "worksheets.file", K::InvalidValue),
        ] {
            assert_eq!(toml_err(text), (path.to_string(), kind), "{text}");
        }
        assert_eq!(Mapping::from_toml("[entries").unwrap_err().kind, K::Syntax);
    }

    #[test]
    fn a_file_name_must_name_a_file_in_the_folder() {
        for name in ["", ".", "..", "a/b.csv", "a\\b.csv"] {
            let text = format!("[briefings]\nfile = {name:?}");
            assert_eq!(
                toml_err(&text),
                ("briefings.file".to_string(), InputErrorKind::InvalidValue),
                "{text}"
            );
        }
        assert!(Mapping::from_toml("[briefings]\nfile = \"..csv\"").is_ok());
    }

    #[test]
    fn an_empty_timestamps_table_changes_nothing() {
        let m = Mapping::from_toml("[entries.timestamps]\n[worksheets.timestamps]").unwrap();
        assert!(m.tables.iter().all(|t| t.timestamps.is_none()));
    }

    #[test]
    fn wrong_types_say_what_was_expected() {
        for (text, expected) in [
            ("[entries]\ncolumns = 3", "expected a table"),
            ("[entries.columns]\nat = 3", "expected a header name or a list of header names"),
            ("[entries.values]\nactivity = 3", "expected a table of cell texts"),
        ] {
            let e = Mapping::from_toml(text).unwrap_err();
            assert_eq!(e.kind, InputErrorKind::InvalidType, "{text}");
            assert!(e.message.ends_with(expected), "{text}: {}", e.message);
        }
    }

    #[test]
    fn json_repeated_keys_are_rejected() {
        let e = Mapping::from_json(br#"{"entries": {"values": {"activity": {"Y": "obs", "Y": "cfs"}}}}"#)
            .unwrap_err();
        assert_eq!(e.path, "entries.values.activity");
        let e = Mapping::from_json(br#"{"entries": {"columns": {"at": "A", "at": "B"}}}"#).unwrap_err();
        assert_eq!(e.path, "entries.columns");
        let e = Mapping::from_json(br#"{"entries": {"file": "a.csv", "file": "b.csv"}}"#).unwrap_err();
        assert_eq!(e.kind, InputErrorKind::DuplicateKey);
    }

    #[test]
    fn a_full_mapping_reads() {
        let m = Mapping::from_toml(
            r#"
[entries]
file = "cad.csv"
delimiter = "\t"
codes_separator = " "
[entries.columns]
at = ["Clear Date", "Clear Time"]
id = "Tag"
[entries.values.activity]
Y = "self_initiated"
strict = true
[entries.timestamps]
format = "%m/%d/%Y %H:%M"
time_zone = "America/Los_Angeles"
[worksheets.dates]
format = "%m/%d/%Y"
"#,
        )
        .unwrap();
        let e = &m.tables[2];
        assert_eq!((e.delimiter, e.codes_separator.as_deref()), (b'\t', Some(" ")));
        assert!(e.values[0].1.strict);
        assert!(m.tables[1].dates.is_some());
        assert_eq!(
            m.file_names(),
            ["personnel.csv", "worksheets.csv", "cad.csv", "briefings.csv", "vehicle_checks.csv"]
        );
    }
}
