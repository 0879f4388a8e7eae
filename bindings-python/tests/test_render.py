"""Reports people read (SPEC §8): text, CSV, HTML and XLSX from the core's renderers, and the
diff of two reports."""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
import zipfile
from typing import Any, Dict

import pytest

import contact755
from contact755 import InvalidInputError, Policy, Report, ReportDiff

from conftest import SMALL

MARKUP_IDS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "&amp;", "=1+1", "+x", "-x", "@x"]


def marked_up(small: Dict[str, Any]) -> Dict[str, Any]:
    """SMALL with ids that carry markup and formula starters (all valid ids)."""
    data = json.loads(json.dumps(small))
    data["personnel"] += [{"id": i, "role": "deputy"} for i in MARKUP_IDS]
    w = data["worksheets"][0]
    for n, person in enumerate(MARKUP_IDS):
        data["worksheets"].append({**w, "id": f"W{n}{person}", "personnel_id": person, "entries": [
            {**w["entries"][0], "id": person}]})
    return data


def test_every_format_is_deterministic(norwalk: Policy, sample_bytes: bytes) -> None:
    a, b = norwalk.audit(sample_bytes), norwalk.audit(sample_bytes)
    assert a.to_text() == b.to_text() and a.to_text(all=True) == b.to_text(all=True)
    assert a.to_csv() == b.to_csv()
    assert a.to_html() == b.to_html()
    assert a.to_xlsx() == b.to_xlsx()


def test_the_text_names_the_directive_the_fingerprint_and_the_citations(sample_report: Report) -> None:
    text = sample_report.to_text(source="march.json")
    policy = sample_report.policy
    assert f"Directive: {policy.directive.id}" in text
    assert f"Policy fingerprint: {sample_report.policy_sha256}" in text
    assert "Data: march.json" in text
    for rule in policy.rules():
        if rule.citation and any(f.rule == rule.id for f in sample_report.findings):
            assert f"Directive: {rule.citation}" in text, rule.id
    compton = Policy.preset("compton-2018").audit({**SMALL, "worksheets": []})
    assert "Compton Station 18-001" in compton.to_text()


def test_the_csv_reads_back_to_the_findings(sample_report: Report) -> None:
    text = sample_report.to_csv()
    assert text.startswith("rule,severity,subject,personnel_id,date,message\n")
    assert "\r" not in text and not text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(sample_report.findings)
    for row, f in zip(rows, sample_report.findings):
        assert (row["rule"], row["severity"], row["subject"], row["message"]) == (f.rule, f.severity.value, f.subject, f.message)
        assert row["date"] == ("" if f.date is None else f.date.isoformat())


def test_markup_is_text_in_every_format(norwalk: Policy, small: Dict[str, Any]) -> None:
    report = norwalk.audit(marked_up(small))
    page = report.to_html()
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&amp;amp;" in page  # the id "&amp;" shown as those five characters
    for row in csv.DictReader(io.StringIO(report.to_csv())):
        for value in row.values():
            assert not value or value[0] not in "=+-@", row  # no cell runs as a formula
    book = zipfile.ZipFile(io.BytesIO(report.to_xlsx()))
    for name in book.namelist():
        if name.startswith("xl/worksheets/"):
            assert "<f>" not in book.read(name).decode("utf-8"), name


def test_the_page_is_self_contained(sample_report: Report) -> None:
    page = sample_report.to_html()
    assert page.startswith("<!DOCTYPE html>")
    for needle in ("<script", "<link", "<iframe", "<object", "@import", "url(", " src=", " href="):
        assert needle not in page, needle
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", page)
    for ident in ("summary", "chart-weekly", "chart-rules", "personnel"):
        assert f'id="{ident}"' in page, ident
    assert sample_report.policy_sha256 in page


def test_the_workbook_reads_back_with_openpyxl(sample_report: Report, tmp_path: Any) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "report.xlsx"
    path.write_bytes(sample_report.to_xlsx())
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Summary", "Personnel", "Findings", "Rules"]
    findings = book["Findings"]
    header = [c.value for c in findings[1]]
    assert header == ["rule", "severity", "subject", "personnel_id", "date", "message"]
    assert findings.max_row - 1 == len(sample_report.findings)
    assert findings.freeze_panes == "A2"
    assert findings.auto_filter.ref == f"A1:F{len(sample_report.findings) + 1}"
    dated = [f for f in sample_report.findings if f.date is not None]
    first_dated_row = 2 + sample_report.findings.index(dated[0])
    cell = findings.cell(row=first_dated_row, column=5).value
    assert isinstance(cell, datetime.datetime) and cell.date() == dated[0].date
    rules = book["Rules"]
    assert [c.value for c in rules["A"][1:]] == [r.id for r in sample_report.policy.rules()]
    assert book["Personnel"].max_row - 1 == len(sample_report.summary.personnel)
    assert book.properties.created.year == 1980  # no clock time in the document properties


def test_diff_of_a_correction(norwalk: Policy, small: Dict[str, Any]) -> None:
    before = norwalk.audit(small)
    small["worksheets"][0]["entries"][0]["clearance_codes"] = ["415", "755"]
    after = norwalk.audit(small)
    d = contact755.diff(before, after)
    assert isinstance(d, ReportDiff)
    assert {f.rule for f in d.resolved} == {"FP-CODE-755", "FP-REGULAR", "SGT-CODIFICATION"}
    assert d.new == () and d.unchanged == 0
    assert d.before_policy_sha256 == d.after_policy_sha256 == norwalk.fingerprint
    assert isinstance(d.resolved[0].date, datetime.date)
    assert contact755.diff(before.to_json(), after.to_json()) == d
    same = contact755.diff(before, before)
    assert same.resolved == () and same.new == () and same.unchanged == len(before.findings)
    other = Policy(min_contacts_per_shift=0).audit(small)
    assert contact755.diff(after, other).after_policy_sha256 != contact755.diff(after, other).before_policy_sha256


def test_a_report_read_back_from_json(sample_report: Report) -> None:
    again = Report.from_json(sample_report.to_json())
    assert again.to_json() == sample_report.to_json()
    assert again.to_csv() == sample_report.to_csv()
    with pytest.raises(InvalidInputError) as info:
        Report.from_json(sample_report.to_json().replace('"policy_sha256"', '"policy_sha":', 1))
    assert info.value.path in ("", "policy_sha")
    with pytest.raises(InvalidInputError) as info:
        contact755.diff("{", sample_report.to_json())
    assert str(info.value).startswith("before report:") or "before report:" in info.value.message
