#!/usr/bin/env python3
"""Writes the tabular-dataset vectors of this folder (SPEC §5, §7).

Every vector starts from one clean station week written as canonical tables (no finding) and
changes one thing. Expectations are written here by hand from the SPEC, one vector per §7.1
rule, §7.2 path form and §7.3 mapping key. Run from anywhere:

    python3 tests/conformance/tables/make_vectors.py

It rewrites every `*.json` it owns (names start with read-, path-, mapping-) and removes stale ones.
"""
import base64
import json
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
PERIOD = {"start": "2016-03-14", "end": "2016-03-20"}

P = "id,role\nD100,deputy\nD101,deputy\nS200,sergeant\nV300,volunteer\n"
W_H = "id,personnel_id,date,assignment,area,vehicle_id,reviewer_id,reviewed_on,approved\n"
W1 = "W1,D100,2016-03-17,field,Norwalk,NWK-12,S200,2016-03-18,true\n"
E_H = "worksheet_id,id,at,activity,clearance_codes,category,card_provided,description\n"
E1 = "W1,E1,2016-03-17T09:12:00-07:00,obs,755,resident,true,\n"
E2 = "W1,E2,2016-03-17T10:40:00-07:00,cfs,415,,,\n"
B = "id,sergeant_id,date\nB1,S200,2016-03-01\n"
C = "id,vehicle_id,date,cards_on_hand\nC1,NWK-12,2016-03-14,40\n"

VECTORS = {}


def files(**over):
    f = {
        "personnel.csv": P,
        "worksheets.csv": W_H + W1,
        "entries.csv": E_H + E1 + E2,
        "briefings.csv": B,
        "vehicle_checks.csv": C,
    }
    for k, v in over.items():
        name = k.replace("__", ".")
        if v is None:
            f.pop(name, None)
        else:
            f[name] = v
    return f


def vec(name, title, tables, expect, mapping=None, period=PERIOD):
    assert name not in VECTORS, name
    t = {"period": period}
    t.update(tables)
    v = {"name": title, "tables": t}
    if mapping is not None:
        v["mapping"] = mapping
    v["expect"] = expect
    VECTORS[name] = v


def ok(*findings, **summary):
    e = {"findings": [{"rule": r, "subject": s} for r, s in findings]}
    if summary:
        e["summary"] = summary
    return e


def err(path):
    return {"error": {"path": path}}


def b64(data: bytes):
    return {"base64": base64.b64encode(data).decode()}


def entries(*rows, header=E_H):
    return header + "".join(rows)


def worksheets(*rows, header=W_H):
    return header + "".join(rows)


# ---------------------------------------------------------------------------------------------
# §7.1 Reading

vec("read-baseline", "tables: the clean week gives no findings", files(),
    ok(worksheets_audited=1, worksheets_covered=1, contacts_755=1, cards_provided=1))
vec("read-crlf", "tables: CRLF line ends", {k: v.replace("\n", "\r\n") for k, v in files().items()},
    ok(contacts_755=1))
vec("read-lone-cr", "tables: lone CR line ends", {k: v.replace("\n", "\r") for k, v in files().items()},
    ok(contacts_755=1))
vec("read-mixed-line-ends", "tables: LF, CRLF and CR mixed in one file",
    files(entries__csv=E_H.replace("\n", "\r") + E1.replace("\n", "\r\n") + E2),
    ok(contacts_755=1))
vec("read-bom-skipped", "tables: a UTF-8 byte-order mark before the header is skipped",
    files(personnel__csv="\ufeff" + P, entries__csv="\ufeff" + entries(E1, E2)), ok(contacts_755=1))
vec("read-bom-only-at-start", "tables: a byte-order mark inside a cell is part of the cell (an unknown role)",
    files(personnel__csv=P + "D102,\ufeffdeputy\n"), err("personnel.csv:6:role"))
vec("read-blank-lines-skipped", "tables: completely empty lines are skipped, anywhere",
    files(personnel__csv="\n\n" + P.replace("\n", "\n\n"), entries__csv=entries(E1, "\r\n\r\n", E2, "\n")),
    ok(contacts_755=1))
vec("read-header-only-entries", "tables: entries.csv with a header and no record: no entries",
    files(entries__csv=E_H), ok(("FP-REGULAR", "worksheet:W1")))
vec("read-last-record-without-line-end", "tables: the last record may end at the end of the file",
    files(entries__csv=entries(E1, E2.rstrip("\n"))), ok(contacts_755=1))
vec("read-columns-any-order", "tables: columns may come in any order",
    files(entries__csv="description,card_provided,category,clearance_codes,activity,at,id,worksheet_id\n"
          ",true,resident,755,obs,2016-03-17T09:12:00-07:00,E1,W1\n",
          personnel__csv="role,id\ndeputy,D100\nsergeant,S200\n"),
    ok(contacts_755=1))
vec("read-optional-columns-left-out", "tables: optional columns left out are absent (no vehicle, no review)",
    files(worksheets__csv="date,id,assignment,personnel_id,area\n2016-03-17,W1,field,D100,Norwalk\n"),
    ok(("SGT-REVIEW-MISSING", "worksheet:W1")))
vec("read-quoted-delimiter-and-quotes", "tables: quoted commas and doubled quotes are kept in ids",
    files(entries__csv=entries('W1,"E,1",2016-03-17T09:12:00-07:00,obs,415,resident,true,\n',
                               'W1,"E""2",2016-03-17T09:13:00-07:00,obs,755,,,\n')),
    ok(("FP-CODE-755", "entry:W1/E,1"), ("FP-755-DETAILS", 'entry:W1/E"2'),
       ("SGT-CODIFICATION", "worksheet:W1")))
vec("read-quoted-line-breaks", "tables: a quoted description spans lines (LF, CRLF and CR inside quotes)",
    files(entries__csv=entries('W1,E1,2016-03-17T09:12:00-07:00,obs,755,other,true,"school\ncareer\r\nday\rvisit"\n',
                               E2)),
    ok(by_category={"other": 1}))
vec("read-quoted-empty-cell-is-absent", "tables: a quoted empty cell is empty: no area on a non-field worksheet",
    files(worksheets__csv=worksheets('W1,D100,2016-03-17,non_field,"",,,,\n')), ok(worksheets_covered=0))
vec("read-no-trimming-of-ids", "tables: cells are taken as written: ' D100' is not D100",
    files(personnel__csv="id,role\n D100,deputy\nS200,sergeant\n"),
    ok(("DATA-UNKNOWN-PERSONNEL", "worksheet:W1")))
vec("read-no-trimming-of-words", "tables: ' deputy' is not a role", files(personnel__csv=P + "D102, deputy\n"),
    err("personnel.csv:6:role"))
vec("read-enum-aliases", "tables: obs and cfs are the aliases of self_initiated and call_for_service",
    files(entries__csv=entries(E1, "W1,E3,2016-03-17T11:00:00-07:00,cfs,755,patron,true,\n",
                               "W1,E4,2016-03-17T12:00:00-07:00,station,755,counter_report,true,\n")),
    ok(by_activity={"self_initiated": 1, "call_for_service": 1, "station": 1}))
vec("read-area-spellings", "tables: the area cell is compared as in JSON (case, inner white space)",
    files(worksheets__csv=worksheets('W1,D100,2016-03-17,field,"  la   MIRADA ",NWK-12,S200,2016-03-18,true\n')),
    ok(by_area={"La Mirada": 1}))
vec("read-field-without-area", "tables: a field worksheet with an empty area names its area cell",
    files(worksheets__csv=worksheets("W1,D100,2016-03-17,field,,NWK-12,S200,2016-03-18,true\n")),
    err("worksheets.csv:2:area"))
vec("read-field-without-area-column", "tables: a field worksheet in a file without an area column names the area cell",
    files(worksheets__csv="id,personnel_id,date,assignment\nW0,D101,2016-03-16,non_field\nW1,D100,2016-03-17,field\n"),
    err("worksheets.csv:3:area"))
vec("read-codes-split", "tables: '755; 415' is two codes, the second trimmed by the rules",
    files(entries__csv=entries("W1,E1,2016-03-17T09:12:00-07:00,obs,755; 415,resident,true,\n")),
    ok(contacts_755=1))
vec("read-codes-trailing-and-doubled-separators", "tables: '755;' and ';;755;;' are the one code 755",
    files(entries__csv=entries("W1,E1,2016-03-17T09:12:00-07:00,obs,755;,resident,true,\n",
                               "W1,E3,2016-03-17T09:30:00-07:00,obs,;;755;;,resident,true,\n",
                               "W1,E4,2016-03-17T09:40:00-07:00,obs,755; ;\t;,resident,true,\n")),
    ok(contacts_755=3))
vec("read-codes-blank-cell-is-no-code", "tables: a cell of separators and spaces holds no code",
    files(entries__csv=entries("W1,E1,2016-03-17T09:12:00-07:00,obs, ; ,resident,true,\n")),
    ok(("FP-CODE-755", "entry:W1/E1"), ("FP-REGULAR", "worksheet:W1"), ("SGT-CODIFICATION", "worksheet:W1")))
vec("read-codes-malformed-and-duplicate", "tables: codes split from one cell are checked as JSON codes are",
    files(entries__csv=entries("W1,E1,2016-03-17T09:12:00-07:00,obs,755;7-55,resident,true,\n",
                               "W1,E3,2016-03-17T09:30:00-07:00,obs,755; 755 ,resident,true,\n")),
    ok(("DATA-CODE-MALFORMED", "entry:W1/E1"), ("DATA-CODE-DUPLICATE", "entry:W1/E3")))
vec("read-codes-comma-quoted", "tables: a quoted codes cell may hold the delimiter (one malformed code)",
    files(entries__csv=entries('W1,E1,2016-03-17T09:12:00-07:00,obs,"755;415,459",resident,true,\n')),
    ok(("DATA-CODE-MALFORMED", "entry:W1/E1")))
vec("read-review-absent", "tables: reviewer_id, reviewed_on and approved all empty: no review",
    files(worksheets__csv=worksheets("W1,D100,2016-03-17,field,Norwalk,NWK-12,,,\n")),
    ok(("SGT-REVIEW-MISSING", "worksheet:W1")))
vec("read-review-not-approved", "tables: approved false is a returned worksheet",
    files(worksheets__csv=worksheets("W1,D100,2016-03-17,field,Norwalk,NWK-12,S200,2016-03-18,false\n"),
          entries__csv=entries("W1,E1,2016-03-17T09:12:00-07:00,obs,415,resident,true,\n")),
    ok(("FP-CODE-755", "entry:W1/E1"), ("FP-REGULAR", "worksheet:W1")))
vec("read-contact-absent", "tables: an empty category with empty card_provided and description: no contact",
    files(entries__csv=entries("W1,E1,2016-03-17T09:12:00-07:00,obs,755,,,\n")),
    ok(("FP-755-DETAILS", "entry:W1/E1"), cards_provided=0))
vec("read-card-not-provided", "tables: card_provided false", files(
    entries__csv=entries("W1,E1,2016-03-17T09:12:00-07:00,obs,755,resident,false,\n")),
    ok(("FP-CARD", "entry:W1/E1"), cards_provided=0))
vec("read-other-with-description", "tables: category other with a description",
    files(entries__csv=entries("W1,E1,2016-03-17T09:12:00-07:00,obs,755,other,true,coffee with a deputy\n")),
    ok(by_category={"other": 1}))
vec("read-description-200-code-points", "tables: a description of 200 code points is accepted",
    files(entries__csv=entries("W1,E1,2016-03-17T09:12:00-07:00,obs,755,other,true," + "é" * 200 + "\n")),
    ok(contacts_755=1))
vec("read-entries-to-first-worksheet", "tables: entries belong to the first worksheet row with their id",
    files(worksheets__csv=worksheets("W1,D100,2016-03-17,non_field,,,,,\n",
                                     "W1,D100,2016-03-17,field,Norwalk,NWK-12,S200,2016-03-18,true\n"),
          entries__csv=entries("W1,E1,2016-03-17T09:12:00-07:00,obs,415,resident,true,\n")),
    ok(("DATA-DUPLICATE-ID", "worksheet:W1"), worksheets_covered=0))
vec("read-entries-keep-their-order", "tables: a worksheet's entries keep their order (the later E1 is the duplicate)",
    files(entries__csv=entries("W1,E1,2016-03-17T09:12:00-07:00,obs,755,resident,true,\n",
                               "W1,E1,2016-03-17T09:13:00-07:00,obs,415,resident,false,\n")),
    ok(("DATA-DUPLICATE-ID", "entry:W1/E1"), cards_provided=1))
vec("read-entries-interleaved", "tables: entries of several worksheets may be interleaved",
    files(worksheets__csv=worksheets(W1, "W2,D101,2016-03-18,field,La Mirada,,S200,2016-03-19,true\n"),
          entries__csv=entries("W2,E1,2016-03-18T09:00:00-07:00,obs,755,resident,true,\n", E1,
                               "W2,E2,2016-03-18T10:00:00-07:00,cfs,415,resident,true,\n")),
    ok(("FP-CODE-755", "entry:W2/E2"), ("SGT-CODIFICATION", "worksheet:W2"), contacts_755=2))
# Streaming: entries.csv is audited as it is read; interleaved worksheets give the JSON's report.
vec("read-entries-interleaved-duplicate-far-apart",
    "tables: a worksheet's repeated entry id is found however far apart, among other worksheets' entries",
    files(worksheets__csv=worksheets(W1, "W2,D101,2016-03-17,field,Norwalk,NWK-12,S200,2016-03-18,true\n"),
          entries__csv=entries(E1, "W2,E1,2016-03-17T09:20:00-07:00,obs,755,resident,true,\n",
                               "W2,E2,2016-03-17T10:00:00-07:00,cfs,415,,,\n", E2,
                               "W1,E1,2016-03-17T11:00:00-07:00,cfs,415,resident,false,\n")),
    ok(("DATA-DUPLICATE-ID", "entry:W1/E1"), contacts_755=2, cards_provided=2, worksheets_covered=2))
vec("read-entries-interleaved-shared-subject",
    "tables: worksheet A entry B/C listed before worksheet A/B entry C: entry:A/B/C fires once, charged as in "
    "the JSON (worksheet order: A/B's person)",
    files(personnel__csv="id,role\nD1,deputy\nD2,deputy\n",
          worksheets__csv=worksheets("A/B,D1,2016-03-15,field,La Mirada,,,,\n",
                                     "A,D2,2016-03-15,field,La Mirada,,,,\n"),
          entries__csv=entries("A,B/C,2016-03-15T09:00:00-07:00,obs,415,resident,true,\n",
                               "A/B,C,2016-03-15T09:30:00-07:00,obs,415,resident,true,\n"),
          briefings__csv=None, vehicle_checks__csv=None),
    ok(("FP-CODE-755", "entry:A/B/C"), ("FP-REGULAR", "worksheet:A"), ("FP-REGULAR", "worksheet:A/B"),
       ("SGT-REVIEW-MISSING", "worksheet:A"), ("SGT-REVIEW-MISSING", "worksheet:A/B"),
       personnel=[{"id": "D1", "covered_shifts": 1, "contacts_755": 0, "findings": 3},
                  {"id": "D2", "covered_shifts": 1, "contacts_755": 0, "findings": 2}]))
vec("read-cards-large", "tables: cards_on_hand as large as a u64",
    files(vehicle_checks__csv="id,vehicle_id,date,cards_on_hand\nC1,NWK-12,2016-03-14,18446744073709551615\n"),
    ok())
vec("read-cards-leading-zeros", "tables: cards_on_hand is decimal digits: 007 is 7, a low supply",
    files(vehicle_checks__csv="id,vehicle_id,date,cards_on_hand\nC1,NWK-12,2016-03-14,007\n"),
    ok(("SGT-CARD-SUPPLY-LOW", "worksheet:W1")))
vec("read-briefings-missing", "tables: no briefings.csv means no briefings",
    files(briefings__csv=None), ok(("SGT-BRIEFING", "personnel:S200")))
vec("read-vehicle-checks-missing", "tables: no vehicle_checks.csv means no checks",
    files(vehicle_checks__csv=None), ok(("SGT-CARD-SUPPLY-UNCHECKED", "worksheet:W1")))
vec("read-other-files-ignored", "tables: files no table reads are ignored",
    files(**{"notes.txt": "not a table, \"\n", "README": "\xff"}), ok())
vec("read-shift-bounds", "tables: shift bounds are timestamps compared as instants",
    files(worksheets__csv="id,personnel_id,date,assignment,area,shift_start,shift_end\n"
                          "W1,D100,2016-03-17,field,Norwalk,2016-03-17T16:00:00Z,2016-03-17T10:00:00-07:00\n"),
    ok(("DATA-ENTRY-OUTSIDE-SHIFT", "entry:W1/E2"), ("SGT-REVIEW-MISSING", "worksheet:W1")))
vec("read-unicode-ids", "tables: ids of 64 code points (not bytes) are accepted",
    files(personnel__csv=P + "é" * 64 + ",deputy\n"), ok())
vec("read-duplicate-personnel", "tables: a repeated person id is a duplicate record",
    files(personnel__csv=P + "D100,sergeant\n"), ok(("DATA-DUPLICATE-ID", "personnel:D100")))
vec("read-period-one-day", "tables: the period is the caller's (one day)",
    files(), ok(worksheets_audited=1), period={"start": "2016-03-17", "end": "2016-03-17"})
vec("read-worksheet-outside-period", "tables: a worksheet dated outside the period is not audited",
    files(), ok(worksheets_audited=0), period={"start": "2016-03-18", "end": "2016-03-20"})

# ---------------------------------------------------------------------------------------------
# §7.2 Rejection paths

vec("path-missing-personnel-file", "tables: a required file that is missing is named alone",
    files(personnel__csv=None), err("personnel.csv"))
vec("path-missing-worksheets-file", "tables: worksheets.csv missing", files(worksheets__csv=None), err("worksheets.csv"))
vec("path-missing-entries-file", "tables: entries.csv missing", files(entries__csv=None), err("entries.csv"))
vec("path-empty-file", "tables: an empty personnel.csv has no header: its first required column is missing on line 1",
    files(personnel__csv=""), err("personnel.csv:1:id"))
vec("path-unknown-column", "tables: an unknown column names the header", files(personnel__csv="id,role,name\nD100,deputy,x\n"),
    err("personnel.csv:1:name"))
vec("path-header-names-exact-case", "tables: header names are exact: Area is not area",
    files(worksheets__csv=W_H.replace("area", "Area") + W1), err("worksheets.csv:1:Area"))
vec("path-header-names-exact-space", "tables: header names are exact: 'area ' is not area",
    files(worksheets__csv=W_H.replace("area", "area ") + W1), err("worksheets.csv:1:area "))
vec("path-header-after-blank-lines", "tables: header errors name the header's line when blank lines come first",
    files(personnel__csv="\n\r\nid,rank\nD100,deputy\n"), err("personnel.csv:3:rank"))
vec("path-repeated-column", "tables: a repeated column names the header", files(personnel__csv="id,role,role\nD100,deputy,deputy\n"),
    err("personnel.csv:1:role"))
vec("path-missing-column-personnel", "tables: personnel.csv without role", files(personnel__csv="id\nD100\n"),
    err("personnel.csv:1:role"))
vec("path-missing-column-worksheets", "tables: worksheets.csv without assignment",
    files(worksheets__csv="id,personnel_id,date,area\nW1,D100,2016-03-17,Norwalk\n"), err("worksheets.csv:1:assignment"))
vec("path-missing-column-entries", "tables: entries.csv without clearance_codes",
    files(entries__csv="worksheet_id,id,at,activity\nW1,E1,2016-03-17T09:12:00-07:00,obs\n"),
    err("entries.csv:1:clearance_codes"))
vec("path-missing-column-briefings", "tables: briefings.csv without sergeant_id",
    files(briefings__csv="id,date\nB1,2016-03-01\n"), err("briefings.csv:1:sergeant_id"))
vec("path-missing-column-vehicle-checks", "tables: vehicle_checks.csv without cards_on_hand",
    files(vehicle_checks__csv="id,vehicle_id,date\nC1,NWK-12,2016-03-14\n"), err("vehicle_checks.csv:1:cards_on_hand"))
vec("path-record-too-many-fields", "tables: a record with more fields than the header",
    files(entries__csv=entries(E1, E2.replace("\n", ",\n"))), err("entries.csv:3"))
vec("path-record-too-few-fields", "tables: a record with fewer fields than the header",
    files(worksheets__csv=worksheets("W1,D100,2016-03-17,field,Norwalk\n")), err("worksheets.csv:2"))
vec("path-white-space-line-is-a-record", "tables: a line of spaces is not empty: a record of one field",
    files(personnel__csv=P + "  \n"), err("personnel.csv:6"))
vec("path-quote-inside-unquoted-field", "tables: a quote inside an unquoted field",
    files(entries__csv=entries(E1, 'W1,E"2,2016-03-17T10:40:00-07:00,cfs,415,,,\n')), err("entries.csv:3"))
vec("path-text-after-closing-quote", "tables: text after a closing quote",
    files(entries__csv=entries(E1, 'W1,"E2"x,2016-03-17T10:40:00-07:00,cfs,415,,,\n')), err("entries.csv:3"))
vec("path-space-after-closing-quote", "tables: a space after a closing quote",
    files(entries__csv=entries(E1, 'W1,"E2" ,2016-03-17T10:40:00-07:00,cfs,415,,,\n')), err("entries.csv:3"))
vec("path-unclosed-quote", "tables: a quote never closed rejects at its record, not at the end of the file",
    files(entries__csv=entries(E1, 'W1,E2,2016-03-17T10:40:00-07:00,cfs,415,other,true,"a day\n', E1, E1)),
    err("entries.csv:3"))
vec("path-non-utf8", "tables: bytes that are not UTF-8 reject their record",
    files(entries__csv=b64((E_H + E1 + "W1,E2,2016-03-17T10:40:00-07:00,cfs,415,other,true,caf").encode() + b"\xe9\n")),
    err("entries.csv:3"))
vec("path-non-utf8-in-header", "tables: bytes that are not UTF-8 in a header",
    files(personnel__csv=b64(b"\n\nid,r\xf4le\nD100,deputy\n")), err("personnel.csv:3"))
vec("path-line-after-quoted-line-breaks", "tables: lines are physical: a record after a quoted line break",
    files(entries__csv=entries('W1,E1,2016-03-17T09:12:00-07:00,obs,755,other,true,"a\r\nb\rc"\n',
                               "W1,E2,2016-03-17T10:40:00,cfs,415,,,\n")),
    err("entries.csv:5:at"))
vec("path-line-with-crlf", "tables: with CRLF line ends, the third record is on line 4",
    files(entries__csv=entries(E1, E2, "W1,E3,2016-03-17 10:40,cfs,415,,,\n").replace("\n", "\r\n")),
    err("entries.csv:4:at"))
vec("path-line-with-lone-cr", "tables: with lone CR line ends and a blank line",
    files(entries__csv=entries(E1, "\n", "W1,E3,2016-03-17,cfs,415,,,\n").replace("\n", "\r")),
    err("entries.csv:4:at"))
vec("path-line-after-blank-lines", "tables: blank lines count as lines",
    files(personnel__csv="id,role\n\n\nD100,chief\n"), err("personnel.csv:4:role"))
vec("path-wrong-fields-after-multiline-record", "tables: a wrong field count is at the line where its record starts",
    files(entries__csv=entries('W1,E1,2016-03-17T09:12:00-07:00,obs,755,other,true,"a\nb"\n', "W1,E2\n")),
    err("entries.csv:4"))
vec("path-orphan-entry", "tables: an entry naming no worksheet names its worksheet_id cell",
    files(entries__csv=entries(E1, "W9,E2,2016-03-17T10:40:00-07:00,cfs,415,,,\n")), err("entries.csv:3:worksheet_id"))
vec("path-orphan-entry-case", "tables: worksheet ids compare exactly: w1 is not W1",
    files(entries__csv=entries("w1,E1,2016-03-17T09:12:00-07:00,obs,755,resident,true,\n")),
    err("entries.csv:2:worksheet_id"))
vec("path-missing-value-id", "tables: an empty required value names its empty cell",
    files(personnel__csv=P + ",deputy\n"), err("personnel.csv:6:id"))
vec("path-missing-value-role", "tables: an empty role", files(personnel__csv=P + "D102,\n"), err("personnel.csv:6:role"))
vec("path-missing-value-personnel-id", "tables: an empty personnel_id",
    files(worksheets__csv=worksheets("W1,,2016-03-17,field,Norwalk,NWK-12,S200,2016-03-18,true\n")),
    err("worksheets.csv:2:personnel_id"))
vec("path-missing-value-date", "tables: an empty worksheet date",
    files(worksheets__csv=worksheets("W1,D100,,field,Norwalk,NWK-12,S200,2016-03-18,true\n")), err("worksheets.csv:2:date"))
vec("path-missing-value-assignment", "tables: an empty assignment",
    files(worksheets__csv=worksheets("W1,D100,2016-03-17,,Norwalk,NWK-12,S200,2016-03-18,true\n")),
    err("worksheets.csv:2:assignment"))
vec("path-missing-value-entry-id", "tables: an empty entry id",
    files(entries__csv=entries("W1,,2016-03-17T09:12:00-07:00,obs,755,resident,true,\n")), err("entries.csv:2:id"))
vec("path-missing-value-worksheet-id", "tables: an empty worksheet_id",
    files(entries__csv=entries(",E1,2016-03-17T09:12:00-07:00,obs,755,resident,true,\n")), err("entries.csv:2:worksheet_id"))
vec("path-missing-value-at", "tables: an empty at", files(entries__csv=entries("W1,E1,,obs,755,resident,true,\n")),
    err("entries.csv:2:at"))
vec("path-missing-value-activity", "tables: an empty activity",
    files(entries__csv=entries("W1,E1,2016-03-17T09:12:00-07:00,,755,resident,true,\n")), err("entries.csv:2:activity"))
vec("path-missing-value-briefing-date", "tables: an empty briefing date", files(briefings__csv="id,sergeant_id,date\nB1,S200,\n"),
    err("briefings.csv:2:date"))
vec("path-missing-value-sergeant-id", "tables: an empty sergeant_id", files(briefings__csv="id,sergeant_id,date\nB1,,2016-03-01\n"),
    err("briefings.csv:2:sergeant_id"))
vec("path-missing-value-cards", "tables: an empty cards_on_hand",
    files(vehicle_checks__csv="id,vehicle_id,date,cards_on_hand\nC1,NWK-12,2016-03-14,\n"), err("vehicle_checks.csv:2:cards_on_hand"))
vec("path-missing-value-check-vehicle-id", "tables: an empty vehicle_id of a check",
    files(vehicle_checks__csv="id,vehicle_id,date,cards_on_hand\nC1,,2016-03-14,40\n"), err("vehicle_checks.csv:2:vehicle_id"))
vec("path-review-reviewed-on-missing", "tables: a review with reviewer_id but no reviewed_on names the empty cell",
    files(worksheets__csv=worksheets("W1,D100,2016-03-17,field,Norwalk,NWK-12,S200,,true\n")), err("worksheets.csv:2:reviewed_on"))
vec("path-review-reviewer-missing", "tables: a review with only approved names the empty reviewer_id",
    files(worksheets__csv=worksheets("W1,D100,2016-03-17,field,Norwalk,NWK-12,,,false\n")), err("worksheets.csv:2:reviewer_id"))
vec("path-review-approved-missing", "tables: a review without approved",
    files(worksheets__csv=worksheets("W1,D100,2016-03-17,field,Norwalk,NWK-12,S200,2016-03-18,\n")), err("worksheets.csv:2:approved"))
vec("path-review-column-absent", "tables: a review whose reviewed_on column is left out names the reviewed_on cell",
    files(worksheets__csv="id,personnel_id,date,assignment,area,reviewer_id,approved\nW1,D100,2016-03-17,field,Norwalk,S200,true\n"),
    err("worksheets.csv:2:reviewed_on"))
vec("path-approved-not-a-bool", "tables: approved is exactly true or false",
    files(worksheets__csv=worksheets("W1,D100,2016-03-17,field,Norwalk,NWK-12,S200,2016-03-18,TRUE\n")), err("worksheets.csv:2:approved"))
vec("path-card-provided-not-a-bool", "tables: card_provided is exactly true or false",
    files(entries__csv=entries("W1,E1,2016-03-17T09:12:00-07:00,obs,755,resident,yes,\n")), err("entries.csv:2:card_provided"))
vec("path-card-provided-one", "tables: 1 is not a bool", files(entries__csv=entries("W1,E1,2016-03-17T09:12:00-07:00,obs,755,resident,1,\n")),
    err("entries.csv:2:card_provided"))
vec("path-card-provided-missing", "tables: a contact needs card_provided",
    files(entries__csv=entries("W1,E1,2016-03-17T09:12:00-07:00,obs,755,resident,,\n")), err("entries.csv:2:card_provided"))
vec("path-card-provided-without-category", "tables: card_provided without a category names card_provided",
    files(entries__csv=entries("W1,E1,2016-03-17T09:12:00-07:00,obs,755,,true,\n")), err("entries.csv:2:card_provided"))
vec("path-description-without-category", "tables: a description without a category names description",
    files(entries__csv=entries("W1,E1,2016-03-17T09:12:00-07:00,obs,755,,,a visit\n")), err("entries.csv:2:description"))
vec("path-card-provided-without-category-column", "tables: card_provided given in a file without a category column",
    files(entries__csv="worksheet_id,id,at,activity,clearance_codes,card_provided\nW1,E1,2016-03-17T09:12:00-07:00,obs,755,false\n"),
    err("entries.csv:2:card_provided"))
vec("path-other-without-description", "tables: a contact of category other without a description names description",
    files(entries__csv=entries("W1,E1,2016-03-17T09:12:00-07:00,obs,755,other,true,\n")), err("entries.csv:2:description"))
vec("path-other-blank-description", "tables: a description of white space is empty",
    files(entries__csv=entries("W1,E1,2016-03-17T09:12:00-07:00,obs,755,other,true,\"  \t \"\n")), err("entries.csv:2:description"))
vec("path-other-without-description-column", "tables: other in a file without a description column names description",
    files(entries__csv="worksheet_id,id,at,activity,clearance_codes,category,card_provided\nW1,E1,2016-03-17T09:12:00-07:00,obs,755,other,true\n"),
    err("entries.csv:2:description"))
vec("path-description-201-code-points", "tables: a description of 201 code points",
    files(entries__csv=entries("W1,E1,2016-03-17T09:12:00-07:00,obs,755,resident,true," + "é" * 201 + "\n")),
    err("entries.csv:2:description"))
vec("path-unknown-role", "tables: an unknown role", files(personnel__csv=P + "D102,chief\n"), err("personnel.csv:6:role"))
vec("path-unknown-assignment", "tables: an unknown assignment",
    files(worksheets__csv=worksheets("W1,D100,2016-03-17,patrol,Norwalk,NWK-12,S200,2016-03-18,true\n")), err("worksheets.csv:2:assignment"))
vec("path-unknown-activity", "tables: an unknown activity (enum words are exact: OBS is not obs)",
    files(entries__csv=entries("W1,E1,2016-03-17T09:12:00-07:00,OBS,755,resident,true,\n")), err("entries.csv:2:activity"))
vec("path-unknown-category", "tables: an unknown category",
    files(entries__csv=entries("W1,E1,2016-03-17T09:12:00-07:00,obs,755,neighbour,true,\n")), err("entries.csv:2:category"))
vec("path-date-not-padded", "tables: a date not zero-padded",
    files(worksheets__csv=worksheets("W1,D100,2016-3-17,field,Norwalk,NWK-12,S200,2016-03-18,true\n")), err("worksheets.csv:2:date"))
vec("path-date-not-a-day", "tables: 2016-02-30 is not a calendar day",
    files(briefings__csv="id,sergeant_id,date\nB1,S200,2016-02-30\n"), err("briefings.csv:2:date"))
vec("path-reviewed-on-bad", "tables: a bad reviewed_on",
    files(worksheets__csv=worksheets("W1,D100,2016-03-17,field,Norwalk,NWK-12,S200,03/18/2016,true\n")), err("worksheets.csv:2:reviewed_on"))
vec("path-check-date-bad", "tables: a bad check date",
    files(vehicle_checks__csv="id,vehicle_id,date,cards_on_hand\nC1,NWK-12,2016-03-14T00:00:00Z,40\n"), err("vehicle_checks.csv:2:date"))
vec("path-timestamp-no-offset", "tables: a timestamp without an offset",
    files(entries__csv=entries("W1,E1,2016-03-17T09:12:00,obs,755,resident,true,\n")), err("entries.csv:2:at"))
vec("path-timestamp-leap-second", "tables: a leap second",
    files(entries__csv=entries("W1,E1,2016-03-17T23:59:60Z,obs,755,resident,true,\n")), err("entries.csv:2:at"))
vec("path-shift-start-bad", "tables: a bad shift_start",
    files(worksheets__csv="id,personnel_id,date,assignment,area,shift_start\nW1,D100,2016-03-17,field,Norwalk,2016-03-17 06:00\n"),
    err("worksheets.csv:2:shift_start"))
vec("path-shift-end-bad", "tables: a bad shift_end",
    files(worksheets__csv="id,personnel_id,date,assignment,area,shift_end\nW1,D100,2016-03-17,field,Norwalk,2016-03-17T25:00:00Z\n"),
    err("worksheets.csv:2:shift_end"))
vec("path-id-65-characters", "tables: an id of 65 characters", files(personnel__csv=P + "D" * 65 + ",deputy\n"),
    err("personnel.csv:6:id"))
vec("path-id-control-character", "tables: an id with a tab (a control character)",
    files(entries__csv=entries('W1,"E\t1",2016-03-17T09:12:00-07:00,obs,755,resident,true,\n')), err("entries.csv:2:id"))
vec("path-id-line-break", "tables: an id with a quoted line break",
    files(briefings__csv='id,sergeant_id,date\n"B\n1",S200,2016-03-01\n'), err("briefings.csv:2:id"))
vec("path-vehicle-id-control", "tables: a worksheet's vehicle_id with a control character",
    files(worksheets__csv=worksheets("W1,D100,2016-03-17,field,Norwalk,NWK\x0712,S200,2016-03-18,true\n")), err("worksheets.csv:2:vehicle_id"))
vec("path-reviewer-id-65", "tables: a reviewer_id of 65 characters",
    files(worksheets__csv=worksheets("W1,D100,2016-03-17,field,Norwalk,NWK-12," + "S" * 65 + ",2016-03-18,true\n")),
    err("worksheets.csv:2:reviewer_id"))
vec("path-worksheet-id-65", "tables: a worksheet_id of 65 characters names no worksheet and breaks the id rule",
    files(entries__csv=entries("W" * 65 + ",E1,2016-03-17T09:12:00-07:00,obs,755,resident,true,\n")), err("entries.csv:2:worksheet_id"))
vec("path-cards-negative", "tables: a negative count", files(vehicle_checks__csv="id,vehicle_id,date,cards_on_hand\nC1,NWK-12,2016-03-14,-1\n"),
    err("vehicle_checks.csv:2:cards_on_hand"))
vec("path-cards-plus", "tables: a count with a sign", files(vehicle_checks__csv="id,vehicle_id,date,cards_on_hand\nC1,NWK-12,2016-03-14,+4\n"),
    err("vehicle_checks.csv:2:cards_on_hand"))
vec("path-cards-fraction", "tables: a count with a fraction", files(vehicle_checks__csv="id,vehicle_id,date,cards_on_hand\nC1,NWK-12,2016-03-14,4.0\n"),
    err("vehicle_checks.csv:2:cards_on_hand"))
vec("path-cards-too-large", "tables: a count larger than a u64",
    files(vehicle_checks__csv="id,vehicle_id,date,cards_on_hand\nC1,NWK-12,2016-03-14,18446744073709551616\n"),
    err("vehicle_checks.csv:2:cards_on_hand"))
vec("path-cards-space", "tables: a count with a space is not digits",
    files(vehicle_checks__csv="id,vehicle_id,date,cards_on_hand\nC1,NWK-12,2016-03-14, 40\n"), err("vehicle_checks.csv:2:cards_on_hand"))
vec("path-period-end-before-start", "tables: a period that ends before it starts", files(), err("period"),
    period={"start": "2016-03-20", "end": "2016-03-14"})

# ---------------------------------------------------------------------------------------------
# §7.3 Mappings

MDC_H = "Sheet,Incident,Cleared,Type,Codes,category,card_provided\n"
MDC_COLUMNS = {"worksheet_id": "Sheet", "id": "Incident", "at": "Cleared", "activity": "Type", "clearance_codes": "Codes"}
SHIFT_W = ("id,personnel_id,date,assignment,area,vehicle_id,shift_start,shift_end,reviewer_id,reviewed_on,approved\n"
           "W1,D100,2016-03-17,field,Norwalk,NWK-12,2016-03-17T15:00:00-07:00,2016-03-17T23:00:00-07:00,S200,2016-03-18,true\n")


def mdc(*rows, header=MDC_H):
    return header + "".join(rows)


def local_entries(fmt, *rows, zone="America/Los_Angeles"):
    ts = {"format": fmt}
    if zone:
        ts["time_zone"] = zone
    return {"entries": {"columns": MDC_COLUMNS, "timestamps": ts}}


def mapped(mapping, *findings, **tables):
    return tables, mapping, findings


vec("mapping-empty", "mapping: an empty mapping is the canonical layout", files(), ok(), mapping={})
vec("mapping-file-every-table", "mapping: every table's file renamed",
    {"roster.csv": P, "ddws.csv": W_H + W1, "mdc.csv": E_H + E1 + E2, "brief.csv": B, "cars.csv": C,
     "personnel.csv": "not read\n"},
    ok(contacts_755=1),
    mapping={"personnel": {"file": "roster.csv"}, "worksheets": {"file": "ddws.csv"}, "entries": {"file": "mdc.csv"},
             "briefings": {"file": "brief.csv"}, "vehicle_checks": {"file": "cars.csv"}})
vec("mapping-file-missing-required", "mapping: a required file named by the mapping and missing is named alone",
    files(), err("roster.csv"), mapping={"personnel": {"file": "roster.csv"}})
vec("mapping-file-missing-optional", "mapping: an optional file named by the mapping and missing means no records",
    files(), ok(("SGT-BRIEFING", "personnel:S200")), mapping={"briefings": {"file": "brief.csv"}})
vec("mapping-file-with-folder", "mapping: a file name with a folder is a mapping error", files(), err("entries.file"),
    mapping={"entries": {"file": "exports/mdc.csv"}})
for name, d in [("semicolon", ";"), ("pipe", "|"), ("tab", "\t")]:
    vec(f"mapping-delimiter-{name}", f"mapping: delimiter {d!r} for every table",
        {k: v.replace(",", d) for k, v in files().items()}, ok(contacts_755=1),
        mapping={t: {"delimiter": d} for t in ["personnel", "worksheets", "entries", "briefings", "vehicle_checks"]})
vec("mapping-delimiter-comma-inside-semicolon", "mapping: with ';' a comma is an ordinary character",
    files(personnel__csv="id;role\nD,100;deputy\nS200;sergeant\n",
          worksheets__csv=(W_H + W1).replace(",", ";").replace("D100", "D,100")),
    ok(contacts_755=1), mapping={"personnel": {"delimiter": ";"}, "worksheets": {"delimiter": ";"}})
vec("mapping-delimiter-quoted", "mapping: quoting works with any delimiter",
    files(entries__csv=(E_H + E1).replace(",", "|") + 'W1|"E|2"|2016-03-17T10:40:00-07:00|cfs|415|||\n'),
    ok(contacts_755=1), mapping={"entries": {"delimiter": "|"}})
vec("mapping-delimiter-wrong", "mapping: a delimiter other than , ; | or tab", files(), err("entries.delimiter"),
    mapping={"entries": {"delimiter": ":"}})
vec("mapping-delimiter-two-characters", "mapping: a delimiter of two characters", files(), err("worksheets.delimiter"),
    mapping={"worksheets": {"delimiter": ";;"}})
vec("mapping-delimiter-not-a-string", "mapping: a delimiter that is not a string", files(), err("personnel.delimiter"),
    mapping={"personnel": {"delimiter": 44}})
vec("mapping-codes-separator-space", "mapping: codes separated by spaces",
    files(entries__csv=entries("W1,E1,2016-03-17T09:12:00-07:00,obs,415  755,resident,true,\n",
                               "W1,E2,2016-03-17T09:30:00-07:00,obs,755;415,patron,true,\n")),
    ok(("DATA-CODE-MALFORMED", "entry:W1/E2"), ("FP-CODE-755", "entry:W1/E2"), ("SGT-CODIFICATION", "worksheet:W1")),
    mapping={"entries": {"codes_separator": " "}})
vec("mapping-codes-separator-word", "mapping: a separator of several characters",
    files(entries__csv=entries("W1,E1,2016-03-17T09:12:00-07:00,obs,415 / 755 / ,resident,true,\n")),
    ok(contacts_755=1), mapping={"entries": {"codes_separator": " / "}})
vec("mapping-codes-separator-empty", "mapping: an empty codes separator", files(), err("entries.codes_separator"),
    mapping={"entries": {"codes_separator": ""}})
vec("mapping-codes-separator-briefings", "mapping: codes_separator cannot apply to briefings", files(),
    err("briefings.codes_separator"), mapping={"briefings": {"codes_separator": " "}})
vec("mapping-columns-rename", "mapping: renamed columns; unnamed canonical columns keep their names (033's layout)",
    files(entries__csv=mdc("W1,E1,2016-03-17T09:12:00-07:00,obs,755,resident,true\n")), ok(contacts_755=1),
    mapping={"entries": {"columns": MDC_COLUMNS}})
vec("mapping-columns-other-ignored", "mapping: with columns, the export's other columns are ignored, repeated ones too",
    files(entries__csv=mdc("W1,E1,2016-03-17T09:12:00-07:00,obs,755,resident,true,1,2,3\n",
                           header=MDC_H.rstrip("\n") + ",Unit,Unit,Priority\n")),
    ok(contacts_755=1), mapping={"entries": {"columns": MDC_COLUMNS}})
vec("mapping-columns-missing", "mapping: a column the mapping names and the file lacks",
    files(entries__csv=mdc("W1,E1,755,obs,755,resident,true\n", header=MDC_H.replace("Incident", "Tag"))),
    err("entries.csv:1:Incident"), mapping={"entries": {"columns": MDC_COLUMNS}})
vec("mapping-columns-missing-optional", "mapping: an optional column named by the mapping and missing rejects too",
    files(entries__csv=mdc("W1,E1,2016-03-17T09:12:00-07:00,obs,755,resident,true\n")),
    err("entries.csv:1:Notes"), mapping={"entries": {"columns": dict(MDC_COLUMNS, description="Notes")}})
vec("mapping-columns-missing-after-blank-lines", "mapping: a missing mapped column is named at the header's line",
    files(entries__csv="\n\n" + mdc("W1,E1,2016-03-17T09:12:00-07:00,obs,755,resident,true\n")),
    err("entries.csv:3:Notes"), mapping={"entries": {"columns": dict(MDC_COLUMNS, description="Notes")}})
vec("mapping-columns-canonical-required-missing", "mapping: a required canonical column not renamed and not in the file",
    files(entries__csv=mdc("W1,E1,2016-03-17T09:12:00-07:00,obs,755,resident,true\n")),
    err("entries.csv:1:clearance_codes"), mapping={"entries": {"columns": {k: v for k, v in MDC_COLUMNS.items() if k != "clearance_codes"}}})
vec("mapping-columns-read-twice-in-file", "mapping: a column that is read and appears twice in the export",
    files(entries__csv=mdc("W1,E1,2016-03-17T09:12:00-07:00,obs,755,resident,true,x\n", header=MDC_H.rstrip("\n") + ",Incident\n")),
    err("entries.csv:1:Incident"), mapping={"entries": {"columns": MDC_COLUMNS}})
vec("mapping-columns-unknown", "mapping: a column that is not canonical", files(), err("entries.columns.location"),
    mapping={"entries": {"columns": {"location": "Loc"}}})
vec("mapping-columns-empty-list", "mapping: an empty list of columns", files(), err("entries.columns.at"),
    mapping={"entries": {"columns": {"at": []}}})
vec("mapping-columns-not-a-string", "mapping: a column named by a number", files(), err("personnel.columns.id"),
    mapping={"personnel": {"columns": {"id": 1}}})
vec("mapping-columns-paths-use-export-names", "mapping: a bad value names the export's file, line and header",
    files(entries__csv=None, **{"mdc.csv": mdc("W1,E1,2016-03-17T09:12:00-07:00,obs,755,resident,true\n",
                                               "W1,E2,yesterday,obs,755,resident,true\n")}),
    err("mdc.csv:3:Cleared"), mapping={"entries": {"file": "mdc.csv", "columns": MDC_COLUMNS}})
vec("mapping-columns-orphan-export-name", "mapping: an orphan entry names the export's worksheet column",
    files(entries__csv=None, **{"mdc.csv": mdc("W2,E1,2016-03-17T09:12:00-07:00,obs,755,resident,true\n")}),
    err("mdc.csv:2:Sheet"), mapping={"entries": {"file": "mdc.csv", "columns": MDC_COLUMNS}})
vec("mapping-columns-area-path-export-name", "mapping: a field worksheet with an empty mapped area names the export's column",
    files(worksheets__csv="DDWS,Emp,Shift Date,Kind,District\nW1,D100,2016-03-17,field,\n"),
    err("worksheets.csv:2:District"),
    mapping={"worksheets": {"columns": {"id": "DDWS", "personnel_id": "Emp", "date": "Shift Date", "assignment": "Kind", "area": "District"}}})
JOINED = dict(MDC_COLUMNS, at=["Clear Date", "Clear Time"])
JOIN_H = "Sheet,Incident,Clear Date,Clear Time,Type,Codes,category,card_provided\n"
JOIN_MAP = {"entries": {"columns": JOINED, "timestamps": {"format": "%m/%d/%Y %H:%M", "time_zone": "America/Los_Angeles"}}}
vec("mapping-columns-joined", "mapping: date and time columns joined with one space",
    files(worksheets__csv=SHIFT_W, entries__csv=JOIN_H + "W1,E1,03/17/2016,15:30,obs,755,resident,true\n"
                                                 "W1,E2,03/17/2016,23:30,obs,755,resident,true\n"),
    ok(("DATA-ENTRY-OUTSIDE-SHIFT", "entry:W1/E2")), mapping=JOIN_MAP)
vec("mapping-columns-joined-path-names-first", "mapping: a bad joined cell names the first of its columns",
    files(entries__csv=JOIN_H + "W1,E1,03/17/2016,3:30,obs,755,resident,true\n"), err("entries.csv:2:Clear Date"), mapping=JOIN_MAP)
vec("mapping-columns-joined-all-empty", "mapping: all joined cells empty is an empty (absent) cell, not a space",
    files(entries__csv=JOIN_H + "W1,E1,,,obs,755,resident,true\n"), err("entries.csv:2:Clear Date"), mapping=JOIN_MAP)
vec("mapping-columns-joined-one-empty", "mapping: one joined cell empty leaves a trailing space: no match",
    files(entries__csv=JOIN_H + "W1,E1,03/17/2016,,obs,755,resident,true\n"), err("entries.csv:2:Clear Date"), mapping=JOIN_MAP)
vec("mapping-columns-joined-optional-empty", "mapping: joined optional cells all empty: absent (no description)",
    files(entries__csv="Sheet,Incident,Cleared,Type,Codes,category,card_provided,Note 1,Note 2\n"
                       "W1,E1,2016-03-17T09:12:00-07:00,obs,755,resident,true,,\n"
                       "W1,E2,2016-03-17T09:13:00-07:00,obs,755,other,true,,\n"),
    err("entries.csv:3:Note 1"), mapping={"entries": {"columns": dict(MDC_COLUMNS, description=["Note 1", "Note 2"])}})
vec("mapping-columns-joined-ids", "mapping: an id joined from two columns",
    files(entries__csv="Sheet,Day,Seq,Cleared,Type,Codes,category,card_provided\n"
                       "W1,0317,1,2016-03-17T09:12:00-07:00,obs,415,resident,true\n"),
    ok(("FP-CODE-755", "entry:W1/0317 1"), ("FP-REGULAR", "worksheet:W1"), ("SGT-CODIFICATION", "worksheet:W1")),
    mapping={"entries": {"columns": dict(MDC_COLUMNS, id=["Day", "Seq"])}})
YN = {"Y": "self_initiated", "N": "call_for_service"}
SI_H = "Sheet,Incident,Cleared,Self Init,Codes,category,card_provided\n"
SI_COLUMNS = dict(MDC_COLUMNS, activity="Self Init")
vec("mapping-values", "mapping: Y/N self-initiated flags mapped to activities",
    files(entries__csv=SI_H + "W1,E1,2016-03-17T09:12:00-07:00,Y,755,resident,true\n"
                              "W1,E2,2016-03-17T09:30:00-07:00,N,755,resident,true\n"
                              "W1,E3,2016-03-17T09:40:00-07:00,station,755,counter_report,true\n"),
    ok(by_activity={"self_initiated": 1, "call_for_service": 1, "station": 1}),
    mapping={"entries": {"columns": SI_COLUMNS, "values": {"activity": YN}}})
vec("mapping-values-strict", "mapping: a strict value map rejects a cell it does not hold",
    files(entries__csv=SI_H + "W1,E1,2016-03-17T09:12:00-07:00,Y,755,resident,true\n"
                              "W1,E2,2016-03-17T09:30:00-07:00,obs,755,resident,true\n"),
    err("entries.csv:3:Self Init"), mapping={"entries": {"columns": SI_COLUMNS, "values": {"activity": dict(YN, strict=True)}}})
vec("mapping-values-strict-false", "mapping: strict false lets other cells through",
    files(entries__csv=SI_H + "W1,E1,2016-03-17T09:12:00-07:00,obs,755,resident,true\n"),
    ok(contacts_755=1), mapping={"entries": {"columns": SI_COLUMNS, "values": {"activity": dict(YN, strict=False)}}})
vec("mapping-values-strict-empty-cell", "mapping: strict never rejects an empty cell (an empty category: no contact)",
    files(entries__csv=entries("W1,E1,2016-03-17T09:12:00-07:00,obs,755,R,true,\n", "W1,E2,2016-03-17T09:30:00-07:00,obs,415,,,\n")),
    ok(by_category={"resident": 1}), mapping={"entries": {"values": {"category": {"R": "resident", "strict": True}}}})
vec("mapping-values-to-empty", "mapping: a cell mapped to \"\" becomes absent",
    files(entries__csv=entries("W1,E1,2016-03-17T09:12:00-07:00,obs,755,resident,true,\n",
                               "W1,E2,2016-03-17T09:30:00-07:00,obs,415,NONE,N/A,\n")),
    ok(cards_provided=1), mapping={"entries": {"values": {"category": {"NONE": ""}, "card_provided": {"N/A": ""}}}})
vec("mapping-values-area-districts", "mapping: reporting district numbers mapped to areas",
    files(worksheets__csv=worksheets("W1,D100,2016-03-17,field,1801,NWK-12,S200,2016-03-18,true\n",
                                     "W2,D101,2016-03-17,field,2300,,S200,2016-03-18,true\n")),
    ok(by_area={"Norwalk": 1}, worksheets_covered=1),
    mapping={"worksheets": {"values": {"area": {"1801": "Norwalk", "2300": "Lakewood"}}}})
vec("mapping-values-bools", "mapping: Y/N flags for approved and card_provided",
    files(worksheets__csv=worksheets("W1,D100,2016-03-17,field,Norwalk,NWK-12,S200,2016-03-18,N\n"),
          entries__csv=entries("W1,E1,2016-03-17T09:12:00-07:00,obs,755,resident,N,\n")),
    ok(("FP-CARD", "entry:W1/E1")),
    mapping={"worksheets": {"values": {"approved": {"Y": "true", "N": "false"}}},
             "entries": {"values": {"card_provided": {"Y": "true", "N": "false"}}}})
vec("mapping-values-after-join", "mapping: value maps apply to the joined cell",
    files(entries__csv="Sheet,Incident,Cleared,Src,Kind,Codes,category,card_provided\n"
                       "W1,E1,2016-03-17T09:12:00-07:00,FIELD,SELF,755,resident,true\n"),
    ok(by_activity={"self_initiated": 1}),
    mapping={"entries": {"columns": dict(MDC_COLUMNS, activity=["Src", "Kind"]),
                         "values": {"activity": {"FIELD SELF": "self_initiated", "strict": True}}}})
vec("mapping-values-before-reading", "mapping: a mapped value is then read by the §2 rules (a bad mapped word)",
    files(entries__csv=SI_H + "W1,E1,2016-03-17T09:12:00-07:00,Y,755,resident,true\n"), err("entries.csv:2:Self Init"),
    mapping={"entries": {"columns": SI_COLUMNS, "values": {"activity": {"Y": "self-initiated"}}}})
vec("mapping-values-unknown-column", "mapping: values for a column that is not canonical", files(),
    err("entries.values.unit"), mapping={"entries": {"values": {"unit": {"1": "2"}}}})
vec("mapping-values-strict-not-bool", "mapping: strict must be a bool", files(),
    err("entries.values.activity.strict"), mapping={"entries": {"values": {"activity": {"strict": "true"}}}})
vec("mapping-values-not-a-string", "mapping: a mapped value must be a string", files(),
    err("worksheets.values.area.1801"), mapping={"worksheets": {"values": {"area": {"1801": 1801}}}})
US = {"format": "%m/%d/%Y"}
vec("mapping-dates-worksheets", "mapping: dates.format for date and reviewed_on",
    files(worksheets__csv=worksheets("W1,D100,03/17/2016,field,Norwalk,NWK-12,S200,03/18/2016,true\n")),
    ok(contacts_755=1), mapping={"worksheets": {"dates": US}})
vec("mapping-dates-briefings-and-checks", "mapping: dates.format for briefings and vehicle checks",
    files(briefings__csv="id,sergeant_id,date\nB1,S200,01 Mar 2016\n",
          vehicle_checks__csv="id,vehicle_id,date,cards_on_hand\nC1,NWK-12,MARCH 14 2016,40\n"),
    ok(), mapping={"briefings": {"dates": {"format": "%d %b %Y"}}, "vehicle_checks": {"dates": {"format": "%B %d %Y"}}})
vec("mapping-dates-table-scoped", "mapping: a table's dates.format does not apply to another table",
    files(briefings__csv="id,sergeant_id,date\nB1,S200,03/01/2016\n",
          worksheets__csv=worksheets("W1,D100,03/17/2016,field,Norwalk,NWK-12,S200,03/18/2016,true\n")),
    err("briefings.csv:2:date"),
    mapping={"worksheets": {"dates": US}})
vec("mapping-dates-mismatch", "mapping: a date not written in the format",
    files(worksheets__csv=worksheets("W1,D100,2016-03-17,field,Norwalk,NWK-12,S200,03/18/2016,true\n")),
    err("worksheets.csv:2:date"), mapping={"worksheets": {"dates": US}})
vec("mapping-dates-unpadded", "mapping: %d and %m are exactly two digits",
    files(worksheets__csv=worksheets("W1,D100,3/17/2016,field,Norwalk,NWK-12,S200,03/18/2016,true\n")),
    err("worksheets.csv:2:date"), mapping={"worksheets": {"dates": US}})
vec("mapping-dates-impossible-day", "mapping: 31 April is rejected at its cell",
    files(worksheets__csv=worksheets("W1,D100,03/17/2016,field,Norwalk,NWK-12,S200,04/31/2016,true\n")),
    err("worksheets.csv:2:reviewed_on"), mapping={"worksheets": {"dates": US}})
vec("mapping-dates-year-0000", "mapping: year 0000 is rejected at its cell",
    files(vehicle_checks__csv="id,vehicle_id,date,cards_on_hand\nC1,NWK-12,03/14/0000,40\n"),
    err("vehicle_checks.csv:2:date"), mapping={"vehicle_checks": {"dates": US}})
vec("mapping-dates-two-digit-year", "mapping: %Y is exactly four digits",
    files(worksheets__csv=worksheets("W1,D100,03/17/16,field,Norwalk,NWK-12,S200,03/18/2016,true\n")),
    err("worksheets.csv:2:date"), mapping={"worksheets": {"dates": US}})
vec("mapping-dates-percent", "mapping: %% is a literal percent sign",
    files(briefings__csv="id,sergeant_id,date\nB1,S200,2016%03%01\n"), ok(),
    mapping={"briefings": {"dates": {"format": "%Y%%%m%%%d"}}})
vec("mapping-dates-bad-directive", "mapping: %y is not a directive", files(), err("worksheets.dates.format"),
    mapping={"worksheets": {"dates": {"format": "%m/%d/%y"}}})
vec("mapping-dates-no-day", "mapping: a date format without the day", files(), err("briefings.dates.format"),
    mapping={"briefings": {"dates": {"format": "%Y-%m"}}})
vec("mapping-dates-two-months", "mapping: a date format with %m and %b", files(), err("vehicle_checks.dates.format"),
    mapping={"vehicle_checks": {"dates": {"format": "%Y-%m-%d (%b)"}}})
vec("mapping-dates-repeated", "mapping: a directive twice", files(), err("worksheets.dates.format"),
    mapping={"worksheets": {"dates": {"format": "%Y-%m-%d %d"}}})
vec("mapping-dates-personnel", "mapping: personnel has no dates", files(), err("personnel.dates"),
    mapping={"personnel": {"dates": US}})
vec("mapping-dates-entries", "mapping: entries have no dates (only timestamps)", files(), err("entries.dates"),
    mapping={"entries": {"dates": US}})
vec("mapping-dates-unknown-key", "mapping: an unknown key under dates", files(), err("worksheets.dates.zone"),
    mapping={"worksheets": {"dates": {"format": "%m/%d/%Y", "zone": "x"}}})
LA = "America/Los_Angeles"
vec("mapping-timestamps-local", "mapping: local wall-clock times in Los Angeles (PDT, -07:00)",
    files(worksheets__csv=SHIFT_W, entries__csv=mdc("W1,E1,03/17/2016 16:30,obs,755,resident,true\n",
                                                    "W1,E2,03/17/2016 23:30,cfs,755,patron,true\n")),
    ok(("DATA-ENTRY-OUTSIDE-SHIFT", "entry:W1/E2")), mapping=local_entries("%m/%d/%Y %H:%M"))
vec("mapping-timestamps-standard-time", "mapping: local times in winter are -08:00",
    files(worksheets__csv="id,personnel_id,date,assignment,area,shift_start,shift_end,reviewer_id,reviewed_on,approved\n"
                          "W1,D100,2016-03-10,field,Norwalk,2016-03-10T15:00:00-08:00,2016-03-10T23:00:00-08:00,S200,2016-03-11,true\n",
          entries__csv=mdc("W1,E1,03/10/2016 22:59,obs,755,resident,true\n", "W1,E2,03/10/2016 23:01,obs,755,resident,true\n")),
    ok(("DATA-ENTRY-OUTSIDE-SHIFT", "entry:W1/E2")), mapping=local_entries("%m/%d/%Y %H:%M"),
    period={"start": "2016-03-07", "end": "2016-03-13"})
vec("mapping-timestamps-spring-gap", "mapping: 02:30 on 2016-03-13 does not exist in Los Angeles (spring forward)",
    files(entries__csv=mdc("W1,E1,03/13/2016 01:59,obs,755,resident,true\n", "W1,E2,03/13/2016 02:30,obs,755,resident,true\n")),
    err("entries.csv:3:Cleared"), mapping={"entries": {"columns": MDC_COLUMNS, "timestamps": {"format": "%m/%d/%Y %H:%M", "time_zone": LA}}})
vec("mapping-timestamps-spring-gap-edges", "mapping: 01:59 (-08:00) and 03:00 (-07:00) on 2016-03-13 exist, one minute apart",
    files(worksheets__csv="id,personnel_id,date,assignment,area,shift_start,shift_end,reviewer_id,reviewed_on,approved\n"
                          "W1,D100,2016-03-13,field,Norwalk,2016-03-13T01:00:00-08:00,2016-03-13T10:00:00Z,S200,2016-03-14,true\n",
          entries__csv=mdc("W1,E1,03/13/2016 01:59,obs,755,resident,true\n", "W1,E2,03/13/2016 03:00,obs,755,resident,true\n",
                           "W1,E3,03/13/2016 03:01,obs,755,resident,true\n")),
    ok(("DATA-ENTRY-OUTSIDE-SHIFT", "entry:W1/E3")),
    mapping={"entries": {"columns": MDC_COLUMNS, "timestamps": {"format": "%m/%d/%Y %H:%M", "time_zone": LA}}},
    period={"start": "2016-03-13", "end": "2016-03-13"})
vec("mapping-timestamps-fall-overlap", "mapping: 01:30 on 2016-11-06 happens twice in Los Angeles (fall back)",
    files(worksheets__csv="id,personnel_id,date,assignment,area,reviewer_id,reviewed_on,approved\n"
                          "W1,D100,2016-11-06,field,Norwalk,S200,2016-11-07,true\n",
          entries__csv=mdc("W1,E1,11/06/2016 00:59,obs,755,resident,true\n", "W1,E2,11/06/2016 01:30,obs,755,resident,true\n")),
    err("entries.csv:3:Cleared"), mapping=local_entries("%m/%d/%Y %H:%M"), period={"start": "2016-11-06", "end": "2016-11-06"})
vec("mapping-timestamps-fall-overlap-edges", "mapping: 00:59 and 02:00 on 2016-11-06 are known instants (-07:00, -08:00)",
    files(worksheets__csv="id,personnel_id,date,assignment,area,shift_start,shift_end,reviewer_id,reviewed_on,approved\n"
                          "W1,D100,2016-11-06,field,Norwalk,2016-11-06T00:00:00-07:00,2016-11-06T09:30:00Z,S200,2016-11-07,true\n",
          entries__csv=mdc("W1,E1,11/06/2016 00:59,obs,755,resident,true\n", "W1,E2,11/06/2016 02:00,obs,755,resident,true\n")),
    ok(("DATA-ENTRY-OUTSIDE-SHIFT", "entry:W1/E2"), ("SGT-BRIEFING", "personnel:S200")),
    mapping=local_entries("%m/%d/%Y %H:%M"), period={"start": "2016-11-06", "end": "2016-11-06"})
vec("mapping-timestamps-shift-spring-gap", "mapping: a shift_start in the spring-forward gap names its cell",
    files(worksheets__csv="id,personnel_id,date,assignment,area,shift_start\nW1,D100,2016-03-13,field,Norwalk,03/13/2016 02:00\n"),
    err("worksheets.csv:2:shift_start"), mapping={"worksheets": {"timestamps": {"format": "%m/%d/%Y %H:%M", "time_zone": LA}}})
vec("mapping-timestamps-shift-fall-overlap", "mapping: a shift_end in the fall-back hour names its cell",
    files(worksheets__csv="id,personnel_id,date,assignment,area,shift_end\nW1,D100,2016-11-05,field,Norwalk,11/06/2016 01:00\n"),
    err("worksheets.csv:2:shift_end"), mapping={"worksheets": {"timestamps": {"format": "%m/%d/%Y %H:%M", "time_zone": LA}}})
vec("mapping-timestamps-offset-wins", "mapping: an offset read by the format wins over the zone (fall-back hour made known)",
    files(worksheets__csv="id,personnel_id,date,assignment,area,shift_start,shift_end,reviewer_id,reviewed_on,approved\n"
                          "W1,D100,2016-11-06,field,Norwalk,2016-11-06T01:00:00-08:00,2016-11-06T10:00:00Z,S200,2016-11-07,true\n",
          entries__csv=mdc("W1,E1,11/06/2016 01:30 -0700,obs,755,resident,true\n", "W1,E2,11/06/2016 01:30 -0800,obs,755,resident,true\n")),
    ok(("DATA-ENTRY-OUTSIDE-SHIFT", "entry:W1/E1"), ("SGT-BRIEFING", "personnel:S200")),
    mapping=local_entries("%m/%d/%Y %H:%M %z"), period={"start": "2016-11-06", "end": "2016-11-06"})
vec("mapping-timestamps-offset-colon", "mapping: %:z reads -07:00 and needs no zone",
    files(worksheets__csv=SHIFT_W, entries__csv=mdc("W1,E1,2016-03-17 16:30 -07:00,obs,755,resident,true\n",
                                                    "W1,E2,2016-03-17 23:30 -07:00,obs,755,resident,true\n")),
    ok(("DATA-ENTRY-OUTSIDE-SHIFT", "entry:W1/E2")), mapping=local_entries("%Y-%m-%d %H:%M %:z", zone=None))
vec("mapping-timestamps-offset-exact", "mapping: %z is exactly -0700 (-07:00 does not match)",
    files(entries__csv=mdc("W1,E1,2016-03-17 16:30 -07:00,obs,755,resident,true\n")),
    err("entries.csv:2:Cleared"), mapping=local_entries("%Y-%m-%d %H:%M %z", zone=None))
vec("mapping-timestamps-12-hour", "mapping: %I with %p (12:05 AM is 00:05, 11:30 pm is 23:30)",
    files(worksheets__csv="id,personnel_id,date,assignment,area,shift_start,shift_end,reviewer_id,reviewed_on,approved\n"
                          "W1,D100,2016-03-17,field,Norwalk,2016-03-17T00:00:00-07:00,2016-03-17T23:00:00-07:00,S200,2016-03-18,true\n",
          entries__csv=mdc("W1,E1,03/17/2016 12:05 AM,obs,755,resident,true\n", "W1,E2,03/17/2016 11:30 pm,obs,755,resident,true\n",
                           "W1,E3,03/17/2016 12:30 Pm,obs,755,resident,true\n")),
    ok(("DATA-ENTRY-OUTSIDE-SHIFT", "entry:W1/E2")), mapping=local_entries("%m/%d/%Y %I:%M %p"))
vec("mapping-timestamps-12-hour-bad", "mapping: 13 o'clock is not a 12-hour time",
    files(entries__csv=mdc("W1,E1,03/17/2016 13:05 PM,obs,755,resident,true\n")), err("entries.csv:2:Cleared"),
    mapping=local_entries("%m/%d/%Y %I:%M %p"))
vec("mapping-timestamps-month-names", "mapping: %b and %B in any letter case",
    files(worksheets__csv=SHIFT_W, entries__csv=mdc("W1,E1,17 mar 2016 16:30:05,obs,755,resident,true\n",
                                                    "W1,E2,17 MAR 2016 23:00:01,obs,755,resident,true\n")),
    ok(("DATA-ENTRY-OUTSIDE-SHIFT", "entry:W1/E2")), mapping=local_entries("%d %b %Y %H:%M:%S"))
vec("mapping-timestamps-full-month-name", "mapping: %B reads the full English month name",
    files(worksheets__csv=SHIFT_W, entries__csv=mdc("W1,E1,\"March 17, 2016 at 16:30\",obs,755,resident,true\n",
                                                    "W1,E2,\"march 17, 2016 at 14:59\",obs,755,resident,true\n")),
    ok(("DATA-ENTRY-OUTSIDE-SHIFT", "entry:W1/E2")), mapping=local_entries("%B %d, %Y at %H:%M"))
vec("mapping-timestamps-abbreviation-not-full", "mapping: %b does not read a full month name",
    files(entries__csv=mdc("W1,E1,17 March 2016 16:30,obs,755,resident,true\n")), err("entries.csv:2:Cleared"),
    mapping=local_entries("%d %b %Y %H:%M"))
vec("mapping-timestamps-seconds-60", "mapping: :60 seconds is an impossible instant",
    files(entries__csv=mdc("W1,E1,03/17/2016 16:30:60,obs,755,resident,true\n")), err("entries.csv:2:Cleared"),
    mapping=local_entries("%m/%d/%Y %H:%M:%S"))
vec("mapping-timestamps-extra-space", "mapping: white space in a format matches exactly",
    files(entries__csv=mdc("W1,E1,03/17/2016  16:30,obs,755,resident,true\n")), err("entries.csv:2:Cleared"),
    mapping=local_entries("%m/%d/%Y %H:%M"))
vec("mapping-timestamps-table-scoped", "mapping: entries.timestamps does not govern shift_start",
    files(worksheets__csv="id,personnel_id,date,assignment,area,shift_start\nW1,D100,2016-03-17,field,Norwalk,03/17/2016 06:00\n",
          entries__csv=mdc("W1,E1,03/17/2016 16:30,obs,755,resident,true\n")),
    err("worksheets.csv:2:shift_start"), mapping=local_entries("%m/%d/%Y %H:%M"))
vec("mapping-timestamps-zone-without-format", "mapping: time_zone without format is an error at the format key", files(),
    err("entries.timestamps.format"), mapping={"entries": {"timestamps": {"time_zone": LA}}})
vec("mapping-timestamps-worksheets-zone-without-format", "mapping: worksheets.timestamps.time_zone without format", files(),
    err("worksheets.timestamps.format"), mapping={"worksheets": {"timestamps": {"time_zone": LA}}})
vec("mapping-timestamps-no-offset-no-zone", "mapping: a format without offset needs time_zone", files(),
    err("entries.timestamps.format"), mapping={"entries": {"timestamps": {"format": "%m/%d/%Y %H:%M"}}})
vec("mapping-timestamps-unknown-zone", "mapping: an unknown IANA zone", files(), err("entries.timestamps.time_zone"),
    mapping={"entries": {"timestamps": {"format": "%m/%d/%Y %H:%M", "time_zone": "Pacific Time"}}})
vec("mapping-timestamps-zone-case", "mapping: zone names are exact", files(), err("worksheets.timestamps.time_zone"),
    mapping={"worksheets": {"timestamps": {"format": "%m/%d/%Y %H:%M", "time_zone": "america/los_angeles"}}})
for name, fmt in [("i-without-p", "%m/%d/%Y %I:%M"), ("h-with-p", "%m/%d/%Y %H:%M %p"), ("h-with-i", "%m/%d/%Y %H %I:%M %p"),
                  ("z-and-colon-z", "%m/%d/%Y %H:%M %z %:z"), ("no-minute", "%m/%d/%Y %H"), ("no-hour", "%m/%d/%Y"),
                  ("repeated", "%m/%d/%Y %H:%M %M"), ("unknown-directive", "%m/%d/%Y %T"), ("lone-percent", "%m/%d/%Y %H:%M %"),
                  ("fraction", "%m/%d/%Y %H:%M:%S.%f")]:
    vec(f"mapping-timestamps-format-{name}", f"mapping: the timestamp format {fmt!r} cannot be used", files(),
        err("entries.timestamps.format"), mapping={"entries": {"timestamps": {"format": fmt, "time_zone": LA}}})
vec("mapping-timestamps-personnel", "mapping: personnel has no timestamps", files(), err("personnel.timestamps"),
    mapping={"personnel": {"timestamps": {"format": "%Y"}}})
vec("mapping-timestamps-briefings", "mapping: briefings have no timestamps", files(), err("briefings.timestamps"),
    mapping={"briefings": {"timestamps": {"format": "%m/%d/%Y %H:%M %z"}}})
vec("mapping-unknown-table", "mapping: an unknown table", files(), err("stations"), mapping={"stations": {}})
vec("mapping-unknown-table-key", "mapping: an unknown key in a table", files(), err("entries.encoding"),
    mapping={"entries": {"encoding": "latin1"}})
vec("mapping-table-not-an-object", "mapping: a table that is not an object", files(), err("entries"),
    mapping={"entries": "mdc.csv"})
vec("mapping-canonical-checks-still-apply", "mapping: without columns, an unknown column is still rejected",
    files(entries__csv=entries(E1, header=E_H.rstrip("\n") + ",Unit\n").replace(",\n", ",,\n")), err("entries.csv:1:Unit"),
    mapping={"entries": {"delimiter": ","}})


def main():
    for old in HERE.glob("*.json"):
        if old.name.split("-")[0] in ("read", "path", "mapping"):
            old.unlink()
    for name, v in VECTORS.items():
        (HERE / f"{name}.json").write_text(json.dumps(v, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(VECTORS)} vectors written to {HERE}")


if __name__ == "__main__":
    main()
