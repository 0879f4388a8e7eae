"""examples/python/monthly_report.py runs on the sample and its CSVs agree with the report."""

from __future__ import annotations

import collections
import csv
import importlib.util
import os
import struct
import subprocess
import sys
from pathlib import Path
from typing import Dict, Optional

from contact755 import Report

from conftest import REPO

SCRIPT = REPO / "examples" / "python" / "monthly_report.py"


def rows(path: Path) -> list:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def run_report(tmp_path: Path, env: Optional[Dict[str, str]] = None) -> "subprocess.CompletedProcess[str]":
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(tmp_path / "out")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


def test_monthly_report(tmp_path: Path, sample_report: Report) -> None:
    # scripts/test-python.sh installs matplotlib, so the chart is drawn here; the test of the
    # script without it is below.
    assert importlib.util.find_spec("matplotlib") is not None, "pip install matplotlib to test the chart"
    result = run_report(tmp_path)
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

    png = (out / "weekly_755_by_area.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", png[16:24])  # the IHDR chunk
    assert width > 300 and height > 200, (width, height)


def test_monthly_report_without_matplotlib(tmp_path: Path) -> None:
    # A package named matplotlib that fails to import, first on the path: as if not installed.
    shim = tmp_path / "shim" / "matplotlib"
    shim.mkdir(parents=True)
    (shim / "__init__.py").write_text('raise ImportError("no matplotlib in this test")\n', encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(shim.parent))
    result = run_report(tmp_path, env)
    assert result.returncode == 0, result.stderr
    assert "matplotlib is not installed" in result.stdout
    out = tmp_path / "out"
    assert not (out / "weekly_755_by_area.png").exists()
    for name in ("per_person.csv", "per_sergeant.csv", "weekly_755_by_area.csv"):
        assert rows(out / name), name


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
