//! Mappings of another system's export (SPEC §7.3), for `policy.auditTables`.

use std::sync::Arc;

use crate::error::Contact755Error;
use crate::guarded;

/// How the files of an export read as the tables of SPEC §7: per table, the file name, the
/// delimiter, renamed or joined columns, value maps, date and timestamp formats and a time zone.
/// Every key is optional; pass `null` (Swift `nil`) to `auditTables` for the canonical layout.
///
/// The mapping is checked whole when it is read, so `auditTables` never meets one that cannot
/// be applied: an unknown key (one that cannot apply to its table included), an unknown
/// canonical column, a format that cannot be used, an unknown IANA zone or a bad delimiter is
/// `InvalidMapping` at the key's path (`entries.timestamps.time_zone`); a document that is not
/// TOML or JSON is `InvalidMapping` with path `""`, line and column. Immutable and safe to share
/// between threads; in Kotlin, release it with `use { }`.
#[derive(Debug, uniffi::Object)]
pub struct Mapping(pub(crate) contact755::Mapping);

#[uniffi::export]
impl Mapping {
    /// Reads a mapping from TOML text (the form of `examples/data/cad-export/mapping.toml`).
    #[uniffi::constructor]
    pub fn from_toml(toml: String) -> Result<Arc<Self>, Contact755Error> {
        guarded(|| Ok(Arc::new(Mapping(contact755::Mapping::from_toml(&toml)?))))
    }

    /// Reads a mapping from JSON text, with the same keys as the TOML form (the `mapping` of a
    /// conformance vector).
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Self>, Contact755Error> {
        guarded(|| Ok(Arc::new(Mapping(contact755::Mapping::from_json(json.as_bytes())?))))
    }

    /// The names of the five files this mapping reads, in the order personnel, worksheets,
    /// entries, briefings, vehicle checks (the canonical name where it renames none).
    pub fn file_names(&self) -> Result<Vec<String>, Contact755Error> {
        guarded(|| Ok(self.0.file_names()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mappings_are_read_and_rejected_by_the_core() {
        let m = Mapping::from_toml("[entries]\nfile = \"cad.csv\"".into()).unwrap();
        assert_eq!(
            m.file_names().unwrap(),
            ["personnel.csv", "worksheets.csv", "cad.csv", "briefings.csv", "vehicle_checks.csv"]
        );
        let json = Mapping::from_json(r#"{"entries": {"file": "cad.csv"}}"#.into()).unwrap();
        assert_eq!(json.file_names().unwrap(), m.file_names().unwrap());
        let e = Mapping::from_toml("[entries]\ndelimiter = \":\"".into()).unwrap_err();
        assert!(e.to_string().starts_with("mapping entries.delimiter: "), "{e}");
        match e {
            Contact755Error::InvalidMapping { path, .. } => assert_eq!(path, "entries.delimiter"),
            other => panic!("{other:?}"),
        }
        match Mapping::from_json("{".into()).unwrap_err() {
            Contact755Error::InvalidMapping { kind, path, line, .. } => {
                assert_eq!((kind, path.as_str()), (contact755::InputErrorKind::Syntax, ""));
                assert!(line.is_some());
            }
            other => panic!("{other:?}"),
        }
    }
}
