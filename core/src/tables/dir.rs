//! The folder convenience: reads the table files of a folder, then hands them to the pure
//! reader. The only I/O of the tables module.

use std::collections::BTreeMap;
use std::path::Path;

use super::{read_tables, table_file_names, Mapping};
use crate::{Dataset, InputError, Period};

/// Why a folder of tables could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TablesDirError {
    /// A file is there but could not be read (a missing file is an [`InputError`] at `FILE`,
    /// or no records for an optional one).
    #[error("{file}: {message}")]
    Io {
        /// The file's name in the folder.
        file: String,
        /// What the operating system said.
        message: String,
    },
    /// The files were read and the tables rejected (SPEC §7.2 paths).
    #[error("{0}")]
    Input(#[from] InputError),
}

/// Reads the tabular dataset in folder `dir` ([`super::read_tables`] over its files): the
/// canonical file names, or those `mapping` names. Only those files are opened.
pub fn read_tables_dir(
    dir: &Path,
    period: Period,
    mapping: Option<&Mapping>,
) -> Result<Dataset, TablesDirError> {
    if !dir.is_dir() {
        return Err(TablesDirError::Io { file: dir.display().to_string(), message: "not a folder".into() });
    }
    let mut files = BTreeMap::new();
    for name in table_file_names(mapping) {
        if files.contains_key(&name) {
            continue;
        }
        match std::fs::read(dir.join(&name)) {
            Ok(bytes) => {
                files.insert(name, bytes);
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(TablesDirError::Io { file: name, message: e.to_string() }),
        }
    }
    Ok(read_tables(&files, period, mapping)?)
}
