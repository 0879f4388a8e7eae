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
/// what [`super::read_tables`] reads. `files` is dropped once the other tables are read.
pub(crate) fn audit<S, R>(
    policy: &Policy,
    files: S,
    period: Period,
    mapping: Option<&Mapping>,
    open_entries: impl FnMut() -> std::io::Result<Option<R>>,
) -> Result<Report, StreamError>
where
    S: TableSource,
    R: Read,
{
    audit_in_blocks(policy, files, period, mapping, open_entries, BLOCK)
}

/// [`audit`], reading `block` bytes at a time (tests use tiny blocks).
fn audit_in_blocks<S, R>(
    policy: &Policy,
    files: S,
    period: Period,
    mapping: Option<&Mapping>,
    mut open_entries: impl FnMut() -> std::io::Result<Option<R>>,
    block: usize,
) -> Result<Report, StreamError>
where
    S: TableSource,
    R: Read,
{
    let mut open = |def, m| -> Result<EntryFile<R>, StreamError> {
        let source = open_entries().map_err(|e| StreamError::Io(e.to_string()))?;
        EntryFile::open(def, m, source, block)
    };
    let (dataset, entries, (def, m, first)) =
        read_around_entries(&files, period, mapping, |def, m| Ok::<_, StreamError>((def, m, open(def, m)?)))?;
    // The bytes of the other tables are not needed any more (a folder's are read into memory).
    drop(files);

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
    /// Bytes read at a time, at least.
    block: usize,
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
    fn new(source: R, block: usize) -> Blocks<R> {
        Blocks { source, block: block.max(1), buf: Vec::new(), start: 0, eof: false, first: true, line: 1 }
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
        let want = self.buf.len().max(self.block) as u64;
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
    /// Reads the header of table `def` from `source` (`None`: the file is missing), `block`
    /// bytes at a time.
    fn open(
        def: &'static TableDef,
        mapping: Option<&'m TableMapping>,
        source: Option<R>,
        block: usize,
    ) -> Result<EntryFile<'m, R>, StreamError> {
        let Some(source) = source else { return Err(missing_file(file_name(def, mapping)).into()) };
        let delimiter = delimiter(mapping);
        let mut blocks = Blocks::new(source, block);
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

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::{parse_period, read_tables};

    const PERSONNEL: &str = "id,role\nD100,deputy\nD101,deputy\nS200,sergeant\n";
    const WORKSHEETS: &str = "id,personnel_id,date,assignment,area,shift_start,shift_end,reviewer_id,\
        reviewed_on,approved\n\
        W1,D100,2016-03-17,field,Norwalk,2016-03-17T06:00:00-07:00,2016-03-17T16:00:00-07:00,S200,2016-03-18,true\n\
        W2,D101,2016-03-17,field,La Mirada,,,S200,2016-03-18,false\n\
        W3,D101,2016-03-18,non_field,,,,,,\n\
        W1,D101,2016-03-19,non_field,,,,,,\n";
    /// Every way a record can lie in a file: a byte-order mark, CRLF, lone CR and LF line ends,
    /// blank lines, quoted cells with line breaks and doubled quotes, a two-byte character, a
    /// repeated id far from the first, and a last record without a line end.
    const ENTRIES: &str = "\u{feff}worksheet_id,id,at,activity,clearance_codes,category,card_provided,description\r\n\
        W1,E1,2016-03-17T09:12:00-07:00,obs,755,resident,true,\r\n\
        \r\n\
        W2,E1,2016-03-17T09:20:00-07:00,cfs,\"415;755\",other,true,\"career day, \"\"q\"\"\r\nat school \u{e9}\"\r\
        W1,E2,2016-03-17T17:40:00-07:00,cfs,415,,,\n\n\n\
        W3,E1,2016-03-18T09:00:00-07:00,station,755,station_event,true,\r\
        W1,E1,2016-03-17T10:00:00-07:00,obs,415,resident,false,\n\
        W2,E2,2016-03-17T10:00:00-07:00,obs,755; 755,,,";

    fn files(entries: &[u8]) -> BTreeMap<String, Vec<u8>> {
        let mut f = BTreeMap::new();
        f.insert("personnel.csv".to_string(), PERSONNEL.as_bytes().to_vec());
        f.insert("worksheets.csv".to_string(), WORKSHEETS.as_bytes().to_vec());
        f.insert("entries.csv".to_string(), entries.to_vec());
        f
    }

    fn streamed(files: &BTreeMap<String, Vec<u8>>, block: usize) -> Result<String, InputError> {
        let period = parse_period("2016-03").unwrap();
        let open = || Ok(files.get("entries.csv").map(Vec::as_slice));
        match audit_in_blocks(&Policy::norwalk_2016(), files, period, None, open, block) {
            Ok(report) => Ok(report.to_json()),
            Err(StreamError::Input(e)) => Err(e),
            Err(StreamError::Io(message)) => panic!("bytes in memory: {message}"),
        }
    }

    fn read_whole(files: &BTreeMap<String, Vec<u8>>) -> Result<String, InputError> {
        let period = parse_period("2016-03").unwrap();
        read_tables(files, period, None).map(|d| crate::audit(&Policy::norwalk_2016(), &d).to_json())
    }

    #[test]
    fn blocks_of_any_size_give_the_report_of_the_whole_file() {
        let files = files(ENTRIES.as_bytes());
        let want = read_whole(&files).unwrap();
        // What the file holds reached the report: the repeated id, the shift, the codes.
        for subject in ["\"DATA-DUPLICATE-ID\"", "\"DATA-ENTRY-OUTSIDE-SHIFT\"", "\"DATA-CODE-DUPLICATE\""] {
            assert!(want.contains(subject), "{subject} in {want}");
        }
        for block in (1..=ENTRIES.len() + 1).chain([4096, BLOCK]) {
            assert_eq!(streamed(&files, block).unwrap(), want, "block {block}");
        }
    }

    #[test]
    fn blocks_of_any_size_reject_where_the_whole_file_is_rejected() {
        let good = ENTRIES.as_bytes();
        let at = |needle: &str| ENTRIES.find(needle).unwrap();
        let mut cases: Vec<Vec<u8>> = vec![
            // A bad timestamp, a bad word, an unknown worksheet, a stray card cell.
            ENTRIES.replacen("T17:40:00", "T25:40:00", 1).into_bytes(),
            ENTRIES.replacen("station,755", "desk,755", 1).into_bytes(),
            ENTRIES.replacen("W3,E1", "W9,E1", 1).into_bytes(),
            ENTRIES.replacen("cfs,415,,,", "cfs,415,,true,", 1).into_bytes(),
            // A field too many; a quote never closed; a quote inside a field.
            ENTRIES.replacen("obs,415,resident,false,", "obs,415,resident,false,,", 1).into_bytes(),
            [good, b"\nW1,E9,\"2016"].concat(),
            ENTRIES.replacen("cfs,415,,,", "cfs,4\"15,,,", 1).into_bytes(),
            // Bytes that are not UTF-8, in a record and in the header.
            [&good[..at("career")], b"\xff\xfe", &good[at("career")..]].concat(),
            [&good[..at("activity")], b"\xc3", &good[at("activity")..]].concat(),
            // Headers: an unknown column, none at all, only blank lines, only the mark.
            ENTRIES.replacen("description", "notes", 1).into_bytes(),
            Vec::new(),
            b"\r\n\r\n\n".to_vec(),
            b"\xef\xbb\xbf".to_vec(),
        ];
        cases.push(b"\xef\xbb".to_vec());
        for entries in &cases {
            let files = files(entries);
            let want = read_whole(&files).expect_err("a bad file");
            for block in (1..=entries.len() + 1).chain([4096]) {
                assert_eq!(streamed(&files, block), Err(want.clone()), "block {block}: {want}");
            }
        }
    }

    #[test]
    fn a_header_only_file_has_no_entries() {
        for entries in
            ["worksheet_id,id,at,activity,clearance_codes\n", "worksheet_id,id,at,activity,clearance_codes"]
        {
            let files = files(entries.as_bytes());
            for block in 1..=entries.len() + 1 {
                assert_eq!(streamed(&files, block), read_whole(&files), "block {block}");
            }
        }
    }

    #[test]
    fn ids_are_kept_only_while_entries_of_their_worksheet_are_to_come() {
        // Worksheet 0 has 3 entries, 1 has 1, 2 has 2.
        let mut ids = EntryIds::new(vec![3, 1, 2]);
        assert_eq!(ids.seen_before(0, "E1"), Some(false));
        assert_eq!(ids.open.len(), 1);
        // A worksheet's only entry needs no set.
        assert_eq!(ids.seen_before(1, "E1"), Some(false));
        assert_eq!(ids.open.len(), 1);
        assert_eq!(ids.seen_before(2, "E1"), Some(false));
        assert_eq!(ids.seen_before(0, "E2"), Some(false));
        assert_eq!(ids.open.len(), 2);
        // Exact: the same id in another worksheet is not a repeat.
        assert_eq!(ids.seen_before(2, "E2"), Some(false));
        assert_eq!(ids.open.len(), 1);
        assert!(!ids.all_read());
        assert_eq!(ids.seen_before(0, "E1"), Some(true));
        assert!(ids.open.is_empty() && ids.all_read());
        // One entry more than counted: the file changed.
        assert_eq!(ids.seen_before(0, "E3"), None);
        assert_eq!(ids.seen_before(7, "E1"), None);
    }

    #[test]
    fn grouped_entries_keep_one_worksheets_ids_at_a_time() {
        let mut ids = EntryIds::new(vec![50; 40]);
        for w in 0..40 {
            for e in 0..50 {
                assert_eq!(ids.seen_before(w, &format!("E{}", e % 49)), Some(e == 49));
                assert!(ids.open.len() <= 1);
            }
        }
        assert!(ids.open.is_empty() && ids.all_read());
        assert!(ids.spare.len() <= SPARE_SETS);
    }
}
