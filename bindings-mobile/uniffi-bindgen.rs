//! The UniFFI generator, built from this workspace so that its version always equals the
//! `uniffi` crate the library uses.
//!
//! ```text
//! cargo run -p contact755-mobile --features bindgen --bin uniffi-bindgen -- generate \
//!     --library target/debug/libcontact755_mobile.so --language kotlin --out-dir DIR --no-format
//! ```

fn main() {
    uniffi::uniffi_bindgen_main()
}
