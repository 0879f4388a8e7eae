//! SPEC §8: the four renderings of a report. Determinism, the CSV read back, ids that carry
//! markup or formulas shown as text in every format, an HTML page that loads nothing and is
//! well-formed, an XLSX whose cells are what they claim, and the weekly series behind the
//! chart.

#[path = "../examples/gen/mod.rs"]
mod gen;

use std::collections::BTreeMap;
use std::io::Read as _;

use chrono::{Datelike, NaiveDate, Weekday};
use contact755::render::{self, TextOptions};
use contact755::{audit, audit_json, Dataset, Finding, Policy, Report, RuleId, WeeklyContacts};
use serde_json::json;

const SAMPLE: &[u8] = include_bytes!("../examples/data/sample-month.json");

fn sample() -> Report {
    audit_json(&Policy::norwalk_2016(), SAMPLE).unwrap()
}

fn date(s: &str) -> NaiveDate {
    contact755::parse_date(s).unwrap()
}

/// Ids a dataset may legally carry that are markup in HTML or formulas in a spreadsheet.
const EVIL_IDS: &[&str] = &[
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "&amp;",
    "=1+1",
    "+x",
    "-x",
    "@x",
    "'quoted'",
    "<b>D1",
];
const EVIL_STATION: &str = "<b>Station</b> & \"Co\" 'x'";
const EVIL_AREA: &str = "<i>Norwalk</i>";

/// A week of a station whose every id is one of [`EVIL_IDS`]: each works one covered shift
/// with one uncoded contact without a card and one valid 755, and nobody reviews anything;
/// one more shift belongs to `=HYPERLINK("x")`, who is not on the roster.
fn evil_report() -> Report {
    let worksheet = |id: &str, person: &str| {
        json!({
            "id": id, "personnel_id": person, "date": "2016-03-15", "assignment": "field",
            "area": EVIL_AREA, "vehicle_id": id,
            "entries": [
                {"id": id, "at": "2016-03-15T09:00:00-07:00", "activity": "obs", "clearance_codes": ["415"],
                 "contact": {"category": "resident", "card_provided": false}},
                {"id": format!("{id}/2"), "at": "2016-03-15T10:00:00-07:00", "activity": "cfs",
                 "clearance_codes": ["755"], "contact": {"category": "patron", "card_provided": true}}
            ]
        })
    };
    let mut worksheets: Vec<_> = EVIL_IDS.iter().map(|id| worksheet(id, id)).collect();
    worksheets.push(worksheet("W-unknown", "=HYPERLINK(\"x\")"));
    let mut personnel: Vec<_> = EVIL_IDS.iter().map(|id| json!({"id": id, "role": "deputy"})).collect();
    personnel.push(json!({"id": "@sergeant", "role": "sergeant"}));
    let dataset = json!({
        "period": {"start": "2016-03-14", "end": "2016-03-20"},
        "personnel": personnel,
        "worksheets": worksheets,
        "briefings": [{"id": "-briefing", "sergeant_id": "+nobody", "date": "2016-03-01"}],
    });
    let policy =
        Policy::from_json(json!({"station": EVIL_STATION, "covered_areas": [EVIL_AREA]}).to_string())
            .unwrap();
    let report = audit_json(&policy, dataset.to_string().as_bytes()).unwrap();
    // The fixture is what it claims: findings on every id, charged to them.
    for id in EVIL_IDS {
        assert!(report.findings.iter().any(|f| f.personnel_id.as_deref() == Some(*id)), "{id}");
        assert!(report.findings.iter().any(|f| f.subject == format!("worksheet:{id}")), "{id}");
    }
    assert!(report.findings_of(RuleId::DataUnknownPersonnel).count() == 1);
    assert!(report.findings_of(RuleId::DataBrieferNotSergeant).count() == 1);
    assert_eq!(report.summary.by_area.get(EVIL_AREA), Some(&(EVIL_IDS.len() as u64 + 1)));
    report
}

// ------------------------------------------------------------------------------------------
// Determinism.

#[test]
fn every_format_gives_the_same_bytes_twice() {
    for (report, again) in [(sample(), sample()), (evil_report(), evil_report())] {
        let options = TextOptions { all: true, source: Some("x".into()), roles: None };
        assert_eq!(render::text(&report, &options), render::text(&again, &options));
        assert_eq!(render::findings_csv(&report), render::findings_csv(&again));
        assert_eq!(render::html(&report), render::html(&again));
        let (a, b) = (render::xlsx(&report).unwrap(), render::xlsx(&again).unwrap());
        assert!(a == b, "two XLSX renders of one report differ");
        assert_eq!(render::xlsx(&report).unwrap(), a, "a second render of the same value differs");
    }
}

// ------------------------------------------------------------------------------------------
// CSV.

/// The CSV's cells, with the formula guard's one leading `'` taken off again.
fn read_csv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let unguard = |c: &str| c.strip_prefix('\'').unwrap_or(c).to_string();
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(text.as_bytes());
    let header = reader.headers().unwrap().iter().map(str::to_string).collect();
    let rows = reader.records().map(|r| r.unwrap().iter().map(unguard).collect()).collect();
    (header, rows)
}

fn finding_cells(f: &Finding) -> Vec<String> {
    vec![
        f.rule.as_str().to_string(),
        f.severity.as_str().to_string(),
        f.subject.clone(),
        f.personnel_id.clone().unwrap_or_default(),
        f.date.map(|d| d.to_string()).unwrap_or_default(),
        f.message.clone(),
    ]
}

#[test]
fn the_csv_reads_back_to_the_findings() {
    for report in [sample(), evil_report()] {
        let text = render::findings_csv(&report);
        let (header, rows) = read_csv(&text);
        assert_eq!(header, ["rule", "severity", "subject", "personnel_id", "date", "message"]);
        let expected: Vec<Vec<String>> = report.findings.iter().map(finding_cells).collect();
        assert_eq!(rows, expected);
        assert!(!text.starts_with('\u{feff}'), "no byte-order mark");
        assert!(!text.contains('\r'), "LF line ends only");
        assert_eq!(text.lines().count(), report.findings.len() + 1);
        assert!(text.ends_with('\n'));
    }
}

#[test]
fn the_csv_quotes_only_where_needed() {
    let text = render::findings_csv(&sample());
    assert!(text.starts_with("rule,severity,subject,personnel_id,date,message\n"));
    // A message with a comma is quoted; one without is not.
    assert!(text.contains(",\"D107 is a deputy, not a sergeant; the briefing is not counted\"\n"));
    assert!(text.contains(",entry 160308-0027 lists clearance code 755 more than once\n"));
    // An absent person is an empty cell.
    assert!(text.contains("\nDATA-BRIEFER-NOT-SERGEANT,data,briefing:BR-006,,2016-03-10,"));
}

#[test]
fn no_csv_cell_can_start_a_formula() {
    let text = render::findings_csv(&evil_report());
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
    let mut cells = Vec::new();
    for record in reader.records() {
        for cell in record.unwrap().iter() {
            assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{cell:?} would run as a formula");
            cells.push(cell.to_string());
        }
    }
    for id in ["=1+1", "+x", "-x", "@x", "=HYPERLINK(\"x\")", "-briefing"] {
        let id = if id == "-briefing" { "briefing:-briefing".to_string() } else { format!("'{id}") };
        assert!(cells.contains(&id), "{id} is a cell as it should be:\n{text}");
    }
    // A message that starts with an id is guarded too.
    assert!(cells.contains(&"'+nobody is not on the roster; the briefing is not counted".to_string()));
    // An id that starts with the guard itself gets one more, so the guard can be undone.
    assert!(cells.contains(&"''quoted'".to_string()));
}

// ------------------------------------------------------------------------------------------
// HTML.

/// Every element of the page, parsed as XML (which also proves the page well-formed).
fn parse(html: &str) -> roxmltree::Document<'_> {
    let options = roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() };
    roxmltree::Document::parse_with_options(html, options).unwrap_or_else(|e| panic!("not well-formed: {e}"))
}

fn by_id<'a>(doc: &'a roxmltree::Document<'a>, id: &str) -> roxmltree::Node<'a, 'a> {
    let found: Vec<_> = doc.descendants().filter(|n| n.attribute("id") == Some(id)).collect();
    assert_eq!(found.len(), 1, "exactly one element with id {id}");
    found[0]
}

fn text_of(node: roxmltree::Node<'_, '_>) -> String {
    node.descendants().filter(|n| n.is_text()).filter_map(|n| n.text()).collect()
}

/// The page loads nothing and runs nothing, checked on the DOM: no element that fetches or
/// runs, no attribute that points anywhere or handles an event, no `url(` or `@import` in the
/// style sheet.
fn assert_self_contained_dom(doc: &roxmltree::Document<'_>) {
    const FETCHING: &[&str] =
        &["script", "link", "iframe", "object", "embed", "img", "image", "use", "foreignObject", "base", "a"];
    for node in doc.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        assert!(!FETCHING.contains(&name), "<{name}> in the page");
        for attr in node.attributes() {
            let a = attr.name().to_ascii_lowercase();
            assert!(!matches!(a.as_str(), "src" | "href" | "srcset" | "action" | "data" | "poster"), "{a}=");
            assert!(!a.starts_with("on"), "event handler {a}=");
            assert!(attr.namespace().is_none() || a == "lang", "namespaced attribute {a}");
            assert!(!attr.value().contains("url("), "url( in {a}=");
        }
        if name == "style" {
            let css = text_of(node);
            assert!(!css.contains("url(") && !css.contains("@import"), "the style sheet fetches");
        }
    }
}

#[test]
fn the_page_is_self_contained() {
    let html = render::html(&sample());
    let doc = parse(&html);
    assert_self_contained_dom(&doc);
    // And on the raw text, where the sample has no id that could carry such words: the only
    // `http:` allowed is the SVG namespace name on each <svg> (a name, never fetched).
    let ns = "xmlns=\"http://www.w3.org/2000/svg\"";
    assert_eq!(html.matches(ns).count(), 2, "one namespace declaration per chart");
    let rest = html.replace(ns, "");
    for needle in [
        "src=",
        "href=",
        "url(",
        "@import",
        "<script",
        "<link",
        "<iframe",
        "<object",
        "<embed",
        "<img",
        "http:",
        "https:",
        "xmlns",
        "javascript:",
    ] {
        assert!(!rest.to_ascii_lowercase().contains(needle), "{needle} in the page");
    }
}

#[test]
fn markup_from_the_dataset_and_the_policy_is_shown_as_text() {
    let report = evil_report();
    let html = render::html(&report);
    let doc = parse(&html);
    assert_self_contained_dom(&doc);
    // The raw markup never appears; its escaped form does.
    for raw in ["<script", "<img", "<b>", "<i>", "onerror=alert(1)>"] {
        assert!(!html.contains(raw), "{raw} in the page");
    }
    for escaped in [
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;",
        "&amp;amp;",
        "&#39;quoted&#39;",
        "&lt;b&gt;Station&lt;/b&gt; &amp; &quot;Co&quot; &#39;x&#39;",
        "&lt;i&gt;Norwalk&lt;/i&gt;",
    ] {
        assert!(html.contains(escaped), "{escaped} missing");
    }
    // Parsed, the page gives back exactly the dataset's text: the ids in the persons' table,
    // the station in the title and header, the area in the chart's legend.
    let ids: Vec<String> = by_id(&doc, "personnel")
        .descendants()
        .filter(|n| n.has_tag_name("tbody"))
        .flat_map(|b| b.children().filter(|r| r.has_tag_name("tr")).collect::<Vec<_>>())
        .map(|tr| text_of(tr.children().find(|c| c.has_tag_name("td")).unwrap()))
        .collect();
    let expected: Vec<&str> = report.summary.personnel.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, expected);
    assert!(ids.iter().any(|i| i == "<script>alert(1)</script>"));
    let title = doc.descendants().find(|n| n.has_tag_name("title")).map(text_of).unwrap();
    assert!(title.starts_with(EVIL_STATION), "{title}");
    assert_eq!(text_of(by_id(&doc, "station")), EVIL_STATION);
    assert!(text_of(by_id(&doc, "chart-weekly")).contains(EVIL_AREA));
    // Every subject of the findings is in the page as text.
    let findings = text_of(by_id(&doc, "findings"));
    for f in &report.findings {
        assert!(findings.contains(&f.subject), "{}", f.subject);
    }
}

#[test]
fn the_page_has_its_parts_where_tools_find_them() {
    let report = sample();
    let html = render::html(&report);
    let doc = parse(&html);
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "html");
    assert_eq!(root.attribute("lang"), Some("en"));
    let title = doc.descendants().find(|n| n.has_tag_name("title")).map(text_of).unwrap();
    assert_eq!(title, "Norwalk Station — community relations (755) audit, 2016-03-01 to 2016-03-31");
    // The summary.
    let summary = text_of(by_id(&doc, "summary"));
    assert!(summary.contains("Worksheets audited400"), "{summary}");
    assert!(summary.contains("La Mirada 141 · Norwalk 245 · Unincorporated Whittier 97"));
    assert_eq!(text_of(by_id(&doc, "period")), "2016-03-01 to 2016-03-31");
    // Both charts are <svg> in the SVG namespace, with an accessible title.
    for (id, title) in
        [("chart-weekly", "755 contacts per week by area"), ("chart-rules", "Findings per rule")]
    {
        let svg = by_id(&doc, id);
        assert_eq!(svg.tag_name().name(), "svg");
        assert_eq!(svg.tag_name().namespace(), Some("http://www.w3.org/2000/svg"));
        let t = svg.children().find(|n| n.has_tag_name("title")).unwrap();
        assert_eq!(text_of(t), title);
    }
    // One bar per (week, area) with contacts, one per rule with findings, each with its count.
    let bars = |id: &str| -> Vec<String> {
        by_id(&doc, id)
            .descendants()
            .filter(|n| n.has_tag_name("rect"))
            .filter_map(|r| r.children().find(|c| c.has_tag_name("title")).map(text_of))
            .collect()
    };
    let weekly = bars("chart-weekly");
    assert_eq!(weekly.len(), report.summary.contacts_755_by_week.len());
    for w in &report.summary.contacts_755_by_week {
        let label = format!("{}, week of {}: {}", w.area, w.week_start, w.contacts);
        assert!(weekly.contains(&label), "{label}");
    }
    let rules = bars("chart-rules");
    assert_eq!(rules.len(), report.summary.findings_by_rule.len());
    for (rule, n) in &report.summary.findings_by_rule {
        let severity = Policy::norwalk_2016().severity(RuleId::from_id(rule).unwrap()).as_str();
        assert!(rules.contains(&format!("{rule} ({severity}): {n}")), "{rule}");
    }
    // The persons' table: one body row per person.
    let rows: Vec<_> = by_id(&doc, "personnel")
        .descendants()
        .filter(|n| n.has_tag_name("tr") && n.parent().is_some_and(|p| p.has_tag_name("tbody")))
        .collect();
    assert_eq!(rows.len(), report.summary.personnel.len());
    // The findings, by rule, each rule with the directive's sentence and all its findings.
    let findings = by_id(&doc, "findings");
    for rule in contact755::rules() {
        let n = report.findings_of(rule.id).count();
        let section = doc.descendants().find(|s| s.attribute("id") == Some(&format!("rule-{}", rule.id)));
        assert_eq!(section.is_some(), n > 0, "{}", rule.id);
        if let Some(section) = section {
            assert!(section.ancestors().any(|a| a == findings));
            let body_rows = section
                .descendants()
                .filter(|r| r.has_tag_name("tr") && r.parent().is_some_and(|p| p.has_tag_name("tbody")));
            assert_eq!(body_rows.count(), n);
            if let Some(citation) = rule.citation {
                assert!(text_of(section).contains(&format!("Directive: {citation}")));
            }
        }
    }
}

#[test]
fn a_page_without_findings_or_contacts_says_so() {
    let report = audit_json(
        &Policy::norwalk_2016(),
        br#"{"period": {"start": "2016-03-14", "end": "2016-03-27"}, "personnel": [], "worksheets": []}"#,
    )
    .unwrap();
    let html = render::html(&report);
    let doc = parse(&html);
    assert!(text_of(by_id(&doc, "chart-weekly")).contains("No 755 contacts"));
    assert!(text_of(by_id(&doc, "chart-rules")).contains("No findings."));
    assert!(text_of(by_id(&doc, "findings")).contains("None: every audited worksheet follows the directive."));
    // The period's two weeks are drawn, empty.
    let labels = text_of(by_id(&doc, "chart-weekly"));
    assert!(labels.contains("2016-03-14") && labels.contains("2016-03-21"), "{labels}");
    // A report read back from JSON has no weekly series: the chart says why it is empty.
    let read_back = Report::from_json(sample().to_json().as_bytes()).unwrap();
    let doc_html = render::html(&read_back);
    let doc = parse(&doc_html);
    assert!(text_of(by_id(&doc, "chart-weekly")).contains("not in this report"));
}

// ------------------------------------------------------------------------------------------
// XLSX.

/// The workbook's files, by name.
fn unzip(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut files = BTreeMap::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let mut text = String::new();
        file.read_to_string(&mut text).unwrap();
        files.insert(file.name().to_string(), text);
    }
    files
}

/// The sheets' XML by sheet name, via the workbook's relationships.
fn sheets(files: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    let workbook = roxmltree::Document::parse(&files["xl/workbook.xml"]).unwrap();
    let rels = roxmltree::Document::parse(&files["xl/_rels/workbook.xml.rels"]).unwrap();
    let target = |rid: &str| {
        rels.descendants()
            .find(|n| n.attribute("Id") == Some(rid))
            .and_then(|n| n.attribute("Target"))
            .unwrap()
    };
    workbook
        .descendants()
        .filter(|n| n.has_tag_name("sheet"))
        .map(|s| {
            let rid = s.attributes().find(|a| a.name() == "id").unwrap().value();
            (s.attribute("name").unwrap().to_string(), files[&format!("xl/{}", target(rid))].clone())
        })
        .collect()
}

/// Each cell of a sheet: (reference, type attribute, style index, value or inline text).
fn cells(sheet_xml: &str, shared: &[String]) -> BTreeMap<String, (Option<String>, Option<String>, String)> {
    let doc = roxmltree::Document::parse(sheet_xml).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("c"))
        .map(|c| {
            let t = c.attribute("t").map(str::to_string);
            let v = c.children().find(|n| n.has_tag_name("v")).map(text_of).unwrap_or_default();
            let value = match t.as_deref() {
                Some("s") => shared[v.parse::<usize>().unwrap()].clone(),
                _ => v,
            };
            (c.attribute("r").unwrap().to_string(), (t, c.attribute("s").map(str::to_string), value))
        })
        .collect()
}

fn shared_strings(files: &BTreeMap<String, String>) -> Vec<String> {
    let doc = roxmltree::Document::parse(&files["xl/sharedStrings.xml"]).unwrap();
    doc.descendants().filter(|n| n.has_tag_name("si")).map(text_of).collect()
}

/// Excel's serial day number of a date (1900 date system).
fn serial(d: NaiveDate) -> String {
    (d - date("1899-12-30")).num_days().to_string()
}

#[test]
fn the_workbook_has_the_four_sheets_and_the_findings_as_typed_cells() {
    let report = sample();
    let files = unzip(&render::xlsx(&report).unwrap());
    let sheets = sheets(&files);
    assert_eq!(sheets.keys().collect::<Vec<_>>(), ["Findings", "Personnel", "Rules", "Summary"]);
    let order: Vec<String> = roxmltree::Document::parse(&files["xl/workbook.xml"])
        .unwrap()
        .descendants()
        .filter(|n| n.has_tag_name("sheet"))
        .map(|s| s.attribute("name").unwrap().to_string())
        .collect();
    assert_eq!(order, ["Summary", "Personnel", "Findings", "Rules"]);
    let shared = shared_strings(&files);

    let findings = &sheets["Findings"];
    let c = cells(findings, &shared);
    for (col, name) in ["A", "B", "C", "D", "E", "F"].iter().zip([
        "rule",
        "severity",
        "subject",
        "personnel_id",
        "date",
        "message",
    ]) {
        assert_eq!(c[&format!("{col}1")].2, name);
    }
    let date_style = date_style_indices(&files["xl/styles.xml"]);
    for (i, f) in report.findings.iter().enumerate() {
        let row = i + 2;
        let get = |col: &str| c.get(&format!("{col}{row}"));
        assert_eq!(get("A").unwrap().2, f.rule.as_str());
        assert_eq!(get("B").unwrap().2, f.severity.as_str());
        assert_eq!(get("C").unwrap().2, f.subject);
        assert_eq!(get("D").map(|x| x.2.clone()), f.personnel_id.clone());
        assert_eq!(get("F").unwrap().2, f.message);
        match f.date {
            Some(d) => {
                let (t, s, v) = get("E").unwrap();
                assert_eq!((t, v), (&None, &serial(d)), "a date is a number");
                assert!(date_style.contains(s.as_ref().unwrap()), "a date has the date format");
            }
            None => assert!(get("E").is_none()),
        }
    }
    // Header row frozen, an autofilter over the whole table.
    assert!(findings
        .contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"));
    assert!(findings.contains(&format!("<autoFilter ref=\"A1:F{}\"/>", report.findings.len() + 1)));

    // The Rules sheet is the catalog.
    let c = cells(&sheets["Rules"], &shared);
    for (i, rule) in contact755::rules().into_iter().enumerate() {
        let row = i + 2;
        assert_eq!(c[&format!("A{row}")].2, rule.id.as_str());
        assert_eq!(c[&format!("B{row}")].2, rule.severity.as_str());
        assert_eq!(c[&format!("C{row}")].2, rule.title);
        assert_eq!(c.get(&format!("D{row}")).map(|x| x.2.as_str()), rule.citation.as_deref());
    }
    // Personnel: one row per person, counts as numbers.
    let c = cells(&sheets["Personnel"], &shared);
    for (i, p) in report.summary.personnel.iter().enumerate() {
        let row = i + 2;
        assert_eq!(c[&format!("A{row}")].2, p.id);
        assert_eq!(c[&format!("B{row}")], (None, None, p.covered_shifts.to_string()));
        assert_eq!(c[&format!("D{row}")], (None, None, p.findings.to_string()));
    }
    // Summary: the counts and the weekly series.
    let c = cells(&sheets["Summary"], &shared);
    let labelled: BTreeMap<&str, &str> = (1..200)
        .filter_map(|row| {
            Some((c.get(&format!("A{row}"))?.2.as_str(), c.get(&format!("B{row}"))?.2.as_str()))
        })
        .collect();
    assert_eq!(labelled["Station"], "Norwalk Station");
    assert_eq!(labelled["Worksheets audited"], "400");
    assert_eq!(labelled["Entries cleared 755"], "483");
    assert_eq!(labelled["Period start"], serial(date("2016-03-01")));
    let weekly_rows =
        (1..200).filter(|row| c.contains_key(&format!("C{row}")) && c[&format!("C{row}")].0.is_none());
    assert_eq!(weekly_rows.count(), report.summary.contacts_755_by_week.len());
}

/// The indices of cell styles whose number format is `yyyy-mm-dd`.
fn date_style_indices(styles: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(styles).unwrap();
    let format_id = doc
        .descendants()
        .find(|n| n.has_tag_name("numFmt") && n.attribute("formatCode") == Some("yyyy-mm-dd"))
        .and_then(|n| n.attribute("numFmtId"))
        .unwrap()
        .to_string();
    let xfs = doc.descendants().find(|n| n.has_tag_name("cellXfs")).unwrap();
    xfs.children()
        .filter(|n| n.has_tag_name("xf"))
        .enumerate()
        .filter(|(_, xf)| xf.attribute("numFmtId") == Some(format_id.as_str()))
        .map(|(i, _)| i.to_string())
        .collect()
}

#[test]
fn the_workbook_carries_no_clock_time() {
    let files = unzip(&render::xlsx(&sample()).unwrap());
    let core = &files["docProps/core.xml"];
    assert!(
        core.contains("<dcterms:created xsi:type=\"dcterms:W3CDTF\">1980-01-01T00:00:00Z</dcterms:created>")
    );
    assert!(core
        .contains("<dcterms:modified xsi:type=\"dcterms:W3CDTF\">1980-01-01T00:00:00Z</dcterms:modified>"));
    let bytes = render::xlsx(&sample()).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    for i in 0..archive.len() {
        let file = archive.by_index(i).unwrap();
        let t = file.last_modified().unwrap();
        assert_eq!((t.year(), t.month(), t.day()), (1980, 1, 1), "{}", file.name());
    }
}

#[test]
fn workbook_cells_from_the_dataset_are_strings_never_formulas() {
    let report = evil_report();
    let files = unzip(&render::xlsx(&report).unwrap());
    for (name, xml) in &files {
        if name.starts_with("xl/worksheets/") {
            assert!(!xml.contains("<f>") && !xml.contains("<f "), "a formula in {name}");
            assert!(!xml.contains("t=\"str\"") && !xml.contains("t=\"inlineStr\""), "{name}");
        }
    }
    let shared = shared_strings(&files);
    for id in EVIL_IDS.iter().copied().chain(["=HYPERLINK(\"x\")", EVIL_STATION, EVIL_AREA]) {
        assert!(shared.iter().any(|s| s == id), "{id} is a shared string, as it is");
    }
    // The dataset's strings carry the quote-prefix style, so editing them keeps them text.
    let styles = roxmltree::Document::parse(&files["xl/styles.xml"]).unwrap();
    let xfs = styles.descendants().find(|n| n.has_tag_name("cellXfs")).unwrap();
    let quoted: Vec<String> = xfs
        .children()
        .filter(|n| n.has_tag_name("xf"))
        .enumerate()
        .filter(|(_, xf)| xf.attribute("quotePrefix") == Some("1"))
        .map(|(i, _)| i.to_string())
        .collect();
    let sheets = sheets(&files);
    let c = cells(&sheets["Findings"], &shared);
    for (i, f) in report.findings.iter().enumerate() {
        let (t, s, v) = &c[&format!("C{}", i + 2)];
        assert_eq!((t.as_deref(), v), (Some("s"), &f.subject));
        assert!(s.as_ref().is_some_and(|s| quoted.contains(s)), "{}", f.subject);
    }
}

// ------------------------------------------------------------------------------------------
// The weekly series behind the chart.

#[test]
fn the_weekly_series_counts_what_by_area_counts_per_monday_week() {
    let dataset = json!({
        "period": {"start": "2016-03-06", "end": "2016-03-20"},
        "personnel": [{"id": "D1", "role": "deputy"}],
        "worksheets": [
            // Sunday 6 March: week of Monday 29 February. Two valid 755s, one malformed code.
            {"id": "W1", "personnel_id": "D1", "date": "2016-03-06", "assignment": "field", "area": "Norwalk",
             "entries": [
                {"id": "E1", "at": "2016-03-06T09:00:00Z", "activity": "obs", "clearance_codes": [" 755 "]},
                {"id": "E2", "at": "2016-03-06T10:00:00Z", "activity": "cfs", "clearance_codes": ["755", "415"],
                 "contact": {"category": "resident", "card_provided": true}},
                {"id": "E3", "at": "2016-03-06T11:00:00Z", "activity": "obs", "clearance_codes": ["75 5"]},
                {"id": "E1", "at": "2016-03-06T12:00:00Z", "activity": "obs", "clearance_codes": ["755"]}]},
            // Monday 7 March and Sunday 13 March: one week; the area spelled otherwise.
            {"id": "W2", "personnel_id": "D1", "date": "2016-03-07", "assignment": "field", "area": "norwalk",
             "entries": [{"id": "E1", "at": "2016-03-07T09:00:00Z", "activity": "obs", "clearance_codes": ["755"]}]},
            {"id": "W3", "personnel_id": "D1", "date": "2016-03-13", "assignment": "field", "area": " La  Mirada ",
             "entries": [{"id": "E1", "at": "2016-03-13T09:00:00Z", "activity": "obs", "clearance_codes": ["755"]}]},
            // Not counted: not covered, not field, a duplicate worksheet, outside the period.
            {"id": "W4", "personnel_id": "D1", "date": "2016-03-13", "assignment": "field", "area": "Compton",
             "entries": [{"id": "E1", "at": "2016-03-13T09:00:00Z", "activity": "obs", "clearance_codes": ["755"]}]},
            {"id": "W5", "personnel_id": "D1", "date": "2016-03-13", "assignment": "non_field",
             "entries": [{"id": "E1", "at": "2016-03-13T09:00:00Z", "activity": "obs", "clearance_codes": ["755"]}]},
            {"id": "W2", "personnel_id": "D1", "date": "2016-03-08", "assignment": "field", "area": "Norwalk",
             "entries": [{"id": "E1", "at": "2016-03-08T09:00:00Z", "activity": "obs", "clearance_codes": ["755"]}]},
            {"id": "W6", "personnel_id": "D1", "date": "2016-03-21", "assignment": "field", "area": "Norwalk",
             "entries": [{"id": "E1", "at": "2016-03-21T09:00:00Z", "activity": "obs", "clearance_codes": ["755"]}]}
        ]
    });
    let report = audit_json(&Policy::norwalk_2016(), dataset.to_string().as_bytes()).unwrap();
    let week =
        |d: &str, area: &str, contacts| WeeklyContacts { week_start: date(d), area: area.into(), contacts };
    assert_eq!(
        report.summary.contacts_755_by_week,
        [
            week("2016-02-29", "Norwalk", 2),
            week("2016-03-07", "La Mirada", 1),
            week("2016-03-07", "Norwalk", 1)
        ]
    );
    assert_eq!(report.summary.by_area, BTreeMap::from([("La Mirada".into(), 1), ("Norwalk".into(), 3)]));
}

#[test]
fn the_weekly_series_adds_up_to_by_area_on_generated_stations() {
    let datasets = [
        SAMPLE.to_vec(),
        gen::generate(&gen::GenOptions { worksheets: 3000, seed: 3, days: 92, ..Default::default() })
            .into_bytes(),
        gen::generate(&gen::GenOptions {
            worksheets: 200,
            seed: 9,
            start: (2015, 12, 20),
            days: 30,
            ..Default::default()
        })
        .into_bytes(),
    ];
    for json in datasets {
        let dataset = Dataset::from_json(&json).unwrap();
        let report = audit(&Policy::norwalk_2016(), &dataset);
        let series = &report.summary.contacts_755_by_week;
        let mut sums: BTreeMap<String, u64> = BTreeMap::new();
        for w in series {
            assert_eq!(w.week_start.weekday(), Weekday::Mon);
            assert!(w.contacts > 0);
            let period = dataset.period;
            assert!(
                w.week_start <= period.end && period.start.signed_duration_since(w.week_start).num_days() < 7
            );
            *sums.entry(w.area.clone()).or_default() += w.contacts;
        }
        assert!(series.windows(2).all(|p| (p[0].week_start, &p[0].area) < (p[1].week_start, &p[1].area)));
        assert_eq!(sums, report.summary.by_area);
    }
}

#[test]
fn a_report_read_back_from_json_lacks_only_the_series_the_period_and_the_roles() {
    let report = sample();
    let read_back = Report::from_json(report.to_json().as_bytes()).unwrap();
    assert!(read_back.summary.contacts_755_by_week.is_empty());
    assert_eq!(read_back.summary.period, None);
    assert_eq!(read_back.summary.roles, None);
    let mut expected = report.clone();
    expected.summary.contacts_755_by_week.clear();
    expected.summary.period = None;
    expected.summary.roles = None;
    assert_eq!(read_back, expected);
    // Its text has no period line; the rest of the page is the same.
    let text = render::text(&read_back, &TextOptions::default());
    assert!(!text.contains("Period 2016"));
    assert!(text.contains("STATION SUMMARY"));
}

// ------------------------------------------------------------------------------------------
// Any report at all: no panic, a well-formed page, a CSV that reads back.

mod any_report {
    use super::*;
    use contact755::{PersonSummary, Summary};
    use proptest::prelude::*;

    /// Any text, control characters and markup included, up to 80 characters.
    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            "\\PC{0,20}",
            ".{0,80}",
            prop::sample::select(vec![
                "",
                "<b>",
                "=1+1",
                "'",
                "\"",
                "&amp;",
                "\u{1}\u{7f}\u{9f}\u{ffff}",
                "\r\n"
            ])
            .prop_map(String::from),
        ]
    }

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        prop_oneof![
            (1i32..=3_652_059).prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n).unwrap()),
            (0u64..400).prop_map(|n| date("2016-01-01").checked_add_days(chrono::Days::new(n)).unwrap()),
        ]
    }

    fn count() -> impl Strategy<Value = u64> {
        prop_oneof![0u64..100, any::<u64>()]
    }

    prop_compose! {
        fn finding()(rule in prop::sample::select(RuleId::ALL), subject in text(),
                     person in prop::option::of(text()), date in prop::option::of(any_date()),
                     message in text()) -> Finding {
            Finding { rule, severity: Policy::norwalk_2016().severity(rule), subject, personnel_id: person, date, message }
        }
    }

    prop_compose! {
        fn report()(
            station in text(), areas in prop::collection::vec(text(), 1..4),
            mut findings in prop::collection::vec(finding(), 0..30),
            people in prop::collection::vec((text(), count(), count(), count()), 0..8),
            weekly in prop::collection::vec((any_date(), text(), count()), 0..12),
            numbers in prop::collection::vec(count(), 4),
            by_area in prop::collection::btree_map(text(), count(), 0..4),
            period in prop::option::of((any_date(), 0u64..400)),
        ) -> Report {
            let mut policy = Policy::norwalk_2016();
            policy.station = station;
            policy.covered_areas = areas;
            findings.sort_by(|a, b| (a.rule.as_str(), &a.subject).cmp(&(b.rule.as_str(), &b.subject)));
            let mut findings_by_rule = BTreeMap::new();
            for f in &findings {
                *findings_by_rule.entry(f.rule.as_str().to_string()).or_default() += 1;
            }
            let mut contacts_755_by_week: Vec<WeeklyContacts> = weekly
                .into_iter()
                .map(|(d, area, contacts)| WeeklyContacts { week_start: contact755::week_start(d), area, contacts })
                .collect();
            contacts_755_by_week.sort();
            let summary = Summary {
                worksheets_audited: numbers[0],
                worksheets_covered: numbers[1],
                contacts_755: numbers[2],
                cards_provided: numbers[3],
                by_area,
                findings_by_rule,
                personnel: people
                    .into_iter()
                    .map(|(id, covered_shifts, contacts_755, findings)| PersonSummary { id, covered_shifts, contacts_755, findings })
                    .collect(),
                contacts_755_by_week,
                period: period.map(|(start, days)| contact755::Period {
                    start,
                    end: start.checked_add_days(chrono::Days::new(days)).unwrap_or(start),
                }),
                ..Summary::default()
            };
            let policy_sha256 = policy.fingerprint();
            Report { policy, policy_sha256, findings, summary }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

        #[test]
        fn every_format_renders_any_report(report in report()) {
            let text = render::text(&report, &TextOptions { all: true, ..Default::default() });
            prop_assert!(text.contains("STATION SUMMARY"));
            let (_, rows) = read_csv(&render::findings_csv(&report));
            let expected: Vec<Vec<String>> = report.findings.iter().map(finding_cells).collect();
            prop_assert_eq!(rows, expected);
            let html = render::html(&report);
            let doc = parse(&html);
            assert_self_contained_dom(&doc);
            let persons = by_id(&doc, "personnel").descendants()
                .filter(|n| n.has_tag_name("tr") && n.parent().is_some_and(|p| p.has_tag_name("tbody")))
                .count();
            prop_assert_eq!(persons, report.summary.personnel.len());
            let workbook = render::xlsx(&report).unwrap();
            prop_assert_eq!(render::xlsx(&report).unwrap(), workbook);
        }
    }
}
