//! The station's settings (SPEC §3 "Policy" and §6): presets, rule settings, the clearance code
//! format and the policy's fingerprint.
//!
//! Every setting is declared once, in the `settings!` invocation below: its doc, its type and
//! how an override merges into it. The struct [`Policy`], the partial-override reader (JSON and
//! TOML) and the bindings' view of the settings (through serde) all come from that one list,
//! so adding a setting touches that list and the docs.
//!
//! A preset is a policy file embedded in the crate (`core/presets/*.toml`), read by the same
//! reader as a station's own file. The Norwalk order's severities and sentences stand beside
//! each rule in the catalog (`rules.rs`); the `norwalk-2016` file names the station and its
//! order, and the `compton-2018` file overrides every citation.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{render_path, InputError, InputErrorKind, PolicyError};
use crate::model::Role;
use crate::rules::{Rule, RuleId, Severity, CATALOG};

mod canonical;
mod code_pattern;
mod presets;

pub use code_pattern::{is_well_formed_code, CodePattern, DEFAULT_CODE_PATTERN};
pub use presets::{preset_file, presets};

/// The order a policy encodes: shown in reports, it changes no finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Directive {
    /// The order's number or name (`Norwalk Station Unit Order 16-02`).
    pub id: String,
    /// Its title (`Logging Community Relations Contacts`).
    pub title: String,
    /// The day it was issued, when known.
    #[serde(default, deserialize_with = "optional_date")]
    pub issued: Option<NaiveDate>,
}

/// How a policy applies one (non-data) rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSetting {
    /// `violation` (the order says *shall*) or `advisory` (*should*).
    pub severity: Severity,
    /// The order's sentence the rule rests on.
    pub citation: String,
    /// `false` turns the rule off: it never fires.
    pub enabled: bool,
}

/// An override of one rule: each key given replaces the base's, key by key.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleOverride {
    #[serde(default)]
    severity: Option<Severity>,
    #[serde(default)]
    citation: Option<String>,
    #[serde(default)]
    enabled: Option<bool>,
}

/// Every non-data rule's setting, keyed by rule id (in catalog order).
pub type RuleSettings = BTreeMap<RuleId, RuleSetting>;

/// How an override of a setting merges into the base: replaced whole, or (for `rules`) rule by
/// rule and key by key.
trait Merge: Sized {
    type Override: for<'de> Deserialize<'de>;
    fn merge(&mut self, with: Self::Override);
}

macro_rules! replaced {
    ($($ty:ty),*) => {$(
        impl Merge for $ty {
            type Override = $ty;
            fn merge(&mut self, with: $ty) {
                *self = with;
            }
        }
    )*};
}
replaced!(String, u32, Vec<String>, Vec<Role>, Directive, CodePattern);

impl Merge for RuleSettings {
    type Override = BTreeMap<String, RuleOverride>;
    fn merge(&mut self, with: Self::Override) {
        // Ids were checked by `check_rule_overrides` before merging; unknown ones are skipped.
        for (id, o) in with {
            let Some(setting) = RuleId::from_id(&id).and_then(|id| self.get_mut(&id)) else { continue };
            if let Some(s) = o.severity {
                setting.severity = s;
            }
            if let Some(c) = o.citation {
                setting.citation = c;
            }
            if let Some(e) = o.enabled {
                setting.enabled = e;
            }
        }
    }
}

macro_rules! settings {
    ($( $(#[doc = $doc:literal])* $name:ident : $ty:ty ;)*) => {
        /// A station's settings: `Policy::norwalk_2016()` is the directive as written,
        /// `Policy::preset("compton-2018")` Compton's order.
        ///
        /// Numbers the order does not give are station settings; `0` turns that check off.
        /// Build one from a preset plus a partial override with [`Policy::from_json`] or
        /// [`Policy::from_toml`]; the key `preset` picks the base (default `norwalk-2016`).
        ///
        /// ```
        /// use contact755::Policy;
        /// let p = Policy::from_toml("min_contacts_per_shift = 2").unwrap();
        /// assert_eq!(p.min_contacts_per_shift, 2);
        /// assert_eq!(p.community_relations_code, "755");
        /// let c = Policy::from_toml("preset = \"compton-2018\"").unwrap();
        /// assert_eq!(c.station, "Compton Station");
        /// ```
        #[derive(Debug, Clone, PartialEq, Eq, Serialize)]
        pub struct Policy {
            $( $(#[doc = $doc])* pub $name: $ty, )*
        }

        /// A partial policy: every setting optional; `null` keeps the base's.
        #[derive(Debug, Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        struct PolicyOverrides {
            $( #[serde(default)] $name: Option<<$ty as Merge>::Override>, )*
        }

        /// The names of every setting, in the report's order.
        pub const SETTING_NAMES: &[&str] = &[$( stringify!($name) ),*];

        impl Policy {
            fn apply(mut self, o: PolicyOverrides) -> Policy {
                $( if let Some(v) = o.$name { Merge::merge(&mut self.$name, v); } )*
                self
            }

            /// The names of the settings a (preset) file left out.
            fn missing(o: &PolicyOverrides) -> Vec<&'static str> {
                let mut out = Vec::new();
                $( if o.$name.is_none() { out.push(stringify!($name)); } )*
                out
            }
        }
    };
}

settings! {
    /// The preset this policy is built on (`norwalk-2016`, `compton-2018`).
    preset: String;
    /// The station's name, printed in reports.
    station: String;
    /// The order this policy encodes (id, title, date issued).
    directive: Directive;
    /// The clearance code that documents a community-relations contact ("755").
    community_relations_code: String;
    /// The regular expression a whole trimmed clearance code must match to be well-formed
    /// (default `[0-9A-Za-z]{1,8}`).
    clearance_code_pattern: CodePattern;
    /// The areas the order covers (Norwalk: "the Reporting Districts of Norwalk, La Mirada,
    /// and, Unincorporated Whittier"), compared case-insensitively after trimming and
    /// collapsing white space. Reports use this spelling.
    covered_areas: Vec<String>;
    /// Roles whose members may review Deputy Daily Worksheets (the orders: sergeants).
    reviewer_roles: Vec<Role>;
    /// How many entries with a valid 755 make a covered shift's contact "regular"
    /// (`FP-REGULAR`); 0 turns the check off.
    min_contacts_per_shift: u32;
    /// A sergeant's briefing counts for this many days, the briefing day included
    /// ("re-current", `SGT-BRIEFING`); 0 turns the check off.
    briefing_interval_days: u32;
    /// The fewest cards a checked patrol vehicle may hold ("a supply",
    /// `SGT-CARD-SUPPLY-LOW`); 0 turns the check off.
    min_cards_in_vehicle: u32;
    /// A vehicle check counts for this many days, its own day included
    /// (`SGT-CARD-SUPPLY-UNCHECKED`); 0 turns the check off.
    card_check_interval_days: u32;
    /// How this policy applies each non-data rule: severity, citation, enabled.
    rules: RuleSettings;
}

impl Default for Policy {
    fn default() -> Self {
        Policy::norwalk_2016()
    }
}

impl Policy {
    /// Norwalk Station's order 16-02 of March 16, 2016 (the `norwalk-2016` preset), with the
    /// documented defaults for the settings it leaves open.
    pub fn norwalk_2016() -> Policy {
        // The embedded preset is tested to load; this never falls back in practice.
        Policy::preset(presets::NORWALK_2016).unwrap_or_else(|_| Policy::catalog_base())
    }

    /// The preset of that name (see [`presets()`]).
    ///
    /// ```
    /// let p = contact755::Policy::preset("compton-2018").unwrap();
    /// assert_eq!(p.directive.id, "Compton Station 18-001");
    /// assert!(contact755::Policy::preset("lakewood").is_err());
    /// ```
    pub fn preset(name: &str) -> Result<Policy, PolicyError> {
        let text = presets::text(name).ok_or_else(|| unknown_preset(name))?;
        let overrides = read_toml(text)?;
        let missing = Policy::missing(&overrides);
        // A preset is a complete policy: every setting but `rules` (whose base is the catalog).
        if let Some(key) = missing.iter().find(|k| **k != "rules") {
            return Err(PolicyError::at(InputErrorKind::MissingField, *key, "a preset gives every setting"));
        }
        if overrides.preset.as_deref() != Some(name) {
            return Err(PolicyError::at(InputErrorKind::InvalidValue, "preset", "a preset names itself"));
        }
        check_rule_overrides(&overrides)?;
        Policy::catalog_base().apply(overrides).validated()
    }

    /// The base of every preset: each non-data rule as the catalog's row gives it (the Norwalk
    /// order's severity and sentence, enabled), and placeholders the preset file replaces.
    fn catalog_base() -> Policy {
        let rules = CATALOG
            .iter()
            .filter(|d| !d.is_data())
            .map(|d| {
                let citation = d.citation.unwrap_or_default().to_string();
                (d.id, RuleSetting { severity: d.severity, citation, enabled: true })
            })
            .collect();
        Policy {
            preset: String::new(),
            station: String::new(),
            directive: Directive { id: String::new(), title: String::new(), issued: None },
            community_relations_code: "755".into(),
            clearance_code_pattern: CodePattern::default(),
            covered_areas: Vec::new(),
            reviewer_roles: vec![Role::Sergeant],
            min_contacts_per_shift: 1,
            briefing_interval_days: 30,
            min_cards_in_vehicle: 10,
            card_check_interval_days: 7,
            rules,
        }
    }

    /// A preset (the one `preset` names, default `norwalk-2016`) overridden field by field by
    /// a JSON object such as `{"min_contacts_per_shift": 2}`. Unknown fields, wrong types and
    /// nonsensical settings are rejected with the setting's path (`rules.FP-CARD.severity`).
    ///
    /// ```
    /// let p = contact755::Policy::from_json(r#"{"reviewer_roles": ["sergeant", "lieutenant"]}"#).unwrap();
    /// assert_eq!(p.reviewer_roles.len(), 2);
    /// assert!(contact755::Policy::from_json(r#"{"min_contact_per_shift": 2}"#).is_err());
    /// ```
    pub fn from_json(json: impl AsRef<[u8]>) -> Result<Policy, PolicyError> {
        let overrides: PolicyOverrides = crate::model::read::parse_json(json.as_ref())?;
        Policy::from_overrides(overrides)
    }

    /// A preset overridden field by field by a TOML document (`min_cards_in_vehicle = 20`).
    pub fn from_toml(toml_text: &str) -> Result<Policy, PolicyError> {
        Policy::from_overrides(read_toml(toml_text)?)
    }

    /// A preset overridden by a policy object read from any serde data format (a Python `dict`
    /// through `pythonize`, say), with the path of the first problem.
    pub(crate) fn from_deserializer<'de, D: serde::Deserializer<'de>>(de: D) -> Result<Policy, PolicyError> {
        let overrides: PolicyOverrides = serde_path_to_error::deserialize(de).map_err(|e| {
            let message = crate::error::redact_serde_message(&e.inner().to_string());
            PolicyError::at(crate::error::classify_message(&message), render_path(e.path()), message)
        })?;
        Policy::from_overrides(overrides)
    }

    fn from_overrides(overrides: PolicyOverrides) -> Result<Policy, PolicyError> {
        check_rule_overrides(&overrides)?;
        let base = match overrides.preset.as_deref() {
            Some(name) => Policy::preset(name).map_err(|_| unknown_preset(name))?,
            None => Policy::norwalk_2016(),
        };
        base.apply(overrides).validated()
    }

    /// Checks that the settings make sense: a non-blank directive id and title, a
    /// community relations code that is well-formed under the pattern, at least one covered
    /// area (none blank), at least one reviewer role, every non-data rule set with a
    /// violation or advisory severity and a non-blank citation.
    pub fn validate(&self) -> Result<(), PolicyError> {
        let invalid = |path: String, msg: &str| Err(PolicyError::at(InputErrorKind::InvalidValue, path, msg));
        if self.preset.trim().is_empty() {
            return invalid("preset".into(), "the preset's name must not be blank");
        }
        if self.directive.id.trim().is_empty() {
            return invalid("directive.id".into(), "the directive's id must not be blank");
        }
        if self.directive.title.trim().is_empty() {
            return invalid("directive.title".into(), "the directive's title must not be blank");
        }
        if !self.is_well_formed_code(&self.community_relations_code) {
            return invalid(
                "community_relations_code".into(),
                "the community relations code must be well-formed under clearance_code_pattern",
            );
        }
        if self.covered_areas.is_empty() {
            return invalid("covered_areas".into(), "at least one covered area is needed");
        }
        if let Some(i) = self.covered_areas.iter().position(|a| a.trim().is_empty()) {
            return invalid(format!("covered_areas[{i}]"), "an area name must not be blank");
        }
        if self.reviewer_roles.is_empty() {
            return invalid("reviewer_roles".into(), "at least one reviewer role is needed");
        }
        for def in CATALOG.iter().filter(|d| !d.is_data()) {
            let id = def.id.as_str();
            let Some(setting) = self.rules.get(&def.id) else {
                return Err(PolicyError::at(
                    InputErrorKind::MissingField,
                    format!("rules.{id}"),
                    "every rule needs a setting",
                ));
            };
            if setting.severity == Severity::Data {
                return invalid(format!("rules.{id}.severity"), "a rule's severity is violation or advisory");
            }
            if setting.citation.trim().is_empty() {
                return invalid(format!("rules.{id}.citation"), "a rule's citation must not be blank");
            }
        }
        if let Some(id) = self.rules.keys().find(|id| id.is_data()) {
            return invalid(format!("rules.{id}"), "data rules have no settings");
        }
        Ok(())
    }

    fn validated(self) -> Result<Policy, PolicyError> {
        self.validate().map(|()| self)
    }

    /// The catalog as this policy applies it: each rule's severity, citation and whether it is
    /// enabled (data rules: `data`, no citation, always enabled).
    pub fn rules(&self) -> Vec<Rule> {
        CATALOG
            .iter()
            .map(|d| {
                let setting = self.rules.get(&d.id);
                Rule {
                    id: d.id,
                    severity: setting.map_or(d.severity, |s| s.severity),
                    enabled: setting.is_none_or(|s| s.enabled),
                    scope: d.scope,
                    subject: d.subject,
                    title: d.title,
                    checks: d.checks,
                    citation: setting.map(|s| s.citation.clone()),
                    example: d.example,
                }
            })
            .collect()
    }

    /// The order this policy encodes.
    pub fn directive(&self) -> &Directive {
        &self.directive
    }

    /// Whether this policy applies `rule` (data rules always apply).
    pub fn is_enabled(&self, rule: RuleId) -> bool {
        self.rules.get(&rule).is_none_or(|s| s.enabled)
    }

    /// The severity of `rule`'s findings under this policy.
    pub fn severity(&self, rule: RuleId) -> Severity {
        self.rules.get(&rule).map_or(rule.def().severity, |s| s.severity)
    }

    /// The sentence `rule` rests on under this policy (`None` for data rules).
    pub fn citation(&self, rule: RuleId) -> Option<&str> {
        self.rules.get(&rule).map(|s| s.citation.as_str())
    }

    /// Whether a trimmed clearance code is well-formed: not empty, and the whole of it matches
    /// `clearance_code_pattern`.
    pub fn is_well_formed_code(&self, code: &str) -> bool {
        self.clearance_code_pattern.malformed_reason(code).is_none()
    }

    /// This policy as a pretty JSON object, every setting spelled out (the report's `policy`).
    pub fn to_json(&self) -> String {
        // A struct of strings, lists, maps with string keys and integers always serializes.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// This policy in the canonical form of RFC 8785 (keys sorted, no white space): the bytes
    /// [`Policy::fingerprint`] hashes.
    pub fn canonical_json(&self) -> String {
        canonical::canonical_json(&serde_json::to_value(self).unwrap_or_default())
    }

    /// The policy's fingerprint: the lowercase hex SHA-256 of [`Policy::canonical_json`]
    /// (the report's `policy_sha256`). Two policies that apply the same rules have the same
    /// fingerprint, whatever file they came from.
    ///
    /// ```
    /// use contact755::Policy;
    /// let a = Policy::from_json(r#"{"min_cards_in_vehicle": 10}"#).unwrap();
    /// assert_eq!(a.fingerprint(), Policy::norwalk_2016().fingerprint());
    /// assert_eq!(a.fingerprint().len(), 64);
    /// ```
    pub fn fingerprint(&self) -> String {
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(self.canonical_json().as_bytes());
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// A policy object read back (the report's `policy`, or any policy file's JSON): the same
/// reader as [`Policy::from_json`], so every setting is checked.
impl<'de> Deserialize<'de> for Policy {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let overrides = PolicyOverrides::deserialize(d)?;
        Policy::from_overrides(overrides).map_err(|e| serde::de::Error::custom(e.message))
    }
}

fn unknown_preset(name: &str) -> PolicyError {
    let known = presets().join(", ");
    PolicyError::at(
        InputErrorKind::InvalidValue,
        "preset",
        format!("unknown preset {}; the presets are {known}", crate::error::quote(name)),
    )
}

/// Rule ids of an override: known, and not a data rule's (SPEC §6.2).
fn check_rule_overrides(o: &PolicyOverrides) -> Result<(), PolicyError> {
    for id in o.rules.iter().flat_map(|r| r.keys()) {
        match RuleId::from_id(id) {
            Some(rule) if !rule.is_data() => {}
            Some(_) => {
                return Err(PolicyError::at(
                    InputErrorKind::InvalidValue,
                    format!("rules.{id}"),
                    "data rules have no settings",
                ))
            }
            None => {
                return Err(PolicyError::at(
                    InputErrorKind::UnknownField,
                    format!("rules.{id}"),
                    format!("unknown rule id {}", crate::error::quote(id)),
                ))
            }
        }
    }
    Ok(())
}

fn read_toml(toml_text: &str) -> Result<PolicyOverrides, PolicyError> {
    let de = toml::de::Deserializer::parse(toml_text)
        .map_err(|e| PolicyError::from(crate::error::from_toml_error(&e, toml_text)))?;
    serde_path_to_error::deserialize(de).map_err(|e| {
        let mut err = crate::error::from_toml_error(e.inner(), toml_text);
        err.path = render_path(e.path());
        if !err.path.is_empty() || err.message.starts_with("unknown field") {
            err.kind = crate::error::classify_message(&err.message);
        }
        PolicyError::from(err)
    })
}

fn optional_date<'de, D: serde::Deserializer<'de>>(de: D) -> Result<Option<NaiveDate>, D::Error> {
    Option::<String>::deserialize(de)?
        .map(|s| crate::model::parse_date(&s).map_err(serde::de::Error::custom))
        .transpose()
}

impl PolicyError {
    /// An error about the setting at `path`.
    pub(crate) fn at(kind: InputErrorKind, path: impl Into<String>, message: impl Into<String>) -> Self {
        PolicyError::from(InputError::at(kind, path, message))
    }
}

#[cfg(test)]
mod tests;
