//! The presets: policy files embedded in the crate (`core/presets/`), read by the same reader
//! as a station's own file. A third station is one more file and one more row below.

/// The name of the Norwalk preset, the default base of every policy.
pub(crate) const NORWALK_2016: &str = "norwalk-2016";

/// Every preset: its name and its file.
const PRESETS: &[(&str, &str)] = &[
    (NORWALK_2016, include_str!("../../presets/norwalk-2016.toml")),
    ("compton-2018", include_str!("../../presets/compton-2018.toml")),
];

/// The names of the presets, `norwalk-2016` first.
///
/// ```
/// assert_eq!(contact755::presets(), ["norwalk-2016", "compton-2018"]);
/// ```
pub fn presets() -> Vec<&'static str> {
    PRESETS.iter().map(|(name, _)| *name).collect()
}

/// The policy file of the preset `name`.
pub(crate) fn text(name: &str) -> Option<&'static str> {
    PRESETS.iter().find(|(n, _)| *n == name).map(|(_, text)| *text)
}

/// The policy file of the preset `name`, as embedded: what a station copies to start its own.
///
/// ```
/// assert!(contact755::preset_file("compton-2018").unwrap().contains("Compton Station"));
/// ```
pub fn preset_file(name: &str) -> Option<&'static str> {
    text(name)
}
