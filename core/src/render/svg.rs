//! The HTML page's two charts as inline SVG: plain bars and text, integer coordinates, so the
//! same report always draws the same bytes.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use chrono::NaiveDate;

use super::{esc, findings_per_rule};
use crate::report::{week_start, Report};
use crate::rules::Severity;

/// Colour-blind-safe area colours (Okabe and Ito), used in turn.
const AREA_COLOURS: [&str; 8] =
    ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

/// Weeks with no contact are drawn (as empty groups) between the first and the last week when
/// they span at most this many weeks; a longer span shows only the weeks that have contacts.
const MAX_FILLED_WEEKS: i64 = 157;

/// The SVG namespace. The only `http:` in the page: a name, never fetched.
pub(crate) const SVG_NS: &str = "http://www.w3.org/2000/svg";

fn severity_colour(s: Severity) -> &'static str {
    match s {
        Severity::Violation => "#D55E00",
        Severity::Advisory => "#CC79A7",
        Severity::Data => "#0072B2",
    }
}

/// The opening `<svg>` tag: its id, its size, its accessible name (the `<title>` child).
fn open(out: &mut String, id: &str, width: u64, height: u64, title: &str) {
    let _ = write!(
        out,
        "<svg id=\"{id}\" xmlns=\"{SVG_NS}\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" \
         height=\"{height}\" role=\"img\" aria-labelledby=\"{id}-title\" font-family=\"sans-serif\" \
         font-size=\"11\">\n<title id=\"{id}-title\">{}</title>\n",
        esc(title)
    );
}

/// A round axis top above `max` and its tick step: 1, 2 or 5 times a power of ten, at most
/// five steps.
fn nice_scale(max: u64) -> (u64, u64) {
    let max = max.max(1);
    let mut magnitude: u64 = 1;
    loop {
        for m in [1u64, 2, 5] {
            let step = m.saturating_mul(magnitude);
            let steps = max.div_ceil(step);
            if steps <= 5 {
                return (steps.saturating_mul(step), step);
            }
        }
        match magnitude.checked_mul(10) {
            Some(next) => magnitude = next,
            None => return (max, max),
        }
    }
}

/// `value` of `top` as a share of `length` pixels (rounded down, no overflow).
fn scale(value: u64, top: u64, length: u64) -> u64 {
    (u128::from(value.min(top)) * u128::from(length) / u128::from(top.max(1))) as u64
}

/// A rough width in pixels of `text` at 11–12 px sans-serif, to lay out legends.
fn text_width(text: &str) -> u64 {
    7 * text.chars().count() as u64
}

/// 755 contacts per week by area: one group of bars per week (labelled by its Monday), one
/// bar per covered area, the count above each bar, a legend of areas.
pub(crate) fn weekly_chart(report: &Report) -> String {
    const ID: &str = "chart-weekly";
    const LEFT: u64 = 48;
    const RIGHT: u64 = 12;
    const PLOT_HEIGHT: u64 = 180;
    let series = &report.summary.contacts_755_by_week;

    // The policy's areas in its order, then any other area the series names.
    let mut areas: Vec<&str> = Vec::new();
    for a in
        report.policy.covered_areas.iter().map(String::as_str).chain(series.iter().map(|w| w.area.as_str()))
    {
        if !areas.contains(&a) {
            areas.push(a);
        }
    }
    let mut counts: BTreeMap<(NaiveDate, &str), u64> = BTreeMap::new();
    for w in series {
        let count = counts.entry((w.week_start, w.area.as_str())).or_default();
        *count = count.saturating_add(w.contacts);
    }
    let mut weeks: BTreeSet<NaiveDate> = series.iter().map(|w| w.week_start).collect();
    let period = report.summary.period.map(|p| (week_start(p.start), week_start(p.end)));
    let first = weeks.first().copied().into_iter().chain(period.map(|p| p.0)).min();
    let last = weeks.last().copied().into_iter().chain(period.map(|p| p.1)).max();
    if let (Some(first), Some(last)) = (first, last) {
        if (last - first).num_weeks() <= MAX_FILLED_WEEKS {
            let mut week = first;
            while week <= last {
                weeks.insert(week);
                match week.checked_add_days(chrono::Days::new(7)) {
                    Some(next) => week = next,
                    None => break,
                }
            }
        }
    }
    let weeks: Vec<NaiveDate> = weeks.into_iter().collect();
    let max = counts.values().copied().max().unwrap_or(0);

    // Bars 14 to 40 px wide, groups filling about 540 px when there are few weeks.
    let n_areas = areas.len().max(1) as u64;
    let fill = 540 / (weeks.len().max(1) as u64);
    let narrowest = (n_areas * 14 + 14).max(72);
    let group = fill.clamp(narrowest, (n_areas * 40 + 14).max(narrowest));
    let bar = ((group - 14) / n_areas).min(40);
    let inset = (group - n_areas * bar) / 2;
    let width = (LEFT + weeks.len() as u64 * group + RIGHT).max(600);

    // Legend rows: swatch and name, wrapping at the chart's width.
    let mut legend = String::new();
    let (mut x, mut y) = (LEFT, 0u64);
    for (i, area) in areas.iter().enumerate() {
        let item = 16 + text_width(area) + 18;
        if x > LEFT && x + item > width - RIGHT {
            x = LEFT;
            y += 18;
        }
        let colour = AREA_COLOURS[i % AREA_COLOURS.len()];
        let _ = writeln!(
            legend,
            "<rect x=\"{x}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{colour}\"/><text x=\"{}\" y=\"{}\" \
             font-size=\"12\">{}</text>",
            y + 3,
            x + 16,
            y + 13,
            esc(area)
        );
        x += item;
    }
    let top = y + 18 + 18;
    let bottom = top + PLOT_HEIGHT;
    let height = bottom + 30;

    let mut out = String::new();
    open(&mut out, ID, width, height, "755 contacts per week by area");
    out.push_str(&legend);
    let (axis_top, step) = nice_scale(max);
    let mut tick = 0u64;
    while tick <= axis_top {
        let ty = bottom - scale(tick, axis_top, PLOT_HEIGHT);
        let _ = writeln!(
            out,
            "<line x1=\"{LEFT}\" y1=\"{ty}\" x2=\"{}\" y2=\"{ty}\" stroke=\"#dddddd\"/><text x=\"{}\" y=\"{}\" \
             text-anchor=\"end\">{tick}</text>",
            width - RIGHT,
            LEFT - 6,
            ty + 4
        );
        tick = match tick.checked_add(step) {
            Some(t) => t,
            None => break,
        };
    }
    for (i, week) in weeks.iter().enumerate() {
        let gx = LEFT + i as u64 * group;
        for (j, area) in areas.iter().enumerate() {
            let value = counts.get(&(*week, *area)).copied().unwrap_or(0);
            if value == 0 {
                continue;
            }
            let h = scale(value, axis_top, PLOT_HEIGHT).max(1);
            let bx = gx + inset + j as u64 * bar;
            let colour = AREA_COLOURS[j % AREA_COLOURS.len()];
            let _ = writeln!(
                out,
                "<rect x=\"{bx}\" y=\"{}\" width=\"{}\" height=\"{h}\" fill=\"{colour}\"><title>{}, week of \
                 {week}: {value}</title></rect><text x=\"{}\" y=\"{}\" text-anchor=\"middle\" \
                 font-size=\"9\">{value}</text>",
                bottom - h,
                bar - 2,
                esc(area),
                bx + (bar - 2) / 2,
                bottom - h - 3
            );
        }
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{week}</text>",
            gx + group / 2,
            bottom + 16
        );
    }
    let _ = writeln!(
        out,
        "<line x1=\"{LEFT}\" y1=\"{bottom}\" x2=\"{}\" y2=\"{bottom}\" stroke=\"#333333\"/>",
        width - RIGHT
    );
    let note = if series.is_empty() && report.summary.contacts_755 > 0 {
        // A report read back from its JSON: the series is not part of it (docs/decisions.md).
        Some("The weekly series is not in this report (it is not part of the report's JSON).")
    } else if max == 0 {
        Some("No 755 contacts on covered worksheets.")
    } else {
        None
    };
    if let Some(note) = note {
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"12\">{}</text>",
            width / 2,
            top + PLOT_HEIGHT / 2,
            esc(note)
        );
    }
    out.push_str("</svg>");
    out
}

/// Findings per rule: one horizontal bar per rule that has findings, in catalog order,
/// coloured by severity, the count at its end.
pub(crate) fn rules_chart(report: &Report) -> String {
    const ID: &str = "chart-rules";
    const LABEL: u64 = 210;
    const BAR_MAX: u64 = 360;
    const ROW: u64 = 22;
    const LEGEND: u64 = 28;
    let rows = findings_per_rule(report);
    let width = LABEL + BAR_MAX + 60;
    let height = LEGEND + (rows.len().max(1) as u64) * ROW + 8;
    let mut out = String::new();
    open(&mut out, ID, width, height, "Findings per rule");
    let mut x = LABEL;
    for s in [Severity::Violation, Severity::Advisory, Severity::Data] {
        let _ = writeln!(
            out,
            "<rect x=\"{x}\" y=\"4\" width=\"12\" height=\"12\" fill=\"{}\"/><text x=\"{}\" y=\"14\" \
             font-size=\"12\">{}</text>",
            severity_colour(s),
            x + 16,
            s.as_str()
        );
        x += 16 + text_width(s.as_str()) + 18;
    }
    let max = rows.iter().map(|(_, n)| *n as u64).max().unwrap_or(0);
    for (i, (rule, n)) in rows.iter().enumerate() {
        let y = LEGEND + i as u64 * ROW;
        let length = scale(*n as u64, max, BAR_MAX).max(2);
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"12\">{}</text><rect x=\"{LABEL}\" y=\"{}\" \
             width=\"{length}\" height=\"14\" fill=\"{}\"><title>{} ({}): {n}</title></rect><text x=\"{}\" \
             y=\"{}\" font-size=\"12\">{n}</text>",
            LABEL - 8,
            y + 15,
            esc(rule.id.as_str()),
            y + 4,
            severity_colour(rule.severity),
            esc(rule.id.as_str()),
            rule.severity.as_str(),
            LABEL + length + 6,
            y + 15
        );
    }
    if rows.is_empty() {
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"12\">No findings.</text>",
            width / 2,
            LEGEND + 15
        );
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_tops_are_round_and_cover_the_maximum() {
        assert_eq!(nice_scale(0), (1, 1));
        assert_eq!(nice_scale(4), (4, 1));
        assert_eq!(nice_scale(7), (8, 2));
        assert_eq!(nice_scale(55), (60, 20));
        assert_eq!(nice_scale(245), (250, 50));
        assert_eq!(nice_scale(1001), (1500, 500));
        let (top, step) = nice_scale(u64::MAX);
        assert!(top >= u64::MAX / 2 && step > 0);
    }

    #[test]
    fn scaling_never_overflows_or_exceeds_the_length() {
        assert_eq!(scale(u64::MAX, u64::MAX, 180), 180);
        assert_eq!(scale(5, 0, 180), 0);
        assert_eq!(scale(1, 4, 180), 45);
    }
}
