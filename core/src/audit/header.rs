//! The worksheet header: what the real-time check needs of a shift, and what the engine reads
//! of every worksheet (the shift, whether it is covered, its bounds).

use chrono::NaiveDate;

use crate::error::InputError;
use crate::model::read::{check_area, check_id};
use crate::model::{Assignment, Timestamp, Worksheet};
use crate::policy::Policy;

/// The worksheet header that the real-time check needs: what MDC software knows about the
/// shift when a deputy clears an incident.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorksheetHeader {
    /// The worksheet's id.
    pub id: String,
    /// Who is working the shift.
    pub personnel_id: String,
    /// The shift's date.
    pub date: NaiveDate,
    /// Field or non-field.
    pub assignment: Assignment,
    /// The area worked (required for field assignments).
    pub area: Option<String>,
    /// When the shift began, if known.
    pub shift_start: Option<Timestamp>,
    /// When the shift ends, if known.
    pub shift_end: Option<Timestamp>,
}

impl From<&Worksheet> for WorksheetHeader {
    /// The header of a worksheet of a dataset (its entries and review left out).
    fn from(w: &Worksheet) -> Self {
        WorksheetHeader {
            id: w.id.clone(),
            personnel_id: w.personnel_id.clone(),
            date: w.date,
            assignment: w.assignment,
            area: w.area.clone(),
            shift_start: w.shift_start,
            shift_end: w.shift_end,
        }
    }
}

impl WorksheetHeader {
    /// Checks the header as a dataset's worksheet is checked (ids, an area on a field
    /// assignment); errors name `worksheet.…` paths. [`crate::check_entry`] calls it; MDC
    /// software that checks many entries of one shift can call it once when the shift starts.
    ///
    /// ```
    /// use contact755::*;
    /// let header = WorksheetHeader {
    ///     id: "W1".into(), personnel_id: "D100".into(),
    ///     date: parse_date("2016-03-17").unwrap(), assignment: Assignment::Field,
    ///     area: None, shift_start: None, shift_end: None,
    /// };
    /// assert_eq!(header.validate().unwrap_err().path, "worksheet");
    /// ```
    pub fn validate(&self) -> Result<(), InputError> {
        check_id(&self.id, || "worksheet.id".into())?;
        check_id(&self.personnel_id, || "worksheet.personnel_id".into())?;
        check_area(self.assignment, self.area.as_deref(), || "worksheet".into())
    }
}

/// The header fields of a worksheet, borrowed from a [`Worksheet`] or a [`WorksheetHeader`].
pub(crate) struct HeaderRef<'a> {
    pub id: &'a str,
    pub personnel_id: &'a str,
    pub date: NaiveDate,
    pub assignment: Assignment,
    pub area: Option<&'a str>,
    pub start: Option<Timestamp>,
    pub end: Option<Timestamp>,
}

impl<'a> From<&'a Worksheet> for HeaderRef<'a> {
    fn from(w: &'a Worksheet) -> Self {
        HeaderRef {
            id: &w.id,
            personnel_id: &w.personnel_id,
            date: w.date,
            assignment: w.assignment,
            area: w.area.as_deref(),
            start: w.shift_start,
            end: w.shift_end,
        }
    }
}

impl<'a> From<&'a WorksheetHeader> for HeaderRef<'a> {
    fn from(h: &'a WorksheetHeader) -> Self {
        HeaderRef {
            id: &h.id,
            personnel_id: &h.personnel_id,
            date: h.date,
            assignment: h.assignment,
            area: h.area.as_deref(),
            start: h.shift_start,
            end: h.shift_end,
        }
    }
}

/// What entry rules need to know about the shift an entry belongs to.
pub(crate) struct Shift<'a> {
    pub worksheet_id: &'a str,
    pub personnel_id: &'a str,
    pub date: NaiveDate,
    /// The index of the covered area the worksheet names, if it is covered.
    pub area_index: Option<usize>,
    /// Both bounds given and the end not after the start.
    pub invalid: bool,
    /// Both bounds, only when the end is after the start.
    pub bounds: Option<(Timestamp, Timestamp)>,
}

impl<'a> Shift<'a> {
    pub(crate) fn new(policy: &Policy, h: HeaderRef<'a>) -> Shift<'a> {
        let area_index = Shift::covered_area(policy, &h);
        Shift::with_area(h, area_index)
    }

    /// The index of the covered area a worksheet is worked in, if it is covered: the costly
    /// part of a shift (names compared without case), which an audit works out once.
    pub(crate) fn covered_area(policy: &Policy, h: &HeaderRef) -> Option<usize> {
        match h.assignment {
            Assignment::Field => h.area.and_then(|a| covered_area(policy, a)),
            Assignment::NonField => None,
        }
    }

    /// The shift of a worksheet whose covered area ([`Shift::covered_area`]) is known.
    pub(crate) fn with_area(h: HeaderRef<'a>, area_index: Option<usize>) -> Shift<'a> {
        let (invalid, bounds) = match (h.start, h.end) {
            (Some(s), Some(e)) if e > s => (false, Some((s, e))),
            (Some(_), Some(_)) => (true, None),
            _ => (false, None),
        };
        Shift { worksheet_id: h.id, personnel_id: h.personnel_id, date: h.date, area_index, invalid, bounds }
    }

    /// Whether the directive covers the shift (a field assignment in a covered area).
    pub(crate) fn covered(&self) -> bool {
        self.area_index.is_some()
    }
}

/// The index of the policy area `area` names, compared case-insensitively after trimming and
/// collapsing inner white space.
fn covered_area(policy: &Policy, area: &str) -> Option<usize> {
    policy.covered_areas.iter().position(|a| same_area(a, area))
}

fn same_area(a: &str, b: &str) -> bool {
    let (mut aw, mut bw) = (a.split_whitespace(), b.split_whitespace());
    loop {
        match (aw.next(), bw.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if same_word(x, y) => {}
            _ => return false,
        }
    }
}

fn same_word(x: &str, y: &str) -> bool {
    if x.is_ascii() && y.is_ascii() {
        x.eq_ignore_ascii_case(y)
    } else {
        x.chars().flat_map(char::to_lowercase).eq(y.chars().flat_map(char::to_lowercase))
    }
}
