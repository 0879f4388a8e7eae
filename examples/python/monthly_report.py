#!/usr/bin/env python3
"""Monthly community-relations (755) report for a station: CSV summaries and a weekly chart.

    python examples/python/monthly_report.py                      # the sample month
    python examples/python/monthly_report.py data.json --out reports/
    python examples/python/monthly_report.py data.json --policy station.toml

Writes into the output folder (default: the current folder):

* ``per_person.csv``   one row per person: covered shifts, 755 contacts, findings by severity;
* ``per_sergeant.csv`` one row per sergeant: worksheets reviewed, approved, returned, the
  SGT-* findings charged to them, briefings given in the period;
* ``weekly_755_by_area.csv`` and ``weekly_755_by_area.png``: 755 contacts per week by covered
  area (the PNG needs matplotlib: ``pip install 'contact755[plot]'``; without it the script
  says so and writes everything else).

Every rule decision comes from ``contact755`` (the findings, the summary counts); this script
only groups: it reads roster roles, reviews and briefing dates from the dataset with the json
module, and gets the weekly counts by auditing the same dataset once per week (the core counts
only worksheets dated in the period it is given).
"""

from __future__ import annotations

import argparse
import collections
import csv
import datetime
import json
import sys
from pathlib import Path
from typing import Any, Counter, Dict, Iterator, List, Optional, Tuple

import contact755

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample-month.json"


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("dataset", nargs="?", type=Path, default=SAMPLE, help="dataset JSON (default: the sample month)")
    parser.add_argument("--policy", type=Path, help="station policy override (.json or .toml)")
    parser.add_argument("--out", type=Path, default=Path("."), help="output folder (default: .)")
    args = parser.parse_args(argv)

    try:
        policy = load_policy(args.policy)
        raw = args.dataset.read_bytes()
        report = policy.audit(raw)
    except OSError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except contact755.Contact755Error as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    data: Dict[str, Any] = json.loads(raw)

    args.out.mkdir(parents=True, exist_ok=True)
    written = [
        write_per_person(args.out / "per_person.csv", data, report),
        write_per_sergeant(args.out / "per_sergeant.csv", data, report),
    ]
    weeks = weekly_contacts(policy, data)
    written.append(write_weekly(args.out / "weekly_755_by_area.csv", weeks, policy))
    chart = write_chart(args.out / "weekly_755_by_area.png", weeks, policy)
    if chart is not None:
        written.append(chart)

    s = report.summary
    print(f"{policy.station}: {s.worksheets_audited} worksheets audited, {s.worksheets_covered} covered, "
          f"{s.contacts_755} contacts cleared 755, {len(report.findings)} findings")
    for path in written:
        print(f"wrote {path}")
    return 0


def load_policy(path: Optional[Path]) -> contact755.Policy:
    if path is None:
        return contact755.Policy.norwalk_2016()
    text = path.read_text(encoding="utf-8")
    return contact755.Policy.from_toml(text) if path.suffix == ".toml" else contact755.Policy.from_json(text)


def roster_roles(data: Dict[str, Any]) -> Dict[str, str]:
    """Each person's role; the first record wins when an id repeats (as in the audit)."""
    roles: Dict[str, str] = {}
    for p in data.get("personnel") or []:
        roles.setdefault(p["id"], p["role"])
    return roles


def write_per_person(path: Path, data: Dict[str, Any], report: contact755.Report) -> Path:
    roles = roster_roles(data)
    by_severity: Dict[str, Counter[contact755.Severity]] = collections.defaultdict(collections.Counter)
    by_rule: Dict[str, Counter[str]] = collections.defaultdict(collections.Counter)
    for f in report.findings:
        if f.personnel_id is not None:
            by_severity[f.personnel_id][f.severity] += 1
            by_rule[f.personnel_id][f.rule] += 1
    with path.open("w", newline="", encoding="utf-8") as out:
        w = csv.writer(out)
        w.writerow(["personnel_id", "role", "covered_shifts", "contacts_755", "contacts_per_covered_shift",
                    "findings", "violations", "advisories", "data_problems", "most_frequent_rule"])
        for p in report.summary.personnel:
            sev = by_severity[p.id]
            top = max(sorted(by_rule[p.id].items()), key=lambda kv: kv[1], default=None)
            w.writerow([
                p.id,
                roles.get(p.id, "(not on roster)"),
                p.covered_shifts,
                p.contacts_755,
                f"{p.contacts_755 / p.covered_shifts:.2f}" if p.covered_shifts else "",
                p.findings,
                sev[contact755.Severity.VIOLATION],
                sev[contact755.Severity.ADVISORY],
                sev[contact755.Severity.DATA],
                f"{top[0]} x{top[1]}" if top else "",
            ])
    return path


def in_period(data: Dict[str, Any], date: str) -> bool:
    period = data["period"]
    return bool(period["start"] <= date <= period["end"])


def write_per_sergeant(path: Path, data: Dict[str, Any], report: contact755.Report) -> Path:
    roles = roster_roles(data)
    sergeants = sorted(pid for pid, role in roles.items() if role == contact755.Role.SERGEANT.value)
    reviewed: Counter[str] = collections.Counter()
    approved: Counter[str] = collections.Counter()
    seen = set()
    for ws in data.get("worksheets") or []:
        # Worksheets of the period, a repeated worksheet id counted once (as in the audit).
        if ws["id"] in seen or not in_period(data, ws["date"]):
            continue
        seen.add(ws["id"])
        review = ws.get("review")
        if review:
            reviewed[review["reviewer_id"]] += 1
            approved[review["reviewer_id"]] += bool(review["approved"])
    briefings: Dict[str, List[str]] = collections.defaultdict(list)
    for b in data.get("briefings") or []:
        if in_period(data, b["date"]):
            briefings[b["sergeant_id"]].append(b["date"])
    charged: Dict[str, Counter[str]] = collections.defaultdict(collections.Counter)
    for f in report.findings:
        if f.rule.startswith("SGT-") and f.personnel_id is not None:
            charged[f.personnel_id][f.rule] += 1
    with path.open("w", newline="", encoding="utf-8") as out:
        w = csv.writer(out)
        w.writerow(["sergeant_id", "worksheets_reviewed", "approved", "returned", "sgt_findings",
                    "sgt_findings_by_rule", "briefings_in_period", "last_briefing"])
        for sid in sergeants:
            rules = charged[sid]
            w.writerow([
                sid,
                reviewed[sid],
                approved[sid],
                reviewed[sid] - approved[sid],
                sum(rules.values()),
                "; ".join(f"{rule} x{n}" for rule, n in sorted(rules.items())),
                len(briefings[sid]),
                max(briefings[sid], default=""),
            ])
    return path


def weeks_of(start: datetime.date, end: datetime.date) -> Iterator[Tuple[datetime.date, datetime.date]]:
    """Monday-to-Sunday weeks covering the period, clipped to it."""
    day = start
    while day <= end:
        week_end = min(day + datetime.timedelta(days=6 - day.weekday()), end)
        yield day, week_end
        day = week_end + datetime.timedelta(days=1)


def weekly_contacts(policy: contact755.Policy, data: Dict[str, Any]) -> List[Tuple[datetime.date, datetime.date, Dict[str, int]]]:
    """755 contacts by covered area for each week, counted by the core: the dataset is audited
    once per week with the period narrowed to that week."""
    start = datetime.date.fromisoformat(data["period"]["start"])
    end = datetime.date.fromisoformat(data["period"]["end"])
    out = []
    for week_start, week_end in weeks_of(start, end):
        week = dict(data, period={"start": week_start.isoformat(), "end": week_end.isoformat()})
        out.append((week_start, week_end, policy.audit(week).summary.by_area))
    return out


def write_weekly(path: Path, weeks: List[Tuple[datetime.date, datetime.date, Dict[str, int]]], policy: contact755.Policy) -> Path:
    with path.open("w", newline="", encoding="utf-8") as out:
        w = csv.writer(out)
        w.writerow(["week_start", "week_end", "area", "contacts_755"])
        for week_start, week_end, by_area in weeks:
            for area in policy.covered_areas:
                w.writerow([week_start.isoformat(), week_end.isoformat(), area, by_area.get(area, 0)])
    return path


def write_chart(path: Path, weeks: List[Tuple[datetime.date, datetime.date, Dict[str, int]]], policy: contact755.Policy) -> Optional[Path]:
    try:
        import matplotlib  # type: ignore[import-not-found, unused-ignore]

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        print("matplotlib is not installed (pip install 'contact755[plot]'): "
              f"skipping the chart {path.name}; the CSV files are written")
        return None
    labels = [f"{a:%b %d}–{b:%d}" if a.month == b.month else f"{a:%b %d}–{b:%b %d}" for a, b, _ in weeks]
    areas = list(policy.covered_areas)
    width = 0.8 / max(len(areas), 1)
    fig, ax = plt.subplots(figsize=(max(6.0, 1.4 * len(weeks)), 4.0))
    for i, area in enumerate(areas):
        xs = [k + (i - (len(areas) - 1) / 2) * width for k in range(len(weeks))]
        ax.bar(xs, [by_area.get(area, 0) for _, _, by_area in weeks], width, label=area)
    ax.set_xticks(range(len(weeks)))
    ax.set_xticklabels(labels)
    ax.set_ylabel("entries cleared 755")
    ax.set_title(f"{policy.station}: 755 contacts per week by area")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path


if __name__ == "__main__":
    sys.exit(main())
