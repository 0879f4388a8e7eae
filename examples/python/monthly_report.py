#!/usr/bin/env python3
"""Monthly community-relations (755) report for a station, from the core's renderings.

    python examples/python/monthly_report.py                      # the sample month
    python examples/python/monthly_report.py data.json --out reports/
    python examples/python/monthly_report.py data.json --policy station.toml
    python examples/python/monthly_report.py --csv exports/ --period 2016-03 --mapping mapping.toml

Writes into the output folder (default: the current folder):

* ``report.html``  the page a captain reads: summary, weekly 755 chart by area, findings chart,
  persons, findings by rule with the order's citations (``Report.to_html``);
* ``report.xlsx``  the workbook an analyst opens (``Report.to_xlsx``);
* ``findings.csv`` one row per finding (``Report.to_csv``);
* ``per_person.csv``   one row per person: covered shifts, 755 contacts, findings by severity;
* ``per_sergeant.csv`` the findings of the sergeants' duties (SGT-*), by the person the core
  charges each to, by rule.

Every decision (which worksheets count, duplicates, findings, who is charged) is the core's:
this script only groups the report's findings and summary by person.
"""

from __future__ import annotations

import argparse
import collections
import csv
import sys
from pathlib import Path
from typing import Dict, List, Optional

import contact755

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample-month.json"


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("dataset", nargs="?", type=Path, help="dataset JSON (default: the sample month)")
    parser.add_argument("--policy", type=Path, help="station policy (.json or .toml)")
    parser.add_argument("--preset", help="a preset instead of a policy file (norwalk-2016, compton-2018)")
    parser.add_argument("--csv", type=Path, help="a folder of CSV tables instead of a JSON dataset")
    parser.add_argument("--period", help="the period of the tables: 2016-03 or 2016-03-01..2016-03-31")
    parser.add_argument("--mapping", type=Path, help="the mapping of an export's layout (.toml or .json)")
    parser.add_argument("--out", type=Path, default=Path("."), help="output folder (default: .)")
    args = parser.parse_args(argv)

    try:
        policy = load_policy(args.policy, args.preset)
        if args.csv is not None:
            if args.period is None:
                parser.error("--csv needs --period")
            report = policy.audit_tables(args.csv, period=args.period, mapping=args.mapping)
        else:
            report = policy.audit(args.dataset or SAMPLE)
    except OSError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except contact755.Contact755Error as e:
        print(f"error: {e}", file=sys.stderr)
        return 2

    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "report.html").write_text(report.to_html(), encoding="utf-8", newline="\n")
    (args.out / "report.xlsx").write_bytes(report.to_xlsx())
    (args.out / "findings.csv").write_text(report.to_csv(), encoding="utf-8", newline="\n")
    write_per_person(args.out / "per_person.csv", report)
    write_per_sergeant(args.out / "per_sergeant.csv", report)
    s = report.summary
    print(f"{report.policy.station}: {s.worksheets_covered} covered shifts, {s.contacts_755} contacts cleared 755, "
          f"{len(report.findings)} findings (policy {report.policy_sha256[:12]})")
    for name in ("report.html", "report.xlsx", "findings.csv", "per_person.csv", "per_sergeant.csv"):
        print(f"wrote {args.out / name}")
    return 0


def load_policy(path: Optional[Path], preset: Optional[str]) -> contact755.Policy:
    if path is not None and preset is not None:
        raise contact755.PolicyError("--policy and --preset exclude each other: a policy file names its preset")
    if preset is not None:
        return contact755.Policy.preset(preset)
    if path is None:
        return contact755.Policy.norwalk_2016()
    text = path.read_bytes()
    return contact755.Policy.from_toml(text) if path.suffix == ".toml" else contact755.Policy.from_json(text)


def write_per_person(path: Path, report: contact755.Report) -> None:
    """The summary's persons, with the findings charged to each counted by severity."""
    by_severity: Dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for f in report.findings:
        if f.personnel_id is not None:
            by_severity[f.personnel_id][f.severity.value] += 1
    with path.open("w", newline="", encoding="utf-8") as out:
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["personnel_id", "covered_shifts", "contacts_755", "findings", "violations", "advisories", "data_problems"])
        for p in report.summary.personnel:
            c = by_severity[p.id]
            w.writerow([p.id, p.covered_shifts, p.contacts_755, p.findings, c["violation"], c["advisory"], c["data"]])


def write_per_sergeant(path: Path, report: contact755.Report) -> None:
    """The findings of the sergeants' duties (SGT-*), by the person the core charges each to:
    the reviewer or the sergeant for review and briefing rules, the worksheet's person for a
    missing review or an unchecked card supply (SPEC §3, "Responsible person")."""
    sgt_rules = [r.id for r in report.policy.rules() if r.id.startswith("SGT-")]
    charged: Dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for f in report.findings:
        if f.rule.startswith("SGT-") and f.personnel_id is not None:
            charged[f.personnel_id][f.rule] += 1
    with path.open("w", newline="", encoding="utf-8") as out:
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["personnel_id", "sgt_findings", *sgt_rules])
        for person in sorted(charged):
            c = charged[person]
            w.writerow([person, sum(c.values()), *(c[r] for r in sgt_rules)])


if __name__ == "__main__":
    sys.exit(main())
