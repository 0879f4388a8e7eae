//! The checked-in header `include/contact755.h` is what cbindgen makes of the crate today.
//!
//! The test regenerates the header into memory and fails when the file differs; with
//! `C755_BLESS_HEADER=1` it rewrites the file instead:
//!
//! ```text
//! C755_BLESS_HEADER=1 cargo test -p contact755-c --test header
//! ```

use std::path::Path;

fn generate() -> String {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = cbindgen::Config::from_file(crate_dir.join("cbindgen.toml")).expect("cbindgen.toml reads");
    let bindings = cbindgen::Builder::new()
        .with_crate(crate_dir)
        .with_config(config)
        .generate()
        .expect("cbindgen generates the header");
    let mut out = Vec::new();
    bindings.write(&mut out);
    String::from_utf8(out).expect("the header is UTF-8")
}

#[test]
fn the_checked_in_header_is_fresh() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("include/contact755.h");
    let generated = generate();
    if std::env::var_os("C755_BLESS_HEADER").is_some_and(|v| v == "1") {
        std::fs::write(&path, &generated).expect("the header is writable");
        return;
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    if checked_in != generated {
        let first = checked_in
            .lines()
            .zip(generated.lines())
            .position(|(a, b)| a != b)
            .map_or_else(|| checked_in.lines().count().min(generated.lines().count()) + 1, |i| i + 1);
        panic!(
            "{} is stale (first difference at line {first}); regenerate it with\n  \
             C755_BLESS_HEADER=1 cargo test -p contact755-c --test header",
            path.display()
        );
    }
}

/// Every exported function is declared, and no Rust-only item leaked into the header.
#[test]
fn the_header_declares_the_interface() {
    let header = generate();
    let lib = include_str!("../src/lib.rs").to_string()
        + include_str!("../src/vector.rs")
        + include_str!("../src/tables.rs");
    let exported: Vec<&str> = lib
        .split("pub unsafe extern \"C\" fn ")
        .skip(1)
        .chain(lib.split("pub extern \"C\" fn ").skip(1))
        .filter_map(|rest| rest.split('(').next())
        .collect();
    assert!(exported.len() >= 20, "{exported:?}");
    for name in exported {
        let declared = header.contains(&format!("{name}("));
        assert_eq!(declared, name != "c755_test_panic", "{name}");
    }
    for opaque in [
        "typedef struct C755Policy C755Policy;",
        "typedef struct C755Vector C755Vector;",
        "typedef struct C755Mapping C755Mapping;",
    ] {
        assert!(header.contains(opaque), "{opaque}");
    }
    assert!(header.contains("#define C755_ERROR_INTERNAL 101"));
    assert!(header.contains("#define C755_ERROR_MAPPING 200"));
    assert!(header.contains("typedef struct C755Table {"));
    assert!(!header.contains("EMPTY"), "Rust-only constants stay out of the header");
    assert!(!header.contains("//"), "block comments only, for C89");
    // Some compilers (MSVC under a legacy code page) warn on any other byte.
    assert!(header.is_ascii(), "the header is ASCII");
}
