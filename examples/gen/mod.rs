//! Seeded, realistic dataset generator for contact755 (the input format of SPEC §2).
//!
//! The generator builds one station month: a roster scaled with the number of worksheets, shifts
//! spread over the period, MDC entries with a contact on roughly one entry in seven, sergeants'
//! briefings and weekly vehicle card checks. The data is mostly compliant; a small, deliberate
//! sprinkling of every rule of SPEC §3 is planted and counted (see [`Generated::planted`]).
//!
//! Everything is derived from [`GenOptions::seed`] with a small splitmix64 generator, so the same
//! options always give the same bytes. No citizen-identifying data is ever produced.
//!
//! The module is shared by several examples through `#[path = "gen/mod.rs"] mod gen;`; not every
//! example uses every item.
#![allow(dead_code)]

use std::fmt::Write as _;

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenOptions {
    /// Number of worksheets in the period, not counting the planted duplicate copies.
    pub worksheets: usize,
    /// Seed of the pseudo-random generator; same options, same bytes.
    pub seed: u64,
    /// First day of the period, as (year, month, day).
    pub start: (i32, u32, u32),
    /// Length of the period in days (at least 1; 0 is treated as 1).
    pub days: u32,
    /// Each worksheet gets this many times its usual 4 to 14 entries (at least 1; 0 is treated
    /// as 1): for measuring how a reader scales with entries per worksheet.
    pub entries_scale: usize,
}

impl Default for GenOptions {
    /// The sample month: 400 worksheets, seed 755, March 2016.
    fn default() -> Self {
        GenOptions { worksheets: 400, seed: 755, start: (2016, 3, 1), days: 31, entries_scale: 1 }
    }
}

/// A generated dataset and what was planted in it.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The dataset, a JSON document valid per SPEC §2.
    pub json: String,
    /// Expected finding count per rule id under the default Norwalk policy, for every rule of
    /// SPEC §3's table in its order (a count may be 0 for tiny datasets).
    pub planted: Vec<(&'static str, usize)>,
    /// Worksheets written, including planted duplicate copies.
    pub worksheets: usize,
    /// Entries written, including planted duplicate entries.
    pub entries: usize,
    /// Entries that carry a contact.
    pub contacts: usize,
}

/// Generates the dataset as compact JSON.
pub fn generate(opts: &GenOptions) -> String {
    generate_with(opts, false).json
}

/// Generates the dataset as pretty JSON (one record per line for entries, personnel, briefings
/// and checks; one key per line for worksheets).
pub fn generate_pretty(opts: &GenOptions) -> String {
    generate_with(opts, true).json
}

/// Generates the dataset, compact or pretty, with the counts of what was planted.
pub fn generate_with(opts: &GenOptions, pretty: bool) -> Generated {
    Builder::new(opts).build(pretty)
}

// ---------------------------------------------------------------------------------------------
// Pseudo-random numbers: splitmix64.

#[derive(Clone)]
struct Rng(u64);

impl Rng {
    /// An independent stream for `salt` under `seed`.
    fn stream(seed: u64, salt: u64) -> Rng {
        let mut r = Rng(seed ^ salt.wrapping_mul(0xD6E8_FEB8_6659_FD93));
        r.next_u64();
        r
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        debug_assert!(lo <= hi);
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// True with probability `per_mille / 1000`.
    fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }

    fn weighted<T: Copy>(&mut self, items: &[(T, u32)]) -> T {
        let total: u32 = items.iter().map(|&(_, w)| w).sum();
        let mut x = self.below(u64::from(total)) as u32;
        for &(item, w) in items {
            if x < w {
                return item;
            }
            x -= w;
        }
        items[items.len() - 1].0
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            v.swap(i, j);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic (proleptic Gregorian, days since 1970-01-01).

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (i64::from(m) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// 0 = Sunday.
fn weekday(z: i64) -> i64 {
    (z + 4).rem_euclid(7)
}

fn nth_sunday(y: i64, m: u32, n: u32) -> u32 {
    let w = weekday(days_from_civil(y, m, 1)) as u32;
    1 + (7 - w) % 7 + 7 * (n - 1)
}

/// Start and end of Pacific daylight time in year `y` as UTC seconds (US rules since 2007): the
/// second Sunday of March at 02:00 PST to the first Sunday of November at 02:00 PDT.
fn dst_bounds_utc(y: i64) -> (i64, i64) {
    let start = days_from_civil(y, 3, nth_sunday(y, 3, 2)) * 86_400 + 10 * 3600;
    let end = days_from_civil(y, 11, nth_sunday(y, 11, 1)) * 86_400 + 9 * 3600;
    (start, end)
}

/// Pacific offset in seconds east of UTC at the UTC instant `utc`.
fn pacific_offset_at(utc: i64) -> i64 {
    let (y, _, _) = civil_from_days((utc - 8 * 3600).div_euclid(86_400));
    let (start, end) = dst_bounds_utc(y);
    if (start..end).contains(&utc) {
        -7 * 3600
    } else {
        -8 * 3600
    }
}

/// The UTC instant of the Pacific wall-clock time `seconds` after midnight of `day`. A time in
/// the spring-forward gap is read as standard time, an ambiguous autumn time as daylight time.
fn pacific_to_utc(day: i64, seconds: i64) -> i64 {
    let local = day * 86_400 + seconds;
    let daylight = local + 7 * 3600;
    if pacific_offset_at(daylight) == -7 * 3600 {
        daylight
    } else {
        local + 8 * 3600
    }
}

fn push_date(buf: &mut String, day: i64) {
    let (y, m, d) = civil_from_days(day);
    let _ = write!(buf, "{y:04}-{m:02}-{d:02}");
}

/// RFC 3339 timestamp of the UTC instant `utc`, written in Pacific time with its offset.
fn push_timestamp(buf: &mut String, utc: i64) {
    let offset = pacific_offset_at(utc);
    let local = utc + offset;
    let (y, m, d) = civil_from_days(local.div_euclid(86_400));
    let s = local.rem_euclid(86_400);
    let _ = write!(
        buf,
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}-{:02}:00",
        s / 3600,
        s / 60 % 60,
        s % 60,
        -offset / 3600
    );
}

fn yymmdd(day: i64) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{:02}{m:02}{d:02}", y.rem_euclid(100))
}

// ---------------------------------------------------------------------------------------------
// A tiny streaming JSON writer: compact, or pretty with some containers kept on one line.

struct Json {
    buf: String,
    pretty: bool,
    /// (has items, written on one line)
    stack: Vec<(bool, bool)>,
    after_key: bool,
}

impl Json {
    fn new(pretty: bool, capacity: usize) -> Json {
        Json { buf: String::with_capacity(capacity), pretty, stack: Vec::with_capacity(8), after_key: false }
    }

    fn newline(&mut self, depth: usize) {
        self.buf.push('\n');
        for _ in 0..depth {
            self.buf.push_str("  ");
        }
    }

    fn prefix(&mut self) {
        if self.after_key {
            self.after_key = false;
            return;
        }
        let depth = self.stack.len();
        if let Some(top) = self.stack.last_mut() {
            let (had, inline) = *top;
            top.0 = true;
            if had {
                self.buf.push(',');
            }
            if self.pretty {
                if inline {
                    if had {
                        self.buf.push(' ');
                    }
                } else {
                    self.newline(depth);
                }
            }
        }
    }

    fn open(&mut self, ch: char, inline: bool) {
        self.prefix();
        let inline = inline || self.stack.last().is_some_and(|t| t.1);
        self.buf.push(ch);
        self.stack.push((false, inline));
    }

    fn close(&mut self, ch: char) {
        let (had, inline) = self.stack.pop().expect("balanced containers");
        if self.pretty && had && !inline {
            self.newline(self.stack.len());
        }
        self.buf.push(ch);
    }

    fn obj(&mut self) {
        self.open('{', false);
    }
    fn obj_inline(&mut self) {
        self.open('{', true);
    }
    fn end_obj(&mut self) {
        self.close('}');
    }
    fn arr(&mut self) {
        self.open('[', false);
    }
    fn arr_inline(&mut self) {
        self.open('[', true);
    }
    fn end_arr(&mut self) {
        self.close(']');
    }

    fn key(&mut self, k: &str) {
        self.prefix();
        self.quoted(k);
        self.buf.push(':');
        if self.pretty {
            self.buf.push(' ');
        }
        self.after_key = true;
    }

    fn quoted(&mut self, s: &str) {
        self.buf.push('"');
        for c in s.chars() {
            match c {
                '"' => self.buf.push_str("\\\""),
                '\\' => self.buf.push_str("\\\\"),
                c if (c as u32) < 0x20 => {
                    let _ = write!(self.buf, "\\u{:04x}", c as u32);
                }
                c => self.buf.push(c),
            }
        }
        self.buf.push('"');
    }

    fn str(&mut self, s: &str) {
        self.prefix();
        self.quoted(s);
    }

    fn num(&mut self, n: i64) {
        self.prefix();
        let _ = write!(self.buf, "{n}");
    }

    fn bool(&mut self, b: bool) {
        self.prefix();
        self.buf.push_str(if b { "true" } else { "false" });
    }

    fn date(&mut self, day: i64) {
        self.prefix();
        self.buf.push('"');
        push_date(&mut self.buf, day);
        self.buf.push('"');
    }

    fn timestamp(&mut self, utc: i64) {
        self.prefix();
        self.buf.push('"');
        push_timestamp(&mut self.buf, utc);
        self.buf.push('"');
    }

    fn kv_str(&mut self, k: &str, v: &str) {
        self.key(k);
        self.str(v);
    }
}

// ---------------------------------------------------------------------------------------------
// The station.

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Role {
    Captain,
    Lieutenant,
    Sergeant,
    Deputy,
    ReserveDeputy,
    Volunteer,
    ProfessionalStaff,
}

impl Role {
    fn as_str(self) -> &'static str {
        match self {
            Role::Captain => "captain",
            Role::Lieutenant => "lieutenant",
            Role::Sergeant => "sergeant",
            Role::Deputy => "deputy",
            Role::ReserveDeputy => "reserve_deputy",
            Role::Volunteer => "volunteer",
            Role::ProfessionalStaff => "professional_staff",
        }
    }

    fn prefix(self) -> char {
        match self {
            Role::Captain => 'K',
            Role::Lieutenant => 'L',
            Role::Sergeant => 'S',
            Role::Deputy => 'D',
            Role::ReserveDeputy => 'R',
            Role::Volunteer => 'V',
            Role::ProfessionalStaff => 'P',
        }
    }

    /// Relative number of worksheets a person of this role files.
    fn shift_weight(self) -> u32 {
        match self {
            Role::Captain => 0,
            Role::Lieutenant => 4,
            Role::Sergeant => 9,
            Role::Deputy => 10,
            Role::ReserveDeputy => 3,
            Role::Volunteer => 3,
            Role::ProfessionalStaff => 6,
        }
    }
}

struct Person {
    id: String,
    role: Role,
}

/// Areas of field shifts: the covered ones (policy spelling) and two out-of-area neighbours.
const AREAS: [(&str, u32); 5] =
    [("Norwalk", 50), ("La Mirada", 25), ("Unincorporated Whittier", 16), ("Lakewood", 5), ("Cerritos", 4)];

/// Spellings found in real exports: still the same covered area after trimming, case folding
/// and collapsing inner spaces.
fn area_variants(area: &str) -> &'static [&'static str] {
    match area {
        "Norwalk" => &[" Norwalk ", "NORWALK", "norwalk", "Norwalk "],
        "La Mirada" => &["la mirada", "La  Mirada", "LA MIRADA", " La Mirada"],
        "Unincorporated Whittier" => &["unincorporated whittier", "Unincorporated  Whittier"],
        _ => &[],
    }
}

fn district_base(area: &str) -> u32 {
    match area {
        "Norwalk" => 2800,
        "La Mirada" => 2840,
        "Unincorporated Whittier" => 2870,
        "Lakewood" => 2300,
        _ => 2500,
    }
}

const DISPOSITIONS: [(&str, u32); 10] = [
    ("415", 22),
    ("902", 14),
    ("459", 10),
    ("CR1", 14),
    ("927", 10),
    ("488", 8),
    ("245", 4),
    ("10851", 5),
    ("918", 6),
    ("20002", 7),
];

const OTHER_DESCRIPTIONS: [&str; 10] = [
    "school career day",
    "coffee with a deputy",
    "senior center safety talk",
    "youth sports league visit",
    "library story time",
    "farmers market booth",
    "park walk-and-talk",
    "faith community safety meeting",
    "neighborhood cleanup day",
    "high school traffic safety assembly",
];

/// Malformed clearance codes: bad characters, empty, blank, too long. The first two (the
/// sample month's) can also be written as CSV cells (SPEC §7.1 drops empty and blank codes).
const MALFORMED: [&str; 6] = ["7-55", "415/459", "", " ", "CR-1", "459PC1234"];

const UNKNOWN_PERSON_PREFIX: &str = "LKD-";

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Plant {
    None,
    /// A contact without 755; the sergeant caught it and returned the worksheet.
    UncodedReturned,
    /// A contact without 755 on an approved worksheet (also `SGT-CODIFICATION`).
    UncodedApproved,
    NoCard,
    CodeWithoutContact,
    NoContacts,
    ReviewMissing,
    ReviewWrongRole,
    SelfReview,
    UnknownPersonnel,
    ShiftInverted,
    EntryAfterShift,
    MalformedCode(u8),
    DuplicateCode,
    DuplicateEntry,
    /// Filed twice: a copy with the same id follows the worksheet.
    DuplicateWorksheet,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Bounds {
    Both,
    StartOnly,
    Neither,
}

struct Sheet {
    id: String,
    /// Index into the roster; `None` for the planted unknown person.
    person: Option<usize>,
    day: i64,
    field: bool,
    /// Raw spelling as written.
    area: Option<&'static str>,
    covered: bool,
    district: Option<u32>,
    vehicle: Option<usize>,
    /// Minutes after midnight of `day`.
    shift_start: i64,
    /// Minutes.
    shift_len: i64,
    bounds: Bounds,
    entries: usize,
    first_seq: usize,
    reviewer: Option<usize>,
    reviewed_after: i64,
    approved: bool,
    plant: Plant,
    seed: u64,
}

struct Check {
    day: i64,
    vehicle: usize,
    cards: i64,
}

struct Briefing {
    day: i64,
    by: usize,
}

struct Builder<'a> {
    opts: &'a GenOptions,
    start: i64,
    end: i64,
    people: Vec<Person>,
    sergeants: Vec<usize>,
    deputies: Vec<usize>,
    lieutenants: Vec<usize>,
    vehicles: usize,
    checks: Vec<Check>,
    briefings: Vec<Briefing>,
    sheets: Vec<Sheet>,
    planted: Vec<(&'static str, usize)>,
}

/// `max(min, round(total * per_mille / 1000))`, but never more than `total`.
fn share(total: usize, per_mille: usize, min: usize) -> usize {
    ((total * per_mille + 500) / 1000).max(min).min(total)
}

impl<'a> Builder<'a> {
    fn new(opts: &'a GenOptions) -> Builder<'a> {
        let (y, m, d) = opts.start;
        let start = days_from_civil(i64::from(y), m, d);
        let end = start + i64::from(opts.days.max(1)) - 1;
        Builder {
            opts,
            start,
            end,
            people: Vec::new(),
            sergeants: Vec::new(),
            deputies: Vec::new(),
            lieutenants: Vec::new(),
            vehicles: 0,
            checks: Vec::new(),
            briefings: Vec::new(),
            sheets: Vec::new(),
            planted: Vec::new(),
        }
    }

    fn days(&self) -> i64 {
        self.end - self.start + 1
    }

    fn build(mut self, pretty: bool) -> Generated {
        self.roster();
        self.vehicle_checks();
        self.briefings();
        self.schedule();
        self.plant();
        self.emit(pretty)
    }

    fn roster(&mut self) {
        let p = (self.opts.worksheets / 20).max(20);
        let captains = (p / 500).max(1);
        let lieutenants = (p / 40).max(1);
        let sergeants = (p * 3 / 20).max(3);
        let staff = (p / 20).max(1);
        let volunteers = (p / 10).max(2);
        let reserves = (p / 10).max(2);
        let deputies = p - captains - lieutenants - sergeants - staff - volunteers - reserves;
        for (role, n) in [
            (Role::Captain, captains),
            (Role::Lieutenant, lieutenants),
            (Role::Sergeant, sergeants),
            (Role::Deputy, deputies),
            (Role::ReserveDeputy, reserves),
            (Role::Volunteer, volunteers),
            (Role::ProfessionalStaff, staff),
        ] {
            for i in 0..n {
                let idx = self.people.len();
                match role {
                    Role::Sergeant => self.sergeants.push(idx),
                    Role::Deputy => self.deputies.push(idx),
                    Role::Lieutenant => self.lieutenants.push(idx),
                    _ => {}
                }
                self.people.push(Person { id: format!("{}{}", role.prefix(), 100 + i), role });
            }
        }
        self.vehicles = (p * 3 / 5).max(12);
    }

    /// Weekly checks per vehicle; a few vehicles miss one week, a few run low once.
    fn vehicle_checks(&mut self) {
        let mut rng = Rng::stream(self.opts.seed, 2);
        let mut order: Vec<usize> = (0..self.vehicles).collect();
        rng.shuffle(&mut order);
        let n = (self.vehicles / 10).max(1);
        let mut gap = vec![false; self.vehicles];
        let mut low = vec![false; self.vehicles];
        for &v in &order[..n] {
            gap[v] = true;
        }
        for &v in &order[n..(2 * n).min(self.vehicles)] {
            low[v] = true;
        }
        let last_from = (self.days() - 10).max(2);
        for v in 0..self.vehicles {
            let gap_from = self.start + rng.range(2, last_from);
            let low_from = self.start + rng.range(0, last_from);
            let (mut gap_done, mut low_done) = (false, false);
            let mut c = self.start - rng.range(0, 6);
            while c <= self.end {
                let mut cards = rng.range(20, 60);
                if low[v] && !low_done && c >= low_from {
                    low_done = true;
                    cards = rng.range(2, 8);
                }
                self.checks.push(Check { day: c, vehicle: v, cards });
                c += if gap[v] && !gap_done && c >= gap_from {
                    gap_done = true;
                    rng.range(9, 11)
                } else {
                    rng.weighted(&[(7, 70), (6, 20), (5, 10)])
                };
            }
        }
        self.checks.sort_by_key(|c| (c.day, c.vehicle));
    }

    /// Briefings every 2–4 weeks per sergeant; a few sergeants let one lapse past 30 days; a
    /// few briefings are given by a deputy (a training officer).
    fn briefings(&mut self) {
        let mut rng = Rng::stream(self.opts.seed, 3);
        let mut order = self.sergeants.clone();
        rng.shuffle(&mut order);
        let lapsed = &order[..(self.sergeants.len() / 10).max(1)];
        let days = self.days();
        for &s in &self.sergeants {
            let mut b = self.start - rng.range(1, 20);
            if lapsed.contains(&s) {
                // `u` is the first day without a briefing in the last 30 days.
                let u = self.start + (18 + rng.range(0, 6)).min(days - 1);
                while b < u - 30 {
                    self.briefings.push(Briefing { day: b, by: s });
                    b += rng.range(14, 28);
                }
                self.briefings.push(Briefing { day: u - 30, by: s });
                b = u + rng.range(2, 6);
            }
            while b <= self.end {
                self.briefings.push(Briefing { day: b, by: s });
                b += rng.range(14, 28);
            }
        }
        for _ in 0..(self.sergeants.len() / 10).max(1) {
            let by = rng.pick(&self.deputies);
            let day = self.start + rng.range(0, days - 1);
            self.briefings.push(Briefing { day, by });
        }
        self.briefings.sort_by_key(|b| (b.day, b.by));
    }

    fn schedule(&mut self) {
        let mut rng = Rng::stream(self.opts.seed, 4);
        let days = self.days();
        let n = self.opts.worksheets;
        let mut cumulative = Vec::with_capacity(self.people.len());
        let mut total = 0u64;
        for p in &self.people {
            total += u64::from(p.role.shift_weight());
            cumulative.push(total);
        }
        let mut last_day = vec![i64::MIN; self.people.len()];
        self.sheets.reserve(n);
        for d in 0..days {
            let day = self.start + d;
            let count = n / days as usize + usize::from((d as usize) < n % days as usize);
            let first = self.sheets.len();
            for _ in 0..count {
                let mut person = 0;
                for _ in 0..12 {
                    let x = rng.below(total);
                    person = cumulative.partition_point(|&c| c <= x);
                    if last_day[person] != day {
                        break;
                    }
                }
                last_day[person] = day;
                let sheet = self.plan_sheet(&mut rng, person, day);
                self.sheets.push(sheet);
            }
            self.sheets[first..].sort_by_key(|s| (s.shift_start, s.person));
            let tag = yymmdd(day);
            let mut seq = 0;
            for (i, s) in self.sheets[first..].iter_mut().enumerate() {
                s.id = format!("DDW-{tag}-{:03}", i + 1);
                s.first_seq = seq;
                seq += s.entries;
            }
        }
    }

    fn plan_sheet(&self, rng: &mut Rng, person: usize, day: i64) -> Sheet {
        let role = self.people[person].role;
        let field = match role {
            Role::Deputy => rng.chance(930),
            Role::Sergeant => rng.chance(850),
            Role::ReserveDeputy => true,
            Role::Volunteer => rng.chance(850),
            _ => false,
        };
        let (shift_start, shift_len) = if !field {
            rng.weighted(&[((7 * 60, 600), 70), ((15 * 60, 600), 30)])
        } else {
            match role {
                Role::Volunteer => rng.weighted(&[((9 * 60, 240), 50), ((13 * 60, 240), 50)]),
                Role::ReserveDeputy => rng.weighted(&[((6 * 60, 600), 40), ((18 * 60, 480), 60)]),
                _ => rng.weighted(&[((6 * 60, 600), 45), ((14 * 60, 600), 35), ((22 * 60, 600), 20)]),
            }
        };
        let (mut area, mut covered, mut district) = (None, false, None);
        if field {
            let a = rng.weighted(&AREAS);
            covered = !area_variants(a).is_empty();
            area = Some(a);
            if covered && rng.chance(50) {
                area = Some(rng.pick(area_variants(a)));
            }
            if rng.chance(900) {
                district = Some(district_base(a) + rng.range(0, 29) as u32);
            }
        } else if rng.chance(300) {
            area = Some("Norwalk");
        }
        let vehicle =
            if field && rng.chance(950) { Some(rng.below(self.vehicles as u64) as usize) } else { None };
        let bounds = rng.weighted(&[(Bounds::Both, 920), (Bounds::Neither, 60), (Bounds::StartOnly, 20)]);
        let entries =
            (4 + rng.range(0, 6) as usize + rng.range(0, 6) as usize) * self.opts.entries_scale.max(1);
        let reviewer = if covered || rng.chance(900) { Some(self.pick_sergeant(rng, person)) } else { None };
        let reviewed_after = rng.weighted(&[(0, 20), (1, 60), (2, 15), (3, 5)]);
        Sheet {
            id: String::new(),
            person: Some(person),
            day,
            field,
            area,
            covered,
            district,
            vehicle,
            shift_start,
            shift_len,
            bounds,
            entries,
            first_seq: 0,
            reviewer,
            reviewed_after,
            approved: rng.chance(985),
            plant: Plant::None,
            seed: rng.next_u64(),
        }
    }

    fn pick_sergeant(&self, rng: &mut Rng, not: usize) -> usize {
        loop {
            let s = rng.pick(&self.sergeants);
            if s != not {
                return s;
            }
        }
    }

    fn plant(&mut self) {
        let mut rng = Rng::stream(self.opts.seed, 5);
        let mut covered: Vec<usize> = (0..self.sheets.len()).filter(|&i| self.sheets[i].covered).collect();
        rng.shuffle(&mut covered);
        let c = covered.len();
        let mut pool = covered.iter().copied();

        let plan: [(Plant, usize); 12] = [
            (Plant::UncodedReturned, share(c, 10, 1)),
            (Plant::UncodedApproved, share(c, 7, 1)),
            (Plant::NoCard, share(c, 15, 1)),
            (Plant::CodeWithoutContact, share(c, 10, 1)),
            (Plant::NoContacts, share(c, 15, 1)),
            (Plant::ReviewMissing, share(c, 15, 1)),
            (Plant::ReviewWrongRole, share(c, 7, 1)),
            (Plant::UnknownPersonnel, share(c, 3, 1)),
            (Plant::ShiftInverted, share(c, 3, 1)),
            (Plant::EntryAfterShift, share(c, 7, 1)),
            (Plant::DuplicateCode, share(c, 3, 1)),
            (Plant::DuplicateEntry, share(c, 3, 1)),
        ];
        let mut counts = std::collections::BTreeMap::<&str, usize>::new();
        for (plant, n) in plan {
            for k in 0..n {
                let Some(i) = pool.next() else { break };
                self.apply(&mut rng, i, plant, k);
                for rule in rules_of(plant) {
                    *counts.entry(rule).or_default() += 1;
                }
            }
        }
        for k in 0..share(c, 7, 2) {
            let Some(i) = pool.next() else { break };
            let plant = Plant::MalformedCode((k % MALFORMED.len()) as u8);
            self.apply(&mut rng, i, plant, k);
            *counts.entry("DATA-CODE-MALFORMED").or_default() += 1;
        }
        for _ in 0..share(c, 3, 1) {
            let Some(i) = pool.next() else { break };
            self.sheets[i].plant = Plant::DuplicateWorksheet;
            *counts.entry("DATA-DUPLICATE-ID").or_default() += 1;
        }
        // Self reviews by sergeants working the field (a deputy reviewing himself would also be
        // a wrong role).
        let target = share(c, 7, 1);
        let mut done = 0;
        for &i in &covered {
            if done == target {
                break;
            }
            let s = &self.sheets[i];
            let sergeant = s.person.is_some_and(|p| self.people[p].role == Role::Sergeant);
            if s.plant == Plant::None && sergeant {
                self.apply(&mut rng, i, Plant::SelfReview, done);
                done += 1;
            }
        }
        counts.insert("SGT-REVIEW-SELF", done);
        let (unchecked, low) = self.card_findings();
        counts.insert("SGT-CARD-SUPPLY-UNCHECKED", unchecked);
        counts.insert("SGT-CARD-SUPPLY-LOW", low);
        let lapsed = (self.sergeants.len() / 10).max(1);
        counts.insert("SGT-BRIEFING", lapsed);
        counts.insert("DATA-BRIEFER-NOT-SERGEANT", (self.sergeants.len() / 10).max(1));
        self.planted = RULES.iter().map(|&r| (r, counts.get(r).copied().unwrap_or(0))).collect();
    }

    /// Plants `plant` on worksheet `i`; `k` numbers the worksheets given the same plant.
    fn apply(&mut self, rng: &mut Rng, i: usize, plant: Plant, k: usize) {
        let s = &mut self.sheets[i];
        s.plant = plant;
        s.approved = plant != Plant::UncodedReturned;
        match plant {
            Plant::ReviewMissing => s.reviewer = None,
            Plant::ReviewWrongRole => {
                // Mostly a deputy signing off; every third one a lieutenant (not a reviewer
                // role under the directive as written).
                let lieutenant = self.lieutenants.first().copied().filter(|_| k % 3 == 2);
                let reviewer = lieutenant.unwrap_or_else(|| loop {
                    let d = rng.pick(&self.deputies);
                    if Some(d) != s.person {
                        break d;
                    }
                });
                s.reviewer = Some(reviewer);
            }
            Plant::SelfReview => s.reviewer = s.person,
            Plant::UnknownPersonnel => s.person = None,
            Plant::ShiftInverted => {
                // An overnight shift whose end was entered on the start date.
                s.bounds = Bounds::Both;
                s.shift_start = 22 * 60;
                s.shift_len = 600;
            }
            Plant::EntryAfterShift => s.bounds = Bounds::Both,
            _ => {}
        }
    }

    /// Evaluates the card-supply rules on the planned worksheets, as SPEC §3 states them.
    fn card_findings(&self) -> (usize, usize) {
        let mut per_vehicle: Vec<Vec<(i64, i64)>> = vec![Vec::new(); self.vehicles];
        for c in &self.checks {
            per_vehicle[c.vehicle].push((c.day, c.cards));
        }
        let (mut unchecked, mut low) = (0, 0);
        for s in self.sheets.iter().filter(|s| s.covered) {
            let Some(v) = s.vehicle else { continue };
            let list = &per_vehicle[v];
            let k = list.partition_point(|&(d, _)| d <= s.day);
            match k.checked_sub(1).map(|j| list[j]) {
                Some((d, cards)) if s.day - d < 7 => low += usize::from(cards < 10),
                _ => unchecked += 1,
            }
        }
        (unchecked, low)
    }

    fn emit(self, pretty: bool) -> Generated {
        let per_sheet = if pretty { 2200 } else { 1500 };
        let mut j = Json::new(pretty, 4096 + self.sheets.len() * per_sheet);
        let mut stats = (0usize, 0usize, 0usize);
        j.obj();
        j.key("period");
        j.obj_inline();
        j.key("start");
        j.date(self.start);
        j.key("end");
        j.date(self.end);
        j.end_obj();

        j.key("personnel");
        j.arr();
        for p in &self.people {
            j.obj_inline();
            j.kv_str("id", &p.id);
            j.kv_str("role", p.role.as_str());
            j.end_obj();
        }
        j.end_arr();

        j.key("worksheets");
        j.arr();
        for s in &self.sheets {
            self.emit_sheet(&mut j, s, &mut stats);
            if s.plant == Plant::DuplicateWorksheet {
                self.emit_sheet(&mut j, s, &mut stats);
            }
        }
        j.end_arr();

        j.key("briefings");
        j.arr();
        for (i, b) in self.briefings.iter().enumerate() {
            j.obj_inline();
            j.kv_str("id", &format!("BR-{:03}", i + 1));
            j.kv_str("sergeant_id", &self.people[b.by].id);
            j.key("date");
            j.date(b.day);
            j.end_obj();
        }
        j.end_arr();

        j.key("vehicle_checks");
        j.arr();
        for (i, c) in self.checks.iter().enumerate() {
            j.obj_inline();
            j.kv_str("id", &format!("VC-{:04}", i + 1));
            j.kv_str("vehicle_id", &vehicle_id(c.vehicle));
            j.key("date");
            j.date(c.day);
            j.key("cards_on_hand");
            j.num(c.cards);
            j.end_obj();
        }
        j.end_arr();
        j.end_obj();
        if pretty {
            j.buf.push('\n');
        }
        Generated {
            json: j.buf,
            planted: self.planted,
            worksheets: stats.0,
            entries: stats.1,
            contacts: stats.2,
        }
    }

    fn emit_sheet(&self, j: &mut Json, s: &Sheet, stats: &mut (usize, usize, usize)) {
        stats.0 += 1;
        j.obj();
        j.kv_str("id", &s.id);
        match s.person {
            Some(p) => j.kv_str("personnel_id", &self.people[p].id),
            // A deputy on loan from Lakewood Station, not on this station's roster.
            None => j.kv_str("personnel_id", &format!("{UNKNOWN_PERSON_PREFIX}{}", 4000 + s.seed % 1000)),
        }
        j.key("date");
        j.date(s.day);
        j.kv_str("assignment", if s.field { "field" } else { "non_field" });
        if let Some(a) = s.area {
            j.kv_str("area", a);
        }
        if let Some(d) = s.district {
            j.kv_str("reporting_district", &format!("RD {d}"));
        }
        if let Some(v) = s.vehicle {
            j.kv_str("vehicle_id", &vehicle_id(v));
        }
        let start = shift_start_utc(s);
        if s.bounds != Bounds::Neither {
            j.key("shift_start");
            j.timestamp(start);
        }
        if s.bounds == Bounds::Both {
            j.key("shift_end");
            // An inverted overnight shift: the end was entered on the start date.
            let back = if s.plant == Plant::ShiftInverted { 86_400 } else { 0 };
            j.timestamp(start + s.shift_len * 60 - back);
        }
        j.key("entries");
        j.arr();
        self.emit_entries(j, s, stats);
        j.end_arr();
        if let Some(r) = s.reviewer {
            j.key("review");
            j.obj_inline();
            j.kv_str("reviewer_id", &self.people[r].id);
            j.key("reviewed_on");
            j.date(s.day + s.reviewed_after);
            j.key("approved");
            j.bool(s.approved);
            j.end_obj();
        }
        j.end_obj();
    }

    fn emit_entries(&self, j: &mut Json, s: &Sheet, stats: &mut (usize, usize, usize)) {
        let mut rng = Rng(s.seed);
        let start = shift_start_utc(s);
        let n = s.entries;
        let len = s.shift_len * 60;
        let mut times: Vec<i64> = (0..n).map(|_| rng.range(600, len - 600)).collect();
        times.sort_unstable();
        if s.plant == Plant::EntryAfterShift {
            times[n - 1] = len + rng.range(15 * 60, 45 * 60);
        }

        // Which entries carry a contact: at least one on a covered shift, about one in seven.
        let mut order: Vec<usize> = (0..n).collect();
        rng.shuffle(&mut order);
        let mut k = if s.plant == Plant::NoContacts || (!s.covered && rng.chance(350)) {
            0
        } else {
            1 + (1..n).filter(|_| rng.chance(65)).count()
        };
        if matches!(s.plant, Plant::UncodedReturned | Plant::UncodedApproved) {
            k = k.max(2);
        }
        let k = k.min(n - 2);
        let mut contact = vec![false; n];
        for &i in &order[..k] {
            contact[i] = true;
        }
        let special_contact = order[0];
        let special_plain = order[k];
        let tag = yymmdd(s.day);

        for i in 0..n {
            let id = format!("{tag}-{:04}", s.first_seq + i + 1);
            let has_contact = contact[i];
            let activity = match (s.field, has_contact) {
                (true, true) => {
                    rng.weighted(&[("self_initiated", 55), ("call_for_service", 35), ("station", 10)])
                }
                (true, false) => {
                    rng.weighted(&[("self_initiated", 35), ("call_for_service", 55), ("station", 10)])
                }
                (false, true) => rng.weighted(&[("station", 85), ("call_for_service", 15)]),
                (false, false) => rng.weighted(&[("station", 80), ("call_for_service", 20)]),
            };
            let written = match activity {
                "self_initiated" if rng.chance(60) => "obs",
                "call_for_service" if rng.chance(60) => "cfs",
                a => a,
            };
            let disposition = rng.weighted(&DISPOSITIONS);
            let mut codes: Vec<&str> = Vec::with_capacity(3);
            if has_contact {
                let code = if rng.chance(4) { " 755" } else { "755" };
                match rng.below(20) {
                    0..=10 => codes.push(code),
                    11..=17 => codes.extend([disposition, code]),
                    _ => codes.extend([code, disposition]),
                }
            } else if rng.chance(920) {
                codes.push(disposition);
                if rng.chance(240) {
                    let second = rng.weighted(&DISPOSITIONS);
                    if second != disposition {
                        codes.push(second);
                    }
                }
            }
            match s.plant {
                Plant::UncodedReturned | Plant::UncodedApproved if i == special_contact => {
                    codes = vec![disposition];
                }
                Plant::CodeWithoutContact if i == special_plain => codes.push("755"),
                Plant::DuplicateCode if i == special_contact => codes.push("755"),
                Plant::MalformedCode(m) if i == special_plain => {
                    codes.push(MALFORMED[usize::from(m)]);
                }
                _ => {}
            }
            let category = has_contact.then(|| match activity {
                "self_initiated" => rng.weighted(&[
                    ("resident", 35),
                    ("business_owner", 22),
                    ("patron", 15),
                    ("block_watch", 8),
                    ("community_group", 12),
                    ("other", 8),
                ]),
                "call_for_service" => {
                    rng.weighted(&[("resident", 60), ("business_owner", 30), ("patron", 10)])
                }
                _ => rng.weighted(&[
                    ("counter_report", 50),
                    ("station_event", 30),
                    ("community_group", 14),
                    ("other", 6),
                ]),
            });
            let card = !(s.plant == Plant::NoCard && i == special_contact);
            let description = rng.pick(&OTHER_DESCRIPTIONS);

            stats.1 += 1;
            j.obj_inline();
            j.kv_str("id", &id);
            j.key("at");
            j.timestamp(start + times[i]);
            j.kv_str("activity", written);
            j.key("clearance_codes");
            j.arr_inline();
            for c in &codes {
                j.str(c);
            }
            j.end_arr();
            if let Some(category) = category {
                stats.2 += 1;
                j.key("contact");
                j.obj_inline();
                j.kv_str("category", category);
                j.key("card_provided");
                j.bool(card);
                if category == "other" {
                    j.kv_str("description", description);
                }
                j.end_obj();
            }
            j.end_obj();

            if s.plant == Plant::DuplicateEntry && i == special_plain {
                // The same MDC incident cleared a second time.
                stats.1 += 1;
                j.obj_inline();
                j.kv_str("id", &id);
                j.key("at");
                j.timestamp(start + times[i] + 60);
                j.kv_str("activity", written);
                j.key("clearance_codes");
                j.arr_inline();
                j.str("CR1");
                j.end_arr();
                j.end_obj();
            }
        }
    }
}

/// The instant the shift starts (its planned wall-clock start, Pacific time); the shift lasts
/// `shift_len` minutes of real time from there.
fn shift_start_utc(s: &Sheet) -> i64 {
    pacific_to_utc(s.day, s.shift_start * 60)
}

fn vehicle_id(v: usize) -> String {
    format!("NWK-{:02}", v + 1)
}

/// Rule ids of SPEC §3, in the order of its table.
const RULES: [&str; 18] = [
    "FP-CODE-755",
    "FP-CARD",
    "FP-755-DETAILS",
    "FP-REGULAR",
    "SGT-REVIEW-MISSING",
    "SGT-REVIEW-ROLE",
    "SGT-REVIEW-SELF",
    "SGT-CODIFICATION",
    "SGT-CARD-SUPPLY-UNCHECKED",
    "SGT-CARD-SUPPLY-LOW",
    "SGT-BRIEFING",
    "DATA-DUPLICATE-ID",
    "DATA-UNKNOWN-PERSONNEL",
    "DATA-BRIEFER-NOT-SERGEANT",
    "DATA-SHIFT-INVALID",
    "DATA-ENTRY-OUTSIDE-SHIFT",
    "DATA-CODE-MALFORMED",
    "DATA-CODE-DUPLICATE",
];

/// The findings one planted worksheet produces.
fn rules_of(plant: Plant) -> &'static [&'static str] {
    match plant {
        Plant::UncodedReturned => &["FP-CODE-755"],
        Plant::UncodedApproved => &["FP-CODE-755", "SGT-CODIFICATION"],
        Plant::NoCard => &["FP-CARD"],
        Plant::CodeWithoutContact => &["FP-755-DETAILS"],
        Plant::NoContacts => &["FP-REGULAR"],
        Plant::ReviewMissing => &["SGT-REVIEW-MISSING"],
        Plant::ReviewWrongRole => &["SGT-REVIEW-ROLE"],
        Plant::SelfReview => &["SGT-REVIEW-SELF"],
        Plant::UnknownPersonnel => &["DATA-UNKNOWN-PERSONNEL"],
        Plant::ShiftInverted => &["DATA-SHIFT-INVALID"],
        Plant::EntryAfterShift => &["DATA-ENTRY-OUTSIDE-SHIFT"],
        Plant::MalformedCode(_) => &["DATA-CODE-MALFORMED"],
        Plant::DuplicateCode => &["DATA-CODE-DUPLICATE"],
        Plant::DuplicateEntry | Plant::DuplicateWorksheet => &["DATA-DUPLICATE-ID"],
        Plant::None => &[],
    }
}
