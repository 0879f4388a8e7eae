//! The README's rule table is generated from `rules()`: this test renders it and fails when the
//! README differs. `CONTACT755_UPDATE_README=1 cargo test -p contact755 --test readme` rewrites
//! the table in place. The settings table is prose, but must name every setting (second test).

use std::path::{Path, PathBuf};

const BEGIN: &str = "<!-- rules table: generated from contact755::rules() by tests/readme.rs -->\n";
const END: &str = "<!-- end of rules table -->\n";

fn readme() -> (PathBuf, String) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md");
    let text = std::fs::read_to_string(&path).unwrap();
    (path, text)
}

fn table() -> String {
    let mut out = String::from(
        "| id | severity | applies to | checks | example | citation (norwalk-2016) |\n|---|---|---|---|---|---|\n",
    );
    for r in contact755::rules() {
        let citation = r.citation.as_deref().unwrap_or("—");
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | [`{}`](tests/conformance/{}) | {} |\n",
            r.id, r.severity, r.scope, r.checks, r.example, r.example, citation
        ));
    }
    out
}

#[test]
fn the_readme_rule_table_is_the_catalog() {
    let (path, readme) = readme();
    let (Some(start), Some(end)) = (readme.find(BEGIN), readme.find(END)) else {
        panic!("README.md has no generated rules table (markers missing)");
    };
    let current = &readme[start + BEGIN.len()..end];
    let want = table();
    if current != want {
        if std::env::var_os("CONTACT755_UPDATE_README").is_some() {
            let updated = format!("{}{BEGIN}{want}{}", &readme[..start], &readme[end..]);
            std::fs::write(&path, updated).unwrap();
            return;
        }
        panic!(
            "README.md's rules table differs from rules(); run \
             CONTACT755_UPDATE_README=1 cargo test -p contact755 --test readme\n--- README\n{current}\n--- rules()\n{want}"
        );
    }
}

/// The README's settings table (written by hand: its meanings and defaults are prose) names
/// every setting of the core, in the core's order, and nothing else: adding a setting to
/// `core/src/policy/mod.rs` fails here until the docs say what it is.
#[test]
fn the_readme_settings_table_names_every_setting() {
    let (_, readme) = readme();
    let header = "| setting | `norwalk-2016` | meaning |\n|---|---|---|\n";
    let start = readme.find(header).expect("README.md has the settings table") + header.len();
    let names: Vec<&str> = readme[start..]
        .lines()
        .take_while(|l| l.starts_with("| `"))
        .filter_map(|l| l.strip_prefix("| `")?.split('`').next())
        .collect();
    assert_eq!(names, contact755::SETTING_NAMES, "README.md's settings table");
}
