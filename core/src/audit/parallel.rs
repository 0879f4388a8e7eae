//! The opt-in parallel audit of a JSON buffer: the document is cut in two between two
//! worksheets near its middle, each half is read and its entries checked on a thread of its
//! own, and the halves are joined in input order before the rest of the audit. The report is
//! the one [`super::stream::audit_slice`] gives, byte for byte.
//!
//! The cut needs no scan of the document: from the middle, the first `"personnel_id"` key
//! that ends a pattern `}, {"id": "…", "personnel_id"` proposes a worksheet boundary, and the
//! reading proves it: the first half, closed with `]}`, must read as a dataset whose last
//! key is `worksheets` (so the `}` before the cut closed a worksheet, not an entry, a review or
//! a string's text), and the second half must read as worksheets up to the array's end. When
//! no boundary is found, or either half fails (a rejected document, an invalid record, keys
//! repeated across the halves), the document is read again on one thread, which gives the
//! report or the exact error: the parallel reader never decides a rejection.

use serde::de::DeserializeSeed;

use super::stream::{audit_slice, DatasetSeed, Field, Parts, Sheets};
use crate::error::InputError;
use crate::model::read::Object;
use crate::model::Worksheet;
use crate::policy::Policy;
use crate::report::Report;

/// Documents smaller than this are read on one thread: two threads cost more than they save.
const PARALLEL_MIN_BYTES: usize = 1 << 20;
/// How far past the middle a worksheet boundary is looked for.
const BOUNDARY_SEARCH_BYTES: usize = 1 << 20;

/// [`crate::audit_json_parallel`].
pub(crate) fn audit_slice_parallel(policy: &Policy, json: &[u8]) -> Result<Report, InputError> {
    if json.len() >= PARALLEL_MIN_BYTES {
        if let Ok(text) = std::str::from_utf8(json) {
            if let Some(report) = two_halves(policy, text, text.len() / 2) {
                return Ok(report);
            }
        }
    }
    audit_slice(policy, json)
}

/// [`two_halves`] of any document, the cut looked for from byte `from` (tests).
pub(crate) fn in_halves(policy: &Policy, json: &[u8], from: usize) -> Option<Report> {
    two_halves(policy, std::str::from_utf8(json).ok()?, from)
}

/// The report read in two halves, cut at the first worksheet boundary from byte `from` on,
/// or `None` when the one-thread reader must decide.
fn two_halves(policy: &Policy, text: &str, from: usize) -> Option<Report> {
    let (end, start) = worksheet_boundary(text, from)?;
    let (first, second) = std::thread::scope(|scope| {
        let first = scope.spawn(|| first_half(policy, &text[..end]));
        let second = second_half(policy, &text[start..]);
        (first.join().ok().flatten(), second)
    });
    let (mut first, (sheets, rest)) = (first?, second?);
    if first.last != Some(Field::Worksheets) {
        return None; // the cut was not inside the worksheets array
    }
    first.sheets.join(sheets);
    let joined = Parts {
        period: one_of(first.period, rest.period)?,
        personnel: one_of(first.personnel, rest.personnel)?,
        sheets: first.sheets,
        worksheets_seen: !rest.worksheets_seen,
        briefings: one_of(first.briefings, rest.briefings)?,
        vehicle_checks: one_of(first.vehicle_checks, rest.vehicle_checks)?,
        last: None,
    };
    if joined.sheets.invalid.is_some() {
        return None; // a path of the second half counts from the cut
    }
    joined.complete::<serde_json::Error>().ok()?.finish().ok()
}

/// A member given in at most one half (`Some(None)`: in neither); `None`: in both, which the
/// one-thread reader reports as a repeated key.
fn one_of<T>(a: Option<T>, b: Option<T>) -> Option<Option<T>> {
    match (a, b) {
        (Some(_), Some(_)) => None,
        (a, b) => Some(a.or(b)),
    }
}

/// The byte just past the `}` that ends a worksheet, and the `{` that starts the next, found
/// from `from` on (a proposal: the halves' reading proves it).
fn worksheet_boundary(text: &str, from: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    // Both ends on a character's first byte, where `text.get` slices (every byte the pattern
    // matches is ASCII, so no boundary is lost).
    let limit = char_start_from(text, from.saturating_add(BOUNDARY_SEARCH_BYTES));
    let mut at = char_start_from(text, from);
    while at < limit {
        let key = at + text.get(at..limit)?.find("\"personnel_id\"")?;
        at = key + 1;
        // Backwards: `"id"`, `:`, a string without quote or backslash, `,` before the key…
        let Some(i) = skip_back_ws(bytes, key).checked_sub(1).filter(|&i| bytes[i] == b',') else { continue };
        let Some(close) = skip_back_ws(bytes, i).checked_sub(1).filter(|&i| bytes[i] == b'"') else {
            continue;
        };
        let Some(open) = bytes[..close].iter().rposition(|&b| b == b'"' || b == b'\\') else { continue };
        if bytes[open] != b'"' {
            continue;
        }
        let Some(colon) = skip_back_ws(bytes, open).checked_sub(1).filter(|&i| bytes[i] == b':') else {
            continue;
        };
        let id_end = skip_back_ws(bytes, colon);
        if id_end < 4 || &bytes[id_end - 4..id_end] != b"\"id\"" {
            continue;
        }
        // … then `{`, `,` and the `}` that closed the worksheet before.
        let Some(brace) = skip_back_ws(bytes, id_end - 4).checked_sub(1).filter(|&i| bytes[i] == b'{') else {
            continue;
        };
        let Some(comma) = skip_back_ws(bytes, brace).checked_sub(1).filter(|&i| bytes[i] == b',') else {
            continue;
        };
        let Some(end) = skip_back_ws(bytes, comma).checked_sub(1).filter(|&i| bytes[i] == b'}') else {
            continue;
        };
        return Some((end + 1, brace));
    }
    None
}

/// The first byte at or after `i` that starts a character of `text` (or its length).
fn char_start_from(text: &str, i: usize) -> usize {
    (i..text.len()).find(|&i| text.is_char_boundary(i)).unwrap_or(text.len())
}

/// The index after the JSON white space that ends at `i` (exclusive), going backwards.
fn skip_back_ws(bytes: &[u8], mut i: usize) -> usize {
    while i > 0 && matches!(bytes[i - 1], b' ' | b'\t' | b'\n' | b'\r') {
        i -= 1;
    }
    i
}

/// The document up to the cut, closed with `]}`: its members and first worksheets.
fn first_half<'p>(policy: &'p Policy, head: &str) -> Option<Parts<'p>> {
    let mut closed = String::with_capacity(head.len() + 2);
    closed.push_str(head);
    closed.push_str("]}");
    let mut de = serde_json::Deserializer::from_str(&closed);
    let parts = DatasetSeed { policy, partial: true }.deserialize(&mut de).ok()?;
    de.end().ok()?;
    Some(parts)
}

/// The worksheets from the cut to the end of the array, then the members after it.
fn second_half<'p>(policy: &'p Policy, tail: &str) -> Option<(Sheets<'p>, Parts<'p>)> {
    let bytes = tail.as_bytes();
    let mut sheets = Sheets::new(policy);
    let mut at = 0;
    loop {
        let mut one = serde_json::Deserializer::from_str(tail.get(at..)?).into_iter::<Object<Worksheet>>();
        let Object(w) = one.next()?.ok()?;
        at += one.byte_offset();
        sheets.worksheet(w);
        at = skip_ws(bytes, at);
        match bytes.get(at)? {
            b',' => at = skip_ws(bytes, at + 1),
            b']' => break,
            _ => return None,
        }
    }
    // After the array: `}` (the end) or `, "key": value …}`, read as an object of its own.
    let after = skip_ws(bytes, at + 1);
    let rest = match bytes.get(after)? {
        b'}' => {
            if skip_ws(bytes, after + 1) != bytes.len() {
                return None;
            }
            "{}".to_string()
        }
        b',' => format!("{{{}", tail.get(after + 1..)?),
        _ => return None,
    };
    let mut de = serde_json::Deserializer::from_str(&rest);
    let parts = DatasetSeed { policy, partial: true }.deserialize(&mut de).ok()?;
    de.end().ok()?;
    Some((sheets, parts))
}

/// The index of the first byte at or after `i` that is not JSON white space.
fn skip_ws(bytes: &[u8], mut i: usize) -> usize {
    while bytes.get(i).is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    i
}
