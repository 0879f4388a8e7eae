"""Shared fixtures. The tests import the *installed* ``contact755`` (see test_installed.py);
paths to the repository's data are found from this file's location."""

from __future__ import annotations

import datetime
import json
import os
from pathlib import Path
from typing import Any, Dict

import pytest

import contact755

#: The repository root (bindings-python/tests/ is two levels below it).
REPO = Path(os.environ.get("CONTACT755_REPO", Path(__file__).resolve().parents[2]))
SAMPLE = REPO / "examples" / "data" / "sample-month.json"
SHARED_VECTORS = REPO.parent / "shared" / "conformance"
OWN_VECTORS = REPO / "tests" / "conformance"
NEXT_VECTORS = REPO.parent / "shared" / "conformance-next"
#: The file-name prefixes of the vectors in NEXT_VECTORS whose SPEC section is built (§6).
BUILT_NEXT = ("027-", "028-", "029-", "030-", "031-", "032-", "033-")

PDT = datetime.timezone(datetime.timedelta(hours=-7))


def check_entry_args(**overrides: Any) -> Dict[str, Any]:
    """Keyword arguments of ``Policy.check_entry`` for one covered field shift whose contact
    lacks its 755 code (``FP-CODE-755``), with ``overrides`` applied."""
    base: Dict[str, Any] = dict(
        worksheet_id="W1",
        personnel_id="D100",
        date=datetime.date(2016, 3, 17),
        assignment=contact755.Assignment.FIELD,
        area="La Mirada",
        entry_id="E1",
        at=datetime.datetime(2016, 3, 17, 9, 12, tzinfo=PDT),
        activity=contact755.Activity.SELF_INITIATED,
        clearance_codes=["415"],
        contact=contact755.Contact(contact755.Category.RESIDENT, card_provided=True),
    )
    base.update(overrides)
    return base


def los_angeles() -> datetime.tzinfo:
    """The America/Los_Angeles zone; skips the test where Python or the machine lacks it."""
    zoneinfo = pytest.importorskip("zoneinfo")
    try:
        return zoneinfo.ZoneInfo("America/Los_Angeles")  # type: ignore[no-any-return]
    except zoneinfo.ZoneInfoNotFoundError:
        pytest.skip("no time zone database on this machine")


#: A small valid dataset: one covered field shift whose contact lacks its 755 code.
SMALL: Dict[str, Any] = {
    "period": {"start": "2016-03-17", "end": "2016-03-17"},
    "personnel": [{"id": "D100", "role": "deputy"}, {"id": "S200", "role": "sergeant"}],
    "worksheets": [
        {
            "id": "W1",
            "personnel_id": "D100",
            "date": "2016-03-17",
            "assignment": "field",
            "area": "La Mirada",
            "entries": [
                {
                    "id": "E1",
                    "at": "2016-03-17T09:12:00-07:00",
                    "activity": "obs",
                    "clearance_codes": ["415"],
                    "contact": {"category": "resident", "card_provided": True},
                }
            ],
            "review": {"reviewer_id": "S200", "reviewed_on": "2016-03-18", "approved": True},
        }
    ],
    "briefings": [{"id": "B1", "sergeant_id": "S200", "date": "2016-03-01"}],
}

SMALL_FINDINGS = [
    ("FP-CODE-755", "entry:W1/E1"),
    ("FP-REGULAR", "worksheet:W1"),
    ("SGT-CODIFICATION", "worksheet:W1"),
]


@pytest.fixture
def small() -> Dict[str, Any]:
    """A fresh deep copy of :data:`SMALL`."""
    result: Dict[str, Any] = json.loads(json.dumps(SMALL))
    return result


@pytest.fixture(scope="session")
def sample_bytes() -> bytes:
    if not SAMPLE.exists():
        pytest.fail(f"the sample month {SAMPLE} is missing")
    return SAMPLE.read_bytes()


@pytest.fixture(scope="session")
def norwalk() -> contact755.Policy:
    return contact755.Policy.norwalk_2016()


@pytest.fixture(scope="session")
def sample_report(norwalk: contact755.Policy, sample_bytes: bytes) -> contact755.Report:
    return norwalk.audit(sample_bytes)
