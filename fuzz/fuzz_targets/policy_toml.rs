//! UTF-8 bytes → `Policy::from_toml`. An accepted policy validates, and its `to_json()` reads
//! back through `from_json` to an equal policy.
#![no_main]

use contact755::Policy;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(policy) = Policy::from_toml(text) else { return };
    assert!(policy.validate().is_ok(), "accepted policy does not validate: {policy:?}");
    let back = Policy::from_json(policy.to_json()).expect("to_json output is accepted");
    assert_eq!(back, policy, "policy does not round-trip through to_json");
    // SPEC §6.3: the same rules, the same fingerprint, whichever text they came from.
    assert_eq!(back.fingerprint(), policy.fingerprint(), "the fingerprint changed through to_json");
    assert_eq!(policy.fingerprint().len(), 64);
});
