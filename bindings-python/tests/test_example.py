"""examples/python/monthly_report.py runs on the sample and its CSVs agree with the report."""

from __future__ import annotations

import collections
import csv
import importlib.util
import subprocess
import sys
from pathlib import Path

from contact755 import Report

from conftest import REPO

SCRIPT = REPO / "examples" / "python" / "monthly_report.py"


def rows(path: Path) -> list:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_monthly_report(tmp_path: Path, sample_report: Report) -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(tmp_path / "out")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out"

    people = rows(out / "per_person.csv")
    assert [p["personnel_id"] for p in people] == [p.id for p in sample_report.summary.personnel]
    charged = sum(1 for f in sample_report.findings if f.personnel_id is not None)
    assert sum(int(p["findings"]) for p in people) == charged
    assert sum(int(p["violations"]) + int(p["advisories"]) + int(p["data_problems"]) for p in people) == charged

    sergeants = rows(out / "per_sergeant.csv")
    assert [s["sergeant_id"] for s in sergeants] == ["S100", "S101", "S102"]
    sgt = sum(1 for f in sample_report.findings if f.rule.startswith("SGT-") and f.personnel_id in {"S100", "S101", "S102"})
    assert sum(int(s["sgt_findings"]) for s in sergeants) == sgt
    for s in sergeants:
        assert int(s["approved"]) + int(s["returned"]) == int(s["worksheets_reviewed"])

    weekly = rows(out / "weekly_755_by_area.csv")
    totals: collections.Counter = collections.Counter()
    for r in weekly:
        totals[r["area"]] += int(r["contacts_755"])
    assert dict(totals) == sample_report.summary.by_area

    png = out / "weekly_755_by_area.png"
    if importlib.util.find_spec("matplotlib") is None:
        assert not png.exists()
        assert "matplotlib is not installed" in result.stdout
    else:
        assert png.read_bytes().startswith(b"\x89PNG")


def test_monthly_report_rejects_a_bad_dataset(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"period": {"start": "2016-03-01"}}', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(bad), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 2
    assert "period" in result.stderr
    assert not (tmp_path / "per_person.csv").exists()
