"""Tabular datasets (SPEC §7) through Python: folders and dicts of bytes, mappings, periods,
and the errors, each at its path."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Dict

import pytest

import contact755
from contact755 import InvalidInputError, Mapping, MappingError, Policy, Report

from conftest import REPO

CSV = REPO / "examples" / "data" / "sample-month-csv"
EXPORT = REPO / "examples" / "data" / "cad-export"


def files(folder: Path) -> Dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def test_a_folder_and_a_dict_give_the_json_sample_report(norwalk: Policy, sample_report: Report) -> None:
    assert norwalk.audit_tables(CSV, period="2016-03").to_json() == sample_report.to_json()
    assert norwalk.audit_tables(str(CSV), period="2016-03-01..2016-03-31").to_json() == sample_report.to_json()
    as_dict = norwalk.audit_tables(files(CSV), period=(datetime.date(2016, 3, 1), datetime.date(2016, 3, 31)))
    assert as_dict.to_json() == sample_report.to_json()
    text = {name: data.decode("utf-8") for name, data in files(CSV).items()}
    assert norwalk.audit_tables(text, period="2016-03").to_json() == sample_report.to_json()


def test_an_export_through_its_mapping(norwalk: Policy, sample_report: Report) -> None:
    mapping = Mapping.from_file(EXPORT / "mapping.toml")
    assert "MDC_EXPORT.CSV" in mapping.file_names
    assert norwalk.audit_tables(EXPORT, period="2016-03", mapping=mapping).to_json() == sample_report.to_json()
    by_path = norwalk.audit_tables(files(EXPORT), period="2016-03", mapping=EXPORT / "mapping.toml")
    assert by_path.to_json() == sample_report.to_json()


def test_periods() -> None:
    assert contact755.parse_period("2016-02") == (datetime.date(2016, 2, 1), datetime.date(2016, 2, 29))
    assert contact755.parse_period("2016-03-05..2016-03-09") == (datetime.date(2016, 3, 5), datetime.date(2016, 3, 9))
    with pytest.raises(InvalidInputError) as info:
        contact755.parse_period("March")
    assert info.value.path == "period"
    with pytest.raises(TypeError):
        contact755.parse_period(2016)  # type: ignore[arg-type]


def test_rejections_name_the_file_line_and_column(norwalk: Policy) -> None:
    tables = files(CSV)
    lines = tables["entries.csv"].decode("utf-8").split("\n")
    header = lines[0].split(",")
    cells = lines[1].split(",")
    cells[header.index("at")] = "2016-03-17 09:12"
    tables["entries.csv"] = "\n".join([lines[0], ",".join(cells), *lines[2:]]).encode("utf-8")
    with pytest.raises(InvalidInputError) as info:
        norwalk.audit_tables(tables, period="2016-03")
    assert info.value.path == "entries.csv:2:at"
    missing = files(CSV)
    del missing["personnel.csv"]
    with pytest.raises(InvalidInputError) as info:
        norwalk.audit_tables(missing, period="2016-03")
    assert info.value.path == "personnel.csv"


def test_bad_bytes_and_huge_input_are_errors_not_crashes(norwalk: Policy) -> None:
    tables = files(CSV)
    tables["personnel.csv"] = b"id,role\nD1,deputy\n\xff\xfe,deputy\n"
    with pytest.raises(InvalidInputError) as info:
        norwalk.audit_tables(tables, period="2016-03")
    assert info.value.path == "personnel.csv:3"
    tables = files(CSV)
    tables["personnel.csv"] = b"id,role\n" + b"D" * (10 * 1024 * 1024) + b",deputy\n"
    with pytest.raises(InvalidInputError) as info:
        norwalk.audit_tables(tables, period="2016-03")
    assert info.value.path == "personnel.csv:2:id"
    tables = files(CSV)
    tables["briefings.csv"] = b",".join(b"c%d" % i for i in range(1_000_000)) + b"\n"
    with pytest.raises(InvalidInputError) as info:
        norwalk.audit_tables(tables, period="2016-03")
    assert info.value.path.startswith("briefings.csv:1:")


def test_mapping_errors_name_their_key(norwalk: Policy) -> None:
    with pytest.raises(MappingError) as info:
        Mapping.from_toml('[entries.timestamps]\nformat = "%m/%d/%Y %H:%M"\ntime_zone = "Mars/Olympus"\n')
    assert info.value.path == "entries.timestamps.time_zone"
    assert isinstance(info.value, ValueError)
    with pytest.raises(MappingError) as info:
        Mapping.from_json('{"personnel": {"timestamps": {}}}')
    assert info.value.path.startswith("personnel")
    missing_column = Mapping.from_toml('[personnel.columns]\nrole = "Rank"\n')
    with pytest.raises(InvalidInputError) as info:
        norwalk.audit_tables(files(CSV), period="2016-03", mapping=missing_column)
    assert info.value.path == "personnel.csv:1:Rank"


def test_a_missing_folder_is_an_os_error(norwalk: Policy, tmp_path: Path) -> None:
    with pytest.raises(OSError):
        norwalk.audit_tables(tmp_path / "nowhere", period="2016-03")
