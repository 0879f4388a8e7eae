//! The folder convenience: reads the table files of a folder, then hands them to the pure
//! reader; or opens the entries file for the streamed audit to read in blocks. The only I/O of
//! the tables module.

use std::collections::BTreeMap;
use std::path::Path;

use super::stream::{self, StreamError};
use super::{read_tables, table_file_names, Mapping};
use crate::{Dataset, InputError, Period, Policy, Report};

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
    Ok(read_tables(&read_files(dir, mapping, false)?, period, mapping)?)
}

/// Audits the tabular dataset in folder `dir` under `policy`: the report (or the rejection) of
/// [`super::audit_tables`] over its files, reading the entries file from disk a block at a time
/// (twice: once to count, once to audit) rather than into memory. Memory grows with the other
/// tables and the findings, not with the entries; see `docs/performance.md`.
pub fn audit_tables_dir(
    policy: &Policy,
    dir: &Path,
    period: Period,
    mapping: Option<&Mapping>,
) -> Result<Report, TablesDirError> {
    let entries = table_file_names(mapping).swap_remove(2);
    let files = read_files(dir, mapping, true)?;
    let path = dir.join(&entries);
    let open = || match std::fs::File::open(&path) {
        Ok(file) => Ok(Some(file)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    };
    // A file that is there but cannot be opened is an I/O error before anything is read, as
    // for the other files.
    if let Err(e) = open() {
        return Err(TablesDirError::Io { file: entries, message: e.to_string() });
    }
    stream::audit(policy, files, period, mapping, open).map_err(|e| match e {
        StreamError::Input(e) => TablesDirError::Input(e),
        StreamError::Io(message) => TablesDirError::Io { file: entries.clone(), message },
    })
}

/// Reads the files of the tables of `dir` into memory; with `skip_entries`, not the entries
/// file (unless another table reads it too).
fn read_files(
    dir: &Path,
    mapping: Option<&Mapping>,
    skip_entries: bool,
) -> Result<BTreeMap<String, Vec<u8>>, TablesDirError> {
    if !dir.is_dir() {
        return Err(TablesDirError::Io { file: dir.display().to_string(), message: "not a folder".into() });
    }
    let names = table_file_names(mapping);
    let mut files = BTreeMap::new();
    for (i, name) in names.iter().enumerate() {
        // The entries file (index 2), when no other table reads it.
        let streamed = skip_entries && i == 2 && names.iter().enumerate().all(|(j, n)| j == 2 || n != name);
        if files.contains_key(name) || streamed {
            continue;
        }
        match std::fs::read(dir.join(name)) {
            Ok(bytes) => {
                files.insert(name.clone(), bytes);
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(TablesDirError::Io { file: name.clone(), message: e.to_string() }),
        }
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh folder under the system's temporary folder, named for the test.
    fn folder(test: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("contact755-dir-{test}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn names(files: &BTreeMap<String, Vec<u8>>) -> Vec<&str> {
        files.keys().map(String::as_str).collect()
    }

    // The streamed audit reads the entries file itself, in blocks: read into memory as well, it
    // would cost its whole size, which no report shows.
    #[test]
    fn the_entries_file_is_left_to_the_stream_unless_another_table_reads_it() {
        let dir = folder("plan");
        for name in table_file_names(None) {
            std::fs::write(dir.join(&name), name.as_bytes()).unwrap();
        }
        let all = ["briefings.csv", "entries.csv", "personnel.csv", "vehicle_checks.csv", "worksheets.csv"];
        assert_eq!(names(&read_files(&dir, None, false).unwrap()), all);
        let without_entries = ["briefings.csv", "personnel.csv", "vehicle_checks.csv", "worksheets.csv"];
        assert_eq!(names(&read_files(&dir, None, true).unwrap()), without_entries);
        // A mapping that has the briefings read from the entries file: it is read once, whole.
        let shared = Mapping::from_toml("[briefings]\nfile = \"entries.csv\"").unwrap();
        let files = read_files(&dir, Some(&shared), true).unwrap();
        assert_eq!(names(&files), ["entries.csv", "personnel.csv", "vehicle_checks.csv", "worksheets.csv"]);
        assert_eq!(files["entries.csv"], b"entries.csv");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    // Only a file that is not there is the reader's missing-file rejection; any other failure
    // to open it (here a symbolic link to itself) is an I/O error naming it.
    #[cfg(unix)]
    #[test]
    fn an_entries_file_that_cannot_be_opened_is_an_io_error_not_a_missing_file() {
        let dir = folder("loop");
        for name in table_file_names(None) {
            std::fs::write(dir.join(&name), b"").unwrap();
        }
        std::fs::remove_file(dir.join("entries.csv")).unwrap();
        std::os::unix::fs::symlink("entries.csv", dir.join("entries.csv")).unwrap();
        let period = crate::parse_period("2016-03").unwrap();
        let e = audit_tables_dir(&Policy::norwalk_2016(), &dir, period, None).unwrap_err();
        assert!(matches!(&e, TablesDirError::Io { file, .. } if file == "entries.csv"), "{e:?}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
