//! The README's rule table is generated from `rules()`: this test renders it and fails when the
//! README differs. `CONTACT755_UPDATE_README=1 cargo test -p contact755 --test readme` rewrites
//! the table in place.

use std::path::Path;

const BEGIN: &str = "<!-- rules table: generated from contact755::rules() by tests/readme.rs -->\n";
const END: &str = "<!-- end of rules table -->\n";

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
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
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
