//! RFC 4180 records from bytes, strictly, with the physical line on which each record starts.
//!
//! Hand-written rather than built on the `csv`/`csv-core` crates because SPEC §7.1-§7.2 need
//! three things their state machine does not give: (1) malformed quoting is an error at its
//! record (csv-core accepts a `"` inside an unquoted field, text after a closing quote, and an
//! unclosed quote that swallows the rest of the file, all silently); (2) the *physical* line
//! where a record starts, with LF, CRLF and a lone CR each ending one line, also inside quoted
//! fields (the `csv` crate's `Position::line` counts LF only and is taken before blank lines
//! are skipped); (3) UTF-8 checked per record, so that bad bytes are reported at their record's
//! line. The grammar is small (quoted and unquoted fields, `""`, three line ends), and every
//! byte the splitter looks at is ASCII, so splitting bytes never cuts a UTF-8 sequence.
//!
//! A file can also be split a block at a time ([`Records::block`]): a record that reaches the
//! end of a block that is not the file's last is left unread (with a `\r` at the very end, as
//! a `\n` may follow), so the caller reads on and splits it again with the bytes that follow.
//! Every record is then split from all of its bytes, exactly as in the whole file.

use std::borrow::Cow;

/// Why a record could not be split; `line` is where the record starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SplitError {
    /// 1-based physical line on which the offending record starts.
    pub line: u64,
    /// What is wrong (never quotes the text).
    pub message: &'static str,
}

/// One field's place in the input: byte range of its content and whether it holds `""`.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: usize,
    end: usize,
    escaped: bool,
}

/// Why a record was not split: it is not whole in the block, or it is malformed.
enum Stop {
    More,
    Failed(SplitError),
}
use Stop::{Failed, More};

/// The records of one file, one at a time; fields borrow from the input where they can.
pub(crate) struct Records<'a> {
    bytes: &'a [u8],
    pos: usize,
    /// The physical line `pos` is on.
    line: u64,
    delimiter: u8,
    spans: Vec<Span>,
    /// Set after an error: the iterator is fused.
    failed: bool,
    /// Whether `bytes` run to the end of the file. When not, a record that reaches their end
    /// may go on in bytes not given yet: it is left unread ([`Records::consumed`]).
    eof: bool,
}

impl<'a> Records<'a> {
    /// Records of `bytes` (a leading UTF-8 byte-order mark is skipped) split at `delimiter`.
    pub(crate) fn new(bytes: &'a [u8], delimiter: u8) -> Records<'a> {
        Records::block(bytes, delimiter, 1, true, true)
    }

    /// Records of a block of a file: `bytes` start where a record may start, on physical line
    /// `line`; `first` when they start the file (a byte-order mark is skipped), `eof` when they
    /// end it. `next_into` gives `Ok(None)` at the first record that is not whole in them.
    pub(crate) fn block(bytes: &'a [u8], delimiter: u8, line: u64, first: bool, eof: bool) -> Records<'a> {
        const BOM: &[u8] = b"\xEF\xBB\xBF";
        let pos = if first && bytes.starts_with(BOM) { BOM.len() } else { 0 };
        // A first block cut inside the mark holds no whole record: read on.
        let bytes =
            if first && !eof && bytes.len() < BOM.len() && BOM.starts_with(bytes) { &[] } else { bytes };
        Records { bytes, pos, line, delimiter, spans: Vec::new(), failed: false, eof }
    }

    /// Records of nothing.
    pub(crate) fn empty() -> Records<'static> {
        Records::block(&[], b',', 1, false, true)
    }

    /// How many bytes of the block the records read so far took, with their line ends (and a
    /// byte-order mark before them): where the next block must start.
    pub(crate) fn consumed(&self) -> usize {
        self.pos
    }

    /// Whether the bytes run to the end of the file.
    pub(crate) fn is_last_block(&self) -> bool {
        self.eof
    }

    /// The physical line at [`Records::consumed`].
    pub(crate) fn line(&self) -> u64 {
        self.line
    }

    /// Consumes one line end at `pos` (LF, CRLF or CR), if there is one.
    fn line_end(&mut self) -> bool {
        match self.bytes.get(self.pos) {
            Some(b'\n') => {
                self.pos += 1;
                self.line += 1;
                true
            }
            Some(b'\r') => {
                self.pos += 1;
                if self.bytes.get(self.pos) == Some(&b'\n') {
                    self.pos += 1;
                }
                self.line += 1;
                true
            }
            _ => false,
        }
    }

    /// The next record: its start line and its fields (cleared and refilled in `fields`).
    /// `Ok(None)` at the end of the input; completely empty lines are skipped.
    pub(crate) fn next_into(&mut self, fields: &mut Vec<Cow<'a, str>>) -> Result<Option<u64>, SplitError> {
        fields.clear();
        if self.failed {
            return Ok(None);
        }
        let result = self.split(fields);
        if result.is_err() {
            self.failed = true;
        }
        result
    }

    fn split(&mut self, fields: &mut Vec<Cow<'a, str>>) -> Result<Option<u64>, SplitError> {
        let (resume_pos, resume_line) = (self.pos, self.line);
        match self.split_whole(fields) {
            Err(More) => {
                // Not whole in this block: unread, blank lines before it included (a `\r` at
                // the end may be the start of a CRLF).
                (self.pos, self.line) = (resume_pos, resume_line);
                fields.clear();
                Ok(None)
            }
            Ok(found) => Ok(found),
            Err(Failed(e)) => Err(e),
        }
    }

    fn split_whole(&mut self, fields: &mut Vec<Cow<'a, str>>) -> Result<Option<u64>, Stop> {
        while self.line_end() {}
        if self.pos >= self.bytes.len() {
            return if self.eof { Ok(None) } else { Err(More) };
        }
        let start_line = self.line;
        let record_start = self.pos;
        let fail = |message| Err(Failed(SplitError { line: start_line, message }));
        self.spans.clear();
        let bytes = self.bytes;
        let record_end;
        loop {
            let span = if bytes.get(self.pos) == Some(&b'"') {
                self.pos += 1;
                let start = self.pos;
                let mut escaped = false;
                loop {
                    match bytes.get(self.pos) {
                        None if !self.eof => return Err(More),
                        None => return fail("a quoted field is never closed"),
                        Some(b'"') if bytes.get(self.pos + 1) == Some(&b'"') => {
                            escaped = true;
                            self.pos += 2;
                        }
                        Some(b'"') => break,
                        Some(b'\r' | b'\n') => {
                            self.line_end();
                        }
                        Some(_) => self.pos += 1,
                    }
                }
                let span = Span { start, end: self.pos, escaped };
                self.pos += 1; // the closing quote
                match bytes.get(self.pos) {
                    None | Some(b'\r' | b'\n') => {}
                    Some(&b) if b == self.delimiter => {}
                    Some(_) => return fail("a closing quote must be followed by a delimiter or a line end"),
                }
                span
            } else {
                let start = self.pos;
                let rest = &bytes[start..];
                let len = rest
                    .iter()
                    .position(|&b| b == self.delimiter || b == b'\r' || b == b'\n' || b == b'"')
                    .unwrap_or(rest.len());
                self.pos = start + len;
                if bytes.get(self.pos) == Some(&b'"') {
                    return fail("a quote inside a field that does not start with a quote");
                }
                Span { start, end: self.pos, escaped: false }
            };
            self.spans.push(span);
            match bytes.get(self.pos) {
                Some(&b) if b == self.delimiter => self.pos += 1,
                _ => {
                    record_end = self.pos;
                    self.line_end();
                    break;
                }
            }
        }
        // A record that runs to the end of a block may go on in the next one, unless it ended
        // with a `\n` (its line end; a `\r` might be half of a CRLF).
        if !self.eof && self.pos >= bytes.len() && bytes.last() != Some(&b'\n') {
            return Err(More);
        }
        // One UTF-8 check per record; every field boundary is next to an ASCII byte, so the
        // fields are slices of the checked text.
        let text = match std::str::from_utf8(&bytes[record_start..record_end]) {
            Ok(t) => t,
            Err(_) => return fail("the record holds bytes that are not UTF-8"),
        };
        for s in &self.spans {
            let field = text.get(s.start - record_start..s.end - record_start).unwrap_or_default();
            fields.push(if s.escaped {
                Cow::Owned(field.replace("\"\"", "\""))
            } else {
                Cow::Borrowed(field)
            });
        }
        Ok(Some(start_line))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(input: &[u8]) -> Result<Vec<(u64, Vec<String>)>, SplitError> {
        let mut r = Records::new(input, b',');
        let mut out = Vec::new();
        let mut fields = Vec::new();
        while let Some(line) = r.next_into(&mut fields)? {
            out.push((line, fields.iter().map(|f| f.to_string()).collect()));
        }
        Ok(out)
    }

    fn rec(line: u64, fields: &[&str]) -> (u64, Vec<String>) {
        (line, fields.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn line_ends_and_blank_lines() {
        assert_eq!(
            all(b"a,b\r\nc,d\re,f\n\n\ng,h").unwrap(),
            [rec(1, &["a", "b"]), rec(2, &["c", "d"]), rec(3, &["e", "f"]), rec(6, &["g", "h"])]
        );
        assert_eq!(all(b"\r\n\r\na,b\r\n").unwrap(), [rec(3, &["a", "b"])]);
        assert_eq!(all(b"").unwrap(), []);
        assert_eq!(all(b"\xEF\xBB\xBFa,\n").unwrap(), [rec(1, &["a", ""])]);
    }

    // Only a whole byte-order mark is skipped: a file that is the start of one is a record of
    // bytes that are not UTF-8, however short. A first block cut inside the mark reads on.
    #[test]
    fn a_partial_byte_order_mark_is_not_skipped_in_a_whole_file() {
        for file in [&b"\xEF"[..], b"\xEF\xBB"] {
            assert!(all(file).is_err(), "{file:?}");
            let mut block = Records::block(file, b',', 1, true, false);
            assert_eq!(block.next_into(&mut Vec::new()), Ok(None));
            assert_eq!(block.consumed(), 0);
        }
    }

    #[test]
    fn quoted_fields() {
        assert_eq!(
            all(b"\"a,b\",\"x\"\"y\"\n\"1\r\n2\r3\n4\",z\nq,\"\"").unwrap(),
            [rec(1, &["a,b", "x\"y"]), rec(2, &["1\r\n2\r3\n4", "z"]), rec(6, &["q", ""])]
        );
    }

    #[test]
    fn malformed_quoting_is_an_error_at_its_record() {
        for (input, line) in [
            (&b"a,b\nc,d\"e\n"[..], 2),
            (b"a,b\n\n\"c\"x,d\n", 3),
            (b"a,b\nc,\"d\ne,f\n", 2),
            (b"a,b\nc, \"d\"\n", 2),
        ] {
            let e = all(input).unwrap_err();
            assert_eq!(e.line, line, "{:?}", String::from_utf8_lossy(input));
        }
    }

    #[test]
    fn bad_utf8_is_an_error_at_its_record() {
        let e = all(b"a,b\n\"x\ny\",\xff\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(all("é,ü\n".as_bytes()).is_ok());
    }

    #[test]
    fn other_delimiters() {
        for (delimiter, input, want) in [
            (b';', &b"a;b,c\td;\"e;f\""[..], &["a", "b,c\td", "e;f"][..]),
            (b'\t', b"a\tb;c\t\"d\te\"", &["a", "b;c", "d\te"]),
            (b'|', b"a|b,c|", &["a", "b,c", ""]),
        ] {
            let mut r = Records::new(input, delimiter);
            let mut f = Vec::new();
            assert_eq!(r.next_into(&mut f).unwrap(), Some(1));
            assert_eq!(f, want);
        }
    }
}
