//! Auditing a tabular dataset without holding its entries (SPEC §7): `entries.csv` is read a
//! block at a time and each record is checked by the audit engine's `Auditor` and dropped.
//!
//! Memory grows with the other tables (the worksheets above all) and the findings, not with
//! the entries. Per worksheet: its record, the reader's id index, the auditor's counts and a
//! count of its entries still to come. Per entry, once its worksheet has no entry left to come:
//! nothing. What needs earlier entries is `DATA-DUPLICATE-ID` within a worksheet ("two entries
//! with the same id in one worksheet"), so `entries.csv` is read twice:
//!
//! 1. the first pass splits the records and reads only `worksheet_id`, counting each
//!    worksheet's entries;
//! 2. the second reads every entry and audits it. While a worksheet has entries both read and
//!    to come, the ids of those read are kept, whole (compared exactly: no hash to collide);
//!    with its last entry they are dropped.
//!
//! Entries grouped by worksheet, as exports write them, hold one worksheet's ids at a time.
//! Interleaved, they hold the ids of every worksheet that has entries on both sides of the
//! current record: at worst (every worksheet's first entry before any worksheet's last) every
//! id, about 40 bytes an entry. Either pass stops at the first bad record; the second reports
//! it, exactly as [`super::read_tables`] would.

use std::collections::{HashMap, HashSet};
use std::io::Read;

use super::mapping::{Mapping, TableMapping};
use super::reader::{delimiter, file_name, missing_file, read_around_entries, EntryContext, Table, TableDef};
use super::split::Records;
use super::TableSource;
use crate::audit::engine::Auditor;
use crate::error::InputError;
use crate::{Period, Policy, Report};

/// Bytes of the entries file read at a time. Records are split where they lie in the buffer;
/// only a record longer than the buffer makes it grow.
const BLOCK: usize = 1 << 20;
/// Emptied id sets kept for the next worksheets, and the room each keeps.
const SPARE_SETS: usize = 16;
const SPARE_ROOM: usize = 64;

/// Why a streamed audit stopped.
#[derive(Debug)]
pub(crate) enum StreamError {
    /// The tables were rejected (SPEC §7.2 paths).
    Input(InputError),
    /// The entries file could not be read, or changed between the two passes.
    Io(String),
}

impl From<InputError> for StreamError {
    fn from(e: InputError) -> Self {
        StreamError::Input(e)
    }
}

/// Audits the tabular dataset of `files` under `policy`, reading the entries file through
/// `open_entries` (called twice, each time for the file from its start; `None`: there is no
/// such file) instead of from `files`. The same report, or the same rejection, as auditing
/// what [`super::read_tables`] reads.
pub(crate) fn audit<S, R>(
    policy: &Policy,
    files: &S,
    period: Period,
    mapping: Option<&Mapping>,
    mut open_entries: impl FnMut() -> std::io::Result<Option<R>>,
) -> Result<Report, StreamError>
where
    S: TableSource + ?Sized,
    R: Read,
{
    let mut open = |def, m| -> Result<EntryFile<R>, StreamError> {
        let source = open_entries().map_err(|e| StreamError::Io(e.to_string()))?;
        EntryFile::open(def, m, source)
    };
    let (dataset, entries, (def, m, first)) =
        read_around_entries(files, period, mapping, |def, m| Ok::<_, StreamError>((def, m, open(def, m)?)))?;

    let mut ids = EntryIds::new(count_entries(first, &entries, dataset.worksheets.len())?);
    let mut auditor = Auditor::begin(policy, &dataset);
    open(def, m)?.each(|t| {
        let row = entries.row(t)?;
        let seen_before = ids.seen_before(row.worksheet, &row.entry.id).ok_or_else(changed)?;
        auditor.entry(row.worksheet, &row.entry, seen_before);
        Ok(())
    })?;
    if !ids.all_read() {
        return Err(changed());
    }
    // As `read_tables` does: the JSON reader's own check of the whole (it finds nothing new).
    dataset.validate()?;
    Ok(auditor.finish())
}

fn changed() -> StreamError {
    StreamError::Io("the file changed while it was read".into())
}

/// The first pass: how many entries each worksheet (by index) has. A record that does not
/// name a worksheet is not counted, and a malformed one ends the count: the second pass
/// rejects the dataset there, or earlier.
fn count_entries<R: Read>(
    file: EntryFile<R>,
    entries: &EntryContext,
    worksheets: usize,
) -> Result<Vec<u64>, StreamError> {
    let mut counts = vec![0u64; worksheets];
    let counted = file.each(|t| {
        if let Some(count) = entries.worksheet(t).and_then(|w| counts.get_mut(w)) {
            *count += 1;
        }
        Ok(())
    });
    match counted {
        Ok(()) | Err(StreamError::Input(_)) => Ok(counts),
        Err(e) => Err(e),
    }
}

/// The entry ids each worksheet has used so far, kept only while entries of it are still to
/// come.
struct EntryIds {
    /// Per worksheet: how many of its entries are still to come.
    pending: Vec<u64>,
    /// The ids read so far of each worksheet with entries both read and to come.
    open: HashMap<usize, HashSet<Box<str>>>,
    /// Emptied sets, for the next worksheets.
    spare: Vec<HashSet<Box<str>>>,
}

impl EntryIds {
    fn new(pending: Vec<u64>) -> EntryIds {
        EntryIds { pending, open: HashMap::new(), spare: Vec::new() }
    }

    /// Whether an earlier entry of worksheet `worksheet` has the id `id`; `None` when the first
    /// pass counted no more entries of it (the file changed in between).
    fn seen_before(&mut self, worksheet: usize, id: &str) -> Option<bool> {
        let pending = self.pending.get_mut(worksheet)?;
        *pending = pending.checked_sub(1)?;
        let last = *pending == 0;
        let seen = match self.open.get_mut(&worksheet) {
            Some(ids) => {
                let seen = ids.contains(id);
                if !seen && !last {
                    ids.insert(id.into());
                }
                seen
            }
            None => {
                // The worksheet's first entry; a set only when more are to come.
                if !last {
                    let mut ids = self.spare.pop().unwrap_or_default();
                    ids.insert(id.into());
                    self.open.insert(worksheet, ids);
                }
                false
            }
        };
        if last {
            if let Some(mut ids) = self.open.remove(&worksheet) {
                if self.spare.len() < SPARE_SETS {
                    ids.clear();
                    ids.shrink_to(SPARE_ROOM);
                    self.spare.push(ids);
                }
            }
        }
        Some(seen)
    }

    /// Whether every entry the first pass counted was read.
    fn all_read(&self) -> bool {
        self.pending.iter().all(|&p| p == 0)
    }
}

/// A file read a block at a time; the unread bytes stay at the front of the buffer.
struct Blocks<R> {
    source: R,
    buf: Vec<u8>,
    /// Where the unread bytes start in `buf`.
    start: usize,
    /// The source has no more bytes than `buf` holds.
    eof: bool,
    /// Nothing was read yet (a byte-order mark may come).
    first: bool,
    /// The physical line of the first unread byte.
    line: u64,
}

impl<R: Read> Blocks<R> {
    fn new(source: R) -> Blocks<R> {
        Blocks { source, buf: Vec::new(), start: 0, eof: false, first: true, line: 1 }
    }

    /// The records of the unread bytes.
    fn records(&self, delimiter: u8) -> Records<'_> {
        let unread = self.buf.get(self.start..).unwrap_or_default();
        Records::block(unread, delimiter, self.line, self.first, self.eof)
    }

    /// Marks `consumed` more bytes read, the next of them on line `line`.
    fn consume(&mut self, consumed: usize, line: u64) {
        self.start += consumed;
        self.line = line;
        self.first &= consumed == 0;
    }

    /// Keeps the unread bytes and reads a block more, at least as many bytes as are held (a
    /// record longer than a block doubles the buffer until it fits).
    fn fill(&mut self) -> Result<(), StreamError> {
        self.buf.drain(..self.start.min(self.buf.len()));
        self.start = 0;
        let want = self.buf.len().max(BLOCK) as u64;
        let read = (&mut self.source)
            .take(want)
            .read_to_end(&mut self.buf)
            .map_err(|e| StreamError::Io(e.to_string()))?;
        self.eof = (read as u64) < want;
        Ok(())
    }
}

/// An entries file being read: its table, header resolved, and its blocks.
struct EntryFile<'m, R> {
    /// The table between blocks (over no records).
    table: Table<'m, 'static>,
    blocks: Blocks<R>,
    delimiter: u8,
}

impl<'m, R: Read> EntryFile<'m, R> {
    /// Reads the header of table `def` from `source` (`None`: the file is missing).
    fn open(
        def: &'static TableDef,
        mapping: Option<&'m TableMapping>,
        source: Option<R>,
    ) -> Result<EntryFile<'m, R>, StreamError> {
        let Some(source) = source else { return Err(missing_file(file_name(def, mapping)).into()) };
        let delimiter = delimiter(mapping);
        let mut blocks = Blocks::new(source);
        loop {
            blocks.fill()?;
            if let Some(table) = Table::with_header(def, mapping, blocks.records(delimiter))? {
                let (consumed, line) = (table.records().consumed(), table.records().line());
                let table = table.reseat(Records::empty());
                blocks.consume(consumed, line);
                return Ok(EntryFile { table, blocks, delimiter });
            }
            if blocks.eof {
                // At the end of the file a header always reads (maybe without columns).
                return Err(StreamError::Io("the header could not be read".into()));
            }
        }
    }

    /// Calls `row` on every record after the header, in file order, until the end of the
    /// file or the first error.
    fn each(self, mut row: impl FnMut(&Table) -> Result<(), StreamError>) -> Result<(), StreamError> {
        let EntryFile { mut table, mut blocks, delimiter } = self;
        loop {
            let mut block = table.reseat(blocks.records(delimiter));
            while block.advance()? {
                row(&block)?;
            }
            let (consumed, line) = (block.records().consumed(), block.records().line());
            table = block.reseat(Records::empty());
            let last = blocks.eof;
            blocks.consume(consumed, line);
            if last {
                return Ok(());
            }
            blocks.fill()?;
        }
    }
}
