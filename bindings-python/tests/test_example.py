"""examples/python/monthly_report.py, run as a station analyst would."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path
from typing import Dict, List

from contact755 import Report

from conftest import REPO

SCRIPT = REPO / "examples" / "python" / "monthly_report.py"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def rows(path: Path) -> List[Dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_monthly_report(tmp_path: Path, sample_report: Report) -> None:
    out = tmp_path / "out"
    result = run("--out", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (out / "report.html").read_text(encoding="utf-8") == sample_report.to_html()
    assert (out / "report.xlsx").read_bytes() == sample_report.to_xlsx()
    assert (out / "findings.csv").read_text(encoding="utf-8") == sample_report.to_csv()
    people = rows(out / "per_person.csv")
    assert [p["personnel_id"] for p in people] == [p.id for p in sample_report.summary.personnel]
    charged = sum(1 for f in sample_report.findings if f.personnel_id is not None)
    assert sum(int(p["findings"]) for p in people) == charged
    assert sum(int(p["violations"]) + int(p["advisories"]) + int(p["data_problems"]) for p in people) == charged
    sergeants = rows(out / "per_sergeant.csv")
    sgt = [f for f in sample_report.findings if f.rule.startswith("SGT-") and f.personnel_id]
    assert sum(int(s["sgt_findings"]) for s in sergeants) == len(sgt)
    assert {s["personnel_id"] for s in sergeants} == {f.personnel_id for f in sgt}


def test_monthly_report_from_tables(tmp_path: Path, sample_report: Report) -> None:
    export = REPO / "examples" / "data" / "cad-export"
    result = run("--csv", str(export), "--period", "2016-03", "--mapping", str(export / "mapping.toml"),
                 "--out", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "findings.csv").read_text(encoding="utf-8") == sample_report.to_csv()


def test_monthly_report_rejects_a_bad_dataset(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"period": {"start": "2016-03-31", "end": "2016-03-01"}, "personnel": [], "worksheets": []}')
    result = run(str(bad), "--out", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 2
    assert "period" in result.stderr
    assert not (tmp_path / "per_person.csv").exists()
